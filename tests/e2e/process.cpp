#include "tests/e2e/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <thread>

namespace dateline::test {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Limits {
  std::optional<std::chrono::milliseconds> time;  // then killed
  std::optional<rlim_t> file_size;
};

// Runs argv with the given stdin and limits.
ProcessResult run(const std::vector<std::string>& argv, const std::string& stdin_path,
                  Limits limits) {
  std::optional<std::chrono::milliseconds>& limit = limits.time;
  TempDir capture;
  const std::string out_path = (capture.path() / "out").string();
  const std::string err_path = (capture.path() / "err").string();
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = open(stdin_path.c_str(), O_RDONLY);
    if (out < 0 || err < 0 || in < 0) _exit(126);
    if (limits.file_size) {
      signal(SIGXFSZ, SIG_IGN);  // kept across exec
      const rlimit size{*limits.file_size, *limits.file_size};
      if (setrlimit(RLIMIT_FSIZE, &size) != 0) _exit(126);
    }
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  ProcessResult result;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, limit ? WNOHANG : 0);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error("waitpid failed");
    if (done == 0) {
      if (std::chrono::steady_clock::now() - started > *limit) {
        result.timed_out = true;
        kill(pid, SIGKILL);
        limit.reset();  // now wait for it to go
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  // A sanitizer's report from the binary under test goes to the test's own
  // output, where CTest shows it, whatever the test then checks.
  if (result.err.find("Sanitizer") != std::string::npos ||
      result.err.find("runtime error:") != std::string::npos) {
    std::cerr << "stderr of " << argv[0] << ":\n" << result.err << std::flush;
  }
  return result;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_path) {
  return run(argv, stdin_path, {});
}

ProcessResult run_process_within(std::chrono::milliseconds limit,
                                 const std::vector<std::string>& argv,
                                 const std::string& stdin_path) {
  Limits limits;
  limits.time = limit;
  return run(argv, stdin_path, limits);
}

ProcessResult run_process_with_file_limit(std::size_t bytes, const std::vector<std::string>& argv) {
  Limits limits;
  limits.file_size = bytes;
  return run(argv, "/dev/null", limits);
}

pid_t start_process(const std::vector<std::string>& argv, const std::string& stderr_path) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int null = open("/dev/null", O_RDWR);
    const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(err < 0 ? null : err, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

}  // namespace dateline::test

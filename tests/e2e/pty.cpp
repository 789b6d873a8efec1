#include "tests/e2e/pty.hpp"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace dateline::test {

using Clock = std::chrono::steady_clock;

namespace {

std::chrono::milliseconds remaining(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::max(left, std::chrono::milliseconds(0));
}

}  // namespace

std::string strip_escapes(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c == 0x1B) {
      if (i + 1 >= raw.size()) break;
      const char kind = raw[i + 1];
      i += 2;
      if (kind == '[') {
        // CSI: parameters, then one final byte in @..~.
        while (i < raw.size() && !(raw[i] >= '@' && raw[i] <= '~')) ++i;
        ++i;
      } else if (kind == ']') {
        // OSC: up to BEL or ESC backslash.
        while (i < raw.size() && raw[i] != '\a' && raw[i] != 0x1B) ++i;
        i += i < raw.size() && raw[i] == 0x1B ? 2 : 1;
      } else if (kind == '(' || kind == ')' || kind == '*' || kind == '+') {
        ++i;  // character set designation: one more byte
      }
      continue;
    }
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      ++i;
      continue;
    }
    out += raw[i++];
  }
  return out;
}

PtyProcess::PtyProcess(const PtyOptions& options) {
  // Everything the child needs is built before fork.
  std::vector<std::string> environment;
  for (const auto& [name, value] : options.environment) environment.push_back(name + "=" + value);
  std::vector<char*> argv;
  for (const std::string& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  winsize size{};
  size.ws_col = options.columns;
  size.ws_row = options.rows;
  m_pid = forkpty(&m_master, nullptr, nullptr, &size);
  if (m_pid < 0) throw std::runtime_error("forkpty failed");
  if (m_pid == 0) {
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
}

PtyProcess::~PtyProcess() {
  if (!m_reaped && m_pid > 0) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  if (m_master >= 0) close(m_master);
}

void PtyProcess::send(std::string_view keys) {
  while (!keys.empty()) {
    const ssize_t written = write(m_master, keys.data(), keys.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("writing to the pty failed");
    }
    keys.remove_prefix(static_cast<std::size_t>(written));
  }
}

bool PtyProcess::pump(std::chrono::milliseconds timeout) {
  if (m_eof) return false;
  pollfd fd{m_master, POLLIN, 0};
  const int ready = poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready < 0) return errno == EINTR;
  if (ready == 0) return true;
  char buffer[4096];
  const ssize_t got = read(m_master, buffer, sizeof buffer);
  if (got > 0) {
    m_raw.append(buffer, static_cast<std::size_t>(got));
    return true;
  }
  if (got < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  m_eof = true;  // EIO: the child closed its side
  return false;
}

bool PtyProcess::wait_until(const std::function<bool(const std::string& screen)>& done,
                            std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (done(screen())) return true;
    if (Clock::now() >= deadline) return false;
    if (!pump(std::min(remaining(deadline), std::chrono::milliseconds(100)))) {
      return done(screen());  // the child has gone: nothing more will come
    }
  }
}

bool PtyProcess::wait_for(std::string_view text, std::size_t from,
                          std::chrono::milliseconds timeout) {
  return wait_until(
      [&](const std::string& shown) {
        return from <= shown.size() && shown.find(text, from) != std::string::npos;
      },
      timeout);
}

std::string PtyProcess::screen() const { return strip_escapes(m_raw); }

int PtyProcess::wait_exit(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!m_reaped) {
    int status = 0;
    const pid_t done = waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid) {
      m_reaped = true;
      m_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      while (pump(std::chrono::milliseconds(0)) && !m_eof) {
        // Collect what the child wrote before it went.
        pollfd fd{m_master, POLLIN, 0};
        if (poll(&fd, 1, 0) <= 0) break;
      }
      break;
    }
    if (Clock::now() >= deadline) return -1;
    if (!pump(std::min(remaining(deadline), std::chrono::milliseconds(50)))) {
      // Output closed; the child is exiting. Give waitpid a moment.
      usleep(10000);
    }
  }
  return m_status;
}

}  // namespace dateline::test

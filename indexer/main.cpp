// dateline-index: parses the command line, runs the indexer, and maps
// errors to exit codes (0 done, 1 failed, 2 bad usage, 130 interrupted),
// through cli::run_main.
#include <xapian.h>

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <exception>
#include <iostream>
#include <string>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "indexer/index_cli.hpp"
#include "indexer/indexer.hpp"

namespace {

// Set by SIGINT/SIGTERM; the indexer finishes the files in hand, commits
// and returns. A second signal kills the process the default way.
std::atomic<bool> g_stop{false};

extern "C" void request_stop(int signal_number) {
  g_stop.store(true);
  std::signal(signal_number, SIG_DFL);
}

// The index being written, for the last-resort error line below.
std::string g_db_path;

// What an error that concerns the index starts with: "index 'DIR': ".
std::string about_index(const std::string& db_path) {
  return db_path.empty() ? "" : "index '" + db_path + "': ";
}

// Xapian 1.4.22 can end the process through std::terminate when a write
// fails inside WritableDatabase::commit: on a full disk the exception
// unwinds into a frame of Xapian's that may not throw (reproduced with
// --jobs 1 on a 4 MiB tmpfs; the call stack is all inside commit). The
// index is then as after a kill, at its last commit; say so in one line,
// as for any other error, and exit 1 instead of aborting.
[[noreturn]] void report_terminate() {
  // The exception is not always reachable from here (it is not, when it
  // left a noexcept destructor), hence the general words.
  std::string what = "a write failed inside Xapian, which could not recover (is the disk full?)";
  if (const std::exception_ptr failure = std::current_exception()) {
    try {
      std::rethrow_exception(failure);
    } catch (...) {
      what = dateline::cli::current_failure({}).message;
    }
  }
  const std::string line =
      "dateline-index: " + about_index(g_db_path) + what + "; the index is as at its last commit\n";
  [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, line.data(), line.size());
  // A fresh build's databases are of no use now, and on a full disk they
  // are what filled it; and the index's lock file is released.
  dateline::abandon_run_in_progress();
  _exit(dateline::cli::k_exit_error);
}

// The index run: signals and a last-resort error line set up, progress
// chosen for stderr, run_index called, its summary printed.
int run_indexer(dateline::IndexCommandLine& command_line) {
  using namespace dateline;
  g_db_path = command_line.params.db_path;
  std::set_terminate(report_terminate);
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  command_line.params.stop = &g_stop;
  if (command_line.params.verbosity != Verbosity::quiet) {
    command_line.params.progress =
        isatty(STDERR_FILENO) ? ProgressStyle::live_line : ProgressStyle::log_lines;
  }
  const IndexSummary summary = run_index(command_line.params, std::cerr, std::cout);
  // With --entities, stdout is JSON lines only; the summary goes to stderr.
  std::ostream& summary_stream =
      command_line.params.list_entities == ListEntities::yes ? std::cerr : std::cout;
  summary_stream << (command_line.summary == SummaryFormat::json ? summary.to_json()
                                                                 : summary.one_line())
                 << '\n';
  if (summary.interrupted) {
    std::cerr << "dateline-index: interrupted; the work done is saved, run again to finish\n";
    return cli::k_exit_interrupted;
  }
  return cli::k_exit_ok;
}

// A Xapian error is mostly the disk failing under the index (full,
// read-only, I/O errors), so its message names the index.
dateline::cli::ErrorPolicy index_errors(const dateline::IndexCommandLine& command_line) {
  return {.rules = {}, .xapian_prefix = about_index(command_line.params.db_path)};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace dateline;
  return cli::run_main<IndexCommandLine>(
      {"dateline-index", parse_index_command_line, index_usage, run_indexer, index_errors}, argc,
      argv);
}

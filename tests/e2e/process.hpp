// Running a real binary from an end-to-end test: argv in, exit status and
// captured stdout and stderr out. No shell is involved, so arguments need
// no quoting.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>
#include "tests/temp_dir.hpp"

namespace dateline::test {

// What the end-to-end tests run on: the binaries under test and the
// corpus, passed in by CMake (tests/CMakeLists.txt), as ccache's suites do.
inline const std::string k_index_bin = DATELINE_INDEX_BIN;
inline const std::string k_search_bin = DATELINE_SEARCH_BIN;
inline const std::string k_corpus = DATELINE_CORPUS_DIR;
inline const std::string k_example = DATELINE_EXAMPLE_ARTICLE;

struct ProcessResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  int signal = 0;      // the signal that ended it, if one did
  bool timed_out = false;
  double seconds = 0;  // wall time from start to exit
  std::string out;
  std::string err;
};

// Runs argv[0] with stdin from `stdin_path` (default /dev/null).
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::string& stdin_path = "/dev/null");

// The same, as a hang guard: a process still running after `limit` is
// killed with SIGKILL and comes back with `timed_out` set.
ProcessResult run_process_within(std::chrono::milliseconds limit,
                                 const std::vector<std::string>& argv,
                                 const std::string& stdin_path = "/dev/null");

// The same with the file size limit (RLIMIT_FSIZE) at `bytes` and SIGXFSZ
// ignored, so that a write growing any file past it fails with EFBIG: a
// stand-in for a full disk where no small file system can be mounted.
ProcessResult run_process_with_file_limit(std::size_t bytes, const std::vector<std::string>& argv);

// Starts argv[0] in the background, its stdout discarded and its stderr
// written to `stderr_path` (discarded by default); the caller waits for (or
// signals) the returned pid. Throws std::runtime_error if fork fails.
pid_t start_process(const std::vector<std::string>& argv,
                    const std::string& stderr_path = "/dev/null");

}  // namespace dateline::test

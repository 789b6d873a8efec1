// Running a real binary from an end-to-end test: argv in, exit status and
// captured stdout and stderr out. No shell is involved, so arguments need
// no quoting.
#pragma once

#include <sys/types.h>

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
  std::string out;
  std::string err;
};

// Runs argv[0] with stdin from `stdin_path` (default /dev/null).
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::string& stdin_path = "/dev/null");

// Starts argv[0] in the background, its output discarded; the caller waits
// for (or signals) the returned pid. Throws std::runtime_error if fork fails.
pid_t start_process(const std::vector<std::string>& argv);

}  // namespace dateline::test

// Walks the inputs of an indexing run: files are yielded as they are, and
// directories recursively in sorted order (so runs are deterministic).
// Hidden entries (names starting with '.') are skipped; symbolic links to
// directories are not followed, so a link loop cannot trap the walk.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/reader.hpp"

namespace dateline {

struct WalkCallbacks {
  std::function<void(const std::filesystem::path&)> on_file;
  // An entry that could not be visited (unreadable directory, FIFO, device).
  std::function<void(const ReadProblem&)> on_problem;
  // When set, asked before each entry: true ends the walk there.
  std::function<bool()> done;
};

// Throws dateline::Error naming the first input that does not exist.
void check_inputs_exist(const std::vector<std::string>& inputs);

// Throws dateline::Error when an input does not exist: that is a mistake in
// the command line, not a bad file in an archive.
void walk_inputs(const std::vector<std::string>& inputs, const WalkCallbacks& callbacks);

}  // namespace dateline

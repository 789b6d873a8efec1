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
  // An entry that could not be visited (unreadable directory, FIFO, device,
  // broken link), named by its source_path.
  std::function<void(const ReadProblem&)> on_problem;
  // When set, asked before each entry: true ends the walk there.
  std::function<bool()> done;
};

// The path under which a file is stored in the index and named in reports:
// absolute and normalised ("a/../b.txt" is "<cwd>/b.txt"), links not
// resolved.
std::string source_path(const std::filesystem::path& path);

// Where the walk of `input` starts: the directory a link names when the
// input is a link to a directory (a directory named on the command line is
// walked even through a link), else the input itself.
std::filesystem::path walk_root(const std::string& input);

// Throws dateline::Error naming the first input that does not exist.
void check_inputs_exist(const std::vector<std::string>& inputs);

// Throws dateline::Error when an input does not exist: that is a mistake in
// the command line, not a bad file in an archive.
void walk_inputs(const std::vector<std::string>& inputs, const WalkCallbacks& callbacks);

}  // namespace dateline

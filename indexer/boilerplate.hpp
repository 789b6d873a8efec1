// Boilerplate learnt from the corpus itself: lines that stand at the top or
// bottom of many articles (a site's share buttons, a newsletter footer, a
// desk's sign-off) are page furniture, whatever language they are in and
// whether or not the built-in list knows them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.hpp"
#include "indexer/run_clock.hpp"

namespace dateline {

// The first and last this many non-empty lines of a file are looked at.
inline constexpr std::size_t k_boilerplate_edge_lines = 8;
// At most this many files are sampled: furniture is frequent by definition.
inline constexpr std::size_t k_boilerplate_sample = 5000;

// The lines (by boilerplate_key) found near the edges of at least 3 of the
// sampled text files and of at least 2% of them; none when fewer than 10
// files are given. Lines without a letter, and lines the built-in list
// already knows, are never learnt. The files are read on `threads` threads,
// each counted as working on `clock` when one is given.
BoilerplateSet learn_boilerplate(const std::vector<std::filesystem::path>& text_files,
                                 std::size_t threads = 1, RunClock* clock = nullptr);

// The sample learn_boilerplate reads for a build of `inputs`: the first
// k_boilerplate_sample text files (FileKind::text) of their walk, in walk
// order; the walk stops there. Throws what walk_inputs throws (an input
// that does not exist).
std::vector<std::filesystem::path> boilerplate_sample(const std::vector<std::string>& inputs);

// The set as stored in the index's metadata (keys joined by newlines), and back.
std::string encode_boilerplate(const BoilerplateSet& set);
BoilerplateSet decode_boilerplate(std::string_view stored);

}  // namespace dateline

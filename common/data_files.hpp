// Where the data files that ship with dateline are found: the tagger model
// (common/ner/tagger.hpp) and the gazetteer (common/gazetteer.hpp).
//
// Pure lookups of the file system: thread-safe.
#pragma once

#include <filesystem>
#include <string_view>

namespace dateline {

// The file named by the environment variable `variable` when it is set to a
// regular file; else share/dateline/`name` beside the running binary's
// directory (where the build tree and `cmake --install` put it). Empty
// when neither exists.
std::filesystem::path shipped_data_file(const char* variable, std::string_view name);

}  // namespace dateline

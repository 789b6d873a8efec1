// What a search over a whole index shows, for end-to-end tests that compare
// indexes built different ways (a clean build against one that was
// interrupted, killed or raced and then finished).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace dateline::test {

// The number of matching articles and stories of a query matching every
// article of the index at `db`, and every facet's values and counts (all
// of them, every kind). Fails the calling test when the search does.
nlohmann::json whole_index_state(const std::string& db);

}  // namespace dateline::test

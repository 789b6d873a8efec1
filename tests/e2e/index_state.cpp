#include "tests/e2e/index_state.hpp"

#include <catch2/catch.hpp>

#include "tests/e2e/process.hpp"

namespace dateline::test {

nlohmann::json whole_index_state(const std::string& db) {
  // A pure NOT query matches every article.
  const ProcessResult r = run_process({k_search_bin, "--db", db, "--json", "--limit", "1",
                                       "--facets", "person,location,organization,misc,source,year",
                                       "--facet-limit", "10000", "NOT qqqqqqqq"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const nlohmann::json result = nlohmann::json::parse(r.out);
  return {
      {"articles", result["articles"]}, {"total", result["total"]}, {"facets", result["facets"]}};
}

}  // namespace dateline::test

#include "searcher/shell_state.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace dateline::shell {
namespace {

SearchSettings settings_with_limit(std::size_t limit) {
  SearchSettings settings;
  settings.defaults.limit = limit;
  settings.defaults.mode = MatchMode::any;
  settings.defaults.snippet_bytes = 100;
  settings.facet_kinds = {FacetKind::year};
  settings.facet_limit = 7;
  return settings;
}

}  // namespace

TEST_CASE("a state is active when it has anything to search for", "[searcher][shell]") {
  SearchState state;
  CHECK_FALSE(state.active());
  state.sort = SortOrder::newest;  // an order alone searches nothing
  state.page = 3;
  CHECK_FALSE(state.active());
  const auto with = [](auto change) {
    SearchState changed;
    change(changed);
    return changed.active();
  };
  CHECK(with([](SearchState& s) { s.query = "kerry"; }));
  CHECK(with([](SearchState& s) { s.like_id = "00ff"; }));
  CHECK(with([](SearchState& s) { s.filters = {{Field::year, "2024", Negated::no}}; }));
  CHECK(with([](SearchState& s) { s.dates.from = Date{2024, 1, 1}; }));
  CHECK(with([](SearchState& s) { s.dates.to = Date{2024, 1, 1}; }));
}

TEST_CASE("the request for a page narrows the query by the filters, at the page's offset",
          "[searcher][shell]") {
  SearchState state;
  state.query = "kerry OR lavrov";
  state.filters = {{Field::person, "John Kerry", Negated::no},
                   {Field::location, "Syria", Negated::yes}};
  state.dates.from = Date{2024, 3, 1};
  state.sort = SortOrder::oldest;
  state.page = 2;
  const SearchRequest request = page_request(state, settings_with_limit(5));
  CHECK(request.query == "(kerry OR lavrov) person:\"John Kerry\" NOT location:\"Syria\"");
  CHECK(request.offset == 10);
  CHECK(request.limit == 5);
  CHECK(request.sort == SortOrder::oldest);
  REQUIRE(request.dates.from);
  CHECK(request.dates.from->iso() == "2024-03-01");
  CHECK(request.facets == std::vector<FacetKind>{FacetKind::year});
  CHECK(request.facet_limit == 7);
  // The command line's other settings stay.
  CHECK(request.mode == MatchMode::any);
  CHECK(request.snippet_bytes == 100);
  CHECK(request.filters.empty());
}

TEST_CASE("a state with nothing to search for asks for the whole archive", "[searcher][shell]") {
  const SearchRequest request = page_request(SearchState{}, settings_with_limit(0));
  CHECK(request.query.empty());
  REQUIRE(request.filters.size() == 1);
  CHECK(request.filters[0].get_description() ==
        Xapian::Query(Xapian::Query::MatchAll).get_description());
  CHECK(request.limit == 1);  // a page holds one result at least
}

TEST_CASE("pages are counted from the total", "[searcher][shell]") {
  CHECK(page_count(0, 10) == 1);
  CHECK(page_count(10, 10) == 1);
  CHECK(page_count(11, 10) == 2);
  CHECK(page_count(3, 1) == 3);
  CHECK(page_size(settings_with_limit(0)) == 1);
  CHECK(page_size(settings_with_limit(4)) == 4);
}

TEST_CASE("the searcher's suggestion comes back as the user's own query", "[searcher][shell]") {
  SearchState state;
  state.query = "genva talks";
  state.filters = {{Field::person, "John Kerry", Negated::no}};
  struct Case {
    const char* suggestion;
    const char* shown;
  };
  const Case cases[] = {
      {"(geneva talks) person:\"John Kerry\"", "geneva talks"},
      {"", ""},
      {"(genva talks) person:\"John Kerry\"", ""},   // nothing corrected in the user's part
      {"(geneva talks) person:\"John Kerby\"", ""},  // a correction of the filters
      {"geneva talks person:\"John Kerry\"", ""},    // not the shape the searcher was given
  };
  for (const Case& c : cases) {
    INFO(c.suggestion);
    CHECK(suggestion_for_user(c.suggestion, state) == c.shown);
  }
  CHECK(suggestion_for_user("(geneva)", SearchState{}).empty());  // no query typed
}

TEST_CASE("a facet listing's numbers stand for filters on the fields counted",
          "[searcher][shell]") {
  const std::vector<Facet> facets = {
      {FacetKind::person, {{"John Kerry", 3}, {"Sergey Lavrov", 2}}},
      {FacetKind::organization, {}},
      {FacetKind::month, {{"2024-03", 2}}},
      {FacetKind::year, {{"2024", 3}}},
  };
  CHECK(listed_values(facets) == std::vector<ActiveFilter>{
                                     {Field::person, "John Kerry", Negated::no},
                                     {Field::person, "Sergey Lavrov", Negated::no},
                                     {Field::date, "2024-03", Negated::no},
                                     {Field::year, "2024", Negated::no},
                                 });
}

}  // namespace dateline::shell

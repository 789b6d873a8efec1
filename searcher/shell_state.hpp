// What the interactive shell is searching for -- the state its commands
// change (query, :like article, filter stack, date bounds, sort, page) --
// and the pure functions over it: the request for a page of its results,
// how many pages there are, and the searcher's spelling suggestion put
// back in the user's words.
//
// Values and pure functions: thread-safe. tests/searcher/shell_state_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/facets.hpp"
#include "searcher/filters.hpp"
#include "searcher/searcher.hpp"
#include "searcher/shell_commands.hpp"

namespace dateline::shell {

struct SearchState {
  std::string query;  // as typed; empty for :like and for filters alone
  std::string like_id;
  std::string like_title;  // the :like article's title, one line
  std::vector<ActiveFilter> filters;
  std::string since_text;  // :since and :until as typed; empty when open
  std::string until_text;
  DateRange dates;
  SortOrder sort = SortOrder::relevance;
  std::size_t page = 0;  // from 0

  // Whether there is anything to search for. A state that is not active
  // shows no results; :facets, :trend and :stats then count the archive.
  bool active() const {
    return !query.empty() || !like_id.empty() || !filters.empty() || dates.from || dates.to;
  }
};

// What every search of a shell session shares: the command line's request
// (match mode, page size, snippets, collapsing...) and the facets :facets
// last asked for.
struct SearchSettings {
  SearchRequest defaults;
  std::vector<FacetKind> facet_kinds;
  std::size_t facet_limit = 10;
};

// Results per page: the command line's --limit, at least 1.
std::size_t page_size(const SearchSettings& settings);

// The request for the page of `state`'s results it is on, with the facets
// of `settings`: the effective query (the user's, narrowed by the
// filters), the :like article, dates and order. A state that is not
// active asks for every article.
SearchRequest page_request(const SearchState& state, const SearchSettings& settings);

// How many pages `total` results fill; 1 for none.
std::size_t page_count(std::size_t total, std::size_t page_size);

// What the numbers of a facet listing stand for (:filter N): the values
// of `facets` in order, number N at [N - 1], each as a filter on the field
// it was counted from (a month's value filters on date:).
std::vector<ActiveFilter> listed_values(const std::vector<Facet>& facets);

// The searcher corrects the query it was given: the user's query in
// parentheses followed by the filters. The user wants their own part
// back: the correction of `state.query` within `suggestion`, or empty
// when there is none (or it would change the filters).
std::string suggestion_for_user(std::string_view suggestion, const SearchState& state);

}  // namespace dateline::shell

#include "searcher/shell_state.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace dateline::shell {

std::size_t page_size(const SearchSettings& settings) {
  return std::max<std::size_t>(settings.defaults.limit, 1);
}

SearchRequest page_request(const SearchState& state, const SearchSettings& settings) {
  SearchRequest request = settings.defaults;
  request.query = effective_query(state.query, state.filters);
  request.like_id = state.like_id;
  request.dates = state.dates;
  request.sort = state.sort;
  request.offset = state.page * page_size(settings);
  request.limit = page_size(settings);
  request.facets = settings.facet_kinds;
  request.facet_limit = settings.facet_limit;
  request.filters.clear();
  // Nothing asked: the whole archive (for :facets, :trend, :stats).
  if (!state.active()) request.filters.push_back(Xapian::Query::MatchAll);
  return request;
}

std::size_t page_count(std::size_t total, std::size_t page_size) {
  return std::max<std::size_t>(1, (total + page_size - 1) / page_size);
}

std::vector<ActiveFilter> listed_values(const std::vector<Facet>& facets) {
  std::vector<ActiveFilter> listed;
  for (const Facet& facet : facets) {
    for (const FacetValue& v : facet.values) {
      listed.push_back({facet_info(facet.kind).filter, v.value, Negated::no});
    }
  }
  return listed;
}

std::string suggestion_for_user(std::string_view suggestion, const SearchState& state) {
  if (suggestion.empty() || state.query.empty()) return {};
  const std::string effective = effective_query(state.query, state.filters);
  const std::string head = "(" + std::string(trim(state.query)) + ")";
  if (!effective.starts_with(head)) return {};
  const std::string tail = effective.substr(head.size());
  if (suggestion.size() < tail.size() + 2 || suggestion.front() != '(' ||
      !suggestion.ends_with(tail)) {
    return {};
  }
  std::string inner(suggestion.substr(1, suggestion.size() - tail.size() - 1));
  if (inner.empty() || inner.back() != ')') return {};
  inner.pop_back();
  return inner == state.query ? std::string() : inner;
}

}  // namespace dateline::shell

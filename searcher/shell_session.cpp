#include "searcher/shell_session.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <set>
#include <sstream>
#include <variant>

#include "common/canonical.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "searcher/filters.hpp"
#include "searcher/output.hpp"
#include "searcher/query.hpp"
#include "searcher/shell_completion.hpp"
#include "searcher/shell_view.hpp"

namespace dateline::shell {
namespace {

namespace fs = std::filesystem;

// Enough to count every value of a facet (FacetCounter keeps this many).
constexpr std::size_t k_all_values = 1'000'000;

// How many copies of a story :dup lists.
constexpr std::size_t k_max_copies = 100;

// The bytes of the files at `path` (a file, or a directory and all below
// it); 0 for a path that is neither, such as a description of shards.
std::uintmax_t size_on_disk(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  std::uintmax_t total = 0;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      const std::uintmax_t size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

}  // namespace

ShellSession::ShellSession(Searcher& searcher, const ShellOptions& options, Style style,
                           Screen& screen)
    : m_searcher(searcher),
      m_screen(screen),
      m_style(style),
      m_settings{options.defaults, options.defaults.facets, options.defaults.facet_limit},
      m_json(options.format == OutputFormat::json) {
  if (m_settings.facet_kinds.empty()) {
    m_settings.facet_kinds.assign(std::begin(k_default_facets), std::end(k_default_facets));
  }
  m_state.sort = options.defaults.sort;
  m_state.dates = options.defaults.dates;
  if (m_state.dates.from) m_state.since_text = m_state.dates.from->iso();
  if (m_state.dates.to) m_state.until_text = m_state.dates.to->iso();
}

void ShellSession::greet() {
  const std::size_t articles =
      with_fresh_index([&] { return m_searcher.database().get_doccount(); });
  m_screen.show(render_greeting(articles, m_searcher.path()));
}

void ShellSession::execute(std::string_view line) {
  Command command;
  try {
    command = parse_command(line);
  } catch (const std::exception& e) {
    error(e.what());  // a command line's mistake, at its column
    return;
  }
  try {
    std::visit([this](const auto& c) { run(c); }, command);
  } catch (const QueryError& e) {
    error(std::string("bad query: ") + e.what());
  } catch (const Error& e) {
    error(e.what());
  } catch (const Xapian::DatabaseModifiedError& e) {
    error("the index changed twice while reading it; try again (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    error(e.get_description());
  } catch (const std::exception& e) {
    error(e.what());
  }
}

std::string ShellSession::prompt() const {
  return render_prompt(m_state, m_last, m_screen.width());
}

std::vector<std::string> ShellSession::candidates(CompletionKind kind, Field field) {
  if (kind != CompletionKind::value) return candidate_words(kind);
  refresh();  // forgets the values when the index changed
  if (!m_values) m_values = load_index_values();
  return (*m_values)[field];
}

// ---------------------------------------------------------------------------
// Searching.

template <typename Body>
auto ShellSession::with_fresh_index(Body body) -> decltype(body()) {
  refresh();
  try {
    return body();
  } catch (const Xapian::DatabaseModifiedError&) {
    refresh();
    return body();
  }
}

void ShellSession::refresh() {
  if (m_searcher.reopen()) m_values.reset();
}

SearchResult ShellSession::search(const SearchRequest& request) {
  return with_fresh_index([&] { return m_searcher.search(request); });
}

SearchRequest ShellSession::counting_request(const SearchState& state,
                                             std::vector<FacetKind> facets) const {
  SearchRequest request = page_request(state, m_settings);
  request.offset = 0;
  request.limit = 0;
  request.snippet_bytes = 0;
  request.facets = std::move(facets);
  return request;
}

void ShellSession::search_and_show(SearchState next) {
  if (!next.active()) {
    m_state = std::move(next);
    ++m_searches;
    m_last.reset();
    say("no query and no filters: type words to search, :facets to browse, :help for more");
    return;
  }
  SearchResult result = search(page_request(next, m_settings));
  m_state = std::move(next);
  ++m_searches;
  m_last = std::move(result);
  if (m_json) {
    std::ostringstream json;
    write_json(*m_last, json);
    m_screen.show(json.str());
    return;
  }
  m_screen.show(render_results(*m_last, m_state, page_count(), {m_style, m_screen.width()}));
}

void ShellSession::show_first_page(SearchState next) {
  next.page = 0;
  search_and_show(std::move(next));
}

std::size_t ShellSession::page_count() const {
  return shell::page_count(m_last ? m_last->total : 0, page_size(m_settings));
}

void ShellSession::require_results() const {
  if (!m_last || !m_state.active()) throw Error("no results yet: type a query first");
}

SearchHit ShellSession::hit(std::size_t number) {
  require_results();
  for (const SearchHit& h : m_last->hits) {
    if (h.rank == number) return h;
  }
  if (number > m_last->total) {
    throw Error("no result " + std::to_string(number) + ": the search has " +
                plural(m_last->total, "match", "matches"));
  }
  // A result from another page: fetch just that one.
  SearchRequest request = page_request(m_state, m_settings);
  request.offset = number - 1;
  request.limit = 1;
  request.facets.clear();
  const SearchResult result = search(request);
  if (result.hits.empty()) {
    throw Error("result " + std::to_string(number) + " is gone: the index changed");
  }
  return result.hits.front();
}

void ShellSession::require_dates(const std::string& consequence) {
  if (!with_fresh_index([&] { return m_searcher.has_dates(); })) {
    throw Error(undated_index_message(consequence));
  }
}

void ShellSession::say(std::string_view line) { m_screen.show(std::string(line) + '\n'); }

void ShellSession::error(std::string_view line) { m_screen.show(render_error(line, m_style)); }

// ---------------------------------------------------------------------------
// Queries, filters, pages, order and dates: each shows the new first page
// (or the page asked for).

void ShellSession::run(const RunQuery& command) {
  // Positions in errors then count in the line as typed.
  check_query_syntax(command.text);
  SearchState next = m_state;
  next.query = command.text;
  next.like_id.clear();
  next.like_title.clear();
  show_first_page(std::move(next));
}

void ShellSession::push_filter(const ActiveFilter& filter) {
  for (const ActiveFilter& active : m_state.filters) {
    const bool same = active.field == filter.field && active.negated == filter.negated &&
                      entity_key(active.value) == entity_key(filter.value);
    if (same) throw Error("already filtered by " + one_line(describe_filter(filter)));
  }
  SearchState next = m_state;
  next.filters.push_back(filter);
  show_first_page(std::move(next));
}

void ShellSession::run(const FilterByNumber& command) {
  if (!m_listing_search) {
    throw Error("no facet values listed yet: :facets lists values to pick from");
  }
  if (*m_listing_search != m_searches) {
    throw Error("the facet values listed were of an earlier search; :facets lists this one's");
  }
  if (m_listing.empty()) throw Error("the last facet listing had no values to pick");
  if (command.number > m_listing.size()) {
    throw Error("no value " + std::to_string(command.number) + " in the last facet listing (1-" +
                std::to_string(m_listing.size()) + ")");
  }
  ActiveFilter filter = m_listing[command.number - 1];
  filter.negated = command.negated;
  push_filter(filter);
}

void ShellSession::run(const PopFilter&) {
  if (m_state.filters.empty()) throw Error("no filter to drop");
  SearchState next = m_state;
  next.filters.pop_back();
  show_first_page(std::move(next));
}

void ShellSession::run(const ClearFilters&) {
  if (m_state.filters.empty()) throw Error("no filters to clear");
  SearchState next = m_state;
  next.filters.clear();
  show_first_page(std::move(next));
}

void ShellSession::run(const NextPage&) {
  require_results();
  if (m_state.page + 1 >= page_count()) {
    throw Error("already on the last page (" + std::to_string(page_count()) + ")");
  }
  SearchState next = m_state;
  ++next.page;
  search_and_show(std::move(next));
}

void ShellSession::run(const PreviousPage&) {
  require_results();
  if (m_state.page == 0) throw Error("already on the first page");
  SearchState next = m_state;
  --next.page;
  search_and_show(std::move(next));
}

void ShellSession::run(const GoToPage& command) {
  require_results();
  if (command.page > page_count()) {
    throw Error("no page " + std::to_string(command.page) + ": the results fill " +
                plural(page_count(), "page", "pages"));
  }
  SearchState next = m_state;
  next.page = command.page - 1;
  search_and_show(std::move(next));
}

void ShellSession::run(const SetSort& command) {
  SearchState next = m_state;
  next.sort = command.order;
  next.page = 0;
  if (!next.active()) {
    m_state = std::move(next);
    say("results will come " + std::string(sort_order_info(command.order).phrase));
    return;
  }
  search_and_show(std::move(next));
}

void ShellSession::run(const SetSince& command) {
  set_date_bound(DateBound::since, command.text, command.date);
}

void ShellSession::run(const SetUntil& command) {
  set_date_bound(DateBound::until, command.text, command.date);
}

void ShellSession::set_date_bound(DateBound bound, const std::string& text,
                                  const std::optional<Date>& date) {
  const bool since = bound == DateBound::since;
  const std::string typed = (since ? ":since " : ":until ") + text;
  if (date) require_dates(typed + " matches nothing");
  SearchState next = m_state;
  if (since) {
    next.dates.from = date;
    next.since_text = text;
  } else {
    next.dates.to = date;
    next.until_text = text;
  }
  const DateRange& dates = next.dates;
  if (dates.from && dates.to && dates.to->sortable() < dates.from->sortable()) {
    throw Error(typed + (since ? " is after :until " + m_state.until_text
                               : " is before :since " + m_state.since_text));
  }
  show_first_page(std::move(next));
}

void ShellSession::run(const MoreLike& command) {
  const SearchHit found = hit(command.number);
  SearchState next = m_state;
  next.query.clear();
  next.like_id = found.id;
  next.like_title = one_line(found.title);
  show_first_page(std::move(next));
}

// ---------------------------------------------------------------------------
// Facets, articles, copies, trends, statistics and help: shown, with the
// search unchanged.

void ShellSession::run(const ShowFacets& command) {
  if (!command.kinds.empty()) m_settings.facet_kinds = command.kinds;
  if (command.limit) m_settings.facet_limit = *command.limit;
  const SearchResult result = search(counting_request(m_state, m_settings.facet_kinds));
  const std::string text = render_facets(result, m_state, {m_style, m_screen.width()});
  m_listing = listed_values(result.facets);
  m_listing_search = m_searches;
  m_screen.show_paged(text);
}

void ShellSession::run(const ShowArticle& command) {
  const SearchHit found = hit(command.number);
  const std::optional<schema::StoredArticle> article =
      with_fresh_index([&] { return m_searcher.find_article(found.id); });
  if (!article) {
    throw Error("result " + std::to_string(command.number) + " is no longer in the index");
  }
  m_screen.show_paged(render_article(*article, {m_style, m_screen.width()}));
}

void ShellSession::run(const ShowDuplicates& command) {
  const SearchHit found = hit(command.number);
  if (found.similar == 0 || found.collapse_key.empty()) {
    say("result " + std::to_string(command.number) + " has no near-duplicate copies");
    return;
  }
  // Every article of the story: the filter on its collapse key, uncollapsed.
  SearchRequest request;
  request.filters = {Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::k_slot_collapse,
                                   found.collapse_key, found.collapse_key)};
  request.collapse = false;
  request.facets.clear();
  request.limit = k_max_copies;
  request.sort = SortOrder::oldest;
  request.snippet_bytes = 0;
  m_screen.show(render_copies(found.title, search(request)));
}

TrendChart ShellSession::trend_of(const SearchState& state, std::string subject) {
  SearchRequest request = counting_request(state, {FacetKind::month});
  request.facet_limit = k_all_values;
  SearchResult result = search(request);
  TrendChart chart{std::move(subject), Period::month, {}, result.total};
  const std::vector<FacetValue>& months = result.facets.front().values;
  if (months.empty()) return chart;
  const MonthSpan span = month_span(months);
  chart.period = trend_period(span);
  if (chart.period == Period::month) {
    chart.counts = count_per_month(months, span);
    return chart;
  }
  request.facets = {FacetKind::year};
  result = search(request);
  chart.counts = count_per_year(result.facets.front().values, span);
  chart.total = result.total;
  return chart;
}

void ShellSession::run(const ShowTrend& command) {
  require_dates(":trend has nothing to chart");
  SearchState state = m_state;
  std::string subject = m_state.active() ? "the current search" : "all articles";
  if (command.subject) {
    state = SearchState{};
    state.filters = {*command.subject};
    subject = one_line(describe_filter(*command.subject));
  }
  const TrendChart chart = trend_of(state, subject);
  if (chart.counts.empty()) {
    say("no dated articles in " + chart.subject);
    return;
  }
  m_screen.show_paged(render_trend(chart, {m_style, m_screen.width()}));
}

IndexStats ShellSession::index_stats() {
  IndexStats stats = with_fresh_index([&] {
    const Xapian::Database& db = m_searcher.database();
    IndexStats read;
    read.articles = db.get_doccount();
    read.dated = db.get_value_freq(schema::k_slot_date);
    read.first_date = db.get_value_lower_bound(schema::k_slot_date);
    read.last_date = db.get_value_upper_bound(schema::k_slot_date);
    read.language = db.get_metadata(schema::k_meta_language);
    return read;
  });
  std::vector<FacetKind> kinds;
  for (const FacetInfo& info : k_facet_table) {
    if (info.values != FacetValues::year && info.values != FacetValues::month) {
      kinds.push_back(info.kind);
    }
  }
  SearchRequest request = counting_request(SearchState{}, kinds);
  request.facet_limit = 5;
  stats.top_values = search(request).facets;
  stats.path = m_searcher.path();
  stats.bytes_on_disk = size_on_disk(m_searcher.path());
  return stats;
}

void ShellSession::run(const ShowStats&) {
  m_screen.show(render_stats(index_stats(), {m_style, m_screen.width()}));
}

void ShellSession::run(const ToggleJson&) {
  m_json = !m_json;
  say(m_json ? "results as JSON (one object per search); :json again for text" : "results as text");
}

void ShellSession::run(const ShowHelp& command) {
  const Display display{m_style, m_screen.width()};
  if (command.topic.empty()) {
    m_screen.show(render_help(display));
  } else {
    m_screen.show(render_command_help(*find_command(command.topic), display));
  }
}

// ---------------------------------------------------------------------------
// Completion values.

std::map<Field, std::vector<std::string>> ShellSession::load_index_values() {
  std::vector<FacetKind> kinds;
  for (const FieldInfo& info : k_field_table) {
    if (const std::optional<FacetKind> kind = facet_of_field(info.field)) kinds.push_back(*kind);
  }
  SearchRequest request = counting_request(SearchState{}, kinds);
  request.facet_limit = k_all_values;
  std::map<Field, std::vector<std::string>> loaded;
  for (const Facet& facet : search(request).facets) {
    std::vector<std::string>& values = loaded[facet_info(facet.kind).filter];
    for (const FacetValue& v : facet.values) values.push_back(v.value);
  }
  // Entities past the ones counted per article are filter terms only;
  // their keys (lower case) are the best names there are for them.
  const Xapian::Database& db = m_searcher.database();
  for (EntityType type : k_entity_types) {
    std::vector<std::string>& values = loaded[entity_field(type)];
    std::set<std::string> keys;
    for (const std::string& v : values) keys.insert(entity_key(v));
    const std::string prefix = schema::entity_filter_prefix(type);
    for (Xapian::TermIterator it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string key = (*it).substr(prefix.size());
      // Keys are lower case: anything else is another prefix's term.
      if (key.empty() || std::isupper(static_cast<unsigned char>(key[0]))) continue;
      if (keys.insert(key).second) values.push_back(key);
    }
  }
  return loaded;
}

}  // namespace dateline::shell

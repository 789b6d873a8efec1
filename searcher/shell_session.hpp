// ShellSession: the interactive shell's state and commands, without a
// terminal. Each line typed is parsed (searcher/shell_commands.hpp) and
// run against the Searcher: a query or a filter changes what is searched
// for (searcher/shell_state.hpp) and shows the first page of results;
// other commands page, sort, bound dates, list facets, chart trends, show
// an article... What the session shows is rendered by the view
// (searcher/shell_view.hpp) and written to a Screen: the terminal in
// dateline-search (searcher/shell.hpp), a string in the tests.
//
// Nothing typed or found stops a session: a bad query or command, a number
// out of range or an index changed under it is one line on the screen.
// The index is reopened before each search, so a running dateline-index's
// commits show up.
//
// Not thread-safe (a Searcher is not). Each command costs one search or
// two (a :trend over many years, a result off the page shown); :stats also
// walks the index's files for their size.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/search_cli.hpp"
#include "searcher/searcher.hpp"
#include "searcher/shell_commands.hpp"
#include "searcher/shell_state.hpp"
#include "searcher/shell_view.hpp"
#include "searcher/style.hpp"

namespace dateline {

struct ShellOptions {
  // Starting values from the command line: page size (limit), sort, date
  // bounds, facet kinds and facet limit, match mode. Query, offset and
  // like_id are ignored.
  SearchRequest defaults;
  OutputFormat format = OutputFormat::text;  // :json toggles
  ColorChoice color = ColorChoice::automatic;
};

namespace shell {

// Where a session's output goes.
class Screen {
 public:
  virtual ~Screen() = default;
  // The columns a line may fill.
  virtual std::size_t width() const = 0;
  // Shows `text` as it is.
  virtual void show(std::string_view text) = 0;
  // Shows `text`, through a pager when it is longer than the screen.
  virtual void show_paged(const std::string& text) = 0;
};

class ShellSession {
 public:
  // REQUIRES: `searcher` and `screen` outlive the session. options.color
  // is not read: `style` is what was decided for the screen.
  ShellSession(Searcher& searcher, const ShellOptions& options, Style style, Screen& screen);

  // What the shell says when it starts: the size of the index.
  void greet();

  // Parses and runs one line typed at the prompt; shows what it answers,
  // or one line saying what went wrong. Never throws for anything typed or
  // found in the index.
  void execute(std::string_view line);

  // Whether :quit was typed.
  bool finished() const { return m_quit; }

  // The prompt for the next line, fitted to the screen's width.
  std::string prompt() const;

  // The words TAB offers of `kind`: the values of `field` in the index for
  // values (loaded once, and again when the index changes), else the words
  // of the vocabulary tables.
  std::vector<std::string> candidates(CompletionKind kind, Field field);

 private:
  void run(const NoCommand&) {}
  void run(const RunQuery& command);
  void run(const ShowFacets& command);
  void run(const FilterByNumber& command);
  void run(const FilterByValue& command) { push_filter(command.filter); }
  void run(const PopFilter& command);
  void run(const ClearFilters& command);
  void run(const NextPage& command);
  void run(const PreviousPage& command);
  void run(const GoToPage& command);
  void run(const SetSort& command);
  void run(const SetSince& command);
  void run(const SetUntil& command);
  void run(const ShowArticle& command);
  void run(const MoreLike& command);
  void run(const ShowDuplicates& command);
  void run(const ShowTrend& command);
  void run(const ShowStats& command);
  void run(const ToggleJson& command);
  void run(const ShowHelp& command);
  void run(const Quit&) { m_quit = true; }

  // Reopens the index when it changed, then runs `body`; once more after
  // reopening if the index changed under it (a running dateline-index).
  template <typename Body>
  auto with_fresh_index(Body body) -> decltype(body());
  void refresh();
  SearchResult search(const SearchRequest& request);
  // The request for all of `state`'s matches, counting `facets`: no page
  // of results, no snippets.
  SearchRequest counting_request(const SearchState& state, std::vector<FacetKind> facets) const;
  // Searches for `next` and shows its page of results; `next` is then the
  // state, and any facet listing belongs to an earlier search.
  void search_and_show(SearchState next);
  // The same on the first page: what a new query, filter or bound shows.
  void show_first_page(SearchState next);
  void push_filter(const ActiveFilter& filter);
  std::size_t page_count() const;
  void require_results() const;
  // The result ranked `number` in the search shown, fetched when it is on
  // another page. Throws dateline::Error when there is none.
  SearchHit hit(std::size_t number);
  // :since or :until: one end of the date range (`date` the first or last
  // day of `text`; none to clear it). Throws when it would cross the other.
  enum class DateBound { since, until };
  void set_date_bound(DateBound bound, const std::string& text, const std::optional<Date>& date);
  // Throws when no article of the index has a date, saying `consequence`
  // (undated_index_message).
  void require_dates(const std::string& consequence);
  TrendChart trend_of(const SearchState& state, std::string subject);
  IndexStats index_stats();
  std::map<Field, std::vector<std::string>> load_index_values();

  void say(std::string_view line);
  void error(std::string_view line);

  Searcher& m_searcher;
  Screen& m_screen;
  Style m_style;
  SearchSettings m_settings;
  SearchState m_state;
  std::optional<SearchResult> m_last;  // the page shown
  // Counts the searches shown (search_and_show): a facet listing belongs
  // to the search it was made for, and its numbers mean nothing to another.
  std::size_t m_searches = 0;
  std::vector<ActiveFilter> m_listing;          // the last facet listing, numbered from 1
  std::optional<std::size_t> m_listing_search;  // m_searches when it was listed
  bool m_json;
  std::optional<std::map<Field, std::vector<std::string>>> m_values;  // for completion
  bool m_quit = false;
};

}  // namespace shell
}  // namespace dateline

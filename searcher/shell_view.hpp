// The interactive shell's view: everything the shell shows, rendered to
// strings -- a page of results, a numbered facet listing, a trend chart,
// the index's statistics, one article, the copies of a story, help, the
// prompt and error lines. No terminal and no index are touched: the shell
// (searcher/shell_session.hpp) gathers what to show and hands it here with
// the screen's width and style, so tests/searcher/shell_view_test.cpp
// checks the text without a pseudo-terminal.
//
// Article text (titles, names, snippets, bodies) is always passed through
// strip_control_characters, and put on one line where a line is meant, so
// nothing in an article can drive the terminal. Widths are display columns
// (terminal::display_width); lines longer than the width are cut with "…"
// or wrapped.
//
// Pure functions: thread-safe.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/schema.hpp"
#include "searcher/facets.hpp"
#include "searcher/searcher.hpp"
#include "searcher/shell_commands.hpp"
#include "searcher/shell_state.hpp"
#include "searcher/style.hpp"

namespace dateline::shell {

// How the view draws: its styles, and the columns a line may fill.
struct Display {
  Style style;
  std::size_t width = 79;
};

// "3 matches", "1 article": a count and the word for it.
std::string plural(std::size_t count, std::string_view one, std::string_view many);

// Article text for one line: no control characters, no line breaks.
std::string one_line(std::string_view text);

// "dateline: 56 articles in PATH. Type words to search, ...", when the
// shell starts.
std::string render_greeting(std::size_t articles, std::string_view index_path);

// A line saying what went wrong, in red.
std::string render_error(std::string_view message, const Style& style);

// The prompt: "dateline", the :like article, the filters, the date bounds
// and (for an active search) the number of results `shown`, then "> ".
// When that would take more than half the width (or all but 24 columns,
// whichever is more), the oldest parts give way to "[+N]".
std::string render_prompt(const SearchState& state, const std::optional<SearchResult>& shown,
                          std::size_t width);

// A page of `state`'s results, `pages` pages in all: a heading (total,
// query, ranks shown, page, order), the spelling suggestion in the user's
// words, then each hit: rank and title, date, source, byline, score and
// "+N similar", up to three lines of snippet with matches in bold, and
// its people, places and organizations.
std::string render_results(const SearchResult& result, const SearchState& state, std::size_t pages,
                           const Display& display);

// The facets of `result`, their values numbered from 1 across facets in
// order (listed_values gives the filter each number stands for), with
// counts and bars; headed by the matches of `state`, or by the size of
// the archive when it is not active.
std::string render_facets(const SearchResult& result, const SearchState& state,
                          const Display& display);

// ---------------------------------------------------------------------------
// Trend charts (:trend).

// Longer spans of months are charted per year.
inline constexpr int k_max_trend_months = 36;

enum class Period { month, year };

// Articles per period, for :trend.
struct TrendChart {
  std::string subject;  // "the current search", "person:John Kerry"
  Period period = Period::month;
  // Articles per period ("2024-03", or "2024"), every period from the first
  // to the last dated one, the empty ones at 0.
  std::map<std::string, Xapian::doccount> counts;
  std::size_t total = 0;  // the articles charted, undated ones too
};

// The first and last month of month facet values ("2024-03"), as
// year * 12 + month - 1. REQUIRES: `months` is not empty.
struct MonthSpan {
  int first = 0;
  int last = 0;
};
MonthSpan month_span(const std::vector<FacetValue>& months);

// Month by month, unless the span is longer than k_max_trend_months.
Period trend_period(MonthSpan span);

// The counts of a chart of `span` from month facet values, or from year
// facet values: every period of the span, the missing ones at 0.
std::map<std::string, Xapian::doccount> count_per_month(const std::vector<FacetValue>& months,
                                                        MonthSpan span);
std::map<std::string, Xapian::doccount> count_per_year(const std::vector<FacetValue>& years,
                                                       MonthSpan span);

// "SUBJECT: N dated articles per month (M undated ones not shown)", then
// a line per period: its label, its count and a bar scaled to the width.
std::string render_trend(const TrendChart& chart, const Display& display);

// ---------------------------------------------------------------------------
// The index (:stats), one article (:show) and the copies of a story (:dup).

struct IndexStats {
  Xapian::doccount articles = 0;
  Xapian::doccount dated = 0;
  std::string first_date;  // "YYYYMMDD" (the date slot's); empty without dates
  std::string last_date;
  std::string language;  // the stemmer's; empty when unknown
  std::string path;      // the index directory, or a description of its shards
  std::uintmax_t bytes_on_disk = 0;
  std::vector<Facet> top_values;  // of each facet kind but year and month
};

// A row per statistic: articles, dates, the index and its size, the
// stemmer, then the top values of each facet ("top people", ...).
std::string render_stats(const IndexStats& stats, const Display& display);

// Title (bold, wrapped), date, source and byline, path and URL, the
// entities of each type with their mention counts, then the body's
// paragraphs wrapped to the width.
std::string render_article(const schema::StoredArticle& article, const Display& display);

// "N copies of "TITLE":", then a line per copy: date, title and path.
std::string render_copies(std::string_view title, const SearchResult& copies);

// ---------------------------------------------------------------------------
// Help.

// What a plain line is, then every command with its short form and summary.
std::string render_help(const Display& display);

// One command: its usage, short form and summary.
std::string render_command_help(const CommandInfo& command, const Display& display);

}  // namespace dateline::shell

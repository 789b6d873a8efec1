// The interactive shell's command language, with no I/O: a line typed at
// the prompt becomes one Command value (or a CommandError naming the column
// where it goes wrong); the shell's filter stack becomes query text; and
// the text before the cursor says what TAB should complete. Everything here
// is pure and thread-safe, so tests/searcher/shell_commands_test.cpp covers
// it without a terminal.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/article.hpp"
#include "common/error.hpp"
#include "searcher/facets.hpp"
#include "searcher/fields.hpp"
#include "searcher/searcher.hpp"

namespace dateline::shell {

// A filter of the shell is one of the query language's fields
// (searcher/fields.hpp) other than title, or `year` (date:YYYY, what the
// year facet's values filter on): is_shell_filter says which.

enum class Negated { no, yes };

// One entry of the shell's filter stack.
struct ActiveFilter {
  Field field = Field::person;
  std::string value;  // a name, a site, "2024", or a date range
  Negated negated = Negated::no;
  friend bool operator==(const ActiveFilter&, const ActiveFilter&) = default;
};

// "person:John Kerry", "-location:Syria": how the prompt shows a filter.
std::string describe_filter(const ActiveFilter& filter);

// The filter in dateline's query language: `person:"John Kerry"` (a quote
// in the value doubled, as Xapian reads quoted filter terms), `date:2024`
// for a year, with `NOT ` in front when negated.
std::string filter_query_text(const ActiveFilter& filter);

// `user_query` narrowed by the filters: the user's query in parentheses
// (so `a OR b` is narrowed as a whole), then each filter's
// filter_query_text. Empty when both are empty.
std::string effective_query(std::string_view user_query, const std::vector<ActiveFilter>& filters);

// ---------------------------------------------------------------------------
// Commands. A plain line is a query; commands start with ':'.

struct NoCommand {};  // an empty line
struct RunQuery {
  std::string text;
};
struct ShowFacets {
  std::vector<FacetKind> kinds;      // empty: the kinds shown last (any of k_facet_table)
  std::optional<std::size_t> limit;  // values per kind; nullopt: unchanged
};
struct FilterByNumber {  // a value from the facet listing of the current search
  std::size_t number = 0;
  Negated negated = Negated::no;
};
struct FilterByValue {
  ActiveFilter filter;
};
struct PopFilter {};
struct ClearFilters {};
struct NextPage {};
struct PreviousPage {};
struct GoToPage {
  std::size_t page = 1;
};
struct SetSort {
  SortOrder order = SortOrder::relevance;
};
// :since / :until; an empty `text` clears the bound.
struct SetSince {
  std::string text;
  std::optional<Date> date;  // the first day of `text`
};
struct SetUntil {
  std::string text;
  std::optional<Date> date;  // the last day of `text`
};
struct ShowArticle {
  std::size_t number = 0;  // a result's rank
};
struct MoreLike {
  std::size_t number = 0;
};
struct ShowDuplicates {
  std::size_t number = 0;
};
struct ShowTrend {
  std::optional<ActiveFilter> subject;  // nullopt: the current search
};
struct ShowStats {};
struct ToggleJson {};
struct ShowHelp {
  std::string topic;  // a command name without ':', or empty for all
};
struct Quit {};

using Command = std::variant<NoCommand, RunQuery, ShowFacets, FilterByNumber, FilterByValue,
                             PopFilter, ClearFilters, NextPage, PreviousPage, GoToPage, SetSort,
                             SetSince, SetUntil, ShowArticle, MoreLike, ShowDuplicates, ShowTrend,
                             ShowStats, ToggleJson, ShowHelp, Quit>;

// A line that is no valid command. position is the 1-based column (in
// characters) of the problem, 0 when it is not at one place; what() ends
// with "at column N" when there is one.
class CommandError : public Error {
 public:
  CommandError(const std::string& message, std::size_t position);
  std::size_t position() const { return m_position; }

 private:
  std::size_t m_position;
};

// Parses one line typed at the prompt. Throws CommandError. Queries are
// not checked here (the searcher does that, with positions of its own).
Command parse_command(std::string_view line);

// One shell command, for parsing, :help and completion.
struct CommandInfo {
  std::string name;     // "facets"
  std::string alias;    // "fa"
  std::string usage;    // ":facets [person|location|org|...] [N]"
  std::string summary;  // one line
};

// Every command. Usages and summaries that list facet kinds, fields or
// sort orders are written from their tables.
std::span<const CommandInfo> commands();
// The command named `name` or aliased so (without ':'), or nullptr.
const CommandInfo* find_command(std::string_view name);

// ---------------------------------------------------------------------------
// Completion.

enum class CompletionKind {
  none,
  command,       // ":fac" -> ":facets"
  filter_field,  // ":filter per" -> ":filter person" (is_shell_filter)
  trend_field,   // ":trend loc" -> ":trend location" (has_values)
  facet_kind,    // ":facets ye" -> ":facets year"
  sort_order,    // ":sort ne" -> ":sort newest"
  help_topic,    // ":help fi" -> ":help filter"
  value,         // a value of a field with values: "person:Jo", ":filter author Jo"
};

// Values are written two ways: inside a query (`person:"John Kerry"`, so a
// value with spaces needs quotes) or as the rest of a command line
// (`:filter person John Kerry`, where quotes are optional).
enum class ValueSyntax { query_field, rest_of_line };

struct CompletionContext {
  CompletionKind kind = CompletionKind::none;
  Field field = Field::person;  // for values
  ValueSyntax syntax = ValueSyntax::query_field;
  std::size_t start = 0;  // byte offset where the replaced text begins (at the opening quote)
  std::string prefix;     // what is typed of the word, without the quote
  bool quoted = false;    // the word opens with '"'
};

// What TAB completes when the line reads `line` up to the cursor.
CompletionContext completion_context(std::string_view line);

struct Completion {
  std::size_t start = 0;             // replace the line from here to the cursor...
  std::optional<std::string> text;   // ...with this, when there is something to insert
  std::vector<std::string> choices;  // the candidates to list when there are several
};

// The candidate words of a kind: command names (":facets"), field names,
// facet kinds, sort orders (candidate_words gives these), or the values of
// `field` in the index.
using CandidateSource = std::function<std::vector<std::string>(CompletionKind, Field)>;

// The words TAB offers for every kind but values, from the tables of
// commands, fields, facet kinds and sort orders.
std::vector<std::string> candidate_words(CompletionKind kind);

// Completes the word before the cursor: candidates match when they start
// with what is typed (ignoring case and accents) or, for values, when one
// of their words does ("kerr" finds "John Kerry"). One match is inserted
// whole (quoted as the syntax needs, then a space where another word would
// follow); several insert their longest common beginning, if that adds
// anything, and are returned as choices.
Completion complete(std::string_view before_cursor, const CandidateSource& source);

}  // namespace dateline::shell

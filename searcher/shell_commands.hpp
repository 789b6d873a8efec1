// The interactive shell's command language, with no I/O: a line typed at
// the prompt becomes one Command value (or a QueryError naming the column
// where it goes wrong), and the shell's filter stack becomes query text.
// Each command is a row of one table, which names it, documents it for
// :help and holds its parser. Everything here is pure and thread-safe, so
// tests/searcher/shell_commands_test.cpp covers it without a terminal.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/article.hpp"
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

// ---------------------------------------------------------------------------
// Parsing.

// Parses one line typed at the prompt. A line that is no valid command
// throws QueryError::at_column (searcher/query.hpp), whose what() ends
// with "at column N" (the column in characters, from 1) when the problem
// is at one place. Queries are not checked here (the searcher does that,
// with positions of its own).
Command parse_command(std::string_view line);

// What a word of a line completes to when TAB is pressed
// (searcher/shell_completion.hpp).
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

// The words after a command's name, with the checks every command's
// parser shares (shell_commands.cpp).
class CommandArguments;

// One shell command: its row of the command table.
struct CommandInfo {
  std::string name;     // "facets"
  std::string alias;    // "fa"
  std::string usage;    // ":facets [person|location|org|...] [N]"
  std::string summary;  // one line, for :help
  // Turns the arguments into the Command. A reference, so that no row
  // can be without one: parse_command has nothing else to fall back on.
  Command (&parse)(const CommandArguments& arguments);
  // What TAB completes in the arguments: facet_kind (each word), sort_order
  // or help_topic (the first word), filter_field or trend_field (the first
  // word, then that field's values); none for the others.
  CompletionKind arguments = CompletionKind::none;
};

// Every command, in the order :help lists them. Usages and summaries that
// list facet kinds, fields or sort orders are written from their tables.
std::span<const CommandInfo> commands();
// The command named `name` or aliased so (without ':'; "?" is help and
// "exit" quit), or nullptr.
const CommandInfo* find_command(std::string_view name);

// The shell filter named `name` (a field or alias, any case), if it is one.
std::optional<Field> parse_filter_field(std::string_view name);

}  // namespace dateline::shell

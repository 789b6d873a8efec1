#include "searcher/shell_commands.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "searcher/filters.hpp"
#include "searcher/query.hpp"

namespace dateline::shell {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A word of a command line: its text (unquoted) and where it starts.
struct Token {
  std::string text;
  std::size_t offset = 0;  // byte offset in the line
  bool quoted = false;
};

// Splits `line` from `from` on whitespace; "..." is one word.
std::vector<Token> tokenize(std::string_view line, std::size_t from) {
  std::vector<Token> tokens;
  std::size_t i = from;
  while (i < line.size()) {
    if (is_space(line[i])) {
      ++i;
      continue;
    }
    Token token;
    token.offset = i;
    if (line[i] == '"') {
      const std::size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) {
        throw QueryError::at_column("'\"' is never closed", character_position(line, i));
      }
      token.text = std::string(line.substr(i + 1, close - i - 1));
      token.quoted = true;
      i = close + 1;
    } else {
      while (i < line.size() && !is_space(line[i])) token.text += line[i++];
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

// Which day of a period a date argument stands for: :since takes the
// first day of "2024-03", :until the last.
enum class Day { first, last };

// What a FIELD VALUE argument is for: a filter may be negated (-FIELD)
// and use every shell filter; a trend only the fields with values.
enum class FieldUse { filter, trend };

}  // namespace

class CommandArguments {
 public:
  CommandArguments(std::string_view line, const CommandInfo& info, std::size_t from)
      : m_line(line), m_info(info), m_words(tokenize(line, from)) {}

  bool empty() const { return m_words.empty(); }
  const std::vector<Token>& words() const { return m_words; }
  const Token& first() const { return m_words.front(); }

  // Throws the QueryError for `message` at byte `offset` of the line.
  [[noreturn]] void fail(const std::string& message, std::size_t offset) const {
    throw QueryError::at_column(message, character_position(m_line, offset));
  }
  // The same at the end of the line: for what is missing.
  [[noreturn]] void fail_missing(const std::string& message) const { fail(message, m_line.size()); }
  // " (usage: :page N)", for messages about the arguments as a whole.
  std::string usage_note() const { return " (usage: " + m_info.usage + ")"; }

  void no_more_than(std::size_t count) const {
    if (m_words.size() <= count) return;
    fail(":" + m_info.name + (count == 0 ? " takes no argument" : " takes fewer arguments") +
             usage_note(),
         m_words[count].offset);
  }

  // A number from 1 to 999,999,999 written in digits; `what` names it in
  // errors ("a page number").
  std::size_t number(const Token& token, std::string_view what) const {
    const std::string& t = token.text;
    const bool digits = !t.empty() && t.size() <= 9 && std::all_of(t.begin(), t.end(), is_digit);
    if (!digits || token.quoted) {
      fail("expected " + std::string(what) + ", not '" + t + "'", token.offset);
    }
    const std::size_t value = std::stoul(t);
    if (value == 0) fail(std::string(what) + " counts from 1", token.offset);
    return value;
  }

  // The one argument of :show, :like and :dup.
  std::size_t result_number() const {
    if (empty()) fail_missing(":" + m_info.name + " needs a result number" + usage_note());
    no_more_than(1);
    return number(first(), "a result number");
  }

  // The optional one argument of :since and :until: a day, month or year.
  std::optional<Date> date(Day day) const;

  // "[-]FIELD VALUE..." or "[-]FIELD:VALUE..." from the first word on.
  ActiveFilter field_and_value(FieldUse use) const;

 private:
  ActiveFilter filter_value(const Token& field_token, Field field, Negated negated) const;
  void check_value(Field field, const std::string& value, std::size_t offset) const;

  std::string_view m_line;
  const CommandInfo& m_info;
  std::vector<Token> m_words;
};

std::optional<Date> CommandArguments::date(Day day) const {
  if (empty()) return std::nullopt;
  no_more_than(1);
  const Token& token = first();
  const std::string bad = "not a date (use YYYY, YYYY-MM or YYYY-MM-DD): '" + token.text + "'";
  if (token.text.find("..") != std::string::npos) fail(bad, token.offset);
  try {
    const DateRange range = parse_date_range(token.text);
    return day == Day::first ? range.from : range.to;
  } catch (const QueryError&) {
    fail(bad, token.offset);
  }
}

// The value of a filter on `field`: the rest of the line after the field
// token (or after "field:" within it), unquoted when it is one quoted word.
ActiveFilter CommandArguments::filter_value(const Token& field_token, Field field,
                                            Negated negated) const {
  const std::size_t colon = field_token.quoted ? std::string::npos : field_token.text.find(':');
  std::size_t value_from = colon != std::string::npos
                               ? field_token.offset + colon + 1
                               : field_token.offset + field_token.text.size();
  while (value_from < m_line.size() && is_space(m_line[value_from])) ++value_from;
  std::string_view rest = trim(m_line.substr(std::min(value_from, m_line.size())));
  if (rest.size() >= 2 && rest.front() == '"' && rest.back() == '"' &&
      rest.substr(1, rest.size() - 2).find('"') == std::string_view::npos) {
    rest = rest.substr(1, rest.size() - 2);
  } else if (!rest.empty() && rest.front() == '"') {
    fail("a quoted value must be the whole rest of the line", value_from);
  }
  const std::string value = collapse_whitespace(rest);
  check_value(field, value, value_from);
  return {field, value, negated};
}

// A value for `field` that starts at byte `offset`: there, and a year or
// date range where the field needs one.
void CommandArguments::check_value(Field field, const std::string& value,
                                   std::size_t offset) const {
  const std::string name(field_name(field));
  if (value.empty()) {
    const FieldKind kind = field_info(field).kind;
    const std::string example = kind == FieldKind::year    ? "2024"
                                : kind == FieldKind::dates ? "2024-03..2024-06"
                                : kind == FieldKind::site  ? "bbc.co.uk"
                                                           : "\"Some Name\"";
    fail_missing("'" + name + "' needs a value, as in :filter " + name + " " + example);
  }
  if (field == Field::year) {
    const bool year = value.size() == 4 && std::all_of(value.begin(), value.end(), is_digit);
    if (!year) fail("a year is four digits, not '" + value + "'", offset);
  }
  if (field == Field::date) {
    try {
      parse_date_range(value);
    } catch (const QueryError& e) {
      fail(e.what(), offset);
    }
  }
}

ActiveFilter CommandArguments::field_and_value(FieldUse use) const {
  const Token& token = first();
  std::string_view word = token.text;
  Negated negated = Negated::no;
  std::size_t field_offset = token.offset;
  if (!token.quoted && word.starts_with('-')) {
    if (use == FieldUse::trend) {
      fail(":trend cannot exclude; use :filter -FIELD VALUE first", token.offset);
    }
    negated = Negated::yes;
    word.remove_prefix(1);
    ++field_offset;
  }
  const std::string_view field_word = word.substr(0, word.find(':'));
  const auto field = token.quoted ? std::nullopt : parse_filter_field(field_word);
  const auto offered = use == FieldUse::trend ? has_values : is_shell_filter;
  if (!field || !offered(*field)) {
    fail("unknown field '" + std::string(field_word) + "' (use " + field_list(offered, "or") + ")",
         field_offset);
  }
  return filter_value(token, *field, negated);
}

namespace {

// ---------------------------------------------------------------------------
// Each command's parser, in the order of the table below.

// Facet kinds from one comma-separated word, added to `kinds` once each.
void add_facet_kinds(const CommandArguments& args, const Token& token,
                     std::vector<FacetKind>& kinds) {
  std::size_t start = 0;
  while (start <= token.text.size()) {
    std::size_t end = token.text.find(',', start);
    if (end == std::string::npos) end = token.text.size();
    const std::string name = token.text.substr(start, end - start);
    const auto kind = parse_facet_kind(name);
    if (!kind) {
      args.fail("unknown facet '" + name + "' (" + facet_kind_list("or") + ")",
                token.offset + start);
    }
    if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) kinds.push_back(*kind);
    start = end + 1;
  }
}

// :facets [KIND,KIND...] [N], in either order.
Command parse_facets(const CommandArguments& args) {
  ShowFacets command;
  for (const Token& token : args.words()) {
    if (!token.text.empty() && is_digit(token.text[0])) {
      if (command.limit) args.fail("one number of values only", token.offset);
      command.limit = args.number(token, "a number of values");
      if (*command.limit > 1000) args.fail("at most 1000 values per facet", token.offset);
      continue;
    }
    if (!command.kinds.empty()) args.fail("one list of facets only (person,year)", token.offset);
    add_facet_kinds(args, token, command.kinds);
  }
  return command;
}

// :filter [-]N or :filter [-]FIELD VALUE.
Command parse_filter(const CommandArguments& args) {
  if (args.empty()) {
    args.fail_missing(":filter needs a facet number or a field and value" + args.usage_note());
  }
  const Token& first = args.first();
  std::string_view word = first.text;
  const bool minus = !first.quoted && word.starts_with('-');
  if (minus) word.remove_prefix(1);
  if (first.quoted || word.empty() || !is_digit(word[0])) {
    return FilterByValue{args.field_and_value(FieldUse::filter)};
  }
  args.no_more_than(1);
  const Token digits{std::string(word), first.offset + (minus ? 1 : 0), false};
  return FilterByNumber{args.number(digits, "a facet value number"),
                        minus ? Negated::yes : Negated::no};
}

Command parse_page(const CommandArguments& args) {
  if (args.empty()) args.fail_missing(":page needs a page number");
  args.no_more_than(1);
  return GoToPage{args.number(args.first(), "a page number")};
}

Command parse_sort(const CommandArguments& args) {
  if (args.empty()) args.fail_missing(":sort needs " + sort_order_list("or"));
  args.no_more_than(1);
  const Token& order = args.first();
  const std::optional<SortOrder> parsed = parse_sort_order(order.text);
  if (!parsed) {
    args.fail("unknown order '" + order.text + "' (" + sort_order_list("or") + ")", order.offset);
  }
  return SetSort{*parsed};
}

Command parse_since(const CommandArguments& args) {
  const std::optional<Date> date = args.date(Day::first);
  return SetSince{date ? args.first().text : std::string(), date};
}

Command parse_until(const CommandArguments& args) {
  const std::optional<Date> date = args.date(Day::last);
  return SetUntil{date ? args.first().text : std::string(), date};
}

// :show N, :like N, :dup N.
template <typename ResultCommand>
Command parse_result_number(const CommandArguments& args) {
  return ResultCommand{args.result_number()};
}

Command parse_trend(const CommandArguments& args) {
  if (args.empty()) return ShowTrend{};
  return ShowTrend{args.field_and_value(FieldUse::trend)};
}

Command parse_help(const CommandArguments& args) {
  if (args.empty()) return ShowHelp{};
  args.no_more_than(1);
  std::string_view topic = args.first().text;
  if (topic.starts_with(':')) topic.remove_prefix(1);
  const CommandInfo* info = find_command(topic);
  if (info == nullptr) args.fail("no command ':" + std::string(topic) + "'", args.first().offset);
  return ShowHelp{info->name};
}

// The commands that take no argument.
template <typename PlainCommand>
Command parse_no_arguments(const CommandArguments& args) {
  args.no_more_than(0);
  return PlainCommand{};
}

// ---------------------------------------------------------------------------
// The table.

// "person|location|org|...": the facet kinds as :facets takes them.
std::string facet_kind_choices() {
  std::string kinds;
  for (const FacetInfo& info : k_facet_table) {
    const std::string_view alias =
        info.values == FacetValues::entities ? entity_type_info(info.entity).alias : "";
    kinds += (kinds.empty() ? "" : "|") + std::string(alias.empty() ? info.name : alias);
  }
  return kinds;
}

// "relevance|newest|oldest".
std::string sort_order_choices() {
  std::string orders;
  for (const SortOrderInfo& info : k_sort_orders) {
    orders += (orders.empty() ? "" : "|") + std::string(info.name);
  }
  return orders;
}

std::vector<CommandInfo> make_commands() {
  using K = CompletionKind;
  return {
      {"facets", "fa", ":facets [" + facet_kind_choices() + "] [N]",
       "numbered facet values of the current search, with counts and bars; several kinds "
       "comma-separated",
       parse_facets, K::facet_kind},
      {"filter", "fi", ":filter [-]N  |  :filter [-]FIELD VALUE",
       "narrow by facet value N of the current search's listing, or by FIELD (" +
           field_list(is_shell_filter, "or") + "); '-' excludes",
       parse_filter, K::filter_field},
      {"back", "b", ":back", "drop the last filter", parse_no_arguments<PopFilter>},
      {"clear", "c", ":clear", "drop every filter", parse_no_arguments<ClearFilters>},
      {"next", "n", ":next", "the next page of results", parse_no_arguments<NextPage>},
      {"prev", "p", ":prev", "the previous page of results", parse_no_arguments<PreviousPage>},
      {"page", "pg", ":page N", "page N of the results", parse_page},
      {"sort", "so", ":sort " + sort_order_choices(), "the order of results", parse_sort,
       K::sort_order},
      {"since", "si", ":since [DATE]",
       "only articles from DATE on (YYYY, YYYY-MM, YYYY-MM-DD); no DATE clears", parse_since},
      {"until", "u", ":until [DATE]", "only articles up to DATE; no DATE clears", parse_until},
      {"show", "s", ":show N", "the whole of result N (through $PAGER when it is long)",
       parse_result_number<ShowArticle>},
      {"like", "l", ":like N", "articles most like result N (filters stay)",
       parse_result_number<MoreLike>},
      {"dup", "d", ":dup N", "the other copies of result N's story (its \"+N similar\")",
       parse_result_number<ShowDuplicates>},
      {"trend", "t", ":trend [FIELD VALUE]",
       "articles per month (per year over more than 36 months) as a bar chart: of the current "
       "search, or of one value of " +
           field_list(has_values, "or") + " across the archive",
       parse_trend, K::trend_field},
      {"stats", "st", ":stats", "articles, dates, size on disk and top values of the index",
       parse_no_arguments<ShowStats>},
      {"json", "j", ":json", "print results as JSON (again: as text)",
       parse_no_arguments<ToggleJson>},
      {"help", "h", ":help [COMMAND]", "this list, or one command", parse_help, K::help_topic},
      {"quit", "q", ":quit", "leave (Ctrl-D too)", parse_no_arguments<Quit>},
  };
}

const std::vector<CommandInfo>& command_table() {
  static const std::vector<CommandInfo> table = make_commands();
  return table;
}

}  // namespace

std::string describe_filter(const ActiveFilter& filter) {
  return std::string(filter.negated == Negated::yes ? "-" : "") +
         std::string(field_name(filter.field)) + ":" + filter.value;
}

std::string filter_query_text(const ActiveFilter& filter) {
  const FieldKind kind = field_info(filter.field).kind;
  std::string text;
  if (kind == FieldKind::year || kind == FieldKind::dates) {
    text = std::string(field_name(Field::date)) + ":" + filter.value;
  } else {
    text = std::string(field_name(filter.field)) + ":" +
           quote_field_value(filter.value, Quotes::always);
  }
  return filter.negated == Negated::yes ? "NOT " + text : text;
}

std::string effective_query(std::string_view user_query, const std::vector<ActiveFilter>& filters) {
  std::string query;
  const std::string_view trimmed = trim(user_query);
  if (!trimmed.empty()) query = "(" + std::string(trimmed) + ")";
  for (const ActiveFilter& filter : filters) {
    if (!query.empty()) query += ' ';
    query += filter_query_text(filter);
  }
  return query;
}

std::span<const CommandInfo> commands() { return command_table(); }

const CommandInfo* find_command(std::string_view name) {
  if (name == "?") name = "help";
  if (name == "exit") name = "quit";
  for (const CommandInfo& info : command_table()) {
    if (info.name == name || info.alias == name) return &info;
  }
  return nullptr;
}

std::optional<Field> parse_filter_field(std::string_view name) {
  const std::optional<Field> field = parse_field(name);
  return field && is_shell_filter(*field) ? field : std::nullopt;
}

Command parse_command(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  std::size_t start = 0;
  while (start < line.size() && is_space(line[start])) ++start;
  if (start == line.size()) return NoCommand{};
  if (line[start] != ':') return RunQuery{std::string(trim(line))};
  std::size_t name_end = start + 1;
  while (name_end < line.size() && !is_space(line[name_end])) ++name_end;
  const std::string_view name = line.substr(start + 1, name_end - start - 1);
  const std::size_t column = character_position(line, start);
  if (name.empty()) throw QueryError::at_column("a command name must follow ':'", column);
  const CommandInfo* info = find_command(name);
  if (info == nullptr) {
    throw QueryError::at_column("unknown command ':" + std::string(name) + "' (:help lists them)",
                                column);
  }
  return info->parse(CommandArguments(line, *info, name_end));
}

}  // namespace dateline::shell

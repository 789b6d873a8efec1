#include "searcher/shell_commands.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.hpp"
#include "searcher/filters.hpp"
#include "searcher/query.hpp"

namespace dateline::shell {
namespace {

// The commands, their usages and summaries written from the tables of
// facet kinds, fields and sort orders.
std::vector<CommandInfo> make_commands() {
  std::string kinds;
  for (const FacetInfo& info : k_facet_table) {
    const std::string_view alias =
        info.values == FacetValues::entities ? entity_type_info(info.entity).alias : "";
    kinds += (kinds.empty() ? "" : "|") + std::string(alias.empty() ? info.name : alias);
  }
  std::string orders;
  for (const SortOrderInfo& info : k_sort_orders) {
    orders += (orders.empty() ? "" : "|") + std::string(info.name);
  }
  return {
      {"facets", "fa", ":facets [" + kinds + "] [N]",
       "numbered facet values of the current search, with counts and bars; several kinds "
       "comma-separated"},
      {"filter", "fi", ":filter [-]N  |  :filter [-]FIELD VALUE",
       "narrow by facet value N of the current search's listing, or by FIELD (" +
           field_list(is_shell_filter, "or") + "); '-' excludes"},
      {"back", "b", ":back", "drop the last filter"},
      {"clear", "c", ":clear", "drop every filter"},
      {"next", "n", ":next", "the next page of results"},
      {"prev", "p", ":prev", "the previous page of results"},
      {"page", "pg", ":page N", "page N of the results"},
      {"sort", "so", ":sort " + orders, "the order of results"},
      {"since", "si", ":since [DATE]",
       "only articles from DATE on (YYYY, YYYY-MM, YYYY-MM-DD); no DATE clears"},
      {"until", "u", ":until [DATE]", "only articles up to DATE; no DATE clears"},
      {"show", "s", ":show N", "the whole of result N (through $PAGER when it is long)"},
      {"like", "l", ":like N", "articles most like result N (filters stay)"},
      {"dup", "d", ":dup N", "the other copies of result N's story (its \"+N similar\")"},
      {"trend", "t", ":trend [FIELD VALUE]",
       "articles per month (per year over more than 36 months) as a bar chart: of the current "
       "search, or of one value of " +
           field_list(has_values, "or") + " across the archive"},
      {"stats", "st", ":stats", "articles, dates, size on disk and top values of the index"},
      {"json", "j", ":json", "print results as JSON (again: as text)"},
      {"help", "h", ":help [COMMAND]", "this list, or one command"},
      {"quit", "q", ":quit", "leave (Ctrl-D too)"},
  };
}

const std::vector<CommandInfo>& command_table() {
  static const std::vector<CommandInfo> table = make_commands();
  return table;
}

// The shell filter named `name` (a field or alias, any case), if it is one.
std::optional<Field> parse_filter_field(std::string_view name) {
  const std::optional<Field> field = parse_field(name);
  return field && is_shell_filter(*field) ? field : std::nullopt;
}

// A word of a command line: its text (unquoted) and where it starts.
struct Token {
  std::string text;
  std::size_t offset = 0;  // byte offset in the line
  bool quoted = false;
};

// 1-based character column of byte `offset` in `line`.
std::size_t column(std::string_view line, std::size_t offset) {
  std::size_t col = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

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
        throw CommandError("'\"' is never closed", column(line, i));
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

class Parser {
 public:
  Parser(std::string_view line, const CommandInfo& info, std::size_t args_from)
      : m_line(line), m_info(info), m_args(tokenize(line, args_from)) {}

  Command parse();

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t offset) const {
    throw CommandError(message, column(m_line, offset));
  }
  std::string name() const { return ":" + std::string(m_info.name); }
  void no_more_than(std::size_t count) const {
    if (m_args.size() > count) {
      fail(name() + (count == 0 ? " takes no argument" : " takes fewer arguments") +
               " (usage: " + std::string(m_info.usage) + ")",
           m_args[count].offset);
    }
  }
  std::size_t number(const Token& token, std::string_view what) const;
  std::size_t required_number() const;
  std::optional<Date> date_argument(bool first_day) const;
  ActiveFilter filter_value(const Token& field_token, Field field, Negated negated) const;
  ActiveFilter field_and_value(bool for_trend) const;

  std::string_view m_line;
  const CommandInfo& m_info;
  std::vector<Token> m_args;
};

std::size_t Parser::number(const Token& token, std::string_view what) const {
  const std::string& t = token.text;
  const bool digits = !t.empty() && t.size() <= 9 &&
                      std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || token.quoted)
    fail("expected " + std::string(what) + ", not '" + t + "'", token.offset);
  const std::size_t value = std::stoul(t);
  if (value == 0) fail(std::string(what) + " counts from 1", token.offset);
  return value;
}

std::size_t Parser::required_number() const {
  if (m_args.empty()) {
    fail(name() + " needs a result number (usage: " + std::string(m_info.usage) + ")",
         m_line.size());
  }
  no_more_than(1);
  return number(m_args[0], "a result number");
}

std::optional<Date> Parser::date_argument(bool first_day) const {
  if (m_args.empty()) return std::nullopt;
  no_more_than(1);
  const Token& token = m_args[0];
  const std::string bad = "not a date (use YYYY, YYYY-MM or YYYY-MM-DD): '" + token.text + "'";
  if (token.text.find("..") != std::string::npos) fail(bad, token.offset);
  try {
    const DateRange range = parse_date_range(token.text);
    return first_day ? range.from : range.to;
  } catch (const QueryError&) {
    fail(bad, token.offset);
  }
}

// The value of a filter on `field`: the rest of the line after the field
// token (or after "field:" within it), unquoted when it is one quoted word.
ActiveFilter Parser::filter_value(const Token& field_token, Field field, Negated negated) const {
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
  const std::string name(field_name(field));
  if (value.empty()) {
    const FieldKind kind = field_info(field).kind;
    const std::string example = kind == FieldKind::year    ? "2024"
                                : kind == FieldKind::dates ? "2024-03..2024-06"
                                : kind == FieldKind::site  ? "bbc.co.uk"
                                                           : "\"Some Name\"";
    fail("'" + name + "' needs a value, as in :filter " + name + " " + example, m_line.size());
  }
  if (field == Field::year) {
    const bool year = value.size() == 4 && std::all_of(value.begin(), value.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
    if (!year) fail("a year is four digits, not '" + value + "'", value_from);
  }
  if (field == Field::date) {
    try {
      parse_date_range(value);
    } catch (const QueryError& e) {
      fail(e.what(), value_from);
    }
  }
  return {field, value, negated};
}

// "[-]FIELD VALUE..." or "[-]FIELD:VALUE..." from the first argument on.
ActiveFilter Parser::field_and_value(bool for_trend) const {
  const Token& first = m_args[0];
  std::string_view word = first.text;
  Negated negated = Negated::no;
  std::size_t field_offset = first.offset;
  if (!first.quoted && word.starts_with('-')) {
    if (for_trend) fail(":trend cannot exclude; use :filter -FIELD VALUE first", first.offset);
    negated = Negated::yes;
    word.remove_prefix(1);
    ++field_offset;
  }
  const std::string_view field_word = word.substr(0, word.find(':'));
  const auto field = first.quoted ? std::nullopt : parse_filter_field(field_word);
  if (!field || (for_trend && !has_values(*field))) {
    fail("unknown field '" + std::string(field_word) + "' (use " +
             (for_trend ? field_list(has_values, "or") : field_list(is_shell_filter, "or")) + ")",
         field_offset);
  }
  return filter_value(first, *field, negated);
}

Command Parser::parse() {
  const std::string_view n = m_info.name;
  if (n == "facets") {
    ShowFacets command;
    for (const Token& token : m_args) {
      if (!token.text.empty() && token.text[0] >= '0' && token.text[0] <= '9') {
        if (command.limit) fail("one number of values only", token.offset);
        command.limit = number(token, "a number of values");
        if (*command.limit > 1000) fail("at most 1000 values per facet", token.offset);
        continue;
      }
      if (!command.kinds.empty()) fail("one list of facets only (person,year)", token.offset);
      std::size_t start = 0;
      while (start <= token.text.size()) {
        std::size_t end = token.text.find(',', start);
        if (end == std::string::npos) end = token.text.size();
        const std::string kind_name = token.text.substr(start, end - start);
        const auto kind = parse_facet_kind(kind_name);
        if (!kind) {
          fail("unknown facet '" + kind_name + "' (" + facet_kind_list("or") + ")",
               token.offset + start);
        }
        if (std::find(command.kinds.begin(), command.kinds.end(), *kind) == command.kinds.end()) {
          command.kinds.push_back(*kind);
        }
        start = end + 1;
      }
    }
    return command;
  }
  if (n == "filter") {
    if (m_args.empty()) {
      fail(":filter needs a facet number or a field and value (usage: " +
               std::string(m_info.usage) + ")",
           m_line.size());
    }
    const Token& first = m_args[0];
    std::string_view word = first.text;
    const bool minus = !first.quoted && word.starts_with('-');
    if (minus) word.remove_prefix(1);
    if (!first.quoted && !word.empty() && word[0] >= '0' && word[0] <= '9') {
      no_more_than(1);
      Token digits{std::string(word), first.offset + (minus ? 1 : 0), false};
      return FilterByNumber{number(digits, "a facet value number"),
                            minus ? Negated::yes : Negated::no};
    }
    return FilterByValue{field_and_value(false)};
  }
  if (n == "trend") {
    if (m_args.empty()) return ShowTrend{};
    return ShowTrend{field_and_value(true)};
  }
  if (n == "page") {
    if (m_args.empty()) fail(":page needs a page number", m_line.size());
    no_more_than(1);
    return GoToPage{number(m_args[0], "a page number")};
  }
  if (n == "sort") {
    if (m_args.empty()) fail(":sort needs " + sort_order_list("or"), m_line.size());
    no_more_than(1);
    const std::string& order = m_args[0].text;
    if (const std::optional<SortOrder> parsed = parse_sort_order(order)) return SetSort{*parsed};
    fail("unknown order '" + order + "' (" + sort_order_list("or") + ")", m_args[0].offset);
  }
  if (n == "since") {
    const std::optional<Date> date = date_argument(true);
    return SetSince{date ? m_args[0].text : std::string(), date};
  }
  if (n == "until") {
    const std::optional<Date> date = date_argument(false);
    return SetUntil{date ? m_args[0].text : std::string(), date};
  }
  if (n == "show") return ShowArticle{required_number()};
  if (n == "like") return MoreLike{required_number()};
  if (n == "dup") return ShowDuplicates{required_number()};
  if (n == "help") {
    if (m_args.empty()) return ShowHelp{};
    no_more_than(1);
    std::string_view topic = m_args[0].text;
    if (topic.starts_with(':')) topic.remove_prefix(1);
    const CommandInfo* info = find_command(topic);
    if (info == nullptr) fail("no command ':" + std::string(topic) + "'", m_args[0].offset);
    return ShowHelp{std::string(info->name)};
  }
  no_more_than(0);
  if (n == "back") return PopFilter{};
  if (n == "clear") return ClearFilters{};
  if (n == "next") return NextPage{};
  if (n == "prev") return PreviousPage{};
  if (n == "stats") return ShowStats{};
  if (n == "json") return ToggleJson{};
  return Quit{};
}

// Case- and accent-folded, for matching what is typed against candidates.
std::string fold(std::string_view text) { return fold_case(fold_accents(text)); }

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80);
}

// A value as it must be written after "field:" in a query.
std::string query_value(std::string_view value, bool force_quotes) {
  const bool plain =
      !value.empty() && std::all_of(value.begin(), value.end(), word_char) && !force_quotes;
  if (plain) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// Longest beginning the candidates share, ignoring ASCII case; the first
// candidate's spelling. Never ends inside a UTF-8 sequence.
std::string common_beginning(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return {};
  const std::string& first = candidates.front();
  std::size_t length = first.size();
  for (const std::string& other : candidates) {
    std::size_t i = 0;
    while (i < length && i < other.size() &&
           std::tolower(static_cast<unsigned char>(first[i])) ==
               std::tolower(static_cast<unsigned char>(other[i]))) {
      ++i;
    }
    length = i;
  }
  while (length > 0 && length < first.size() &&
         (static_cast<unsigned char>(first[length]) & 0xC0) == 0x80) {
    --length;
  }
  return first.substr(0, length);
}

// The context of a `field:value` word of a query, if the cursor is in one.
std::optional<CompletionContext> query_field_context(std::string_view line, std::size_t from) {
  // Find where the word under the cursor starts, minding quotes.
  std::size_t word_start = from;
  bool in_quote = false;
  for (std::size_t i = from; i < line.size(); ++i) {
    if (line[i] == '"') in_quote = !in_quote;
    if (!in_quote && (is_space(line[i]) || line[i] == '(' || line[i] == ')')) word_start = i + 1;
  }
  std::string_view word = line.substr(std::min(word_start, line.size()));
  std::size_t offset = word_start;
  while (!word.empty() && (word[0] == '-' || word[0] == '+')) {
    word.remove_prefix(1);
    ++offset;
  }
  const std::size_t colon = word.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto field = parse_field(word.substr(0, colon));
  if (!field || !has_values(*field)) return std::nullopt;
  CompletionContext context;
  context.kind = CompletionKind::value;
  context.field = *field;
  context.syntax = ValueSyntax::query_field;
  context.start = offset + colon + 1;
  std::string_view value = word.substr(colon + 1);
  if (value.starts_with('"')) {
    context.quoted = true;
    value.remove_prefix(1);
  }
  context.prefix = std::string(value);
  return context;
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
    text = std::string(field_name(filter.field)) + ":" + query_value(filter.value, true);
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

CommandError::CommandError(const std::string& message, std::size_t position)
    : Error(position > 0 ? message + " at column " + std::to_string(position) : message),
      m_position(position) {}

std::span<const CommandInfo> commands() { return command_table(); }

const CommandInfo* find_command(std::string_view name) {
  if (name == "?") name = "help";
  if (name == "exit") name = "quit";
  for (const CommandInfo& info : command_table()) {
    if (info.name == name || info.alias == name) return &info;
  }
  return nullptr;
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
  if (name.empty()) throw CommandError("a command name must follow ':'", column(line, start));
  const CommandInfo* info = find_command(name);
  if (info == nullptr) {
    throw CommandError("unknown command ':" + std::string(name) + "' (:help lists them)",
                       column(line, start));
  }
  return Parser(line, *info, name_end).parse();
}

CompletionContext completion_context(std::string_view line) {
  std::size_t start = 0;
  while (start < line.size() && is_space(line[start])) ++start;
  if (start == line.size() || line[start] != ':') {
    return query_field_context(line, start).value_or(CompletionContext{});
  }
  std::size_t name_end = start + 1;
  while (name_end < line.size() && !is_space(line[name_end])) ++name_end;
  if (name_end == line.size()) {
    return {CompletionKind::command,         Field::person, ValueSyntax::query_field, start,
            std::string(line.substr(start)), false};
  }
  const CommandInfo* info = find_command(line.substr(start + 1, name_end - start - 1));
  if (info == nullptr) return {};
  // The arguments typed so far: where each starts, and whether the cursor
  // is in the last one or past it.
  std::size_t arg_from = name_end;
  while (arg_from < line.size() && is_space(line[arg_from])) ++arg_from;
  const std::string_view args = line.substr(arg_from);
  const std::size_t first_end = std::min(args.find_first_of(" \t"), args.size());
  const bool in_first = first_end == args.size();
  const std::string_view name = info->name;

  CompletionContext context;
  if (name == "facets") {
    const std::size_t word_start = line.find_last_of(" \t,") + 1;
    context.kind = CompletionKind::facet_kind;
    context.start = word_start;
    context.prefix = std::string(line.substr(word_start));
    return context;
  }
  if ((name == "sort" || name == "help") && in_first) {
    context.kind = name == "sort" ? CompletionKind::sort_order : CompletionKind::help_topic;
    context.start = arg_from;
    context.prefix = std::string(args);
    return context;
  }
  if (name != "filter" && name != "trend") return {};
  std::string_view first = args.substr(0, first_end);
  std::size_t first_offset = arg_from;
  if (first.starts_with('-') && name == "filter") {
    first.remove_prefix(1);
    ++first_offset;
  }
  if (first.find(':') != std::string_view::npos) {
    // ":filter person:Jo" completes like a query field.
    return query_field_context(line, arg_from).value_or(CompletionContext{});
  }
  if (in_first) {
    context.kind = name == "filter" ? CompletionKind::filter_field : CompletionKind::trend_field;
    context.start = first_offset;
    context.prefix = std::string(first);
    return context;
  }
  const auto field = parse_filter_field(first);
  if (!field || !has_values(*field)) return {};
  std::size_t value_from = arg_from + first_end;
  while (value_from < line.size() && is_space(line[value_from])) ++value_from;
  context.kind = CompletionKind::value;
  context.field = *field;
  context.syntax = ValueSyntax::rest_of_line;
  context.start = value_from;
  std::string_view value = line.substr(value_from);
  if (value.starts_with('"')) {
    context.quoted = true;
    value.remove_prefix(1);
  }
  context.prefix = std::string(value);
  return context;
}

std::vector<std::string> candidate_words(CompletionKind kind) {
  std::vector<std::string> words;
  switch (kind) {
    case CompletionKind::command:
      for (const CommandInfo& info : commands()) words.push_back(":" + info.name);
      break;
    case CompletionKind::help_topic:
      for (const CommandInfo& info : commands()) words.push_back(info.name);
      break;
    case CompletionKind::filter_field:
    case CompletionKind::trend_field:
      for (const FieldInfo& info : k_field_table) {
        const bool offered = kind == CompletionKind::filter_field ? is_shell_filter(info.field)
                                                                  : has_values(info.field);
        if (offered) words.emplace_back(info.name);
      }
      break;
    case CompletionKind::facet_kind:
      for (const FacetInfo& info : k_facet_table) words.emplace_back(info.name);
      break;
    case CompletionKind::sort_order:
      for (const SortOrderInfo& info : k_sort_orders) words.emplace_back(info.name);
      break;
    case CompletionKind::value:
    case CompletionKind::none:
      break;
  }
  return words;
}

Completion complete(std::string_view before_cursor, const CandidateSource& source) {
  const CompletionContext context = completion_context(before_cursor);
  Completion completion;
  completion.start = context.start;
  if (context.kind == CompletionKind::none) return completion;

  const std::string typed = fold(context.prefix);
  std::vector<std::string> starting;
  std::vector<std::string> inside;  // a later word starts with what is typed
  for (std::string& candidate : source(context.kind, context.field)) {
    const std::string folded = fold(candidate);
    if (folded.starts_with(typed)) {
      starting.push_back(std::move(candidate));
    } else if (context.kind == CompletionKind::value && !typed.empty() &&
               folded.find(" " + typed) != std::string::npos) {
      inside.push_back(std::move(candidate));
    }
  }
  std::vector<std::string>& matches = starting.empty() ? inside : starting;
  std::sort(matches.begin(), matches.end());
  matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
  if (matches.empty()) return completion;

  const bool value = context.kind == CompletionKind::value;
  const bool query_syntax = context.syntax == ValueSyntax::query_field;
  if (matches.size() == 1) {
    const std::string& match = matches.front();
    if (!value) {
      // Commands and field names take more words; the others end the line.
      const bool more = context.kind == CompletionKind::command ||
                        context.kind == CompletionKind::filter_field ||
                        context.kind == CompletionKind::trend_field;
      completion.text = match + (more ? " " : "");
    } else if (query_syntax) {
      completion.text = query_value(match, context.quoted) + " ";
    } else {
      completion.text = context.quoted ? "\"" + match + "\"" : match;
    }
    return completion;
  }
  completion.choices = matches;
  if (&matches == &starting) {
    const std::string shared = common_beginning(matches);
    if (shared.size() > context.prefix.size()) {
      const bool quote =
          value && (context.quoted ||
                    (query_syntax && !std::all_of(shared.begin(), shared.end(), word_char)));
      completion.text = (quote ? "\"" : "") + shared;
    }
  }
  return completion;
}

}  // namespace dateline::shell

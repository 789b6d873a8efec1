#include "searcher/shell_completion.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "searcher/facets.hpp"
#include "searcher/query.hpp"
#include "searcher/searcher.hpp"

namespace dateline::shell {
namespace {

// The first byte at or after `from` that is not a space.
std::size_t skip_spaces(std::string_view line, std::size_t from) {
  while (from < line.size() && is_space(line[from])) ++from;
  return from;
}

// Case- and accent-folded, for matching what is typed against candidates.
std::string fold(std::string_view text) { return fold_case(fold_accents(text)); }

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

// A value being typed from byte `start` of the line: `typed`, with an
// opening quote noted and left out of the prefix.
CompletionContext value_context(Field field, ValueSyntax syntax, std::size_t start,
                                std::string_view typed) {
  CompletionContext context;
  context.kind = CompletionKind::value;
  context.field = field;
  context.syntax = syntax;
  context.start = start;
  if (typed.starts_with('"')) {
    context.quoted = true;
    typed.remove_prefix(1);
  }
  context.prefix = std::string(typed);
  return context;
}

// A word of a kind other than values, typed from byte `start`.
CompletionContext word_context(CompletionKind kind, std::size_t start, std::string_view typed) {
  CompletionContext context;
  context.kind = kind;
  context.start = start;
  context.prefix = std::string(typed);
  return context;
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
  return value_context(*field, ValueSyntax::query_field, offset + colon + 1,
                       word.substr(colon + 1));
}

// The arguments of :filter and :trend from byte `args_from`: a field name
// (after '-' for a filter), then that field's value to the end of the line;
// or FIELD:VALUE, which completes as in a query.
CompletionContext field_value_context(std::string_view line, CompletionKind field_kind,
                                      std::size_t args_from) {
  const std::string_view args = line.substr(args_from);
  const std::size_t first_end = std::min(args.find_first_of(" \t"), args.size());
  std::string_view first = args.substr(0, first_end);
  std::size_t first_offset = args_from;
  if (first.starts_with('-') && field_kind == CompletionKind::filter_field) {
    first.remove_prefix(1);
    ++first_offset;
  }
  if (first.find(':') != std::string_view::npos) {
    return query_field_context(line, args_from).value_or(CompletionContext{});
  }
  if (first_end == args.size()) return word_context(field_kind, first_offset, first);
  const auto field = parse_filter_field(first);
  if (!field || !has_values(*field)) return {};
  const std::size_t value_from = skip_spaces(line, args_from + first_end);
  return value_context(*field, ValueSyntax::rest_of_line, value_from, line.substr(value_from));
}

// The context within the arguments of `command`, which start at byte
// `args_from` (past the spaces after its name).
CompletionContext argument_context(std::string_view line, const CommandInfo& command,
                                   std::size_t args_from) {
  const std::string_view args = line.substr(args_from);
  const bool in_first_word = args.find_first_of(" \t") == std::string_view::npos;
  switch (command.arguments) {
    case CompletionKind::facet_kind: {
      // Every word is a list of kinds: complete the last of them.
      const std::size_t word_start = line.find_last_of(" \t,") + 1;
      return word_context(command.arguments, word_start, line.substr(word_start));
    }
    case CompletionKind::sort_order:
    case CompletionKind::help_topic:
      if (!in_first_word) return {};
      return word_context(command.arguments, args_from, args);
    case CompletionKind::filter_field:
    case CompletionKind::trend_field:
      return field_value_context(line, command.arguments, args_from);
    case CompletionKind::none:
    case CompletionKind::command:
    case CompletionKind::value:
      break;
  }
  return {};
}

// What to insert for the one candidate that matches.
std::string insertion_for_one(const CompletionContext& context, const std::string& match) {
  switch (context.kind) {
    case CompletionKind::value:
      if (context.syntax == ValueSyntax::query_field) {
        return quote_field_value(match, context.quoted ? Quotes::always : Quotes::when_needed) +
               " ";
      }
      return context.quoted ? "\"" + match + "\"" : match;
    case CompletionKind::command:
    case CompletionKind::filter_field:
    case CompletionKind::trend_field:
      return match + " ";  // these take more words
    case CompletionKind::facet_kind:
    case CompletionKind::sort_order:
    case CompletionKind::help_topic:
    case CompletionKind::none:
      break;
  }
  return match;  // the last word of its line
}

// What to insert for several candidates that all start with what is
// typed: their common beginning, when it is longer than that.
std::optional<std::string> insertion_for_several(const CompletionContext& context,
                                                 const std::vector<std::string>& matches) {
  const std::string shared = common_beginning(matches);
  if (shared.size() <= context.prefix.size()) return std::nullopt;
  const bool value = context.kind == CompletionKind::value;
  const bool quote =
      value &&
      (context.quoted || (context.syntax == ValueSyntax::query_field && needs_quotes(shared)));
  return (quote ? "\"" : "") + shared;
}

}  // namespace

CompletionContext completion_context(std::string_view line) {
  const std::size_t start = skip_spaces(line, 0);
  if (start == line.size() || line[start] != ':') {
    return query_field_context(line, start).value_or(CompletionContext{});
  }
  std::size_t name_end = start + 1;
  while (name_end < line.size() && !is_space(line[name_end])) ++name_end;
  if (name_end == line.size()) {
    return word_context(CompletionKind::command, start, line.substr(start));
  }
  const CommandInfo* command = find_command(line.substr(start + 1, name_end - start - 1));
  if (command == nullptr) return {};
  return argument_context(line, *command, skip_spaces(line, name_end));
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
  if (matches.size() == 1) {
    completion.text = insertion_for_one(context, matches.front());
    return completion;
  }
  completion.choices = matches;
  // Matches inside names share no beginning with what is typed.
  if (&matches == &starting) completion.text = insertion_for_several(context, matches);
  return completion;
}

}  // namespace dateline::shell

// What TAB completes at the shell's prompt, with no I/O: the text before
// the cursor says what kind of word is being typed (a command, a field, a
// facet kind, a sort order, a value of a field...), and the candidates of
// that kind that match what is typed say what to insert or list. Command
// rows (searcher/shell_commands.hpp) say what their arguments complete to;
// the values of fields come from the index, through a CandidateSource the
// shell gives.
//
// Pure and thread-safe (as far as the CandidateSource is), so
// tests/searcher/shell_completion_test.cpp covers it without a terminal.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/fields.hpp"
#include "searcher/shell_commands.hpp"

namespace dateline::shell {

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
// anything, and are returned as choices. Calls `source` once.
Completion complete(std::string_view before_cursor, const CandidateSource& source);

}  // namespace dateline::shell

#include "searcher/query.hpp"

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/filters.hpp"

namespace dateline {

QueryError::QueryError(const std::string& message, std::size_t position)
    : Error(position > 0 ? message + " at position " + std::to_string(position) : message),
      m_position(position) {}

namespace {

// 1-based character position of byte `offset` in UTF-8 `text`.
std::size_t char_position(std::string_view text, std::size_t offset) {
  std::size_t position = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position;
  }
  // `position` now counts the characters before `offset`, plus one.
  return position;
}

bool is_binary_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "XOR" || word == "NEAR" ||
         (word.starts_with("NEAR/") && word.size() > 5);
}

struct Word {
  std::string_view text;
  std::size_t offset;
};

}  // namespace

void check_query_syntax(std::string_view query) {
  if (query.size() > k_max_query_bytes) {
    throw QueryError("query is longer than " + std::to_string(k_max_query_bytes) + " bytes", 0);
  }
  if (trim(query).empty()) throw QueryError("empty query", 0);

  std::vector<std::size_t> open_parens;
  std::size_t open_quote = std::string_view::npos;
  std::vector<Word> words;  // words outside quotes, with parentheses as words
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (c == '"') {
      if (open_quote == std::string_view::npos) {
        open_quote = i;
      } else {
        open_quote = std::string_view::npos;
      }
      words.push_back({query.substr(i, 1), i});
      ++i;
      continue;
    }
    if (open_quote != std::string_view::npos) {
      ++i;
      continue;
    }
    if (c == '(') {
      open_parens.push_back(i);
      words.push_back({query.substr(i, 1), i});
      ++i;
    } else if (c == ')') {
      if (open_parens.empty())
        throw QueryError("')' without a matching '('", char_position(query, i));
      open_parens.pop_back();
      words.push_back({query.substr(i, 1), i});
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else {
      const std::size_t start = i;
      while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i])) &&
             query[i] != '(' && query[i] != ')' && query[i] != '"') {
        ++i;
      }
      words.push_back({query.substr(start, i - start), start});
    }
  }
  if (open_quote != std::string_view::npos) {
    throw QueryError("'\"' is never closed", char_position(query, open_quote));
  }
  if (!open_parens.empty()) {
    throw QueryError("'(' is never closed", char_position(query, open_parens.back()));
  }
  std::size_t wildcards = 0;
  for (const Word& word : words) {
    if (word.text.size() < 2 || word.text.back() != '*') continue;
    if (++wildcards > k_max_wildcards) {
      throw QueryError("more than " + std::to_string(k_max_wildcards) + " wildcards",
                       char_position(query, word.offset));
    }
  }
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (!is_binary_operator(words[w].text)) continue;
    const bool nothing_left = w == 0 || words[w - 1].text == "(" ||
                              is_binary_operator(words[w - 1].text) || words[w - 1].text == "NOT";
    const bool nothing_right = w + 1 == words.size() || words[w + 1].text == ")";
    if (nothing_left || nothing_right) {
      throw QueryError("'" + std::string(words[w].text) + "' needs a term on each side",
                       char_position(query, words[w].offset));
    }
  }
}

Xapian::QueryParser make_query_parser(const QueryContext& context) {
  Xapian::QueryParser parser;
  if (context.db != nullptr) parser.set_database(*context.db);
  parser.set_stemmer(context.stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(context.mode == MatchMode::all ? Xapian::Query::OP_AND
                                                       : Xapian::Query::OP_OR);
  parser.add_prefix("title", schema::k_prefix_title);
  // An empty grouping makes every filter its own group, so several filters
  // on one field combine with AND, as they do across fields.
  const std::string own_group;
  if (context.db != nullptr) {
    for (EntityType type : k_entity_types) {
      auto* processor = new EntityFieldProcessor(type, *context.db);
      parser.add_boolean_prefix(std::string(type_name(type)), processor->release(), &own_group);
    }
    auto* org = new EntityFieldProcessor(EntityType::organization, *context.db);
    parser.add_boolean_prefix("org", org->release(), &own_group);
  }
  parser.add_boolean_prefix("date", (new DateFieldProcessor)->release(), &own_group);
  // A wildcard over a common prefix keeps its most frequent expansions
  // rather than failing or exploding.
  parser.set_max_expansion(1000, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  return parser;
}

Xapian::Query parse_query(const std::string& query, Xapian::QueryParser& parser,
                          Spelling spelling) {
  check_query_syntax(query);
  unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                   Xapian::QueryParser::FLAG_PURE_NOT;
  if (spelling == Spelling::correct) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
  (void)take_filter_error();  // none is left from an earlier parse, but be sure
  Xapian::Query parsed;
  try {
    parsed = parser.parse_query(fold_accents(query), flags);
  } catch (const Xapian::QueryParserError& e) {
    (void)take_filter_error();
    throw QueryError("cannot parse query: " + e.get_msg(), 0);
  }
  // A bad filter value, which the field processors could not throw.
  if (std::optional<QueryError> error = take_filter_error()) throw QueryError(*error);
  return parsed;
}

Xapian::Query parse_query(const std::string& query, const QueryContext& context) {
  Xapian::QueryParser parser = make_query_parser(context);
  return parse_query(query, parser);
}

}  // namespace dateline

#include "searcher/query.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/fields.hpp"
#include "searcher/filters.hpp"

namespace dateline {

QueryError::QueryError(const std::string& message, std::size_t position, const std::string& advice)
    : QueryError(Described{},
                 (position > 0 ? message + " at position " + std::to_string(position) : message) +
                     (advice.empty() ? "" : "; " + advice),
                 position) {}

QueryError QueryError::at_column(const std::string& message, std::size_t column) {
  return QueryError(
      Described{}, column > 0 ? message + " at column " + std::to_string(column) : message, column);
}

QueryError::QueryError(Described, const std::string& what, std::size_t position)
    : Error(what), m_position(position) {}

std::size_t character_position(std::string_view text, std::size_t offset) {
  std::size_t position = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position;
  }
  // `position` now counts the characters before `offset`, plus one.
  return position;
}

namespace {

bool is_binary_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "XOR" || word == "NEAR" ||
         (word.starts_with("NEAR/") && word.size() > 5);
}

struct Word {
  std::string_view text;
  std::size_t offset;
};

// The fields route_wildcards sends wildcards to; no one types these (they
// are not words of letters only, so check_query_syntax takes them for
// text).
constexpr std::string_view k_wildcard_field = "dateline_wildcard";
constexpr std::string_view k_title_wildcard_field = "dateline_title_wildcard";
constexpr std::string_view k_everything_field = "dateline_everything";
// The word route_wildcards turns a lone `*` into.
constexpr std::string_view k_everything_word = "dateline_everything:articles";

// A field that matches every article, weighing nothing (`*`).
class EverythingProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string&) override {
    return {Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0.0};
  }
};

// Where a word outside quotes names a field (see check_query_syntax).
struct FieldWord {
  std::size_t offset;     // byte offset of the name in the query
  std::string_view name;  // as typed, without the colon
};

// The field-like words of `query`: NAME:VALUE outside quotes, NAME two or
// more ASCII letters, VALUE right after the colon and not "//".
std::vector<FieldWord> field_words(std::string_view query) {
  std::vector<FieldWord> found;
  bool in_quotes = false;
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes || c == '"' || c == '(' || c == ')' || is_space(c)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < query.size() && !is_space(query[i]) && query[i] != '(' && query[i] != ')' &&
           query[i] != '"') {
      ++i;
    }
    while (start < i && (query[start] == '+' || query[start] == '-')) ++start;
    const std::string_view word = query.substr(start, i - start);
    const std::size_t colon = word.find(':');
    if (colon == std::string_view::npos || colon < 2) continue;
    const std::string_view name = word.substr(0, colon);
    const bool letters = std::all_of(name.begin(), name.end(), [](char ch) {
      return std::isalpha(static_cast<unsigned char>(ch)) != 0;
    });
    const std::size_t value = start + colon + 1;
    const bool has_value = value < query.size() && !is_space(query[value]) && query[value] != ')';
    if (letters && has_value && query.substr(value, 2) != "//") found.push_back({start, name});
  }
  return found;
}

// The error for a field-like word that is no field of the query language.
QueryError unknown_field(std::string_view query, const FieldWord& word) {
  std::string advice = "fields are " + field_list(in_query_language, "and");
  if (const std::optional<Field> nearest = nearest_field(word.name, in_query_language)) {
    advice += "; did you mean '" + std::string(field_name(*nearest)) + ":'?";
  } else {
    advice += "; to search for the text, put it in quotes";
  }
  return QueryError("unknown field '" + std::string(word.name) + ":'",
                    character_position(query, word.offset), advice);
}

// Expands a wildcard's pattern (route_wildcards) among the stemmed terms
// under `prefix` (none: body text; "S": titles).
class WildcardProcessor : public Xapian::FieldProcessor {
 public:
  // REQUIRES: `db`, when not null, outlives the processor. Without one,
  // the stems that start with the pattern are left to Xapian to expand.
  WildcardProcessor(const Xapian::Database* db, Xapian::Stem stemmer, std::string prefix)
      : m_db(db), m_stemmer(std::move(stemmer)), m_prefix(std::move(prefix)) {}

  Xapian::Query operator()(const std::string& pattern) override {
    const std::string word = fold_case(pattern);
    // Stems that start with the pattern: "1987*", "negotiat*".
    const std::string stems = std::string(k_stem_marker) + m_prefix + word;
    if (m_db == nullptr) {
      return {Xapian::Query::OP_WILDCARD, stems, k_max_expansion,
              Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM};
    }
    const Xapian::Database& db = *m_db;
    std::map<std::string, Xapian::doccount> terms;  // term -> articles
    for (Xapian::TermIterator it = db.allterms_begin(stems); it != db.allterms_end(stems); ++it) {
      terms.emplace(*it, it.get_termfreq());
    }
    // Words that start with it, by their stems: "presiden*" finds
    // "president", whose stem is "presid".
    Xapian::TermIterator it = db.spellings_begin();
    for (it.skip_to(word); it != db.spellings_end() && (*it).starts_with(word); ++it) {
      std::string term = std::string(k_stem_marker) + m_prefix + m_stemmer(*it);
      if (terms.count(term) != 0) continue;
      const Xapian::doccount articles = db.get_termfreq(term);
      if (articles > 0) terms.emplace(std::move(term), articles);
    }
    std::vector<std::pair<Xapian::doccount, std::string>> ranked;
    ranked.reserve(terms.size());
    for (auto& [term, articles] : terms) ranked.emplace_back(articles, term);
    if (ranked.size() > k_max_expansion) {
      std::nth_element(ranked.begin(), ranked.begin() + k_max_expansion, ranked.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      ranked.resize(k_max_expansion);
    }
    std::vector<std::string> expansion;
    expansion.reserve(ranked.size());
    for (auto& [articles, term] : ranked) expansion.push_back(std::move(term));
    // One term to BM25, whichever forms an article has.
    return {Xapian::Query::OP_SYNONYM, expansion.begin(), expansion.end()};
  }

 private:
  const Xapian::Database* m_db;
  Xapian::Stem m_stemmer;
  std::string m_prefix;
};

}  // namespace

namespace {

// The words of `query` outside quotes, with each parenthesis and quote
// mark a word of its own; throws for a quote or parenthesis left open or
// a ')' that closes nothing.
std::vector<Word> checked_words(std::string_view query) {
  std::vector<std::size_t> open_parens;
  std::size_t open_quote = std::string_view::npos;
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (c == '"') {
      open_quote = open_quote == std::string_view::npos ? i : std::string_view::npos;
      words.push_back({query.substr(i, 1), i});
      ++i;
    } else if (open_quote != std::string_view::npos || is_space(c)) {
      ++i;
    } else if (c == '(' || c == ')') {
      if (c == '(') {
        open_parens.push_back(i);
      } else if (open_parens.empty()) {
        throw QueryError("')' without a matching '('", character_position(query, i));
      } else {
        open_parens.pop_back();
      }
      words.push_back({query.substr(i, 1), i});
      ++i;
    } else {
      const std::size_t start = i;
      while (i < query.size() && !is_space(query[i]) && query[i] != '(' && query[i] != ')' &&
             query[i] != '"') {
        ++i;
      }
      words.push_back({query.substr(start, i - start), start});
    }
  }
  if (open_quote != std::string_view::npos) {
    throw QueryError("'\"' is never closed", character_position(query, open_quote));
  }
  if (!open_parens.empty()) {
    throw QueryError("'(' is never closed", character_position(query, open_parens.back()));
  }
  return words;
}

void check_wildcard_count(std::string_view query, const std::vector<Word>& words) {
  std::size_t wildcards = 0;
  for (const Word& word : words) {
    if (word.text.size() < 2 || word.text.back() != '*') continue;
    if (++wildcards > k_max_wildcards) {
      throw QueryError("more than " + std::to_string(k_max_wildcards) + " wildcards",
                       character_position(query, word.offset));
    }
  }
}

// A binary operator needs a term on each side: not another operator, NOT,
// or the edge of the query or of a parenthesis. NOT needs one after it.
void check_operands(std::string_view query, const std::vector<Word>& words) {
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (words[w].text == "NOT") {
      const bool nothing_right = w + 1 == words.size() || words[w + 1].text == ")" ||
                                 words[w + 1].text == "NOT" ||
                                 is_binary_operator(words[w + 1].text);
      if (nothing_right) {
        throw QueryError("'NOT' needs a term after it", character_position(query, words[w].offset));
      }
      continue;
    }
    if (!is_binary_operator(words[w].text)) continue;
    const bool nothing_left = w == 0 || words[w - 1].text == "(" ||
                              is_binary_operator(words[w - 1].text) || words[w - 1].text == "NOT";
    const bool nothing_right = w + 1 == words.size() || words[w + 1].text == ")";
    if (nothing_left || nothing_right) {
      throw QueryError("'" + std::string(words[w].text) + "' needs a term on each side",
                       character_position(query, words[w].offset));
    }
  }
}

// A field with nothing after its colon ("person:", "date: 2016") would
// search for the field's name as a word: it is an error naming the field.
void check_field_values(std::string_view query, const std::vector<Word>& words) {
  for (const Word& word : words) {
    std::string_view name = word.text;
    while (!name.empty() && (name.front() == '+' || name.front() == '-')) name.remove_prefix(1);
    if (name.size() < 3 || name.back() != ':') continue;
    name.remove_suffix(1);
    const std::size_t after = word.offset + word.text.size();
    if (after < query.size() && !is_space(query[after]) && query[after] != ')') continue;
    if (!parse_field(name)) continue;
    throw QueryError("'" + std::string(name) + ":' needs a value after the colon",
                     character_position(query, word.offset));
  }
}

}  // namespace

void check_query_syntax(std::string_view query) {
  if (query.size() > k_max_query_bytes) {
    throw QueryError("query is longer than " + std::to_string(k_max_query_bytes) + " bytes", 0);
  }
  if (trim(query).empty()) throw QueryError("empty query", 0);
  const std::vector<Word> words = checked_words(query);
  for (const FieldWord& word : field_words(query)) {
    const std::optional<Field> field = parse_field(word.name);
    if (!field || !in_query_language(*field)) throw unknown_field(query, word);
  }
  check_wildcard_count(query, words);
  check_field_values(query, words);
  check_operands(query, words);
}

bool needs_quotes(std::string_view value) {
  const auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           (static_cast<unsigned char>(c) & 0x80);
  };
  return value.empty() || !std::all_of(value.begin(), value.end(), word_char);
}

std::string quote_field_value(std::string_view value, Quotes quotes) {
  if (quotes == Quotes::when_needed && !needs_quotes(value)) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::vector<FieldValueSpan> field_values(std::string_view query) {
  std::vector<FieldValueSpan> spans;
  for (const FieldWord& word : field_words(query)) {
    const std::optional<Field> field = parse_field(word.name);
    if (!field) continue;
    FieldValueSpan span{*field, std::string(), word.offset + word.name.size() + 1, 0};
    std::size_t i = span.begin;
    if (query[i] == '"') {
      // Xapian reads a doubled quote inside a quoted value as one quote.
      for (++i; i < query.size(); ++i) {
        if (query[i] != '"') {
          span.value += query[i];
        } else if (i + 1 < query.size() && query[i + 1] == '"') {
          span.value += '"';
          ++i;
        } else {
          ++i;
          break;
        }
      }
    } else {
      while (i < query.size() && !is_space(query[i]) && query[i] != '(' && query[i] != ')') {
        span.value += query[i++];
      }
    }
    span.end = i;
    spans.push_back(std::move(span));
  }
  return spans;
}

std::string lower_field_names(std::string_view query) {
  std::string lowered(query);
  for (const FieldWord& word : field_words(query)) {
    for (std::size_t i = 0; i < word.name.size(); ++i) {
      char& c = lowered[word.offset + i];
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return lowered;
}

std::string route_wildcards(std::string_view query) {
  std::string routed;
  routed.reserve(query.size() + 32);
  bool in_quotes = false;
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes || c == '"' || c == '(' || c == ')' ||
        std::isspace(static_cast<unsigned char>(c))) {
      routed += c;
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i])) &&
           query[i] != '(' && query[i] != ')' && query[i] != '"') {
      ++i;
    }
    std::string_view word = query.substr(start, i - start);
    std::string_view sign;
    if (word.size() > 1 && (word[0] == '+' || word[0] == '-')) {
      sign = word.substr(0, 1);
      word.remove_prefix(1);
    }
    if (word == "*") {
      routed += sign;
      routed += k_everything_word;
      continue;
    }
    std::string_view field = k_wildcard_field;
    const std::string title = std::string(field_name(Field::title)) + ":";
    if (word.starts_with(title)) {
      field = k_title_wildcard_field;
      word.remove_prefix(title.size());
    }
    const std::string_view pattern = word.substr(0, word.empty() ? 0 : word.size() - 1);
    // A plain trailing wildcard on a word (not on another field's value):
    // routed. Anything else is left to Xapian.
    if (word.size() < 2 || word.back() != '*' ||
        pattern.find_first_of("*:") != std::string_view::npos) {
      routed += query.substr(start, i - start);
      continue;
    }
    routed += sign;
    routed += field;
    routed += ':';
    routed += pattern;
  }
  return routed;
}

std::string restore_wildcards(std::string_view query) {
  std::string restored(query);
  for (std::size_t at = restored.find(k_everything_word); at != std::string::npos;
       at = restored.find(k_everything_word, at + 1)) {
    restored.replace(at, k_everything_word.size(), "*");
  }
  const std::pair<std::string, std::string> fields[] = {
      {std::string(k_title_wildcard_field) + ":", std::string(field_name(Field::title)) + ":"},
      {std::string(k_wildcard_field) + ":", ""}};
  for (const auto& [routed, typed] : fields) {
    for (std::size_t at = restored.find(routed); at != std::string::npos;
         at = restored.find(routed, at)) {
      std::size_t end = at + routed.size();
      while (end < restored.size() && !std::isspace(static_cast<unsigned char>(restored[end])) &&
             restored[end] != ')' && restored[end] != '"') {
        ++end;
      }
      const std::string pattern = restored.substr(at + routed.size(), end - at - routed.size());
      restored.replace(at, end - at, typed + pattern + "*");
      at += typed.size() + pattern.size() + 1;
    }
  }
  return restored;
}

namespace {

// Registers one name of a query field with `parser`. An empty grouping
// makes every filter its own group, so several filters on one field
// combine with AND, as they do across fields.
void add_field(Xapian::QueryParser& parser, const FieldInfo& info, const std::string& name,
               const QueryContext& context) {
  const std::string own_group;
  switch (info.kind) {
    case FieldKind::words:
      parser.add_prefix(name, schema::k_prefix_title);
      break;
    case FieldKind::entity:
    case FieldKind::country:
    case FieldKind::name:
      if (context.db != nullptr) {
        auto* processor = new NameFieldProcessor(info.field, *context.db, context.names);
        parser.add_boolean_prefix(name, processor->release(), &own_group);
      }
      break;
    case FieldKind::site:
      parser.add_boolean_prefix(name, (new SiteFieldProcessor)->release(), &own_group);
      break;
    case FieldKind::dates:
      parser.add_boolean_prefix(name, (new DateFieldProcessor(context.db))->release(), &own_group);
      break;
    case FieldKind::year:  // the shell's, written as date: (not a query field)
      break;
  }
}

}  // namespace

Xapian::QueryParser make_query_parser(const QueryContext& context) {
  Xapian::QueryParser parser;
  if (context.db != nullptr) parser.set_database(*context.db);
  parser.set_stemmer(context.stemmer);
  // Every word stemmed, phrases included: the index holds stems only.
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.set_default_op(context.mode == MatchMode::all ? Xapian::Query::OP_AND
                                                       : Xapian::Query::OP_OR);
  for (const FieldInfo& info : k_field_table) {
    if (!in_query_language(info.field)) continue;
    for (std::string_view name : {info.name, info.alias}) {
      if (!name.empty()) add_field(parser, info, std::string(name), context);
    }
  }
  auto* words = new WildcardProcessor(context.db, context.stemmer, "");
  parser.add_prefix(std::string(k_wildcard_field), words->release());
  auto* titles = new WildcardProcessor(context.db, context.stemmer, schema::k_prefix_title);
  parser.add_prefix(std::string(k_title_wildcard_field), titles->release());
  parser.add_prefix(std::string(k_everything_field), (new EverythingProcessor)->release());
  // A wildcard left to Xapian (without a database) keeps its most frequent
  // expansions rather than failing or exploding.
  parser.set_max_expansion(k_max_expansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
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
    parsed = parser.parse_query(route_wildcards(fold_accents(lower_field_names(query))), flags);
  } catch (const Xapian::QueryParserError& e) {
    (void)take_filter_error();
    throw QueryError("cannot parse query: " + e.get_msg(), 0);
  }
  // A bad filter value, which the field processors could not throw.
  if (std::optional<QueryError> error = take_filter_error()) throw QueryError(*error);
  return parsed;
}

namespace {

// Whether `term` is an entity's or a country's filter term.
bool is_entity_term(const std::string& term) {
  const auto has_prefix = [&](std::string_view prefix) {
    // Keys are lower case: "XPa" is a person, "XPA..." another prefix's.
    return term.size() > prefix.size() && term.starts_with(prefix) &&
           !std::isupper(static_cast<unsigned char>(term[prefix.size()]));
  };
  return has_prefix(schema::k_prefix_country) ||
         std::any_of(std::begin(schema::k_entity_prefixes), std::end(schema::k_entity_prefixes),
                     has_prefix);
}

void collect_wanted_entity_terms(const Xapian::Query& query, std::vector<std::string>& out) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
      if (is_entity_term(*it) && std::find(out.begin(), out.end(), *it) == out.end()) {
        out.push_back(*it);
      }
    }
    return;
  }
  const std::size_t count = query.get_num_subqueries();
  // Only the left of an AND_NOT is wanted.
  const std::size_t wanted =
      query.get_type() == Xapian::Query::OP_AND_NOT ? std::min<std::size_t>(count, 1) : count;
  for (std::size_t i = 0; i < wanted; ++i) collect_wanted_entity_terms(query.get_subquery(i), out);
}

}  // namespace

std::vector<std::string> wanted_entity_terms(const Xapian::Query& query) {
  std::vector<std::string> terms;
  collect_wanted_entity_terms(query, terms);
  return terms;
}

Xapian::Query with_entity_salience(const Xapian::Query& query) {
  const std::vector<std::string> terms = wanted_entity_terms(query);
  if (terms.empty()) return query;
  const Xapian::Query salience(Xapian::Query::OP_OR, terms.begin(), terms.end());
  return Xapian::Query(
      Xapian::Query::OP_AND_MAYBE, query,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, salience, k_entity_salience_scale));
}

Xapian::Query parse_query(const std::string& query, const QueryContext& context) {
  Xapian::QueryParser parser = make_query_parser(context);
  return parse_query(query, parser);
}

}  // namespace dateline

// Turning a user's query string into a Xapian::Query: a syntax check that
// can say where a query goes wrong, then Xapian's QueryParser configured for
// dateline's schema (title: prefix, stemming, wildcards, boolean operators).
//
// Thread-safety: the functions are pure, but for parse_query, which takes
// the filter error recorded on the calling thread (searcher/filters.hpp);
// a QueryParser, as Xapian's, serves one thread at a time. Cost: the
// syntax check is linear in the query; each wildcard reads the index's
// terms and spelling words that start with it.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/name_resolution.hpp"
#include "searcher/fields.hpp"

namespace dateline {

// What the user typed that cannot be run, and where: a query (position
// 1-based, counted in characters of the query as typed; what() is
// "MESSAGE at position N; ADVICE", the parts there are) or a line of the
// shell's command language (at_column: "MESSAGE at column N"). The place
// is 0 when the problem is not at one place, and what() then omits it.
class QueryError : public Error {
 public:
  QueryError(const std::string& message, std::size_t position, const std::string& advice = {});
  // A shell command line's error (searcher/shell_commands.hpp).
  static QueryError at_column(const std::string& message, std::size_t column);

  std::size_t position() const { return m_position; }

 private:
  struct Described {};  // what() is given whole
  QueryError(Described, const std::string& what, std::size_t position);

  std::size_t m_position;
};

// The 1-based place, in characters, of byte `offset` of UTF-8 `text`: how
// a QueryError counts.
std::size_t character_position(std::string_view text, std::size_t offset);

enum class MatchMode { all, any };

// The prefix Xapian gives a stemmed term (STEM_ALL_Z): the index holds
// stems only, so every word of a query is looked up as "Z" + its stem.
inline constexpr std::string_view k_stem_marker = "Z";

// Longest query accepted, in bytes.
inline constexpr std::size_t k_max_query_bytes = 8192;

// Most wildcards (`negotiat*`) accepted in one query. Each expands to up to
// 1,000 terms, and the cost of matching grows faster than their number: a
// query of 1,600 wildcards took 36 s of CPU on the 56-article corpus.
inline constexpr std::size_t k_max_wildcards = 64;

// Finds what Xapian's parser would silently reinterpret: an empty query,
// unbalanced quotes or parentheses, a binary operator (AND, OR, XOR, NEAR)
// with nothing on one side, a query over k_max_query_bytes, a field that
// does not exist (`people:blair`, whose error lists the fields and
// suggests the nearest); and refuses more than k_max_wildcards wildcards.
// Throws QueryError naming the position.
//
// A word is a field when, outside quotes, it is NAME:VALUE with a NAME of
// two or more ASCII letters and VALUE right after the colon, not starting
// with "//". So these stay text: times and ratios (`10:30`, `3:1`: no
// letters), URLs (`http://x.org/a`; `www.x.org:8080`: not only letters),
// a drive letter (`C:`), and a label followed by a space (`Re: talks`).
// Field names ignore case (`Person:Blair`, `TITLE:x`).
void check_query_syntax(std::string_view query);

// Whether `value` must be quoted after `field:` to be read whole: unless it
// is one word of letters, digits and non-ASCII characters.
bool needs_quotes(std::string_view value);

enum class Quotes { when_needed, always };

// `value` written after `field:` in a query: as it is, or in double quotes
// with any quote inside doubled (as Xapian reads a quoted filter value)
// when it needs_quotes or `quotes` is Quotes::always.
std::string quote_field_value(std::string_view value, Quotes quotes);

// `query` with the name of every field (as check_query_syntax finds them)
// in the lower case Xapian's parser knows it by: `Person:Blair` ->
// `person:Blair`. Nothing else changes, so positions stay.
std::string lower_field_names(std::string_view query);

// A field's value as a query writes it: `person:"Ronald Regan"`.
struct FieldValueSpan {
  Field field;
  std::string value;      // as typed, without quotes (a doubled quote is one)
  std::size_t begin = 0;  // byte offset of the value in the query (its quote if quoted)
  std::size_t end = 0;    // one past its last byte (its closing quote)
};
// The values of the fields `query` names (as check_query_syntax finds
// them), in order; fields of unknown names are left out. A value runs to
// the next space or parenthesis, or is a quoted string.
std::vector<FieldValueSpan> field_values(std::string_view query);

struct QueryContext {
  const Xapian::Database* db = nullptr;  // for wildcard expansion
  Xapian::Stem stemmer;
  MatchMode mode = MatchMode::all;
  // The archive's name resolution, for entity filters: `person:reagan`
  // also finds the articles naming Ronald Reagan. Null: none.
  const NameResolution* names = nullptr;
};

// Xapian's QueryParser set up for dateline's schema: default operator,
// stemmer, `title:`, the entity and date filter fields and the wildcard
// fields below (when context.db is set).
Xapian::QueryParser make_query_parser(const QueryContext& context);

// Wildcards. The index holds stems only (common/schema.hpp), which Xapian's
// own wildcards (patterns over unstemmed terms) cannot expand, so a trailing
// wildcard in free text or after `title:` goes to a field of its own whose
// processor expands it: to the stems of the indexed words that start with
// the pattern (the spelling data holds every word) and to the stems that
// start with it, the k_max_expansion most frequent. route_wildcards
// rewrites `negotiat*` to that field and `title:negotiat*` to the title's,
// and a `*` standing alone (every article: `*` lists the whole archive,
// for its facets) to a field that matches everything without weight;
// restore_wildcards turns a rewritten query back (for a spelling
// correction shown to the user).
inline constexpr Xapian::termcount k_max_expansion = 1000;
std::string route_wildcards(std::string_view query);
std::string restore_wildcards(std::string_view query);

enum class Spelling { correct, ignore };

// check_query_syntax, lower_field_names, accent folding, route_wildcards,
// then `parser`. With
// Spelling::correct, parser.get_corrected_query_string() afterwards holds
// a spelling correction (in routed form) when the index has spelling data.
// Throws QueryError for a query it cannot parse.
Xapian::Query parse_query(const std::string& query, Xapian::QueryParser& parser,
                          Spelling spelling = Spelling::ignore);

// The same with a parser made from `context`.
Xapian::Query parse_query(const std::string& query, const QueryContext& context);

// The entity and country filter terms (schema::k_entity_prefixes,
// k_prefix_country) `query` requires or
// may match, in the order met and each once; not those it excludes (the
// right of an AND_NOT).
std::vector<std::string> wanted_entity_terms(const Xapian::Query& query);

// `query` ranked by how much its articles are about the entities it
// filters on: their filter terms, whose wdf is the entity's salience
// (schema::entity_salience), are added as an optional part scaled by
// k_entity_salience_scale. A filter-only query, which carries no weight
// otherwise, so lists the articles most about the entity first; a text
// query gets a boost. `query` unchanged when it filters on no entity.
inline constexpr double k_entity_salience_scale = 0.5;
Xapian::Query with_entity_salience(const Xapian::Query& query);

}  // namespace dateline

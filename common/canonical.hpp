// Canonical entity values: the one name under which every alias of a person,
// place or organisation is indexed, counted and filtered.
//
// Locations: every country ICU's locale data knows, under its English name
// ("United States"), reachable from that name, its ISO 3166 two- and
// three-letter codes ("US", "USA") and a short list of common informal names
// ("U.S.", "America", "Britain", "Holland"); US states from the
// abbreviations news agencies write ("Calif.", "N.J.") to their names.
// Organisations: the alias table
// in canonical.cpp (EU, UN, NATO, OPEC, WHO...). Any other name keeps its
// own spelling, with possessives and titles-of-address trimmed elsewhere
// (indexer/entity_extractor.hpp) and all-capital words recapitalised.
//
// Canonical values and their keys are written into every index (filter
// terms, the summary, the facet slots): a change to the tables or to
// entity_key changes what existing indexes match, so it comes with a bump
// of schema::k_schema_version.
//
// Thread-safe: the tables are built once, on first use (building them reads
// ICU's locale data, a few milliseconds), and only read.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "common/entity.hpp"

namespace dateline {

// Where a name comes from. Article text is trusted less: two- and
// three-letter country codes count only when written in capitals there
// ("US" is the United States, "us" is a pronoun), while a user typing
// `location:us` means the country.
enum class NameOrigin { article, query };

class EntityCanonicalizer {
 public:
  // The process-wide instance.
  static const EntityCanonicalizer& instance();

  // The canonical display value for `name` of `type` ("U.S." -> "United
  // States", "Nato" -> "NATO", "KERRY" -> "Kerry"; a name wholly in
  // capitals has its particles in lower case within it, "RIO DE JANEIRO"
  // -> "Rio de Janeiro"). Empty when nothing of the name is left after
  // trimming punctuation.
  std::string canonical(EntityType type, std::string_view name, NameOrigin origin) const;

  // True when `name` is an alias (or canonical name) in the tables of
  // `type`: a country for locations, a listed organisation.
  bool is_known(EntityType type, std::string_view name, NameOrigin origin) const;

  // The display name of the country whose ISO 3166 alpha-2 code is `code`
  // ("CA" -> "Canada"), as location values spell it; empty for a code ICU
  // does not know.
  std::string country_of_code(std::string_view code) const;

  // Number of alias entries per type, for tests and documentation.
  std::size_t alias_count(EntityType type) const;

 private:
  EntityCanonicalizer();
  // The canonical value of a known alias, or nullptr.
  const std::string* lookup(EntityType type, std::string_view name, NameOrigin origin) const;
  void add_alias(EntityType type, std::string_view alias, const std::string& display);
  // The US state a wire-style abbreviation names ("Calif." -> "California",
  // "N.J." -> "New Jersey"), or nullptr. In article text it must be written
  // as the agencies write it; a query's may be in any case, without dots.
  const std::string* state_of_abbreviation(std::string_view name, NameOrigin origin) const;

  // entity_key(alias) -> display, per type; codes kept apart so that the
  // article/query distinction can apply.
  std::unordered_map<std::string, std::string> m_locations;
  std::unordered_map<std::string, std::string> m_country_codes;
  std::unordered_map<std::string, std::string> m_organizations;
  // Abbreviation as written, without its final full stop -> state.
  std::unordered_map<std::string, std::string> m_state_abbreviations;
  // entity_key of the abbreviations of three letters or more -> state, for
  // queries ("calif", "conn").
  std::unordered_map<std::string, std::string> m_long_state_abbreviation_keys;
};

// The matching key of a value: case- and accent-folded, full stops and
// hyphens dropped, whitespace collapsed ("São Paulo" -> "sao paulo",
// "U.S." -> "us", "al-Assad" and "alAssad" -> "alassad").
// Two values are the same entity exactly when their keys are equal. The
// filter terms are prefix + key (schema::entity_filter_term).
std::string entity_key(std::string_view value);

// `word` recapitalised when it is written all in capitals and has at least
// `min_letters` letters ("KERRY" -> "Kerry", "NASA" stays), else unchanged.
std::string recapitalise_word(std::string_view word, std::size_t min_letters = 5);

}  // namespace dateline

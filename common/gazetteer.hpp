// The gazetteer: which countries an article is about, from the places,
// countries and nationalities its entities name. The indexer stores them as
// the article's country filter terms and facet values (common/schema.hpp:
// k_prefix_country, and the country group of k_slot_entities).
//
// An article is about the countries it names (location values that are
// countries, as common/canonical.hpp spells them: "Canada", "Soviet
// Union"), the country of each US state it names, the countries of the
// places it names, and the countries whose demonym opens one of its
// values ("Canadian" or "Canadian dollar", misc; "British Airways",
// organisation).
//
// A place name several places share is chosen by the article's evidence
// first, then by population: each candidate scores log10(population), plus
// k_region_bonus when the article names the candidate's US state, plus
// k_country_bonus when it names the candidate's country or nationality.
// Nice is Nice, France (pop. 340,000) unless the article names California,
// where a Nice of 2,700 would then win; Paris, Texas never beats Paris,
// France on an article that merely names the United States. A name whose
// best candidate has no such evidence and is not k_clear_lead times as
// populous as the best candidate of another country counts for no country.
//
// A name that is both a US state's and a country's (Georgia) is the state
// when the article names the United States (or another state), or when
// more of its places could be in that state than in that country ("MACON,
// Ga.", the agencies' abbreviation read as the state's name); else the
// country.
//
// History: a place in a state that no longer exists counts for that state
// in an article dated while it existed (Moscow in 1987 is the Soviet Union,
// Bonn West Germany, Zagreb Yugoslavia); undated articles get today's
// countries. A country the article names stays as written, but for
// Germany (and "German") before October 1990, which is West Germany unless
// the article names East Germany too.
//
// The file (common/geo/gazetteer-en.tsv, built by tools/gen/gazetteer.cpp)
// is UTF-8 text, one record per line, fields separated by tabs; lines
// starting with '#' are comments, and the first line must be
// "# dateline gazetteer 1":
//   demonym  KEY  CC                          "canadian  CA"
//   place    KEY  CC  REGION  POPULATION      "nice  FR  93  338620"
// KEY is an entity_key, CC an ISO 3166 alpha-2 code, REGION GeoNames'
// first-order division code (US states: their postal codes).
//
// Thread-safety: a loaded Gazetteer is only read; share it between threads.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/article.hpp"
#include "common/entity.hpp"

namespace dateline {

class Gazetteer {
 public:
  // Throws dateline::Error naming the file and line of anything it cannot
  // read.
  static Gazetteer load(const std::filesystem::path& path);
  // The same from a stream; `name` names it in errors.
  static Gazetteer parse(std::istream& in, const std::string& name);

  // The countries an article dated `date` with these (canonical) entities
  // is about, as display names, each once, in the order of the entities
  // that first name them. Cost: a few hash lookups per entity.
  std::vector<std::string> countries_of(const std::vector<ArticleEntity>& entities,
                                        const std::optional<Date>& date) const;

  // Whether `key` (an entity_key) is a nationality's adjective the
  // gazetteer knows ("canadian", "west german").
  bool is_demonym(std::string_view key) const;

  std::size_t place_count() const { return m_places.size(); }

 private:
  // One place, 20 bytes: 134,000 of them load in a few milliseconds and
  // take 3 MB with their keys.
  struct Place {
    std::uint32_t key_offset = 0;  // its name's entity_key, in m_keys
    std::uint16_t key_size = 0;
    std::array<char, 2> country{};  // ISO alpha-2
    std::array<char, 8> region{};   // NUL-padded
    std::uint32_t population = 0;

    std::string_view country_code() const { return {country.data(), country.size()}; }
    std::string_view region_code() const;
  };
  class Reader;
  class ArticleCountries;

  std::string_view key_of(const Place& place) const {
    return std::string_view(m_keys).substr(place.key_offset, place.key_size);
  }
  // The places named `key` (an entity_key).
  std::span<const Place> places_named(std::string_view key) const;

  std::string m_keys;           // every place's key, one after another
  std::vector<Place> m_places;  // sorted by key
  // entity_key of a demonym -> ISO alpha-2 code.
  std::unordered_map<std::string, std::string> m_demonyms;
};

// The shipped gazetteer: $DATELINE_GAZETTEER when set to a file, else
// share/dateline/gazetteer-en.tsv beside the running binary's directory (the
// build tree and the install prefix). Empty when neither exists.
std::filesystem::path default_gazetteer_path();

}  // namespace dateline

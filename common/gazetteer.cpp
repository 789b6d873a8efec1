#include "common/gazetteer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <string_view>
#include <type_traits>
#include <utility>

#include "common/canonical.hpp"
#include "common/data_files.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace dateline {

namespace {

// Scoring of a place name's candidates (see the header).
constexpr double k_region_bonus = 2.0;
constexpr double k_country_bonus = 1.0;
constexpr double k_clear_lead = 3.0;  // times the population of another country's best
// Below this, a place without evidence counts for no country: tagged
// regions and seas ("Pacific", "Atlantic") share their names with small
// towns.
constexpr std::uint32_t k_min_population_alone = 15'000;

constexpr std::string_view k_header = "# dateline gazetteer 1";

// The US states and the federal district, with their postal codes (the
// gazetteer's US region codes).
struct UsState {
  const char* name;
  const char* code;
};
constexpr UsState k_us_states[] = {
    {"Alabama", "AL"},        {"Alaska", "AK"},         {"Arizona", "AZ"},
    {"Arkansas", "AR"},       {"California", "CA"},     {"Colorado", "CO"},
    {"Connecticut", "CT"},    {"Delaware", "DE"},       {"District of Columbia", "DC"},
    {"Florida", "FL"},        {"Georgia", "GA"},        {"Hawaii", "HI"},
    {"Idaho", "ID"},          {"Illinois", "IL"},       {"Indiana", "IN"},
    {"Iowa", "IA"},           {"Kansas", "KS"},         {"Kentucky", "KY"},
    {"Louisiana", "LA"},      {"Maine", "ME"},          {"Maryland", "MD"},
    {"Massachusetts", "MA"},  {"Michigan", "MI"},       {"Minnesota", "MN"},
    {"Mississippi", "MS"},    {"Missouri", "MO"},       {"Montana", "MT"},
    {"Nebraska", "NE"},       {"Nevada", "NV"},         {"New Hampshire", "NH"},
    {"New Jersey", "NJ"},     {"New Mexico", "NM"},     {"New York", "NY"},
    {"North Carolina", "NC"}, {"North Dakota", "ND"},   {"Ohio", "OH"},
    {"Oklahoma", "OK"},       {"Oregon", "OR"},         {"Pennsylvania", "PA"},
    {"Rhode Island", "RI"},   {"South Carolina", "SC"}, {"South Dakota", "SD"},
    {"Tennessee", "TN"},      {"Texas", "TX"},          {"Utah", "UT"},
    {"Vermont", "VT"},        {"Virginia", "VA"},       {"Washington", "WA"},
    {"West Virginia", "WV"},  {"Wisconsin", "WI"},      {"Wyoming", "WY"},
};

// The postal code of the US state whose entity_key is `key`, or nullptr.
const char* us_state_code(const std::string& key) {
  static const std::unordered_map<std::string, const char*> codes = [] {
    std::unordered_map<std::string, const char*> out;
    for (const UsState& state : k_us_states) out.emplace(entity_key(state.name), state.code);
    return out;
  }();
  const auto it = codes.find(key);
  return it == codes.end() ? nullptr : it->second;
}

// States that no longer exist, the day they ended (YYYYMMDD, the first day
// without them) and the places that were theirs: today's countries, and for
// a country they shared, the regions (GeoNames' first-order divisions).
// `named_as`: today's country whose name (or nationality) meant the state
// while it existed, unless the article names the state it shared that
// country with ("Germany" and "German" in 1987 are West Germany's, beside
// East Germany they stay as written).
struct HistoricalState {
  const char* display;  // as common/canonical.cpp spells it
  int ended;
  std::initializer_list<const char*> countries;
  std::initializer_list<const char*> regions;  // empty: the whole countries
  const char* named_as = nullptr;              // an ISO code, or none
};
const HistoricalState k_historical_states[] = {
    {"Soviet Union",
     19911226,
     {"RU", "UA", "BY", "MD", "EE", "LV", "LT", "GE", "AM", "AZ", "KZ", "UZ", "TM", "KG", "TJ"},
     {}},
    {"West Germany",
     19901003,
     {"DE"},
     {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10"},
     "DE"},
    {"East Germany", 19901003, {"DE"}, {"11", "12", "13", "14", "15"}},
    {"Yugoslavia", 19920427, {"SI", "HR", "BA", "RS", "ME", "MK", "XK"}, {}},
    {"Czechoslovakia", 19930101, {"CZ", "SK"}, {}},
};

// Nationalities of the states above, which today's list of countries
// cannot give.
struct HistoricalDemonym {
  const char* key;
  const char* display;
};
const HistoricalDemonym k_historical_demonyms[] = {
    {"soviet", "Soviet Union"}, {"west german", "West Germany"},    {"east german", "East Germany"},
    {"yugoslav", "Yugoslavia"}, {"czechoslovak", "Czechoslovakia"},
};

bool contains(std::initializer_list<const char*> list, std::string_view value) {
  return std::any_of(list.begin(), list.end(), [&](const char* item) { return value == item; });
}

// The article's countries with a country's name that meant a historical
// state on `date` read as that state (HistoricalState::named_as), unless the
// article names another state of the same country.
void name_historical_states(std::vector<std::string>& countries, const std::optional<Date>& date) {
  if (!date) return;
  const int day = date->year * 10000 + date->month * 100 + date->day;
  const EntityCanonicalizer& canonicalizer = EntityCanonicalizer::instance();
  const auto named = [&](std::string_view country) {
    return std::find(countries.begin(), countries.end(), country) != countries.end();
  };
  for (const HistoricalState& state : k_historical_states) {
    if (state.named_as == nullptr || day >= state.ended) continue;
    const std::string today = canonicalizer.country_of_code(state.named_as);
    const auto it = std::find(countries.begin(), countries.end(), today);
    if (it == countries.end()) continue;
    const bool beside_a_sibling =
        std::any_of(std::begin(k_historical_states), std::end(k_historical_states),
                    [&](const HistoricalState& other) {
                      return &other != &state && other.ended == state.ended &&
                             contains(other.countries, state.named_as) && named(other.display);
                    });
    if (beside_a_sibling) continue;
    if (named(state.display)) {
      countries.erase(it);
    } else {
      *it = state.display;
    }
  }
}

// The country a place of `country` and `region` was in on `date`: a
// historical state while it existed, else today's country. Empty when it
// was in none of one name (Berlin before 1990).
std::string country_on(std::string_view country, std::string_view region,
                       const std::optional<Date>& date) {
  if (date) {
    const int day = date->year * 10000 + date->month * 100 + date->day;
    bool shared = false;
    for (const HistoricalState& state : k_historical_states) {
      if (day >= state.ended || !contains(state.countries, country)) continue;
      if (state.regions.size() == 0 || contains(state.regions, region)) return state.display;
      shared = true;
    }
    if (shared) return {};
  }
  return EntityCanonicalizer::instance().country_of_code(country);
}

// The first `count` words of a key, or empty when it has fewer.
std::string_view leading_words(std::string_view key, std::size_t count) {
  std::size_t end = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (end == key.size()) return {};
    if (i > 0) ++end;
    end = key.find(' ', end);
    if (end == std::string_view::npos) end = key.size();
  }
  return key.substr(0, end);
}

}  // namespace

// Reads the file format the header describes.
class Gazetteer::Reader {
 public:
  Reader(Gazetteer& out, const std::string& name) : m_out(out), m_name(name) {}

  void line(std::string_view text) {
    ++m_number;
    if (m_number == 1 && text != k_header) {
      fail("not a dateline gazetteer (the first line must be '" + std::string(k_header) + "')");
    }
    if (text.empty() || text.front() == '#') return;
    const std::vector<std::string_view> fields = split_on(text, '\t');
    if (fields[0] == "demonym" && fields.size() == 3 && fields[2].size() == 2) {
      m_out.m_demonyms.emplace(std::string(fields[1]), std::string(fields[2]));
    } else if (fields[0] == "place" && fields.size() == 5 && fields[2].size() == 2 &&
               fields[3].size() <= sizeof(Place::region) && !fields[1].empty() &&
               fields[1].size() <= UINT16_MAX) {
      Place place;
      place.key_offset = static_cast<std::uint32_t>(m_out.m_keys.size());
      place.key_size = static_cast<std::uint16_t>(fields[1].size());
      std::copy(fields[2].begin(), fields[2].end(), place.country.begin());
      std::copy(fields[3].begin(), fields[3].end(), place.region.begin());
      place.population = population(fields[4]);
      m_out.m_keys.append(fields[1]);
      m_out.m_places.push_back(place);
    } else {
      fail("expected 'demonym KEY CC' or 'place KEY CC REGION POPULATION', tab-separated");
    }
  }

  void finish() {
    if (m_number == 0) fail("empty file");
    std::stable_sort(
        m_out.m_places.begin(), m_out.m_places.end(),
        [this](const Place& a, const Place& b) { return m_out.key_of(a) < m_out.key_of(b); });
  }

 private:
  std::uint32_t population(std::string_view field) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size()) {
      fail("bad population '" + std::string(field) + "'");
    }
    return value;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(m_name + ":" + std::to_string(m_number) + ": " + what);
  }

  Gazetteer& m_out;
  const std::string& m_name;
  std::size_t m_number = 0;
};

std::string_view Gazetteer::Place::region_code() const {
  const auto end = std::find(region.begin(), region.end(), '\0');
  return {region.data(), static_cast<std::size_t>(end - region.begin())};
}

std::span<const Gazetteer::Place> Gazetteer::places_named(std::string_view key) const {
  const auto [first, last] =
      std::equal_range(m_places.begin(), m_places.end(), key, [this](const auto& a, const auto& b) {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, Place>) {
          return key_of(a) < b;
        } else {
          return a < key_of(b);
        }
      });
  return {first, last};
}

Gazetteer Gazetteer::parse(std::istream& in, const std::string& name) {
  Gazetteer gazetteer;
  Reader reader(gazetteer, name);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    reader.line(line);
  }
  if (in.bad()) throw Error(name + ": read error");
  reader.finish();
  return gazetteer;
}

Gazetteer Gazetteer::load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open the gazetteer '" + path.string() + "'");
  return parse(in, path.string());
}

// The countries of one article, gathered in two passes: what the article
// names outright (countries, US states, nationalities), then its places,
// whose choice that evidence guides.
class Gazetteer::ArticleCountries {
 public:
  ArticleCountries(const Gazetteer& gazetteer, const std::optional<Date>& date)
      : m_gazetteer(gazetteer), m_date(date) {}

  void add_named(const std::vector<ArticleEntity>& entities) {
    const EntityCanonicalizer& canonicalizer = EntityCanonicalizer::instance();
    for (std::size_t i = 0; i < entities.size(); ++i) {
      const ArticleEntity& entity = entities[i];
      if (entity.type == EntityType::person) continue;
      const std::string key = entity_key(entity.value);
      if (entity.type == EntityType::location) {
        if (const char* state = us_state_code(key)) {
          // Georgia, the state or the country: decided once the rest of
          // the article is known (add_places).
          if (canonicalizer.is_known(EntityType::location, entity.value, NameOrigin::article)) {
            m_state_or_country.emplace_back(i, entity.value);
            continue;
          }
          add(i, canonicalizer.country_of_code("US"));
          m_us_states.push_back(state);
          continue;
        }
        if (canonicalizer.is_known(EntityType::location, entity.value, NameOrigin::article)) {
          add(i, canonicalizer.canonical(EntityType::location, entity.value, NameOrigin::article));
          continue;
        }
      }
      if (std::string country = demonym_country(key); !country.empty()) {
        add(i, std::move(country));
      } else if (entity.type == EntityType::location) {
        m_places.emplace_back(i, key);
      }
    }
  }

  // REQUIRES: add_named first.
  void add_places() {
    const EntityCanonicalizer& canonicalizer = EntityCanonicalizer::instance();
    const std::string united_states = canonicalizer.country_of_code("US");
    for (const auto& [index, value] : m_state_or_country) {
      const char* state = us_state_code(entity_key(value));
      const std::string country =
          canonicalizer.canonical(EntityType::location, value, NameOrigin::article);
      const bool american =
          named(united_states) || places_in_state(state) > places_in_country(country);
      add(index, american ? united_states : country);
      if (american) m_us_states.push_back(state);
    }
    std::vector<std::pair<std::size_t, std::string>> found;
    for (const auto& [index, key] : m_places) {
      if (std::string country = place_country(key); !country.empty()) {
        found.emplace_back(index, std::move(country));
      }
    }
    for (auto& [index, country] : found) add(index, std::move(country));
  }

  // In the order of the entities that name them, each once.
  std::vector<std::string> countries() {
    std::stable_sort(m_found.begin(), m_found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& [index, country] : m_found) {
      if (std::find(out.begin(), out.end(), country) == out.end()) {
        out.push_back(std::move(country));
      }
    }
    return out;
  }

 private:
  void add(std::size_t index, std::string country) {
    if (!country.empty()) m_found.emplace_back(index, std::move(country));
  }

  bool named(const std::string& country) const {
    return std::any_of(m_found.begin(), m_found.end(),
                       [&](const auto& found) { return found.second == country; });
  }

  // The country whose nationality the key's first words are ("west
  // german bank" -> West Germany), the longest match first; empty for none.
  std::string demonym_country(std::string_view key) const {
    constexpr std::size_t k_longest_demonym = 3;  // words
    for (std::size_t words = k_longest_demonym; words >= 1; --words) {
      const std::string_view lead = leading_words(key, words);
      if (lead.empty()) continue;
      for (const HistoricalDemonym& demonym : k_historical_demonyms) {
        if (lead == demonym.key) return demonym.display;
      }
      const auto it = m_gazetteer.m_demonyms.find(std::string(lead));
      if (it != m_gazetteer.m_demonyms.end()) {
        return EntityCanonicalizer::instance().country_of_code(it->second);
      }
    }
    return {};
  }

  // The country of the place named `key`, chosen as the header says; empty
  // when the gazetteer has no such place or the choice is not clear.
  std::string place_country(const std::string& key) const {
    struct Best {
      double score = -1;
      std::string country;
      bool evidence = false;
      std::uint32_t population = 0;
    };
    Best best;
    double runner_up = -1;  // the best score of another country
    for (const Place& place : m_gazetteer.places_named(key)) {
      std::string country = country_on(place.country_code(), place.region_code(), m_date);
      if (country.empty()) continue;
      double score = std::log10(static_cast<double>(place.population) + 1.0);
      const bool in_state = place.country_code() == "US" && contains_state(place.region_code());
      const bool in_country = named(country);
      score += (in_state ? k_region_bonus : 0.0) + (in_country ? k_country_bonus : 0.0);
      if (score > best.score) {
        if (country != best.country) runner_up = std::max(runner_up, best.score);
        best = {score, std::move(country), in_state || in_country, place.population};
      } else if (country != best.country) {
        runner_up = std::max(runner_up, score);
      }
    }
    if (best.country.empty() || best.evidence) return best.country;
    const bool clear = runner_up < 0 || best.score - runner_up >= std::log10(k_clear_lead);
    return clear && best.population >= k_min_population_alone ? best.country : std::string();
  }

  // How many of the article's places could be in the US state with postal
  // code `state` ("Macon" beside "Georgia": Macon, Georgia), and how many in
  // `country` (Tbilisi): the evidence for a name both a state's and a
  // country's when the article does not name the United States.
  std::size_t places_in_state(std::string_view state) const {
    return count_places([&](const Place& place) {
      return place.country_code() == "US" && place.region_code() == state;
    });
  }
  std::size_t places_in_country(const std::string& country) const {
    return count_places([&](const Place& place) {
      return country_on(place.country_code(), place.region_code(), m_date) == country;
    });
  }
  template <typename Test>
  std::size_t count_places(Test test) const {
    return static_cast<std::size_t>(
        std::count_if(m_places.begin(), m_places.end(), [&](const auto& entry) {
          const auto candidates = m_gazetteer.places_named(entry.second);
          return std::any_of(candidates.begin(), candidates.end(), test);
        }));
  }

  bool contains_state(std::string_view code) const {
    return std::find(m_us_states.begin(), m_us_states.end(), code) != m_us_states.end();
  }

  const Gazetteer& m_gazetteer;
  const std::optional<Date>& m_date;
  std::vector<std::pair<std::size_t, std::string>> m_found;   // entity index, country
  std::vector<std::pair<std::size_t, std::string>> m_places;  // entity index, key
  // entity index, value: a name both a US state's and a country's
  std::vector<std::pair<std::size_t, std::string>> m_state_or_country;
  std::vector<std::string> m_us_states;  // postal codes
};

bool Gazetteer::is_demonym(std::string_view key) const {
  for (const HistoricalDemonym& demonym : k_historical_demonyms) {
    if (key == demonym.key) return true;
  }
  return m_demonyms.count(std::string(key)) != 0;
}

std::vector<std::string> Gazetteer::countries_of(const std::vector<ArticleEntity>& entities,
                                                 const std::optional<Date>& date) const {
  ArticleCountries countries(*this, date);
  countries.add_named(entities);
  countries.add_places();
  std::vector<std::string> found = countries.countries();
  name_historical_states(found, date);
  return found;
}

std::filesystem::path default_gazetteer_path() {
  return shipped_data_file("DATELINE_GAZETTEER", "gazetteer-en.tsv");
}

}  // namespace dateline

#include "common/canonical.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

#include "common/text.hpp"

namespace dateline {
namespace {

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Informal and older names of countries, by ISO code. ICU supplies the
// English name and the codes; these are what news text uses besides.
struct CountryAliases {
  const char* code;
  std::initializer_list<const char*> aliases;
};
const CountryAliases k_country_aliases[] = {
    {"US", {"U.S.", "U.S.A.", "America", "United States of America", "the United States"}},
    {"GB", {"UK", "U.K.", "Britain", "Great Britain", "the United Kingdom"}},
    {"NL", {"Holland", "the Netherlands"}},
    {"CZ", {"Czech Republic"}},
    {"CI", {"Ivory Coast", "Cote d'Ivoire"}},
    {"MM", {"Burma"}},
    {"RU", {"Russian Federation"}},
    {"AE", {"UAE", "U.A.E.", "Emirates"}},
    {"VA", {"Vatican", "the Vatican"}},
    {"MK", {"Macedonia"}},
    {"TR", {"Turkiye", "Türkiye"}},
    {"TL", {"East Timor"}},
    {"SZ", {"Swaziland"}},
    {"CV", {"Cape Verde"}},
    {"KR", {"Republic of Korea"}},
    {"KP", {"DPRK"}},
    {"CN", {"People's Republic of China", "PRC"}},
    {"PS", {"Palestine"}},
    {"CD", {"DR Congo", "DRC"}},
    {"HK", {"Hong Kong"}},
    {"MO", {"Macau", "Macao"}},
};

// Countries that no longer exist, under the name they had, with the other
// names the same state went by. ICU knows only today's countries; an
// article about the Soviet Union is not about Russia, nor one about West
// Germany about Germany, so these stay values of their own.
struct HistoricalCountry {
  const char* display;
  std::initializer_list<const char*> aliases;
};
const HistoricalCountry k_historical_countries[] = {
    {"Soviet Union", {"USSR", "U.S.S.R.", "the Soviet Union"}},
    {"West Germany", {"W. Germany", "W Germany"}},
    {"East Germany", {"E. Germany", "GDR", "German Democratic Republic"}},
    {"Yugoslavia", {}},
    {"Czechoslovakia", {}},
};

// ICU names that read oddly in a facet list, replaced.
struct DisplayOverride {
  const char* code;
  const char* display;
};
const DisplayOverride k_display_overrides[] = {
    {"HK", "Hong Kong"},
    {"MO", "Macau"},
    {"CD", "Democratic Republic of the Congo"},
    {"CG", "Republic of the Congo"},
    {"PS", "Palestinian Territories"},
};

// Frequent organisations in news, with the short forms wires use.
struct OrganizationAliases {
  const char* display;
  std::initializer_list<const char*> aliases;
};
const OrganizationAliases k_organization_aliases[] = {
    {"European Union", {"EU", "E.U."}},
    {"European Commission", {"EC", "EC Commission", "Commission of the European Communities"}},
    {"European Central Bank", {"ECB"}},
    {"United Nations", {"UN", "U.N.", "the UN", "the United Nations"}},
    {"UN Security Council",
     {"U.N. Security Council", "United Nations Security Council", "Security Council"}},
    {"NATO", {"Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"}},
    {"OPEC", {"Opec", "Organization of the Petroleum Exporting Countries"}},
    {"World Health Organization", {"WHO", "World Health Organisation"}},
    {"International Monetary Fund", {"IMF"}},
    {"World Bank", {}},
    {"World Trade Organization", {"WTO", "World Trade Organisation"}},
    {"Federal Reserve",
     {"Fed", "U.S. Federal Reserve", "US Federal Reserve", "Federal Reserve Board",
      "U.S. Federal Reserve Board"}},
    {"International Atomic Energy Agency", {"IAEA"}},
    {"International Olympic Committee", {"IOC"}},
    {"UNESCO", {"Unesco"}},
    {"UNICEF", {"Unicef"}},
    {"International Committee of the Red Cross", {"ICRC", "Red Cross"}},
    {"CERN", {"Cern", "European Organization for Nuclear Research"}},
    {"FBI", {"Federal Bureau of Investigation"}},
    {"CIA", {"Central Intelligence Agency"}},
    {"FIFA", {"Fifa"}},
    {"Group of Seven", {"G7", "G-7"}},
    {"Securities and Exchange Commission", {"SEC", "U.S. Securities and Exchange Commission"}},
    {"Liberal Democrats", {"Lib Dems", "Lib Dem", "LibDems", "Liberal Democrat"}},
    {"Labour Party", {"Labour", "British Labour Party"}},
    {"Conservative Party", {"Conservatives", "Tories", "Tory Party", "Conservative"}},
    {"Democratic Party", {"Democrats", "Democrat", "Democratic", "U.S. Democratic Party"}},
    {"Republican Party", {"Republicans", "Republican", "GOP", "U.S. Republican Party"}},
    {"Group of 20", {"G20", "G-20"}},
};

// US states as news agencies abbreviate them after a city ("Denver,
// Colo.", "Newark, N.J."): the AP stylebook's forms and their common
// variants, written as the table has them, without the final full stop.
// Matched as written in articles (case and inner full stops count; a
// dateline's capitals too), so that all-capital postal codes, which are
// also country codes ("CA", "LA"), and ordinary words never match.
struct StateAbbreviation {
  const char* written;
  const char* state;
};
const StateAbbreviation k_state_abbreviations[] = {
    {"Ala", "Alabama"},        {"Ariz", "Arizona"},     {"Ark", "Arkansas"},
    {"Calif", "California"},   {"Cal", "California"},   {"Colo", "Colorado"},
    {"Conn", "Connecticut"},   {"Del", "Delaware"},     {"Fla", "Florida"},
    {"Ga", "Georgia"},         {"Ill", "Illinois"},     {"Ind", "Indiana"},
    {"Kan", "Kansas"},         {"Kans", "Kansas"},      {"Ky", "Kentucky"},
    {"La", "Louisiana"},       {"Md", "Maryland"},      {"Mass", "Massachusetts"},
    {"Mich", "Michigan"},      {"Minn", "Minnesota"},   {"Miss", "Mississippi"},
    {"Mo", "Missouri"},        {"Mont", "Montana"},     {"Neb", "Nebraska"},
    {"Nebr", "Nebraska"},      {"Nev", "Nevada"},       {"N.H", "New Hampshire"},
    {"N.J", "New Jersey"},     {"N.M", "New Mexico"},   {"N.Y", "New York"},
    {"N.C", "North Carolina"}, {"N.D", "North Dakota"}, {"Okla", "Oklahoma"},
    {"Ore", "Oregon"},         {"Oreg", "Oregon"},      {"Pa", "Pennsylvania"},
    {"Penn", "Pennsylvania"},  {"R.I", "Rhode Island"}, {"S.C", "South Carolina"},
    {"S.D", "South Dakota"},   {"Tenn", "Tennessee"},   {"Tex", "Texas"},
    {"Vt", "Vermont"},         {"Va", "Virginia"},      {"Wash", "Washington"},
    {"W.Va", "West Virginia"}, {"Wis", "Wisconsin"},    {"Wisc", "Wisconsin"},
    {"Wyo", "Wyoming"},
};

bool is_upper_ascii_word(std::string_view word) {
  bool has_letter = false;
  for (char c : word) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) has_letter = true;
  }
  return has_letter;
}

// Whether `name` is a firm's "X and Y's", whose possessive is part of it
// ("Standard and Poor's").
bool is_firm_possessive(std::string_view name) {
  const std::size_t last = name.rfind(' ');
  if (last == std::string_view::npos) return false;
  const std::string_view before = name.substr(0, last);
  return before.ends_with(" and") || before.ends_with(" &");
}

// `name` without the reference markers a wiki's text glues to it ("El
// Alamein[112]", "Edmund Hillary.[354][355": the tagger's token may end
// before the closing bracket), nor the sentence's punctuation before them;
// an abbreviation's period stays ("D.C.[3]" -> "D.C.").
std::string_view without_reference_markers(std::string_view name) {
  bool cut = false;
  while (true) {
    std::string_view rest = name;
    if (rest.ends_with(']')) rest.remove_suffix(1);
    std::size_t digits = 0;
    while (digits < rest.size() &&
           std::isdigit(static_cast<unsigned char>(rest[rest.size() - 1 - digits]))) {
      ++digits;
    }
    // The marker is glued to the name: "Alamein[112", not "Windows [95".
    const std::size_t open = rest.size() - 1 - digits;
    if (digits == 0 || open == 0 || rest[open] != '[' || rest[open - 1] == ' ') break;
    name = rest.substr(0, open);
    cut = true;
  }
  if (!cut) return name;
  while (!name.empty() &&
         (name.back() == ',' || name.back() == ';' || name.back() == ':' || name.back() == ')')) {
    name.remove_suffix(1);
  }
  const std::size_t last_word = name.find_last_of(' ') + 1;  // 0 when one word
  if (name.ends_with('.') && name.substr(last_word).find('.') == name.size() - last_word - 1) {
    name.remove_suffix(1);
  }
  return name;
}

// `name` without possessive endings, reference markers and punctuation that
// are not part of a name.
std::string_view trim_name(std::string_view name) {
  name = without_reference_markers(trim(name));
  for (std::string_view suffix : {"'s", "'S", "'"}) {
    if (is_firm_possessive(name)) break;
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      name.remove_suffix(suffix.size());
      break;
    }
  }
  auto is_edge_punct = [](char c) {
    return c == ',' || c == ';' || c == ':' || c == '"' || c == '\'' || c == '(' || c == ')' ||
           c == '-' || c == '!' || c == '?' || c == '[' || c == ']' || c == '/';
  };
  while (!name.empty() && (is_edge_punct(name.front()) || name.front() == ' '))
    name.remove_prefix(1);
  while (!name.empty() && (is_edge_punct(name.back()) || name.back() == ' ')) name.remove_suffix(1);
  return name;
}

// "alAssad" -> "al-Assad": converters that strip hyphens glue the Arabic
// article to the name; put the hyphen back for display. Empty when `word`
// is not of that shape.
std::string restore_article_hyphen(std::string_view word) {
  for (std::string_view article : {"al", "el", "ad", "ash", "as", "az", "ar", "at"}) {
    if (word.size() > article.size() + 1 && word.starts_with(article) &&
        std::isupper(static_cast<unsigned char>(word[article.size()])) &&
        std::islower(static_cast<unsigned char>(word.back()))) {
      return std::string(article) + "-" + std::string(word.substr(article.size()));
    }
  }
  return {};
}

// The Romance, Dutch and German particles of names ("de", "da", "van"),
// written in capitals in a wire headline or dateline ("RIO DE JANEIRO").
// Those a name writes in lower case when they are not its first word
// ("Rio de Janeiro", "Vincent van Gogh", "Dar es Salaam"); "LA", "LE", "EL", "LOS" and
// "LAS" keep their capital there ("Jean Le Pen", "Puerto La Cruz")
// unless such a particle comes before them ("Rio de la Plata").
bool is_lower_case_particle(std::string_view word) {
  // Not "DES": "WEST DES MOINES".
  static constexpr std::string_view k_particles[] = {
      "DE", "DA", "DI", "DU", "DO", "DEL", "DOS", "DAS", "DER", "DEN", "VAN", "VON", "ES"};
  return std::find(std::begin(k_particles), std::end(k_particles), word) != std::end(k_particles);
}

bool is_name_particle_in_capitals(std::string_view word) {
  return is_lower_case_particle(word) || word == "LA" || word == "LE" || word == "EL" ||
         word == "LOS" || word == "LAS";
}

}  // namespace

std::string entity_key(std::string_view value) {
  std::string folded = fold_case(fold_accents(value));
  std::string no_dots;
  no_dots.reserve(folded.size());
  for (char c : folded) {
    if (c != '.' && c != '-') no_dots += c;
  }
  return collapse_whitespace(no_dots);
}

std::string recapitalise_word(std::string_view word, std::size_t min_letters) {
  std::size_t letters = 0;
  for (char c : word) {
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
  }
  if (letters < min_letters || !is_upper_ascii_word(word)) return std::string(word);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(word);
  text.toLower();
  // Capitalise the first letter and any letter after an apostrophe or a
  // hyphen ("O'NEILL" -> "O'Neill").
  bool capitalise = true;
  for (int32_t i = 0; i < text.length(); ++i) {
    const UChar c = text.charAt(i);
    if (capitalise && u_isalpha(c)) {
      text.setCharAt(i, static_cast<UChar>(u_toupper(c)));
      capitalise = false;
    } else if (c == '\'' || c == '-') {
      capitalise = true;
    }
  }
  return to_utf8(text);
}

const EntityCanonicalizer& EntityCanonicalizer::instance() {
  static const EntityCanonicalizer canonicalizer;
  return canonicalizer;
}

void EntityCanonicalizer::add_alias(EntityType type, std::string_view alias,
                                    const std::string& display) {
  auto& table = type == EntityType::location ? m_locations : m_organizations;
  table.emplace(entity_key(alias), display);
}

EntityCanonicalizer::EntityCanonicalizer() {
  std::unordered_map<std::string, std::string> display_by_code;
  for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
    const icu::Locale locale("", *code);
    icu::UnicodeString name;
    locale.getDisplayCountry(icu::Locale::getEnglish(), name);
    std::string display = normalize_text(to_utf8(name));  // folds the typographic apostrophe
    std::string variant;
    // "Myanmar (Burma)": the name before the brackets, the one inside as an alias.
    if (const std::size_t open = display.find(" ("); open != std::string::npos) {
      variant = display.substr(open + 2, display.find(')', open) - open - 2);
      display.erase(open);
    }
    for (const DisplayOverride& o : k_display_overrides) {
      if (std::string_view(o.code) == *code) display = o.display;
    }
    display_by_code[*code] = display;
    add_alias(EntityType::location, display, display);
    if (!variant.empty()) add_alias(EntityType::location, variant, display);
    m_country_codes.emplace(entity_key(*code), display);
    const std::string iso3 = locale.getISO3Country();
    if (!iso3.empty()) m_country_codes.emplace(entity_key(iso3), display);
  }
  for (const CountryAliases& entry : k_country_aliases) {
    const auto it = display_by_code.find(entry.code);
    if (it == display_by_code.end()) continue;
    for (const char* alias : entry.aliases) add_alias(EntityType::location, alias, it->second);
  }
  for (const StateAbbreviation& entry : k_state_abbreviations) {
    m_state_abbreviations.emplace(entry.written, entry.state);
    if (std::string_view(entry.written).size() >= 3) {
      m_long_state_abbreviation_keys.emplace(entity_key(entry.written), entry.state);
    }
  }
  for (const HistoricalCountry& entry : k_historical_countries) {
    add_alias(EntityType::location, entry.display, entry.display);
    for (const char* alias : entry.aliases) add_alias(EntityType::location, alias, entry.display);
  }
  // "UK" is not an ISO code but is written like one.
  m_country_codes.emplace("uk", display_by_code["GB"]);
  for (const OrganizationAliases& entry : k_organization_aliases) {
    add_alias(EntityType::organization, entry.display, entry.display);
    for (const char* alias : entry.aliases) {
      add_alias(EntityType::organization, alias, entry.display);
    }
  }
}

std::size_t EntityCanonicalizer::alias_count(EntityType type) const {
  switch (type) {
    case EntityType::location:
      return m_locations.size() + m_country_codes.size();
    case EntityType::organization:
      return m_organizations.size();
    default:
      return 0;
  }
}

const std::string* EntityCanonicalizer::lookup(EntityType type, std::string_view name,
                                               NameOrigin origin) const {
  name = trim_name(name);
  if (name.empty() || (type != EntityType::location && type != EntityType::organization)) {
    return nullptr;
  }
  const std::string key = entity_key(name);
  // Short forms count in an article only when capitalised: "WHO" and "Fed"
  // are organisations, "who" and "fed" are not.
  const bool short_form = key.size() <= 3;
  const bool trusted = origin == NameOrigin::query || !short_form ||
                       std::isupper(static_cast<unsigned char>(name.front()));
  if (!trusted) return nullptr;
  if (type == EntityType::organization) {
    const auto it = m_organizations.find(key);
    return it == m_organizations.end() ? nullptr : &it->second;
  }
  if (const std::string* state = state_of_abbreviation(name, origin)) return state;
  if (const auto it = m_locations.find(key); it != m_locations.end()) return &it->second;
  // Codes only when written in capitals ("US", not "Us").
  if (origin == NameOrigin::query || is_upper_ascii_word(name)) {
    if (const auto it = m_country_codes.find(key); it != m_country_codes.end()) return &it->second;
  }
  return nullptr;
}

const std::string* EntityCanonicalizer::state_of_abbreviation(std::string_view name,
                                                              NameOrigin origin) const {
  if (name.ends_with('.')) name.remove_suffix(1);
  if (origin == NameOrigin::article) {
    if (const auto it = m_state_abbreviations.find(std::string(name));
        it != m_state_abbreviations.end()) {
      return &it->second;
    }
    // A wire dateline is in capitals ("FLINT, MICH."): the forms of three
    // letters or more, or with inner full stops, in capitals too; "LA"
    // and "PA" stay codes.
    if (!is_upper_ascii_word(name)) return nullptr;
    for (const auto& [written, state] : m_state_abbreviations) {
      if (written.size() >= 3 && name.size() == written.size() &&
          std::equal(name.begin(), name.end(), written.begin(), [](char a, char b) {
            return a == std::toupper(static_cast<unsigned char>(b));
          })) {
        return &state;
      }
    }
    return nullptr;
  }
  // A user typing `location:calif` or `location:nj` means the state; the
  // two-letter forms without their full stops are too common a word or
  // code to mean it ("la", "pa", "va").
  const auto it = m_long_state_abbreviation_keys.find(entity_key(name));
  return it == m_long_state_abbreviation_keys.end() ? nullptr : &it->second;
}

std::string EntityCanonicalizer::country_of_code(std::string_view code) const {
  if (code.size() != 2) return {};
  const auto it = m_country_codes.find(entity_key(code));
  return it == m_country_codes.end() ? std::string() : it->second;
}

bool EntityCanonicalizer::is_known(EntityType type, std::string_view name,
                                   NameOrigin origin) const {
  return lookup(type, name, origin) != nullptr;
}

std::string EntityCanonicalizer::canonical(EntityType type, std::string_view name,
                                           NameOrigin origin) const {
  if (const std::string* known = lookup(type, name, origin)) return *known;
  name = trim_name(name);
  // No alias: the name as written, all-capital words recapitalised. In a
  // name written wholly in capitals ("JOHN KERRY", a wire headline) every
  // word of three letters or more is (and "ST." of two); alone, only words
  // of five or more, which keeps acronyms such as "NASA".
  const std::string collapsed = collapse_whitespace(name);
  const bool whole_name_in_capitals =
      collapsed.find(' ') != std::string::npos && is_upper_ascii_word(collapsed);
  std::string display;
  bool after_lower_particle = false;  // the word before is "de", "van"...
  std::size_t start = 0;
  while (start < collapsed.size()) {
    std::size_t end = collapsed.find(' ', start);
    if (end == std::string::npos) end = collapsed.size();
    const std::string_view word = std::string_view(collapsed).substr(start, end - start);
    bool lowered_particle = false;
    if (!display.empty()) display += ' ';
    if (const std::string restored = restore_article_hyphen(word); !restored.empty()) {
      display += restored;
    } else if (whole_name_in_capitals &&
               (word == "OF" || word == "AND" || word == "THE" || word == "FOR")) {
      display += fold_case(word);
    } else if (whole_name_in_capitals && is_name_particle_in_capitals(word)) {
      // "RIO DE JANEIRO" -> "Rio de Janeiro", "LUDWIG VAN BEETHOVEN" ->
      // "Ludwig van Beethoven"; opening the name it is capitalised ("DE
      // BEERS" -> "De Beers", "LA PAZ" -> "La Paz"), and "LE"/"LA" within
      // a name are a surname's ("JEAN LE PEN") unless a particle comes
      // before ("DE LA").
      lowered_particle = start > 0 && (is_lower_case_particle(word) || after_lower_particle);
      display += lowered_particle ? fold_case(word) : recapitalise_word(word, 2);
    } else if ((whole_name_in_capitals || type == EntityType::person ||
                type == EntityType::location) &&
               word.size() >= 3) {
      // Acronyms are organisations; a person's or place's name in capitals
      // is a wire dateline or headline ("OSLO", "KERRY"). A word of two
      // letters with a period after them is an abbreviation ("ST. LOUIS").
      const bool abbreviation = word.back() == '.' && word.find('.') == word.size() - 1;
      display += recapitalise_word(word, abbreviation ? 2 : 3);
    } else {
      display += recapitalise_word(word);
    }
    after_lower_particle = lowered_particle;
    start = end + 1;
  }
  return display;
}

}  // namespace dateline

#include "indexer/entity_extractor.hpp"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "common/canonical.hpp"
#include "common/gazetteer.hpp"
#include "common/name_resolution.hpp"
#include "common/ner/name_lists.hpp"
#include "common/ner/tagger.hpp"
#include "common/person_names.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

// Legal forms that end company names (compared by entity_key).
const std::unordered_set<std::string>& corporate_suffixes() {
  static const std::unordered_set<std::string> k_suffixes = {
      "inc", "incorporated", "co",   "cos", "corp", "ltd", "limited", "plc", "llc", "lp",  "sa",
      "ag",  "nv",           "gmbh", "spa", "bv",   "ab",  "asa",     "oyj", "se",  "pty", "kk"};
  return k_suffixes;
}

// The heads of organisations' names, and the words that qualify them
// without naming anyone ("Central Bank", "National Commission"): a name of
// these words alone is no organisation a reader could tell apart.
const std::unordered_set<std::string>& generic_organization_words() {
  static const std::unordered_set<std::string> k_words = {
      "bank",        "commission", "company", "corporation", "group",      "ministry",
      "department",  "agency",     "board",   "council",     "committee",  "authority",
      "association", "office",     "fund",    "court",       "exchange",   "union",
      "party",       "government", "bureau",  "institute",   "federation", "trust",
      "holdings",    "partners",   "central", "national",    "federal",    "general"};
  return k_words;
}

// Names that are never entities in a facet list, whatever the tagger says.
const std::unordered_set<std::string>& junk_names() {
  static const std::unordered_set<std::string> k_junk = {
      "monday",  "tuesday",   "wednesday", "thursday", "friday",   "saturday", "sunday",
      "january", "february",  "march",     "april",    "may",      "june",     "july",
      "august",  "september", "october",   "november", "december", "share",    "advertisement",
      "anuncio", "print",     "read more", "mr",       "mrs",      "ms",       "dr",
      "he",      "she",       "it",        "they",     "we",       "i",        "the",
      "a",       "an",        "reuter"};
  return k_junk;
}

// Whether `text` can be a name at all: not code or markup the tagger met
// in a page's text ('fetch("/data.json")', "status_code", "db=#",
// "a@b.com", "http://...", "STOS.S>-led"), nor two names a semicolon
// parts in a list ("Brian; Goodliffe" of "Keogh, Brian; Goodliffe, Ann"),
// and with a capital letter if it has letters of the Latin alphabet
// ("browser", "day" are no names).
bool can_be_name(std::string_view text) {
  if (text.find_first_of("=_@{}<>\\\";|") != std::string_view::npos) return false;
  if (text.find("://") != std::string_view::npos) return false;
  bool lower = false;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= 'a' && c <= 'z') lower = true;
  }
  return !lower;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  const std::string collapsed = collapse_whitespace(text);
  while (start < collapsed.size()) {
    std::size_t end = collapsed.find(' ', start);
    if (end == std::string::npos) end = collapsed.size();
    words.push_back(collapsed.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Whether `name` is only generic_organization_words and legal forms.
bool is_generic_organization(const std::string& name) {
  const std::vector<std::string> words = split_words(name);
  return std::all_of(words.begin(), words.end(), [](const std::string& word) {
    const std::string key = entity_key(word);
    return generic_organization_words().count(key) || corporate_suffixes().count(key);
  });
}

std::string join_words(const std::vector<std::string>& words, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// English function words that nearly every line of prose holds and a
// table's rows do not.
const std::unordered_set<std::string>& prose_words() {
  static const std::unordered_set<std::string> k_words = {
      "the",  "a",   "an",   "of",  "to",   "in",    "on",   "at",    "for",  "with", "by",
      "from", "and", "or",   "but", "said", "says",  "is",   "are",   "was",  "were", "be",
      "been", "has", "have", "had", "will", "would", "that", "this",  "it",   "its",  "as",
      "he",   "she", "they", "we",  "who",  "which", "not",  "after", "than", "into", "over"};
  return k_words;
}

std::string strip_possessive(std::string word) {
  for (std::string_view suffix : {"'s", "'S", "'"}) {
    if (word.size() > suffix.size() && word.ends_with(suffix)) {
      word.resize(word.size() - suffix.size());
      break;
    }
  }
  return word;
}

bool has_letter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

// A mention made ready for resolution.
struct Name {
  EntityType type;
  std::vector<std::string> words;  // titles and possessive removed
  std::size_t begin;
  bool titled = false;  // a person's name written after a title
  bool firm = false;    // an organisation written with its legal form ("Corp")
};

// Whether a name is an office's title and no name (is_office_title): one
// after a country ("U.K. Chancellor", whatever its type), or one alone that
// the tagger typed anything but a person ("Chancellor" of "Chancellor of the
// Exchequer"; a person's is left out by clean_mention). A word in capitals
// is no title here ("REP" may be a symbol).
bool is_bare_title(EntityType type, const std::vector<std::string>& words) {
  const auto office = [](const std::string& word) {
    const bool capitals = word.size() > 1 && std::none_of(word.begin(), word.end(), [](char c) {
                            return std::islower(static_cast<unsigned char>(c));
                          });
    return !capitals && is_office_title(entity_key(word));
  };
  if (words.size() == 2 && EntityCanonicalizer::instance().is_known(
                               EntityType::location, words.front(), NameOrigin::article)) {
    return office(words.back());
  }
  return words.size() == 1 && type != EntityType::person && office(words.front());
}

std::optional<Name> clean_mention(const Mention& mention) {
  std::vector<std::string> words = split_words(mention.text);
  if (words.empty()) return std::nullopt;
  // A stock symbol's bracket glued to the name ("<Belkin Inc>", "Trimac
  // Ltd>") is no part of it.
  while (!words.front().empty() && words.front().front() == '<') words.front().erase(0, 1);
  while (!words.back().empty() && words.back().back() == '>') words.back().pop_back();
  if (words.front().empty()) words.erase(words.begin());
  if (!words.empty() && words.back().empty()) words.pop_back();
  if (words.empty()) return std::nullopt;
  // A firm's "X and Y's" keeps its possessive: it is the name
  // ("Standard and Poor's").
  const bool firm_possessive = mention.type == EntityType::organization && words.size() >= 3 &&
                               (words[words.size() - 2] == "and" || words[words.size() - 2] == "&");
  if (!firm_possessive) words.back() = strip_possessive(words.back());
  bool firm = false;
  if (mention.type == EntityType::organization) {
    // "Standard Oil Co", "British Petroleum Co Plc": the legal form is not
    // part of the name readers know the company by.
    // "Goldman, Sachs and Co": the "and" before it goes with it.
    while (words.size() > 1 && corporate_suffixes().count(entity_key(words.back()))) {
      firm = true;
      words.pop_back();
      if (words.size() > 1 && (words.back() == "and" || words.back() == "&")) words.pop_back();
      if (!words.back().empty() && words.back().back() == ',') words.back().pop_back();
    }
    // "Kidder, Peabody" is Kidder Peabody: a comma between the words of a
    // firm's name is a matter of house style.
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      const bool capital_next = std::isupper(static_cast<unsigned char>(words[i + 1].front()));
      if (words[i].size() > 1 && words[i].back() == ',' && capital_next) words[i].pop_back();
    }
  }
  bool titled = false;
  if (mention.type == EntityType::person) {
    const std::size_t written = words.size();
    words = without_titles(std::move(words));
    titled = words.size() < written;
  }
  const std::string joined = join_words(words, 0);
  const std::string key = entity_key(joined);
  if (key.size() < 2 || !has_letter(joined) || !can_be_name(joined) || junk_names().count(key)) {
    return std::nullopt;
  }
  if (mention.type == EntityType::person && words.size() == 1 && is_person_title(key)) {
    return std::nullopt;
  }
  if (is_bare_title(mention.type, words)) return std::nullopt;
  return Name{mention.type, std::move(words), mention.begin, titled, firm};
}

// The keys a surname is known by: itself and, for "al-Assad" or the
// hyphen-stripped "alAssad", also "assad".
std::vector<std::string> surname_keys(const std::string& surname) {
  std::vector<std::string> keys = {entity_key(surname)};
  for (std::string_view article : {"al-", "el-", "al", "el"}) {
    if (surname.size() > article.size() + 1 && surname.starts_with(article) &&
        std::isupper(static_cast<unsigned char>(surname[article.size()]))) {
      keys.push_back(entity_key(surname.substr(article.size())));
      break;
    }
  }
  return keys;
}

// Whether `key` (entity_key of one word) is a particle that opens a
// surname ("de Clercq", "du Plessis", "van der Meer", "von Weizsaecker").
bool is_surname_particle(std::string_view key) {
  static const std::unordered_set<std::string_view> k_particles = {
      "de",  "du",  "da",  "di", "del", "della", "der",
      "den", "van", "von", "le", "dos", "das",   "ter"};
  return k_particles.count(key) > 0;
}

// Whether a person's `words` are a surname alone: one word, or particles
// and one word ("De Clercq", written so after the article's "Willy de
// Clercq").
bool is_surname_only(const std::vector<std::string>& words) {
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (!is_surname_particle(entity_key(words[i]))) return false;
  }
  return !words.empty();
}

// One entity of the article as its mentions are counted.
struct Tally {
  ArticleEntity entity;
  std::size_t first_position = 0;  // of its first mention in the tagged text
};

// The article's full names (two words or more), which its short mentions
// resolve to: people by the key of their surname, with how often each full
// name occurs; organisations by the keys of their leading words
// ("Northwind", "International Committee"); firms written with their
// legal form by the key of their first word, with how often each occurs.
struct FullNames {
  std::map<std::string, std::size_t> person_count;
  std::unordered_map<std::string, std::vector<std::string>> person_by_surname;
  std::unordered_map<std::string, std::vector<std::string>> person_by_first_word;
  std::unordered_set<std::string> one_word_persons;  // keys the tagger typed a person
  std::unordered_set<std::string> one_word_orgs;     // keys the tagger typed an organisation
  std::unordered_map<std::string, std::vector<std::string>> org_by_leading_words;
  std::unordered_map<std::string, std::vector<std::string>> org_by_head;  // its last word
  std::map<std::string, std::size_t> firm_count;
  std::unordered_map<std::string, std::vector<std::string>> firm_by_first_word;

  // The most frequent of `candidates`; the earliest among equals.
  std::string best_person(const std::vector<std::string>& candidates) {
    return most_frequent(candidates, person_count);
  }
  std::string best_firm(const std::vector<std::string>& candidates) {
    return most_frequent(candidates, firm_count);
  }

 private:
  static std::string most_frequent(const std::vector<std::string>& candidates,
                                   std::map<std::string, std::size_t>& count) {
    std::string best = candidates.front();
    for (const std::string& candidate : candidates) {
      if (count[candidate] > count[best]) best = candidate;
    }
    return best;
  }
};

// Indexes an organisation's full name by its last word as written, and by
// its leading words, as written and as its canonical name ("Red Cross" is
// the International Committee of the Red Cross), and without the
// possessive the last of them may carry, as its short mentions lose it
// ("Moody's" of Moody's Investors Service).
void add_organization(const Name& name, const std::string& full,
                      const EntityCanonicalizer& canonicalizer, FullNames& names) {
  const std::string canonical =
      canonicalizer.canonical(EntityType::organization, full, NameOrigin::article);
  auto index_under = [&](const std::string& key) {
    auto& list = names.org_by_leading_words[key];
    if (std::find(list.begin(), list.end(), full) == list.end()) list.push_back(full);
  };
  auto& by_head = names.org_by_head[entity_key(name.words.back())];
  if (std::find(by_head.begin(), by_head.end(), full) == by_head.end()) by_head.push_back(full);
  for (const std::vector<std::string>& words : {name.words, split_words(canonical)}) {
    for (std::size_t n = 1; n < words.size(); ++n) {
      std::vector<std::string> leading(words.begin(), words.begin() + static_cast<long>(n));
      index_under(entity_key(join_words(leading, 0)));
      const std::string bare = strip_possessive(leading.back());
      if (bare != leading.back()) {
        leading.back() = bare;
        index_under(entity_key(join_words(leading, 0)));
      }
    }
  }
}

FullNames full_names_of(const std::vector<Name>& names, const EntityCanonicalizer& canonicalizer) {
  FullNames full_names;
  for (const Name& name : names) {
    const std::string full = join_words(name.words, 0);
    // A firm's name is full with its legal form gone ("Chrysler Corp").
    if (name.firm && full_names.firm_count[full]++ == 0) {
      full_names.firm_by_first_word[entity_key(strip_possessive(name.words.front()))].push_back(
          full);
    }
    if (name.words.size() < 2) {
      if (name.type == EntityType::person) {
        full_names.one_word_persons.insert(entity_key(name.words.front()));
      } else if (name.type == EntityType::organization) {
        full_names.one_word_orgs.insert(entity_key(name.words.front()));
      }
      continue;
    }
    if (name.type == EntityType::person && is_surname_only(name.words)) continue;
    if (name.type == EntityType::person) {
      if (full_names.person_count[full]++ == 0) {
        for (const std::string& surname : surname_keys(name.words.back())) {
          full_names.person_by_surname[surname].push_back(full);
        }
        full_names.person_by_first_word[entity_key(name.words.front())].push_back(full);
      }
    } else if (name.type == EntityType::organization) {
      add_organization(name, full, canonicalizer, full_names);
    }
  }
  return full_names;
}

// What one mention stands for in the article:
// - a person's surname written with its particles ("De Clercq") is the
//   full name ending in it;
// - a one-word name matching a person's surname is that person (unless it
//   names a country and was not tagged as a person);
// - failing that, a one-word person written without a title that opens
//   the name of a firm the article writes with its legal form is that firm
//   ("Baker" beside "Baker International Corp"; of several, the most
//   mentioned);
// - failing that, a one-word name without a title, which the tagger typed
//   a person at least once in the article, is the one person of the article
//   whose name it opens, unless it names a country or an organisation's
//   name opens with it too (a family name written first, "Zhao" of Zhao
//   Ziyang; a given name a report calls him by, "Dilson" of Dilson Funaro);
// - a short form of one longer organisation name is that name, unless the
//   article also writes it as a firm of its own ("Chrysler Corp" beside
//   "Chrysler Credit Corp"); so is a one-word name the tagger typed an
//   organisation at least once in the article, whatever this mention's
//   type (but person and country), that ends one longer organisation name
//   of the article ("the Community" of the European Community, "Kodak" of
//   Eastman Kodak).
// Returns the type and the name, not yet canonical.
std::pair<EntityType, std::string> resolve_name(const Name& name, FullNames& full_names,
                                                const EntityCanonicalizer& canonicalizer) {
  EntityType type = name.type;
  std::string value = join_words(name.words, 0);
  if (name.words.size() > 1 && type == EntityType::person && is_surname_only(name.words)) {
    // "De Clercq": the full name that ends in it ("Willy de Clercq").
    const std::string written = entity_key(value);
    const auto person = full_names.person_by_surname.find(entity_key(name.words.back()));
    if (person != full_names.person_by_surname.end()) {
      std::vector<std::string> candidates;
      for (const std::string& full : person->second) {
        if (entity_key(full).ends_with(" " + written)) candidates.push_back(full);
      }
      if (!candidates.empty()) value = full_names.best_person(candidates);
    }
  } else if (name.words.size() == 1) {
    const std::string key = entity_key(value);
    const auto person = full_names.person_by_surname.find(key);
    const bool is_country =
        canonicalizer.is_known(EntityType::location, value, NameOrigin::article);
    if (person != full_names.person_by_surname.end() &&
        (type == EntityType::person || !is_country)) {
      type = EntityType::person;
      value = full_names.best_person(person->second);
    } else if (!name.titled) {
      const auto firm = full_names.firm_by_first_word.find(key);
      const auto opened = full_names.person_by_first_word.find(key);
      if (type == EntityType::person && firm != full_names.firm_by_first_word.end()) {
        type = EntityType::organization;
        value = full_names.best_firm(firm->second);
      } else if (opened != full_names.person_by_first_word.end() && opened->second.size() == 1 &&
                 full_names.org_by_leading_words.count(key) == 0 &&
                 full_names.one_word_persons.count(key) != 0 && !is_country) {
        type = EntityType::person;
        value = opened->second.front();
      }
    }
  }
  // A name the article writes as a firm's ("Chrysler Corp") is a full name,
  // not a short form of a longer one ("Chrysler Credit Corp").
  if (type == EntityType::organization && !full_names.firm_count.count(value)) {
    const auto org = full_names.org_by_leading_words.find(entity_key(value));
    if (org != full_names.org_by_leading_words.end() && org->second.size() == 1) {
      value = org->second.front();
      return {type, value};
    }
  }
  // A one-word name the tagger typed an organisation at least once, which
  // ends one longer organisation's name of the article, is that name
  // whatever the type of this mention ("the Community": organisation in
  // one sentence, misc in the next).
  if (name.words.size() == 1 && type != EntityType::person && !name.titled &&
      full_names.one_word_orgs.count(entity_key(value)) != 0 &&
      !full_names.firm_count.count(value) &&
      !canonicalizer.is_known(EntityType::location, value, NameOrigin::article)) {
    const auto head = full_names.org_by_head.find(entity_key(value));
    if (head != full_names.org_by_head.end() && head->second.size() == 1) {
      type = EntityType::organization;
      value = head->second.front();
    }
  }
  return {type, value};
}

// Whether `name` is written in capitals only (ASCII letters; no lower
// case), as wire headlines write every name.
bool shouts(std::string_view name) {
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

using Tallies = std::map<std::pair<EntityType, std::string>, Tally>;

// The mentions counted by type and canonical name, with whether each
// entity is in the title or the lead.
Tallies tally_names(const std::vector<Name>& names, const TextRegions& regions,
                    const EntityCanonicalizer& canonicalizer) {
  FullNames full_names = full_names_of(names, canonicalizer);
  Tallies tallies;
  for (const Name& name : names) {
    auto [type, value] = resolve_name(name, full_names, canonicalizer);
    // A party's members and adjective ("Democrats", "Labour"), which the
    // tagger reads as misc, name the party the alias table knows.
    if (type == EntityType::misc &&
        canonicalizer.is_known(EntityType::organization, value, NameOrigin::article)) {
      type = EntityType::organization;
    }
    // A lone head ("Bank", "Ltd") that named no fuller name of the article.
    if (type == EntityType::organization && is_generic_organization(value)) continue;
    const std::string display = canonicalizer.canonical(type, value, NameOrigin::article);
    if (display.empty()) continue;
    Tally& tally = tallies[{type, entity_key(display)}];
    if (tally.entity.mentions == 0) {
      tally.entity.type = type;
      tally.entity.value = display;
      tally.first_position = name.begin;
    } else if (shouts(tally.entity.value) && !shouts(display)) {
      // A wire headline's capitals ("MEAD") give way to the body's "Mead".
      tally.entity.value = display;
    }
    ++tally.entity.mentions;
    if (name.titled) tally.entity.titled = true;
    if (name.firm) tally.entity.firm = true;
    if (name.begin < regions.title_end) tally.entity.in_title = true;
    if (name.begin >= regions.title_end && name.begin < regions.lead_end) {
      tally.entity.in_lead = true;
    }
  }
  return tallies;
}

// One name, one type: where the tagger typed the same name differently in
// one article, the type with the most mentions wins and takes them all.
// Returns the entities by key (tallies is moved from).
std::map<std::string, Tally> merge_types(Tallies& tallies) {
  std::map<std::string, std::pair<EntityType, std::size_t>> best_type;
  for (const auto& [key, tally] : tallies) {
    auto [it, fresh] = best_type.try_emplace(key.second, key.first, tally.entity.mentions);
    if (!fresh && tally.entity.mentions > it->second.second) {
      it->second = {key.first, tally.entity.mentions};
    }
  }
  std::map<std::string, Tally> merged;
  for (auto& [key, tally] : tallies) {
    const EntityType winner = best_type[key.second].first;
    auto [it, fresh] = merged.try_emplace(key.second, std::move(tally));
    Tally& into = it->second;
    if (!fresh) {
      const Tally& from = tally;
      into.entity.mentions += from.entity.mentions;
      into.entity.in_title = into.entity.in_title || from.entity.in_title;
      into.entity.in_lead = into.entity.in_lead || from.entity.in_lead;
      into.entity.titled = into.entity.titled || from.entity.titled;
      into.entity.firm = into.entity.firm || from.entity.firm;
      into.first_position = std::min(into.first_position, from.first_position);
    }
    if (into.entity.type != winner && key.first == winner) into.entity.value = tally.entity.value;
    into.entity.type = winner;
  }
  return merged;
}

// The entities, most salient first: headline before lead before the rest,
// then by mention count, then by first mention.
std::vector<ArticleEntity> by_salience(std::map<std::string, Tally>& merged) {
  std::vector<Tally> ordered;
  for (auto& [key, tally] : merged) ordered.push_back(std::move(tally));
  std::sort(ordered.begin(), ordered.end(), [](const Tally& a, const Tally& b) {
    if (a.entity.in_title != b.entity.in_title) return a.entity.in_title;
    if (a.entity.in_lead != b.entity.in_lead) return a.entity.in_lead;
    if (a.entity.mentions != b.entity.mentions) return a.entity.mentions > b.entity.mentions;
    return a.first_position < b.first_position;
  });
  std::vector<ArticleEntity> entities;
  entities.reserve(ordered.size());
  for (Tally& tally : ordered) entities.push_back(std::move(tally.entity));
  return entities;
}

}  // namespace

std::string tagging_text(const Article& article, TextRegions& regions) {
  std::string text = article.title;
  regions.title_end = text.size();
  regions.lead_end = text.size();
  for (std::size_t i = 0; i < article.paragraphs.size(); ++i) {
    text += "\n\n";
    text += article.paragraphs[i];
    if (i == 0) regions.lead_end = text.size();
  }
  return text;
}

std::vector<ArticleEntity> resolve_mentions(const std::vector<Mention>& mentions,
                                            const TextRegions& regions) {
  std::vector<Name> names;
  for (const Mention& mention : mentions) {
    if (auto name = clean_mention(mention)) names.push_back(std::move(*name));
  }
  Tallies tallies = tally_names(names, regions, EntityCanonicalizer::instance());
  std::map<std::string, Tally> merged = merge_types(tallies);
  return by_salience(merged);
}

namespace {

// The line of `text` around `position`: [begin, end), without the newline.
struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
};

Line line_around(std::string_view text, std::size_t position) {
  const std::size_t newline =
      position == 0 ? std::string_view::npos : text.rfind('\n', position - 1);
  return {newline == std::string_view::npos ? 0 : newline + 1,
          std::min(text.find('\n', position), text.size())};
}

bool has_prose_word(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& word) {
    return prose_words().count(fold_case(word)) != 0;
  });
}

// A row of a table: a number, and no function word ("Shr 3.95 dlrs vs
// 3.78 dlrs").
bool is_table_row(std::string_view line) {
  const std::vector<std::string> words = split_words(line);
  const bool has_number = std::any_of(words.begin(), words.end(), [](const std::string& word) {
    return std::any_of(word.begin(), word.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  });
  return has_number && !has_prose_word(words);
}

// The nearest line before (`step` -1) or after (+1) `line` with text on it;
// empty at either end of `text`.
std::string_view neighbour_line(std::string_view text, Line line, int step) {
  while (step < 0 ? line.begin > 0 : line.end < text.size()) {
    line = line_around(text, step < 0 ? line.begin - 1 : line.end + 1);
    const std::string_view content = trim(text.substr(line.begin, line.end - line.begin));
    if (!content.empty()) return content;
  }
  return {};
}

}  // namespace

bool is_listing_label(std::string_view text, const Mention& mention, const TextRegions& regions) {
  if (mention.begin < regions.title_end || mention.end > text.size()) return false;
  const Line line = line_around(text, mention.begin);
  // The line may open with a wire dateline: "FLINT, Mich., Oct 20 - Qtly div".
  const std::string_view before = trim(text.substr(line.begin, mention.begin - line.begin));
  if (!before.empty() && !before.ends_with(" -") && !before.ends_with(" --")) return false;
  const std::vector<std::string> after =
      split_words(text.substr(mention.end, std::max(line.end, mention.end) - mention.end));
  if (after.empty()) {
    // A line of its own between two rows of a table: a heading in it.
    return before.empty() && is_table_row(neighbour_line(text, line, -1)) &&
           is_table_row(neighbour_line(text, line, +1));
  }
  if (!std::islower(static_cast<unsigned char>(after.front().front()))) return false;
  return !has_prose_word(split_words(text.substr(line.begin, line.end - line.begin)));
}

std::size_t dateline_end(std::string_view text, const TextRegions& regions) {
  const std::size_t lead_begin = text.find_first_not_of('\n', regions.title_end);
  if (lead_begin == std::string_view::npos || lead_begin >= regions.lead_end) {
    return std::string_view::npos;
  }
  // A dateline is short: its dash comes within the lead's first 80 bytes.
  const std::string_view opening =
      text.substr(lead_begin, std::min<std::size_t>(80, regions.lead_end - lead_begin));
  std::size_t dash = std::string_view::npos;
  for (std::string_view mark : {" - ", " -- ", " \xE2\x80\x94 "}) {
    dash = std::min(dash, opening.find(mark));
  }
  if (dash == std::string_view::npos || dash == 0) return std::string_view::npos;
  const std::vector<std::string> words = split_words(opening.substr(0, dash));
  const bool opens_with_capital = std::isupper(static_cast<unsigned char>(words.front().front()));
  if (!opens_with_capital || words.size() > 8 || has_prose_word(words)) {
    return std::string_view::npos;
  }
  return lead_begin + dash;
}

void retype_dateline_places(std::string_view text, const TextRegions& regions,
                            std::vector<Mention>& mentions) {
  const std::size_t end = dateline_end(text, regions);
  if (end == std::string_view::npos) return;
  for (Mention& mention : mentions) {
    const bool in_dateline = mention.begin >= regions.title_end && mention.end <= end;
    if (!in_dateline) continue;
    if (mention.type != EntityType::organization) {
      mention.type = EntityType::location;
      continue;
    }
    // A state's abbreviation the tagger took for an organisation ("IND."
    // of "ELKHART, IND., March 4 -"), its period left out of the mention.
    const bool period_after = mention.end < end && text[mention.end] == '.' &&
                              !mention.text.empty() && mention.text.back() != '.';
    const std::string with_period = mention.text + (period_after ? "." : "");
    if (period_after && EntityCanonicalizer::instance().is_known(EntityType::location, with_period,
                                                                 NameOrigin::article)) {
      mention.type = EntityType::location;
      mention.text = with_period;
      ++mention.end;
    }
  }
  // One place the tagger cut in two ("SALT" + "LAKE CITY"): places side
  // by side, one space apart, are one name.
  std::vector<Mention> joined;
  joined.reserve(mentions.size());
  for (Mention& mention : mentions) {
    if (!joined.empty() && mention.end <= end && mention.type == EntityType::location &&
        joined.back().type == EntityType::location && joined.back().begin >= regions.title_end &&
        joined.back().end + 1 == mention.begin && text[joined.back().end] == ' ') {
      joined.back().end = mention.end;
      joined.back().text = collapse_whitespace(
          text.substr(joined.back().begin, joined.back().end - joined.back().begin));
      continue;
    }
    joined.push_back(std::move(mention));
  }
  mentions = std::move(joined);
  // The dateline's first place starts where the lead does when only words
  // in capitals come before it: the tagger found "LAKE CITY" in "SALT LAKE
  // CITY, March 9 -".
  const std::size_t lead_begin = text.find_first_not_of('\n', regions.title_end);
  const auto first = std::find_if(mentions.begin(), mentions.end(), [&](const Mention& m) {
    return m.begin >= lead_begin && m.end <= end;
  });
  // The place is the dateline's: a comma follows it ("PRS PARIS COCOA
  // 18.30 - APR 07" is a table's heading).
  if (first == mentions.end() || first->type != EntityType::location ||
      first->begin <= lead_begin || text[first->end] != ',') {
    return;
  }
  const std::string_view before = text.substr(lead_begin, first->begin - lead_begin);
  const bool capitals =
      before.back() == ' ' && std::all_of(before.begin(), before.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || c == ' ' || c == '.' || c == '\'' || c == '-';
      });
  if (!capitals || before.find("  ") != std::string_view::npos) return;
  first->begin = lead_begin;
  first->text = collapse_whitespace(text.substr(first->begin, first->end - first->begin));
}

void drop_listing_labels(std::string_view text, const TextRegions& regions,
                         std::vector<Mention>& mentions) {
  std::unordered_set<std::string> labels;
  for (const Mention& mention : mentions) {
    if (is_listing_label(text, mention, regions)) labels.insert(entity_key(mention.text));
  }
  if (labels.empty()) return;
  std::erase_if(mentions,
                [&](const Mention& mention) { return labels.count(entity_key(mention.text)); });
}

namespace {

// The words that, after "X and", make "X and ..." one firm's name ("Alex.
// Brown and Sons Inc").
bool is_firm_partner_word(std::string_view key) {
  static const std::unordered_set<std::string_view> k_words = {
      "sons", "son", "co", "company", "brothers", "partners", "associates"};
  return k_words.count(key) != 0;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The word of `text` starting at `at` (letters, digits, apostrophes), and
// its end.
std::string_view word_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_name_char(text[end])) ++end;
  return text.substr(at, end - at);
}

bool is_capitalised(std::string_view word) {
  return !word.empty() && std::isupper(static_cast<unsigned char>(word.front()));
}

// Whether `word` may be the first half of a firm's name "X and Y's": one
// capitalised word that names no country or state ("Britain and
// France's" are two).
bool could_open_firm(std::string_view word) {
  return is_capitalised(word) && word.find(' ') == std::string_view::npos &&
         !EntityCanonicalizer::instance().is_known(EntityType::location, word, NameOrigin::article);
}

// How `word`, after "X and", closes a firm's name: a possessive ("Poor's")
// or a partner word ("Sons"); or not at all.
enum class FirmClose { none, possessive, partner };

FirmClose firm_close(std::string_view word) {
  if (!is_capitalised(word)) return FirmClose::none;
  if (word.size() > 2 && word.ends_with("'s")) {
    const bool place = EntityCanonicalizer::instance().is_known(
        EntityType::location, word.substr(0, word.size() - 2), NameOrigin::article);
    return place ? FirmClose::none : FirmClose::possessive;
  }
  return is_firm_partner_word(entity_key(word)) ? FirmClose::partner : FirmClose::none;
}

// Whether "X and Y" with this close is a firm, given what the tagger made
// of each half (null: untagged). A possessive after two people is theirs
// ("Reagan and Shultz's talks"); a partner word makes a firm anyway.
bool makes_firm(FirmClose close, const Mention* x, const Mention* y) {
  if (close == FirmClose::partner) return true;
  const auto person = [](const Mention* m) {
    return m != nullptr && m->type == EntityType::person;
  };
  return close == FirmClose::possessive && !person(x) && !person(y);
}

// The length of " and " or " & " at `at` in `text`, or 0.
std::size_t conjunction_at(std::string_view text, std::size_t at) {
  for (std::string_view conjunction : {" and ", " & "}) {
    if (text.substr(at, conjunction.size()) == conjunction) return conjunction.size();
  }
  return 0;
}

// A firm's name "X and Y's" found around `mention`, where `before` and
// `after` are the mentions next to it (or null): where it begins and ends
// in `text`, or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> firm_around(std::string_view text,
                                                               const Mention& mention,
                                                               const Mention* before,
                                                               const Mention* after) {
  // The mention is X: " and Y's" follows it.
  if (could_open_firm(mention.text)) {
    if (const std::size_t gap = conjunction_at(text, mention.end)) {
      const std::size_t at = mention.end + gap;
      const std::string_view second = word_at(text, at);
      const Mention* y = after != nullptr && after->begin == at ? after : nullptr;
      if (makes_firm(firm_close(second), &mention, y)) {
        return std::pair{mention.begin, at + second.size()};
      }
    }
  }
  // The mention opens with Y's: "X and " comes before it.
  const FirmClose close = firm_close(word_at(text, mention.begin));
  if (close == FirmClose::none) return std::nullopt;
  for (std::string_view conjunction : {" and ", " & "}) {
    if (mention.begin < conjunction.size() + 1) continue;
    const std::size_t at = mention.begin - conjunction.size();
    if (text.substr(at, conjunction.size()) != conjunction) continue;
    std::size_t first = at;
    while (first > 0 && is_name_char(text[first - 1])) --first;
    const Mention* x = before != nullptr && before->end == at ? before : nullptr;
    if (could_open_firm(text.substr(first, at - first)) && makes_firm(close, x, &mention)) {
      return std::pair{first, mention.end};
    }
  }
  return std::nullopt;
}

// Whether `first` and " and " open the firm `second` names with its legal
// form: a one-word name the tagger took for a person or place
// ("Lufkin and Jenrette Securities Corp").
bool opens_legal_firm(std::string_view text, const Mention& first, const Mention& second) {
  if (second.type != EntityType::organization || first.type == EntityType::organization ||
      first.end > second.begin || !could_open_firm(first.text)) {
    return false;
  }
  if (conjunction_at(text, first.end) != second.begin - first.end) return false;
  const std::size_t last = second.text.rfind(' ');
  return last != std::string::npos &&
         corporate_suffixes().count(entity_key(std::string_view(second.text).substr(last + 1)));
}

// Whether the organisation `second` ends in "and" and a partner word
// ("Roebuck and Co") and `first`, one capitalised word, is written just
// before it with a comma: "Sears, Roebuck and Co" is one firm.
bool opens_partnership(std::string_view text, const Mention& first, const Mention& second) {
  if (second.type != EntityType::organization || first.end + 2 != second.begin ||
      text.substr(first.end, 2) != ", " || !could_open_firm(first.text)) {
    return false;
  }
  const std::vector<std::string> words = split_words(second.text);
  return words.size() >= 3 && is_firm_partner_word(entity_key(words.back())) &&
         (words[words.size() - 2] == "and" || words[words.size() - 2] == "&");
}

}  // namespace

namespace {

// Where the "St." (or "Ste.", "Mt.", "Ft.", "St", "Saint") written just
// before `at` starts, or npos when none is.
std::size_t abbreviated_prefix_before(std::string_view text, std::size_t at) {
  if (at < 3 || !is_space(text[at - 1])) return std::string_view::npos;
  const bool period = text[at - 2] == '.';
  const std::size_t word_end = period ? at - 2 : at - 1;
  std::size_t begin = word_end;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1]))) --begin;
  const std::string prefix = ascii_lower(text.substr(begin, word_end - begin));
  // Without a period, "MT" and "FT" are metric tonnes and feet.
  const bool known = period ? prefix == "st" || prefix == "ste" || prefix == "mt" || prefix == "ft"
                            : prefix == "st" || prefix == "saint" || prefix == "sainte";
  const bool word_start = begin == 0 || !std::isalnum(static_cast<unsigned char>(text[begin - 1]));
  return known && word_start ? begin : std::string_view::npos;
}

// Whether `at` opens a sentence, a line or a quotation: nothing but
// spaces before it, or a line break, or a sentence's or clause's end.
bool opens_sentence(std::string_view text, std::size_t at) {
  std::size_t before = at;
  while (before > 0 && is_space(text[before - 1])) {
    if (text[before - 1] == '\n') return true;
    --before;
  }
  if (before == 0) return true;
  const char c = text[before - 1];
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == '(' ||
         c == '[' || c == '-';
}

// Whether the next word after `at` on its line starts with a lower-case
// letter: prose goes on ("The World Bank said"), where a heading or a
// title would end ("The Dead Lands" on a line of its own).
bool prose_follows(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  return at < text.size() && std::islower(static_cast<unsigned char>(text[at]));
}

}  // namespace

void drop_leading_the(std::string_view text, std::vector<Mention>& mentions) {
  for (Mention& mention : mentions) {
    if (mention.type == EntityType::location || !opens_sentence(text, mention.begin) ||
        !prose_follows(text, mention.end)) {
      continue;
    }
    const std::string_view written = text.substr(mention.begin, mention.end - mention.begin);
    if (!written.starts_with("The") && !written.starts_with("THE")) continue;
    std::size_t begin = mention.begin + 3;
    if (begin >= mention.end || !is_space(text[begin])) continue;
    while (begin < mention.end && is_space(text[begin])) ++begin;
    mention.begin = begin;
    mention.text = collapse_whitespace(text.substr(begin, mention.end - begin));
  }
}

void join_abbreviated_prefixes(std::string_view text, std::vector<Mention>& mentions) {
  std::vector<Mention> joined;
  joined.reserve(mentions.size());
  for (Mention& mention : mentions) {
    const std::size_t begin = abbreviated_prefix_before(text, mention.begin);
    const bool crossed =
        !joined.empty() && joined.back().end > begin && joined.back().begin < begin;
    if (begin != std::string_view::npos && !crossed) {
      // The abbreviation's own mention ("St."), found apart.
      if (!joined.empty() && joined.back().begin >= begin) joined.pop_back();
      mention.begin = begin;
      mention.text = collapse_whitespace(text.substr(begin, mention.end - begin));
    }
    joined.push_back(std::move(mention));
  }
  mentions = std::move(joined);
}

namespace {

// Whether `word` is a lower-case particle inside a Romance or Dutch name
// ("del" of "Punta del Este", "es" of "Dar es Salaam").
bool is_inner_particle(std::string_view word) {
  // A surname's particles, and those only places' names hold inside them.
  return is_surname_particle(word) || word == "la" || word == "do" || word == "es";
}

// Whether `gap` is " particle " or " particle particle " ("de la"), single
// spaces.
bool is_particle_gap(std::string_view gap) {
  if (gap.size() < 3 || gap.front() != ' ' || gap.back() != ' ') return false;
  gap = gap.substr(1, gap.size() - 2);
  const std::size_t space = gap.find(' ');
  if (space == std::string_view::npos) return is_inner_particle(gap);
  return is_inner_particle(gap.substr(0, space)) && is_inner_particle(gap.substr(space + 1));
}

}  // namespace

void join_particle_names(std::string_view text, std::vector<Mention>& mentions) {
  std::vector<Mention> joined;
  joined.reserve(mentions.size());
  for (Mention& mention : mentions) {
    if (!joined.empty()) {
      Mention& before = joined.back();
      if (before.type == mention.type && before.type != EntityType::misc &&
          before.end < mention.begin &&
          is_particle_gap(text.substr(before.end, mention.begin - before.end))) {
        before.end = mention.end;
        before.text = collapse_whitespace(text.substr(before.begin, before.end - before.begin));
        continue;
      }
    }
    joined.push_back(std::move(mention));
  }
  mentions = std::move(joined);
}

void join_coordinated_firms(std::string_view text, std::vector<Mention>& mentions) {
  std::vector<Mention> joined;
  joined.reserve(mentions.size());
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    Mention& mention = mentions[i];
    const Mention* before = joined.empty() ? nullptr : &joined.back();
    const Mention* after = i + 1 < mentions.size() ? &mentions[i + 1] : nullptr;
    std::optional<std::pair<std::size_t, std::size_t>> firm =
        firm_around(text, mention, before, after);
    if (!firm && before != nullptr &&
        (opens_legal_firm(text, *before, mention) || opens_partnership(text, *before, mention))) {
      firm = std::pair{before->begin, mention.end};
    }
    if (!firm) {
      // Y's of a firm already joined with X.
      if (before != nullptr && before->end >= mention.end) continue;
      joined.push_back(std::move(mention));
      continue;
    }
    Mention merged{EntityType::organization, firm->first, std::max(firm->second, mention.end), {}};
    // The mentions the firm's name covers (X, or a firm found with X when
    // this is Y), and a name written just before it ("Alex. Brown and
    // Sons", "Donaldson, Lufkin and Jenrette").
    while (!joined.empty() && joined.back().end > merged.begin) {
      merged.begin = std::min(merged.begin, joined.back().begin);
      joined.pop_back();
    }
    if (!joined.empty()) {
      const Mention& previous = joined.back();
      const std::string_view gap = text.substr(previous.end, merged.begin - previous.end);
      if ((gap == " " || gap == ". " || gap == ", ") && could_open_firm(previous.text)) {
        merged.begin = previous.begin;
        joined.pop_back();
      }
    }
    merged.text = collapse_whitespace(text.substr(merged.begin, merged.end - merged.begin));
    joined.push_back(std::move(merged));
  }
  mentions = std::move(joined);
}

void attach_titles(std::string_view text, std::vector<Mention>& mentions) {
  std::size_t previous_end = 0;  // mentions are in text order
  for (Mention& mention : mentions) {
    const std::size_t begin = mention.begin;
    const std::size_t floor = previous_end;
    previous_end = mention.end;
    if (mention.type != EntityType::person || begin < floor + 2 || begin > text.size() ||
        text[begin - 1] != ' ') {
      continue;
    }
    std::size_t word_end = begin - 1;
    const bool period = text[word_end - 1] == '.';
    if (period) --word_end;
    std::size_t word_begin = word_end;
    while (word_begin > floor && std::isalpha(static_cast<unsigned char>(text[word_begin - 1]))) {
      --word_begin;
    }
    const bool starts_word =
        word_begin == 0 || !std::isalnum(static_cast<unsigned char>(text[word_begin - 1]));
    const std::string_view title = text.substr(word_begin, word_end - word_begin);
    if (title.empty() || !starts_word || !is_person_title(entity_key(title))) continue;
    mention.text = std::string(title) + (period ? ". " : " ") + mention.text;
    mention.begin = word_begin;
  }
}

namespace {

// A word of the text and where it starts.
struct WordAt {
  std::string_view word;
  std::size_t begin = 0;
};

// Up to `most` words of `text` just before `end`, nearest first; a word
// that ends in a comma, semicolon, colon or bracket ends the run (it is
// not taken).
std::vector<WordAt> words_before(std::string_view text, std::size_t end, std::size_t most) {
  std::vector<WordAt> words;
  std::size_t stop = end;
  while (words.size() < most) {
    while (stop > 0 && is_space(text[stop - 1])) --stop;
    if (stop == 0) break;
    std::size_t start = stop;
    while (start > 0 && !is_space(text[start - 1])) --start;
    const std::string_view word = text.substr(start, stop - start);
    if (std::string_view(",;:()[]").find(word.back()) != std::string_view::npos) break;
    words.push_back({word, start});
    stop = start;
  }
  return words;
}

// Where the expansion of the acronym written at [begin, end) of `text`
// opens, when the text writes it in brackets just after its expansion
// ("General Agreement on Tariffs and Trade (GATT)"): the start of the
// nearest run of capitalised words (and the fillers an acronym skips)
// whose initials spell it. npos if none.
std::size_t expansion_start(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin < 2 || end >= text.size() || text[begin - 1] != '(' || text[end] != ')' ||
      !written_as_acronym(text.substr(begin, end - begin))) {
    return std::string_view::npos;
  }
  std::string letters;
  for (char c : entity_key(text.substr(begin, end - begin))) {
    if (c != '.') letters += c;
  }
  const std::size_t paren = begin - 1;
  for (const WordAt& word : words_before(text, paren, 3 * letters.size())) {
    const std::string key = entity_key(word.word);
    const bool filler = key.empty() || is_acronym_filler(key);
    if (!filler && !std::isupper(static_cast<unsigned char>(word.word.front()))) break;
    if (filler) continue;
    if (acronym_initials(entity_key(text.substr(word.begin, paren - word.begin))) == letters) {
      return word.begin;
    }
  }
  return std::string_view::npos;
}

// Makes [begin, end) of `text` one mention of `type`, in place of the
// mentions inside it (`mentions` in text order). Does nothing when a
// mention crosses either edge, or the span is a mention of that type already.
void make_one_mention(std::string_view text, std::size_t begin, std::size_t end, EntityType type,
                      std::vector<Mention>& mentions) {
  auto first = std::find_if(mentions.begin(), mentions.end(),
                            [&](const Mention& m) { return m.end > begin; });
  auto last = std::find_if(first, mentions.end(), [&](const Mention& m) { return m.begin >= end; });
  if (first != last && (first->begin < begin || std::prev(last)->end > end)) return;
  if (first != last && std::next(first) == last && first->begin == begin && first->end == end &&
      first->type == type) {
    return;
  }
  Mention joined{type, begin, end, collapse_whitespace(text.substr(begin, end - begin))};
  const auto at = mentions.erase(first, last);
  mentions.insert(at, std::move(joined));
}

// Where `words`, written from `at` in `text` with any white space between
// them, end there as whole words; npos if they are not written there.
std::size_t words_end(std::string_view text, std::size_t at,
                      const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      if (at >= text.size() || !is_space(text[at])) return std::string_view::npos;
      while (at < text.size() && is_space(text[at])) ++at;
    }
    if (text.substr(at, words[i].size()) != words[i]) return std::string_view::npos;
    at += words[i].size();
  }
  const bool word_goes_on = at < text.size() && std::isalnum(static_cast<unsigned char>(text[at]));
  return word_goes_on ? std::string_view::npos : at;
}

}  // namespace

void join_acronym_expansions(std::string_view text, std::vector<Mention>& mentions) {
  std::vector<std::pair<std::string, EntityType>> expansions;
  for (std::size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) break;
    const std::size_t start = expansion_start(text, open + 1, close);
    if (start == std::string_view::npos) continue;
    std::size_t end = open;
    while (end > start && is_space(text[end - 1])) --end;
    // The acronym's type where the tagger found it, there or elsewhere in
    // the text, or else that of the pieces it found in the expansion;
    // nothing found, no name.
    const auto tagged = [&](std::size_t from, std::size_t to) {
      return std::find_if(mentions.begin(), mentions.end(),
                          [&](const Mention& m) { return m.begin >= from && m.end <= to; });
    };
    const std::string_view acronym = text.substr(open + 1, close - open - 1);
    auto evidence = tagged(open + 1, close);
    if (evidence == mentions.end()) {
      evidence = std::find_if(mentions.begin(), mentions.end(),
                              [&](const Mention& m) { return m.text == acronym; });
    }
    if (evidence == mentions.end()) evidence = tagged(start, end);
    if (evidence == mentions.end()) continue;
    const EntityType type = evidence->type;
    make_one_mention(text, start, end, type, mentions);
    expansions.emplace_back(collapse_whitespace(text.substr(start, end - start)), type);
  }
  // The expansion written again, without its acronym, is the same name.
  for (const auto& [expansion, type] : expansions) {
    const std::vector<std::string> words = split_words(expansion);
    for (std::size_t at = text.find(words.front()); at != std::string_view::npos;
         at = text.find(words.front(), at + 1)) {
      if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
      const std::size_t end = words_end(text, at, words);
      if (end != std::string_view::npos) make_one_mention(text, at, end, type, mentions);
    }
  }
}

namespace {

// The nouns that head the names of bodies: a capitalised one at the end of
// a run of capitalised words makes the run an organisation's name. Not the
// heads of places' names ("Union", "Republic", "Federation", "Kingdom":
// "Soviet Union", "Czech Republic") nor of rooms ("Office": "Oval Office").
bool is_body_head(std::string_view key) {
  static const std::unordered_set<std::string_view> k_heads = {
      "group",        "council",     "committee",  "commission", "ministry",   "department",
      "agency",       "authority",   "board",      "bureau",     "army",       "front",
      "movement",     "brotherhood", "alliance",   "league",     "guard",      "guards",
      "force",        "forces",      "corps",      "command",    "coalition",  "organization",
      "organisation", "association", "institute",  "university", "foundation", "society",
      "fund",         "assembly",    "parliament", "congress",   "senate",     "court",
      "tribunal",     "police",      "service",    "exchange",   "bank",       "party",
      "church",       "club",        "state",      "brigade",    "brigades",   "militia"};
  return k_heads.count(key) != 0;
}

// A blank-separated chunk of the text: [begin, end).
struct Chunk {
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::vector<Chunk> chunks_of(std::string_view text) {
  std::vector<Chunk> chunks;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && is_space(text[at])) ++at;
    const std::size_t begin = at;
    while (at < text.size() && !is_space(text[at])) ++at;
    if (at > begin) chunks.push_back({begin, at});
  }
  return chunks;
}

// Whether `chunk` may be a word inside a name: it opens with a capital, and
// is letters, digits, apostrophes and the periods of an abbreviation
// ("U.N."), with no hyphen before a lower-case tail ("Jordan-based").
bool is_name_word(std::string_view chunk) {
  if (!is_capitalised(chunk) || chunk.find("..") != std::string_view::npos) return false;
  const bool abbreviation = chunk.back() == '.' && chunk.find('.') + 1 < chunk.size();
  if (chunk.back() == '.' && !abbreviation) return false;
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c == '-' && i + 1 < chunk.size() &&
        std::islower(static_cast<unsigned char>(chunk[i + 1]))) {
      return false;
    }
    if (!is_name_char(c) && c != '.' && c != '-') return false;
  }
  return true;
}

// Whether the white space between two chunks keeps them in one name: no
// blank line.
bool joins_words(std::string_view text, const Chunk& left, const Chunk& right) {
  const std::string_view gap = text.substr(left.end, right.begin - left.end);
  return std::count(gap.begin(), gap.end(), '\n') <= 1;
}

bool is_possessive(std::string_view word) {
  return word.ends_with("'s") || word.ends_with("'S") || word.ends_with("'") ||
         word.ends_with("\u2019s");
}

// Whether a capitalised `word` is one that opens a sentence or stands
// before a name without belonging to it: English's function words,
// determiners and sentence adverbs ("The", "Although", "Meanwhile"), a
// day or month ("September"), a person's title ("Deputy", "Minister").
bool opens_before_names(std::string_view word) {
  static const std::unordered_set<std::string_view> k_openers = {
      "this",    "these",     "those",  "his",      "her",      "their",   "our",       "your",
      "my",      "both",      "each",   "every",    "some",     "any",     "no",        "all",
      "when",    "while",     "if",     "although", "though",   "however", "meanwhile", "because",
      "since",   "until",     "unless", "whether",  "where",    "once",    "also",      "now",
      "then",    "yesterday", "today",  "tonight",  "tomorrow", "last",    "next",      "earlier",
      "later",   "under",     "among",  "between",  "about",    "against", "during",    "without",
      "through", "including", "before", "like",     "unlike",   "despite", "instead",   "so"};
  // Ranks and offices written before a body's name ("Deputy State
  // Department spokesman"); not is_person_title, which holds the words of
  // offices that name bodies too ("Foreign", "Finance", "State").
  static const std::unordered_set<std::string_view> k_ranks = {
      "deputy",    "vice",        "acting",    "former",   "assistant", "associate", "senior",
      "president", "minister",    "secretary", "chairman", "premier",   "governor",  "senator",
      "spokesman", "spokeswoman", "mr",        "mrs",      "ms",        "dr",        "sir"};
  const std::string key = entity_key(word);
  return prose_words().count(key) != 0 || k_openers.count(key) != 0 ||
         junk_names().count(key) != 0 || k_ranks.count(key) != 0;
}

// Whether the line around [begin, end) is written in title case or
// capitals: of its words of four letters or more outside that span and
// outside `mentions` (names are capitalised in any line), fewer than a
// quarter are in lower case (prose has a lower-case word among every few;
// a title-case headline has none, or a stray "about").
bool in_title_case_line(std::string_view text, std::size_t begin, std::size_t end,
                        const std::vector<Mention>& mentions) {
  const Line line = line_around(text, begin);
  std::size_t long_words = 0;
  std::size_t lower = 0;
  for (const Chunk& chunk : chunks_of(text.substr(line.begin, line.end - line.begin))) {
    const std::size_t at = line.begin + chunk.begin;
    if (at >= begin && at < end) continue;
    const bool named = std::any_of(mentions.begin(), mentions.end(),
                                   [&](const Mention& m) { return m.begin <= at && at < m.end; });
    if (named) continue;
    const std::string_view word = text.substr(at, chunk.end - chunk.begin);
    if (std::count_if(word.begin(), word.end(),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) < 4) {
      continue;
    }
    ++long_words;
    if (std::islower(static_cast<unsigned char>(word.front()))) ++lower;
  }
  return long_words > 0 && 4 * lower < long_words;
}

}  // namespace

void join_named_bodies(std::string_view text, std::vector<Mention>& mentions) {
  static constexpr std::size_t k_most_words = 6;
  const std::vector<Chunk> chunks = chunks_of(text);
  for (std::size_t head = 1; head < chunks.size(); ++head) {
    // The head: a capitalised body noun, perhaps before punctuation or
    // with a possessive ("Islamic State's").
    std::string_view word = text.substr(chunks[head].begin, chunks[head].end - chunks[head].begin);
    const std::size_t word_length = word_at(word, 0).size();
    bool punctuated = word_length < word.size();
    word = word.substr(0, word_length);
    for (std::string_view possessive : {"'s", "\u2019s"}) {
      if (word.size() > possessive.size() && word.ends_with(possessive)) {
        word.remove_suffix(possessive.size());
        punctuated = true;
      }
    }
    if (word.size() < 2 || !is_capitalised(word) ||
        !std::islower(static_cast<unsigned char>(word[1])) || !is_body_head(ascii_lower(word))) {
      continue;
    }
    if (!punctuated && head + 1 < chunks.size() &&
        joins_words(text, chunks[head], chunks[head + 1]) &&
        is_capitalised(text.substr(chunks[head + 1].begin, 1))) {
      continue;  // the name goes on past the head
    }
    const std::size_t end = chunks[head].begin + word.size();
    const auto chunk_text = [&](std::size_t i) {
      return text.substr(chunks[i].begin, chunks[i].end - chunks[i].begin);
    };
    // Back over the capitalised words before the head, up to a possessive
    // ("USDA's Foreign Agricultural Service" is the service) or a word that
    // opens a sentence or stands before the name and is none of it ("The",
    // "September", "Deputy").
    std::size_t first = head;
    while (first > 0 && head - first + 1 < k_most_words &&
           joins_words(text, chunks[first - 1], chunks[first]) &&
           is_name_word(chunk_text(first - 1)) && !is_possessive(chunk_text(first - 1)) &&
           !opens_before_names(chunk_text(first - 1))) {
      --first;
    }
    // People and places in the run stay themselves: it starts after them,
    // as after any mention that crosses its start.
    bool crossed = false;
    for (const Mention& mention : mentions) {
      if (mention.end <= chunks[first].begin || mention.begin >= end) continue;
      if (mention.end > end) {
        crossed = true;
        break;
      }
      const bool keeps_own = mention.type == EntityType::person ||
                             mention.type == EntityType::location ||
                             mention.begin < chunks[first].begin;
      while (keeps_own && first <= head && chunks[first].begin < mention.end) ++first;
    }
    if (crossed || first >= head) continue;
    const std::size_t begin = chunks[first].begin;
    if (in_title_case_line(text, begin, end, mentions)) continue;
    make_one_mention(text, begin, end, EntityType::organization, mentions);
  }
}

namespace {

// Whether `word` tells the time: "1500", "15:00", "3.30", "a.m.", "hrs".
bool tells_time(std::string_view word) {
  while (!word.empty() && (word.front() == '(' || word.front() == '[')) word.remove_prefix(1);
  const std::string key = fold_case(word);
  if (key == "a.m." || key == "p.m." || key == "am" || key == "pm" || key == "hrs" ||
      key == "hours") {
    return true;
  }
  std::size_t digits = 0;
  std::size_t separators = 0;
  for (char c : word) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == ':' || c == '.') {
      ++separators;
    } else {
      return false;
    }
  }
  return separators <= 1 && (separators == 1 ? digits >= 3 : digits == 3 || digits == 4);
}

}  // namespace

void drop_time_zones(std::string_view text, std::vector<Mention>& mentions) {
  // The zones of the world's news wires and their summer times.
  static const std::unordered_set<std::string_view> k_zones = {
      "GMT", "UTC", "BST", "WET", "WEST", "CET",  "CEST", "EET",  "EEST", "MSK", "IST",
      "SGT", "HKT", "JST", "KST", "AEST", "AEDT", "NZST", "NZDT", "EST",  "EDT", "CST",
      "CDT", "MST", "MDT", "PST", "PDT",  "AKST", "HST",  "AST",  "ADT",  "NST", "BRT"};
  std::erase_if(mentions, [&](const Mention& mention) {
    if (!k_zones.count(mention.text)) return false;
    const std::vector<WordAt> before = words_before(text, mention.begin, 1);
    return !before.empty() && tells_time(before.front().word);
  });
}

namespace {

// Whether `word` names a month, in full or abbreviated, in any case, with
// or without a period ("APR", "Sept.", "June").
bool is_month_word(std::string_view word) {
  static const std::unordered_set<std::string> k_months = {
      "jan",  "january",   "feb",  "february", "mar",  "march",    "apr",    "april",
      "may",  "jun",       "june", "jul",      "july", "aug",      "august", "sep",
      "sept", "september", "oct",  "october",  "nov",  "november", "dec",    "december"};
  if (word.ends_with('.')) word.remove_suffix(1);
  return k_months.count(ascii_lower(word)) > 0;
}

// Whether the text beside [begin, end) (after one run of spaces, either
// side) is a digit.
bool beside_number(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t after = end;
  while (after < text.size() && text[after] == ' ') ++after;
  if (after > end && after < text.size() && std::isdigit(static_cast<unsigned char>(text[after]))) {
    return true;
  }
  std::size_t before = begin;
  while (before > 0 && text[before - 1] == ' ') --before;
  return before < begin && before > 0 && std::isdigit(static_cast<unsigned char>(text[before - 1]));
}

// Whether `name` could be a stock's symbol: one to six capitals, digits
// or periods, a capital first ("XON", "BRK.A").
bool could_be_symbol(std::string_view name) {
  return !name.empty() && name.size() <= 6 && std::isupper(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) ||
                  std::isdigit(static_cast<unsigned char>(c)) || c == '.';
         });
}

// Whether an exchange's name and a colon ("NYSE:", "(Nasdaq: ") end just
// before `at`.
bool after_exchange(std::string_view text, std::size_t at) {
  static const std::unordered_set<std::string> k_exchanges = {
      "nyse", "nasdaq", "amex", "tsx", "tsxv", "tse", "lse", "asx", "otc", "otcqx", "nysearca"};
  std::size_t colon = at;
  while (colon > 0 && text[colon - 1] == ' ') --colon;
  if (colon == 0 || text[colon - 1] != ':') return false;
  std::size_t begin = colon - 1;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1]))) --begin;
  return k_exchanges.count(ascii_lower(text.substr(begin, colon - 1 - begin))) > 0;
}

}  // namespace

void drop_stock_symbols(std::string_view text, std::vector<Mention>& mentions) {
  std::erase_if(mentions, [&](const Mention& mention) {
    if (!could_be_symbol(mention.text)) return false;
    const bool bracketed = mention.begin > 0 && text[mention.begin - 1] == '<' &&
                           mention.end < text.size() && text[mention.end] == '>';
    return bracketed || after_exchange(text, mention.begin);
  });
}

namespace {

// How sure a name is a credit rating: not one, one only where the text
// names a rating agency (a bare grade in capitals: "AA" is also an
// airline, "CCC" the Commodity Credit Corporation), or one wherever the
// text speaks of ratings (a grade with a notch, "BBB-minus", "A-1+",
// "Baa-2", or a Moody's grade in mixed case, "Aaa").
enum class Rating { no, with_agency, yes };

// Grades of Standard and Poor's and Fitch (AAA to D, with + or -, "-plus"
// or "-minus"), of Moody's (Aaa to C, with 1 to 3, maybe after a hyphen),
// and short-term ones (A-1+, P-2, F1, MIG-1, SP-1).
Rating credit_rating(std::string_view name) {
  static const std::unordered_set<std::string_view> k_grades = {
      "AAA", "AA", "A",   "BBB", "BB",  "B",  "CCC", "CC", "C",   "D",
      "Aaa", "Aa", "Baa", "Ba",  "Caa", "Ca", "P",   "F",  "MIG", "SP"};
  std::size_t grade = 0;
  while (grade < name.size() && std::isalpha(static_cast<unsigned char>(name[grade]))) ++grade;
  if (grade == 0 || !k_grades.count(name.substr(0, grade))) return Rating::no;
  const std::string_view letters = name.substr(0, grade);
  std::string_view rest = name.substr(grade);
  for (std::string_view suffix : {"-plus", "-minus", "+", "-"}) {
    if (rest == suffix) return Rating::yes;
  }
  if (rest.empty()) {
    if (grade < 2) return Rating::no;  // "A", "B": letters of anything
    const bool mixed_case = std::any_of(letters.begin(), letters.end(), [](char c) {
      return std::islower(static_cast<unsigned char>(c));
    });
    return mixed_case ? Rating::yes : Rating::with_agency;
  }
  if (rest.starts_with("-")) rest.remove_prefix(1);
  if (rest.ends_with("+")) rest.remove_suffix(1);
  return rest.size() == 1 && rest[0] >= '1' && rest[0] <= '4' ? Rating::yes : Rating::no;
}

// Whether `lower` (lower-case text) holds one of `words` as a word.
bool has_word(std::string_view lower, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    for (std::size_t at = lower.find(word); at != std::string::npos;
         at = lower.find(word, at + 1)) {
      const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      const std::size_t end = at + word.size();
      const bool ends =
          end == lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
      if (starts && ends) return true;
    }
  }
  return false;
}

}  // namespace

void drop_credit_ratings(std::string_view text, std::vector<Mention>& mentions) {
  if (std::none_of(mentions.begin(), mentions.end(), [](const Mention& mention) {
        return credit_rating(mention.text) != Rating::no;
      })) {
    return;
  }
  const std::string lower = ascii_lower(text);
  if (!has_word(lower, {"rating", "ratings", "rated"})) return;
  const bool agency = has_word(lower, {"moody's", "standard and poor's", "standard & poor's", "s/p",
                                       "s&p", "fitch", "duff and phelps"});
  std::erase_if(mentions, [&](const Mention& mention) {
    const Rating rating = credit_rating(mention.text);
    return rating == Rating::yes || (rating == Rating::with_agency && agency);
  });
}

void drop_months(std::string_view text, std::vector<Mention>& mentions) {
  std::erase_if(mentions, [&](const Mention& mention) {
    std::string_view name = mention.text;
    if (name.find_first_of("/-") == std::string_view::npos) {
      return is_month_word(name) && beside_number(text, mention.begin, mention.end);
    }
    // Months joined ("Nov/Jan", "Dec/Feb-Jan/Mar"): every piece a month.
    for (;;) {
      const std::size_t joint = name.find_first_of("/-");
      if (!is_month_word(name.substr(0, joint))) return false;
      if (joint == std::string_view::npos) return true;
      name.remove_prefix(joint + 1);
    }
  });
}

namespace {

// Whether `key` (lower case) is a body's noun that "on" and a subject follow
// in its name ("Committee on Foreign Relations").
bool is_subject_body_head(std::string_view key) {
  static const std::unordered_set<std::string_view> k_heads = {
      "agreement",  "commission", "committee", "subcommittee", "conference", "council",
      "convention", "panel",      "group",     "forum",        "board",      "treaty",
      "institute",  "center",     "centre",    "office",       "force"};
  return k_heads.count(key) != 0;
}

// The word of `chunk` without the punctuation after it (a sentence's stop,
// a comma, a possessive); `ends` tells whether there was any.
std::string_view bare_word(std::string_view chunk, bool& ends) {
  std::string_view word = chunk;
  for (std::string_view possessive : {"'s", "\u2019s"}) {
    if (word.size() > possessive.size() && word.ends_with(possessive)) {
      word.remove_suffix(possessive.size());
    }
  }
  while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back())) &&
         word.back() != '&') {
    word.remove_suffix(1);
  }
  ends = word.size() < chunk.size();
  return word;
}

}  // namespace

void join_subject_bodies(std::string_view text, std::vector<Mention>& mentions) {
  static constexpr std::size_t k_most_words = 6;
  const std::vector<Chunk> chunks = chunks_of(text);
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    if (mentions[m].type == EntityType::person) continue;
    const std::size_t begin = mentions[m].begin;
    const std::string_view name = text.substr(begin, mentions[m].end - begin);
    const std::size_t last_space = name.find_last_of(" \n");
    const std::string head =
        ascii_lower(last_space == std::string_view::npos ? name : name.substr(last_space + 1));
    if (!is_subject_body_head(head)) continue;
    // " on ", single spaces, right after the name.
    const auto on =
        std::lower_bound(chunks.begin(), chunks.end(), mentions[m].end,
                         [](const Chunk& chunk, std::size_t at) { return chunk.begin < at; });
    if (on == chunks.end() || on->begin != mentions[m].end + 1 || text[mentions[m].end] != ' ' ||
        text.substr(on->begin, on->end - on->begin) != "on") {
      continue;
    }
    // The subject: capitalised words, with "and", "of", "the", "for" or
    // "&" between them; no day or month ("on Monday", "on March 3").
    std::size_t end = 0;
    std::size_t words = 0;
    for (auto chunk = std::next(on); chunk != chunks.end() && words < k_most_words; ++chunk) {
      if (chunk->begin != std::prev(chunk)->end + 1 || text[std::prev(chunk)->end] != ' ') break;
      bool ends = false;
      const std::string_view word =
          bare_word(text.substr(chunk->begin, chunk->end - chunk->begin), ends);
      const std::string key = ascii_lower(word);
      if (is_capitalised(word) && !junk_names().count(key) && !is_month_word(word)) {
        end = chunk->begin + word.size();
        ++words;
      } else if (words == 0 || ends ||
                 !(key == "and" || key == "of" || key == "the" || key == "for" || key == "&")) {
        break;
      }
      if (ends) break;
    }
    if (words == 0 || in_title_case_line(text, begin, end, mentions)) continue;
    const EntityType type =
        head == "treaty" || head == "convention" ? EntityType::misc : EntityType::organization;
    make_one_mention(text, begin, end, type, mentions);
  }
}

void trim_compound_modifiers(std::vector<Mention>& mentions) {
  for (Mention& mention : mentions) {
    const std::size_t hyphen = mention.text.rfind('-');
    if (hyphen == std::string::npos || hyphen == 0 || hyphen + 1 == mention.text.size()) continue;
    // "Li Ka-shing": a syllable of five letters or fewer before the hyphen
    // in a person's full name is a given name's, not a modifier's head.
    const std::size_t space = mention.text.rfind(' ', hyphen);
    const bool given_name_syllables =
        mention.type == EntityType::person && space != std::string::npos && hyphen - space - 1 <= 5;
    if (given_name_syllables) continue;
    const std::string_view tail = std::string_view(mention.text).substr(hyphen + 1);
    if (!std::all_of(tail.begin(), tail.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)); })) {
      continue;
    }
    mention.end -= mention.text.size() - hyphen;
    mention.text.resize(hyphen);
    if (EntityCanonicalizer::instance().is_known(EntityType::location, mention.text,
                                                 NameOrigin::article)) {
      mention.type = EntityType::location;
    }
  }
}

namespace {

// Whether `name` is a country's or state's name for retype_country_names:
// no word of three letters or fewer without a period (a code, which an
// acronym tagged misc or organisation is far more often: "EC", the
// European Community, is Ecuador's code, "ECU" the currency unit; or a
// state's abbreviation without its period, "La" of "La Paz"), and no
// person's title ("Miss" of "Miss Ellen Fetter" abbreviates Mississippi).
bool names_country_or_state(std::string_view name) {
  const bool short_word = name.size() <= 3 && std::all_of(name.begin(), name.end(), [](char c) {
                            return std::isalpha(static_cast<unsigned char>(c));
                          });
  return !short_word && !is_person_title(entity_key(name)) &&
         EntityCanonicalizer::instance().is_known(EntityType::location, name, NameOrigin::article);
}

bool is_and(std::string_view word) {
  return word == "and" || word == "And" || word == "AND" || word == "&";
}

// The places `mention` joins with "and" (see retype_country_names), each
// a location mention of its own; empty unless it has an "and" and every
// piece around one names a country or state.
std::vector<Mention> split_country_list(std::string_view text, const Mention& mention) {
  std::vector<Mention> places;
  bool joined = false;
  std::size_t piece_begin = std::string_view::npos;
  std::size_t piece_end = 0;
  auto close_piece = [&] {
    if (piece_begin == std::string_view::npos) return;
    places.push_back({EntityType::location, piece_begin, piece_end,
                      collapse_whitespace(text.substr(piece_begin, piece_end - piece_begin))});
    piece_begin = std::string_view::npos;
  };
  std::size_t at = mention.begin;
  while (at < mention.end) {
    while (at < mention.end && is_space(text[at])) ++at;
    std::size_t end = at;
    while (end < mention.end && !is_space(text[end])) ++end;
    if (end == at) break;
    if (is_and(text.substr(at, end - at))) {
      joined = true;
      close_piece();
    } else {
      if (piece_begin == std::string_view::npos) piece_begin = at;
      piece_end = end;
    }
    at = end;
  }
  close_piece();
  // The canonicaliser is asked only about mentions with an "and".
  const bool all_places =
      joined && std::all_of(places.begin(), places.end(), [](const Mention& place) {
        return names_country_or_state(place.text);
      });
  if (!all_places) places.clear();
  return places;
}

}  // namespace

void retype_country_names(std::string_view text, std::vector<Mention>& mentions) {
  std::vector<Mention> retyped;
  retyped.reserve(mentions.size());
  for (Mention& mention : mentions) {
    if (mention.type == EntityType::misc || mention.type == EntityType::organization) {
      if (names_country_or_state(mention.text)) {
        mention.type = EntityType::location;
      } else if (std::vector<Mention> places = split_country_list(text, mention); !places.empty()) {
        for (Mention& place : places) retyped.push_back(std::move(place));
        continue;
      }
    }
    retyped.push_back(std::move(mention));
  }
  mentions = std::move(retyped);
}

void drop_party_members(std::string_view text, std::vector<Mention>& mentions) {
  for (Mention& mention : mentions) {
    if (mention.type == EntityType::person) continue;
    const std::string_view written = text.substr(mention.begin, mention.end - mention.begin);
    const std::size_t last_space = written.find_last_of(" \n");
    if (last_space == std::string_view::npos) continue;
    const std::string last = ascii_lower(written.substr(last_space + 1));
    if (last != "democrat" && last != "democrats" && last != "republican" &&
        last != "republicans") {
      continue;
    }
    std::size_t end = last_space;
    while (end > 0 && is_space(written[end - 1])) --end;
    if (end == 0) continue;
    std::string place = collapse_whitespace(written.substr(0, end));
    // Typed otherwise, the rest must be a country's or state's name.
    if (mention.type != EntityType::location &&
        !EntityCanonicalizer::instance().is_known(EntityType::location, place,
                                                  NameOrigin::article)) {
      continue;
    }
    mention.type = EntityType::location;
    mention.end = mention.begin + end;
    mention.text = std::move(place);
  }
}

void retype_foreign_bodies(std::vector<Mention>& mentions) {
  // Folded as entity_key folds them ("Société" -> "societe").
  static const std::unordered_set<std::string_view> k_heads = {
      "banca",       "banco",        "banque",     "gruppo",    "grupo",          "groupe",
      "compagnie",   "compagnia",    "compania",   "companhia", "societe",        "sociedad",
      "societa",     "sociedade",    "istituto",   "instituto", "institut",       "caisse",
      "cassa",       "credito",      "empresa",    "usines",    "etablissements", "industrias",
      "fondazione",  "fondation",    "fundacion",  "fundacao",  "stichting",      "aktiebolaget",
      "universidad", "universidade", "universita", "universite"};
  for (Mention& mention : mentions) {
    if (mention.type == EntityType::organization) continue;
    const std::size_t space = mention.text.find(' ');
    if (space == std::string::npos) continue;
    if (k_heads.count(entity_key(std::string_view(mention.text).substr(0, space)))) {
      mention.type = EntityType::organization;
    }
  }
}

void retype_body_names(std::vector<Mention>& mentions) {
  static const std::unordered_set<std::string_view> k_heads = {
      "club",      "committee",  "council",    "commission", "ministry", "association",
      "institute", "university", "foundation", "society",    "fund",     "party",
      "movement",  "army",       "militia",    "police"};
  for (Mention& mention : mentions) {
    if (mention.type != EntityType::location && mention.type != EntityType::person) continue;
    const std::size_t space = mention.text.find_last_of(' ');
    if (space == std::string::npos) continue;
    if (k_heads.count(entity_key(std::string_view(mention.text).substr(space + 1)))) {
      mention.type = EntityType::organization;
    }
  }
}

void retype_natural_features(std::vector<Mention>& mentions) {
  static const std::unordered_set<std::string_view> k_features = {
      "island", "islands", "lake",      "river",  "bay",      "gulf",     "sea",
      "ocean",  "strait",  "peninsula", "valley", "mountain", "mountains"};
  for (Mention& mention : mentions) {
    if (mention.type != EntityType::person && mention.type != EntityType::misc) continue;
    const std::size_t space = mention.text.find_last_of(' ');
    if (space == std::string::npos) continue;
    if (k_features.count(entity_key(std::string_view(mention.text).substr(space + 1)))) {
      mention.type = EntityType::location;
    }
  }
}

void retype_legal_forms(std::string_view text, std::vector<Mention>& mentions) {
  for (Mention& mention : mentions) {
    if (mention.type == EntityType::organization) continue;
    const std::size_t space = mention.text.find_last_of(' ');
    if (space == std::string::npos) continue;
    if (mention.end < text.size() && text[mention.end] == '-') continue;
    std::string_view last = std::string_view(mention.text).substr(space + 1);
    while (last.ends_with('>')) last.remove_suffix(1);  // "Trimac Ltd>"
    if (ner::is_legal_form(last)) mention.type = EntityType::organization;
  }
}

void retype_governments(std::string_view text, std::vector<Mention>& mentions,
                        const Gazetteer* gazetteer) {
  // The bodies a leader's name stands before to name them.
  static const std::unordered_set<std::string> k_heads = {"administration", "government", "cabinet",
                                                          "regime"};
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    Mention& mention = mentions[i];
    // The tagger types the name a person or, from the head after it, an
    // organisation or a place; a country's "government" stays the
    // country's, and a place's only "administration" (a city's
    // "government" is its own).
    const bool named_misc = mention.type == EntityType::misc && gazetteer != nullptr &&
                            !gazetteer->is_demonym(entity_key(mention.text));
    const bool place = mention.type == EntityType::location || named_misc;
    const bool leader = mention.type == EntityType::person ||
                        ((mention.type == EntityType::organization || place) &&
                         !EntityCanonicalizer::instance().is_known(
                             EntityType::location, mention.text, NameOrigin::article));
    if (!leader || mention.end >= text.size() || !is_space(text[mention.end])) continue;
    std::size_t begin = mention.end;
    while (begin < text.size() && is_space(text[begin])) ++begin;
    std::size_t end = begin;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    const bool whole_word =
        end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    // The word is ASCII letters: lower-case them without ICU's folding.
    const std::string head = ascii_lower(text.substr(begin, end - begin));
    if (end == begin || !whole_word || !k_heads.count(head) ||
        (place && head != "administration")) {
      continue;
    }
    if (i + 1 < mentions.size() && mentions[i + 1].begin < end) continue;
    mention.type = EntityType::organization;
    mention.end = end;
    mention.text = collapse_whitespace(text.substr(mention.begin, end - mention.begin));
  }
}

void retype_unreferred_names(std::vector<Mention>& mentions) {
  // Each mention's key, and the distinct keys that end in each last word:
  // a name is shortened or titled somewhere when another key shares its
  // last word.
  std::vector<std::string> keys;
  std::map<std::string, std::set<std::string>> keys_by_last_word;
  std::map<std::string, std::size_t> full;  // untitled person names of 2+ words
  for (const Mention& mention : mentions) {
    std::string key = entity_key(mention.text);
    const std::vector<std::string> words = split_words(key);
    if (!words.empty()) keys_by_last_word[words.back()].insert(key);
    if (mention.type == EntityType::person && words.size() >= 2 && !is_given_name(words.front())) {
      ++full[key];
    }
    keys.push_back(std::move(key));
  }
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const auto it = full.find(keys[i]);
    if (mentions[i].type != EntityType::person || it == full.end() ||
        it->second < k_unreferred_mentions) {
      continue;
    }
    const std::vector<std::string> words = split_words(keys[i]);
    if (keys_by_last_word[words.back()].size() == 1) mentions[i].type = EntityType::organization;
  }
}

bool tagger_reads_language(std::string_view language) {
  const std::string name = ascii_lower(language);
  // Xapian's stemmer names, as --language takes them.
  static const std::unordered_set<std::string> k_english_stemmers = {"english", "earlyenglish",
                                                                     "porter", "lovins", "none"};
  static const std::unordered_set<std::string> k_stemmers = [] {
    std::unordered_set<std::string> names;
    std::istringstream list(Xapian::Stem::get_available_languages());
    for (std::string stemmer; list >> stemmer;) {
      if (stemmer.size() > 3) names.insert(stemmer);  // "french"; codes are tags, below
    }
    return names;
  }();
  if (k_english_stemmers.count(name)) return true;
  if (k_stemmers.count(name)) return false;
  const std::string_view primary = std::string_view(name).substr(0, name.find_first_of("-_"));
  const bool language_tag =
      (primary.size() == 2 || primary.size() == 3) &&
      std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!language_tag) return true;
  // "und": undetermined; "mul": several; "zxx": no linguistic content.
  return primary == "en" || primary == "eng" || primary == "und" || primary == "mul" ||
         primary == "zxx";
}

bool reads_as_english(const Article& article) {
  // English words frequent in any news text and rare in the other
  // languages written in Latin letters (not "a", "in", "is", "on", "as",
  // "do"): a quarter or a fifth of English prose, a few hundredths of
  // French, Spanish, Portuguese, German or Czech news written with some
  // English names in it.
  static const std::unordered_set<std::string_view> k_function_words = {
      "the",   "of",   "and",   "to",   "that", "for",  "with", "was", "this",  "from",
      "have",  "are",  "which", "said", "were", "been", "has",  "his", "their", "they",
      "would", "will", "it",    "by",   "at",   "be",   "not",  "but"};
  constexpr std::size_t k_enough_words = 30;
  constexpr double k_min_share = 0.08;
  std::size_t words = 0;
  std::size_t function_words = 0;
  auto count = [&](std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
      const std::size_t begin = i;
      while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
      if (i == begin) continue;
      ++words;
      if (i - begin <= 5 && k_function_words.count(ascii_lower(text.substr(begin, i - begin)))) {
        ++function_words;
      }
    }
  };
  count(article.title);
  for (const std::string& paragraph : article.paragraphs) count(paragraph);
  return words >= k_enough_words &&
         static_cast<double>(function_words) >= k_min_share * static_cast<double>(words);
}

std::string_view article_language(const Article& article) {
  return article.stated_language.empty() ? std::string_view(article.language)
                                         : std::string_view(article.stated_language);
}

bool extracts_entities_from(const Article& article) {
  return tagger_reads_language(article_language(article)) || reads_as_english(article);
}

std::vector<ArticleEntity> EntityExtractor::extract(const Article& article) const {
  if (!extracts_entities_from(article)) return {};
  TextRegions regions;
  const std::string text = tagging_text(article, regions);
  std::vector<Mention> mentions = m_tagger.tag(text);
  drop_leading_the(text, mentions);
  join_abbreviated_prefixes(text, mentions);
  join_particle_names(text, mentions);
  join_coordinated_firms(text, mentions);
  join_acronym_expansions(text, mentions);
  drop_time_zones(text, mentions);
  drop_months(text, mentions);
  drop_stock_symbols(text, mentions);
  drop_credit_ratings(text, mentions);
  trim_compound_modifiers(mentions);
  retype_country_names(text, mentions);
  drop_party_members(text, mentions);
  retype_legal_forms(text, mentions);
  retype_foreign_bodies(mentions);
  retype_body_names(mentions);
  retype_natural_features(mentions);
  join_named_bodies(text, mentions);
  join_subject_bodies(text, mentions);
  drop_listing_labels(text, regions, mentions);
  retype_dateline_places(text, regions, mentions);
  retype_governments(text, mentions, m_gazetteer);
  attach_titles(text, mentions);
  retype_unreferred_names(mentions);
  return resolve_mentions(mentions, regions);
}

}  // namespace dateline

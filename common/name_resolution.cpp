#include "common/name_resolution.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <unordered_set>

#include "common/canonical.hpp"
#include "common/person_names.hpp"
#include "common/schema.hpp"

namespace dateline {
namespace {

// The key of an entity in the tables: its type's number as one byte, then
// its entity key.
std::string table_key(EntityType type, std::string_view key) {
  std::string out(1, static_cast<char>('0' + static_cast<int>(type)));
  out += key;
  return out;
}
std::string table_key(const EntityRef& entity) { return table_key(entity.type, entity.key); }

std::vector<std::string_view> words_of(std::string_view key) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t stop = key.find(' ', start);
    if (stop == std::string_view::npos) stop = key.size();
    if (stop > start) words.push_back(key.substr(start, stop - start));
    start = stop + 1;
  }
  return words;
}

// A candidate full name and its articles.
struct Candidate {
  std::string_view key;
  Xapian::doccount articles = 0;
};

// The candidate that clearly dominates the others (the rules' dominance
// test), or nullptr.
const Candidate* dominant(std::vector<Candidate>& candidates, Xapian::doccount min_articles) {
  if (candidates.empty()) return nullptr;
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.articles != b.articles) return a.articles > b.articles;
    return a.key < b.key;
  });
  const Candidate& best = candidates.front();
  if (best.articles < min_articles) return nullptr;
  if (candidates.size() > 1 &&
      best.articles < NameResolution::k_dominance * candidates[1].articles) {
    return nullptr;
  }
  return &best;
}

// The articles of the names in `names` (sorted by key) that are `name` or
// start with it and a space.
Xapian::doccount articles_of_name_or_extensions(
    const std::vector<std::pair<std::string_view, Xapian::doccount>>& names,
    std::string_view name) {
  Xapian::doccount articles = 0;
  for (auto it = std::lower_bound(names.begin(), names.end(),
                                  std::pair<std::string_view, Xapian::doccount>{name, 0});
       it != names.end() && it->first.starts_with(name); ++it) {
    if (it->first.size() == name.size() || it->first[name.size()] == ' ') articles += it->second;
  }
  return articles;
}

// The most articles of one name in `names` (sorted by key) that starts
// with `name` and a space; 0 for none.
Xapian::doccount most_articles_of_extension(
    const std::vector<std::pair<std::string_view, Xapian::doccount>>& names,
    std::string_view name) {
  Xapian::doccount most = 0;
  for (auto it = std::lower_bound(names.begin(), names.end(),
                                  std::pair<std::string_view, Xapian::doccount>{name, 0});
       it != names.end() && it->first.starts_with(name); ++it) {
    if (it->first.size() > name.size() && it->first[name.size()] == ' ') {
      most = std::max(most, it->second);
    }
  }
  return most;
}

// Whether `key` names a country or US state in the canonical tables.
bool is_place_name(std::string_view key) {
  return EntityCanonicalizer::instance().is_known(EntityType::location, key, NameOrigin::article);
}

// Whether `words` (a key's first one or two words) name a country or US
// state that qualifies an organisation ("us", "new york"): codes count in
// any case here, as keys are lower case.
bool is_place_qualifier(std::string_view words) {
  return EntityCanonicalizer::instance().is_known(EntityType::location, words, NameOrigin::query);
}

// The heads of organisations' names that may come first, with "of": the
// Department of Agriculture is the Agriculture Department.
bool is_reorderable_head(std::string_view word) {
  static const std::unordered_set<std::string_view> k_heads = {
      "department", "ministry", "bureau", "office", "agency", "commission", "council", "board"};
  return k_heads.count(word) != 0;
}

// `key` with "HEAD of X" written "X HEAD" ("us department of agriculture"
// -> "us agriculture department"); other keys as they are.
std::string head_last(std::string_view key) {
  const std::vector<std::string_view> words = words_of(key);
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    if (!is_reorderable_head(words[i]) || words[i + 1] != "of") continue;
    std::string out;
    for (std::size_t j = 0; j < i; ++j) out.append(words[j]).append(1, ' ');
    for (std::size_t j = i + 2; j < words.size(); ++j) out.append(words[j]).append(1, ' ');
    out.append(words[i]);
    return out;
  }
  return std::string(key);
}

// `key` with British "-isation" word endings spelt the American way, "-ization"
// ("international coffee organisation" -> "... organization"): agencies
// write one organisation's name both ways.
std::string american_spelling(std::string key) {
  for (std::size_t at = key.find("isation"); at != std::string::npos;
       at = key.find("isation", at + 1)) {
    const std::size_t end = at + 7;
    if (at > 0 && (end == key.size() || key[end] == ' ' || key[end] == 's')) key[at + 1] = 'z';
  }
  return key;
}

// The form under which an organisation's variants meet (unify_word_orders):
// "HEAD of X" written "X HEAD" (head_last), a legal form spelt out at the
// end left off, as the indexer leaves off its abbreviation ("federal
// deposit insurance corporation" meets "federal deposit insurance", which
// an article wrote "... Corp"), British spellings American
// (american_spelling), and a possessive at the end left off ("standard and
// poor's" meets "standard and poor", which an article's "Standard and
// Poor's Corp" or "Standard and Poor" gave).
std::string variant_form(std::string_view key) {
  for (std::string_view form : {" corporation", " company", " incorporated", " limited"}) {
    if (key.ends_with(form) &&
        key.substr(0, key.size() - form.size()).find(' ') != std::string_view::npos) {
      key.remove_suffix(form.size());
      break;
    }
  }
  for (std::string_view possessive : {"'s", "'"}) {
    if (key.ends_with(possessive) && key.find(' ') != std::string_view::npos) {
      key.remove_suffix(possessive.size());
      break;
    }
  }
  return american_spelling(head_last(key));
}

// True when the organisation table (common/canonical.hpp) lists `key` as
// an organisation's own name, not as an alias of a longer one: "opec",
// "nato"; not "imf" (International Monetary Fund), not "ico".
bool is_listed_acronym(std::string_view key) {
  const EntityCanonicalizer& table = EntityCanonicalizer::instance();
  return table.is_known(EntityType::organization, key, NameOrigin::query) &&
         entity_key(table.canonical(EntityType::organization, key, NameOrigin::query)) == key;
}

// Learning, one rule at a time (see the header for the rules).
class Learner {
 public:
  explicit Learner(const std::vector<EntityCount>& counts) : m_counts(counts) {}

  // Rule 1: people's names that are firms, as moves of type. `firms`:
  // the organisations some article writes with their legal form.
  void move_firms(const std::vector<EntityCount>& firms) {
    std::vector<std::pair<std::string_view, Xapian::doccount>> organizations;
    for (const EntityCount& count : m_counts) {
      if (count.entity.type == EntityType::organization)
        organizations.emplace_back(count.entity.key, count.articles);
    }
    std::sort(organizations.begin(), organizations.end());
    std::unordered_map<std::string_view, Xapian::doccount> written_as_firm;
    std::vector<std::pair<std::string_view, Xapian::doccount>> firm_names;
    for (const EntityCount& count : firms) {
      written_as_firm[count.entity.key] = count.articles;
      firm_names.emplace_back(count.entity.key, count.articles);
    }
    std::sort(firm_names.begin(), firm_names.end());
    for (const EntityCount& count : m_counts) {
      if (count.entity.type != EntityType::person) continue;
      const std::vector<std::string_view> words = words_of(count.entity.key);
      if (words.size() < 2) continue;
      if (is_given_name(words.front())) {
        const auto firm = written_as_firm.find(count.entity.key);
        const bool firm_itself = firm != written_as_firm.end() &&
                                 firm->second * NameResolution::k_dominance >= count.articles;
        const bool opens_firm =
            most_articles_of_extension(firm_names, count.entity.key) >= count.articles;
        if (!firm_itself && !opens_firm) continue;
      }
      // The tagger's slip in one article is no firm: "trade representative
      // Clayton Yeutter Monday" typed so once against 73 articles of the
      // person.
      const Xapian::doccount as_firm =
          articles_of_name_or_extensions(organizations, count.entity.key);
      if (as_firm > 0 && as_firm * NameResolution::k_firm_share >= count.articles) {
        move(count.entity, EntityType::organization);
      }
    }
  }

  // Rule 2: one type per name, as moves of type.
  void unify_types() {
    std::map<std::string_view, std::array<Xapian::doccount, std::size(k_entity_types)>> by_key;
    for (const EntityCount& count : m_counts) {
      const EntityType type = moved_type(count.entity);
      by_key[count.entity.key][static_cast<std::size_t>(type)] += count.articles;
    }
    for (const EntityCount& count : m_counts) {
      const auto& types = by_key[count.entity.key];
      const auto typed =
          std::count_if(types.begin(), types.end(), [](Xapian::doccount n) { return n > 0; });
      if (typed < 2) continue;
      const bool located = types[static_cast<std::size_t>(EntityType::location)] > 0;
      if (located && is_place_name(count.entity.key)) {
        if (moved_type(count.entity) != EntityType::location) {
          move(count.entity, EntityType::location);
        }
        continue;
      }
      const auto best = std::max_element(types.begin(), types.end());
      const auto winner = static_cast<EntityType>(best - types.begin());
      Xapian::doccount second = 0;
      for (std::size_t t = 0; t < types.size(); ++t) {
        if (t != static_cast<std::size_t>(winner)) second = std::max(second, types[t]);
      }
      if (second == 0 || *best < NameResolution::k_type_dominance * second) continue;
      if (moved_type(count.entity) != winner) move(count.entity, winner);
    }
  }

  // Places under a name that is not their canonical one ("ussr", from
  // an article that wrote it otherwise) count under it.
  void canonicalize_places() {
    for (const EntityCount& count : m_counts) {
      if (count.entity.type != EntityType::location ||
          moved_type(count.entity) != count.entity.type) {
        continue;
      }
      if (is_place_name(count.entity.key)) move(count.entity, EntityType::location);
    }
  }

  // The articles of each entity once the moves are made.
  void count_moved() {
    for (const EntityCount& count : m_counts) {
      m_moved_counts[table_key(moved(count.entity))] += count.articles;
    }
  }

  // Rule 3: people's short forms, as renames.
  void resolve_short_names() {
    std::unordered_map<std::string_view, std::vector<Candidate>> by_last;
    std::unordered_map<std::string, std::vector<Candidate>> by_first_and_last;
    // Names of three words or more under each of their endings of two
    // words or more: "Febres Cordero" ends "Leon Febres Cordero".
    std::unordered_map<std::string_view, std::vector<Candidate>> by_ending;
    for_each_moved(EntityType::person, [&](std::string_view key, Xapian::doccount articles) {
      const std::vector<std::string_view> words = words_of(key);
      if (words.size() >= 2) by_last[words.back()].push_back({key, articles});
      if (words.size() >= 3) {
        by_first_and_last[std::string(words.front()) + ' ' + std::string(words.back())].push_back(
            {key, articles});
      }
      for (std::size_t first = 1; first + 2 <= words.size(); ++first) {
        by_ending[key.substr(words[first].data() - key.data())].push_back({key, articles});
      }
    });
    for_each_moved(EntityType::person, [&](std::string_view key, Xapian::doccount articles) {
      const std::size_t words = words_of(key).size();
      std::vector<Candidate> candidates;
      if (words == 1) {
        const auto it = by_last.find(key);
        if (it != by_last.end()) candidates = it->second;
      } else {
        if (words == 2) {
          const auto it = by_first_and_last.find(std::string(key));
          if (it != by_first_and_last.end()) candidates = it->second;
        }
        // A longer name in fewer articles than this one is more likely
        // this one with a word too many (rule 3b) than its full form.
        const auto it = by_ending.find(key);
        if (it != by_ending.end()) {
          for (const Candidate& longer : it->second) {
            if (longer.articles >= articles) candidates.push_back(longer);
          }
        }
      }
      if (const Candidate* full = dominant(candidates, NameResolution::k_min_full_articles)) {
        rename(EntityType::person, key, full->key);
      }
    });
  }

  // Rule 3b: a person's name that is another's with words before it that
  // open no name ("Adm. John Poindexter", "Democrat Lawton Chiles", a title
  // misspelt beyond the extractor's list), as a rename to that name when
  // it has at least k_min_full_articles articles and k_dominance times as
  // many as the longer name.
  void resolve_prefixed_names() {
    std::unordered_map<std::string_view, Xapian::doccount> people;
    for_each_moved(EntityType::person, [&](std::string_view key, Xapian::doccount articles) {
      people.emplace(key, articles);
    });
    for_each_moved(EntityType::person, [&](std::string_view key, Xapian::doccount articles) {
      const std::vector<std::string_view> words = words_of(key);
      if (words.size() < 3 || is_given_name(words.front())) return;
      // The longest ending that is a name of its own.
      for (std::size_t first = 1; first + 2 <= words.size(); ++first) {
        const std::string_view ending = key.substr(words[first].data() - key.data());
        const auto it = people.find(ending);
        if (it == people.end()) continue;
        if (it->second >= NameResolution::k_min_full_articles &&
            it->second >= NameResolution::k_dominance * articles) {
          rename(EntityType::person, key, ending);
        }
        return;
      }
    });
  }

  // Rule 4: acronyms of organisations, as renames.
  void resolve_acronyms(const std::vector<AcronymCount>& acronyms) {
    // Expansions that count as one organisation already (its variants:
    // "... Organisation" and "... Organization") are one candidate, under
    // the name they count as, with their articles added up.
    std::unordered_map<std::string_view, std::map<std::string, Xapian::doccount>> by_target;
    for (const AcronymCount& count : acronyms) {
      by_target[count.acronym][renamed(EntityType::organization, count.expansion)] +=
          count.articles;
    }
    std::unordered_map<std::string_view, std::vector<Candidate>> by_acronym;
    for (const auto& [acronym, targets] : by_target) {
      for (const auto& [target, articles] : targets) {
        by_acronym[acronym].push_back({target, articles});
      }
    }
    for (auto& [acronym, candidates] : by_acronym) {
      const Candidate* full = dominant(candidates, NameResolution::k_min_acronym_articles);
      if (full == nullptr) continue;
      const EntityRef from{EntityType::organization, std::string(acronym)};
      const EntityRef to{EntityType::organization, std::string(full->key)};
      // Both must still be organisations once types are unified.
      if (moved_type(from) != from.type || moved_type(to) != to.type) continue;
      // An acronym the organisation table lists is what that organisation
      // is called ("OPEC"): its spelt-out forms count as it instead.
      if (is_listed_acronym(from.key)) {
        rename(EntityType::organization, to.key, from.key);
      } else {
        rename(EntityType::organization, from.key, to.key);
      }
    }
  }

  // Rule 5: an organisation's name without the place that qualifies it,
  // as a rename to the one qualified name that dominates ("Treasury" ->
  // "U.S. Treasury").
  void resolve_unqualified_organizations() {
    std::unordered_map<std::string_view, std::vector<Candidate>> by_rest;
    for_each_moved(EntityType::organization, [&](std::string_view key, Xapian::doccount articles) {
      const std::vector<std::string_view> words = words_of(key);
      // A qualifier of one or two words: "U.S.", "New York".
      for (std::size_t n = 1; n <= 2 && n < words.size(); ++n) {
        const std::string_view qualifier = key.substr(0, words[n].data() - key.data() - 1);
        if (is_place_qualifier(qualifier)) {
          by_rest[key.substr(qualifier.size() + 1)].push_back({key, articles});
          break;
        }
      }
    });
    for_each_moved(EntityType::organization, [&](std::string_view key, Xapian::doccount) {
      const auto it = by_rest.find(key);
      if (it == by_rest.end()) return;
      if (const Candidate* full = dominant(it->second, NameResolution::k_min_full_articles)) {
        rename(EntityType::organization, key, full->key);
      }
    });
  }

  // Rule 6: a misc name's plural counts as its singular, as renames.
  void unify_plurals() {
    std::unordered_set<std::string_view> singulars;
    for_each_moved(EntityType::misc,
                   [&](std::string_view key, Xapian::doccount) { singulars.insert(key); });
    for_each_moved(EntityType::misc, [&](std::string_view key, Xapian::doccount) {
      if (key.size() < 4 || !key.ends_with('s') || key.ends_with("ss")) return;
      const std::string_view singular = key.substr(0, key.size() - 1);
      if (singulars.count(singular) != 0) rename(EntityType::misc, key, singular);
    });
  }

  // Organisation variants: "Agriculture Department" and "Department of
  // Agriculture", "Federal Deposit Insurance" and "Federal Deposit
  // Insurance Corporation" as one name (variant_form), the one with more
  // articles.
  void unify_word_orders() {
    std::unordered_map<std::string, std::vector<Candidate>> by_order;
    for_each_moved(EntityType::organization, [&](std::string_view key, Xapian::doccount articles) {
      by_order[variant_form(key)].push_back({key, articles});
    });
    for (auto& [order, variants] : by_order) {
      if (variants.size() < 2) continue;
      std::sort(variants.begin(), variants.end(), [](const Candidate& a, const Candidate& b) {
        if (a.articles != b.articles) return a.articles > b.articles;
        return a.key < b.key;
      });
      for (std::size_t i = 1; i < variants.size(); ++i) {
        rename(EntityType::organization, variants[i].key, variants.front().key);
      }
    }
  }

  // Rule 7: an organisation's leading words, as a rename to the one longer
  // name they open that dominates and has more articles than they do
  // ("Moody" -> Moody's Investors Service; not "Federal Reserve" -> the
  // Federal Reserve Bank of New York).
  void resolve_leading_words() {
    std::unordered_map<std::string, std::vector<Candidate>> by_leading;
    for_each_moved(EntityType::organization, [&](std::string_view key, Xapian::doccount articles) {
      const std::vector<std::string_view> words = words_of(key);
      std::string leading;
      for (std::size_t n = 1; n < words.size(); ++n) {
        if (n > 1) leading += ' ';
        const std::string_view word = words[n - 1];
        leading += word;
        // "moody's investors service" opens with "moody" too.
        if (word.size() > 2 && word.ends_with("'s")) {
          by_leading[leading.substr(0, leading.size() - 2)].push_back({key, articles});
        }
        by_leading[leading].push_back({key, articles});
      }
    });
    for_each_moved(EntityType::organization, [&](std::string_view key, Xapian::doccount articles) {
      const auto it = by_leading.find(std::string(key));
      if (it == by_leading.end()) return;
      const Candidate* full = dominant(it->second, NameResolution::k_min_full_articles);
      if (full != nullptr && full->articles > articles) {
        rename(EntityType::organization, key, full->key);
      }
    });
  }

  // Where each value of the archive ends up: its move, then its renames
  // (a rename may lead to a name that is renamed in turn: "Poehl" -> "Karl
  // Poehl" -> "Karl Otto Poehl").
  template <typename F>
  void for_each_resolved(F f) const {
    for (const EntityCount& count : m_counts) {
      EntityRef to = moved(count.entity);
      for (int step = 0; step < 8; ++step) {
        const auto it = m_renamed.find(table_key(to));
        if (it == m_renamed.end()) break;
        to = it->second;
      }
      if (!(to == count.entity)) f(count.entity, to);
    }
  }

 private:
  // The key (type, key) counts as after the renames made so far.
  std::string renamed(EntityType type, std::string_view key) const {
    std::string to(key);
    for (int step = 0; step < 8; ++step) {
      const auto it = m_renamed.find(table_key(type, to));
      if (it == m_renamed.end()) break;
      to = it->second.key;
    }
    return to;
  }

  // Records that (type, from) counts as (type, to), unless `from` has a
  // rename already (the rules run in order of trust).
  void rename(EntityType type, std::string_view from, std::string_view to) {
    m_renamed.try_emplace(table_key(type, from), EntityRef{type, std::string(to)});
  }

  // Records that `entity` is a name of `type`, under its canonical key
  // there ("ussr" as a location is the Soviet Union).
  void move(const EntityRef& entity, EntityType type) {
    const std::string canonical =
        EntityCanonicalizer::instance().canonical(type, entity.key, NameOrigin::query);
    EntityRef to{type, canonical.empty() ? entity.key : entity_key(canonical)};
    if (to == entity) return;
    m_moved[table_key(entity)] = std::move(to);
  }

  EntityRef moved(const EntityRef& entity) const {
    const auto it = m_moved.find(table_key(entity));
    return it == m_moved.end() ? entity : it->second;
  }
  EntityType moved_type(const EntityRef& entity) const { return moved(entity).type; }

  // Calls f(key, articles) for each entity of `type` once the moves are made.
  template <typename F>
  void for_each_moved(EntityType type, F f) const {
    for (const auto& [key, articles] : m_moved_counts) {
      if (key.front() - '0' == static_cast<int>(type)) f(std::string_view(key).substr(1), articles);
    }
  }

  const std::vector<EntityCount>& m_counts;
  std::unordered_map<std::string, EntityRef> m_moved;
  // Sorted, so that every learning walks the entities in the same order.
  std::map<std::string, Xapian::doccount> m_moved_counts;
  std::unordered_map<std::string, EntityRef> m_renamed;
};

}  // namespace

bool is_acronym_filler(std::string_view word) {
  static const std::unordered_set<std::string_view> k_fillers = {
      "of", "and", "the", "for", "on", "in", "de", "du", "des", "la", "le", "et"};
  return k_fillers.count(word) != 0;
}

std::string acronym_initials(std::string_view key) {
  std::string out;
  for (std::string_view word : words_of(key)) {
    if (is_acronym_filler(word)) continue;
    // "U.S." and "U.K." are initials already: USDA is the U.S.
    // Department of Agriculture.
    out += word == "us" || word == "uk" ? word : word.substr(0, 1);
  }
  return out.size() >= 2 ? out : std::string();
}

bool written_as_acronym(std::string_view value) {
  std::size_t capitals = 0;
  for (char c : value) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      ++capitals;
    } else if (c != '.') {
      return false;
    }
  }
  return capitals >= 2 && capitals <= 6;
}

std::vector<std::pair<std::string, std::string>> acronym_pairs(
    const std::vector<ArticleEntity>& entities) {
  std::vector<std::string> acronyms;
  for (const ArticleEntity& entity : entities) {
    if (entity.type == EntityType::organization && written_as_acronym(entity.value)) {
      acronyms.push_back(entity_key(entity.value));
    }
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  if (acronyms.empty()) return pairs;
  for (const ArticleEntity& expansion : entities) {
    if (expansion.type != EntityType::organization) continue;
    const std::string key = entity_key(expansion.value);
    if (key.find(' ') == std::string::npos) continue;
    const std::string letters = acronym_initials(key);
    for (const std::string& acronym : acronyms) {
      if (letters == acronym) pairs.emplace_back(acronym, key);
    }
  }
  return pairs;
}

// FNV-1a 64 over everything learning reads, in the order read gives it.
std::uint64_t fingerprint(const ArchiveNames& names) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  const auto mix = [&hash](std::string_view bytes) {
    for (char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    hash ^= 0xff;  // a separator no key holds
    hash *= 0x100000001b3ULL;
  };
  for (const EntityCount& count : names.values) {
    mix(std::string(1, static_cast<char>('0' + static_cast<int>(count.entity.type))));
    mix(count.entity.key);
    mix(std::to_string(count.articles));
  }
  for (const AcronymCount& count : names.acronyms) {
    mix(count.acronym);
    mix(count.expansion);
    mix(std::to_string(count.articles));
  }
  for (const std::vector<EntityCount>* evidence : {&names.titled, &names.firms}) {
    for (const EntityCount& count : *evidence) {
      mix(count.entity.key);
      mix(std::to_string(count.articles));
    }
    mix("");  // where the titled end and the firms begin
  }
  mix(names.user.encode());
  return hash;
}

constexpr std::string_view k_stored_header = "dateline-names 1 ";

namespace {

// Where each value of the archive ends up, by table_key: only the values
// that do not stay themselves.
using Targets = std::unordered_map<std::string, EntityRef>;

EntityRef target_of(const Targets& targets, const EntityRef& entity) {
  const auto it = targets.find(table_key(entity));
  return it == targets.end() ? entity : it->second;
}

// Bare names (rule 5 of the header): a person's one-word value that the rules left itself and no
// article writes after a title is none, unless the user's alias file
// names it as a value.
void drop_bare_names(const ArchiveNames& names, Targets& targets) {
  std::unordered_set<std::string> titled;
  for (const EntityCount& count : names.titled) titled.insert(count.entity.key);
  std::unordered_set<std::string> user_values;
  for (const UserAliases::Alias& alias : names.user.aliases) user_values.insert(alias.target.key);
  std::unordered_set<std::string> dropped;  // table keys
  for (const EntityCount& count : names.values) {
    const EntityRef& value = count.entity;
    if (value.type != EntityType::person || value.key.find(' ') != std::string::npos ||
        titled.count(value.key) != 0 || user_values.count(value.key) != 0 ||
        targets.count(table_key(value)) != 0) {
      continue;
    }
    targets.emplace(table_key(value), EntityRef{value.type, std::string()});
    dropped.insert(table_key(value));
  }
  // What the rules sent to a dropped value ("Brown" as a location, moved
  // to the person) is none too.
  for (auto& [from, to] : targets) {
    if (!to.key.empty() && dropped.count(table_key(to)) != 0) to.key.clear();
  }
}

// The user's `distinct` pairs: when the rules made both count as one
// entity, neither follows them.
void keep_distinct(const UserAliases& user, Targets& targets) {
  for (const UserAliases::Distinct& pair : user.distinct) {
    if (!(target_of(targets, pair.first) == target_of(targets, pair.second))) continue;
    targets.erase(table_key(pair.first));
    targets.erase(table_key(pair.second));
  }
}

// The user's aliases and `never`s, over what the rules decided: a value
// that is an alias, or that the rules sent to an alias, counts as the
// alias's target; a value that is none, or resolves to one, has an empty
// key.
void apply_user_rules(const UserAliases& user, const std::vector<EntityCount>& values,
                      Targets& targets) {
  std::unordered_map<std::string, EntityRef> alias_targets;  // alias key -> target
  for (const UserAliases::Alias& alias : user.aliases) {
    alias_targets.try_emplace(alias.alias.key, alias.target);
  }
  const auto never = [&](const EntityRef& entity) {
    return std::any_of(user.never.begin(), user.never.end(), [&](const UserAliases::Never& n) {
      return n.key == entity.key && (!n.type || *n.type == entity.type);
    });
  };
  for (const EntityCount& count : values) {
    const EntityRef& value = count.entity;
    EntityRef to = target_of(targets, value);
    if (const auto it = alias_targets.find(value.key); it != alias_targets.end()) {
      to = it->second;
    } else if (const auto via = alias_targets.find(to.key); via != alias_targets.end()) {
      to = via->second;
    }
    if (never(value) || never(to)) to = {value.type, std::string()};
    if (to == value) {
      targets.erase(table_key(value));
    } else {
      targets[table_key(value)] = std::move(to);
    }
  }
}

}  // namespace

namespace {

// The evidence terms of `prefix` (k_prefix_titled, k_prefix_firm) as names
// of `type` with their article counts.
std::vector<EntityCount> evidence_counts(const Xapian::Database& db, std::string_view prefix,
                                         EntityType type) {
  std::vector<EntityCount> counts;
  const std::string start(prefix);
  for (Xapian::TermIterator it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
    EntityCount count;
    count.entity.type = type;
    count.entity.key = (*it).substr(prefix.size());
    count.articles = it.get_termfreq();
    counts.push_back(std::move(count));
  }
  return counts;
}

}  // namespace

NameResolution NameResolution::learn(const ArchiveNames& names) {
  Learner learner(names.values);
  learner.move_firms(names.firms);
  learner.unify_types();
  learner.canonicalize_places();
  learner.count_moved();
  learner.resolve_short_names();
  learner.resolve_prefixed_names();
  learner.unify_word_orders();
  learner.unify_plurals();
  learner.resolve_acronyms(names.acronyms);
  learner.resolve_unqualified_organizations();
  learner.resolve_leading_words();
  Targets targets;
  learner.for_each_resolved(
      [&](const EntityRef& from, const EntityRef& to) { targets[table_key(from)] = to; });
  drop_bare_names(names, targets);
  if (!names.user.empty()) {
    keep_distinct(names.user, targets);
    apply_user_rules(names.user, names.values, targets);
  }
  NameResolution resolution;
  for (const EntityCount& count : names.values) {
    const auto it = targets.find(table_key(count.entity));
    if (it != targets.end()) resolution.add(count.entity, it->second);
  }
  resolution.finish();
  return resolution;
}

ArchiveNames NameResolution::read(const Xapian::Database& db) {
  ArchiveNames names;
  for (EntityType type : k_entity_types) {
    const std::string prefix = schema::entity_filter_prefix(type);
    for (Xapian::TermIterator it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string term = *it;
      const std::string_view key = std::string_view(term).substr(prefix.size());
      // Keys are lower case: anything else is another prefix's term.
      if (key.empty() || std::isupper(static_cast<unsigned char>(key.front()))) continue;
      names.values.push_back({{type, std::string(key)}, it.get_termfreq()});
    }
  }
  const std::string prefix = schema::k_prefix_acronym;
  for (Xapian::TermIterator it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    const std::size_t space = term.find(' ', prefix.size());
    if (space == std::string::npos) continue;
    names.acronyms.push_back({term.substr(prefix.size(), space - prefix.size()),
                              term.substr(space + 1), it.get_termfreq()});
  }
  names.titled = evidence_counts(db, schema::k_prefix_titled, EntityType::person);
  names.firms = evidence_counts(db, schema::k_prefix_firm, EntityType::organization);
  names.user =
      UserAliases::parse(db.get_metadata(schema::k_meta_aliases),
                         "the index's alias rules (" + std::string(schema::k_meta_aliases) + ")");
  return names;
}

NameResolution NameResolution::learn(const Xapian::Database& db) {
  const ArchiveNames names = read(db);
  const std::string stored = db.get_metadata(schema::k_meta_names);
  const std::string header =
      std::string(k_stored_header) + std::to_string(fingerprint(names)) + "\n";
  if (stored.starts_with(header)) {
    if (auto decoded = decode(std::string_view(stored).substr(header.size()))) return *decoded;
  }
  return learn(names);
}

void NameResolution::store(Xapian::WritableDatabase& db) {
  db.set_metadata(schema::k_meta_names, stored_form(read(db)));
}

std::string NameResolution::stored_form(const ArchiveNames& names) {
  return std::string(k_stored_header) + std::to_string(fingerprint(names)) + "\n" +
         learn(names).encode();
}

std::string NameResolution::encode() const {
  std::vector<std::string> lines;
  lines.reserve(m_targets.size());
  for (const auto& [from, to] : m_targets) {
    std::string line;
    line.append(1, from.front()).append(1, '\t').append(from, 1).append(1, '\t');
    line.append(1, static_cast<char>('0' + static_cast<int>(to.type))).append(1, '\t');
    line.append(to.key);
    lines.push_back(std::move(line));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) out.append(line).append(1, '\n');
  return out;
}

std::optional<NameResolution> NameResolution::decode(std::string_view text) {
  const auto type_of = [](std::string_view field) -> std::optional<EntityType> {
    if (field.size() != 1 || field[0] < '0' ||
        field[0] >= '0' + static_cast<int>(std::size(k_entity_types))) {
      return std::nullopt;
    }
    return static_cast<EntityType>(field[0] - '0');
  };
  NameResolution resolution;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::string_view fields[4];
    std::size_t at = 0;
    for (std::size_t f = 0; f < 4; ++f) {
      const std::size_t tab = f < 3 ? line.find('\t', at) : line.size();
      if (tab == std::string_view::npos) return std::nullopt;
      fields[f] = line.substr(at, tab - at);
      at = tab + 1;
    }
    const auto from_type = type_of(fields[0]);
    const auto to_type = type_of(fields[2]);
    // An empty target key is a value that is none (the user's `never`).
    if (!from_type || !to_type || fields[1].empty()) return std::nullopt;
    resolution.add({*from_type, std::string(fields[1])}, {*to_type, std::string(fields[3])});
  }
  resolution.finish();
  return resolution;
}

void NameResolution::add(const EntityRef& from, const EntityRef& to) {
  m_targets.emplace(table_key(from), to);
  if (from.type != to.type) {
    m_moves[static_cast<std::size_t>(from.type)][static_cast<std::size_t>(to.type)] = true;
  }
  m_aliases[table_key(to)].push_back(from);
}

void NameResolution::finish() {
  for (auto& [key, aliases] : m_aliases) {
    std::sort(aliases.begin(), aliases.end(),
              [](const EntityRef& a, const EntityRef& b) { return table_key(a) < table_key(b); });
  }
}

const EntityRef* NameResolution::resolve(EntityType type, std::string_view key) const {
  if (m_targets.empty()) return nullptr;
  const auto it = m_targets.find(table_key(type, key));
  return it == m_targets.end() ? nullptr : &it->second;
}

const std::vector<EntityRef>& NameResolution::aliases_of(EntityType type,
                                                         std::string_view key) const {
  static const std::vector<EntityRef> k_none;
  const auto it = m_aliases.find(table_key(type, key));
  return it == m_aliases.end() ? k_none : it->second;
}

}  // namespace dateline

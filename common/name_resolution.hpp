// Archive-wide name resolution: which entity each facet value of the
// archive counts and filters as, decided from the whole archive's values
// and how many articles name each.
//
// The indexer resolves names within one article ("Kerry" -> "John Kerry"
// when the article names John Kerry: indexer/entity_extractor.hpp). What
// one article cannot know, the archive does: that "Reagan" alone is Ronald
// Reagan in nearly every article, that "Denver" tagged as a person in a few
// articles is the place the others name, that "SEC" is the Securities and
// Exchange Commission. The rules, in order (the README states them for
// users):
//
//  1. Firms named after people. A person's name of two words or more is an
//     organisation when the archive also has an organisation of that name,
//     or ones that start with it, in at least 1/k_firm_share as many
//     articles as the person, and its first word is no given name
//     (common/person_names.hpp): "Smith Barney" (Smith Barney, Harris
//     Upham and Co, 4 articles against 48), "Bear Stearns"; not "Clayton
//     Yeutter", which the tagger typed an organisation in 1 article
//     against 73. A name that opens with a given name
//     moves only when articles write that very name as an organisation
//     with its legal form (k_prefix_firm), in at least 1/k_dominance as
//     many articles as name the person: "James Capel" (James Capel and Co,
//     6 against 22), or when it opens a name written so in at least as
//     many articles as name the person ("Dean Witter": Dean Witter
//     Reynolds Inc, 30 against 11); "Charles Schwab", never written so,
//     stays as written.
//  2. One type per name. A name typed differently in different articles
//     takes the type with the most articles when that type has at least
//     k_type_dominance times the articles of the next ("Denver": location
//     277, person 29). Closer splits stay as written. A name of a country
//     or US state (EntityCanonicalizer::is_known) typed as a location
//     anywhere is a location everywhere ("Philippines", tagged as an
//     organisation in 82 articles and as a location in 32).
//  3. People's short forms. A person's one-word name (a surname) resolves
//     to the one full name ending in it, "First Last" to the one longer
//     name "First ... Last", and a name of two words or more to the one
//     longer name ending in all its words that has at least as many
//     articles ("Febres Cordero" -> Leon Febres Cordero), when that full
//     name has at least k_min_full_articles articles and k_dominance times
//     the articles of any other candidate ("Reagan" -> Ronald Reagan 24
//     against Nancy and Michael Reagan 1 each). Two people with a similar
//     share leave the short form as written.
//     3b. The other way round: a name of three words or more whose first
//     word is no given name resolves to the longest name it ends in when
//     that has at least k_min_full_articles articles and k_dominance times
//     its own ("Adm. John Poindexter" -> John Poindexter 16 against 1,
//     "Represenative Clayton Yeutter": titles the extractor's list lacks).
//  4. Acronyms. An organisation's acronym resolves to the organisation it
//     abbreviates when articles spell it out: at least k_min_acronym_articles
//     articles name both the acronym (in capitals) and that organisation,
//     whose words' initials spell it, and k_dominance times as many as any
//     other such organisation ("SEC" -> Securities and Exchange
//     Commission); expansions that are one organisation already (its
//     variants, below) are one candidate with their articles added up.
//     Initials alone are not enough: CBS is not the Central Bureau of
//     Statistics. An acronym the organisation table (common/canonical.hpp)
//     uses as the name ("OPEC") stays the name: its expansion counts as it.
//  5. Bare names. A person's one-word name that stays itself after the
//     rules above (no full name dominates it) is a value only when some
//     article writes it after a title ("President Suharto", "King Fahd",
//     "Mr. Subroto"). Otherwise it is a surname or given name no article
//     introduces ("Brown", "Paul") or a word the tagger took for a name
//     ("Qtly", "Additionally", "Glaxo"): it resolves to an empty key, so
//     facets leave it out, and `person:brown` still finds it as written.
//  6. Plurals. A misc name ending in "s" counts as the same name without
//     it when the archive has that too: "Palestinians" as Palestinian,
//     "Democrats" as Democrat, "Olympics" as Olympic.
//  7. Organisations' variants (before acronyms). Names that meet in one
//     form are one, the one with more articles naming it: "Department of
//     Agriculture" and "Agriculture Department", "Federal Deposit
//     Insurance Corporation" and "Federal Deposit Insurance" (a legal form
//     spelt out at the end), "Organisation" and "Organization", "Standard
//     and Poor's" and "Standard and Poor" (a closing possessive). A name
//     without its country ("Treasury") counts as the one qualified name
//     that dominates it ("U.S. Treasury"), and an organisation's leading
//     words ("Moody") as the one longer name they open that dominates them
//     and has more articles (Moody's Investors Service).
//
// Above the rules, the user's alias file (common/user_aliases.hpp): two
// entities it calls distinct are not merged by the rules, its aliases count
// as their values whatever the rules say, and a value it calls no value
// resolves to an entity with an empty key, which facets leave out.
//
// The resolution is learnt from the index's entity filter terms and
// acronym evidence terms with their article counts
// (schema::entity_filter_term, schema::k_prefix_acronym), so it is a
// function of the archive's content alone: an update gives what a clean
// build of the same articles gives, and over shards or xapian-tcpsrv the
// terms of all shards are read together, so every shard resolves alike and
// counts stay exact.
//
// Thread-safety: a built NameResolution is read-only and may be shared.
#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/entity.hpp"
#include "common/user_aliases.hpp"

namespace dateline {

// One value of the archive and how many articles hold it.
struct EntityCount {
  EntityRef entity;
  Xapian::doccount articles = 0;
};

// How many articles name both an organisation's acronym and the
// organisation (keys).
struct AcronymCount {
  std::string acronym;
  std::string expansion;
  Xapian::doccount articles = 0;
};

// What the archive says of its names: the input of learning.
struct ArchiveNames {
  std::vector<EntityCount> values;  // each (type, key) at most once
  std::vector<AcronymCount> acronyms;
  UserAliases user;  // the user's alias file, as the index keeps it
  // People's one-word names (keys) and how many articles write each after
  // a title ("President Suharto"); each at most once.
  std::vector<EntityCount> titled;
  // Organisations' names (keys) and how many articles write each with its
  // legal form ("James Capel and Co"); each at most once.
  std::vector<EntityCount> firms;
};

// Whether `word` (lower case) is one an acronym skips: "of", "and",
// "the", "for", "on", "in" and their French kin ("Securities and Exchange
// Commission" is SEC).
bool is_acronym_filler(std::string_view word);

// The initials an acronym of the organisation `key` (lower case, as
// entity_key gives) would be: the first letter of each word but "of",
// "and", "the", "on"... ("securities and exchange commission": "sec"; "us"
// and "uk" count whole, as in USDA). Empty when fewer than two letters.
std::string acronym_initials(std::string_view key);

// Whether `value`, as an article writes it, may be an acronym: two to six
// capitals, with or without full stops ("SEC", "U.S.D.A."), nothing else.
bool written_as_acronym(std::string_view value);

// The acronyms `entities` (one article's) spell out, as (acronym key,
// organisation key): an organisation written in capitals, of two to six
// letters, and another whose words' initials spell it, skipping "of",
// "and", "the"... ("SEC" and "Securities and Exchange Commission").
std::vector<std::pair<std::string, std::string>> acronym_pairs(
    const std::vector<ArticleEntity>& entities);

class NameResolution {
 public:
  // The rules' thresholds (see above).
  static constexpr Xapian::doccount k_min_full_articles = 5;
  static constexpr Xapian::doccount k_dominance = 5;
  // Rule 1: a firm's name needs organisation articles at least 1 in
  // k_firm_share of the person's (the tagger slips now and then).
  static constexpr Xapian::doccount k_firm_share = 20;
  static constexpr Xapian::doccount k_type_dominance = 2;
  static constexpr Xapian::doccount k_min_acronym_articles = 2;

  // Resolves nothing.
  NameResolution() = default;

  // The resolution of the archive `names` describes. Cost: O(n log n) in
  // the number of values.
  static NameResolution learn(const ArchiveNames& names);
  // What `db`'s archive says of its names: its entity filter terms and
  // acronym evidence terms with their article counts. Cost: one pass over
  // those terms (Reuters-21578: 34,000, a few milliseconds); over remote
  // shards, their transfer.
  static ArchiveNames read(const Xapian::Database& db);
  // The resolution of `db`'s archive: the one stored in its metadata when
  // that was learnt from the same names (store), else learnt now
  // (Reuters-21578: about 50 ms). Both give the same resolution.
  static NameResolution learn(const Xapian::Database& db);
  // Learns `db`'s resolution and stores it in its metadata
  // (schema::k_meta_names) with a fingerprint of the names it was learnt
  // from, so that searches need not learn it again. The caller commits.
  static void store(Xapian::WritableDatabase& db);
  // The metadata value store() writes for an archive of `names`: how a
  // fresh build learns it from its parts while they are merged.
  static std::string stored_form(const ArchiveNames& names);

  // What (type, key) counts and filters as, or nullptr when it is itself.
  // Never returns an entity that itself resolves further; an empty key
  // says the value is none (the user's `never`).
  const EntityRef* resolve(EntityType type, std::string_view key) const;

  // The entities that resolve to (type, key), without it; empty when none.
  const std::vector<EntityRef>& aliases_of(EntityType type, std::string_view key) const;

  // Whether some value of type `from` resolves to an entity of type `to`
  // (another type): a facet of `to` must read `from`'s values too.
  bool moves(EntityType from, EntityType to) const {
    return m_moves[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
  }

  bool empty() const { return m_targets.empty(); }

 private:
  void add(const EntityRef& from, const EntityRef& to);
  // Sorts each entity's aliases: the order every learning gives.
  void finish();
  // The stored form, "FROM-TYPE\tFROM\tTO-TYPE\tTO" lines, and back
  // (nullopt for anything else).
  std::string encode() const;
  static std::optional<NameResolution> decode(std::string_view text);

  // Keys are the type's number as one byte, then the entity key.
  std::unordered_map<std::string, EntityRef> m_targets;
  std::unordered_map<std::string, std::vector<EntityRef>> m_aliases;
  // [from][to]: whether a value of type `from` resolves to type `to`.
  std::array<std::array<bool, std::size(k_entity_types)>, std::size(k_entity_types)> m_moves{};
};

}  // namespace dateline

// What the searcher knows of an archive's names: its NameResolution
// (common/name_resolution.hpp), learnt from the index on first use, and the
// facet values it has met with where each one counts. Facet counting and
// entity filters both go through it, so a value counts where it filters.
// A facet count tallies articles on the values themselves (start_count,
// add, counted): each value of a match is then looked up once, and its key
// is computed once per searcher, not once per query.
//
// Not thread-safe: one per Searcher, used from its thread. Memory: one
// entry per distinct facet value met (Reuters-21578: about 35,000, 3 MB);
// trim() empties the memo once it passes k_max_memo entries.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/entity.hpp"
#include "common/name_resolution.hpp"

namespace dateline {

class EntityResolver {
 public:
  static constexpr std::size_t k_max_memo = 1'000'000;

  // Where a stored facet value counts.
  struct Resolved {
    EntityType type = EntityType::misc;  // the group it is stored in
    std::string value;                   // as stored
    std::string key;                     // entity_key(value)
    EntityRef target;                    // the entity it counts and filters as
    // Whether it counts elsewhere than as itself: under another type or
    // another name.
    bool moved = false;
    // Whether it counts under another name (not only another type).
    bool renamed() const { return target.key != key; }
    // Articles added to it in the current count (when counted_in is the
    // resolver's current count).
    Xapian::doccount count = 0;
    std::uint32_t counted_in = 0;
  };

  // Learns the resolution of `db`'s archive (again, when the index has
  // changed) and forgets every memo. REQUIRES: `db` outlives the resolver
  // or the next learn.
  void learn(const Xapian::Database& db);
  // Whether learn has been called since the last forget().
  bool learnt() const { return m_db != nullptr; }
  // Forgets the resolution: the index has changed.
  void forget();

  const NameResolution& names() const { return m_names; }

  // Where `value`, stored in `type`'s group of an article's entities,
  // counts. The reference stays valid until learn, forget or trim.
  Resolved& resolve(EntityType type, std::string_view value);

  // Starts a count: every value's count is zero again.
  void start_count();
  // Adds `n` articles to `value`'s count.
  void add(Resolved& value, Xapian::doccount n);
  // The values with articles in the current count.
  const std::vector<Resolved*>& counted() const { return m_counted; }
  // Empties the memo when it holds more than k_max_memo values (between
  // queries, so that no reference is held).
  void trim();

  // One article's stored entities as the archive counts them: each value
  // under the type and spelling of the entity it counts as ("Reagan" as
  // Ronald Reagan), the mentions of values that count as one entity added
  // up in the first one's place, values that are none left out. Costs a
  // lookup per value and a display() per renamed one.
  std::vector<ArticleEntity> as_counted(const std::vector<ArticleEntity>& entities);

  // How an entity's value is spelt in the index: the spelling of the first
  // article that holds its filter term; the key itself when none does.
  // Costs a document's value read the first time, for each entity.
  const std::string& display(const EntityRef& entity);

 private:
  const Xapian::Database* m_db = nullptr;
  NameResolution m_names;
  // The memo: an open-addressing table of (hash, entry) over entries that
  // never move. A lookup reads one slot and, on a matching hash, its entry
  // (which counting reads anyway); a node-based map cost a faceted query
  // twice its counting time (bench-search p99).
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t entry = 0;  // index + 1 into m_entries; 0: empty
  };
  void grow();
  std::vector<Slot> m_slots;  // a power of two in size, at most half full
  std::deque<Resolved> m_entries;
  std::unordered_map<std::string, std::string> m_displays;  // filter term -> spelling
  std::uint32_t m_count = 0;                                // the current count's number
  std::vector<Resolved*> m_counted;
};

}  // namespace dateline

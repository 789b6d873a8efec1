#include "searcher/facets.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/canonical.hpp"
#include "common/entity.hpp"
#include "common/schema.hpp"

namespace dateline {
namespace {

// Value -> documents: an open-addressing table over one buffer of the
// values' bytes. Counting a value is one probe sequence in one array and
// allocates nothing; std::unordered_map's nodes cost a cache miss per
// lookup, a fifth of a faceted query over a million articles.
class ValueTable {
 public:
  void add(std::string_view value, Xapian::doccount n) {
    if (n == 0) return;
    if ((m_used + 1) * 2 > m_slots.size()) grow();
    const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(value));
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = m_slots[i];
      if (slot.count == 0) {
        slot = {hash, static_cast<std::uint32_t>(m_bytes.size()),
                static_cast<std::uint32_t>(value.size()), n};
        m_bytes.append(value);
        ++m_used;
        return;
      }
      if (slot.hash == hash && text(slot) == value) {
        slot.count += n;
        return;
      }
    }
  }

  std::size_t size() const { return m_used; }

  // Calls f(value, documents) for each value.
  template <typename F>
  void for_each(F f) const {
    for (const Slot& slot : m_slots) {
      if (slot.count != 0) f(text(slot), slot.count);
    }
  }

 private:
  struct Slot {  // 16 bytes: four to a cache line
    std::uint32_t hash = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    Xapian::doccount count = 0;  // 0: empty
  };

  std::string_view text(const Slot& slot) const {
    return std::string_view(m_bytes).substr(slot.offset, slot.length);
  }

  void grow() {
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
      if (slot.count == 0) continue;
      std::size_t i = slot.hash & mask;
      while (m_slots[i].count != 0) i = (i + 1) & mask;
      m_slots[i] = slot;
    }
  }

  std::vector<Slot> m_slots;  // a power of two in size, at most half full
  std::string m_bytes;
  std::size_t m_used = 0;
};

void add(ValueTable& counts, std::string_view value, Xapian::doccount n) { counts.add(value, n); }

// Adds `n` to each member of a packed list of entity values.
void add_members(ValueTable& counts, std::string_view packed, Xapian::doccount n) {
  std::size_t start = 0;
  while (start <= packed.size()) {
    std::size_t stop = packed.find(schema::k_facet_value_separator, start);
    if (stop == std::string_view::npos) stop = packed.size();
    if (stop > start) add(counts, packed.substr(start, stop - start), n);
    start = stop + 1;
  }
}

}  // namespace

const FacetInfo& facet_info(FacetKind kind) {
  for (const FacetInfo& info : k_facet_table) {
    if (info.kind == kind) return info;
  }
  return k_facet_table[0];  // unreachable: every kind is in the table
}

std::string_view facet_name(FacetKind kind) { return facet_info(kind).name; }

std::optional<FacetKind> parse_facet_kind(std::string_view name) {
  for (const FacetInfo& info : k_facet_table) {
    const bool alias = info.values == FacetValues::entities && !name.empty() &&
                       entity_type_info(info.entity).alias == name;
    if (info.name == name || alias) return info.kind;
  }
  return std::nullopt;
}

std::string facet_kind_list(std::string_view last_joiner) {
  std::vector<std::string> names;
  for (const FacetInfo& info : k_facet_table) {
    std::string name(info.name);
    if (info.values == FacetValues::entities && !entity_type_info(info.entity).alias.empty()) {
      name += " (" + std::string(entity_type_info(info.entity).alias) + ")";
    }
    names.push_back(std::move(name));
  }
  return join_names(names, last_joiner);
}

std::optional<FacetKind> facet_of_field(Field field) {
  if (!has_values(field)) return std::nullopt;
  for (const FacetInfo& info : k_facet_table) {
    if (info.filter == field) return info.kind;
  }
  return std::nullopt;
}

// Records the docid of every match, nothing else: no document is read.
class FacetCounter::DocidSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    m_docids.push_back(doc.get_docid());
  }
  std::vector<Xapian::docid>& docids() { return m_docids; }

 private:
  std::vector<Xapian::docid> m_docids;
};

// Counts each match's values of the slots, read from its document, in one
// ValueTable per slot.
class FacetCounter::DocumentValueSpy : public Xapian::MatchSpy {
 public:
  explicit DocumentValueSpy(const std::vector<Xapian::valueno>& slots)
      : m_slots(slots), m_tables(slots.size()) {}
  void operator()(const Xapian::Document& doc, double) override {
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      const std::string value = doc.get_value(m_slots[i]);
      if (!value.empty()) m_tables[i].add(value, 1);
    }
  }
  const ValueTable& table(std::size_t i) const { return m_tables[i]; }

 private:
  std::vector<Xapian::valueno> m_slots;
  std::vector<ValueTable> m_tables;
};

FacetCounter::FacetCounter(const std::vector<FacetKind>& kinds, std::size_t limit,
                           const Xapian::Database& db, Counting counting, EntityResolver* resolver)
    : m_db(db), m_limit(limit) {
  for (FacetKind kind : kinds) {
    const FacetInfo& info = facet_info(kind);
    const Xapian::valueno slot = info.slot;
    m_counted.push_back({kind, slot, info.values, info.entity});
    if (std::find(m_slots.begin(), m_slots.end(), slot) == m_slots.end()) m_slots.push_back(slot);
  }
  if (resolver != nullptr && !resolver->names().empty()) {
    m_resolver = resolver;
    for (const Counted& counted : m_counted) {
      if (counted.values != FacetValues::entities) continue;
      for (EntityType from : k_entity_types) {
        if (from == counted.entity || resolver->names().moves(from, counted.entity)) {
          m_read_type[static_cast<std::size_t>(from)] = true;
        }
      }
    }
  }
  if (m_counted.empty()) return;
  if (counting == Counting::value_streams) {
    m_docids = std::make_unique<DocidSpy>();
    return;
  }
  if (counting == Counting::document_values) {
    m_values = std::make_unique<DocumentValueSpy>(m_slots);
    return;
  }
  for (Xapian::valueno slot : m_slots) {
    m_stock.emplace_back(slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  if (m_docids) enquire.add_matchspy(m_docids.get());
  if (m_values) enquire.add_matchspy(m_values.get());
  for (auto& [slot, spy] : m_stock) enquire.add_matchspy(spy.get());
}

struct FacetCounter::ValueCounts : ValueTable {};

// Several spellings of one entity ("John Kerry", "JOHN KERRY" from an old
// index) count together; the most frequent spelling names them (the first
// in byte order on a tie).
struct FacetCounter::Merged {
  Xapian::doccount count = 0;
  std::string_view display;  // into the ValueTable counted
  Xapian::doccount display_count = 0;
  void add(std::string_view spelling, Xapian::doccount n) {
    count += n;
    if (n > display_count || (n == display_count && spelling < display)) {
      display = spelling;
      display_count = n;
    }
  }
};

void FacetCounter::add_slot_value(Xapian::valueno slot, std::string_view value, Xapian::doccount n,
                                  std::vector<ValueCounts>& counts) const {
  std::string_view groups[schema::k_entity_slot_groups];
  const bool resolved = slot == schema::k_slot_entities && m_resolver != nullptr;
  if (slot == schema::k_slot_entities) {
    schema::split_entity_groups(value, groups);
    if (resolved) add_resolved_entities(groups, n);
  }
  for (std::size_t i = 0; i < m_counted.size(); ++i) {
    const Counted& counted = m_counted[i];
    if (counted.slot != slot) continue;
    switch (counted.values) {
      case FacetValues::entities:
        // The article's entities, one group per type (schema::k_slot_entities).
        if (!resolved) {
          add_members(counts[i], groups[static_cast<std::size_t>(counted.entity)], n);
        }
        break;
      case FacetValues::countries:
        add_members(counts[i], groups[schema::k_country_group], n);
        break;
      case FacetValues::names:
        add_members(counts[i], value, n);
        break;
      case FacetValues::year:
        add(counts[i], value.substr(0, 4), n);
        break;
      case FacetValues::month:
        add(counts[i], value.substr(0, 6), n);
        break;
      case FacetValues::name:
      case FacetValues::host:
        add(counts[i], value, n);
        break;
    }
  }
}

void FacetCounter::add_resolved_entities(const std::string_view* groups, Xapian::doccount n) const {
  // An article has a few dozen entities at most: small vectors, linear
  // scans.
  thread_local std::vector<EntityResolver::Resolved*> members;
  members.clear();
  bool any_moved = false;
  for (EntityType type : k_entity_types) {
    if (!m_read_type[static_cast<std::size_t>(type)]) continue;
    const std::string_view group = groups[static_cast<std::size_t>(type)];
    std::size_t start = 0;
    while (start < group.size()) {
      std::size_t stop = group.find(schema::k_facet_value_separator, start);
      if (stop == std::string_view::npos) stop = group.size();
      if (stop > start) {
        EntityResolver::Resolved& value =
            m_resolver->resolve(type, group.substr(start, stop - start));
        // A value the user's alias file calls none counts nowhere.
        if (!value.target.key.empty()) {
          any_moved = any_moved || value.moved;
          members.push_back(&value);
        }
      }
      start = stop + 1;
    }
  }
  if (any_moved) {
    // Values that are their entity's own spelling first, so that they
    // name it; then each entity once, whatever its values.
    std::stable_partition(members.begin(), members.end(),
                          [](const EntityResolver::Resolved* m) { return !m->renamed(); });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const EntityRef& target = members[i]->target;
      const bool seen = std::any_of(members.begin(), members.begin() + static_cast<long>(kept),
                                    [&](const auto* other) { return other->target == target; });
      if (!seen) members[kept++] = members[i];
    }
    members.resize(kept);
  }
  for (EntityResolver::Resolved* value : members) m_resolver->add(*value, n);
}

void FacetCounter::collect_resolved(const Counted& counted,
                                    std::unordered_map<std::string, Merged>& merged) const {
  for (const EntityResolver::Resolved* value : m_resolver->counted()) {
    if (value->target.type != counted.entity) continue;
    Merged& into = merged[value->target.key];
    if (value->renamed()) {
      into.count += value->count;  // an alias: it names nothing
    } else {
      into.add(value->value, value->count);
    }
  }
}

std::string FacetCounter::merge_key(const Counted& counted, std::string_view value) const {
  const FacetValues values = counted.values;
  // Spellings of one name count together; hosts, years and months are
  // one spelling each.
  const bool by_key = values == FacetValues::entities || values == FacetValues::countries ||
                      values == FacetValues::names || values == FacetValues::name;
  return by_key ? entity_key(value) : std::string(value);
}

void FacetCounter::count(Xapian::valueno slot, std::vector<ValueCounts>& counts) const {
  if (m_docids) {
    std::vector<Xapian::docid>& docids = m_docids->docids();
    if (!std::is_sorted(docids.begin(), docids.end())) std::sort(docids.begin(), docids.end());
    // Walk the stream and the matches together, each jumping ahead to the
    // other: a slot few documents use is crossed in a few skips.
    Xapian::ValueIterator it = m_db.valuestream_begin(slot);
    const Xapian::ValueIterator end = m_db.valuestream_end(slot);
    auto match = docids.begin();
    while (match != docids.end() && it != end) {
      const Xapian::docid at = it.get_docid();
      if (at < *match) {
        it.skip_to(*match);
      } else if (at > *match) {
        match = std::lower_bound(match, docids.end(), at);
      } else {
        add_slot_value(slot, *it, 1, counts);
        ++match;
        ++it;
      }
    }
    return;
  }
  if (m_values) {
    const std::size_t i =
        static_cast<std::size_t>(std::find(m_slots.begin(), m_slots.end(), slot) - m_slots.begin());
    m_values->table(i).for_each([&](std::string_view value, Xapian::doccount n) {
      add_slot_value(slot, value, n, counts);
    });
    return;
  }
  for (const auto& [spy_slot, spy] : m_stock) {
    if (spy_slot != slot) continue;
    for (Xapian::TermIterator it = spy->values_begin(); it != spy->values_end(); ++it) {
      add_slot_value(slot, *it, it.get_termfreq(), counts);
    }
  }
}

std::vector<Facet> FacetCounter::collect() const {
  std::vector<Facet> facets;
  // Each slot is read once, for every facet it feeds.
  std::vector<ValueCounts> counts(m_counted.size());
  if (m_resolver != nullptr) m_resolver->start_count();
  for (Xapian::valueno slot : m_slots) count(slot, counts);
  for (std::size_t c = 0; c < m_counted.size(); ++c) {
    const Counted& counted = m_counted[c];
    const FacetValues values = counted.values;
    std::unordered_map<std::string, Merged> merged;
    if (values == FacetValues::entities && m_resolver != nullptr) {
      collect_resolved(counted, merged);
    } else {
      merged.reserve(counts[c].size());
      counts[c].for_each([&](std::string_view value, Xapian::doccount n) {
        merged[merge_key(counted, value)].add(value, n);
      });
    }
    Facet facet{counted.kind, {}};
    facet.values.reserve(merged.size());
    // An entity met only through its aliases is named by its key until
    // the values kept have their spellings looked up.
    std::unordered_set<std::string> unnamed;
    for (auto& [key, m] : merged) {
      facet.values.push_back({m.display.empty() ? key : std::string(m.display), m.count});
      if (m.display.empty()) unnamed.insert(key);
    }
    const auto order = [](const FacetValue& a, const FacetValue& b) {
      if (a.count != b.count) return a.count > b.count;
      return a.value < b.value;
    };
    const std::size_t kept = std::min(m_limit, facet.values.size());
    std::partial_sort(facet.values.begin(),
                      facet.values.begin() + static_cast<std::ptrdiff_t>(kept), facet.values.end(),
                      order);
    facet.values.resize(kept);
    if (!unnamed.empty()) {
      for (FacetValue& v : facet.values) {
        if (unnamed.count(v.value)) v.value = m_resolver->display({counted.entity, v.value});
      }
      std::sort(facet.values.begin(), facet.values.end(), order);
    }
    if (values == FacetValues::month) {
      for (FacetValue& v : facet.values) v.value = v.value.substr(0, 4) + "-" + v.value.substr(4);
    }
    facets.push_back(std::move(facet));
  }
  return facets;
}

}  // namespace dateline

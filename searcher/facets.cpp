#include "searcher/facets.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/canonical.hpp"
#include "common/entity.hpp"
#include "common/schema.hpp"

namespace dateline {
namespace {

struct KindName {
  FacetKind kind;
  std::string_view name;
};
constexpr KindName k_kind_names[] = {{FacetKind::person, "person"},
                                     {FacetKind::location, "location"},
                                     {FacetKind::organization, "organization"},
                                     {FacetKind::misc, "misc"},
                                     {FacetKind::source, "source"},
                                     {FacetKind::year, "year"},
                                     {FacetKind::month, "month"}};

std::optional<EntityType> entity_type(FacetKind kind) {
  switch (kind) {
    case FacetKind::person:
      return EntityType::person;
    case FacetKind::location:
      return EntityType::location;
    case FacetKind::organization:
      return EntityType::organization;
    case FacetKind::misc:
      return EntityType::misc;
    default:
      return std::nullopt;
  }
}

// Several spellings of one entity ("John Kerry", "JOHN KERRY" from an old
// index) count together; the most frequent spelling names them.
struct Merged {
  Xapian::doccount count = 0;
  std::map<std::string, Xapian::doccount> spellings;
  std::string display() const {
    auto best = spellings.begin();
    for (auto it = spellings.begin(); it != spellings.end(); ++it) {
      if (it->second > best->second) best = it;
    }
    return best->first;
  }
};

}  // namespace

std::optional<FacetKind> parse_facet_kind(std::string_view name) {
  if (name == "org") return FacetKind::organization;
  for (const KindName& k : k_kind_names) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

std::string_view facet_name(FacetKind kind) {
  for (const KindName& k : k_kind_names) {
    if (k.kind == kind) return k.name;
  }
  return "misc";
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

FacetCounter::FacetCounter(const std::vector<FacetKind>& kinds, std::size_t limit,
                           const Xapian::Database& db, Counting counting)
    : m_db(db), m_limit(limit) {
  std::vector<Xapian::valueno> all_slots;
  for (FacetKind kind : kinds) {
    Counted counted{kind, {}};
    if (const auto type = entity_type(kind)) {
      const unsigned slots = schema::facet_slots(db, *type);
      for (unsigned i = 0; i < slots; ++i) counted.slots.push_back(schema::entity_slot(*type, i));
    } else {
      counted.slots.push_back(kind == FacetKind::source ? schema::k_slot_source
                                                        : schema::k_slot_date);
    }
    for (Xapian::valueno slot : counted.slots) {
      if (std::find(all_slots.begin(), all_slots.end(), slot) == all_slots.end()) {
        all_slots.push_back(slot);
      }
    }
    m_counted.push_back(std::move(counted));
  }
  if (all_slots.empty()) return;
  if (counting == Counting::value_streams) {
    m_docids = std::make_unique<DocidSpy>();
  } else {
    for (Xapian::valueno slot : all_slots) {
      m_stock.emplace_back(slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    }
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  if (m_docids) enquire.add_matchspy(m_docids.get());
  for (auto& [slot, spy] : m_stock) enquire.add_matchspy(spy.get());
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetCounter::slot_counts(
    Xapian::valueno slot) const {
  std::vector<std::pair<std::string, Xapian::doccount>> counts;
  if (m_docids) {
    std::vector<Xapian::docid>& docids = m_docids->docids();
    if (!std::is_sorted(docids.begin(), docids.end())) std::sort(docids.begin(), docids.end());
    std::unordered_map<std::string, Xapian::doccount> by_value;
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
        ++by_value[*it];
        ++match;
        ++it;
      }
    }
    counts.assign(by_value.begin(), by_value.end());
    return counts;
  }
  for (const auto& [spy_slot, spy] : m_stock) {
    if (spy_slot != slot) continue;
    for (Xapian::TermIterator it = spy->values_begin(); it != spy->values_end(); ++it) {
      counts.emplace_back(*it, it.get_termfreq());
    }
  }
  return counts;
}

std::vector<Facet> FacetCounter::collect() const {
  std::vector<Facet> facets;
  for (const Counted& counted : m_counted) {
    std::map<std::string, Merged> merged;
    auto add = [&merged, &counted](const std::string& value, Xapian::doccount count) {
      std::string key;
      std::string display = value;
      if (counted.kind == FacetKind::year) {
        key = display = value.substr(0, 4);
      } else if (counted.kind == FacetKind::month) {
        key = display = value.substr(0, 4) + "-" + value.substr(4, 2);
      } else {
        key = entity_key(value);
      }
      Merged& m = merged[key];
      m.count += count;
      m.spellings[display] += count;
    };
    for (std::size_t i = 0; i < counted.slots.size(); ++i) {
      const bool overflow = entity_type(counted.kind) && i == schema::k_facet_overflow_slot;
      for (const auto& [value, count] : slot_counts(counted.slots[i])) {
        if (!overflow) {
          add(value, count);
          continue;
        }
        // The overflow slot holds several entities in one value.
        std::size_t start = 0;
        while (start <= value.size()) {
          std::size_t end = value.find(schema::k_facet_value_separator, start);
          if (end == std::string::npos) end = value.size();
          if (end > start) add(value.substr(start, end - start), count);
          start = end + 1;
        }
      }
    }
    Facet facet{counted.kind, {}};
    for (const auto& [key, m] : merged) facet.values.push_back({m.display(), m.count});
    std::sort(facet.values.begin(), facet.values.end(),
              [](const FacetValue& a, const FacetValue& b) {
                if (a.count != b.count) return a.count > b.count;
                return a.value < b.value;
              });
    if (facet.values.size() > m_limit) facet.values.resize(m_limit);
    facets.push_back(std::move(facet));
  }
  return facets;
}

}  // namespace dateline

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

FacetCounter::FacetCounter(std::vector<FacetKind> kinds, std::size_t limit,
                           const Xapian::Database& db, Counting counting)
    : m_db(db), m_limit(limit) {
  for (FacetKind kind : kinds) {
    Xapian::valueno slot = schema::k_slot_date;
    if (const auto type = entity_type(kind)) {
      slot = schema::entity_slot(*type);
    } else if (kind == FacetKind::source) {
      slot = schema::k_slot_source;
    }
    m_counted.push_back({kind, slot});
  }
  if (m_counted.empty()) return;
  if (counting == Counting::value_streams) {
    m_docids = std::make_unique<DocidSpy>();
    return;
  }
  for (const Counted& counted : m_counted) {
    const bool seen = std::any_of(m_stock.begin(), m_stock.end(),
                                  [&](const auto& spy) { return spy.first == counted.slot; });
    if (!seen) {
      m_stock.emplace_back(counted.slot,
                           std::make_unique<Xapian::ValueCountMatchSpy>(counted.slot));
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
    // First per stored value: an entity slot's value is the article's whole
    // set of the type, so each distinct set adds its count to every member.
    std::unordered_map<std::string, Xapian::doccount> per_value;
    const bool packed = entity_type(counted.kind).has_value();
    for (const auto& [value, count] : slot_counts(counted.slot)) {
      if (counted.kind == FacetKind::year) {
        per_value[value.substr(0, 4)] += count;
      } else if (counted.kind == FacetKind::month) {
        per_value[value.substr(0, 4) + "-" + value.substr(4, 2)] += count;
      } else if (!packed) {
        per_value[value] += count;
      } else {
        std::size_t start = 0;
        while (start <= value.size()) {
          std::size_t stop = value.find(schema::k_facet_value_separator, start);
          if (stop == std::string::npos) stop = value.size();
          if (stop > start) per_value[value.substr(start, stop - start)] += count;
          start = stop + 1;
        }
      }
    }
    // Then per entity (or source): spellings of one count together.
    const bool dates = counted.kind == FacetKind::year || counted.kind == FacetKind::month;
    std::map<std::string, Merged> merged;
    for (const auto& [value, count] : per_value) {
      Merged& m = merged[dates ? value : entity_key(value)];
      m.count += count;
      m.spellings[value] += count;
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

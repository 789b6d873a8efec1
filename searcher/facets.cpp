#include "searcher/facets.hpp"

#include <algorithm>
#include <map>

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

FacetCounter::FacetCounter(std::vector<FacetKind> kinds, std::size_t limit,
                           const Xapian::Database& db)
    : m_limit(limit) {
  for (FacetKind kind : kinds) {
    Counted counted{kind, {}};
    if (const auto type = entity_type(kind)) {
      const unsigned slots = schema::facet_slots(db, *type);
      for (unsigned i = 0; i < slots; ++i) {
        counted.spies.push_back(
            std::make_unique<Xapian::ValueCountMatchSpy>(schema::entity_slot(*type, i)));
      }
    } else {
      const Xapian::valueno slot =
          kind == FacetKind::source ? schema::k_slot_source : schema::k_slot_date;
      counted.spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    }
    m_counted.push_back(std::move(counted));
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  for (Counted& counted : m_counted) {
    for (auto& spy : counted.spies) enquire.add_matchspy(spy.get());
  }
}

std::vector<Facet> FacetCounter::collect() const {
  std::vector<Facet> facets;
  for (const Counted& counted : m_counted) {
    std::map<std::string, Merged> merged;
    for (const auto& spy : counted.spies) {
      for (Xapian::TermIterator it = spy->values_begin(); it != spy->values_end(); ++it) {
        const std::string value = *it;
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
        m.count += it.get_termfreq();
        m.spellings[display] += it.get_termfreq();
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

// Facet counting: for each requested facet, the values among ALL matching
// documents with exact counts, whatever page is shown.
//
// Counting uses only Xapian's stock ValueCountMatchSpy, which the stock
// xapian-tcpsrv can run, so counts are the same over local and remote
// shards. Entity facets sum one spy per slot of the type (see
// schema::entity_slot) and merge values by entity_key; the year facet
// and month facets group the date slot's day counts.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class FacetKind { person, location, organization, misc, source, year, month };

// "person", "location", "organization" (or "org"), "misc", "source", "year",
// "month" (values "YYYY-MM", for trends).
std::optional<FacetKind> parse_facet_kind(std::string_view name);
std::string_view facet_name(FacetKind kind);

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

struct Facet {
  FacetKind kind;
  std::vector<FacetValue> values;  // highest count first, then by value
};

// Attach to an Enquire before get_mset(); the MSet must be asked to check
// every match (check_at_least >= the database size) for exact counts.
// Not thread-safe; one per query.
class FacetCounter {
 public:
  // Entity facets watch the first `slots_used(type)` slots of each type.
  FacetCounter(std::vector<FacetKind> kinds, std::size_t limit, const Xapian::Database& db);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  // REQUIRES: this counter outlives every get_mset() on `enquire`.
  void attach(Xapian::Enquire& enquire);
  std::vector<Facet> collect() const;

 private:
  struct Counted {
    FacetKind kind;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  };
  std::vector<Counted> m_counted;
  std::size_t m_limit;
};

}  // namespace dateline

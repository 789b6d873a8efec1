// Facet counting: for each requested facet, the values among ALL matching
// documents with exact counts, whatever page is shown.
//
// Counting uses only Xapian's stock ValueCountMatchSpy, which the stock
// xapian-tcpsrv can run, so counts are the same over local and remote
// shards. The entity slot holds each article's whole set of entities,
// grouped by type (see schema::k_slot_entities), so each distinct set's
// count is added to every member of the wanted types, and members are
// merged by entity_key; the year and month facets group the date slot's
// day counts.
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

// How facet values are counted. Both count the same stored slot values, so
// both give the same, exact counts (the unit tests check they agree).
//  - value_streams: a spy of dateline's own only records each match's
//    docid; afterwards each facet slot's value stream is walked once, in
//    docid order, skipping to the matches. Reading a stream in order is
//    what Xapian's storage is fast at; a lookup per document (what the
//    stock spy does) is not. For a local database only: a remote shard
//    cannot run a spy of ours.
//  - stock_spies: one Xapian::ValueCountMatchSpy per slot, which the stock
//    xapian-tcpsrv rebuilds and runs on its shard.
enum class Counting { value_streams, stock_spies };

// Attach to an Enquire before get_mset(); the MSet must be asked to check
// every match (check_at_least >= the database size) for exact counts.
// Not thread-safe; one per query.
class FacetCounter {
 public:
  // REQUIRES: `db` outlives the counter.
  FacetCounter(const std::vector<FacetKind>& kinds, std::size_t limit, const Xapian::Database& db,
               Counting counting);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  // REQUIRES: this counter outlives every get_mset() on `enquire`.
  void attach(Xapian::Enquire& enquire);
  std::vector<Facet> collect() const;

 private:
  class DocidSpy;
  struct Counted {
    FacetKind kind;
    Xapian::valueno slot;
  };
  struct ValueCounts;  // value -> documents (facets.cpp)
  // Adds the counts of `slot`'s values, from whichever way they were
  // counted, to the counts of the facets it feeds (indexed like
  // m_counted).
  void count(Xapian::valueno slot, std::vector<ValueCounts>& counts) const;
  void add_slot_value(Xapian::valueno slot, std::string_view value, Xapian::doccount n,
                      std::vector<ValueCounts>& counts) const;

  const Xapian::Database& m_db;
  std::vector<Counted> m_counted;
  std::vector<Xapian::valueno> m_slots;  // the slots m_counted reads, once each
  std::size_t m_limit;
  std::unique_ptr<DocidSpy> m_docids;
  std::vector<std::pair<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>>> m_stock;
};

}  // namespace dateline

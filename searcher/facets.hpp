// Facet counting: for each requested facet, the values among ALL matching
// documents with exact counts, whatever page is shown. The table of facet
// kinds (k_facet_table) names each kind once and says how it is counted.
//
// Over remote shards, counting uses only Xapian's stock
// ValueCountMatchSpy, which the stock xapian-tcpsrv can run; a local
// database's value streams, and local shards' document values, are read by
// dateline itself (Counting below), with the same counts. The entity slot holds each article's
// whole set of entities, grouped by type (see schema::k_slot_entities), so each distinct set's
// count is added to every member of the wanted types, and members are
// merged by entity_key; the author slot's lists are split the same way;
// the year and month facets group the date slot's day counts.
//
// The table is constant and the functions over it are pure, so both are
// thread-safe; a FacetCounter is not (one per query).
#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/entity.hpp"
#include "common/schema.hpp"
#include "searcher/entity_resolver.hpp"
#include "searcher/fields.hpp"

namespace dateline {

enum class FacetKind {
  person,
  location,
  organization,
  misc,
  source,
  year,
  month,
  author,
  site,
  country
};

// How a facet reads the values of its slot.
enum class FacetValues {
  entities,   // one type's group of the entity slot; spellings merged by entity_key
  countries,  // the entity slot's country group; merged by entity_key
  names,      // a list of names (the authors); merged by entity_key
  name,       // one name (the source); merged by entity_key
  host,       // one host (the site), as stored
  year,       // "YYYY" of the date slot's day
  month,      // "YYYY-MM" of the date slot's day, for trends
};

struct FacetInfo {
  FacetKind kind;
  std::string_view name;  // as --facets, :facets and JSON spell it
  Xapian::valueno slot;
  FacetValues values;
  EntityType entity;  // the type, for FacetValues::entities
  // The field a value of this facet filters on (the shell's `:filter N`):
  // person:VALUE, year:2024 (date:2024), date:2024-03 for a month.
  Field filter;
};

namespace detail {
constexpr FacetInfo entity_facet(FacetKind kind, EntityType type, Field filter) {
  return {kind, type_name(type), schema::k_slot_entities, FacetValues::entities, type, filter};
}
constexpr FacetInfo value_facet(FacetKind kind, Field field, Xapian::valueno slot,
                                FacetValues values) {
  return {kind, field_name(field), slot, values, EntityType::misc, field};
}
}  // namespace detail

// Every facet kind, in the order lists of them are shown. The names come
// from the entity types and fields they count; only "month" is the facet's
// own.
inline constexpr FacetInfo k_facet_table[] = {
    detail::entity_facet(FacetKind::person, EntityType::person, Field::person),
    detail::entity_facet(FacetKind::location, EntityType::location, Field::location),
    detail::value_facet(FacetKind::country, Field::country, schema::k_slot_entities,
                        FacetValues::countries),
    detail::entity_facet(FacetKind::organization, EntityType::organization, Field::organization),
    detail::entity_facet(FacetKind::misc, EntityType::misc, Field::misc),
    detail::value_facet(FacetKind::author, Field::author, schema::k_slot_authors,
                        FacetValues::names),
    detail::value_facet(FacetKind::source, Field::source, schema::k_slot_source, FacetValues::name),
    detail::value_facet(FacetKind::site, Field::site, schema::k_slot_site, FacetValues::host),
    detail::value_facet(FacetKind::year, Field::year, schema::k_slot_date, FacetValues::year),
    {FacetKind::month, "month", schema::k_slot_date, FacetValues::month, EntityType::misc,
     Field::date},
};

// What a search counts when nothing is asked: people, places, organisations
// and countries.
inline constexpr FacetKind k_default_facets[] = {FacetKind::person, FacetKind::location,
                                                 FacetKind::organization, FacetKind::country};

const FacetInfo& facet_info(FacetKind kind);
std::string_view facet_name(FacetKind kind);
// The kind named `name`, or its entity type's alias ("org"), exactly;
// nullopt for anything else.
std::optional<FacetKind> parse_facet_kind(std::string_view name);
// "person, location, country, organization (org), misc, author, source,
// site, year and month", for help and errors; `last_joiner` is "and" or "or".
std::string facet_kind_list(std::string_view last_joiner);
// The facet counting the values of a field that has values (person,
// author, site...); nullopt for title and date.
std::optional<FacetKind> facet_of_field(Field field);

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

struct Facet {
  FacetKind kind;
  std::vector<FacetValue> values;  // highest count first, then by value
};

// How facet values are counted. All count the same stored slot values, so
// all give the same, exact counts (the unit tests check they agree).
//  - value_streams: a spy of dateline's own only records each match's
//    docid; afterwards each facet slot's value stream is walked once, in
//    docid order, skipping to the matches. Reading a stream in order is
//    what Xapian's storage is fast at; a lookup per document is not. For
//    one local database only: over shards, Xapian 1.4 hands a spy each
//    match's docid within its shard, and not which shard.
//  - document_values: a spy of dateline's own reads each match's slot
//    values from its document (a lookup per document) and counts them in
//    dateline's tables. For local shards: over 100,000 articles in 4
//    shards, faceted queries' mean latency is 1.14-1.18x one database's with
//    value streams, against 1.7-1.9x with stock spies (docs/performance.md).
//  - stock_spies: one Xapian::ValueCountMatchSpy per slot, which the stock
//    xapian-tcpsrv rebuilds and runs on its shard.
enum class Counting { value_streams, document_values, stock_spies };

// Attach to an Enquire before get_mset(); the MSet must be asked to check
// every match (check_at_least >= the database size) for exact counts.
// Not thread-safe; one per query.
//
// With an EntityResolver, entity values count as the archive resolves them
// (common/name_resolution.hpp): "Reagan" as Ronald Reagan, "Denver" tagged
// as a person as the location. An article counts once for an entity
// however many of its values resolve to it, so counts stay exact; values
// that are only another's alias are named by that entity's own spelling.
class FacetCounter {
 public:
  // REQUIRES: `db` and `resolver` (when given; learnt from `db`) outlive
  // the counter.
  FacetCounter(const std::vector<FacetKind>& kinds, std::size_t limit, const Xapian::Database& db,
               Counting counting, EntityResolver* resolver = nullptr);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  // REQUIRES: this counter outlives every get_mset() on `enquire`.
  void attach(Xapian::Enquire& enquire);
  std::vector<Facet> collect() const;

 private:
  class DocidSpy;
  class DocumentValueSpy;
  // A facet asked for, with its table row's reading rules at hand: the
  // counting loop runs once per match.
  struct Counted {
    FacetKind kind;
    Xapian::valueno slot;
    FacetValues values;
    EntityType entity;
  };
  struct ValueCounts;  // value -> documents (facets.cpp)
  struct Merged;       // one value's spellings counted together (facets.cpp)
  // Adds the counts of `slot`'s values, from whichever way they were
  // counted, to the counts of the facets it feeds (indexed like
  // m_counted).
  void count(Xapian::valueno slot, std::vector<ValueCounts>& counts) const;
  void add_slot_value(Xapian::valueno slot, std::string_view value, Xapian::doccount n,
                      std::vector<ValueCounts>& counts) const;
  // Adds one article's entity groups (or `n` articles' alike) to the
  // resolver's count, each entity once however many of its values the
  // article holds.
  void add_resolved_entities(const std::string_view* groups, Xapian::doccount n) const;
  // The resolver's count of `counted`'s entity type, merged by entity.
  void collect_resolved(const Counted& counted,
                        std::unordered_map<std::string, Merged>& merged) const;
  // The key a counted entity value merges under in `counted`'s facet.
  std::string merge_key(const Counted& counted, std::string_view value) const;

  const Xapian::Database& m_db;
  std::vector<Counted> m_counted;
  std::vector<Xapian::valueno> m_slots;  // the slots m_counted reads, once each
  std::size_t m_limit;
  EntityResolver* m_resolver = nullptr;  // null when nothing resolves
  // With a resolver: per entity type, whether its values can count in a
  // facet asked for (its own, or one its values move to).
  std::array<bool, std::size(k_entity_types)> m_read_type{};
  std::unique_ptr<DocidSpy> m_docids;
  std::unique_ptr<DocumentValueSpy> m_values;
  std::vector<std::pair<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>>> m_stock;
};

}  // namespace dateline

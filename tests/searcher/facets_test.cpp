#include "searcher/facets.hpp"

#include <catch2/catch.hpp>

#include "common/schema.hpp"

namespace dateline {
namespace {

// A document with the given people in its person facet slots.
Xapian::Document with_people(std::vector<std::string> people, const std::string& day) {
  Xapian::Document doc;
  for (unsigned i = 0; i < people.size(); ++i) {
    doc.add_value(schema::entity_slot(EntityType::person, i), people[i]);
  }
  doc.add_value(schema::k_slot_date, day);
  doc.add_term("all");
  return doc;
}

// Counts both ways and checks they agree, as the design promises.
std::vector<Facet> count(const Xapian::Database& db, const std::vector<FacetKind>& kinds,
                         std::size_t limit, const std::string& term = "all") {
  std::vector<std::vector<Facet>> results;
  for (Counting counting : {Counting::value_streams, Counting::stock_spies}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    FacetCounter counter(kinds, limit, db, counting);
    counter.attach(enquire);
    enquire.get_mset(0, 1, db.get_doccount());
    results.push_back(counter.collect());
  }
  REQUIRE(results[0].size() == results[1].size());
  for (std::size_t i = 0; i < results[0].size(); ++i) {
    CHECK(results[0][i].values == results[1][i].values);
  }
  return results[0];
}

}  // namespace

TEST_CASE("facet counts are exact over all matches, whatever slot", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(with_people({"John Kerry", "Sergey Lavrov"}, "20160715"));
  db.add_document(with_people({"Sergey Lavrov", "John Kerry"}, "20160716"));  // other slots
  db.add_document(with_people({"Vladimir Putin", "JOHN KERRY", "Sergey Lavrov"}, "20170101"));
  db.add_document(with_people({}, "20150101"));

  const std::vector<Facet> facets =
      count(db, {FacetKind::person, FacetKind::year, FacetKind::month}, 10);
  REQUIRE(facets.size() == 3);
  CHECK(facets[2].values ==
        std::vector<FacetValue>{{"2016-07", 2}, {"2015-01", 1}, {"2017-01", 1}});
  CHECK(facets[0].kind == FacetKind::person);
  // Spellings of one entity merge; the most frequent names it.
  CHECK(facets[0].values ==
        std::vector<FacetValue>{{"John Kerry", 3}, {"Sergey Lavrov", 3}, {"Vladimir Putin", 1}});
  CHECK(facets[1].values == std::vector<FacetValue>{{"2016", 2}, {"2015", 1}, {"2017", 1}});
}

TEST_CASE("only the recorded facet slots are watched", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(with_people({"A One", "B Two", "C Three"}, "20160101"));
  const unsigned two[] = {2, 0, 0, 0};
  schema::record_facet_slots(db, two);
  // Slot 2 is not watched: the recorded count says no document uses it.
  CHECK(count(db, {FacetKind::person}, 10)[0].values.size() == 2);
  const unsigned three[] = {3, 0, 0, 0};
  schema::record_facet_slots(db, three);
  CHECK(count(db, {FacetKind::person}, 10)[0].values.size() == 3);
  schema::record_facet_slots(db, two);  // never lowered
  CHECK(schema::facet_slots(db, EntityType::person) == 3);
}

TEST_CASE("an article with more entities than slots is counted exactly", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // As the indexer writes them: single slots, then the overflow slot.
  Xapian::Document crowded;
  for (unsigned i = 0; i < schema::k_facet_overflow_slot; ++i) {
    crowded.add_value(schema::entity_slot(EntityType::person, i), "Person " + std::to_string(i));
  }
  crowded.add_value(schema::entity_slot(EntityType::person, schema::k_facet_overflow_slot),
                    std::string("Extra One") + schema::k_facet_value_separator + "Person 0x");
  crowded.add_term("all");
  db.add_document(crowded);
  db.add_document(with_people({"Extra One"}, "20160101"));
  const auto facets = count(db, {FacetKind::person}, 100);
  CHECK(facets[0].values.size() == schema::k_facet_overflow_slot + 2);
  CHECK(facets[0].values.front() == FacetValue{"Extra One", 2});
}

TEST_CASE("facet limit keeps the top values", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(with_people({"A One", "B Two"}, "20160101"));
  db.add_document(with_people({"B Two"}, "20160101"));
  const auto facets = count(db, {FacetKind::person}, 1);
  CHECK(facets[0].values == std::vector<FacetValue>{{"B Two", 2}});
}

TEST_CASE("facet kinds have stable names", "[searcher][facets]") {
  for (const char* name :
       {"person", "location", "organization", "misc", "source", "year", "month"}) {
    const auto kind = parse_facet_kind(name);
    REQUIRE(kind);
    CHECK(facet_name(*kind) == name);
  }
  CHECK(parse_facet_kind("org") == FacetKind::organization);
  CHECK_FALSE(parse_facet_kind("people"));
}

}  // namespace dateline

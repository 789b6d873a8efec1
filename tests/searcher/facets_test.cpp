#include "searcher/facets.hpp"

#include <catch2/catch.hpp>

#include "common/name_resolution.hpp"
#include "common/schema.hpp"
#include "searcher/entity_resolver.hpp"

namespace dateline {
namespace {

// A document whose entities are the given people, packed into the entity
// slot as the indexer packs them, and dated `day`.
Xapian::Document with_people(const std::vector<std::string>& people, const std::string& day) {
  Xapian::Document doc;
  std::vector<ArticleEntity> entities;
  for (const std::string& person : people) entities.push_back({EntityType::person, person});
  if (!entities.empty()) {
    doc.add_value(schema::k_slot_entities, schema::encode_entity_groups(entities));
  }
  doc.add_value(schema::k_slot_date, day);
  doc.add_term("all");
  return doc;
}

// Counts every way one database can be counted and checks they agree, as
// the design promises; with `resolver`, as the archive resolves names.
std::vector<Facet> count(const Xapian::Database& db, const std::vector<FacetKind>& kinds,
                         std::size_t limit, const std::string& term = "all",
                         EntityResolver* resolver = nullptr) {
  std::vector<std::vector<Facet>> results;
  for (Counting counting :
       {Counting::value_streams, Counting::document_values, Counting::stock_spies}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    FacetCounter counter(kinds, limit, db, counting, resolver);
    counter.attach(enquire);
    enquire.get_mset(0, 1, db.get_doccount());
    results.push_back(counter.collect());
  }
  for (std::size_t other = 1; other < results.size(); ++other) {
    REQUIRE(results[0].size() == results[other].size());
    for (std::size_t i = 0; i < results[0].size(); ++i) {
      CHECK(results[0][i].values == results[other][i].values);
    }
  }
  return results[0];
}

// A document as the indexer writes one: the entities' filter terms, their
// facet slot, and the acronym evidence.
Xapian::Document with_entities(const std::vector<ArticleEntity>& entities,
                               const std::string& term = "all") {
  Xapian::Document doc;
  for (const ArticleEntity& entity : entities) {
    doc.add_boolean_term(schema::entity_filter_term(entity.type, entity.value));
  }
  for (const auto& [acronym, expansion] : acronym_pairs(entities)) {
    doc.add_boolean_term(schema::acronym_term(acronym, expansion));
  }
  doc.add_value(schema::k_slot_entities, schema::encode_entity_groups(entities));
  doc.add_term(term);
  return doc;
}

}  // namespace

TEST_CASE("facet counts are exact over all matches, from the entity and the date slots",
          "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(with_people({"John Kerry", "Sergey Lavrov"}, "20160715"));
  db.add_document(with_people({"Sergey Lavrov", "John Kerry"}, "20160716"));  // other order
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

TEST_CASE("over shards, each match's document values count as in one database",
          "[searcher][facets]") {
  // The same articles in one database and dealt round two shards: a
  // shard's docids restart at 1, so a match's docid alone does not say
  // whose values it has.
  Xapian::WritableDatabase one(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::WritableDatabase shard0(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::WritableDatabase shard1(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::vector<Xapian::Document> docs = {
      with_people({"John Kerry"}, "20160715"), with_people({"Sergey Lavrov"}, "20160716"),
      with_people({"John Kerry", "Vladimir Putin"}, "20170101"),
      with_people({"Vladimir Putin"}, "20150101"), with_people({"John Kerry"}, "20150102")};
  for (std::size_t i = 0; i < docs.size(); ++i) {
    one.add_document(docs[i]);
    (i % 2 == 0 ? shard0 : shard1).add_document(docs[i]);
  }
  Xapian::Database shards(shard0);
  shards.add_database(shard1);
  const std::vector<FacetKind> kinds = {FacetKind::person, FacetKind::year};
  const std::vector<Facet> expected = count(one, kinds, 10);
  for (Counting counting : {Counting::document_values, Counting::stock_spies}) {
    Xapian::Enquire enquire(shards);
    enquire.set_query(Xapian::Query("all"));
    FacetCounter counter(kinds, 10, shards, counting);
    counter.attach(enquire);
    enquire.get_mset(0, 1, shards.get_doccount());
    const std::vector<Facet> facets = counter.collect();
    REQUIRE(facets.size() == expected.size());
    for (std::size_t i = 0; i < facets.size(); ++i) CHECK(facets[i].values == expected[i].values);
  }
  CHECK(expected[0].values ==
        std::vector<FacetValue>{{"John Kerry", 3}, {"Vladimir Putin", 2}, {"Sergey Lavrov", 1}});
}

TEST_CASE("the country facet counts the entity slot's country group, resolved or not",
          "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto add = [&](const std::vector<ArticleEntity>& entities,
                       const std::vector<std::string>& countries) {
    Xapian::Document doc;
    for (const ArticleEntity& entity : entities) {
      doc.add_boolean_term(schema::entity_filter_term(entity.type, entity.value));
    }
    doc.add_value(schema::k_slot_entities, schema::encode_entity_groups(entities, countries));
    doc.add_term("all");
    db.add_document(doc);
  };
  const ArticleEntity tokyo{EntityType::location, "Tokyo"};
  const ArticleEntity reagan{EntityType::person, "Reagan"};
  for (int i = 0; i < 5; ++i) add({{EntityType::person, "Ronald Reagan"}}, {"United States"});
  add({reagan, tokyo}, {"Japan", "United States"});
  add({}, {"Japan"});
  add({}, {"JAPAN"});  // countries only; another spelling
  add({tokyo}, {});    // entities only
  const std::vector<FacetValue> expected_countries = {{"United States", 6}, {"Japan", 3}};
  const std::vector<FacetKind> kinds = {FacetKind::person, FacetKind::country, FacetKind::location};
  const auto plain = count(db, kinds, 10);
  CHECK(plain[1].values == expected_countries);
  CHECK(plain[2].values == std::vector<FacetValue>{{"Tokyo", 2}});
  EntityResolver resolver;
  resolver.learn(db);
  const auto resolved = count(db, kinds, 10, "all", &resolver);
  CHECK(resolved[0].values == std::vector<FacetValue>{{"Ronald Reagan", 6}});
  CHECK(resolved[1].values == expected_countries);
  CHECK(resolved[2].values == std::vector<FacetValue>{{"Tokyo", 2}});
  // Asked alone, it is counted too.
  CHECK(count(db, {FacetKind::country}, 10, "all", &resolver)[0].values == expected_countries);
}

TEST_CASE("an article with many entities is counted exactly", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<std::string> crowd;
  for (unsigned i = 0; i < 40; ++i) crowd.emplace_back("Person " + std::to_string(i));
  crowd.emplace_back("Extra One");
  db.add_document(with_people(crowd, "20160101"));
  db.add_document(with_people({"Extra One", "Person 7"}, "20160101"));
  db.add_document(with_people({"Person 7", "Extra One"}, "20160102"));  // same set, other order
  const auto facets = count(db, {FacetKind::person}, 100);
  CHECK(facets[0].values.size() == 41);
  CHECK(facets[0].values[0] == FacetValue{"Extra One", 3});
  CHECK(facets[0].values[1] == FacetValue{"Person 7", 3});
  CHECK(facets[0].values[2] == FacetValue{"Person 0", 1});
}

TEST_CASE("facets count only the matching articles", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 500; ++i) {
    Xapian::Document doc =
        with_people({"Every One", i % 3 == 0 ? "Third Person" : "Other Person"}, "20160101");
    if (i % 5 == 0) doc.add_term("fifth");
    db.add_document(doc);
  }
  // Matches are every fifth document; a third of those name Third Person.
  const auto facets = count(db, {FacetKind::person}, 10, "fifth");
  CHECK(facets[0].values ==
        std::vector<FacetValue>{{"Every One", 100}, {"Other Person", 66}, {"Third Person", 34}});
}

TEST_CASE("each entity facet counts only its own type", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto add = [&db](const std::vector<ArticleEntity>& entities) {
    Xapian::Document doc;
    doc.add_value(schema::k_slot_entities, schema::encode_entity_groups(entities));
    doc.add_term("all");
    db.add_document(doc);
  };
  add({{EntityType::person, "Geneva Smith"}, {EntityType::location, "Geneva"}});
  add({{EntityType::location, "Geneva"}, {EntityType::organization, "United Nations"}});
  add({{EntityType::organization, "United Nations"}, {EntityType::misc, "Olympics"}});
  const auto facets = count(
      db, {FacetKind::organization, FacetKind::person, FacetKind::location, FacetKind::misc}, 10);
  CHECK(facets[0].values == std::vector<FacetValue>{{"United Nations", 2}});
  CHECK(facets[1].values == std::vector<FacetValue>{{"Geneva Smith", 1}});
  CHECK(facets[2].values == std::vector<FacetValue>{{"Geneva", 2}});
  CHECK(facets[3].values == std::vector<FacetValue>{{"Olympics", 1}});
}

TEST_CASE("facet limit keeps the top values", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(with_people({"A One", "B Two"}, "20160101"));
  db.add_document(with_people({"B Two"}, "20160101"));
  const auto facets = count(db, {FacetKind::person}, 1);
  CHECK(facets[0].values == std::vector<FacetValue>{{"B Two", 2}});
}

TEST_CASE("authors, sources and sites are counted like entities", "[searcher][facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto add = [&db](const std::vector<std::string>& authors, const std::string& source,
                   const std::string& site) {
    Xapian::Document doc;
    if (!authors.empty()) doc.add_value(schema::k_slot_authors, schema::join_values(authors));
    if (!source.empty()) doc.add_value(schema::k_slot_source, source);
    if (!site.empty()) doc.add_value(schema::k_slot_site, site);
    doc.add_term("all");
    db.add_document(doc);
  };
  add({"Elin Sandvik", "Kenji Mori"}, "Harbour Wire", "bbc.co.uk");
  add({"Elin Sandvik"}, "HARBOUR WIRE", "news.bbc.co.uk");
  add({"ELIN SANDVIK", "Marisol Vega"}, "Rose City Ledger", "bbc.co.uk");
  add({}, "", "");
  const auto facets = count(db, {FacetKind::author, FacetKind::source, FacetKind::site}, 10);
  // Each author of a byline counts; spellings of one name count together.
  CHECK(facets[0].values ==
        std::vector<FacetValue>{{"Elin Sandvik", 3}, {"Kenji Mori", 1}, {"Marisol Vega", 1}});
  CHECK(facets[1].values == std::vector<FacetValue>{{"HARBOUR WIRE", 2}, {"Rose City Ledger", 1}});
  CHECK(facets[2].values == std::vector<FacetValue>{{"bbc.co.uk", 2}, {"news.bbc.co.uk", 1}});
}

TEST_CASE("facet kinds have stable names", "[searcher][facets]") {
  for (const char* name : {"person", "location", "country", "organization", "misc", "author",
                           "source", "site", "year", "month"}) {
    const auto kind = parse_facet_kind(name);
    REQUIRE(kind);
    CHECK(facet_name(*kind) == name);
  }
  CHECK(parse_facet_kind("org") == FacetKind::organization);
  CHECK_FALSE(parse_facet_kind("people"));
  CHECK_FALSE(parse_facet_kind(""));
  CHECK(facet_kind_list("or") ==
        "person, location, country, organization (org), misc, author, source, site, year or month");
}

TEST_CASE("a value of every facet kind filters on the field it was counted from",
          "[searcher][facets]") {
  // The shell's `:filter N` takes a listed value's field from here: a month
  // is a date (it once became a person filter, person:2024-03).
  struct Case {
    FacetKind kind;
    Field filter;
  };
  const Case cases[] = {
      {FacetKind::person, Field::person}, {FacetKind::organization, Field::organization},
      {FacetKind::author, Field::author}, {FacetKind::source, Field::source},
      {FacetKind::site, Field::site},     {FacetKind::year, Field::year},
      {FacetKind::month, Field::date},
  };
  for (const Case& c : cases) {
    INFO(facet_name(c.kind));
    CHECK(facet_info(c.kind).filter == c.filter);
  }
  for (const FacetInfo& info : k_facet_table) {
    INFO(info.name);
    CHECK(facet_info(info.kind).name == info.name);
    CHECK(is_shell_filter(info.filter));
    if (has_values(info.filter)) CHECK(facet_of_field(info.filter) == info.kind);
  }
  CHECK_FALSE(facet_of_field(Field::date));
  CHECK_FALSE(facet_of_field(Field::title));
}

TEST_CASE("with the archive's resolution, an entity's values count as one, each article once",
          "[searcher][facets][resolution]") {
  constexpr EntityType person = EntityType::person;
  constexpr EntityType location = EntityType::location;
  constexpr EntityType org = EntityType::organization;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 6; ++i) db.add_document(with_entities({{person, "Ronald Reagan"}}));
  for (int i = 0; i < 4; ++i) db.add_document(with_entities({{person, "Reagan"}}, "other"));
  for (int i = 0; i < 5; ++i) db.add_document(with_entities({{location, "Denver"}}));
  db.add_document(with_entities({{person, "Denver"}, {person, "Reagan"}}));
  // Both the acronym and its expansion: one article, counted once.
  for (int i = 0; i < 3; ++i) {
    db.add_document(with_entities(
        {{org, "CFTC"}, {org, "Commodity Futures Trading Commission"}, {person, "Reagan"}}));
  }
  db.add_document(with_entities({{org, "CFTC"}}, "other"));

  EntityResolver resolver;
  resolver.learn(db);
  const auto facets = count(db, {FacetKind::person, FacetKind::location, FacetKind::organization},
                            10, "all", &resolver);
  CHECK(facets[0].values == std::vector<FacetValue>{{"Ronald Reagan", 10}});
  CHECK(facets[1].values == std::vector<FacetValue>{{"Denver", 6}});
  CHECK(facets[2].values == std::vector<FacetValue>{{"Commodity Futures Trading Commission", 3}});
  // Matches that hold only an alias are named by the entity's own spelling.
  const auto others =
      count(db, {FacetKind::person, FacetKind::organization}, 10, "other", &resolver);
  CHECK(others[0].values == std::vector<FacetValue>{{"Ronald Reagan", 4}});
  CHECK(others[1].values == std::vector<FacetValue>{{"Commodity Futures Trading Commission", 1}});
  // Without it, the values are counted as stored.
  const auto raw = count(db, {FacetKind::person}, 10);
  CHECK(raw[0].values ==
        std::vector<FacetValue>{{"Ronald Reagan", 6}, {"Reagan", 4}, {"Denver", 1}});
}

}  // namespace dateline

#include "searcher/filters.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "common/schema.hpp"
#include "searcher/query.hpp"

namespace dateline {

TEST_CASE("parse_date_range reads years, months, days and ranges", "[searcher][filters]") {
  struct Case {
    const char* text;
    const char* from;  // "" for open
    const char* to;
  };
  const Case cases[] = {
      {"2016", "2016-01-01", "2016-12-31"},
      {"2016-02", "2016-02-01", "2016-02-29"},  // leap year
      {"2015-02", "2015-02-01", "2015-02-28"},
      {"2016-07-15", "2016-07-15", "2016-07-15"},
      {"2016-07-01..2016-07-31", "2016-07-01", "2016-07-31"},
      {"2016..2017-03", "2016-01-01", "2017-03-31"},
      {"2016..", "2016-01-01", ""},
      {"..2016-07", "", "2016-07-31"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const DateRange range = parse_date_range(c.text);
    CHECK((range.from ? range.from->iso() : std::string()) == c.from);
    CHECK((range.to ? range.to->iso() : std::string()) == c.to);
  }
}

TEST_CASE("parse_date_range rejects what is not a date", "[searcher][filters]") {
  for (const char* bad :
       {"", "..", "16", "2016-13", "2016-02-30", "July", "2017..2016", "2016-7-1", "2016/07/01"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_date_range(bad), QueryError);
  }
}

TEST_CASE("date filters query the date slot", "[searcher][filters]") {
  CHECK(date_filter(parse_date_range("2016-07")).get_description() ==
        "Query(VALUE_RANGE 0 20160701 20160731)");
  CHECK(date_filter(parse_date_range("2016..")).get_description() == "Query(VALUE_GE 0 20160101)");
  CHECK(date_filter(parse_date_range("..2016")).get_description() == "Query(VALUE_LE 0 20161231)");
}

TEST_CASE("entity fields filter on canonical values, else search names", "[searcher][filters]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_boolean_term(schema::entity_filter_term(EntityType::person, "John Kerry"));
  doc.add_boolean_term(schema::entity_filter_term(EntityType::location, "United States"));
  db.add_document(doc);
  Xapian::Document other;
  other.add_boolean_term(schema::entity_filter_term(EntityType::person, "Mary Kerry-Smith"));
  other.add_boolean_term(schema::entity_filter_term(EntityType::person, "Kerryn Phelps"));
  other.add_boolean_term(schema::entity_filter_term(EntityType::organization, "Kerry Group"));
  db.add_document(other);

  const QueryContext context{&db, Xapian::Stem("english"), MatchMode::all};
  struct Case {
    const char* query;
    const char* description;
  };
  const Case cases[] = {
      {"person:\"John Kerry\"", "Query(0 * XPjohn kerry)"},
      {"person:\"JOHN KERRY\"", "Query(0 * XPjohn kerry)"},  // case-insensitive
      {"location:US", "Query(0 * XLunited states)"},         // alias-aware
      {"location:\"U.S.\"", "Query(0 * XLunited states)"},
      // Not a canonical name here: the type's names with every word (whole
      // words, or a prefix with '*'), never another type's.
      {"person:kerry", "Query(0 * XPjohn kerry)"},
      {"person:ker*", "Query(0 * (XPjohn kerry OR XPkerryn phelps OR XPmary kerrysmith))"},
      {"person:\"john ker*\"", "Query(0 * XPjohn kerry)"},
      {"person:\"mary kerry\"", "Query()"},  // keys drop hyphens: "kerrysmith"
      {"person:kerry person:\"John Kerry\"", "Query(0 * (XPjohn kerry AND XPjohn kerry))"},
      {"org:EU", "Query()"},  // not in this index, no name with the word
  };
  for (const Case& c : cases) {
    INFO(c.query);
    CHECK(parse_query(c.query, context).get_description() == c.description);
  }
}

TEST_CASE("with the archive's resolution, an entity filter finds every value of the entity",
          "[searcher][filters][resolution]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto add = [&db](EntityType type, const char* value, int copies) {
    for (int i = 0; i < copies; ++i) {
      Xapian::Document doc;
      doc.add_boolean_term(schema::entity_filter_term(type, value));
      db.add_document(doc);
    }
  };
  add(EntityType::person, "Ronald Reagan", 6);
  add(EntityType::person, "Reagan", 4);
  add(EntityType::location, "Denver", 9);
  add(EntityType::person, "Denver", 2);
  add(EntityType::person, "Kerry", 1);
  const NameResolution names = NameResolution::learn(db);
  const QueryContext context{&db, Xapian::Stem("english"), MatchMode::all, &names};
  const std::string reagan = "Query(0 * (XPronald reagan OR XPreagan))";
  for (const char* query : {"person:reagan", "person:\"Ronald Reagan\"",
                            "person:\"President Reagan\"", "person:\"President Ronald Reagan\""}) {
    INFO(query);
    CHECK(parse_query(query, context).get_description() == reagan);
  }
  const std::string denver = "Query(0 * (XLdenver OR XPdenver))";
  CHECK(parse_query("location:denver", context).get_description() == denver);
  CHECK(parse_query("person:denver", context).get_description() == denver);
  CHECK(parse_query("person:kerry", context).get_description() == "Query(0 * XPkerry)");
  // Without it, exactly the value asked for.
  const QueryContext plain{&db, Xapian::Stem("english"), MatchMode::all};
  CHECK(parse_query("person:reagan", plain).get_description() == "Query(0 * XPreagan)");
  CHECK(parse_query("person:\"President Reagan\"", plain).get_description() ==
        "Query(0 * XPreagan)");
}

TEST_CASE("author, source and site filter on their terms, ignoring case and accents",
          "[searcher][filters]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_boolean_term(schema::name_filter_term(schema::k_prefix_author, "Elin Sandvik"));
  doc.add_boolean_term(schema::name_filter_term(schema::k_prefix_author, "José Pereira"));
  doc.add_boolean_term(schema::name_filter_term(schema::k_prefix_source, "Harbour Wire"));
  for (const std::string& term : schema::site_filter_terms("news.bbc.co.uk")) {
    doc.add_boolean_term(term);
  }
  db.add_document(doc);

  const QueryContext context{&db, Xapian::Stem("english"), MatchMode::all};
  struct Case {
    const char* query;
    const char* description;
  };
  const Case cases[] = {
      {"author:\"Elin Sandvik\"", "Query(0 * XAelin sandvik)"},
      {"AUTHOR:\"ELIN SANDVIK\"", "Query(0 * XAelin sandvik)"},  // field and value: any case
      {"author:\"jose pereira\"", "Query(0 * XAjose pereira)"},  // and accents
      {"author:sandvik", "Query(0 * XAelin sandvik)"},           // a word of a name
      {"author:nobody", "Query()"},
      {"source:\"harbour wire\"", "Query(0 * XSharbour wire)"},
      {"source:harbour", "Query(0 * XSharbour wire)"},
      {"site:bbc.co.uk", "Query(0 * XHbbc.co.uk)"},  // the parent of news.bbc.co.uk
      {"site:www.BBC.co.uk", "Query(0 * XHbbc.co.uk)"},
      {"site:https://news.bbc.co.uk/world", "Query(0 * XHnews.bbc.co.uk)"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    const Xapian::Query query = parse_query(c.query, context);
    CHECK(query.get_description() == c.description);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    CHECK(enquire.get_mset(0, 10).size() == (std::string(c.description) == "Query()" ? 0u : 1u));
  }
  CHECK_THROWS_WITH(parse_query("site:\"not a host\"", context),
                    Catch::StartsWith("site: needs a host name"));
  CHECK_THROWS_WITH(parse_query("author:\"...\"", context),
                    Catch::StartsWith("author: needs a name"));
}

TEST_CASE("a date filter on an index without dates says so", "[searcher][filters]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(Xapian::Document());  // an undated article
  const QueryContext context{&db, Xapian::Stem("english"), MatchMode::all};
  CHECK_FALSE(index_has_dates(db));
  CHECK_THROWS_WITH(parse_query("talks date:2024", context),
                    "no article in this index has a date, so date:2024 matches nothing");
  // A bad date is still called bad.
  CHECK_THROWS_WITH(parse_query("date:2024-13", context), Catch::StartsWith("not a date"));
  Xapian::Document dated;
  dated.add_value(schema::k_slot_date, "20240314");
  db.add_document(dated);
  CHECK(index_has_dates(db));
  CHECK(parse_query("date:2024", context).get_description() ==
        "Query(VALUE_RANGE 0 20240101 20241231)");
}

// Found by tests/fuzz/query_fuzz.cpp: a bad filter value thrown from a
// field processor unwound through Xapian's QueryParser, which leaked the
// terms it held. The processors now record the error and parse_query
// throws it after the parser returns; the inputs are the fuzzer's.
namespace {

// An in-memory index of one dated article: date filters have something to
// filter.
Xapian::WritableDatabase dated_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_value(schema::k_slot_date, "20240314");
  db.add_document(doc);
  return db;
}

}  // namespace

TEST_CASE("a bad filter value is a QueryError from parse_query, not from the parser",
          "[searcher][filters]") {
  Xapian::WritableDatabase db = dated_db();
  const QueryContext context{&db, Xapian::Stem("english"), MatchMode::all};
  const char* bad[] = {
      "date:2neg\xe9otiat*\n016",         // query_fuzz leak input
      "date:2016..s: oPicmkemon",         // snippet_fuzz leak input
      "kerry date:2016-13 person:kerry",  // error between good terms
      "person:\"\" date:2016",
  };
  for (const char* query : bad) {
    INFO(query);
    CHECK_THROWS_AS(parse_query(query, context), QueryError);
    CHECK_FALSE(take_filter_error().has_value());  // parse_query took it
  }
  // Nothing is left over to fail the next, good, query.
  CHECK(parse_query("date:2016", context).get_description() ==
        "Query(VALUE_RANGE 0 20160101 20161231)");

  // Called directly, a processor matches nothing and records the error.
  DateFieldProcessor dates;
  CHECK(dates("not-a-date").get_description() == "Query()");
  const std::optional<QueryError> error = take_filter_error();
  REQUIRE(error.has_value());
  CHECK_THAT(error->what(), Catch::Contains("not-a-date"));
  CHECK_FALSE(take_filter_error().has_value());
}

}  // namespace dateline

namespace dateline {

// The processors hand their errors to parse_query instead of throwing
// through Xapian's parser (which leaks when they do); the sanitizer build's
// LeakSanitizer fails this test if any bad value still throws through it.
TEST_CASE("a bad filter value is a QueryError from parse_query, and the next parse is clean",
          "[searcher][filters]") {
  Xapian::WritableDatabase db = dated_db();
  const QueryContext context{&db, Xapian::Stem("english"), MatchMode::all};
  Xapian::QueryParser parser = make_query_parser(context);
  const std::pair<const char*, const char*> bad[] = {
      {"talks date:2024-13", "not a date (use YYYY, YYYY-MM or YYYY-MM-DD): '2024-13'"},
      {"date:2024..2023 date:2025-99", "date range ends before it starts: '2024..2023'"},
      {"okafor date:..", "a date range needs at least one end"},
  };
  for (const auto& [query, message] : bad) {
    INFO(query);
    try {
      parse_query(query, parser);
      FAIL("no error");
    } catch (const QueryError& e) {
      CHECK(std::string(e.what()) == message);
    }
    CHECK_FALSE(take_filter_error().has_value());
    CHECK(parse_query("date:2024", parser).get_description() ==
          "Query(VALUE_RANGE 0 20240101 20241231)");
  }
}

}  // namespace dateline

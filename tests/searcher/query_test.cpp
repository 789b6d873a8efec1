#include "searcher/query.hpp"

#include <catch2/catch.hpp>

#include "tests/temp_dir.hpp"

namespace dateline {

TEST_CASE("check_query_syntax accepts well-formed queries", "[searcher][query]") {
  const char* good[] = {
      "kerry",
      "john kerry",
      "\"john kerry\" AND lavrov",
      "(kerry OR lavrov) NOT putin",
      "title:syria",
      "negotiat*",
      "+kerry -putin",
      "kerry NEAR lavrov",
      "NOT putin",
      "kerry AND NOT putin",
      "person:\"John Kerry\"",
      "note: the talks",
      "São Paulo",
      "a OR (b AND (c OR d))",
  };
  for (const char* query : good) {
    INFO(query);
    CHECK_NOTHROW(check_query_syntax(query));
  }
}

TEST_CASE("check_query_syntax names where a query goes wrong", "[searcher][query]") {
  struct Case {
    const char* query;
    std::size_t position;
  };
  const Case bad[] = {
      {"\"unclosed phrase", 1},
      {"kerry \"unclosed", 7},
      {"(kerry OR lavrov", 1},
      {"kerry)", 6},
      {"AND kerry", 1},
      {"kerry AND", 7},
      {"kerry OR OR lavrov", 10},
      {"(AND kerry)", 2},
      {"kerry NOT", 7},
      {"person:", 1},
      {"kerry date: 2016", 7},
      {"(-org:) kerry", 2},
      {"(kerry NOT) lavrov", 8},
      {"kerry NOT NOT lavrov", 7},
      {"é \"x", 3},  // positions count characters, not bytes
  };
  for (const Case& c : bad) {
    INFO(c.query);
    try {
      check_query_syntax(c.query);
      FAIL("no error");
    } catch (const QueryError& e) {
      CHECK(e.position() == c.position);
      CHECK_THAT(e.what(), Catch::Contains("position " + std::to_string(c.position)));
    }
  }
}

TEST_CASE("empty and oversized queries are errors", "[searcher][query]") {
  CHECK_THROWS_AS(check_query_syntax(""), QueryError);
  CHECK_THROWS_AS(check_query_syntax("   "), QueryError);
  CHECK_THROWS_AS(check_query_syntax(std::string(k_max_query_bytes + 1, 'a')), QueryError);
}

TEST_CASE("a query may hold up to k_max_wildcards wildcards", "[searcher][query]") {
  std::string query;
  for (std::size_t i = 0; i < k_max_wildcards; ++i) query += "ab* ";
  CHECK_NOTHROW(check_query_syntax(query));
  CHECK_NOTHROW(check_query_syntax(query + "\"ab* inside a phrase\" * ab"));
  try {
    check_query_syntax(query + "cd*");
    FAIL("no error");
  } catch (const QueryError& e) {
    CHECK(e.position() == query.size() + 1);  // the first one too many
    CHECK_THAT(e.what(), Catch::Contains("more than 64 wildcards"));
  }
}

TEST_CASE("parse_query builds the query dateline means", "[searcher][query]") {
  QueryContext context;
  context.stemmer = Xapian::Stem("english");
  struct Case {
    const char* query;
    MatchMode mode;
    const char* description;
  };
  const Case cases[] = {
      {"kerry lavrov", MatchMode::all, "Query((Zkerri@1 AND Zlavrov@2))"},
      {"kerry lavrov", MatchMode::any, "Query((Zkerri@1 OR Zlavrov@2))"},
      {"title:syria", MatchMode::all, "Query(ZSsyria@1)"},
      // Stems only (the index has no other terms): capitalised words and
      // phrases are stemmed too.
      {"title:Syria", MatchMode::all, "Query(ZSsyria@1)"},
      {"Pokémon", MatchMode::all, "Query(Zpokemon@1)"},  // accents folded
      {"\"john kerry\"", MatchMode::all, "Query((Zjohn@1 PHRASE 2 Zkerri@2))"},
      // Without a database a wildcard is left to Xapian, over stems.
      {"negotiat*", MatchMode::all, "Query(WILDCARD SYNONYM Znegotiat)"},
      {"title:negotiat*", MatchMode::all, "Query(WILDCARD SYNONYM ZSnegotiat)"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    context.mode = c.mode;
    CHECK(parse_query(c.query, context).get_description() == c.description);
  }
}

TEST_CASE("route_wildcards sends trailing wildcards to their own fields", "[searcher][query]") {
  struct Case {
    const char* query;
    const char* routed;
  };
  const Case cases[] = {
      {"negotiat*", "dateline_wildcard:negotiat"},
      {"kerry presiden*", "kerry dateline_wildcard:presiden"},
      {"title:syri* talks", "dateline_title_wildcard:syri talks"},
      {"+negotiat* -talk*", "+dateline_wildcard:negotiat -dateline_wildcard:talk"},
      {"(presiden* OR minist*)", "(dateline_wildcard:presiden OR dateline_wildcard:minist)"},
      // Left alone: inside a phrase, another field's value, an inner star,
      // no star.
      {"\"presiden* talks\"", "\"presiden* talks\""},
      {"person:ker*", "person:ker*"},
      {"a*b kerry", "a*b kerry"},
      // A star on its own is every article.
      {"* a*b kerry", "dateline_everything:articles a*b kerry"},
      {"(*) -*", "(dateline_everything:articles) -dateline_everything:articles"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    CHECK(route_wildcards(c.query) == c.routed);
    CHECK(restore_wildcards(route_wildcards(c.query)) == c.query);
  }
}

TEST_CASE("an unknown field is an error that names it, lists the fields and suggests one",
          "[searcher][query]") {
  struct Case {
    const char* query;
    std::size_t position;
    const char* name;        // as typed
    const char* suggestion;  // "" for none
  };
  const Case cases[] = {
      {"people:blair", 1, "people", "person"},
      {"kerry place:iraq", 7, "place", "location"},
      {"year:1987", 1, "year", "date"},
      {"(persn:kerry OR lavrov)", 2, "persn", "person"},
      {"-titel:syria", 2, "titel", "title"},
      {"Autor:smith", 1, "Autor", "author"},
      {"publication:reuters", 1, "publication", "source"},
      {"\"a phrase\" domain:bbc.co.uk", 12, "domain", "site"},
      {"é colour:red", 3, "colour", ""},  // positions count characters
      {"Re:talks", 1, "Re", ""},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    try {
      check_query_syntax(c.query);
      FAIL("no error");
    } catch (const QueryError& e) {
      const std::string message = e.what();
      CHECK(e.position() == c.position);
      CHECK_THAT(message, Catch::StartsWith("unknown field '" + std::string(c.name) +
                                            ":' at position " + std::to_string(c.position)));
      CHECK_THAT(message,
                 Catch::Contains("fields are title, person, location, country, organization "
                                 "(org), misc, author, source, site and date"));
      if (*c.suggestion != '\0') {
        CHECK_THAT(message, Catch::EndsWith("did you mean '" + std::string(c.suggestion) + ":'?"));
      } else {
        CHECK_THAT(message, !Catch::Contains("did you mean"));
        CHECK_THAT(message, Catch::Contains("put it in quotes"));
      }
    }
  }
}

TEST_CASE("text that only looks like a field is searched as text", "[searcher][query]") {
  for (const char* query : {
           "10:30", "3:1 win", "http://example.com/a", "https://www.bbc.co.uk/news",
           "www.x.com:8080", "C:\\reports", "Re: talks", "note:", "\"people:blair\"",
           "kerry (note: lavrov)", "a:b",  // one letter is not a field name
           "ab2:x",                        // nor are digits
       }) {
    INFO(query);
    CHECK_NOTHROW(check_query_syntax(query));
  }
}

TEST_CASE("field names ignore case", "[searcher][query]") {
  CHECK(lower_field_names("Person:Blair TITLE:Syria \"Re:x\" ORG:EU 10:30") ==
        "person:Blair title:Syria \"Re:x\" org:EU 10:30");
  QueryContext context;
  context.stemmer = Xapian::Stem("english");
  CHECK(parse_query("TITLE:syria", context).get_description() == "Query(ZSsyria@1)");
  CHECK(parse_query("Title:Negotiat*", context).get_description() ==
        "Query(WILDCARD SYNONYM ZSnegotiat)");
  CHECK(parse_query("DATE:2024", context).get_description() ==
        "Query(VALUE_RANGE 0 20240101 20241231)");
}

TEST_CASE("a star on its own matches every article, weighing nothing", "[searcher][query]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* word : {"zebra", "lion", "okapi"}) {
    Xapian::Document doc;
    doc.add_term(std::string("Z") + word);
    db.add_document(doc);
  }
  QueryContext context{&db, Xapian::Stem("english"), MatchMode::all};
  Xapian::Enquire enquire(db);
  enquire.set_query(parse_query("*", context));
  Xapian::MSet all = enquire.get_mset(0, 10);
  CHECK(all.size() == 3);
  CHECK(all.get_max_possible() == 0);
  enquire.set_query(parse_query("* zebra", context));
  CHECK(enquire.get_mset(0, 10).size() == 1);
  enquire.set_query(parse_query("* NOT zebra", context));
  CHECK(enquire.get_mset(0, 10).size() == 2);
  CHECK(restore_wildcards(route_wildcards("* NOT zebra")) == "* NOT zebra");
}

TEST_CASE("a wildcard expands to the stems of the words that start with it", "[searcher][query]") {
  // The spelling data holds the words (the in-memory backend has none).
  const test::TempDir dir;
  const Xapian::Stem stemmer("english");
  {
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    auto add = [&](std::initializer_list<const char*> words) {
      Xapian::Document doc;
      for (const char* word : words) {
        doc.add_term("Z" + stemmer(word));
        db.add_spelling(word);
      }
      db.add_document(doc);
    };
    add({"president", "presidential"});  // stems "presid", "presidenti"
    add({"presidency"});                 // "presid"
    add({"preside"});                    // "presid": not a "presiden" word
    add({"1987"});
    db.commit();
  }
  const Xapian::Database db((dir.path() / "db").string());
  QueryContext context{&db, stemmer, MatchMode::all};
  Xapian::Enquire enquire(db);
  auto matches = [&](const char* query) {
    enquire.set_query(parse_query(query, context));
    return enquire.get_mset(0, 10).size();
  };
  // "president" stems to "presid", which "presiden*" does not start: found
  // through the word. Articles with other words of that stem match too.
  CHECK(parse_query("presiden*", context).get_description() ==
        "Query((Zpresid SYNONYM Zpresidenti))");
  CHECK(matches("presiden*") == 3);
  CHECK(matches("presidenti*") == 1);
  CHECK(matches("198*") == 1);  // not a spelling word: found by its stem
  CHECK(matches("zebra*") == 0);
}

TEST_CASE("entity salience: the filters a query wants, not those it excludes",
          "[searcher][query][salience]") {
  using Q = Xapian::Query;
  const Q wanted(Q::OP_FILTER, Q("Ztalk"), Q(Q::OP_OR, Q("XPjohn kerry"), Q("XPkerry")));
  const Q query(Q::OP_AND_NOT, Q(Q::OP_FILTER, wanted, Q("XCfrance")), Q("XLgeneva"));
  CHECK(wanted_entity_terms(query) ==
        std::vector<std::string>{"XPjohn kerry", "XPkerry", "XCfrance"});
  // Other prefixes' terms are not entities: "XS" source, "XPA" no key.
  CHECK(wanted_entity_terms(Q(Q::OP_FILTER, Q("Ztalk"), Q("XSharbour wire"))).empty());
  const Q plain(Q::OP_FILTER, Q("Ztalk"), Q("XSharbour wire"));
  CHECK(with_entity_salience(plain).get_description() == plain.get_description());
  CHECK_THAT(with_entity_salience(query).get_description(),
             Catch::Contains("AND_MAYBE") &&
                 Catch::Contains("0.5 * (XPjohn kerry OR XPkerry OR XCfrance)"));
}

TEST_CASE("field_values finds each field's value and where it is written", "[searcher][query]") {
  const std::string query = R"(talks Person:"Ronald ""Dutch"" Reagan" (org:sec OR x:1) date:2024)";
  const std::vector<FieldValueSpan> spans = field_values(query);
  REQUIRE(spans.size() == 3);  // "x:" is no field
  CHECK(spans[0].field == Field::person);
  CHECK(spans[0].value == R"(Ronald "Dutch" Reagan)");
  CHECK(query.substr(spans[0].begin, spans[0].end - spans[0].begin) ==
        R"("Ronald ""Dutch"" Reagan")");
  CHECK(spans[1].field == Field::organization);
  CHECK(spans[1].value == "sec");
  CHECK(query.substr(spans[1].begin, spans[1].end - spans[1].begin) == "sec");
  CHECK(spans[2].field == Field::date);
  CHECK(spans[2].value == "2024");
  CHECK(spans[2].end == query.size());
  CHECK(field_values("no fields here, 10:30").empty());
}

}  // namespace dateline

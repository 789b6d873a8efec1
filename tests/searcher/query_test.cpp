#include "searcher/query.hpp"

#include <catch2/catch.hpp>

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
      {"title:Syria", MatchMode::all, "Query(Ssyria@1)"},  // capitalised: not stemmed
      {"Pokémon", MatchMode::all, "Query(pokemon@1)"},     // accents folded
      {"\"john kerry\"", MatchMode::all, "Query((john@1 PHRASE 2 kerry@2))"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    context.mode = c.mode;
    CHECK(parse_query(c.query, context).get_description() == c.description);
  }
}

}  // namespace dateline

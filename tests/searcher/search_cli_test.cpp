#include "searcher/search_cli.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/text.hpp"

namespace dateline {

namespace po = boost::program_options;

TEST_CASE("dateline-search parses its options into SearchParams, the others at their defaults",
          "[searcher][cli]") {
  struct Case {
    std::vector<std::string> args;
    MatchMode mode;
    std::size_t limit;
    std::size_t offset;
    OutputFormat format;
    ColorChoice color;
    const char* query;
  };
  const Case cases[] = {
      {{"--db", "idx", "--any", "-n", "5", "--offset", "10", "--json", "--color", "never", "john",
        "kerry"},
       MatchMode::any,
       5,
       10,
       OutputFormat::json,
       ColorChoice::never,
       "john kerry"},
      {{"--db", "idx", "\"a phrase\" title:x"},
       MatchMode::all,
       10,
       0,
       OutputFormat::text,
       ColorChoice::automatic,
       "\"a phrase\" title:x"},
      {{"--db", "idx", "--color=always", "q"},
       MatchMode::all,
       10,
       0,
       OutputFormat::text,
       ColorChoice::always,
       "q"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    const SearchCommandLine parsed = parse_search_command_line(c.args);
    CHECK(parsed.db_path == "idx");
    CHECK(parsed.request.mode == c.mode);
    CHECK(parsed.request.limit == c.limit);
    CHECK(parsed.request.offset == c.offset);
    CHECK(parsed.format == c.format);
    CHECK(parsed.color == c.color);
    CHECK(parsed.request.query == c.query);
  }
}

TEST_CASE("dateline-search parses filters, sorting and facets", "[searcher][cli]") {
  const SearchCommandLine c = parse_search_command_line(
      {"--db", "idx", "--since", "2016-07", "--until", "2016", "--sort", "newest", "--facets",
       "year,org,person,org", "--facet-limit", "3", "--like", "abc"});
  REQUIRE(c.request.dates.from);
  CHECK(c.request.dates.from->iso() == "2016-07-01");
  REQUIRE(c.request.dates.to);
  CHECK(c.request.dates.to->iso() == "2016-12-31");
  CHECK(c.request.sort == SortOrder::newest);
  CHECK(c.request.facets ==
        std::vector<FacetKind>{FacetKind::year, FacetKind::organization, FacetKind::person});
  CHECK(c.request.facet_limit == 3);
  CHECK(c.request.like_id == "abc");
  CHECK(c.request.query.empty());  // no words: batch mode reads stdin
  CHECK(parse_search_command_line({"--db", "i", "--no-facets", "q"}).request.facets.empty());
  CHECK(parse_search_command_line({"--db", "i", "q"}).request.facets ==
        std::vector<FacetKind>{FacetKind::person, FacetKind::location, FacetKind::organization,
                               FacetKind::country});
}

TEST_CASE("dateline-search rejects bad command lines", "[searcher][cli]") {
  const std::vector<std::vector<std::string>> bad = {
      {"--bogus", "q"},
      {"q"},                                  // no --db
      {"--db", "idx", "--limit", "-3", "q"},  // negative
      {"--db", "idx", "--color", "sometimes", "q"},
      {"--db", "idx", "--sort", "sideways", "q"},
      {"--db", "idx", "--facets", "person,colour", "q"},
      {"--db", "idx", "--since", "last week", "q"},
      {"--db", "idx", "--until", "2016-13", "q"},
      {"--db", "idx", "--facet-limit", "0", "q"},
  };
  for (const auto& args : bad) {
    INFO(args.front() << " ...");
    CHECK_THROWS_AS(parse_search_command_line(args), po::error);
  }
}

TEST_CASE("dateline-search --help lists every field, facet and order, with no stray ':' line",
          "[searcher][cli]") {
  // Boost wraps the options' descriptions: compare words, not lines.
  const std::string usage = collapse_whitespace(search_usage());
  for (const char* needed :
       {"title, person, location, country, organization (org), misc, author, source, site and date",
        "person, location, country, organization (org), misc, author, source, site, year or month",
        "relevance, newest or oldest", "--show", "0 for the total and the facets only",
        "* alone for every article"}) {
    INFO(needed);
    CHECK_THAT(usage, Catch::Contains(needed));
  }
  // Boost prints a caption's ':' on a line of its own; the head is not one.
  CHECK_THAT(search_usage(), !Catch::Contains("\n:\n") && !Catch::StartsWith(":"));
}

TEST_CASE("every numeric option is range-checked in one line naming it and its range",
          "[searcher][cli]") {
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  const Case cases[] = {
      {{"--offset", "-5"}, "--offset must be a whole number from 0 to 1000000000, not '-5'"},
      {{"--offset", "1e3"}, "--offset must be a whole number from 0 to 1000000000, not '1e3'"},
      {{"--limit", "10001"}, "--limit must be a whole number from 0 to 10000, not '10001'"},
      {{"-n", "ten"}, "--limit must be a whole number from 0 to 10000, not 'ten'"},
      {{"--facet-limit", "0"}, "--facet-limit must be a whole number from 1 to 10000, not '0'"},
      {{"--timeout", "0"}, "--timeout must be a number of seconds from 0.001 to 3600, not '0'"},
      {{"--timeout", "soon"}, "--timeout must be a number of seconds from 0.001 to 3600"},
      {{"--timeout", "nan"}, "--timeout must be a number of seconds from 0.001 to 3600"},
      {{"--sort", "sideways"}, "--sort must be relevance, newest or oldest, not 'sideways'"},
      {{"--color", "pink"}, "--color must be auto, always or never, not 'pink'"},
      {{"--facets", "person,colour"},
       "--facets: no facet 'colour'; facets are person, location, country, organization (org), "
       "misc, "
       "author, source, site, year and month"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"--db", "idx"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back("q");
    INFO(c.args.front() << " " << c.args.back());
    try {
      parse_search_command_line(args);
      FAIL("accepted");
    } catch (const po::error& e) {
      CHECK_THAT(e.what(), Catch::Contains(c.says));
      CHECK_THAT(e.what(), !Catch::Contains("\n"));
    }
  }
  // The ends of each range are in it.
  CHECK(parse_search_command_line({"--db", "i", "--offset", "1000000000", "q"}).request.offset ==
        1000000000);
  CHECK(
      parse_search_command_line({"--db", "i", "--facet-limit", "10000", "q"}).request.facet_limit ==
      10000);
  CHECK(parse_search_command_line({"--db", "i", "--timeout", "0.001", "q"}).timeout ==
        std::chrono::milliseconds(1));
}

TEST_CASE("a --limit of 0 asks for the total and the facets only", "[searcher][cli]") {
  const SearchCommandLine c = parse_search_command_line({"--db", "idx", "--limit", "0", "*"});
  CHECK(c.request.limit == 0);
  CHECK(c.request.query == "*");
}

TEST_CASE("a blank query is an error, no query at all reads stdin", "[searcher][cli]") {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--db", "idx", ""}, {"--db", "idx", "  "}, {"--db", "idx", "", "\t"}}) {
    CHECK_THROWS_WITH(parse_search_command_line(args), Catch::StartsWith("the query is empty"));
  }
  CHECK(parse_search_command_line({"--db", "idx"}).request.query.empty());
}

TEST_CASE("a --show takes an article id and nothing to search for", "[searcher][cli]") {
  const SearchCommandLine c = parse_search_command_line({"--db", "idx", "--json", "--show", "ab"});
  CHECK(c.show_id == "ab");
  CHECK(c.format == OutputFormat::json);
  CHECK_THROWS_AS(parse_search_command_line({"--db", "idx", "--show", "ab", "geneva"}), po::error);
  CHECK_THROWS_AS(parse_search_command_line({"--db", "idx", "--show", "ab", "--like", "cd"}),
                  po::error);
}

TEST_CASE("dateline-search shard options: --remote, --timeout, --allow-partial",
          "[searcher][cli]") {
  const SearchCommandLine c =
      parse_search_command_line({"--remote", "10.0.0.7:33333", "--remote", "[::1]:4000",
                                 "--timeout", "2.5", "--allow-partial", "talks"});
  CHECK(c.db_path.empty());
  CHECK(c.remotes == std::vector<std::string>{"10.0.0.7:33333", "[::1]:4000"});
  CHECK(c.timeout == std::chrono::milliseconds(2500));
  CHECK(c.allow_partial == AllowPartial::yes);
  const IndexSource source = c.index_source();
  CHECK(source.databases.empty());
  CHECK(source.remotes.size() == 2);
  CHECK(source.timeout == std::chrono::milliseconds(2500));

  const SearchCommandLine d = parse_search_command_line({"--db", "idx", "q"});
  CHECK(d.timeout == std::chrono::milliseconds(10000));
  CHECK(d.allow_partial == AllowPartial::no);
  CHECK(d.index_source().databases == std::vector<std::string>{"idx"});

  CHECK_THROWS_AS(parse_search_command_line({"--remote", "nohost", "q"}), po::error);
  CHECK_THROWS_AS(parse_search_command_line({"--remote", "h:0", "q"}), po::error);
  CHECK_THROWS_AS(parse_search_command_line({"--db", "i", "--timeout", "0", "q"}), po::error);
  CHECK_THROWS_AS(parse_search_command_line({"--db", "i", "--timeout", "-1", "q"}), po::error);
  CHECK_THROWS_AS(parse_search_command_line({"--timeout", "1", "q"}), po::required_option);
}

}  // namespace dateline

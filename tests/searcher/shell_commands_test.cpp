#include "searcher/shell_commands.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "searcher/query.hpp"

namespace dateline::shell {
namespace {

template <typename T>
const T& parsed_as(const Command& command) {
  REQUIRE(std::holds_alternative<T>(command));
  return std::get<T>(command);
}

}  // namespace

TEST_CASE("plain lines are queries, blank lines nothing", "[searcher][shell]") {
  CHECK(parsed_as<RunQuery>(parse_command("  kerry lavrov  ")).text == "kerry lavrov");
  CHECK(parsed_as<RunQuery>(parse_command("person:\"John Kerry\" -putin")).text ==
        "person:\"John Kerry\" -putin");
  CHECK(parsed_as<RunQuery>(parse_command("geneva\r")).text == "geneva");
  CHECK(std::holds_alternative<NoCommand>(parse_command("")));
  CHECK(std::holds_alternative<NoCommand>(parse_command(" \t ")));
}

template <typename T>
bool is(const Command& command) {
  return std::holds_alternative<T>(command);
}

TEST_CASE("commands and their short forms", "[searcher][shell]") {
  struct Case {
    const char* line;
    bool (*parsed_as)(const Command&);
  };
  const Case cases[] = {
      {":facets", is<ShowFacets>},
      {":fa", is<ShowFacets>},
      {":filter 3", is<FilterByNumber>},
      {":fi -3", is<FilterByNumber>},
      {":back", is<PopFilter>},
      {":b", is<PopFilter>},
      {":clear", is<ClearFilters>},
      {":c", is<ClearFilters>},
      {":next", is<NextPage>},
      {":n", is<NextPage>},
      {":prev", is<PreviousPage>},
      {":p", is<PreviousPage>},
      {":page 2", is<GoToPage>},
      {":pg 2", is<GoToPage>},
      {":sort newest", is<SetSort>},
      {":so oldest", is<SetSort>},
      {":since", is<SetSince>},
      {":si 2024", is<SetSince>},
      {":until", is<SetUntil>},
      {":u 2024-06", is<SetUntil>},
      {":show 1", is<ShowArticle>},
      {":s 1", is<ShowArticle>},
      {":like 2", is<MoreLike>},
      {":l 2", is<MoreLike>},
      {":dup 1", is<ShowDuplicates>},
      {":d 1", is<ShowDuplicates>},
      {":trend", is<ShowTrend>},
      {":t", is<ShowTrend>},
      {":stats", is<ShowStats>},
      {":st", is<ShowStats>},
      {":json", is<ToggleJson>},
      {":j", is<ToggleJson>},
      {":help", is<ShowHelp>},
      {":h", is<ShowHelp>},
      {":?", is<ShowHelp>},
      {":quit", is<Quit>},
      {":q", is<Quit>},
      {":exit", is<Quit>},
      {"  :q  ", is<Quit>},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    CHECK(c.parsed_as(parse_command(c.line)));
  }
}

// Each row of the table holds its parser, so a command added to the table
// cannot fall through to another's (the parser once matched names as
// strings and ended in `return Quit{}`). Every alternative of Command is
// some line's, and no two rows parse to the same one.
TEST_CASE("every command of the table parses to a command of its own", "[searcher][shell]") {
  // A line with arguments each command accepts; the :filter row also
  // parses to FilterByValue (":filter person Kerry").
  const std::map<std::string, std::string> arguments = {
      {"facets", ""}, {"filter", " 1"}, {"back", ""},        {"clear", ""}, {"next", ""},
      {"prev", ""},   {"page", " 2"},   {"sort", " newest"}, {"since", ""}, {"until", ""},
      {"show", " 1"}, {"like", " 1"},   {"dup", " 1"},       {"trend", ""}, {"stats", ""},
      {"json", ""},   {"help", ""},     {"quit", ""},
  };
  std::set<std::size_t> parsed = {parse_command("").index(), parse_command("kerry").index(),
                                  parse_command(":filter person Kerry").index()};
  std::size_t rows = 0;
  for (const CommandInfo& info : commands()) {
    INFO(info.name);
    REQUIRE(arguments.count(info.name) == 1);
    CHECK(find_command(info.alias) == &info);
    CHECK(parsed.insert(parse_command(":" + info.name + arguments.at(info.name)).index()).second);
    ++rows;
  }
  CHECK(rows == arguments.size());
  CHECK(parsed.size() == std::variant_size_v<Command>);
  CHECK(find_command("nothing") == nullptr);
}

TEST_CASE("command arguments", "[searcher][shell]") {
  SECTION(":facets takes kinds and a count, in either order") {
    const ShowFacets plain = parsed_as<ShowFacets>(parse_command(":facets"));
    CHECK(plain.kinds.empty());
    CHECK_FALSE(plain.limit);
    const ShowFacets both = parsed_as<ShowFacets>(parse_command(":facets person,org,person 5"));
    CHECK(both.kinds == std::vector<FacetKind>{FacetKind::person, FacetKind::organization});
    CHECK(both.limit == 5u);
    const ShowFacets swapped = parsed_as<ShowFacets>(parse_command(":fa 20 year"));
    CHECK(swapped.kinds == std::vector<FacetKind>{FacetKind::year});
    CHECK(swapped.limit == 20u);
    // Every kind there is, months and the new ones too.
    CHECK(parsed_as<ShowFacets>(parse_command(":facets month,author,site,source")).kinds ==
          std::vector<FacetKind>{FacetKind::month, FacetKind::author, FacetKind::site,
                                 FacetKind::source});
  }
  SECTION(":filter by number, or by field and value") {
    const FilterByNumber number = parsed_as<FilterByNumber>(parse_command(":filter 12"));
    CHECK(number.number == 12);
    CHECK(number.negated == Negated::no);
    CHECK(parsed_as<FilterByNumber>(parse_command(":fi -4")).negated == Negated::yes);

    struct Case {
      const char* line;
      ActiveFilter expected;
    };
    const Case cases[] = {
        {":filter person \"John Kerry\"", {Field::person, "John Kerry", Negated::no}},
        {":filter person John   Kerry ", {Field::person, "John Kerry", Negated::no}},
        {":filter -location Syria", {Field::location, "Syria", Negated::yes}},
        {":filter org EU", {Field::organization, "EU", Negated::no}},
        {":filter organization:\"European Union\"",
         {Field::organization, "European Union", Negated::no}},
        {":filter -person:Kerry", {Field::person, "Kerry", Negated::yes}},
        {":filter source Harbour Wire", {Field::source, "Harbour Wire", Negated::no}},
        {":filter year 2024", {Field::year, "2024", Negated::no}},
        {":filter date 2024-03..2024-06", {Field::date, "2024-03..2024-06", Negated::no}},
        {":filter misc \"São Paulo Open\"", {Field::misc, "São Paulo Open", Negated::no}},
        {":filter author Elin Sandvik", {Field::author, "Elin Sandvik", Negated::no}},
        {":filter -site bbc.co.uk", {Field::site, "bbc.co.uk", Negated::yes}},
        {":filter Person:Kerry", {Field::person, "Kerry", Negated::no}},  // any case
        {":filter ORG EU", {Field::organization, "EU", Negated::no}},
    };
    for (const Case& c : cases) {
      INFO(c.line);
      CHECK(parsed_as<FilterByValue>(parse_command(c.line)).filter == c.expected);
    }
  }
  SECTION("numbers, orders and dates") {
    CHECK(parsed_as<GoToPage>(parse_command(":page 7")).page == 7);
    CHECK(parsed_as<SetSort>(parse_command(":sort newest")).order == SortOrder::newest);
    CHECK(parsed_as<SetSort>(parse_command(":sort relevance")).order == SortOrder::relevance);
    CHECK(parsed_as<ShowArticle>(parse_command(":show 3")).number == 3);
    CHECK(parsed_as<MoreLike>(parse_command(":like 10")).number == 10);
    CHECK(parsed_as<ShowDuplicates>(parse_command(":dup 2")).number == 2);

    const SetSince since = parsed_as<SetSince>(parse_command(":since 2024-07"));
    CHECK(since.text == "2024-07");
    REQUIRE(since.date);
    CHECK(since.date->iso() == "2024-07-01");
    const SetUntil until = parsed_as<SetUntil>(parse_command(":until 2024-02"));
    REQUIRE(until.date);
    CHECK(until.date->iso() == "2024-02-29");  // the last day of the month
    const SetSince cleared = parsed_as<SetSince>(parse_command(":since"));
    CHECK(cleared.text.empty());
    CHECK_FALSE(cleared.date);
  }
  SECTION(":trend of the search or of one value; :help of one command") {
    CHECK_FALSE(parsed_as<ShowTrend>(parse_command(":trend")).subject);
    const ShowTrend trend = parsed_as<ShowTrend>(parse_command(":trend person \"John Kerry\""));
    REQUIRE(trend.subject);
    CHECK(*trend.subject == ActiveFilter{Field::person, "John Kerry", Negated::no});
    CHECK(parsed_as<ShowTrend>(parse_command(":t org:NATO")).subject->field == Field::organization);
    CHECK(parsed_as<ShowTrend>(parse_command(":trend site bbc.co.uk")).subject->field ==
          Field::site);
    CHECK(parsed_as<ShowHelp>(parse_command(":help")).topic.empty());
    CHECK(parsed_as<ShowHelp>(parse_command(":help fi")).topic == "filter");
    CHECK(parsed_as<ShowHelp>(parse_command(":help :q")).topic == "quit");
  }
}

TEST_CASE("bad command lines name the column", "[searcher][shell]") {
  struct Case {
    const char* line;
    std::size_t column;
    const char* says;
  };
  const Case cases[] = {
      {":bogus", 1, "unknown command ':bogus'"},
      {"  :", 3, "command name"},
      {":page", 6, "needs a page number"},
      {":page x", 7, "expected a page number"},
      {":page 0", 7, "counts from 1"},
      {":page 1 2", 9, "takes fewer arguments"},
      {":next 2", 7, "takes no argument"},
      {":show", 6, "needs a result number"},
      {":show -1", 7, "expected a result number"},
      {":sort sideways", 7, "unknown order 'sideways' (relevance, newest or oldest)"},
      {":since 2024-13", 8, "not a date"},
      {":since 2024..2025", 8, "not a date"},
      {":until yesterday", 8, "not a date"},
      {":facets person,colour", 16, "unknown facet 'colour'"},
      {":facets colour,month", 9, "unknown facet 'colour' (person, location"},
      {":facets 5 6", 11, "one number"},
      {":facets 2000", 9, "at most 1000"},
      {":filter", 8, "needs a facet number"},
      {":filter colour red", 9,
       "unknown field 'colour' (use person, location, country, organization (org), misc, author, "
       "source, site, date or year)"},
      {":filter title geneva", 9, "unknown field 'title'"},
      {":filter -colour red", 10, "unknown field 'colour'"},
      {":filter person", 15, "'person' needs a value"},
      {":filter person \"John", 16, "never closed"},
      {":filter person \"John\" Kerry", 16, "whole rest of the line"},
      {":filter year 24", 14, "four digits"},
      {":filter site", 13, "'site' needs a value, as in :filter site bbc.co.uk"},
      {":filter date 2024-02-30", 14, "not a date"},
      {":filter 0", 9, "counts from 1"},
      {":trend year 2024", 8,
       "unknown field 'year' (use person, location, country, organization (org), misc, author, "
       "source "
       "or site)"},
      {":trend -person Kerry", 8, "cannot exclude"},
      {":help nothing", 7, "no command ':nothing'"},
      {":é x", 1, "unknown command"},
      {":filter é colour", 9, "unknown field"},
      {":filter person \"São", 16, "never closed"},
      {":filter é \"x", 11, "never closed"},  // columns count characters, not bytes
  };
  for (const Case& c : cases) {
    INFO(c.line);
    try {
      parse_command(c.line);
      FAIL("no error");
    } catch (const QueryError& e) {
      CHECK(e.position() == c.column);
      CHECK_THAT(e.what(), Catch::Contains(c.says));
      CHECK_THAT(e.what(), Catch::EndsWith("at column " + std::to_string(c.column)));
    }
  }
}

TEST_CASE("filters in the query language", "[searcher][shell]") {
  struct Case {
    ActiveFilter filter;
    const char* text;
  };
  const Case cases[] = {
      {{Field::person, "John Kerry", Negated::no}, "person:\"John Kerry\""},
      {{Field::location, "Syria", Negated::yes}, "NOT location:\"Syria\""},
      {{Field::organization, "NATO", Negated::no}, "organization:\"NATO\""},
      {{Field::misc, "say \"hi\"", Negated::no}, "misc:\"say \"\"hi\"\"\""},
      {{Field::year, "2024", Negated::no}, "date:2024"},
      {{Field::date, "2024-03..2024-06", Negated::yes}, "NOT date:2024-03..2024-06"},
      // Publications, bylines and sites are fields like the others now.
      {{Field::source, "Harbour Wire", Negated::no}, "source:\"Harbour Wire\""},
      {{Field::author, "Elin Sandvik", Negated::yes}, "NOT author:\"Elin Sandvik\""},
      {{Field::site, "bbc.co.uk", Negated::no}, "site:\"bbc.co.uk\""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(filter_query_text(c.filter) == c.text);
  }
  CHECK(describe_filter({Field::person, "John Kerry", Negated::no}) == "person:John Kerry");
  CHECK(describe_filter({Field::location, "Syria", Negated::yes}) == "-location:Syria");
}

TEST_CASE("the effective query narrows the user's query as a whole", "[searcher][shell]") {
  const std::vector<ActiveFilter> filters = {
      {Field::person, "John Kerry", Negated::no},
      {Field::source, "Harbour Wire", Negated::no},
      {Field::location, "Syria", Negated::yes},
  };
  CHECK(effective_query("kerry OR lavrov", filters) ==
        "(kerry OR lavrov) person:\"John Kerry\" source:\"Harbour Wire\" NOT "
        "location:\"Syria\"");
  CHECK(effective_query("  ", filters) ==
        "person:\"John Kerry\" source:\"Harbour Wire\" NOT location:\"Syria\"");
  CHECK(effective_query("geneva", {}) == "(geneva)");
  CHECK(effective_query("", {}).empty());
}

TEST_CASE("command help lists the kinds, fields and orders there are", "[searcher][shell]") {
  CHECK(find_command("facets")->usage ==
        ":facets [person|location|country|org|misc|author|source|site|year|month] [N]");
  CHECK_THAT(
      find_command("filter")->summary,
      Catch::Contains("person, location, country, organization (org), misc, author, source, site, "
                      "date or year"));
  CHECK(find_command("sort")->usage == ":sort relevance|newest|oldest");
  CHECK_THAT(find_command("trend")->summary, Catch::Contains("author, source or site"));
}

}  // namespace dateline::shell

#include "searcher/shell_commands.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

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

TEST_CASE("commands and their short forms", "[searcher][shell]") {
  struct Case {
    const char* line;
    std::size_t index;  // of the alternative in Command
  };
  const Case cases[] = {
      {":facets", 2},     {":fa", 2},     {":filter 3", 3}, {":fi -3", 3},  {":back", 5},
      {":b", 5},          {":clear", 6},  {":c", 6},        {":next", 7},   {":n", 7},
      {":prev", 8},       {":p", 8},      {":page 2", 9},   {":pg 2", 9},   {":sort newest", 10},
      {":so oldest", 10}, {":since", 11}, {":si 2024", 11}, {":until", 12}, {":u 2024-06", 12},
      {":show 1", 13},    {":s 1", 13},   {":like 2", 14},  {":l 2", 14},   {":dup 1", 15},
      {":d 1", 15},       {":trend", 16}, {":t", 16},       {":stats", 17}, {":st", 17},
      {":json", 18},      {":j", 18},     {":help", 19},    {":h", 19},     {":?", 19},
      {":quit", 20},      {":q", 20},     {":exit", 20},    {"  :q  ", 20},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    CHECK(parse_command(c.line).index() == c.index);
  }
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
       "unknown field 'colour' (use person, location, organization (org), misc, author, "
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
       "unknown field 'year' (use person, location, organization (org), misc, author, source "
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
    } catch (const CommandError& e) {
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

TEST_CASE("what TAB completes where", "[searcher][shell]") {
  struct Case {
    const char* line;
    CompletionKind kind;
    std::size_t start;
    const char* prefix;
    bool quoted;
  };
  const Case cases[] = {
      {":fa", CompletionKind::command, 0, ":fa", false},
      {"  :", CompletionKind::command, 2, ":", false},
      {":facets pe", CompletionKind::facet_kind, 8, "pe", false},
      {":facets person,ye", CompletionKind::facet_kind, 15, "ye", false},
      {":sort n", CompletionKind::sort_order, 6, "n", false},
      {":help fi", CompletionKind::help_topic, 6, "fi", false},
      {":filter pe", CompletionKind::filter_field, 8, "pe", false},
      {":filter -lo", CompletionKind::filter_field, 9, "lo", false},
      {":trend or", CompletionKind::trend_field, 7, "or", false},
      {":filter person Jo", CompletionKind::value, 15, "Jo", false},
      {":filter person John K", CompletionKind::value, 15, "John K", false},
      {":filter -location \"Sa", CompletionKind::value, 18, "Sa", true},
      {":trend org Eu", CompletionKind::value, 11, "Eu", false},
      {":filter person:Jo", CompletionKind::value, 15, "Jo", false},
      {"person:Jo", CompletionKind::value, 7, "Jo", false},
      {"geneva person:\"John K", CompletionKind::value, 14, "John K", true},
      {"kerry -location:Sy", CompletionKind::value, 16, "Sy", false},
      {"(org:", CompletionKind::value, 5, "", false},
      {"person:\"John Kerry\" location:", CompletionKind::value, 29, "", false},
      {"author:Eli", CompletionKind::value, 7, "Eli", false},
      {"source:\"Har", CompletionKind::value, 7, "Har", true},
      {"Site:bb", CompletionKind::value, 5, "bb", false},
      {":filter author Eli", CompletionKind::value, 15, "Eli", false},
      {":trend source Har", CompletionKind::value, 14, "Har", false},
      {"geneva", CompletionKind::none, 0, "", false},
      {"title:gen", CompletionKind::none, 0, "", false},
      {"date:20", CompletionKind::none, 0, "", false},
      {":filter year 20", CompletionKind::none, 0, "", false},
      {":show 1", CompletionKind::none, 0, "", false},
      {":bogus x", CompletionKind::none, 0, "", false},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const CompletionContext context = completion_context(c.line);
    CHECK(context.kind == c.kind);
    if (c.kind == CompletionKind::none) continue;
    CHECK(context.start == c.start);
    CHECK(context.prefix == c.prefix);
    CHECK(context.quoted == c.quoted);
  }
  CHECK(completion_context(":filter -location Sy").field == Field::location);
  CHECK(completion_context(":filter person Jo").syntax == ValueSyntax::rest_of_line);
  CHECK(completion_context("org:Eu").field == Field::organization);
  CHECK(completion_context("author:Eli").field == Field::author);
  CHECK(completion_context(":trend source Har").field == Field::source);
  CHECK(completion_context("org:Eu").syntax == ValueSyntax::query_field);
}

TEST_CASE("completing inserts one match whole, or what several share", "[searcher][shell]") {
  const CandidateSource source = [](CompletionKind kind, Field field) {
    if (kind == CompletionKind::command) return std::vector<std::string>{":facets", ":filter"};
    if (kind == CompletionKind::value && field == Field::person) {
      return std::vector<std::string>{"John Kerry", "John Kirby", "Sergey Lavrov", "Okafor"};
    }
    if (kind == CompletionKind::value && field == Field::location) {
      return std::vector<std::string>{"São Paulo", "Syria"};
    }
    return std::vector<std::string>{};
  };
  struct Case {
    const char* line;
    std::optional<std::string> text;
    std::vector<std::string> choices;
  };
  const Case cases[] = {
      {":fa", ":facets ", {}},
      {":f", std::nullopt, {":facets", ":filter"}},  // ":f" is already all they share
      {"person:lav", "\"Sergey Lavrov\" ", {}},      // case-insensitive
      {"person:oka", "Okafor ", {}},                 // no quotes needed
      {"person:\"Oka", "\"Okafor\" ", {}},           // but kept when typed
      {"person:jo", "\"John K", {"John Kerry", "John Kirby"}},
      {"person:kerr", "\"John Kerry\" ", {}},  // a later word of the name
      {":filter person jo", "John K", {"John Kerry", "John Kirby"}},
      {":filter person \"John Ke", "\"John Kerry\"", {}},
      {":filter person John Ke", "John Kerry", {}},
      {":filter location sao", "São Paulo", {}},  // accents ignored
      {"location:s", std::nullopt, {"Syria", "São Paulo"}},
      {"person:zz", std::nullopt, {}},
      {"geneva", std::nullopt, {}},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const Completion completion = complete(c.line, source);
    CHECK(completion.text == c.text);
    std::vector<std::string> choices = completion.choices;
    std::vector<std::string> expected = c.choices;
    std::sort(choices.begin(), choices.end());
    std::sort(expected.begin(), expected.end());
    CHECK(choices == expected);
  }
  CHECK(complete("person:kerr", source).start == 7);
  CHECK(complete(":filter person \"John Ke", source).start == 15);
}

TEST_CASE("TAB offers the words of the vocabulary tables", "[searcher][shell]") {
  using Words = std::vector<std::string>;
  CHECK(candidate_words(CompletionKind::filter_field) == Words{"person", "location", "organization",
                                                               "misc", "author", "source", "site",
                                                               "date", "year"});
  CHECK(candidate_words(CompletionKind::trend_field) ==
        Words{"person", "location", "organization", "misc", "author", "source", "site"});
  CHECK(candidate_words(CompletionKind::facet_kind) == Words{"person", "location", "organization",
                                                             "misc", "author", "source", "site",
                                                             "year", "month"});
  CHECK(candidate_words(CompletionKind::sort_order) == Words{"relevance", "newest", "oldest"});
  const Words commands = candidate_words(CompletionKind::command);
  CHECK(std::find(commands.begin(), commands.end(), ":facets") != commands.end());
  CHECK(candidate_words(CompletionKind::value).empty());
}

TEST_CASE("command help lists the kinds, fields and orders there are", "[searcher][shell]") {
  CHECK(find_command("facets")->usage ==
        ":facets [person|location|org|misc|author|source|site|year|month] [N]");
  CHECK_THAT(find_command("filter")->summary,
             Catch::Contains("person, location, organization (org), misc, author, source, site, "
                             "date or year"));
  CHECK(find_command("sort")->usage == ":sort relevance|newest|oldest");
  CHECK_THAT(find_command("trend")->summary, Catch::Contains("author, source or site"));
}

TEST_CASE("every command has a name, a short form and help", "[searcher][shell]") {
  for (const CommandInfo& info : commands()) {
    INFO(info.name);
    CHECK(find_command(info.name) == &info);
    CHECK(find_command(info.alias) == &info);
    CHECK_THAT(std::string(info.usage), Catch::StartsWith(":" + std::string(info.name)));
    CHECK_FALSE(info.summary.empty());
  }
  CHECK(find_command("nothing") == nullptr);
}

}  // namespace dateline::shell

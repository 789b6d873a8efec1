#include "searcher/shell_view.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace dateline::shell {
namespace {

const Display k_plain{Style(Color::no), 79};

std::string marked(const std::string& text) {
  return std::string(1, k_highlight_start) + text + std::string(1, k_highlight_end);
}

// One story, as stored and as a hit of a search.
schema::StoredArticle talks_article() {
  return {.id = "00000000000000aa",
          .title = "Kerry and Lavrov open ceasefire talks in Geneva",
          .path = "/archive/talks.txt",
          .date = "2024-03-14",
          .source = "Harbour Wire",
          .url = "https://www.bbc.co.uk/news/talks",
          .author = "",
          .language = "english",
          .body = "GENEVA - The talks ran late.\n\n  \n\nBoth sides \x1b[2Jwill meet again.",
          .entities = {{EntityType::person, "John Kerry", 2},
                       {EntityType::person, "Sergey Lavrov", 1},
                       {EntityType::location, "Geneva", 2}}};
}

SearchHit talks_hit() {
  const schema::StoredArticle article = talks_article();
  SearchHit hit;
  hit.rank = 1;
  hit.id = article.id;
  hit.title = article.title;
  hit.path = article.path;
  hit.date = article.date;
  hit.source = article.source;
  hit.author = "Elin Sandvik";
  hit.score = 1.5;
  hit.snippet = "...opened talks in " + marked("Geneva") + " on Thursday...";
  hit.entities = {{EntityType::person, "John Kerry", 2},
                  {EntityType::location, "Geneva", 2},
                  {EntityType::misc, "Olympics", 1}};
  hit.similar = 1;
  return hit;
}

SearchState geneva_search() {
  SearchState state;
  state.query = "geneva";
  return state;
}

}  // namespace

TEST_CASE("a page of results: a heading, then each hit's title, byline, snippet and entities",
          "[searcher][shell]") {
  SearchResult result;
  result.total = 12;
  result.hits = {talks_hit()};
  SearchHit undated;
  undated.rank = 2;
  undated.title = "An okapi story";
  result.hits.push_back(undated);
  SearchState state = geneva_search();
  state.sort = SortOrder::newest;
  CHECK(render_results(result, state, 6, k_plain) ==
        "12 matches for geneva  \u00b7 1-2, page 1 of 6, newest first\n"
        "\n"
        " 1. Kerry and Lavrov open ceasefire talks in Geneva\n"
        "    2024-03-14 \u00b7 Harbour Wire \u00b7 by Elin Sandvik \u00b7 score 1.50 \u00b7 +1 "
        "similar\n"
        "    ...opened talks in Geneva on Thursday...\n"
        "    people: John Kerry \u00b7 places: Geneva\n"
        "\n"
        " 2. An okapi story\n"
        "    undated\n");
}

TEST_CASE("the heading says what was searched, and what the page lacks", "[searcher][shell]") {
  SearchResult result;
  result.total = 40;
  result.total_exact = false;
  result.suggestion = "(geneva) person:\"John Kerry\"";
  SearchState state;
  state.query = "genva";
  state.filters = {{Field::person, "John Kerry", Negated::no}};
  state.page = 9;
  CHECK(render_results(result, state, 4, k_plain) ==
        "40 matches (about) for genva\n"
        "Did you mean: geneva\n"
        "(no results on this page)\n");

  SearchState like;
  like.like_id = "00000000000000aa";
  like.like_title = "Zanzibar ferry resumes service";
  SearchResult one;
  one.total = 1;
  CHECK(render_results(one, like, 1, k_plain) ==
        "1 match like \u201cZanzibar ferry resumes service\u201d\n"
        "(no results on this page)\n");
}

TEST_CASE("a narrow screen cuts titles and bylines, and a snippet keeps to three lines",
          "[searcher][shell]") {
  SearchHit hit = talks_hit();
  hit.snippet = "the " + marked("ceasefire talks in Geneva") +
                " went on for nine hours and ended without a deal on prisoners of war";
  hit.entities.clear();
  SearchResult result;
  result.total = 1;
  result.hits = {hit};
  const Display narrow{Style(Color::yes), 30};
  CHECK(render_results(result, geneva_search(), 1, narrow) ==
        "1 match for geneva  \u00b7 1-1\n"
        "\n"
        " 1. \x1b[1mKerry and Lavrov open cea\u2026\x1b[0m\n"
        "    \x1b[2m2024-03-14 \u00b7 Harbour Wire\u2026\x1b[0m\n"
        // A highlight over a line break is bold on both lines.
        "    the \x1b[1mceasefire talks in\x1b[0m\n"
        "    \x1b[1mGeneva\x1b[0m went on for nine\n"
        "    hours and ended without a\u2026\n");
}

TEST_CASE("a facet listing numbers the values across facets, with counts and bars",
          "[searcher][shell]") {
  SearchResult result;
  result.total = 5;
  result.facets = {{FacetKind::person, {{"John Kerry", 4}, {"Sergey Lavrov", 2}}},
                   {FacetKind::organization, {}},
                   {FacetKind::year, {{"2024", 1}}}};
  const Display narrow{Style(Color::no), 40};
  // 40 columns: 9 for the number, the count and the spaces, 13 for the
  // longest name, 18 of bar for each facet's top value.
  CHECK(render_facets(result, geneva_search(), narrow) ==
        "5 matches\n"
        "person\n"
        "  1  John Kerry     4 ##################\n"
        "  2  Sergey Lavrov  2 #########\n"
        "organization\n"
        "  (none)\n"
        "year\n"
        "  3  2024           1 ##################\n"
        ":filter N narrows to value N, :filter -N excludes it\n");

  SearchResult empty;
  empty.total = 56;
  empty.facets = {{FacetKind::misc, {}}};
  CHECK(render_facets(empty, SearchState{}, narrow) ==
        "all 56 articles\n"
        "misc\n"
        "  (none)\n"
        "no values to list; try :facets year or :facets source\n");
}

TEST_CASE("a trend's periods: every month of the span, or every year past 36 months",
          "[searcher][shell]") {
  const std::vector<FacetValue> months = {{"2024-03", 2}, {"2023-12", 5}, {"2024-01", 1}};
  const MonthSpan span = month_span(months);
  CHECK(span.first == 2023 * 12 + 11);
  CHECK(span.last == 2024 * 12 + 2);
  CHECK(trend_period(span) == Period::month);
  CHECK(count_per_month(months, span) ==
        std::map<std::string, Xapian::doccount>{
            {"2023-12", 5}, {"2024-01", 1}, {"2024-02", 0}, {"2024-03", 2}});

  CHECK(trend_period(month_span({{"2021-01", 1}, {"2023-12", 1}})) == Period::month);  // 36
  const MonthSpan longer = month_span({{"2021-01", 1}, {"2024-01", 1}});
  CHECK(trend_period(longer) == Period::year);
  CHECK(
      count_per_year({{"2021", 1}, {"2024", 3}}, longer) ==
      std::map<std::string, Xapian::doccount>{{"2021", 1}, {"2022", 0}, {"2023", 0}, {"2024", 3}});
}

TEST_CASE("a trend chart scales its bars to the width, and counts the undated apart",
          "[searcher][shell]") {
  TrendChart chart;
  chart.subject = "person:John Kerry";
  chart.counts = {{"2024-01", 4}, {"2024-02", 0}, {"2024-03", 1}};
  chart.total = 6;
  // 30 columns: label 7, count 1, three spaces: 19 of bar for the top.
  CHECK(render_trend(chart, {Style(Color::no), 30}) ==
        "person:John Kerry: 5 dated ar\u2026\n"
        "2024-01 4 ###################\n"
        "2024-02 0\n"
        "2024-03 1 ####\n");
  chart.period = Period::year;
  chart.counts = {{"2023", 1}, {"2024", 40}};
  chart.total = 41;
  CHECK(render_trend(chart, {Style(Color::yes), 79}) ==
        "person:John Kerry: 41 dated articles per year\n"
        "2023  1 \u2588\n"  // never less than one block for a period with articles
        "2024 40 " +
            Style(Color::yes).bar(70) + "\n");
}

TEST_CASE(":stats shows a row per statistic and the top values of each facet",
          "[searcher][shell]") {
  IndexStats stats;
  stats.articles = 57;
  stats.dated = 56;
  stats.first_date = "20230102";
  stats.last_date = "20251130";
  stats.language = "english";
  stats.path = "/srv/index";
  stats.bytes_on_disk = 3 * 1024 * 1024 + 300 * 1024;
  stats.top_values = {{FacetKind::person, {{"Daniel Okafor", 7}, {"Pavel Sorokin", 7}}},
                      {FacetKind::source, {}}};
  CHECK(render_stats(stats, k_plain) ==
        "articles       57\n"
        "dates          2023-01-02 to 2025-11-30 (1 undated)\n"
        "index          /srv/index, 3.3 MB on disk\n"
        "stemmer        english\n"
        "top people     Daniel Okafor (7), Pavel Sorokin (7)\n"
        "top sources    none\n");
  IndexStats bare;
  bare.path = "2 shards of /srv/index.stub";
  CHECK(render_stats(bare, k_plain) ==
        "articles       0\n"
        "dates          none\n"
        "index          2 shards of /srv/index.stub, 0 bytes on disk\n");
}

TEST_CASE("an article is shown whole, wrapped, its entities counted", "[searcher][shell]") {
  const schema::StoredArticle article = talks_article();
  CHECK(render_article(article, {Style(Color::no), 30}) ==
        "Kerry and Lavrov open\n"
        "ceasefire talks in Geneva\n"
        "2024-03-14 \u00b7 Harbour Wire\n"
        "/archive/talks.txt\n"
        "https://www.bbc.co.uk/news/ta\u2026\n"
        "people: John Kerry (2), Sergey\n"
        "        Lavrov (1)\n"
        "places: Geneva (2)\n"
        "\n"
        "GENEVA - The talks ran late.\n"
        "\n"
        "Both sides [2Jwill meet again.\n"
        "\n");
}

TEST_CASE("the copies of a story are listed oldest first, one line each", "[searcher][shell]") {
  SearchResult copies;
  copies.total = 2;
  SearchHit first;
  first.date = "2024-03-14";
  first.title = "Talks in Geneva";
  first.path = "/a.txt";
  SearchHit second;
  second.title = "Talks in\nGeneva";
  second.path = "/b.txt";
  copies.hits = {first, second};
  CHECK(render_copies("Talks in Geneva", copies) ==
        "2 copies of \"Talks in Geneva\":\n"
        "  2024-03-14  Talks in Geneva  /a.txt\n"
        "  undated     Talks in Geneva  /b.txt\n");
}

TEST_CASE("the prompt shows the search, and gives way from the oldest part when long",
          "[searcher][shell]") {
  SearchState state;
  CHECK(render_prompt(state, std::nullopt, 79) == "dateline> ");
  state.filters = {{Field::person, "John Kerry", Negated::no},
                   {Field::location, "Syria", Negated::yes}};
  state.since_text = "2024";
  SearchResult shown;
  shown.total = 5;
  CHECK(render_prompt(state, shown, 100) ==
        "dateline [person:John Kerry] [-location:Syria] [since:2024] 5> ");
  // 79 columns: the prompt may take 55; 40 columns, 20.
  CHECK(render_prompt(state, shown, 79) == "dateline [+1] [-location:Syria] [since:2024] 5> ");
  shown.total_exact = false;
  CHECK(render_prompt(state, shown, 40) == "dateline [+3] 5~> ");

  SearchState like;
  like.like_id = "00000000000000aa";
  like.like_title = "Zanzibar ferry resumes service after repairs";
  CHECK(render_prompt(like, std::nullopt, 79) == "dateline [like:Zanzibar ferry resumes \u2026]> ");
}

TEST_CASE("help lists every command, a command's help gives its usage", "[searcher][shell]") {
  const std::string help = render_help(k_plain);
  CHECK_THAT(help, Catch::StartsWith("A plain line is a query: words, \"a phrase\""));
  for (const CommandInfo& command : commands()) {
    INFO(command.name);
    CHECK_THAT(help, Catch::Contains("\n  :" + command.name + " (:" + command.alias + ")"));
  }
  CHECK_THAT(help, Catch::EndsWith(":help COMMAND shows how to call one\n"));
  CHECK(render_command_help(*find_command("page"), k_plain) ==
        ":page N   (short: :pg)\n"
        "  page N of the results\n");
}

TEST_CASE("greetings and errors are one line, of article text cleaned", "[searcher][shell]") {
  CHECK(render_greeting(1, "/srv/index") ==
        "dateline: 1 article in /srv/index. Type words to search, :help for commands, :quit or "
        "Ctrl-D to leave.\n");
  CHECK(render_error("bad query: 'AND'\nneeds \x1b[2Ja term", Style(Color::yes)) ==
        "\x1b[31mbad query: 'AND' needs [2Ja term\x1b[0m\n");
  CHECK(one_line("two\nlines\x07") == "two lines");
  CHECK(plural(1, "match", "matches") == "1 match");
  CHECK(plural(0, "match", "matches") == "0 matches");
}

}  // namespace dateline::shell

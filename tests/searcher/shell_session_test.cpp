#include "searcher/shell_session.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "tests/searcher/test_index.hpp"

namespace dateline::shell {
namespace {

// A screen of 79 columns that keeps what is shown, and what was paged.
class StringScreen : public Screen {
 public:
  std::size_t width() const override { return 79; }
  void show(std::string_view text) override { m_shown += text; }
  void show_paged(const std::string& text) override {
    ++m_paged;
    m_shown += text;
  }
  // What was shown since the last call.
  std::string take() { return std::exchange(m_shown, {}); }
  int paged() const { return m_paged; }

 private:
  std::string m_shown;
  int m_paged = 0;
};

// A session over its own copy of the sample archive, three results a page.
class Session {
 public:
  explicit Session(std::vector<test::TestArticle> articles = test::sample_archive(),
                   OutputFormat format = OutputFormat::text)
      : m_index(articles),
        m_searcher(m_index.path()),
        m_session(m_searcher, options(format), Style(Color::no), m_screen) {}

  // Runs `line`; what the session showed.
  std::string type(const std::string& line) {
    m_session.execute(line);
    return m_screen.take();
  }
  ShellSession& session() { return m_session; }
  StringScreen& screen() { return m_screen; }
  test::TestIndex& index() { return m_index; }

 private:
  static ShellOptions options(OutputFormat format) {
    ShellOptions options;
    options.defaults.limit = 3;
    options.format = format;
    return options;
  }

  test::TestIndex m_index;
  Searcher m_searcher;
  StringScreen m_screen;
  ShellSession m_session;
};

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("the session greets with the index, and a query shows a page of results",
          "[searcher][shell]") {
  Session shell;
  shell.session().greet();
  CHECK_THAT(shell.screen().take(), Catch::StartsWith("dateline: 6 articles in "));
  CHECK(shell.session().prompt() == "dateline> ");

  const std::string out = shell.type("kerry");
  CHECK_THAT(out, Catch::StartsWith("2 matches for kerry  \u00b7 1-2\n"));
  CHECK_THAT(out, Catch::Contains(" 1. Kerry ") && Catch::Contains(" 2. Kerry "));
  CHECK_THAT(out, Catch::Contains("+1 similar"));
  CHECK(shell.session().prompt() == "dateline 2> ");
  CHECK_FALSE(shell.session().finished());
  CHECK(shell.type(":quit").empty());
  CHECK(shell.session().finished());
}

TEST_CASE("facets list numbered values that :filter picks, for the search they were listed for",
          "[searcher][shell]") {
  Session shell;
  CHECK(shell.type(":filter 1") ==
        "no facet values listed yet: :facets lists values to pick from\n");
  std::string out = shell.type(":facets person");
  CHECK(out ==
        "all 5 articles\n"
        "person\n"
        "  1  John Kerry     3 " +
            std::string(40, '#') +
            "\n"
            "  2  Sergey Lavrov  2 " +
            std::string(26, '#') +
            "\n"
            ":filter N narrows to value N, :filter -N excludes it\n");
  CHECK(shell.screen().paged() == 1);  // a listing may be long: through the pager
  out = shell.type(":filter 2");
  CHECK_THAT(out, Catch::StartsWith("1 match  \u00b7 1-1\n"));
  CHECK(shell.session().prompt() == "dateline [person:Sergey Lavrov] 1> ");
  // The listing was of the search before the filter.
  CHECK(shell.type(":filter 1") ==
        "the facet values listed were of an earlier search; :facets lists this one's\n");
  shell.type(":facets person,org");
  CHECK(shell.type(":filter 9") == "no value 9 in the last facet listing (1-3)\n");
  CHECK(shell.type(":filter 2") == "already filtered by person:Sergey Lavrov\n");
  shell.type(":filter -3");
  // Too long for half the screen: the oldest filter gives way.
  CHECK(shell.session().prompt() == "dateline [+1] [-organization:United Nations] 0> ");
  shell.type(":back");
  CHECK(shell.session().prompt() == "dateline [person:Sergey Lavrov] 1> ");
  shell.type(":clear");
  CHECK(shell.session().prompt() == "dateline> ");
  CHECK(shell.type(":clear") == "no filters to clear\n");
}

TEST_CASE("paging through results, and the errors at either end", "[searcher][shell]") {
  Session shell;
  CHECK(shell.type(":next") == "no results yet: type a query first\n");
  std::string out = shell.type("*");
  CHECK_THAT(out, Catch::StartsWith("5 matches for *  \u00b7 1-3, page 1 of 2\n"));
  CHECK(shell.type(":prev") == "already on the first page\n");
  out = shell.type(":next");
  CHECK_THAT(out, Catch::StartsWith("5 matches for *  \u00b7 4-5, page 2 of 2\n"));
  CHECK(shell.type(":next") == "already on the last page (2)\n");
  CHECK(shell.type(":page 3") == "no page 3: the results fill 2 pages\n");
  CHECK_THAT(shell.type(":page 1"), Catch::Contains("page 1 of 2"));
  // A result on another page is fetched for :show.
  out = shell.type(":show 5");
  CHECK_FALSE(out.empty());
  CHECK(shell.type(":show 6") == "no result 6: the search has 5 matches\n");
}

TEST_CASE("a bad query and a bad command line are each one line saying what is wrong",
          "[searcher][shell]") {
  Session shell;
  CHECK(shell.type("kerry AND") == "bad query: 'AND' needs a term on each side at position 7\n");
  CHECK(shell.type(":page x") == "expected a page number, not 'x' at column 7\n");
  CHECK(shell.type(":bogus") == "unknown command ':bogus' (:help lists them) at column 1\n");
  CHECK(shell.type("person:kerry date:2024-13") ==
        "bad query: not a date (use YYYY, YYYY-MM or YYYY-MM-DD): '2024-13'\n");
  CHECK(shell.type("") == "");
  CHECK(shell.session().prompt() == "dateline> ");  // nothing changed
}

TEST_CASE("sorting, and date bounds that must keep in order", "[searcher][shell]") {
  Session shell;
  CHECK(shell.type(":sort oldest") == "results will come oldest first\n");
  std::string out = shell.type("kerry OR ferry");
  const std::regex date(R"(\n    (\d{4}-\d\d-\d\d))");
  std::vector<std::string> dates;
  for (std::sregex_iterator it(out.begin(), out.end(), date), end; it != end; ++it) {
    dates.push_back((*it)[1]);
  }
  CHECK(dates == std::vector<std::string>{"2023-06-02", "2024-03-14", "2024-05-01"});
  shell.type(":until 2024-03");
  CHECK(shell.type(":since 2024-04") == ":since 2024-04 is after :until 2024-03\n");
  out = shell.type(":since 2024");
  CHECK_THAT(out, Catch::StartsWith("1 match for kerry OR ferry"));
  CHECK(shell.session().prompt() == "dateline [since:2024] [until:2024-03] 1> ");
  shell.type(":since");
  shell.type(":until");
  CHECK(shell.session().prompt() == "dateline 3> ");
}

TEST_CASE(":like, :dup and :show act on a result of the page shown", "[searcher][shell]") {
  Session shell;
  CHECK(shell.type(":dup 1") == "no results yet: type a query first\n");
  shell.type("ceasefire");
  CHECK(shell.type(":dup 1") ==
        "2 copies of \"Kerry and Lavrov open ceasefire talks in Geneva\":\n"
        "  2024-03-14  Kerry and Lavrov open ceasefire talks in Geneva  "
        "/archive/2024/03/14/geneva-talks.txt\n"
        "  2024-03-16  Kerry and Lavrov open ceasefire talks in Geneva  "
        "/archive/2024/03/16/geneva-copy.txt\n");
  const std::string article = shell.type(":show 1");
  CHECK_THAT(article, Catch::StartsWith("Kerry and Lavrov open ceasefire talks in Geneva\n"));
  CHECK_THAT(article, Catch::Contains("\npeople: John Kerry (2), Sergey Lavrov (2)\n"));
  CHECK_THAT(article, Catch::Contains("\nGENEVA - Secretary of State"));
  const std::string like = shell.type(":like 1");
  CHECK_THAT(like, Catch::Contains(" like \u201cKerry and Lavrov open ceasefire talks in Geneva"));
  CHECK_THAT(shell.session().prompt(), Catch::StartsWith("dateline [like:Kerry and Lavrov open "));

  shell.type("zanzibar");
  CHECK(shell.type(":dup 1") == "result 1 has no near-duplicate copies\n");
}

TEST_CASE(":trend charts the search by month, the archive by year", "[searcher][shell]") {
  Session shell;
  std::string out = shell.type(":trend");
  CHECK_THAT(out, Catch::StartsWith("all articles: 5 dated articles per year\n2021 1 "));
  CHECK_THAT(out, Catch::Contains("\n2022 0\n"));
  CHECK(count_lines(out) == 5);
  out = shell.type(":trend location Zanzibar");
  CHECK_THAT(out, Catch::StartsWith("location:Zanzibar: 1 dated article per month\n2024-05 1 #"));
  shell.type("ceasefire");
  out = shell.type(":trend");
  CHECK_THAT(out, Catch::StartsWith("the current search: 2 dated articles per month\n"));
  CHECK(shell.type(":trend person Nobody Here") == "no dated articles in person:Nobody Here\n");
}

TEST_CASE("date commands on an index without dates say so", "[searcher][shell]") {
  Session shell({{.name = "okapi.txt", .title = "An okapi story", .paragraphs = {"It slept."}}});
  shell.type("okapi");
  CHECK(shell.type(":since 2024") ==
        "no article in this index has a date, so :since 2024 matches nothing\n");
  CHECK(shell.type(":trend") ==
        "no article in this index has a date, so :trend has nothing to chart\n");
  CHECK(shell.type(":filter year 2024") ==
        "bad query: no article in this index has a date, so date:2024 matches nothing\n");
  CHECK(shell.session().prompt() == "dateline 1> ");
}

TEST_CASE(":stats, :help and :json", "[searcher][shell]") {
  Session shell;
  const std::string stats = shell.type(":stats");
  CHECK_THAT(stats, Catch::StartsWith("articles       6\n"
                                      "dates          2021-01-20 to 2024-05-01 (1 undated)\n"
                                      "index          "));
  CHECK_THAT(stats, Catch::Contains("\ntop people     John Kerry (3), Sergey Lavrov (2)\n"));
  CHECK_THAT(shell.type(":help"), Catch::StartsWith("A plain line is a query"));
  CHECK_THAT(shell.type(":help fi"), Catch::StartsWith(":filter [-]N"));

  CHECK(shell.type(":json") == "results as JSON (one object per search); :json again for text\n");
  const std::string json = shell.type("zanzibar");
  CHECK(count_lines(json) == 1);
  const nlohmann::json parsed = nlohmann::json::parse(json);
  CHECK(parsed["query"] == "(zanzibar)");
  CHECK(parsed["total"] == 1);
  CHECK(shell.type(":json") == "results as text\n");
}

TEST_CASE("TAB's values come from the index, and follow its changes", "[searcher][shell]") {
  Session shell;
  std::vector<std::string> people =
      shell.session().candidates(CompletionKind::value, Field::person);
  std::sort(people.begin(), people.end());
  CHECK(people == std::vector<std::string>{"John Kerry", "Sergey Lavrov"});
  CHECK(shell.session().candidates(CompletionKind::value, Field::site) ==
        std::vector<std::string>{"bbc.co.uk", "example.com", "news.bbc.co.uk"});
  CHECK(shell.session().candidates(CompletionKind::sort_order, Field::person) ==
        std::vector<std::string>{"relevance", "newest", "oldest"});

  shell.index().add({{.name = "mori.txt",
                      .title = "Mori writes again",
                      .paragraphs = {"Kenji Mori wrote this."},
                      .entities = {{EntityType::person, "Kenji Mori", 1, true, true}}}});
  people = shell.session().candidates(CompletionKind::value, Field::person);
  CHECK(std::find(people.begin(), people.end(), "Kenji Mori") != people.end());
  // And searches see the new article too.
  CHECK_THAT(shell.type("mori"), Catch::StartsWith("1 match for mori"));
}

TEST_CASE("the command line's --json, --sort and dates are where the session starts",
          "[searcher][shell]") {
  test::TestIndex index(test::sample_archive());
  Searcher searcher(index.path());
  StringScreen screen;
  ShellOptions options;
  options.defaults.sort = SortOrder::newest;
  options.defaults.dates.from = Date{2024, 1, 1};
  options.defaults.facets = {FacetKind::source};
  options.format = OutputFormat::json;
  ShellSession session(searcher, options, Style(Color::no), screen);
  CHECK(session.prompt() == "dateline [since:2024-01-01]> ");
  session.execute(":json");
  CHECK(screen.take() == "results as text\n");
  session.execute("*");
  CHECK_THAT(screen.take(), Catch::StartsWith("2 matches for *  \u00b7 1-2, newest first\n"));
  session.execute(":facets");
  CHECK_THAT(screen.take(), Catch::Contains("\nsource\n"));
}

}  // namespace dateline::shell

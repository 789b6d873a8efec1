// Unit tests for common/reader_csv.cpp: parse_csv on in-memory buffers.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/reader.hpp"
#include "tests/common/reader_test_support.hpp"

namespace dateline {
namespace {

using namespace dateline::test;

std::vector<std::string> titles_of(const ReadResult& result) {
  std::vector<std::string> titles;
  for (const Article& article : result.articles) titles.push_back(article.title);
  return titles;
}

}  // namespace

TEST_CASE("parse_csv reads a row per article, its columns named by the header", "[reader][csv]") {
  // As pandas and Python's csv module write it: an unnamed index column,
  // fields with commas, quotes and line breaks quoted, CRLF line ends.
  const char* bytes =
      ",id,Title,publication,Author,date,year,url,content\r\n"
      "0,17283,\"Storm closes port, ships wait\",Wire,Ann Lee,2016-12-31,2016,"
      "https://e.com/storm,\"Dock workers in Antwerp said \"\"enough\"\".\r\n\r\n"
      "A second paragraph.\"\r\n"
      "1,17284,Markets rally on rate cut,Wire,,2017-01-02,2017,,Shares rose.\r\n";
  const ReadResult result = parse_csv(bytes, context_for("news.csv"));

  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 2);
  const Article& first = result.articles[0];
  CHECK(first.title == "Storm closes port, ships wait");
  CHECK(first.paragraphs ==
        Paragraphs{"Dock workers in Antwerp said \"enough\".", "A second paragraph."});
  CHECK(iso_or_none(first.date) == "2016-12-31");
  CHECK(first.author == "Ann Lee");
  CHECK(first.source == "Wire");
  CHECK(first.url == "https://e.com/storm");
  CHECK(first.id == make_article_id("news.csv", "https://e.com/storm"));
  // No url: the id column names the article.
  CHECK(result.articles[1].id == make_article_id("news.csv", "17284"));
  CHECK(iso_or_none(result.articles[1].date) == "2017-01-02");
}

TEST_CASE("parse_csv finds the delimiter in the header", "[reader][csv]") {
  struct Case {
    const char* name;
    const char* bytes;
  };
  const Case cases[] = {
      {"semicolons (Excel where the comma is the decimal mark)",
       "title;text\nStorm closes the port;Ships wait, 3,5 days.\n"},
      {"tabs (the BBC's dataset), spaces in fields kept",
       "category\tTitle\tcontent\nbusiness\tStorm closes the port\t Ships wait, 3,5 days.\n"},
      {"bars", "title|body\nStorm closes the port|Ships wait, 3,5 days.\n"},
      {"commas, a semicolon in a quoted field",
       "title,body\n\"Storm closes the port\",\"Ships wait, 3,5 days.\"\n"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const Article article = only_article(parse_csv(c.bytes, context_for("a.csv")));
    CHECK(article.title == "Storm closes the port");
    CHECK(article.paragraphs == Paragraphs{"Ships wait, 3,5 days."});
  }
}

TEST_CASE("parse_csv decodes the file and renders markup in cells", "[reader][csv]") {
  SECTION("Windows-1252, as Excel saves") {
    const ReadResult result = parse_csv(
        "title,text\nCaf\xe9 owners protest,Owners in Montr\xe9"
        "al met.\n",
        context_for("a.csv"));
    CHECK(result.encoding == "Windows-1252");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Café owners protest");
  }
  SECTION("a UTF-8 byte-order mark before the header") {
    const Article article = only_article(parse_csv(
        "\xef\xbb\xbftitle,text\nStorm closes the port,Ships wait.\n", context_for("a.csv")));
    CHECK(article.title == "Storm closes the port");
  }
  SECTION("HTML in a cell") {
    const Article article =
        only_article(parse_csv("title,content\nStorm closes the port,\"<p>Ships "
                               "<b>wait</b>.</p><p>Two &amp; three.</p>\"\n",
                               context_for("a.csv")));
    CHECK(article.paragraphs == Paragraphs{"Ships wait.", "Two & three."});
  }
}

TEST_CASE("parse_csv ids follow the url, the id column or the row", "[reader][csv][id]") {
  const char* bytes = "title,text\nFirst story here,One.\nSecond story here,Two.\n";
  const ReadResult result = parse_csv(bytes, context_for("a.csv"));
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].id == make_article_id("a.csv", "row 1"));
  CHECK(result.articles[1].id == make_article_id("a.csv", "row 2"));
  CHECK(parse_csv(bytes, context_for("a.csv")).articles[1].id == result.articles[1].id);
}

TEST_CASE("parse_csv reports what it cannot read and keeps the rest", "[reader][csv][problem]") {
  SECTION("a table of no articles names its columns") {
    const ReadResult result = parse_csv("year,gdp\n2020,1.2\n", context_for("stats.csv"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].line == 1);
    CHECK(result.problems[0].reason == "no title or body column (the header names: year, gdp)");
  }
  SECTION("a table of people: a name column alone is no title") {
    const ReadResult result =
        parse_csv("name,email,date\nAnn Lee,ann@e.com,2020-01-01\n", context_for("staff.csv"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].reason ==
          "no title or body column (the header names: name, email, date)");
    const Article article = only_article(
        parse_csv("name,text\nStorm closes the port,Ships wait.\n", context_for("a.csv")));
    CHECK(article.title == "Storm closes the port");
  }
  SECTION("a row with neither title nor body, named by the line it starts on") {
    const ReadResult result = parse_csv(
        "title,text,date\n"
        "First story here,\"Two\n\nlines.\",2020-01-01\n"
        ",,2020-01-02\n"
        "Third story here,Three.,2020-01-03\n",
        context_for("a.csv"));
    CHECK(titles_of(result) == std::vector<std::string>{"First story here", "Third story here"});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].line == 5);
    CHECK(result.problems[0].reason == "no title or body");
  }
  SECTION("a quoted field never closed skips its row, not the rest of the file") {
    const ReadResult result = parse_csv(
        "title,text\n"
        "First story here,One.\n"
        "\"Second story here,Two.\n"
        "Third story here,Three.\n"
        "Fourth story here,\"Four, quoted.\"\n",
        context_for("a.csv"));
    CHECK(titles_of(result) ==
          std::vector<std::string>{"First story here", "Third story here", "Fourth story here"});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].line == 3);
    CHECK(result.problems[0].reason == "quoted field never closed (row skipped)");
  }
  SECTION("a quoted field still open at the end of the file") {
    const ReadResult result = parse_csv(
        "title,text\n\"First story here,One.\nSecond story here,Two.\n", context_for("a.csv"));
    CHECK(titles_of(result) == std::vector<std::string>{"Second story here"});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].line == 2);
  }
  SECTION("a quote inside an unquoted field is kept as written") {
    const Article article = only_article(
        parse_csv("title,text\nA 5\" screen for less,It costs less.\n", context_for("a.csv")));
    CHECK(article.title == "A 5\" screen for less");
  }
  SECTION("an empty file and a header alone") {
    const ReadResult empty = parse_csv("", context_for("a.csv"));
    REQUIRE(empty.problems.size() == 1);
    CHECK(empty.problems[0].reason == "empty file");
    const ReadResult header = parse_csv("title,text\n", context_for("a.csv"));
    CHECK(header.articles.empty());
    REQUIRE(header.problems.size() == 1);
    CHECK(header.problems[0].reason == "no rows under the header");
  }
  SECTION("a last row without a line break") {
    const ReadResult result = parse_csv("title,text\nOnly story here,One.", context_for("a.csv"));
    CHECK(titles_of(result) == std::vector<std::string>{"Only story here"});
  }
}

}  // namespace dateline

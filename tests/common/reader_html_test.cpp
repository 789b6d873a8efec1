#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "common/reader.hpp"
#include "tests/common/reader_test_support.hpp"
#include "tests/temp_dir.hpp"

using namespace dateline;
using namespace dateline::test;
namespace fs = std::filesystem;

namespace {

const char* const k_page =
    "<!DOCTYPE html><html lang=\"en\"><head>"
    "<title>Harbour ferry returns after storm | Coastline Courier</title>"
    "<meta property=\"og:site_name\" content=\"Coastline Courier\">"
    "<meta name=\"author\" content=\"Ada Brook\">"
    "<meta property=\"article:published_time\" content=\"2024-05-02T08:30:00Z\">"
    "<link rel=\"canonical\" href=\"https://example.com/ferry-returns\">"
    "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
    "<article><h1>Harbour ferry returns after storm</h1>"
    "<p>The harbour ferry ran again on Thursday, three months after a winter storm tore "
    "away part of its pier, the operator said.</p>"
    "<p>Commuters queued from dawn, and the first crossing was full.</p></article>"
    "<div class=\"comments\"><p>Finally, after all this time, the boat is back, great.</p>"
    "</div></body></html>";

}  // namespace

TEST_CASE("a saved web page is one article with its metadata", "[reader][html]") {
  const Article article = only_article(parse_html_page(k_page, context_for("/a/ferry.html")));
  CHECK(article.title == "Harbour ferry returns after storm");
  CHECK(article.paragraphs ==
        Paragraphs{"The harbour ferry ran again on Thursday, three months after a winter storm "
                   "tore away part of its pier, the operator said.",
                   "Commuters queued from dawn, and the first crossing was full."});
  CHECK(iso_or_none(article.date) == "2024-05-02");
  CHECK(article.author == "Ada Brook");
  CHECK(article.source == "Coastline Courier");
  CHECK(article.url == "https://example.com/ferry-returns");
  CHECK(article.id == make_article_id("/a/ferry.html", ""));
}

TEST_CASE("a page without a date takes the path's", "[reader][html]") {
  const Article article = only_article(parse_html_page(
      "<p>The harbour ferry ran again on Thursday, the operator said, after repairs.</p>",
      context_for("/archive/2024/05/02/ferry.htm")));
  CHECK(iso_or_none(article.date) == "2024-05-02");
}

TEST_CASE("a page without article text is a problem, not an article", "[reader][html]") {
  struct Case {
    const char* name;
    const char* bytes;
    const char* reason;
  };
  const Case cases[] = {
      {"empty", "", "empty file"},
      {"no body", "<html><head><title>Nothing</title></head><body></body></html>",
       "no article text found"},
      {"only furniture", "<body><nav><a href=\"/\">Home</a></nav><footer>(c)</footer></body>",
       "no article text found"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const ReadResult result = parse_html_page(c.bytes, context_for("/a/page.html"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems.front().path == "/a/page.html");
    CHECK(result.problems.front().reason == c.reason);
  }
}

TEST_CASE("read_file reads .html, .htm and .xhtml pages", "[reader][html][file]") {
  const TempDir dir;
  for (const char* name : {"page.html", "page.HTM", "page.xhtml"}) {
    INFO(name);
    const fs::path path = dir.write(name, k_page);
    const ReadResult result = read_file(path, context_for(path.string()));
    CHECK(result.problems.empty());
    CHECK(result.articles.size() == 1);
  }
  const fs::path empty = dir.write("empty.html", "<html><body></body></html>");
  const ReadResult result = read_file(empty, context_for(empty.string()));
  CHECK(result.articles.empty());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems.front().to_string() == empty.string() + ": no article text found");
}

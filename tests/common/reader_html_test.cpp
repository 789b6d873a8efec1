#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "common/gzip_stream.hpp"
#include "common/reader.hpp"
#include "tests/common/reader_test_support.hpp"
#include "tests/common/warc_test_support.hpp"
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
  CHECK(article.stated_language == "en");
  CHECK(article.id == make_article_id("/a/ferry.html", ""));
}

TEST_CASE("a page states its language in <html lang>, or not at all", "[reader][html]") {
  const std::string french =
      "<html lang=\"fr-FR\"><body><p>Le bac a repris la mer jeudi, trois mois apres la tempete "
      "qui avait emporte une partie du ponton.</p></body></html>";
  CHECK(only_article(parse_html_page(french, context_for("/a/bac.html"))).stated_language ==
        "fr-FR");
  const std::string unstated =
      "<html><body><p>The harbour ferry ran again on Thursday, the operator said, after "
      "repairs.</p></body></html>";
  CHECK(only_article(parse_html_page(unstated, context_for("/a/ferry.html")))
            .stated_language.empty());
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

TEST_CASE("markup on which gumbo 0.10.1 aborts is read, its text kept", "[reader][html]") {
  // CDATA in an integration point of MathML or a drawing moved out of a
  // table fails an assertion in gumbo's tree builder, which ends the
  // process; lean_html gives gumbo the CDATA's text instead.
  for (const char* markup :
       {"<table><math><mi><![CDATA[ ]]>\n", "<table><svg><desc><![CDATA[a<b]]> ",
        "<template><tr><math><mi><![CDATA[x]]>\n", "<table><svg><title><![CDATA[&amp;]]> "}) {
    INFO(markup);
    const std::string page = std::string("<body><article><h1>Harbour ferry returns</h1>") + markup +
                             "<p>The harbour ferry ran again on Thursday.</p>";
    const Article article = only_article(parse_html_page(page, context_for("/a/odd.html")));
    CHECK(article.title == "Harbour ferry returns");
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

namespace {

// A page whose title and text hold "café" in the bytes of `charset_bytes`
// (UTF-8 or Latin-1 "\xE9"), declaring `meta` in a <meta> when not empty.
std::string cafe_page(const std::string& e_acute, const std::string& meta) {
  return "<html><head>" + (meta.empty() ? "" : "<meta charset=\"" + meta + "\">") +
         "<title>The caf" + e_acute + " reopens</title></head><body><article><p>The caf" + e_acute +
         " on the square reopened on Monday after a year of repairs, its owner said, "
         "and the queue ran round the corner.</p></article></body></html>";
}

}  // namespace

TEST_CASE("a page's charset: the server's, else its BOM or meta, else UTF-8 or Windows-1252",
          "[reader][html][charset]") {
  struct Case {
    const char* name;
    std::string bytes;
    const char* declared;
  };
  const Case cases[] = {
      {"UTF-8 undeclared", cafe_page("\xC3\xA9", ""), ""},
      {"Latin-1 declared in a meta", cafe_page("\xE9", "iso-8859-1"), ""},
      {"Latin-1 undeclared (not UTF-8: Windows-1252)", cafe_page("\xE9", ""), ""},
      {"the server's charset over a wrong meta", cafe_page("\xE9", "utf-8"), "windows-1252"},
      {"the server's UTF-8 over a wrong meta", cafe_page("\xC3\xA9", "iso-8859-1"), "UTF-8"},
      {"a UTF-8 byte-order mark", "\xEF\xBB\xBF" + cafe_page("\xC3\xA9", "iso-8859-1"), ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    ReadResult result;
    const std::optional<Article> article =
        web_page_article(c.bytes, c.declared, "", "", "", context_for("/p.html"), result);
    REQUIRE(article);
    CHECK(article->title == "The caf\xC3\xA9 reopens");
    CHECK(result.invalid_utf8 == 0);
  }
}

TEST_CASE("a web archive gives one article per HTML page and counts the rest",
          "[reader][html][warc]") {
  const std::string html_type = "application/http; msgtype=response";
  const std::string undated =
      "<html><head><title>Council reopens the library</title></head><body><article><p>The "
      "council reopened the town library on Friday after a year of repairs, the mayor "
      "said.</p></article></body></html>";
  const std::string info = record("warcinfo", "", "application/warc-fields", "software: t\r\n");
  const std::string request =
      record("request", "https://example.com/ferry", "application/http; msgtype=request",
             "GET /ferry HTTP/1.1\r\nHost: example.com\r\n\r\n");
  const std::string page =
      record("response", "https://example.com/ferry", html_type,
             http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", k_page));
  const std::string bad = record("response", "https://example.com/bad", html_type,
                                 http("200 OK", "Content-Type: text/html\r\n", k_page), 25);
  const std::string moved = record("response", "https://example.com/old", html_type,
                                   http("301 Moved Permanently", "Location: /ferry\r\n", ""));
  const std::string image = record("response", "https://example.com/a.png", html_type,
                                   http("200 OK", "Content-Type: image/png\r\n", "\x89PNG"));
  const std::string library =
      record("resource", "https://example.org/library/", "text/html", undated);
  const std::string archive = info + request + page + bad + moved + image + library;
  for (const bool gzipped : {false, true}) {
    INFO("gzipped: " << gzipped);
    std::string bytes = archive;
    if (gzipped) {
      bytes.clear();
      for (const std::string& r : {info, request, page, bad, moved, image, library}) {
        bytes += gzip_member(r);
      }
    }
    const ReadResult result = parse_web_archive(bytes, context_for("/crawl.warc"));
    REQUIRE(result.articles.size() == 2);
    const Article& ferry = result.articles[0];
    CHECK(ferry.title == "Harbour ferry returns after storm");
    CHECK(iso_or_none(ferry.date) == "2024-05-02");   // the page's own date
    CHECK(ferry.url == "https://example.com/ferry");  // the record's, not the canonical one
    CHECK(ferry.id == make_article_id("/crawl.warc", "https://example.com/ferry"));
    const Article& library_article = result.articles[1];
    CHECK(library_article.url == "https://example.org/library/");
    CHECK(iso_or_none(library_article.date) == "2016-07-15");  // the record's WARC-Date
    CHECK(result.records_skipped ==
          std::map<std::string, std::size_t>{{"redirects", 1},
                                             {"request, metadata and other records", 2},
                                             {"records not in HTML", 1}});
    REQUIRE(result.problems.size() == 1);
    const std::uint64_t bad_offset =
        gzipped ? gzip_member(info).size() + gzip_member(request).size() + gzip_member(page).size()
                : info.size() + request.size() + page.size();
    CHECK(result.problems[0].reason.starts_with("byte " + std::to_string(bad_offset) + ": "));
  }
}

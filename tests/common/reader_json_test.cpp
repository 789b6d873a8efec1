// Unit tests for common/reader_json.cpp: parse_json_lines and
// parse_json_document on in-memory buffers.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/reader.hpp"
#include "tests/common/reader_test_support.hpp"

namespace dateline {
namespace {

using namespace dateline::test;

}  // namespace

TEST_CASE("parse_json_lines reads every field alias", "[reader][json]") {
  struct Case {
    const char* line;
    const char* field;  // which Article field to look at
    const char* expected;
  };
  const Case cases[] = {
      {R"({"title": "Rates rise again", "body": "x"})", "title", "Rates rise again"},
      {R"({"headline": "Rates rise again", "body": "x"})", "title", "Rates rise again"},
      {R"({"name": "Rates rise again", "body": "x"})", "title", "Rates rise again"},
      {R"({"title": "T", "body": "Body one."})", "body", "Body one."},
      {R"({"title": "T", "text": "Body one."})", "body", "Body one."},
      {R"({"title": "T", "content": "Body one."})", "body", "Body one."},
      {R"({"title": "T", "article": "Body one."})", "body", "Body one."},
      {R"({"title": "T", "articleBody": "Body one."})", "body", "Body one."},
      {R"({"title": "T", "body": ["One.", "Two."]})", "body", "One.\n\nTwo."},
      {R"({"title": "T", "body": "One.\n\nTwo."})", "body", "One.\n\nTwo."},
      {R"({"title": "T", "date": "2024-03-14"})", "date", "2024-03-14"},
      {R"({"title": "T", "published": "14 March 2024"})", "date", "2024-03-14"},
      {R"({"title": "T", "publish_date": "2024/03/14"})", "date", "2024-03-14"},
      {R"({"title": "T", "pubDate": "Thu, 14 Mar 2024 08:00:00 GMT"})", "date", "2024-03-14"},
      {R"({"title": "T", "published_at": "2024-03-14T08:30:00Z"})", "date", "2024-03-14"},
      {R"({"title": "T", "datePublished": "March 14, 2024"})", "date", "2024-03-14"},
      {R"({"title": "T", "date": "not a date"})", "date", "none"},
      {R"({"title": "T"})", "date", "none"},
      {R"({"title": "T", "url": "https://e.com/a"})", "url", "https://e.com/a"},
      {R"({"title": "T", "link": "https://e.com/a"})", "url", "https://e.com/a"},
      {R"({"title": "T", "source": "Wire"})", "source", "Wire"},
      {R"({"title": "T", "publication": "Wire"})", "source", "Wire"},
      {R"({"title": "T", "site": "Wire"})", "source", "Wire"},
      {R"({"title": "T", "author": "Ann Lee"})", "author", "Ann Lee"},
      {R"({"title": "T", "byline": "Ann Lee"})", "author", "Ann Lee"},
      {R"({"title": "T", "authors": ["Ann Lee", "Bo Yi"]})", "author", "Ann Lee, Bo Yi"},
      // news-please's fields, null where it found nothing.
      {R"({"title": "T", "maintext": "Body one.", "description": "Lead."})", "body", "Body one."},
      {R"({"title": "T", "maintext": null, "description": "Lead."})", "body", "Lead."},
      {R"({"title": null, "title_rss": "Rss title", "maintext": "x"})", "title", "Rss title"},
      {R"({"title": "T", "date_publish": "2017-02-09 19:03:22"})", "date", "2017-02-09"},
      {R"({"title": "T", "source_domain": "www.example.com"})", "source", "www.example.com"},
      {R"({"title": "T", "authors": ["Ann Lee"], "language": "en"})", "author", "Ann Lee"},
      {R"({"title": "T", "language": "fr"})", "language", "fr"},
      {R"({"title": "T", "lang": "pt-BR"})", "language", "pt-BR"},
      {R"({"title": "T", "inLanguage": "de"})", "language", "de"},
      {
          R"({"title": "T"})",
          "language",
          "",
      },
      // Objects stand for their name (schema.org) or rendered text (WordPress).
      {R"({"title": "T", "author": {"@type": "Person", "name": "Ann Lee"}})", "author", "Ann Lee"},
      {R"({"title": "T", "authors": [{"name": "Ann Lee"}, {"name": "Bo Yi"}]})", "author",
       "Ann Lee, Bo Yi"},
      {R"({"title": "T", "publisher": {"name": "Wire"}})", "source", "Wire"},
      {R"({"title": {"rendered": "Rates &amp; bonds"}, "body": "x"})", "title", "Rates & bonds"},
      {R"({"title": "T", "content": {"rendered": "<p>One.</p>\n<p>Two.</p>"}})", "body",
       "One.\n\nTwo."},
      // Markup in a text field is rendered, not stored; text without it is kept.
      {R"({"title": "T", "body": "<p>Dock workers in <b>Antwerp</b> struck.</p><p>Two &amp; three.</p>"})",
       "body", "Dock workers in Antwerp struck.\n\nTwo & three."},
      {R"({"title": "T", "body": "Line one<br/>line two<BR>line three"})", "body",
       "Line one line two line three"},
      {R"({"title": "T", "body": "Prices < 5 and > 3; x<y and y>z, <3."})", "body",
       "Prices < 5 and > 3; x<y and y>z, <3."},
      {R"({"title": "<em>Rates</em> rise", "body": "x"})", "title", "Rates rise"},
      // Unix time, in seconds or milliseconds; a small number is no date.
      {R"({"title": "T", "timestamp": 1625000000})", "date", "2021-06-29"},
      {R"({"title": "T", "date": 1625000000123})", "date", "2021-06-29"},
      {R"({"title": "T", "date": 2021})", "date", "none"},
      {R"({"title": "T", "date": "2024-03-14", "timestamp": 1625000000})", "date", "2024-03-14"},
      {R"({"title": "T", "date": null, "timestamp": 1625000000})", "date", "2021-06-29"},
      // News APIs' fields: NewsAPI, the New York Times, the Guardian.
      {R"({"title": "T", "publishedAt": "2024-05-01T10:00:00Z"})", "date", "2024-05-01"},
      {R"({"headline": {"main": "Pelosi Elected", "kicker": null}, "lead_paragraph": "x"})",
       "title", "Pelosi Elected"},
      {R"({"title": "T", "pub_date": "2019-01-03T20:00:00+0000"})", "date", "2019-01-03"},
      {R"({"title": "T", "web_url": "https://e.com/a"})", "url", "https://e.com/a"},
      {R"({"title": "T", "byline": {"original": "By Sheryl Gay Stolberg"}})", "author",
       "Sheryl Gay Stolberg"},
      {R"({"title": "T", "abstract": "A summary.", "lead_paragraph": "The lead."})", "body",
       "The lead."},
      {R"({"webTitle": "Fires rage", "fields": {"bodyText": "Body one."}})", "title", "Fires rage"},
      {R"({"webTitle": "T", "fields": {"bodyText": "Body one.", "byline": "Ann Lee"}})", "body",
       "Body one."},
      {R"({"webTitle": "T", "fields": {"byline": "Ann Lee"}})", "author", "Ann Lee"},
      {R"({"webTitle": "T", "webPublicationDate": "2020-01-01T10:00:00Z"})", "date", "2020-01-01"},
      {R"({"webTitle": "T", "webUrl": "https://e.com/g"})", "url", "https://e.com/g"},
      // A lead stands in for a missing full text: feedparser's RSS, HuffPost's.
      {R"({"title": "T", "summary": "The lead.", "published": "2024-03-14"})", "body", "The lead."},
      {R"({"headline": "T", "short_description": "The lead.", "link": "https://e.com/h"})", "body",
       "The lead."},
      {R"({"title": "T", "content": "Full text.", "summary": "The lead."})", "body", "Full text."},
      // A search engine's export wraps the article in _source.
      {R"({"_index": "news", "_id": "a1", "_source": {"title": "Wrapped", "text": "x"}})", "title",
       "Wrapped"},
      // The first name found wins.
      {R"({"headline": "Second", "title": "First"})", "title", "First"},
      {R"({"title": "T", "link": "https://e.com/2", "url": "https://e.com/1"})", "url",
       "https://e.com/1"},
      {R"({"title": "T", "pubDate": "2020-01-01", "date": "2024-03-14"})", "date", "2024-03-14"},
      // A field of the wrong type counts as absent.
      {R"({"title": {"text": "x"}, "headline": "Fallback"})", "title", "Fallback"},
      {R"({"title": "Number", "source": 42})", "source", "42"},
      // Values are cleaned like any text.
      {R"({"title": "  Spaced   out\ttitle ", "body": "x"})", "title", "Spaced out title"},
      {R"({"title": "\u201cQuoted\u201d", "body": "x"})", "title", "\"Quoted\""},
  };
  for (const auto& c : cases) {
    INFO("line: " << c.line << "\nfield: " << c.field);
    const Article article = only_article(parse_json_lines(c.line, context_for("f.jsonl")));
    const std::string field = c.field;
    std::string actual;
    if (field == "title") actual = article.title;
    if (field == "body") actual = article.body_text();
    if (field == "date") actual = iso_or_none(article.date);
    if (field == "url") actual = article.url;
    if (field == "source") actual = article.source;
    if (field == "author") actual = article.author;
    if (field == "language") actual = article.stated_language;
    CHECK(actual == c.expected);
  }
}

TEST_CASE("parse_json_lines fills context fields and falls back to the body for a title",
          "[reader][json]") {
  ReaderContext context = context_for("feeds/wire.jsonl");
  context.language = "german";
  const Article article =
      only_article(parse_json_lines(R"({"body": ["Short opening paragraph.", "More."]})", context));

  CHECK(article.source_path == "feeds/wire.jsonl");
  CHECK(article.language == "german");
  CHECK(article.title == "Short opening paragraph.");
  CHECK(article.paragraphs == Paragraphs{"Short opening paragraph.", "More."});
}

TEST_CASE("parse_json_lines keeps good lines around a malformed one", "[reader][json][problem]") {
  const std::string bytes = R"({"title": "First story here", "body": "One."})"
                            "\n"
                            R"({"title": "Broken story", "body": )"
                            "\n"
                            R"({"title": "Third story here", "body": "Three."})"
                            "\n";
  const ReadResult result = parse_json_lines(bytes, context_for("feed.jsonl"));

  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].title == "First story here");
  CHECK(result.articles[1].title == "Third story here");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].line == 2);
  CHECK(result.problems[0].reason == "malformed JSON");
  CHECK(result.problems[0].to_string() == "feed.jsonl:2: malformed JSON");
}

TEST_CASE("parse_json_lines numbers lines counting blank ones", "[reader][json][problem]") {
  const std::string bytes =
      "\n"
      R"({"title": "Story one", "body": "One."})"
      "\n"
      "   \n"
      "\n"
      "{oops}\n"
      "\t\n"
      R"({"title": "Story two", "body": "Two."})";
  const ReadResult result = parse_json_lines(bytes, context_for("feed.jsonl"));

  CHECK(result.articles.size() == 2);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].line == 5);
}

TEST_CASE("parse_json_lines reports lines that are not article objects",
          "[reader][json][problem]") {
  struct Case {
    const char* line;
    const char* reason;
  };
  const Case cases[] = {
      {R"(["title", "body"])", "not a JSON object"},
      {"42", "not a JSON object"},
      {R"("just a string")", "not a JSON object"},
      {"null", "not a JSON object"},
      {"{}", "no title or body field"},
      {R"({"url": "https://e.com/a", "date": "2024-03-14"})", "no title or body field"},
      {R"({"title": "", "body": "   "})", "no title or body field"},
      {R"({"title": null, "body": []})", "no title or body field"},
      {R"({"title": "x")", "malformed JSON"},
      {"title: x", "malformed JSON"},
  };
  for (const auto& c : cases) {
    INFO("line: " << c.line);
    const std::string bytes =
        std::string(R"({"title": "Good story here", "body": "Good."})") + "\n" + c.line + "\n";
    const ReadResult result = parse_json_lines(bytes, context_for("feed.jsonl"));
    CHECK(result.articles.size() == 1);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].line == 2);
    CHECK(result.problems[0].reason == c.reason);
  }
}

TEST_CASE("parse_json_lines on an empty or blank file is one problem", "[reader][json][problem]") {
  for (const char* bytes : {"", "\n\n", "  \n\t\n"}) {
    INFO("bytes: \"" << bytes << "\"");
    const ReadResult result = parse_json_lines(bytes, context_for("feed.jsonl"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].reason == "empty file");
    CHECK(result.problems[0].line == 0);
  }
}

TEST_CASE("parse_json_lines accepts CRLF line ends", "[reader][json]") {
  const std::string bytes =
      "{\"title\": \"Story one here\", \"body\": \"One.\"}\r\n\r\n"
      "{\"title\": \"Story two here\", \"body\": \"Two.\"}\r\n";
  const ReadResult result = parse_json_lines(bytes, context_for("feed.jsonl"));
  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[1].title == "Story two here");
}

TEST_CASE("parse_json_lines and parse_json_document skip a byte-order mark",
          "[reader][json][utf8]") {
  const std::string object = R"({"title": "Story with a BOM"})";
  const ReadResult lines = parse_json_lines("\xEF\xBB\xBF" + object + "\n", context_for("f.jsonl"));
  CHECK(lines.problems.empty());
  CHECK(lines.invalid_utf8 == 0);
  REQUIRE(lines.articles.size() == 1);
  CHECK(lines.articles[0].title == "Story with a BOM");

  const ReadResult document = parse_json_document("\xEF\xBB\xBF" + object, context_for("f.json"));
  CHECK(document.problems.empty());
  CHECK(document.articles.size() == 1);
}

TEST_CASE("parse_json_lines ids are stable and distinct per line", "[reader][json][id]") {
  const std::string bytes = R"({"title": "Same title here", "body": "Same."})"
                            "\n"
                            R"({"title": "Same title here", "body": "Same."})"
                            "\n"
                            R"({"title": "Other title here", "body": "Other."})"
                            "\n";
  const ReadResult first = parse_json_lines(bytes, context_for("feed.jsonl"));
  const ReadResult again = parse_json_lines(bytes, context_for("feed.jsonl"));
  const ReadResult elsewhere = parse_json_lines(bytes, context_for("other.jsonl"));
  REQUIRE(first.articles.size() == 3);
  REQUIRE(again.articles.size() == 3);
  REQUIRE(elsewhere.articles.size() == 3);

  std::set<std::string> ids;
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(first.articles[i].id == again.articles[i].id);
    CHECK(first.articles[i].id != elsewhere.articles[i].id);
    CHECK(first.articles[i].id.size() == 16);
    ids.insert(first.articles[i].id);
  }
  CHECK(ids.size() == 3);
  // Without a url or id field, the line number tells entries apart.
  CHECK(first.articles[0].id == make_article_id("feed.jsonl", "line 1"));
}

TEST_CASE("parse_json_lines ids follow the url, so reordering keeps them", "[reader][json][id]") {
  const std::string a = R"({"title": "Story A is here", "url": "https://e.com/a"})";
  const std::string b = R"({"title": "Story B is here", "link": "https://e.com/b"})";
  const std::string c = R"({"title": "Story C is here", "id": "guid-c"})";
  const ReadResult forward = parse_json_lines(a + "\n" + b + "\n" + c, context_for("f.jsonl"));
  const ReadResult backward = parse_json_lines(c + "\n\n" + b + "\n" + a, context_for("f.jsonl"));
  REQUIRE(forward.articles.size() == 3);
  REQUIRE(backward.articles.size() == 3);

  CHECK(forward.articles[0].id == backward.articles[2].id);
  CHECK(forward.articles[1].id == backward.articles[1].id);
  CHECK(forward.articles[2].id == backward.articles[0].id);
  CHECK(forward.articles[0].id == make_article_id("f.jsonl", "https://e.com/a"));
  CHECK(forward.articles[2].id == make_article_id("f.jsonl", "guid-c"));
}

TEST_CASE("parse_json_lines repairs invalid UTF-8 inside a line", "[reader][json][utf8]") {
  const std::string bytes =
      "{\"title\": \"Caf\xE9 owners protest\", \"body\": \"Prices \xFF\xFE rose.\"}\n"
      "{\"title\": \"Clean line here\"}\n";
  const ReadResult result = parse_json_lines(bytes, context_for("f.jsonl"));

  CHECK(result.problems.empty());
  CHECK(result.invalid_utf8 == 3);
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].title == "Caf\xEF\xBF\xBD owners protest");
  CHECK(result.articles[0].body_text() == "Prices \xEF\xBF\xBD\xEF\xBF\xBD rose.");
}

TEST_CASE("parse_json_lines and parse_json_document say where invalid UTF-8 starts",
          "[reader][json][utf8]") {
  struct Case {
    const char* name;
    bool lines;  // JSON Lines, or one JSON document
    std::string bytes;
    std::size_t invalid;
    std::size_t line;
  };
  const Case cases[] = {
      {"jsonl: clean", true, "{\"title\": \"A b c\"}\n", 0, 0},
      {"jsonl: the record's line", true,
       "{\"title\": \"A b c\"}\n\n{\"title\": \"Caf\xE9 d e\"}\n{\"title\": \"\xFF g h\"}\n", 2, 3},
      {"jsonl: in a malformed record", true, "\xFF nonsense\n{\"title\": \"A b c\"}\n", 1, 1},
      {"json: first line", false, "{\"title\": \"Caf\xE9 owners\"}", 1, 1},
      {"json: the sequence's line", false,
       "[\n  {\"title\": \"A b c\"},\n  {\"title\": \"D \xFF f\",\n   \"body\": \"\xFE\"}\n]", 2,
       3},
      {"json: after a byte-order mark", false, "\xEF\xBB\xBF{\n\"title\": \"\xFF\"}", 1, 2},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = c.lines ? parse_json_lines(c.bytes, context_for("f.jsonl"))
                                      : parse_json_document(c.bytes, context_for("f.json"));
    CHECK(result.invalid_utf8 == c.invalid);
    CHECK(result.invalid_utf8_line == c.line);
  }
  const ReadResult result = parse_json_lines("{\"title\": \"A b c\"}\n{\"title\": \"\xFF\xFE x\"}",
                                             context_for("feeds/f.jsonl"));
  CHECK(invalid_utf8_note(result, "feeds/f.jsonl").to_string() ==
        "feeds/f.jsonl:2: 2 invalid UTF-8 sequences replaced");
}

TEST_CASE("parse_json_lines decodes HTML character references in every text field",
          "[reader][json][references]") {
  struct Case {
    const char* line;
    const char* field;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"title": "Blair&#191;s aide meets Pap&eacute;"})", "title",
       "Blair\xC2\xBFs aide meets Pap\xC3\xA9"},
      {R"({"title": "T", "body": "It&rsquo;s 1990&#150;95 &amp; more."})", "body",
       "It's 1990-95 & more."},
      {R"({"title": "T", "body": ["One&nbsp;two.", "&lt;b&gt;"]})", "body", "One two.\n\n<b>"},
      {R"({"title": "T", "author": "Ren&eacute;e Dupont"})", "author",
       "Ren\xC3\xA9"
       "e Dupont"},
      {R"({"title": "T", "authors": ["A &amp; B", "C&#x2019;D"]})", "author", "A & B, C'D"},
      {R"({"title": "T", "source": "Mac &amp; i"})", "source", "Mac & i"},
      {R"({"title": "T", "url": "https://e.com/?a=1&amp;b=2"})", "url", "https://e.com/?a=1&b=2"},
      {R"({"title": "T", "date": "March&nbsp;14, 2024"})", "date", "2024-03-14"},
      {R"({"title": "AT&T, R&D, Q&A &notes &foo;"})", "title", "AT&T, R&D, Q&A &notes &foo;"},
      {R"({"title": "&amp;amp; once"})", "title", "&amp; once"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    const Article article = only_article(parse_json_lines(c.line, context_for("f.jsonl")));
    const std::string field = c.field;
    const std::string actual = field == "title"    ? article.title
                               : field == "body"   ? article.body_text()
                               : field == "author" ? article.author
                               : field == "source" ? article.source
                               : field == "url"    ? article.url
                                                   : iso_or_none(article.date);
    CHECK(actual == c.expected);
  }
}

TEST_CASE("parse_json_lines keeps ids to the url as the file spells it", "[reader][json][id]") {
  const Article article = only_article(parse_json_lines(
      R"({"title": "T", "url": "https://e.com/?a=1&amp;b=2"})", context_for("f.jsonl")));
  CHECK(article.id == make_article_id("f.jsonl", "https://e.com/?a=1&amp;b=2"));
}

TEST_CASE("parse_json_document decodes HTML character references",
          "[reader][json][document][references]") {
  const Article article = only_article(parse_json_document(
      R"({"headline": "Caf&eacute; owners protest", "content": ["It&#8217;s &lt;over&gt;."]})",
      context_for("doc.json")));
  CHECK(article.title == "Caf\xC3\xA9 owners protest");
  CHECK(article.paragraphs == Paragraphs{"It's <over>."});
}

TEST_CASE("parse_json_document reads one object", "[reader][json][document]") {
  const char* bytes = R"({
  "headline": "Council approves budget",
  "content": ["Vote was close.", "Shares rose."],
  "datePublished": "2024-03-14"
})";
  const Article article = only_article(parse_json_document(bytes, context_for("doc.json")));

  CHECK(article.title == "Council approves budget");
  CHECK(article.paragraphs == Paragraphs{"Vote was close.", "Shares rose."});
  CHECK(iso_or_none(article.date) == "2024-03-14");
  CHECK(article.id == make_article_id("doc.json", ""));
}

TEST_CASE("parse_json_document reads an array of objects", "[reader][json][document]") {
  const char* bytes = R"([
  {"title": "First story here", "body": "One."},
  {"title": "Second story here", "url": "https://e.com/2"},
  {"title": "Third story here", "body": "Three."}
])";
  const ReadResult result = parse_json_document(bytes, context_for("docs.json"));

  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 3);
  CHECK(result.articles[0].title == "First story here");
  CHECK(result.articles[2].title == "Third story here");
  CHECK(result.articles[0].id == make_article_id("docs.json", "item 0"));
  CHECK(result.articles[1].id == make_article_id("docs.json", "https://e.com/2"));
  CHECK(result.articles[0].id != result.articles[2].id);
}

TEST_CASE("parse_json_document reads the articles an API's response holds",
          "[reader][json][document]") {
  struct Case {
    const char* name;
    const char* bytes;
  };
  const Case cases[] = {
      {"NewsAPI", R"({"status": "ok", "totalResults": 2, "articles": [
         {"source": {"id": null, "name": "Wire"}, "title": "First story here",
          "url": "https://e.com/1", "content": "One."},
         {"title": "Second story here", "url": "https://e.com/2", "content": "Two."}]})"},
      {"New York Times", R"({"status": "OK", "response": {"meta": {"hits": 2}, "docs": [
         {"headline": {"main": "First story here"}, "web_url": "https://e.com/1"},
         {"headline": {"main": "Second story here"}, "web_url": "https://e.com/2"}]}})"},
      {"Guardian", R"({"response": {"status": "ok", "pages": [1], "results": [
         {"webTitle": "First story here", "webUrl": "https://e.com/1"},
         {"webTitle": "Second story here", "webUrl": "https://e.com/2"}]}})"},
      {"Elasticsearch", R"({"took": 3, "hits": {"total": 2, "hits": [
         {"_id": "https://e.com/1", "_source": {"title": "First story here"}},
         {"_id": "https://e.com/2", "_source": {"title": "Second story here"}}]}})"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = parse_json_document(c.bytes, context_for("api.json"));
    CHECK(result.problems.empty());
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[0].title == "First story here");
    CHECK(result.articles[1].title == "Second story here");
    CHECK(result.articles[1].id == make_article_id("api.json", "https://e.com/2"));
  }
  SECTION("a response with no list of articles is one problem") {
    const ReadResult result = parse_json_document(
        R"({"status": "error", "errors": [{"code": 429, "message": "Too many requests"}]})",
        context_for("api.json"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].reason == "no title or body field");
  }
}

TEST_CASE("parse_json_document survives objects nested deep in fields",
          "[reader][json][document][problem]") {
  // The Guardian's "fields" object is looked into one level down only: a
  // reader that followed every "fields" overflowed its stack here.
  const std::size_t depth = 200000;
  std::string bytes = R"({"title": null, )";
  for (std::size_t i = 0; i < depth; ++i) bytes += R"("fields": {)";
  bytes += std::string(depth, '}') + "}";
  const ReadResult result = parse_json_document(bytes, context_for("deep.json"));
  CHECK(result.articles.empty());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].reason == "no title or body field");
}

TEST_CASE("parse_json_document reports bad entries and keeps good ones",
          "[reader][json][document][problem]") {
  const ReadResult result = parse_json_document(
      R"([{"title": "Good story here"}, 7, {"url": "https://e.com/x"}])", context_for("d.json"));
  CHECK(result.articles.size() == 1);
  REQUIRE(result.problems.size() == 2);
  CHECK(result.problems[0].reason == "not a JSON object");
  CHECK(result.problems[1].reason == "no title or body field");
}

TEST_CASE("parse_json_document reports malformed JSON with its line",
          "[reader][json][document][problem]") {
  struct Case {
    const char* name;
    const char* bytes;
    std::size_t line;
  };
  const Case cases[] = {
      {"bad value on line 3", "{\n  \"title\": \"A b c\",\n  \"body\": oops\n}", 3},
      {"bad entry on line 3", "[\n  {\"title\": \"a b c\"},\n  {bad}\n]", 3},
      {"first line", "nonsense", 1},
      {"missing comma on line 2", "{\"title\": \"x\"\n \"body\": \"y\"}", 2},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = parse_json_document(c.bytes, context_for("bad.json"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].reason == "malformed JSON");
    CHECK(result.problems[0].line == c.line);
  }
}

// The line is computed from the parser's byte count including the offending
// character; when that character is itself a newline (a raw line break in a
// string), the problem names the next line.
TEST_CASE("parse_json_document names the line of a raw newline in a string",
          "[reader][json][document][problem]") {
  const ReadResult result =
      parse_json_document("{\n  \"title\": \"broken\n  title\"\n}", context_for("bad.json"));
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].line == 2);
}

}  // namespace dateline

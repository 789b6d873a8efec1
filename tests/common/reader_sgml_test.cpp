// Unit tests for common/reader_sgml.cpp: parse_reuters_sgml on small
// hand-written files in the Reuters-21578 layout (invented stories, not text
// from the collection).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/reader.hpp"
#include "tests/common/reader_test_support.hpp"

namespace dateline {
namespace {

using namespace dateline::test;

// One <REUTERS> element in the collection's layout. `body` is the text
// between <BODY> and </BODY>, verbatim.
std::string element(int newid, const std::string& title, const std::string& body,
                    const std::string& date = "26-FEB-1987 15:01:01.79") {
  return "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"" +
         std::to_string(newid + 5000) + "\" NEWID=\"" + std::to_string(newid) +
         "\">\n"
         "<DATE>" +
         date +
         "</DATE>\n"
         "<TOPICS><D>grain</D></TOPICS>\n"
         "<PLACES><D>usa</D></PLACES>\n"
         "<UNKNOWN> \n&#5;&#5;&#5;G\n&#22;&#22;&#1;f0001&#31;reute\nu f BC-WHEAT 02-26 "
         "0042</UNKNOWN>\n"
         "<TEXT>&#2;\n"
         "<TITLE>" +
         title +
         "</TITLE>\n"
         "<DATELINE>    SALINA, Kansas, Feb 26 - </DATELINE><BODY>" +
         body +
         "</BODY></TEXT>\n"
         "</REUTERS>\n";
}

const std::string k_header = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";

// A body whose signature ends the text directly.
const std::string k_body =
    "Kansas wheat growers said they would\n"
    "store more grain this spring &lt;KWG&gt;.\n"
    "    The growers group said storage costs rose\n"
    "by three pct in the last year.\n"
    " Reuter";

}  // namespace

TEST_CASE("parse_reuters_sgml reads title, date, source and body", "[reader][sgml]") {
  const std::string bytes = k_header + element(7, "GROWERS TO STORE MORE WHEAT", k_body);
  const Article article = only_article(parse_reuters_sgml(bytes, context_for("reut2-000.sgm")));

  CHECK(article.title == "GROWERS TO STORE MORE WHEAT");
  CHECK(iso_or_none(article.date) == "1987-02-26");
  CHECK(article.source == "Reuters");
  CHECK(article.source_path == "reut2-000.sgm");
  CHECK(article.id == make_article_id("reut2-000.sgm", "7"));
  CHECK(article.paragraphs ==
        Paragraphs{"SALINA, Kansas, Feb 26 - Kansas wheat growers said they would store more "
                   "grain this spring <KWG>.",
                   "The growers group said storage costs rose by three pct in the last year."});
}

TEST_CASE("parse_reuters_sgml reads the byline of a signed story", "[reader][sgml]") {
  std::string signed_story = element(9, "FARM GROUPS MEET", k_body);
  signed_story.insert(signed_story.find("<DATELINE>"),
                      "<AUTHOR>    By Ann Ferris, Reuters</AUTHOR>\n");
  const std::string bytes = k_header + signed_story + element(10, "NO BYLINE HERE", k_body);
  const ReadResult result = parse_reuters_sgml(bytes, context_for("reut2-000.sgm"));
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].author == "By Ann Ferris, Reuters");
  CHECK(result.articles[1].author.empty());
}

TEST_CASE("parse_reuters_sgml splits paragraphs at indented lines", "[reader][sgml]") {
  const std::string body =
      "First paragraph line one\n"
      "and line two.\n"
      "    Second paragraph.\n"
      "    Third paragraph starts\n"
      "and ends here.\n";
  const Article article =
      only_article(parse_reuters_sgml(element(1, "T", body), context_for("r.sgm")));
  CHECK(article.paragraphs ==
        Paragraphs{"SALINA, Kansas, Feb 26 - First paragraph line one and line two.",
                   "Second paragraph.", "Third paragraph starts and ends here."});
}

TEST_CASE("parse_reuters_sgml decodes entities", "[reader][sgml]") {
  struct Case {
    const char* name;
    const char* title;
    const char* expected;
  };
  const Case cases[] = {
      {"lt gt", "BIG CORP &lt;BIG&gt; UP", "BIG CORP <BIG> UP"},
      {"amp", "AT&amp;T EARNINGS", "AT&T EARNINGS"},
      {"quot apos", "&quot;OK&quot; SAYS &apos;BOB&apos;", "\"OK\" SAYS 'BOB'"},
      {"control reference removed", "BANK&#3; RATES", "BANK RATES"},
      {"ascii reference", "&#65;BC", "ABC"},
      {"unknown entity kept", "R&D &foo; SPENDING", "R&D &foo; SPENDING"},
      {"bare ampersand kept", "S&P 500 RISES", "S&P 500 RISES"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const Article article = only_article(
        parse_reuters_sgml(element(1, c.title, "Text.\n Reuter"), context_for("r.sgm")));
    CHECK(article.title == c.expected);
  }

  const Article article = only_article(parse_reuters_sgml(
      element(1, "T", "Rose 5 &lt; 6 pct &amp; more.\n Reuter\n"), context_for("r.sgm")));
  CHECK(article.paragraphs == Paragraphs{"SALINA, Kansas, Feb 26 - Rose 5 < 6 pct & more."});
}

TEST_CASE("parse_reuters_sgml removes control characters from numeric references",
          "[reader][sgml]") {
  const Article article = only_article(
      parse_reuters_sgml(element(1, "T", "Prices&#127; rose&#22;.\n    Again&#30; today.\n Reuter"),
                         context_for("r.sgm")));
  CHECK(article.paragraphs == Paragraphs{"SALINA, Kansas, Feb 26 - Prices rose.", "Again today."});
  for (const std::string& paragraph : article.paragraphs) {
    for (char c : paragraph) {
      CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
  }
}

TEST_CASE("parse_reuters_sgml drops the trailing Reuter signature", "[reader][sgml]") {
  for (const char* signature : {"\n Reuter", "\n REUTER", "\n Reuter\n", " Reuter"}) {
    INFO("signature: \"" << signature << "\"");
    const Article article = only_article(parse_reuters_sgml(
        element(1, "T", std::string("Wheat rose.") + signature), context_for("r.sgm")));
    CHECK(article.paragraphs == Paragraphs{"SALINA, Kansas, Feb 26 - Wheat rose."});
  }
  // Only a trailing signature goes.
  const Article article = only_article(parse_reuters_sgml(
      element(1, "T", "Reuter analysts said wheat rose.\n Reuter"), context_for("r.sgm")));
  CHECK(article.paragraphs ==
        Paragraphs{"SALINA, Kansas, Feb 26 - Reuter analysts said wheat rose."});
}

// In the collection every body ends " Reuter\n&#3;": the end-of-text
// reference follows the signature. reflow_body looks for "Reuter" at the end
// before the &#3; (decoded to U+0003, which trim() does not strip) is
// removed, so the signature stays in the last paragraph.
TEST_CASE("parse_reuters_sgml drops the signature before the end-of-text mark", "[reader][sgml]") {
  const Article article = only_article(parse_reuters_sgml(
      element(1, "T", "Wheat rose.\n    Corn fell.\n Reuter\n&#3;"), context_for("r.sgm")));
  CHECK(article.paragraphs == Paragraphs{"SALINA, Kansas, Feb 26 - Wheat rose.", "Corn fell."});
}

// References past ASCII decode to their characters ("&#233;" is e acute).
TEST_CASE("parse_reuters_sgml decodes non-ASCII numeric references", "[reader][sgml]") {
  const Article article = only_article(
      parse_reuters_sgml(element(1, "CAF&#233; SOCIETY", "Text.\n Reuter"), context_for("r.sgm")));
  CHECK(article.title == "CAF\xC3\xA9 SOCIETY");
}

// The shared decoder (common/html_text.hpp): hex, HTML5's names, and
// Windows-1252 for 0x80-0x9F, none of which the collection itself holds.
TEST_CASE("parse_reuters_sgml decodes every HTML character reference", "[reader][sgml]") {
  struct Case {
    const char* name;
    const char* title;
    const char* expected;
  };
  const Case cases[] = {
      {"hex", "&#x41;BC", "ABC"},
      {"HTML5 name", "CAF&Eacute; SOCIETY", "CAF\xC3\x89 SOCIETY"},
      {"Windows-1252 dash", "1986&#150;87 CROP", "1986-87 CROP"},
      {"NUL", "A&#0;B",
       "A\xEF\xBF\xBD"
       "B"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const Article article = only_article(
        parse_reuters_sgml(element(1, c.title, "Text.\n Reuter"), context_for("r.sgm")));
    CHECK(article.title == c.expected);
  }
}

TEST_CASE("parse_reuters_sgml reads the date and rejects impossible ones", "[reader][sgml][date]") {
  struct Case {
    const char* date;
    const char* expected;
  };
  const Case cases[] = {
      {"26-FEB-1987 15:01:01.79", "1987-02-26"},
      {" 3-MAR-1987 09:12:00.00", "1987-03-03"},
      {"19-OCT-1987 23:59:59.99", "1987-10-19"},
      {"30-FEB-1987 10:00:00.00", "none"},
      {"", "none"},
  };
  for (const auto& c : cases) {
    INFO("date: \"" << c.date << "\"");
    const Article article = only_article(
        parse_reuters_sgml(element(1, "T", "Text.\n Reuter", c.date), context_for("r.sgm")));
    CHECK(iso_or_none(article.date) == c.expected);
  }
}

TEST_CASE("parse_reuters_sgml gives each NEWID its own stable id", "[reader][sgml][id]") {
  const std::string bytes = k_header + element(1, "FIRST STORY", "One.\n Reuter") +
                            element(2, "SECOND STORY", "Two.\n Reuter") +
                            element(3, "THIRD STORY", "Three.\n Reuter");
  const ReadResult result = parse_reuters_sgml(bytes, context_for("reut2-001.sgm"));
  const ReadResult again = parse_reuters_sgml(bytes, context_for("reut2-001.sgm"));
  const ReadResult elsewhere = parse_reuters_sgml(bytes, context_for("reut2-002.sgm"));

  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 3);
  REQUIRE(again.articles.size() == 3);
  REQUIRE(elsewhere.articles.size() == 3);
  CHECK(result.articles[0].title == "FIRST STORY");
  CHECK(result.articles[2].title == "THIRD STORY");
  CHECK(result.articles[0].id != result.articles[1].id);
  CHECK(result.articles[1].id != result.articles[2].id);
  CHECK(result.articles[0].id != result.articles[2].id);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(result.articles[i].id == again.articles[i].id);
    CHECK(result.articles[i].id != elsewhere.articles[i].id);
    CHECK(result.articles[i].id == make_article_id("reut2-001.sgm", std::to_string(i + 1)));
  }
}

TEST_CASE("parse_reuters_sgml decodes latin-1 bytes", "[reader][sgml]") {
  const Article article = only_article(parse_reuters_sgml(
      element(1, "Z\xFCRICH BANK PLANS", "Gew\xFCrz prices rose.\n Reuter"), context_for("r.sgm")));
  CHECK(article.title == "Z\xC3\xBCRICH BANK PLANS");
  CHECK(article.paragraphs == Paragraphs{"SALINA, Kansas, Feb 26 - Gew\xC3\xBCrz prices rose."});
}

TEST_CASE("parse_reuters_sgml keeps an element with a title and no body", "[reader][sgml]") {
  const std::string brief =
      "<REUTERS TOPICS=\"NO\" NEWID=\"9\">\n"
      "<DATE> 2-MAR-1987 08:00:00.00</DATE>\n"
      "<TEXT TYPE=\"BRIEF\">&#2;\n"
      "******<TITLE>ACME CORP SEES HIGHER PROFITS\n"
      "</TITLE>\n"
      "</TEXT>\n"
      "</REUTERS>\n";
  const Article article = only_article(parse_reuters_sgml(brief, context_for("r.sgm")));
  CHECK(article.title == "ACME CORP SEES HIGHER PROFITS");
  CHECK(article.paragraphs.empty());
  CHECK(iso_or_none(article.date) == "1987-03-02");
  CHECK(article.id == make_article_id("r.sgm", "9"));
}

TEST_CASE("parse_reuters_sgml uses TEXT TYPE=UNPROC as the body", "[reader][sgml]") {
  const std::string unproc =
      "<REUTERS TOPICS=\"NO\" NEWID=\"11\">\n"
      "<DATE> 4-MAR-1987 11:30:00.00</DATE>\n"
      "<TEXT TYPE=\"UNPROC\">&#2;\n"
      "ACME SHARES HALTED ON NEWS\n"
      "    Trading in Acme was halted pending news.\n"
      " Reuter</TEXT>\n"
      "</REUTERS>\n";
  const Article article = only_article(parse_reuters_sgml(unproc, context_for("r.sgm")));
  CHECK(article.paragraphs ==
        Paragraphs{"ACME SHARES HALTED ON NEWS", "Trading in Acme was halted pending news."});
  // No TITLE: the opening of the body stands in.
  CHECK(article.title == "ACME SHARES HALTED ON NEWS");
}

TEST_CASE("parse_reuters_sgml reports a truncated element and keeps earlier ones",
          "[reader][sgml][problem]") {
  std::string bytes = k_header + element(1, "FIRST STORY", "One.\n Reuter") +
                      element(2, "SECOND STORY", "Two.\n Reuter");
  const std::size_t truncated_line =
      1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  const std::string third = element(3, "THIRD STORY", "Three.\n Reuter");
  bytes += third.substr(0, third.find("<BODY>"));  // cut off mid-element

  const ReadResult result = parse_reuters_sgml(bytes, context_for("r.sgm"));
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].title == "FIRST STORY");
  CHECK(result.articles[1].title == "SECOND STORY");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].line == truncated_line);
  CHECK(result.problems[0].reason == "truncated <REUTERS> element (no </REUTERS>)");
}

TEST_CASE("parse_reuters_sgml reports an unclosed element followed by a good one",
          "[reader][sgml][problem]") {
  const std::string good = element(2, "SECOND STORY", "Two.\n Reuter");
  const std::string bytes =
      "<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>\n" + good;
  const ReadResult result = parse_reuters_sgml(bytes, context_for("r.sgm"));
  REQUIRE(result.articles.size() == 1);
  CHECK(result.articles[0].title == "SECOND STORY");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].line == 1);
}

TEST_CASE("parse_reuters_sgml reports files with nothing to index", "[reader][sgml][problem]") {
  struct Case {
    const char* name;
    std::string bytes;
    const char* reason;
    std::size_t line;
  };
  const Case cases[] = {
      {"empty", "", "no <REUTERS> elements", 0},
      {"doctype only", k_header, "no <REUTERS> elements", 0},
      {"no title or body",
       k_header + "<REUTERS NEWID=\"4\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n</REUTERS>\n",
       "no title or body", 2},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = parse_reuters_sgml(c.bytes, context_for("r.sgm"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].reason == c.reason);
    CHECK(result.problems[0].line == c.line);
  }
}

}  // namespace dateline

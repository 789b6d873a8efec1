// Unit tests for common/reader_txt.cpp: parse_text_article on in-memory
// buffers in the layouts scraped news arrives in.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "common/article.hpp"
#include "common/reader.hpp"
#include "tests/common/reader_test_support.hpp"

namespace dateline {
namespace {

using namespace dateline::test;

constexpr const char* k_scraped =
    "Anuncio\nAnuncio\n\nHeadline of several words here\n\nShare\n\nPara one.\n\nAnuncio\n\n"
    "Para two.";

}  // namespace

TEST_CASE("parse_text_article skips boilerplate around headline and paragraphs", "[reader][txt]") {
  const ReadResult result = parse_text_article(k_scraped, context_for("news/story.txt"));
  const Article article = only_article(result);

  CHECK(article.title == "Headline of several words here");
  CHECK(article.paragraphs == Paragraphs{"Para one.", "Para two."});
  CHECK(article.body_text().find("Anuncio") == std::string::npos);
  CHECK(article.body_text().find("Share") == std::string::npos);
  CHECK(result.invalid_utf8 == 0);
}

TEST_CASE("parse_text_article fills id, path and language from the context", "[reader][txt]") {
  ReaderContext context = context_for("news/story.txt");
  context.language = "spanish";
  const Article article = only_article(parse_text_article(k_scraped, context));

  CHECK(article.source_path == "news/story.txt");
  CHECK(article.id == make_article_id("news/story.txt", ""));
  CHECK(article.language == "spanish");
}

TEST_CASE("parse_text_article reads the date from headers or the path", "[reader][txt][date]") {
  struct Case {
    const char* name;
    const char* path;
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"Date header", "misc/a.txt", "Date: 2024-03-14\nA headline with words\n\nBody.",
       "2024-03-14"},
      {"Published header", "misc/a.txt",
       "Published: Thu, 14 Mar 2024 08:00:00 GMT\nA headline with words\n\nBody.", "2024-03-14"},
      {"lower-case key", "misc/a.txt", "date: March 14, 2024\nA headline with words\n\nBody.",
       "2024-03-14"},
      {"header beats path", "corpus/2023/01/02/a.txt",
       "Date: 2024-03-14\nA headline with words\n\nBody.", "2024-03-14"},
      {"first date header wins", "misc/a.txt",
       "Date: 2024-03-14\nPublished: 2020-01-01\nA headline with words\n\nBody.", "2024-03-14"},
      {"path directories", "corpus/2024/03/14/a.txt", "A headline with words\n\nBody.",
       "2024-03-14"},
      {"path file name", "corpus/2024-03-14-rates.txt", "A headline with words\n\nBody.",
       "2024-03-14"},
      {"bad header falls back to path", "corpus/2024/03/14/a.txt",
       "Date: someday\nA headline with words\n\nBody.", "2024-03-14"},
      {"no date anywhere", "misc/a.txt", "A headline with words\n\nBody.", "none"},
      {"date header right under the headline", "misc/a.txt",
       "A headline with words\n\nDate: 2024-03-14\n\nBody.", "2024-03-14"},
      {"date alone under the headline", "misc/a.txt",
       "A headline with words\nMarch 14, 2024\n\nBody.", "2024-03-14"},
      {"date line after the first paragraph is body", "misc/a.txt",
       "A headline with words\n\nBody.\n\nDate: 2024-03-14\n", "none"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = parse_text_article(c.text, context_for(c.path));
    REQUIRE(result.articles.size() == 1);
    CHECK(iso_or_none(result.articles.front().date) == c.expected);
  }
}

TEST_CASE("parse_text_article reads Source, Author, Byline and URL headers", "[reader][txt]") {
  const char* text =
      "Source: Daily Planet\n"
      "Author:   Lois  Lane \n"
      "URL: https://example.com/news/rates?id=7\n"
      "Date: 2024-03-14\n"
      "\n"
      "Council approves the new budget\n"
      "\n"
      "The vote was close.\n";
  const Article article = only_article(parse_text_article(text, context_for("a.txt")));

  CHECK(article.title == "Council approves the new budget");
  CHECK(article.source == "Daily Planet");
  CHECK(article.author == "Lois Lane");
  CHECK(article.url == "https://example.com/news/rates?id=7");
  CHECK(iso_or_none(article.date) == "2024-03-14");
  CHECK(article.paragraphs == Paragraphs{"The vote was close."});

  const Article bylined = only_article(parse_text_article(
      "Byline: Jimmy Olsen\nCouncil approves the new budget\n", context_for("b.txt")));
  CHECK(bylined.author == "Jimmy Olsen");
}

TEST_CASE("parse_text_article reads Title and Headline headers and what is under the headline",
          "[reader][txt]") {
  struct Case {
    const char* name;
    const char* text;
    const char* title;
    const char* author;
    const char* date;
    Paragraphs paragraphs;
  };
  const Case cases[] = {
      {"Title header, then headers and a byline",
       "Title: Storm closes the harbour\nDate: March 3, 2016\nBy Jean Dupont\n\nThe storm hit.\n",
       "Storm closes the harbour",
       "Jean Dupont",
       "2016-03-03",
       {"The storm hit."}},
      {"Headline header in capitals, short title",
       "HEADLINE: Floods\nDATE: 2019-07-14\n\nRain fell.\n",
       "Floods",
       "",
       "2019-07-14",
       {"Rain fell."}},
      {"byline and date lines under a headline",
       "Storm closes the harbour\n\nBY JANE DOE AND JOHN ROE\nMarch 3, 2016\n\nThe storm hit.\n",
       "Storm closes the harbour",
       "JANE DOE AND JOHN ROE",
       "2016-03-03",
       {"The storm hit."}},
      {"a paragraph that opens with By stays body",
       "Storm closes the harbour\n\nBy the end of the day the storm had passed.\n",
       "Storm closes the harbour",
       "",
       "none",
       {"By the end of the day the storm had passed."}},
      {"a paragraph that opens like a header stays body",
       "Storm closes the harbour\n\nSource: the port authority, which counted the damage on "
       "Friday, said repairs would take until the end of the year at the earliest.\n",
       "Storm closes the harbour",
       "",
       "none",
       {"Source: the port authority, which counted the damage on Friday, said repairs would "
        "take until the end of the year at the earliest."}},
      {"a byline after the first paragraph stays body",
       "Storm closes the harbour\n\nThe storm hit.\n\nBy Jean Dupont\n",
       "Storm closes the harbour",
       "",
       "none",
       {"The storm hit.", "By Jean Dupont"}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const Article article = only_article(parse_text_article(c.text, context_for("misc/a.txt")));
    CHECK(article.title == c.title);
    CHECK(article.author == c.author);
    CHECK(iso_or_none(article.date) == c.date);
    CHECK(article.paragraphs == c.paragraphs);
  }
}

TEST_CASE("parse_text_article gives the same article for CRLF and LF", "[reader][txt]") {
  const std::string lf =
      "Date: 2024-03-14\nAnuncio\n\nHeadline of several words here\n\nFirst line\nwrapped "
      "here.\n\nShare\n\nPara two.\n";
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const ReaderContext context = context_for("a.txt");
  const Article from_lf = only_article(parse_text_article(lf, context));
  const Article from_crlf = only_article(parse_text_article(crlf, context));

  CHECK(from_crlf.title == from_lf.title);
  CHECK(from_crlf.paragraphs == from_lf.paragraphs);
  CHECK(from_crlf.date == from_lf.date);
  CHECK(from_crlf.id == from_lf.id);
  CHECK(from_crlf.body_text().find('\r') == std::string::npos);
  CHECK(from_lf.paragraphs == Paragraphs{"First line wrapped here.", "Para two."});

  // Old Mac line ends (lone CR) too.
  std::string cr = lf;
  for (char& c : cr) {
    if (c == '\n') c = '\r';
  }
  const Article from_cr = only_article(parse_text_article(cr, context));
  CHECK(from_cr.title == from_lf.title);
  CHECK(from_cr.paragraphs == from_lf.paragraphs);
}

TEST_CASE("parse_text_article reports files without an article", "[reader][txt][problem]") {
  struct Case {
    const char* name;
    std::string text;
    const char* reason;
  };
  const Case cases[] = {
      {"empty", "", "empty file"},
      {"spaces and newlines", "  \n\t\n   \n", "empty file"},
      {"CRLF blank lines", "\r\n\r\n", "empty file"},
      {"only boilerplate", "Advertisement\nShare\n\nAnuncio\nRead more\n",
       "no headline (only boilerplate or short lines)"},
      {"only short lines", "Hello\nTwo words\n\nOK\n",
       "no headline (only boilerplate or short lines)"},
      {"only headers", "Date: 2024-03-14\nSource: Wire\n",
       "no headline (only boilerplate or short lines)"},
      {"NUL bytes", std::string("A headline with words\n\n\0\0body", 29),
       "binary file (contains NUL bytes)"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = parse_text_article(c.text, context_for("dir/x.txt"));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems.front().reason == c.reason);
    CHECK(result.problems.front().path == "dir/x.txt");
    CHECK(result.problems.front().line == 0);
  }
}

TEST_CASE("parse_text_article takes the first line of three words as the headline",
          "[reader][txt]") {
  const char* text =
      "News\n"
      "Breaking news\n"
      "Share\n"
      "Markets rally on rate cut\n"
      "Second line of headline?\n"
      "\n"
      "Body text.";
  const Article article = only_article(parse_text_article(text, context_for("a.txt")));

  CHECK(article.title == "Markets rally on rate cut");
  // What follows the headline is body, even without a blank line.
  CHECK(article.paragraphs == Paragraphs{"Second line of headline?", "Body text."});
}

TEST_CASE("parse_text_article takes a two-word line alone above prose as the headline",
          "[reader][txt]") {
  SECTION("above a sentence") {
    const Article article = only_article(parse_text_article(
        "Markets tumble\n\nShares fell in Tokyo on Monday.\n\nMore.", context_for("a.txt")));
    CHECK(article.title == "Markets tumble");
    CHECK(article.paragraphs == Paragraphs{"Shares fell in Tokyo on Monday.", "More."});
  }
  SECTION("above a hard-wrapped paragraph, after headers and boilerplate") {
    const Article article = only_article(
        parse_text_article("Date: 2024-03-14\nAdvertisement\nObama wins\n\nThe senator "
                           "won the\nvote by a wide margin.\n",
                           context_for("a.txt")));
    CHECK(article.title == "Obama wins");
    CHECK(iso_or_none(article.date) == "2024-03-14");
    CHECK(article.paragraphs == Paragraphs{"The senator won the vote by a wide margin."});
  }
  SECTION("a one-word line, a run of short lines or one above a headline is furniture") {
    const char* const texts[] = {
        "Opinion\n\nThe council's plan is flawed and should go.\n",
        "Top stories\nBreaking news\n\nThe council met on Tuesday to vote.\n",
        "World news\n\nCouncil votes on the budget\n\nThe council met on Tuesday.\n",
        "World news\nThe council met on Tuesday to vote.\n",
    };
    for (const char* text : texts) {
      INFO(text);
      const Article article = only_article(parse_text_article(text, context_for("a.txt")));
      CHECK(article.title != "Opinion");
      CHECK(article.title != "Breaking news");
      CHECK(article.title != "World news");
    }
  }
}

TEST_CASE("parse_text_article joins hard-wrapped paragraph lines", "[reader][txt]") {
  const char* text =
      "A headline with words\n"
      "\n"
      "The first paragraph was\n"
      "   wrapped at a narrow\n"
      "width by the scraper.\n"
      "\n"
      "\n"
      "Second   paragraph.\n"
      "   \n"
      "Third.\n";
  const Article article = only_article(parse_text_article(text, context_for("a.txt")));

  CHECK(article.paragraphs ==
        Paragraphs{"The first paragraph was wrapped at a narrow width by the scraper.",
                   "Second paragraph.", "Third."});
}

TEST_CASE("parse_text_article with a headline and no body", "[reader][txt]") {
  const Article article =
      only_article(parse_text_article("Headline standing all alone\n", context_for("a.txt")));
  CHECK(article.title == "Headline standing all alone");
  CHECK(article.paragraphs.empty());
}

TEST_CASE("parse_text_article replaces and counts invalid UTF-8", "[reader][txt][utf8]") {
  // UTF-8 (two "é") with two damaged bytes: still UTF-8, the bytes replaced.
  const char* text =
      "Caf\xC3\xA9 owners protest new rules\n\nPrices \xFF rose at the caf\xC3\xA9 \xFE.\n";
  const ReadResult result = parse_text_article(text, context_for("a.txt"));
  const Article article = only_article(result);

  CHECK(result.invalid_utf8 == 2);
  CHECK(result.encoding.empty());
  CHECK(article.title == "Caf\xC3\xA9 owners protest new rules");
  CHECK(article.paragraphs ==
        Paragraphs{"Prices \xEF\xBF\xBD rose at the caf\xC3\xA9 \xEF\xBF\xBD."});
}

TEST_CASE("parse_text_article reads text that is not UTF-8 as Windows-1252",
          "[reader][txt][encoding]") {
  const char* text =
      "Caf\xE9 owners protest new rules\n\nThey called the rules \x93unfair\x94 "
      "\x96 and prices \xFF rose.\n";
  const ReadResult result = parse_text_article(text, context_for("a.txt"));
  const Article article = only_article(result);

  CHECK(result.invalid_utf8 == 0);
  CHECK(result.encoding == "Windows-1252");
  CHECK(encoding_note(result, "news/a.txt").to_string() ==
        "news/a.txt: read as Windows-1252 (not UTF-8)");
  CHECK(article.title == "Caf\xC3\xA9 owners protest new rules");
  // Curly quotes and the dash fold as normalize_text folds them; 0xFF is ÿ.
  CHECK(article.paragraphs ==
        Paragraphs{"They called the rules \"unfair\" - and prices \xC3\xBF rose."});
}

TEST_CASE("parse_text_article reads UTF-16 text with a byte-order mark",
          "[reader][txt][encoding]") {
  // UTF-16 by hand: every character here is one code unit (é is U+00E9).
  const std::u16string units = u"Caf\u00e9 owners protest new rules\r\n\r\nThe owners met.\r\n";
  std::string little("\xFF\xFE", 2);
  std::string big("\xFE\xFF", 2);
  for (char16_t unit : units) {
    little += static_cast<char>(unit & 0xFF);
    little += static_cast<char>(unit >> 8);
    big += static_cast<char>(unit >> 8);
    big += static_cast<char>(unit & 0xFF);
  }
  for (const auto& [bytes, encoding] :
       {std::pair{little, "UTF-16LE"}, std::pair{big, "UTF-16BE"}}) {
    INFO(encoding);
    const ReadResult result = parse_text_article(bytes, context_for("a.txt"));
    const Article article = only_article(result);
    CHECK(result.encoding == encoding);
    CHECK(encoding_note(result, "a.txt").to_string() ==
          std::string("a.txt: read as ") + encoding + " (byte-order mark)");
    CHECK(article.title == "Caf\xC3\xA9 owners protest new rules");
    CHECK(article.paragraphs == Paragraphs{"The owners met."});
  }
  // Without the mark, NUL bytes still mean binary.
  const ReadResult unmarked = parse_text_article(little.substr(2), context_for("a.txt"));
  REQUIRE(unmarked.problems.size() == 1);
  CHECK(unmarked.problems[0].reason == "binary file (contains NUL bytes)");
}

TEST_CASE("parse_text_article says on which line invalid UTF-8 starts", "[reader][txt][utf8]") {
  struct Case {
    const char* name;
    std::string text;
    std::size_t invalid;
    std::size_t line;
  };
  // Each text ends with UTF-8 that outnumbers its damage, so that it is
  // read as UTF-8 (not as Windows-1252) and the damage counted.
  const std::string tail = "\n\nCaf\xC3\xA9, caf\xC3\xA9, caf\xC3\xA9.\n";
  const Case cases[] = {
      {"clean", "A headline with words\n\nBody.\n" + tail, 0, 0},
      {"in the headline", "Caf\xE9 owners protest\n\nBody.\n" + tail, 1, 1},
      {"first of several",
       "Date: 2024-03-14\n\nA headline with words\n\nOne \xFF.\nTwo \xFE.\n" + tail, 2, 5},
      {"in a boilerplate line", "Anuncio \xFF\n\nA headline with words\n\nBody.\n" + tail, 1, 1},
      {"after a byte-order mark",
       "\xEF\xBB\xBF"
       "A headline with words\n\n\xFF\n",
       1, 3},
      {"CRLF lines", "A headline with words\r\n\r\nBody \xFF.\r\n" + tail, 1, 3},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = parse_text_article(c.text, context_for("news/a.txt"));
    CHECK(result.invalid_utf8 == c.invalid);
    CHECK(result.invalid_utf8_line == c.line);
    if (c.invalid > 0) {
      CHECK(invalid_utf8_note(result, "news/a.txt").to_string() ==
            "news/a.txt:" + std::to_string(c.line) + ": " + std::to_string(c.invalid) +
                (c.invalid == 1 ? " invalid UTF-8 sequence replaced"
                                : " invalid UTF-8 sequences replaced"));
    }
  }
}

TEST_CASE("parse_text_article decodes HTML character references", "[reader][txt][references]") {
  struct Case {
    const char* name;
    const char* text;
    const char* title;
    Paragraphs paragraphs;
  };
  const Case cases[] = {
      {"numeric and named",
       "Blair&#191;s aide meets Pap&eacute; Diouf\n\nR&amp;D rose.\n",
       "Blair\xC2\xBFs aide meets Pap\xC3\xA9 Diouf",
       {"R&D rose."}},
      // Decoded before normalisation, so quotes and dashes fold like typed ones.
      {"folded like any text",
       "Kerry&#x2019;s &ldquo;long&rdquo; talks &mdash; day two\n\nIt&rsquo;s 1990&#150;95.\n",
       "Kerry's \"long\" talks - day two",
       {"It's 1990-95."}},
      {"nbsp is a space",
       "Six&nbsp;days&nbsp;in&nbsp;Nice\n\nBody.\n",
       "Six days in Nice",
       {"Body."}},
      {"a line of nbsp is blank",
       "A headline with words\n\nOne.\n&nbsp;\nTwo.\n",
       "A headline with words",
       {"One.", "Two."}},
      {"boilerplate found after decoding",
       "A headline with words\n\nBody.\n\nRead&nbsp;more\n\nLeer m&aacute;s\n",
       "A headline with words",
       {"Body."}},
      {"not references",
       "AT&T, R&D and Q&A &notes\n\nFish & chips; &foo; &#191\n",
       "AT&T, R&D and Q&A &notes",
       {"Fish & chips; &foo; &#191"}},
      {"decoded once",
       "Mac &amp;amp; i reviews laptops\n\n&amp;lt;b&amp;gt;\n",
       "Mac &amp; i reviews laptops",
       {"&lt;b&gt;"}},
      {"control characters removed",
       "Three&#3; word headline\n\nA&#27;[31mB.\n",
       "Three word headline",
       {"AB."}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const Article article = only_article(parse_text_article(c.text, context_for("a.txt")));
    CHECK(article.title == c.title);
    CHECK(article.paragraphs == c.paragraphs);
  }
}

TEST_CASE("parse_text_article decodes references in header values", "[reader][txt][references]") {
  const Article article = only_article(parse_text_article(
      "Source: Le Monde &amp; Co\nAuthor: Ren&eacute;e Dupont\nURL: https://e.com/?a=1&amp;b=2\n"
      "Date: March&nbsp;14, 2024\nA headline with words\n\nBody.\n",
      context_for("a.txt")));
  CHECK(article.source == "Le Monde & Co");
  CHECK(article.author ==
        "Ren\xC3\xA9"
        "e Dupont");
  CHECK(article.url == "https://e.com/?a=1&b=2");
  CHECK(iso_or_none(article.date) == "2024-03-14");
}

TEST_CASE("parse_text_article normalises typography and control characters", "[reader][txt]") {
  const char* text =
      "\xEF\xBB\xBF\xE2\x80\x9CWe\xE2\x80\x99re ready\xE2\x80\x9D, says mayor \xE2\x80\x94 again\n"
      "\n"
      "Zero\xE2\x80\x8Bwidth and\xC2\xA0nbsp and \x1b[1mbold\x1b[0m.\n";
  const Article article = only_article(parse_text_article(text, context_for("a.txt")));

  CHECK(article.title == "\"We're ready\", says mayor - again");
  REQUIRE(article.paragraphs.size() == 1);
  CHECK(article.paragraphs.front().find('\x1b') == std::string::npos);
  CHECK(article.paragraphs.front().find("Zerowidth and nbsp and") == 0);
}

TEST_CASE("parse_text_article keeps accents in stored text", "[reader][txt]") {
  const Article article = only_article(parse_text_article(
      "Pok\xC3\xA9mon fans gather in S\xC3\xA3o Paulo\n\nPublicit\xC3\xA9\n\nM\xC3\xA1s texto.\n",
      context_for("a.txt")));
  CHECK(article.title == "Pok\xC3\xA9mon fans gather in S\xC3\xA3o Paulo");
  CHECK(article.paragraphs == Paragraphs{"M\xC3\xA1s texto."});
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a file that is one giant line is body, with a short title", "[reader][txt]") {
  std::string line;
  for (int i = 0; i < 20000; ++i) line += "word" + std::to_string(i) + " ";
  const Article article = test::only_article(parse_text_article(line, test::context_for("x.txt")));
  CHECK(article.title.size() <= 80);
  CHECK(article.title.rfind("word0 word1", 0) == 0);
  REQUIRE(article.paragraphs.size() == 1);
  CHECK(article.paragraphs[0].size() > 100000);
}

}  // namespace dateline

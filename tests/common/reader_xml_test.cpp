// Unit tests for common/reader_xml.cpp: NITF and NewsML.
#include <catch2/catch.hpp>

#include <string>

#include "common/reader.hpp"
#include "tests/common/reader_test_support.hpp"

using namespace dateline;
using namespace dateline::test;

namespace {

// A New York Times corpus style NITF file, written for this test.
const char* const k_nitf = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.3/specification/dtd/nitf-3-3.dtd">
<nitf change.date="June 10, 2005" version="-//IPTC//DTD NITF 3.3//EN">
  <head>
    <title>Harbor Ferry Resumes Service</title>
    <meta content="4" name="publication_month"/>
    <docdata>
      <doc-id id-string="1840231"/>
      <doc.copyright holder="The Courier Company" year="1987"/>
    </docdata>
    <pubdata date.publication="19870402T000000" ex-ref="http://example.com/1987/04/02/ferry.html"
             name="The Coastline Courier" item-length="64" unit-of-measure="word"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Ferry Returns to the Harbor After the Storm</hl1></hedline>
      <byline class="print_byline">By ADA BROOK</byline>
      <byline class="normalized_byline">Brook, Ada</byline>
    </body.head>
    <body.content>
      <block class="lead_paragraph"><p>The harbor ferry ran again on Thursday.</p></block>
      <block class="full_text">
        <p>The harbor ferry ran again on Thursday.</p>
        <p>Commuters queued from dawn, and the first crossing was full &amp; late.</p>
      </block>
    </body.content>
  </body>
</nitf>)";

const char* const k_rcv1 = R"(<?xml version="1.0" encoding="iso-8859-1" ?>
<newsitem itemid="2286" id="root" date="1996-08-20" xml:lang="en">
<title>BELGIUM: Grain harvest ends early.</title>
<headline>Grain harvest ends early in Belgium</headline>
<byline>Ann Lee</byline>
<dateline>BRUSSELS 1996-08-20</dateline>
<text>
<p>Belgian farmers finished the grain harvest a week early, the ministry said.</p>
<p>Yields were up on last year's by about four percent.</p>
</text>
<copyright>(c) Reuters Limited 1996</copyright>
<metadata>
<dc element="dc.publisher" value="Reuters Holdings Plc"/>
</metadata>
</newsitem>)";

const char* const k_newsml = R"(<?xml version="1.0"?>
<NewsML>
  <NewsEnvelope><DateAndTime>20240502T083000Z</DateAndTime></NewsEnvelope>
  <NewsItem>
    <Identification><NewsIdentifier><PublicIdentifier>urn:newsml:e.com:20240502:a1</PublicIdentifier></NewsIdentifier></Identification>
    <NewsManagement><FirstCreated>20240502T081500Z</FirstCreated></NewsManagement>
    <NewsComponent>
      <NewsLines><HeadLine>Council reopens the town library</HeadLine></NewsLines>
      <ContentItem><DataContent><p>The council reopened the town library on Friday.</p></DataContent></ContentItem>
    </NewsComponent>
  </NewsItem>
  <NewsItem>
    <Identification><NewsIdentifier><PublicIdentifier>urn:newsml:e.com:20240503:a2</PublicIdentifier></NewsIdentifier></Identification>
    <NewsComponent>
      <NewsLines><HeadLine>Bridge works close the river road</HeadLine></NewsLines>
      <ContentItem><DataContent><nitf><body><body.content><p>Works on the bridge closed the river road.</p></body.content></body></nitf></DataContent></ContentItem>
    </NewsComponent>
  </NewsItem>
</NewsML>)";

}  // namespace

TEST_CASE("a NITF file is one article with its metadata", "[reader][xml]") {
  const Article article = only_article(parse_news_xml(k_nitf, context_for("/nyt/1840231.xml")));
  CHECK(article.title == "Ferry Returns to the Harbor After the Storm");
  // The full text block only: its lead paragraph is not read twice.
  CHECK(article.paragraphs ==
        Paragraphs{"The harbor ferry ran again on Thursday.",
                   "Commuters queued from dawn, and the first crossing was full & late."});
  CHECK(iso_or_none(article.date) == "1987-04-02");
  CHECK(article.author == "ADA BROOK");
  CHECK(article.source == "The Coastline Courier");
  CHECK(article.url == "http://example.com/1987/04/02/ferry.html");
  CHECK(article.stated_language.empty());  // no xml:lang
  CHECK(article.id == make_article_id("/nyt/1840231.xml", "1840231"));
}

TEST_CASE("an RCV1 newsitem is one article", "[reader][xml]") {
  const Article article = only_article(parse_news_xml(k_rcv1, context_for("/rcv1/2286newsML.xml")));
  CHECK(article.title == "Grain harvest ends early in Belgium");
  CHECK(article.paragraphs ==
        Paragraphs{"Belgian farmers finished the grain harvest a week early, the ministry said.",
                   "Yields were up on last year's by about four percent."});
  CHECK(iso_or_none(article.date) == "1996-08-20");
  CHECK(article.author == "Ann Lee");
  CHECK(article.source == "Reuters Holdings Plc");
  CHECK(article.stated_language == "en");  // xml:lang
  CHECK(article.id == make_article_id("/rcv1/2286newsML.xml", "2286"));
}

TEST_CASE("a NewsML 1 file gives an article per NewsItem", "[reader][xml]") {
  const ReadResult result = parse_news_xml(k_newsml, context_for("/feed.xml"));
  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 2);
  CHECK(result.articles[0].title == "Council reopens the town library");
  CHECK(result.articles[0].paragraphs ==
        Paragraphs{"The council reopened the town library on Friday."});
  CHECK(iso_or_none(result.articles[0].date) == "2024-05-02");
  CHECK(result.articles[1].title == "Bridge works close the river road");
  CHECK(result.articles[1].paragraphs == Paragraphs{"Works on the bridge closed the river road."});
  CHECK(result.articles[0].id != result.articles[1].id);
}

TEST_CASE("an XML article's xml:lang is its stated language, inherited", "[reader][xml]") {
  const std::string nitf =
      R"(<nitf xml:lang="es"><body><body.head><hedline><hl1>El puerto reabre</hl1></hedline>)"
      R"(</body.head><body.content><p>El transbordador volvio a navegar el jueves.</p>)"
      R"(</body.content></body></nitf>)";
  CHECK(only_article(parse_news_xml(nitf, context_for("/a.xml"))).stated_language == "es");
  const std::string item =
      R"(<newsitem itemid="9" date="1996-08-20" xml:lang="de"><headline>Hafen</headline>)"
      R"(<text><p>Die Faehre fuhr am Donnerstag wieder.</p></text></newsitem>)";
  CHECK(only_article(parse_news_xml(item, context_for("/b.xml"))).stated_language == "de");
}

TEST_CASE("XML that is no news, or broken, is a problem naming it", "[reader][xml][problem]") {
  SECTION("other XML is named by its root") {
    const ReadResult rss = parse_news_xml("<rss><channel/></rss>", context_for("/a.xml"));
    CHECK(rss.articles.empty());
    REQUIRE(rss.problems.size() == 1);
    CHECK(rss.problems[0].reason == "XML that is neither NITF nor NewsML (root element <rss>)");
  }
  SECTION("malformed XML names its line and keeps what recovery reads") {
    const std::string broken =
        "<newsitem itemid=\"7\" date=\"1996-08-21\">\n<headline>Port strike ends</headline>\n"
        "<text>\n<p>Dockers went back to work on Monday.</p>\n<p>Unclosed <b>bold</p>\n</text>\n"
        "</newsitem>\n";
    const ReadResult result = parse_news_xml(broken, context_for("/b.xml"));
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].line == 5);
    CHECK(result.problems[0].reason.starts_with("not well-formed XML"));
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Port strike ends");
  }
  SECTION("an empty file") {
    CHECK(parse_news_xml("  \n", context_for("/c.xml")).problems.at(0).reason == "empty file");
  }
  SECTION("an external entity is never read") {
    const std::string hostile =
        "<?xml version=\"1.0\"?><!DOCTYPE nitf [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]>"
        "<nitf><body><body.head><hedline><hl1>Title here</hl1></hedline></body.head>"
        "<body.content><p>Before &secret; after.</p></body.content></body></nitf>";
    const ReadResult result = parse_news_xml(hostile, context_for("/d.xml"));
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].paragraphs == Paragraphs{"Before after."});
  }
}

// Unit tests for common/reader_xml.cpp: NITF, NewsML, RSS and Atom.
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

TEST_CASE("an RSS 2.0 feed gives an article per item", "[reader][xml][feed]") {
  const char* const rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>The Coastline Courier</title>
    <link>https://courier.example.org/</link>
    <item>
      <title>Ferry returns to the harbour &amp; the island</title>
      <link>https://courier.example.org/2024/05/02/ferry</link>
      <description>&lt;p&gt;A short lead.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>The ferry to Inishmore ran again on Thursday.</p><p>Repairs took <b>six</b> weeks.</p>]]></content:encoded>
      <pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate>
      <dc:creator>Aoife Byrne</dc:creator>
      <guid isPermaLink="false">courier-1842</guid>
    </item>
    <item>
      <title>Harbour fees rise again</title>
      <link>https://courier.example.org/2024/05/03/fees</link>
      <description>Fees at the port rose for the third year.</description>
      <pubDate>Fri, 03 May 2024 09:30:00 +0100</pubDate>
    </item>
  </channel>
</rss>)";
  const ReadResult result = parse_news_xml(rss, context_for("/feeds/courier.rss"));
  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 2);
  const Article& first = result.articles[0];
  CHECK(first.title == "Ferry returns to the harbour & the island");
  CHECK(first.paragraphs ==
        Paragraphs{"The ferry to Inishmore ran again on Thursday.", "Repairs took six weeks."});
  CHECK(iso_or_none(first.date) == "2024-05-02");
  CHECK(first.author == "Aoife Byrne");
  CHECK(first.source == "The Coastline Courier");
  CHECK(first.url == "https://courier.example.org/2024/05/02/ferry");
  CHECK(first.id == make_article_id("/feeds/courier.rss", "courier-1842"));
  // No full text: the description stands in.
  CHECK(result.articles[1].paragraphs == Paragraphs{"Fees at the port rose for the third year."});
  CHECK(iso_or_none(result.articles[1].date) == "2024-05-03");
}

TEST_CASE("an RSS 1.0 feed gives an article per item", "[reader][xml][feed]") {
  const char* const rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://wire.example.net/"><title>Delta Wire</title></channel>
  <item rdf:about="https://wire.example.net/barrier">
    <title>Tidal barrier tested on the Maas</title>
    <link>https://wire.example.net/barrier</link>
    <description>Engineers closed the barrier for an hour.</description>
    <dc:date>2025-02-11T10:00:00Z</dc:date>
    <dc:creator>Joris de Vries</dc:creator>
  </item>
</rdf:RDF>)";
  const Article article = only_article(parse_news_xml(rdf, context_for("/feeds/wire.xml")));
  CHECK(article.title == "Tidal barrier tested on the Maas");
  CHECK(iso_or_none(article.date) == "2025-02-11");
  CHECK(article.author == "Joris de Vries");
  CHECK(article.source == "Delta Wire");
  CHECK(article.id == make_article_id("/feeds/wire.xml", "https://wire.example.net/barrier"));
}

TEST_CASE("an Atom feed gives an article per entry", "[reader][xml][feed]") {
  const char* const atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>North Shore Post</title>
  <entry>
    <title type="html">Bus drivers end a three-day &lt;em&gt;strike&lt;/em&gt;</title>
    <link rel="self" href="https://post.example.org/api/1"/>
    <link rel="alternate" href="https://post.example.org/2024/11/21/strike"/>
    <id>tag:post.example.org,2024:1</id>
    <updated>2024-11-22T08:00:00Z</updated>
    <published>2024-11-21T18:00:00Z</published>
    <author><name>Marie Tremblay</name></author>
    <author><name>Luc Gagnon</name></author>
    <summary>Drivers went back on Friday.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Drivers voted to return.</p><p>Service resumes on Friday.</p></div></content>
  </entry>
  <entry>
    <title>Snow closes the bridge</title>
    <link href="https://post.example.org/2024/11/23/snow"/>
    <id>tag:post.example.org,2024:2</id>
    <updated>2024-11-23T07:00:00Z</updated>
    <summary type="html">&lt;p&gt;The bridge shut at dawn.&lt;/p&gt;</summary>
  </entry>
</feed>)";
  const ReadResult result = parse_news_xml(atom, context_for("/feeds/post.atom"));
  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 2);
  const Article& first = result.articles[0];
  CHECK(first.title == "Bus drivers end a three-day strike");
  CHECK(first.url == "https://post.example.org/2024/11/21/strike");
  CHECK(first.paragraphs == Paragraphs{"Drivers voted to return.", "Service resumes on Friday."});
  CHECK(iso_or_none(first.date) == "2024-11-21");
  CHECK(first.author == "Marie Tremblay, Luc Gagnon");
  CHECK(first.source == "North Shore Post");
  CHECK(first.stated_language == "en");
  CHECK(first.id == make_article_id("/feeds/post.atom", "tag:post.example.org,2024:1"));
  const Article& second = result.articles[1];
  CHECK(second.url == "https://post.example.org/2024/11/23/snow");
  CHECK(second.paragraphs == Paragraphs{"The bridge shut at dawn."});
  CHECK(iso_or_none(second.date) == "2024-11-23");  // updated, when not published
}

TEST_CASE("XML that is no news, or broken, is a problem naming it", "[reader][xml][problem]") {
  SECTION("other XML is named by its root") {
    const ReadResult other = parse_news_xml("<catalog><book/></catalog>", context_for("/a.xml"));
    CHECK(other.articles.empty());
    REQUIRE(other.problems.size() == 1);
    CHECK(other.problems[0].reason ==
          "XML that is neither a news format nor a feed (root element <catalog>)");
  }
  SECTION("a feed without items") {
    const ReadResult rss = parse_news_xml("<rss><channel/></rss>", context_for("/a.rss"));
    CHECK(rss.articles.empty());
    REQUIRE(rss.problems.size() == 1);
    CHECK(rss.problems[0].reason == "RSS without an item");
    const ReadResult atom =
        parse_news_xml("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", context_for("/a.atom"));
    REQUIRE(atom.problems.size() == 1);
    CHECK(atom.problems[0].reason == "Atom feed without an entry");
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

#include "common/html_article.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace dateline;

namespace {

// Paragraphs long enough to read as article text.
const std::string k_first =
    "The harbour ferry ran again on Thursday, three months after a winter storm tore away "
    "part of its pier, the operator said.";
const std::string k_second =
    "Commuters queued from dawn, and the first crossing, at a quarter past six, was full "
    "before the gangway was raised.";
const std::string k_third =
    "Repairs cost the city more than it had set aside, and the council will vote next "
    "month on how to meet the difference.";

// More of the same article, for pages that cut it in parts.
const std::vector<std::string> k_more = {
    "Ferry staff, who were paid through the closure, spent the winter training, painting the "
    "waiting room and, for some weeks, helping at the bus depot.",
    "The operator, a company owned by the city, expects about two thousand passengers a day "
    "by the summer, as many as before the storm.",
    "Fishermen on the far side, whose catch went by road while the ferry was out, said the "
    "return would save them an hour, or more, every morning.",
    "A second pier, planned for years and costed twice, is still waiting for money from the "
    "province, the mayor said, though talks go on.",
    "Tickets, which rose by a tenth in January, will be half price for children, students "
    "and pensioners until the end of the year.",
    "The timetable, printed and online, adds a late crossing on Fridays and Saturdays, when "
    "the town's restaurants, bars and cinema are busiest."};

std::string paragraphs(const std::vector<std::string>& texts) {
  std::string html;
  for (const std::string& text : texts) html += "<p>" + text + "</p>";
  return html;
}

std::string joined(const std::vector<std::string>& texts) {
  std::string out;
  for (const std::string& text : texts) out += (out.empty() ? "" : "\n\n") + text;
  return out;
}

std::string page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

std::string story(const std::string& extra_inside = "") {
  return "<article><p>" + k_first + "</p><p>" + k_second + "</p>" + extra_inside + "<p>" + k_third +
         "</p></article>";
}

std::string three_paragraphs() { return k_first + "\n\n" + k_second + "\n\n" + k_third; }

}  // namespace

TEST_CASE("the body is the article's paragraphs without the page's furniture",
          "[html_article][body]") {
  struct Case {
    const char* name;
    std::string html;
    std::string expected;
  };
  const Case cases[] = {
      {"paragraphs kept, separated by a blank line", page("", story()), three_paragraphs()},
      {"navigation, share buttons, comments, related links and a cookie banner dropped",
       page("",
            "<div class=\"cookie-banner\"><p>We use cookies to improve your experience, "
            "as described in our policy.</p></div>"
            "<header><a href=\"/\">Coastline Courier</a></header>"
            "<nav><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a>"
            "</li></ul></nav>"
            "<main>" +
                story("<div class=\"share-tools\"><a href=\"#\">Share on social media</a> "
                      "<a href=\"#\">Email this story to a friend</a></div>") +
                "<section id=\"comments\"><h2>Comments</h2><p>I waited for this ferry for "
                "months, and it was worth it, honestly, truly.</p></section>"
                "<aside><h3>Related</h3><ul><li><a href=\"/a\">Bridge works delayed again "
                "this spring</a></li><li><a href=\"/b\">Bus fares rise in the new year</a>"
                "</li></ul></aside></main>"
                "<footer><p>Copyright Coastline Courier, all rights reserved, since 1921.</p>"
                "</footer>"),
       three_paragraphs()},
      {"broken markup: unclosed tags",
       page("", "<div><p>" + k_first + "<p>" + k_second + "<p><b>" + k_third), three_paragraphs()},
      {"character references decoded",
       page("",
            "<div><p>Caf&eacute; owners, bakers &amp; grocers on the quay said trade was "
            "&ldquo;slow&rdquo; while the ferry was out, and hoped for better.</p><p>" +
                k_first + "</p></div>"),
       "Caf\xC3\xA9 owners, bakers & grocers on the quay said trade was "
       "\xE2\x80\x9Cslow\xE2\x80\x9D "
       "while the ferry was out, and hoped for better.\n\n" +
           k_first},
      {"headings and list items are paragraphs of their own",
       page("", "<article><p>" + k_first +
                    "</p><h2>What changes</h2><ul><li>Earlier "
                    "crossings</li><li>A new timetable</li></ul><p>" +
                    k_second + "</p></article>"),
       k_first + "\n\nWhat changes\n\nEarlier crossings\n\nA new timetable\n\n" + k_second},
      {"two line breaks end a paragraph, one does not",
       page("", "<div class=\"story\">" + k_first + "<br>" + k_second + "<br><br>" + k_third +
                    "</div>"),
       k_first + " " + k_second + "\n\n" + k_third},
      {"the heading that repeats the headline is left out",
       page("<title>Harbour ferry returns</title>", "<article><h1>Harbour ferry returns</h1><p>" +
                                                        k_first + "</p><p>" + k_second +
                                                        "</p></article>"),
       k_first + "\n\n" + k_second},
      {"hidden elements and scripts dropped",
       page("", "<article><p>" + k_first + "</p><div style=\"display: none\"><p>" + k_third +
                    "</p></div><script>var x = 'not, text, at, all, really, no';</script><p>" +
                    k_second + "</p></article>"),
       k_first + "\n\n" + k_second},
      {"an article cut in two wrapped parts, an advertisement's label between them",
       page("", "<main><div class=\"part\"><div class=\"col\"><p>" + k_first + "</p><p>" +
                    k_second + "</p><p>" + k_third +
                    "</p></div></div><div class=\"break\">Advertisement</div>"
                    "<div class=\"part\"><div class=\"col\">" +
                    paragraphs(k_more) + "</div><span>Continue reading</span></div></main>"),
       three_paragraphs() + "\n\n" + joined(k_more)},
      {"a page with no body", page("<title>Nothing here</title>", ""), ""},
      {"a page of navigation only",
       page("", "<nav><a href=\"/a\">One</a> <a href=\"/b\">Two</a></nav>"), ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(extract_html_article(c.html).body == c.expected);
  }
}

TEST_CASE("the headline comes from JSON-LD, then og:title, then the title without the site",
          "[html_article][headline]") {
  struct Case {
    const char* name;
    std::string head;
    std::string body;
    std::string expected;
  };
  const std::string json_ld =
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
      "{\"@type\":\"WebSite\",\"name\":\"Coastline Courier\"},{\"@type\":\"NewsArticle\","
      "\"headline\":\"From JSON-LD\"}]}</script>";
  const std::string og = "<meta property=\"og:title\" content=\"From og:title\">";
  const std::string title = "<title>From the title | Coastline Courier</title>";
  const std::string site = "<meta property=\"og:site_name\" content=\"Coastline Courier\">";
  const Case cases[] = {
      {"JSON-LD in @graph first", title + og + json_ld, "", "From JSON-LD"},
      {"og:title before the title", title + og, "", "From og:title"},
      {"the title, the site's name dropped", title + site, "", "From the title"},
      {"the shorter side dropped when no site is named",
       "<title>Ferry back in service after storm | Coastline Courier</title>", "",
       "Ferry back in service after storm"},
      {"the site's name first, named by og:site_name",
       "<title>Coastline Courier - Ferry back in service</title>"
       "<meta property=\"og:site_name\" content=\"Coastline Courier\">",
       "", "Ferry back in service"},
      {"an em dash separates too",
       "<title>Ferry back in service after storm \xE2\x80\x94 Courier</title>", "",
       "Ferry back in service after storm"},
      {"a short title with a long tail is kept whole",
       "<title>Ferry returns | Coastline Courier Online</title>", "",
       "Ferry returns | Coastline Courier Online"},
      {"the site's name first, not named", "<title>Courier - Ferry back in service</title>", "",
       "Ferry back in service"},
      {"a title without a separator as it is", "<title>Ferry back in service</title>", "",
       "Ferry back in service"},
      {"JSON-LD parse errors tolerated",
       "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", broken</script>" + og, "",
       "From og:title"},
      {"an h1 when there is no title", "", "<h1>Ferry back in service</h1>",
       "Ferry back in service"},
      {"references decoded", "<title>Caf&eacute; reopens &amp; hires | Courier</title>", "",
       "Caf\xC3\xA9 reopens & hires"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(extract_html_article(page(c.head, c.body)).headline == c.expected);
  }
}

TEST_CASE("the date comes from JSON-LD, article:published_time, <time>, meta dates, the URL",
          "[html_article][date]") {
  struct Case {
    const char* name;
    std::string head;
    std::string body;
    std::string url;
    std::string expected;  // ISO date, or "none"
  };
  const std::string json_ld =
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
      "\"2024-05-02T08:30:00+01:00\"}</script>";
  const std::string published = "<meta property=\"article:published_time\" content=\"2024-05-03\">";
  const std::string time =
      "<article><time datetime=\"2024-05-04T10:00\">4 May</time><p>" + k_first + "</p></article>";
  const std::string meta_date = "<meta name=\"DC.date\" content=\"5 May 2024\">";
  const std::string canonical =
      "<link rel=\"canonical\" href=\"https://example.com/news/2024/05/06/ferry-returns\">";
  const Case cases[] = {
      {"JSON-LD first", json_ld + published + meta_date, time, "", "2024-05-02"},
      {"then article:published_time", published + meta_date, time, "", "2024-05-03"},
      {"then a <time datetime> in the article", meta_date, time, "", "2024-05-04"},
      {"then other meta dates", meta_date + canonical, "", "", "2024-05-05"},
      {"then the canonical URL's date", canonical, "", "", "2024-05-06"},
      {"then the page's URL", "", "", "https://example.com/2024-05-07-ferry.html", "2024-05-07"},
      {"a date that does not parse is passed over",
       "<meta property=\"article:published_time\" content=\"yesterday\">" + meta_date, "", "",
       "2024-05-05"},
      {"none", "", "<p>" + k_first + "</p>", "", "none"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const HtmlArticle article = extract_html_article(page(c.head, c.body), c.url);
    CHECK((article.published_date ? article.published_date->iso() : "none") == c.expected);
  }
}

TEST_CASE("JSON-LD nested deep is read no deeper than it is searched", "[html_article][authors]") {
  // A hostile page: an author 200,000 arrays deep overflowed the stack.
  const std::size_t depth = 200000;
  const std::string ld =
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"headline\":\"Deep\",\"author\":" +
      std::string(depth, '[') + "\"Ada Brook\"" + std::string(depth, ']') +
      ",\"creator\":\"Tom Reyes\"}</script>";
  const HtmlArticle article = extract_html_article(page(ld, "<p>" + k_first + "</p>"));
  CHECK(article.headline == "Deep");
  // The author too deep is passed over; the creator stands in for it.
  CHECK(article.authors == std::vector<std::string>{"Tom Reyes"});
}

TEST_CASE("authors come from JSON-LD, meta tags or the byline", "[html_article][authors]") {
  struct Case {
    const char* name;
    std::string head;
    std::string body;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"a JSON-LD array of people and a string",
       "<script type=\"application/ld+json\">[{\"@type\":\"NewsArticle\",\"author\":["
       "{\"@type\":\"Person\",\"name\":\"Ada Brook\"},\"Tom Reyes\"]}]</script>"
       "<meta name=\"author\" content=\"Someone Else\">",
       "",
       {"Ada Brook", "Tom Reyes"}},
      {"a JSON-LD object",
       "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"author\":"
       "{\"@type\":\"Person\",\"name\":\"Ada Brook\"}}</script>",
       "",
       {"Ada Brook"}},
      {"meta name=author", "<meta name=\"author\" content=\"Ada Brook\">", "", {"Ada Brook"}},
      {"article:author that is a URL is passed over",
       "<meta property=\"article:author\" content=\"https://example.com/ada\">",
       "",
       {}},
      {"a byline element, 'By' and 'and' taken apart",
       "",
       "<article><p class=\"byline\">By Ada Brook and Tom Reyes</p><p>" + k_first +
           "</p></article>",
       {"Ada Brook", "Tom Reyes"}},
      {"rel=author",
       "",
       "<p>Written by <a rel=\"author\" href=\"/ada\">Ada Brook</a></p>",
       {"Ada Brook"}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(extract_html_article(page(c.head, c.body)).authors == c.expected);
  }
}

TEST_CASE("the byline is not part of the body", "[html_article][authors]") {
  const HtmlArticle article =
      extract_html_article(page("", "<article><p class=\"byline\">By Ada Brook</p><p>" + k_first +
                                        "</p><p>" + k_second + "</p></article>"));
  CHECK(article.authors == std::vector<std::string>{"Ada Brook"});
  CHECK(article.body == k_first + "\n\n" + k_second);
}

TEST_CASE("source, canonical URL and language", "[html_article][metadata]") {
  const HtmlArticle article = extract_html_article(
      "<html lang=\"en-GB\"><head><meta property=\"og:site_name\" content=\"Coastline Courier\">"
      "<link rel=\"canonical\" href=\"https://example.com/ferry\">"
      "<meta property=\"og:url\" content=\"https://example.com/other\"></head>"
      "<body><p>" +
      k_first + "</p></body></html>");
  CHECK(article.source == "Coastline Courier");
  CHECK(article.canonical_url == "https://example.com/ferry");
  CHECK(article.language == "en-GB");

  const HtmlArticle from_json_ld = extract_html_article(
      "<head><meta http-equiv=\"content-language\" content=\"fr\">"
      "<meta property=\"og:url\" content=\"https://example.com/other\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"publisher\":"
      "{\"@type\":\"Organization\",\"name\":\"Le Courrier\"}}</script></head>");
  CHECK(from_json_ld.source == "Le Courrier");
  CHECK(from_json_ld.canonical_url == "https://example.com/other");
  CHECK(from_json_ld.language == "fr");
}

TEST_CASE("html_block_text renders every block as a paragraph", "[html_article][text]") {
  CHECK(html_block_text("<div><p>One  two</p><ul><li>three</li><li>four</li></ul>five<script>"
                        "no</script></div>") == "One two\n\nthree\n\nfour\n\nfive");
  CHECK(html_block_text("") == "");
}

TEST_CASE("very deep nesting is flattened, not a crash", "[html_article][hostile]") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += "<p>" + k_first + "</p>";
  const HtmlArticle article = extract_html_article(page("", deep));
  CHECK(article.body == k_first);
}

#include "searcher/output.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

namespace dateline {
namespace {

SearchResult sample_result() {
  SearchResult result;
  result.query = "kerry";
  result.parsed = "Query(Zkerri@1)";
  result.total = 1;
  result.limit = 10;
  SearchHit hit;
  hit.rank = 1;
  hit.id = "abc";
  hit.title = "Kerry in Moscow";
  hit.path = "/a/b.txt";
  hit.date = "2016-07-15";
  hit.score = 1.5;
  hit.snippet =
      std::string("talks with ") + k_highlight_start + "Kerry" + k_highlight_end + " ended";
  result.hits.push_back(hit);
  return result;
}

// What write_text and write_json write.
std::string text_of(const SearchResult& result, Color color) {
  std::ostringstream out;
  write_text(result, color, out);
  return out.str();
}

std::string json_line_of(const SearchResult& result) {
  std::ostringstream out;
  write_json(result, out);
  return out.str();
}

nlohmann::json json_of(const SearchResult& result) {
  return nlohmann::json::parse(json_line_of(result));
}

}  // namespace

TEST_CASE("strip_control_characters keeps text and drops controls", "[searcher][output]") {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"plain text", "plain text"},
      {"red \x1b[31malert\x1b[0m", "red [31malert[0m"},
      {"bell\x07 and del\x7f", "bell and del"},
      {"line\nbreak", "line\nbreak"},
      {"c1 \xc2\x9b"
       "control",
       "c1 control"},
      {"caf\xc3\xa9", "caf\xc3\xa9"},
  };
  for (const Case& c : cases) {
    CHECK(strip_control_characters(c.input) == c.expected);
  }
}

TEST_CASE("text output highlights only when asked", "[searcher][output]") {
  const std::string plain = text_of(sample_result(), Color::no);
  CHECK_THAT(plain, Catch::Contains("1 match for: kerry") &&
                        Catch::Contains("talks with Kerry ended") &&
                        Catch::Contains("2016-07-15") && Catch::Contains("/a/b.txt"));
  CHECK(plain.find('\x1b') == std::string::npos);

  const std::string bold = text_of(sample_result(), Color::yes);
  CHECK_THAT(bold, Catch::Contains("talks with \x1b[1mKerry\x1b[0m ended"));
}

TEST_CASE("article text cannot inject escape sequences", "[searcher][output]") {
  SearchResult result = sample_result();
  result.hits[0].title = "evil \x1b]0;pwned\x07 title";
  result.hits[0].snippet = "clear \x1b[2J screen";
  const std::string out = text_of(result, Color::yes);
  // The only escapes left are dateline's own SGR codes.
  CHECK(out.find("\x1b]") == std::string::npos);
  CHECK(out.find("\x1b[2J") == std::string::npos);
}

TEST_CASE("JSON output is one valid object with markers", "[searcher][output]") {
  SearchResult result = sample_result();
  result.hits[0].title = "bad utf8 \xff here";
  const std::string text = json_line_of(result);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  const nlohmann::json json = nlohmann::json::parse(text);
  CHECK(json["total"] == 1);
  CHECK(json["total_exact"] == true);
  CHECK(json["results"][0]["snippet"] == "talks with **Kerry** ended");
  CHECK(json["results"][0]["date"] == "2016-07-15");
}

// Found by tests/fuzz/json_writer_fuzz.cpp: write_text printed a hit's
// date unfiltered (the index stores ISO dates, but the writer promises to
// strip whatever it is given).
TEST_CASE("a date cannot carry a control sequence into text output", "[searcher][output]") {
  SearchResult result = sample_result();
  result.hits[0].date = "z1\x02\x1b[2J";
  const std::string out = text_of(result, Color::no);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x02') == std::string::npos);
  CHECK_THAT(out, Catch::Contains("z1[2J"));
}

// Found while fixing the above: snippets were stripped one byte at a time,
// so the two bytes of a C1 control (U+009B, CSI, is 0xC2 0x9B) both passed;
// and removing a C0 control could join the halves of one.
TEST_CASE("C1 controls are removed from snippets and across removed bytes", "[searcher][output]") {
  CHECK(strip_control_characters("a\xC2\x01\x9B"
                                 "b") == "ab");
  CHECK(strip_control_characters("caf\xC3\xA9 \xC2\xA0x") == "caf\xC3\xA9 \xC2\xA0x");  // kept

  SearchResult result = sample_result();
  result.hits[0].snippet = std::string(
                               "x\xC2\x9B"
                               "2Jy \xC2") +
                           k_highlight_start + "\x85" + "Kerry" + k_highlight_end;
  for (Color color : {Color::no, Color::yes}) {
    const std::string text = text_of(result, color);
    CHECK(text.find("\xC2\x9B") == std::string::npos);
    CHECK(text.find("\xC2\x85") == std::string::npos);
  }
  const nlohmann::json parsed = json_of(result);
  // The stray halves are ill-formed UTF-8, which JSON output replaces.
  CHECK(parsed["results"][0]["snippet"] == "x2Jy \xEF\xBF\xBD**\xEF\xBF\xBDKerry**");
}

}  // namespace dateline

namespace dateline {
namespace {

schema::StoredArticle sample_article() {
  schema::StoredArticle article;
  article.id = "00000000000000aa";
  article.title = "Collider sets a record";
  article.path = "/feeds/wire.jsonl";
  article.date = "2024-09-12";
  article.source = "Harbour Wire";
  article.author = "Elin Sandvik";
  article.url = "https://example.com/science/record";
  article.language = "english";
  article.body = "GENEVA \xe2\x80\x94 The collider at CERN set a record.\n\nRaman \x1b[2Jspoke.";
  article.entities = {{EntityType::organization, "CERN", 2, false, true},
                      {EntityType::person, "Priya Raman", 1, false, false},
                      {EntityType::location, "Geneva", 1, false, true}};
  return article;
}

}  // namespace

TEST_CASE("a counts-only result (limit 0) shows the total and the facets, no page",
          "[searcher][output]") {
  SearchResult result = sample_result();
  result.hits.clear();
  result.total = 56;
  result.limit = 0;
  result.facets = {{FacetKind::author, {{"Elin Sandvik", 2}}}};
  const std::string text = text_of(result, Color::no);
  CHECK_THAT(text, Catch::StartsWith("56 matches for: kerry\n"));
  CHECK_THAT(text, !Catch::Contains("no results on this page"));
  CHECK_THAT(text, Catch::Contains("author\n  Elin Sandvik"));
  const nlohmann::json parsed = json_of(result);
  CHECK(parsed["results"].empty());
  CHECK(parsed["limit"] == 0);
  CHECK(parsed["facets"]["author"][0]["count"] == 2);
}

TEST_CASE("a hit's byline is in its text line and its JSON", "[searcher][output]") {
  SearchResult result = sample_result();
  result.hits[0].source = "Harbour Wire";
  result.hits[0].author = "Elin Sandvik";
  const std::string text = text_of(result, Color::no);
  CHECK_THAT(text, Catch::Contains("2016-07-15  Harbour Wire  by Elin Sandvik  score"));
  CHECK(json_of(result)["results"][0]["author"] == "Elin Sandvik");
}

TEST_CASE("one article in full, as text and as JSON", "[searcher][output]") {
  std::ostringstream text;
  write_article_text(sample_article(), Color::no, text);
  CHECK(text.str() ==
        "Collider sets a record\n"
        "date: 2024-09-12\n"
        "source: Harbour Wire\n"
        "author: Elin Sandvik\n"
        "url: https://example.com/science/record\n"
        "path: /feeds/wire.jsonl\n"
        "id: 00000000000000aa\n"
        "people: Priya Raman (1)\n"
        "places: Geneva (1)\n"
        "organizations: CERN (2)\n"
        "\n"
        "GENEVA \xe2\x80\x94 The collider at CERN set a record.\n\nRaman [2Jspoke.\n");

  schema::StoredArticle undated = sample_article();
  undated.date.clear();
  undated.author.clear();
  std::ostringstream bare;
  write_article_text(undated, Color::no, bare);
  CHECK_THAT(bare.str(), Catch::Contains("\ndate: unknown\n") && !Catch::Contains("author:"));

  std::ostringstream json;
  write_article_json(sample_article(), json);
  const std::string line = json.str();
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
  const nlohmann::json parsed = nlohmann::json::parse(line);
  CHECK(parsed["id"] == "00000000000000aa");
  CHECK(parsed["date"] == "2024-09-12");
  CHECK(parsed["author"] == "Elin Sandvik");
  CHECK(parsed["source"] == "Harbour Wire");
  CHECK(parsed["url"] == "https://example.com/science/record");
  CHECK(parsed["path"] == "/feeds/wire.jsonl");
  CHECK(
      parsed["entities"]["organization"][0] ==
      nlohmann::json({{"value", "CERN"}, {"mentions", 2}, {"in_title", false}, {"in_lead", true}}));
  CHECK(parsed["entities"]["misc"].empty());
  CHECK(parsed["body"].get<std::string>().starts_with("GENEVA"));
  std::ostringstream undated_json;
  write_article_json(undated, undated_json);
  CHECK(nlohmann::json::parse(undated_json.str())["date"].is_null());
}

}  // namespace dateline

namespace dateline {

TEST_CASE("entities are listed by type, in the article's order, with or without mentions",
          "[searcher][output]") {
  const std::vector<ArticleEntity> entities = {
      {EntityType::person, "John Kerry", 3},    {EntityType::location, "Geneva", 2},
      {EntityType::person, "Sergey Lavrov", 2}, {EntityType::person, "Helena Marsh", 1},
      {EntityType::person, "Pavel Sorokin", 1}, {EntityType::person, "Luc Deschamps", 1},
      {EntityType::misc, "Olympics", 1},        {EntityType::organization, "U\x1b[2JN", 1},
  };
  CHECK(entity_names(entities, EntityType::person, 2, Mentions::hidden) ==
        "John Kerry, Sergey Lavrov");
  CHECK(
      entity_names(entities, EntityType::person, k_all_entities, Mentions::shown) ==
      "John Kerry (3), Sergey Lavrov (2), Helena Marsh (1), Pavel Sorokin (1), Luc Deschamps (1)");
  CHECK(entity_names(entities, EntityType::organization, k_all_entities, Mentions::hidden) ==
        "U[2JN");  // no control character gets through
  CHECK(entity_names({}, EntityType::person, 4, Mentions::shown).empty());

  // A result's line: four of each type at most, misc left out.
  CHECK(entity_line(entities, " | ") ==
        "people: John Kerry, Sergey Lavrov, Helena Marsh, Pavel Sorokin | places: Geneva | "
        "organizations: U[2JN");
  CHECK(entity_line({{EntityType::misc, "Olympics", 1}}, "  ").empty());
}

}  // namespace dateline

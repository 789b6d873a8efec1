// Unit tests for tools/bench/reuters_tags.cpp: Reuters-21578's PEOPLE and
// PLACES tags read from SGML, whether an article has a body, and the tags
// found again by the ids the reader gives articles.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/error.hpp"
#include "tests/temp_dir.hpp"
#include "tools/bench/reuters_tags.hpp"

namespace dateline::bench {
namespace {

using Strings = std::vector<std::string>;

// Three articles as the collection writes them: one with a body and tags
// of both kinds, a headline alone (TYPE="BRIEF") with a person tag, and one
// whose body is only white space; then an element without a NEWID.
const std::string k_sgml =
    "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
    "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" OLDID=\"5544\" NEWID=\"17\">\n"
    "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
    "<TOPICS><D>trade</D></TOPICS>\n"
    "<PLACES><D>usa</D><D>west-germany</D></PLACES>\n"
    "<PEOPLE><D>james-baker</D><D>stoltenberg</D></PEOPLE>\n"
    "<ORGS></ORGS>\n"
    "<TEXT>&#2;\n<TITLE>BAKER AND STOLTENBERG MEET</TITLE>\n"
    "<DATELINE>    BONN, Feb 26 - </DATELINE><BODY>Treasury Secretary James Baker met\n"
    "West German Finance Minister Gerhard Stoltenberg.\n Reuter\n&#3;</BODY></TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS TOPICS=\"NO\" OLDID=\"5545\" NEWID=\"18\">\n"
    "<PLACES></PLACES>\n<PEOPLE><D>reagan</D></PEOPLE>\n"
    "<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>REAGAN TO SPEAK ON TRADE</TITLE>\n&#3;</TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS NEWID=\"19\">\n<PLACES><D>japan</D></PLACES>\n"
    "<TEXT><TITLE>BLANK</TITLE><BODY>  \n  </BODY></TEXT>\n</REUTERS>\n"
    "<REUTERS OLDID=\"1\">\n<PEOPLE><D>nobody</D></PEOPLE>\n<BODY>text</BODY>\n</REUTERS>\n";

TEST_CASE("tag_list reads an element's <D> values, hyphens as spaces", "[reuters_tags]") {
  struct Case {
    std::string element;
    std::string name;
    Strings values;
  };
  const Case cases[] = {
      {"<PEOPLE><D>james-baker</D><D>reagan</D></PEOPLE>", "PEOPLE", {"james baker", "reagan"}},
      {"<PLACES><D>usa</D></PLACES><PEOPLE><D>lawson</D></PEOPLE>", "PLACES", {"usa"}},
      {"<PLACES><D>usa</D></PLACES><PEOPLE><D>lawson</D></PEOPLE>", "PEOPLE", {"lawson"}},
      {"<PEOPLE></PEOPLE>", "PEOPLE", {}},
      {"<PLACES><D>usa</D></PLACES>", "PEOPLE", {}},       // no such element
      {"<PEOPLE><D>reagan</D>", "PEOPLE", {}},             // not closed
      {"<PEOPLE><D>a</D><D>b</PEOPLE>", "PEOPLE", {"a"}},  // an unclosed <D> ends the list
      {"<PEOPLE><D>de-la-madrid</D></PEOPLE>", "PEOPLE", {"de la madrid"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.element, c.name);
    CHECK(tag_list(c.element, c.name) == c.values);
  }
}

TEST_CASE("parse_reuters_tags keys each article's tags by NEWID", "[reuters_tags]") {
  const std::map<std::string, ReutersTags> tags = parse_reuters_tags(k_sgml);
  REQUIRE(tags.size() == 3);  // the element without a NEWID is skipped

  const ReutersTags& talks = tags.at("17");
  CHECK(talks.people == Strings{"james baker", "stoltenberg"});
  CHECK(talks.places == Strings{"usa", "west germany"});
  CHECK(talks.has_body);

  const ReutersTags& brief = tags.at("18");
  CHECK(brief.people == Strings{"reagan"});
  CHECK(brief.places.empty());
  CHECK_FALSE(brief.has_body);

  const ReutersTags& blank = tags.at("19");
  CHECK(blank.places == Strings{"japan"});
  CHECK_FALSE(blank.has_body);  // white space is no body

  CHECK(parse_reuters_tags("").empty());
  CHECK(parse_reuters_tags("<REUTERS NEWID=\"1\"><BODY>cut off").empty());
}

TEST_CASE("read_reuters_tags reads a file and names one it cannot read", "[reuters_tags]") {
  const test::TempDir dir;
  const std::filesystem::path file = dir.write("reut2-000.sgm", k_sgml);
  CHECK(read_reuters_tags(file) == parse_reuters_tags(k_sgml));
  const std::string absent = (dir.path() / "reut2-999.sgm").string();
  CHECK_THROWS_AS(read_reuters_tags(absent), Error);
  CHECK_THROWS_WITH(read_reuters_tags(absent), Catch::Matchers::Contains(absent));
}

TEST_CASE("tags_by_article_id finds tags by the ids the reader gives", "[reuters_tags]") {
  const std::string path = "/data/reuters/reut2-000.sgm";
  const auto by_id = tags_by_article_id(parse_reuters_tags(k_sgml), path);
  REQUIRE(by_id.size() == 3);
  for (const std::string newid : {"17", "18", "19"}) {
    CAPTURE(newid);
    CHECK(by_id.count(make_article_id(path, newid)) == 1);
  }
  CHECK(by_id.at(make_article_id(path, "17")).people == Strings{"james baker", "stoltenberg"});
  // Another path gives other ids: the path must be the one indexed.
  CHECK(by_id.count(make_article_id("/elsewhere/reut2-000.sgm", "17")) == 0);
}

TEST_CASE("reuters_files lists a directory's .sgm files in order", "[reuters_tags]") {
  const test::TempDir dir;
  dir.write("reut2-001.sgm", k_sgml);
  dir.write("reut2-000.sgm", k_sgml);
  dir.write("lewis.dtd", "");
  dir.write("README.txt", "");
  CHECK(reuters_files(dir.path()) ==
        std::vector<std::filesystem::path>{dir.path() / "reut2-000.sgm",
                                           dir.path() / "reut2-001.sgm"});

  const test::TempDir empty;
  CHECK_THROWS_WITH(reuters_files(empty.path()),
                    Catch::Matchers::Contains("no .sgm file") &&
                        Catch::Matchers::Contains(empty.path().string()));
  const std::string absent = (empty.path() / "absent").string();
  CHECK_THROWS_WITH(reuters_files(absent), Catch::Matchers::Contains(absent));
}

}  // namespace
}  // namespace dateline::bench

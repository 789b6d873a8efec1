// Unit tests for common/ner/name_lists.cpp: the GeoNames, countries and
// personal-names readers, and firm names mined from news by legal form.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "common/ner/name_lists.hpp"
#include "tests/common/ner/test_support.hpp"

namespace dateline::ner {
namespace {

std::vector<std::string> joined(const std::vector<ListPhrase>& phrases, int type) {
  std::vector<std::string> out;
  for (const ListPhrase& phrase : phrases) {
    if (phrase.type != type) continue;
    std::string text;
    for (const std::string& token : phrase.tokens) text += (text.empty() ? "" : " ") + token;
    out.push_back(text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

UnlabelledSentence sentence(const std::string& text, bool caps = false) {
  UnlabelledSentence s;
  s.caps = caps;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    s.tokens.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return s;
}

}  // namespace

TEST_CASE("read_geonames_places keeps names and alternative names of large enough places",
          "[ner][name_lists]") {
  const test::TempDir dir;
  const auto path = dir.write(
      "cities.tsv",
      "geonameid\tname\talt_name\tcountry\tadmin1\tfeature_code\tpopulation\tlatitude\tlongitude\n"
      "1\tSan Jose\tSan José\tUS\tCA\tPPL\t1000000\t37.3\t-121.9\n"
      "2\tTinyville\t\tUS\tCA\tPPL\t1200\t0\t0\n"
      "3\tNice\tNice\tFR\t93\tPPLA2\t342000\t43.7\t7.3\n");
  const std::vector<ListPhrase> all = read_geonames_places(path, 1000);
  CHECK(joined(all, 1) == std::vector<std::string>{"Nice", "San Jose", "San José", "Tinyville"});
  const std::vector<ListPhrase> large = read_geonames_places(path, 5000);
  CHECK(joined(large, 1) == std::vector<std::string>{"Nice", "San Jose", "San José"});

  const auto bad = dir.write("bad.tsv", "header\n1\tX\t\tUS\tCA\tPPL\tmany\n");
  CHECK_THROWS_WITH(read_geonames_places(bad, 0), Catch::Contains("bad.tsv:2"));
  const auto short_line = dir.write("short.tsv", "header\n1\tX\n");
  CHECK_THROWS_WITH(read_geonames_places(short_line, 0), Catch::Contains("short.tsv:2"));
}

TEST_CASE("read_country_names gives names as places and demonyms as MISC", "[ner][name_lists]") {
  const test::TempDir dir;
  const auto path = dir.write("countries.json", R"([
    {"name": {"common": "Ivory Coast", "official": "Republic of Côte d'Ivoire"},
     "altSpellings": ["CI", "Côte d'Ivoire"],
     "demonyms": {"eng": {"m": "Ivorian", "f": "Ivorian"}}},
    {"name": {"common": "Aruba", "official": "Aruba"}, "altSpellings": ["AW"]}
  ])");
  const std::vector<ListPhrase> phrases = read_country_names(path);
  const std::vector<std::string> places = joined(phrases, 1);
  CHECK(std::count(places.begin(), places.end(), "Ivory Coast") == 1);
  CHECK(std::count(places.begin(), places.end(), "Côte d ' Ivoire") +
            std::count(places.begin(), places.end(), "Côte d'Ivoire") ==
        1);
  CHECK(std::count(places.begin(), places.end(), "CI") == 0);  // two letters: too ambiguous
  CHECK(std::count(places.begin(), places.end(), "Aruba") == 2);
  CHECK(joined(phrases, 3) == std::vector<std::string>{"Ivorian", "Ivorian"});

  const auto broken = dir.write("broken.json", "[{");
  CHECK_THROWS_WITH(read_country_names(broken), Catch::Contains("broken.json"));
}

TEST_CASE("read_person_names keeps capitalised one-word names", "[ner][name_lists]") {
  const test::TempDir dir;
  const auto path = dir.write("names.txt", "A\nAaron\nvan\nMary Ann\nO'Brien\nZoe\n");
  CHECK(joined(read_person_names(path), 0) == std::vector<std::string>{"Aaron", "O'Brien", "Zoe"});
}

TEST_CASE("mine_firm_names finds names before legal forms", "[ner][name_lists]") {
  const std::vector<UnlabelledSentence> text = {
      sentence("Shares of Pirelli SpA rose ."),
      sentence("Milan 's Pirelli SA said ."),
      sentence("The Chrysler Corp unit and Chrysler Corp ."),
      sentence("The Coca-Cola Co said ."),
      sentence("Smith and Wesson Inc makes guns ; Smith and Wesson Inc ."),
      sentence("it sold to Acme Ltd once ."),
      sentence("BIG NAME CORP SAID", true),
      sentence("BIG NAME CORP SAID", true),
  };
  const std::vector<std::string> firms = joined(mine_firm_names(text, 2), 2);
  CHECK(firms == std::vector<std::string>{"Chrysler", "Chrysler Corp", "Pirelli", "Pirelli SA",
                                          "Pirelli SpA", "Smith and Wesson",
                                          "Smith and Wesson Inc"});
  const std::vector<std::string> once = joined(mine_firm_names(text, 1), 2);
  CHECK(std::count(once.begin(), once.end(), "Coca-Cola Co") == 1);  // "The" left out
  CHECK(std::count(once.begin(), once.end(), "Acme") == 1);
  CHECK(std::count(once.begin(), once.end(), "BIG NAME") == 0);  // capitals lines skipped
}

TEST_CASE("is_legal_form knows legal forms in any case, with or without a full stop",
          "[ner][name_lists]") {
  for (const char* form : {"Corp", "Corp.", "INC", "Ltd.", "plc", "GmbH", "S.A.", "AG", "NV"}) {
    INFO(form);
    CHECK(is_legal_form(form));
  }
  for (const char* word : {"Corps", "Company's", "", "Group", "said"}) {
    INFO(word);
    CHECK_FALSE(is_legal_form(word));
  }
}

}  // namespace dateline::ner

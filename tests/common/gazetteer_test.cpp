#include "common/gazetteer.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "common/error.hpp"

namespace dateline {
namespace {

// A small gazetteer in the shipped file's format.
const char* const k_file =
    "# dateline gazetteer 1\n"
    "# a comment\n"
    "demonym\tcanadian\tCA\n"
    "demonym\tfrench\tFR\n"
    "place\tnice\tFR\t93\t338620\n"
    "place\tnice\tUS\tCA\t2731\n"
    "place\tparis\tFR\t11\t2138551\n"
    "place\tparis\tUS\tTX\t24782\n"
    "place\tmoscow\tRU\t48\t10381222\n"
    "place\tmoscow\tUS\tID\t25060\n"
    "place\tbonn\tDE\t07\t313125\n"
    "place\tleipzig\tDE\t13\t504971\n"
    "place\tberlin\tDE\t16\t3426354\n"
    "place\ttoronto\tCA\t08\t2600000\n"
    "place\tpacific\tUS\tMO\t7161\n"
    "place\tsan jose\tUS\tCA\t945942\n"
    "place\tsan jose\tCR\t08\t335007\n";

Gazetteer small_gazetteer() {
  std::istringstream in(k_file);
  return Gazetteer::parse(in, "test.tsv");
}

}  // namespace

TEST_CASE("the gazetteer knows nationalities, today's and historical", "[common][gazetteer]") {
  const Gazetteer gazetteer = small_gazetteer();
  CHECK(gazetteer.is_demonym("canadian"));
  CHECK(gazetteer.is_demonym("west german"));
  CHECK_FALSE(gazetteer.is_demonym("reagan"));
  CHECK_FALSE(gazetteer.is_demonym("canada"));
}

namespace {

ArticleEntity entity(EntityType type, std::string value) {
  return {type, std::move(value), 1, false, false};
}
ArticleEntity place(std::string value) { return entity(EntityType::location, std::move(value)); }

using Countries = std::vector<std::string>;

}  // namespace

TEST_CASE("gazetteer: countries named, their places' and their nationalities'", "[gazetteer]") {
  const Gazetteer g = small_gazetteer();
  CHECK(g.place_count() == 13);
  // A country, a place, a nationality; each country once, in entity order.
  CHECK(g.countries_of({place("Toronto"), entity(EntityType::misc, "French"), place("Canada")},
                       std::nullopt) == Countries{"Canada", "France"});
  // A nationality opening a longer value counts: "Canadian dollar".
  CHECK(g.countries_of({entity(EntityType::misc, "Canadian dollar")}, std::nullopt) ==
        Countries{"Canada"});
  // A US state is the United States.
  CHECK(g.countries_of({place("Ohio")}, std::nullopt) == Countries{"United States"});
  // People are never places, nor a region with a small town's name.
  CHECK(g.countries_of({entity(EntityType::person, "Paris")}, std::nullopt).empty());
  CHECK(g.countries_of({place("Pacific")}, std::nullopt).empty());
  CHECK(g.countries_of({place("Atlantis")}, std::nullopt).empty());
}

TEST_CASE("gazetteer: a shared place name goes by the article's evidence, then population",
          "[gazetteer]") {
  const Gazetteer g = small_gazetteer();
  CHECK(g.countries_of({place("Nice")}, std::nullopt) == Countries{"France"});
  CHECK(g.countries_of({place("Nice"), place("California")}, std::nullopt) ==
        Countries{"United States"});
  // Naming the United States is not enough to outweigh Paris, France...
  CHECK(g.countries_of({place("Paris"), place("United States")}, std::nullopt) ==
        Countries{"France", "United States"});
  // ...but naming Texas is.
  CHECK(g.countries_of({place("Paris"), place("Texas")}, std::nullopt) ==
        Countries{"United States"});
  // Two big places of one name and no evidence: no country.
  CHECK(g.countries_of({place("San Jose")}, std::nullopt).empty());
  CHECK(g.countries_of({place("San Jose"), place("Costa Rica")}, std::nullopt) ==
        Countries{"Costa Rica"});
}

TEST_CASE("gazetteer: places count for the state they were in on the article's date",
          "[gazetteer]") {
  const Gazetteer g = small_gazetteer();
  const Date in_1987{1987, 3, 3};
  const Date in_2004{2004, 6, 1};
  CHECK(g.countries_of({place("Moscow")}, in_1987) == Countries{"Soviet Union"});
  CHECK(g.countries_of({place("Moscow")}, in_2004) == Countries{"Russia"});
  CHECK(g.countries_of({place("Moscow")}, std::nullopt) == Countries{"Russia"});
  CHECK(g.countries_of({place("Bonn"), place("Leipzig")}, in_1987) ==
        Countries{"West Germany", "East Germany"});
  CHECK(g.countries_of({place("Bonn")}, Date{1990, 10, 3}) == Countries{"Germany"});
  // Divided Berlin was in neither alone.
  CHECK(g.countries_of({place("Berlin")}, in_1987).empty());
  // A country named stays as written, and so do old nationalities.
  CHECK(g.countries_of({place("Russia")}, in_1987) == Countries{"Russia"});
  CHECK(g.countries_of({entity(EntityType::misc, "West German")}, in_2004) ==
        Countries{"West Germany"});
  CHECK(g.countries_of({entity(EntityType::misc, "Soviet")}, std::nullopt) ==
        Countries{"Soviet Union"});
}

TEST_CASE("gazetteer: Germany before 1990 is West Germany, unless East Germany is named too",
          "[gazetteer]") {
  std::istringstream in(
      "# dateline gazetteer 1\n"
      "demonym\tgerman\tDE\n"
      "place\tbonn\tDE\t07\t313125\n");
  const Gazetteer g = Gazetteer::parse(in, "test.tsv");
  const Date in_1987{1987, 3, 3};
  CHECK(g.countries_of({place("Germany")}, in_1987) == Countries{"West Germany"});
  CHECK(g.countries_of({entity(EntityType::misc, "German")}, in_1987) == Countries{"West Germany"});
  CHECK(g.countries_of({place("Bonn"), place("Germany")}, in_1987) == Countries{"West Germany"});
  CHECK(g.countries_of({place("Germany"), place("East Germany")}, in_1987) ==
        Countries{"Germany", "East Germany"});
  CHECK(g.countries_of({place("Germany")}, Date{1990, 10, 3}) == Countries{"Germany"});
  CHECK(g.countries_of({place("Germany")}, std::nullopt) == Countries{"Germany"});
}

TEST_CASE("gazetteer: Georgia is the state beside the United States or its towns", "[gazetteer]") {
  std::istringstream in(
      "# dateline gazetteer 1\n"
      "place\tmacon\tUS\tGA\t153095\n"
      "place\tmacon\tFR\t27\t34000\n"
      "place\ttbilisi\tGE\t04\t1049498\n"
      "place\tcolumbus\tUS\tOH\t850106\n");
  const Gazetteer g = Gazetteer::parse(in, "test.tsv");
  CHECK(g.countries_of({place("Georgia")}, std::nullopt) == Countries{"Georgia"});
  CHECK(g.countries_of({place("Georgia"), place("Ohio")}, std::nullopt) ==
        Countries{"United States"});
  // "MACON, Ga." (the agencies' abbreviation read as the state's name).
  CHECK(g.countries_of({place("Macon"), place("Georgia")}, std::nullopt) ==
        Countries{"United States"});
  CHECK(g.countries_of({place("Tbilisi"), place("Georgia")}, std::nullopt) == Countries{"Georgia"});
  // A town with no namesake in the state is no evidence for it.
  CHECK(g.countries_of({place("Columbus"), place("Georgia")}, std::nullopt) ==
        Countries{"United States", "Georgia"});
}

TEST_CASE("gazetteer: a bad file is refused with its name and line", "[gazetteer]") {
  const auto refused = [](const std::string& text) {
    std::istringstream in(text);
    try {
      Gazetteer::parse(in, "g.tsv");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused("") == "g.tsv:0: empty file");
  CHECK_THAT(refused("place\tx\tFR\t1\t2\n"),
             Catch::StartsWith("g.tsv:1: not a dateline gazetteer"));
  CHECK_THAT(refused("# dateline gazetteer 1\nplace\tx\tFR\t1\n"),
             Catch::StartsWith("g.tsv:2: expected"));
  CHECK(refused("# dateline gazetteer 1\nplace\tx\tFR\t1\tmany\n") ==
        "g.tsv:2: bad population 'many'");
  CHECK(refused("# dateline gazetteer 1\ndemonym\tx\tFRA\n").starts_with("g.tsv:2: expected"));
}

TEST_CASE("gazetteer: the shipped file loads", "[gazetteer]") {
  const std::filesystem::path path = default_gazetteer_path();
  REQUIRE(!path.empty());
  const Gazetteer g = Gazetteer::load(path);
  CHECK(g.place_count() > 100'000);
  CHECK(g.countries_of({place("Frankfurt")}, std::nullopt) == Countries{"Germany"});
  CHECK(g.countries_of({entity(EntityType::misc, "Dutch")}, std::nullopt) ==
        Countries{"Netherlands"});
}

}  // namespace dateline

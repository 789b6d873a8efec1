#include "common/user_aliases.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "common/error.hpp"

namespace dateline {

TEST_CASE("the alias file: aliases, nevers and distinct pairs, as keys", "[common][aliases]") {
  const UserAliases rules = UserAliases::parse(
      "# comments and blank lines are skipped\n"
      "\n"
      "person\tRonald Reagan\tThe Gipper\tPresident Reagan\r\n"
      "org\tU.S. Treasury\tTreasury\n"
      "location\tUnited States\tUSA\n"
      "never\tperson\tBrown\n"
      "never\t*\tGMT\n"
      "distinct\tperson\tBaker\tJames Baker\n",
      "a.tsv");
  using Alias = UserAliases::Alias;
  const EntityType person = EntityType::person;
  CHECK(rules.aliases ==
        std::vector<Alias>{
            {{person, "the gipper"}, {person, "ronald reagan"}},
            {{person, "president reagan"}, {person, "ronald reagan"}},
            {{EntityType::organization, "treasury"}, {EntityType::organization, "us treasury"}},
        });
  // "USA" is the United States already: no alias to keep.
  CHECK(rules.never == std::vector<UserAliases::Never>{{person, "brown"}, {std::nullopt, "gmt"}});
  CHECK(rules.distinct ==
        std::vector<UserAliases::Distinct>{{{person, "baker"}, {person, "james baker"}}});
  // The stored form reads back as the same rules, and is stable.
  const std::string stored = rules.encode();
  CHECK(UserAliases::parse(stored, "stored").encode() == stored);
  CHECK(stored.find("never\t*\tgmt\n") != std::string::npos);
  CHECK(UserAliases::parse("", "empty").empty());
}

TEST_CASE("the alias file: a bad line is named with the file and line", "[common][aliases]") {
  const auto refused = [](const std::string& text) {
    try {
      UserAliases::parse(text, "a.tsv");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused("person\tJohn Kerry\tKerry\nplace\tParis\tParee\n") ==
        "a.tsv:2: unknown type 'place' (use person, location, organization, org or misc)");
  CHECK(refused("# x\nperson\tJohn Kerry\n").starts_with("a.tsv:2: expected TYPE, VALUE"));
  CHECK(refused("never\tperson\n").starts_with("a.tsv:1: 'never' takes"));
  CHECK(refused("distinct\tperson\tA\n").starts_with("a.tsv:1: 'distinct' takes"));
  CHECK(refused("person\t...\tKerry\n") == "a.tsv:1: empty value");
  // Spaces instead of tabs: one field, which is no rule.
  CHECK(refused("person John Kerry Kerry\n").starts_with("a.tsv:1: expected"));
}

TEST_CASE("the alias file: a missing file is named", "[common][aliases]") {
  CHECK_THROWS_WITH(UserAliases::load("/nonexistent/aliases.tsv"),
                    "cannot open the alias file '/nonexistent/aliases.tsv'");
}

}  // namespace dateline

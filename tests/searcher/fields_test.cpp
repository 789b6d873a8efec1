#include "searcher/fields.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace dateline {

TEST_CASE("fields are parsed by name or alias, in any case", "[searcher][fields]") {
  struct Case {
    const char* name;
    std::optional<Field> field;
  };
  const Case cases[] = {
      {"person", Field::person},    {"Person", Field::person},
      {"ORG", Field::organization}, {"organization", Field::organization},
      {"author", Field::author},    {"SOURCE", Field::source},
      {"site", Field::site},        {"date", Field::date},
      {"year", Field::year},        {"title", Field::title},
      {"people", std::nullopt},     {"", std::nullopt},
      {"per", std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(parse_field(c.name) == c.field);
  }
}

TEST_CASE("each field's use follows from its kind", "[searcher][fields]") {
  for (const FieldInfo& info : k_field_table) {
    INFO(info.name);
    CHECK(field_info(info.field).name == info.name);
    CHECK(in_query_language(info.field) == (info.field != Field::year));
    CHECK(is_shell_filter(info.field) == (info.field != Field::title));
  }
  for (EntityType type : k_entity_types) {
    CHECK(field_name(entity_field(type)) == type_name(type));
    CHECK(has_values(entity_field(type)));
  }
  CHECK(has_values(Field::author));
  CHECK(has_values(Field::site));
  CHECK_FALSE(has_values(Field::date));
  CHECK_FALSE(has_values(Field::title));
  CHECK(
      field_list(in_query_language, "and") ==
      "title, person, location, country, organization (org), misc, author, source, site and date");
  CHECK(field_list(has_values, "or") ==
        "person, location, country, organization (org), misc, author, source or site");
}

TEST_CASE("the nearest field: hints, then small slips, else none", "[searcher][fields]") {
  struct Case {
    const char* typed;
    std::optional<Field> nearest;
  };
  const Case cases[] = {
      {"people", Field::person},
      {"peple", Field::person},
      {"persn", Field::person},
      {"place", Field::location},
      {"locaton", Field::location},
      {"city", Field::location},
      {"nation", Field::country},
      {"contry", Field::country},
      {"company", Field::organization},
      {"orgnization", Field::organization},
      {"byline", Field::author},
      {"autor", Field::author},
      {"publication", Field::source},
      {"sorce", Field::source},
      {"domain", Field::site},
      {"year", Field::date},
      {"titel", Field::title},
      {"headline", Field::title},
      {"colour", std::nullopt},
      {"foo", std::nullopt},
      {"re", std::nullopt},
      {"zzzzzzzz", std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.typed);
    CHECK(nearest_field(c.typed, in_query_language) == c.nearest);
  }
  // Only fields of the use asked about are suggested.
  CHECK(nearest_field("titel", is_shell_filter) != Field::title);
}

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps",
          "[searcher][fields]") {
  struct Case {
    const char* a;
    const char* b;
    std::size_t distance;
  };
  const Case cases[] = {{"", "", 0},
                        {"person", "person", 0},
                        {"Person", "pERSON", 0},
                        {"persn", "person", 1},
                        {"titel", "title", 1},
                        {"", "date", 4},
                        {"people", "person", 4},
                        {"kitten", "sitting", 3}};
  for (const Case& c : cases) {
    INFO(c.a << " / " << c.b);
    CHECK(edit_distance(c.a, c.b) == c.distance);
    CHECK(edit_distance(c.b, c.a) == c.distance);
  }
}

TEST_CASE("names are joined as people write lists", "[searcher][fields]") {
  const std::vector<std::string> three = {"a", "b", "c"};
  CHECK(join_names(three, "and") == "a, b and c");
  CHECK(join_names(std::vector<std::string>{"a", "b"}, "or") == "a or b");
  CHECK(join_names(std::vector<std::string>{"a"}, "or") == "a");
  CHECK(join_names(std::vector<std::string>{}, "or").empty());
}

}  // namespace dateline

// The fields of dateline's query language (`person:"John Kerry"`,
// `date:2024`) and of the shell's filters (`:filter source Harbour Wire`):
// one table, k_field_table, names every field once. The query parser, the
// syntax check, the shell's commands, its TAB completion and --help all
// read it, so a field added here is a field everywhere.
//
// Everything here is constant data and pure functions: thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/entity.hpp"

namespace dateline {

enum class Field {
  title,
  person,
  location,
  country,
  organization,
  misc,
  author,
  source,
  site,
  date,
  year
};

// What a field's value selects, which decides how it is parsed and where it
// is offered.
enum class FieldKind {
  words,    // title: words of the headline; ranks like any word
  entity,   // person: and the other entity types: canonical entities
  country,  // country: the countries articles are about (common/gazetteer.hpp)
  name,     // author:, source: names, matched ignoring case and accents
  site,     // site: a host and its subdomains, from the article's URL
  dates,    // date: a day, month, year or a range of them
  year,     // the shell's `:filter year 2024`, which is date:2024; no query field
};

struct FieldInfo {
  Field field;
  std::string_view name;   // as typed before the colon, in lower case
  std::string_view alias;  // "org"; empty for none
  FieldKind kind;
  EntityType entity;  // the type, for FieldKind::entity
  // What people type when they mean this field ("people", "place",
  // "year"): an unknown field that is one of these suggests this field.
  std::array<std::string_view, 6> hints;
};

namespace detail {
constexpr FieldInfo entity_field(Field field, EntityType type,
                                 std::array<std::string_view, 6> hints) {
  const EntityTypeInfo& info = entity_type_info(type);
  return {field, info.name, info.alias, FieldKind::entity, type, hints};
}
}  // namespace detail

// In Field order (field_info indexes it), which is also the order lists of
// fields are shown in.
inline constexpr FieldInfo k_field_table[] = {
    {Field::title, "title", "", FieldKind::words, EntityType::misc, {"headline", "heading"}},
    detail::entity_field(Field::person, EntityType::person, {"people", "persons", "name", "who"}),
    detail::entity_field(Field::location, EntityType::location,
                         {"place", "places", "city", "town", "where", "loc"}),
    {Field::country,
     "country",
     "",
     FieldKind::country,
     EntityType::location,
     {"countries", "nation", "nations", "nationality"}},
    detail::entity_field(Field::organization, EntityType::organization,
                         {"organisation", "company", "orgs", "agency"}),
    detail::entity_field(Field::misc, EntityType::misc, {"other", "event"}),
    {Field::author,
     "author",
     "",
     FieldKind::name,
     EntityType::misc,
     {"authors", "by", "byline", "writer", "reporter"}},
    {Field::source,
     "source",
     "",
     FieldKind::name,
     EntityType::misc,
     {"publication", "publisher", "paper", "newspaper", "outlet"}},
    {Field::site,
     "site",
     "",
     FieldKind::site,
     EntityType::misc,
     {"host", "domain", "url", "website", "web"}},
    {Field::date,
     "date",
     "",
     FieldKind::dates,
     EntityType::misc,
     {"year", "month", "day", "when", "since", "until"}},
    {Field::year, "year", "", FieldKind::year, EntityType::misc, {}},
};

static_assert([] {
  for (std::size_t i = 0; i < std::size(k_field_table); ++i) {
    if (static_cast<std::size_t>(k_field_table[i].field) != i) return false;
  }
  return true;
}());

constexpr const FieldInfo& field_info(Field field) {
  return k_field_table[static_cast<std::size_t>(field)];
}
constexpr std::string_view field_name(Field field) { return field_info(field).name; }

// The field of an entity type (person: for EntityType::person).
Field entity_field(EntityType type);

// Where a field may be used.
bool in_query_language(Field field);  // every field but year
bool is_shell_filter(Field field);    // every field but title
bool has_values(Field field);         // entity, name and site fields: completion, :trend

// The field named `name` or its alias, ignoring ASCII case ("Person",
// "ORG"); nullopt for any other name.
std::optional<Field> parse_field(std::string_view name);

// The fields for which `use` holds, as a list for people: "person,
// location, organization (org), misc" with `last_joiner` ("and", "or")
// before the last one.
std::string field_list(bool (*use)(Field), std::string_view last_joiner);

// The field an unknown name most likely meant, among those for which
// `use` holds: one of its hints ("people" -> person), or a name, alias or
// hint within a small edit distance ("persn" -> person, "titel" ->
// title). nullopt when none is near.
std::optional<Field> nearest_field(std::string_view name, bool (*use)(Field));

// `names` as a list for people: "a, b and c" (`last_joiner` "and").
std::string join_names(std::span<const std::string> names, std::string_view last_joiner);

// Optimal string alignment distance (Levenshtein with adjacent
// transpositions) between two ASCII words, ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace dateline

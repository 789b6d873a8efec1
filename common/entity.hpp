// Entity types and mentions: the vocabulary shared by the tagger
// (common/ner/), the indexer's facet extraction and the searcher's filters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

enum class EntityType : std::uint8_t { person, location, organization, misc };

inline constexpr EntityType k_entity_types[] = {EntityType::person, EntityType::location,
                                                EntityType::organization, EntityType::misc};

// "person", "location", "organization", "misc": the names used everywhere
// (JSON, facets, filters).
constexpr std::string_view type_name(EntityType type) {
  switch (type) {
    case EntityType::person:
      return "person";
    case EntityType::location:
      return "location";
    case EntityType::organization:
      return "organization";
    case EntityType::misc:
      return "misc";
  }
  return "misc";
}

// The type for "person", "location", "organization" (or "org"), "misc".
inline std::optional<EntityType> parse_type_name(std::string_view name) {
  if (name == "org") return EntityType::organization;
  for (EntityType type : k_entity_types) {
    if (type_name(type) == name) return type;
  }
  return std::nullopt;
}

// One mention found in a text by the tagger.
struct Mention {
  EntityType type = EntityType::misc;
  std::size_t begin = 0;  // byte offset of the first character in the text
  std::size_t end = 0;    // byte offset one past the last character
  std::string text;       // the mention's tokens joined by single spaces
};

// One entity of an article: a canonical value and how prominent it is.
struct ArticleEntity {
  EntityType type = EntityType::misc;
  std::string value;  // canonical display name (common/canonical.hpp)
  std::size_t mentions = 0;
  bool in_title = false;
  bool in_lead = false;  // in the first paragraph

  friend bool operator==(const ArticleEntity&, const ArticleEntity&) = default;
};

}  // namespace dateline

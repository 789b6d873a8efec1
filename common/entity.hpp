// Entity types and mentions: the vocabulary shared by the tagger
// (common/ner/), the indexer's facet extraction and the searcher's filters.
//
// Constants and plain value types: thread-safe to read, copied freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// The numbers are written to disk: as the entity type byte of every
// article summary (docs/specs/summary-record.md) and as the order of the
// groups of the entity facet slot (docs/specs/entity-facet-slot.md) and of
// schema::k_entity_prefixes. Never renumber or reorder them: an existing
// index would read its persons as locations. A new type goes after misc,
// with a bump of schema::k_schema_version. (The tagger's label ids,
// common/ner/labels.hpp, number the types in the same order.)
enum class EntityType : std::uint8_t { person = 0, location = 1, organization = 2, misc = 3 };

// What an entity type is called. This table is the only place the names
// are spelt: JSON keys, facet kinds, query fields (`person:`), the shell's
// filters and completion, and --help all read them from here.
struct EntityTypeInfo {
  EntityType type;
  std::string_view name;    // "organization": JSON, facets, fields
  std::string_view alias;   // "org": accepted wherever the name is; empty for none
  std::string_view plural;  // "organizations": labels of lists of them
};

// In EntityType order, so that a type's entry is k_entity_type_table[type].
inline constexpr EntityTypeInfo k_entity_type_table[] = {
    {EntityType::person, "person", "", "people"},
    {EntityType::location, "location", "", "places"},
    {EntityType::organization, "organization", "org", "organizations"},
    {EntityType::misc, "misc", "", "misc"},
};

inline constexpr EntityType k_entity_types[] = {EntityType::person, EntityType::location,
                                                EntityType::organization, EntityType::misc};
static_assert(std::size(k_entity_type_table) == std::size(k_entity_types));
static_assert([] {
  for (std::size_t i = 0; i < std::size(k_entity_types); ++i) {
    if (k_entity_type_table[i].type != k_entity_types[i] ||
        static_cast<std::size_t>(k_entity_types[i]) != i) {
      return false;
    }
  }
  return true;
}());

constexpr const EntityTypeInfo& entity_type_info(EntityType type) {
  return k_entity_type_table[static_cast<std::size_t>(type)];
}

// "person", "location", "organization", "misc".
constexpr std::string_view type_name(EntityType type) { return entity_type_info(type).name; }

// The type named `name` or its alias ("org"), exactly as the table spells
// them; nullopt for anything else.
constexpr std::optional<EntityType> parse_type_name(std::string_view name) {
  for (const EntityTypeInfo& info : k_entity_type_table) {
    if (!name.empty() && (info.name == name || info.alias == name)) return info.type;
  }
  return std::nullopt;
}

// One mention found in a text by the tagger.
struct Mention {
  EntityType type = EntityType::misc;
  std::size_t begin = 0;  // byte offset of the first character in the text
  std::size_t end = 0;    // byte offset one past the last character
  std::string text;       // the mention's tokens, a space where the text has one
};

// One entity of an article: a canonical value and how prominent it is.
// An article holds each entity once (the indexer's extraction merges its
// mentions), which is what makes facet counts exact.
struct ArticleEntity {
  EntityType type = EntityType::misc;
  std::string value;         // canonical display name (common/canonical.hpp); never empty
  std::size_t mentions = 0;  // how many times the article names it
  bool in_title = false;
  bool in_lead = false;  // in the first paragraph
  // A person the article writes after a title at least once ("President
  // Suharto", "Mr. Jobs"): evidence that a one-word name is a person's.
  bool titled = false;
  // An organisation the article writes with its legal form at least once
  // ("James Capel and Co", "Dean Witter Reynolds Inc"): evidence that a
  // name that reads as a person's is a firm's.
  bool firm = false;

  friend bool operator==(const ArticleEntity&, const ArticleEntity&) = default;
};

// An entity as filters and archive-wide resolution know it: its type and
// entity_key (common/canonical.hpp).
struct EntityRef {
  EntityType type = EntityType::misc;
  std::string key;
  friend bool operator==(const EntityRef&, const EntityRef&) = default;
};

}  // namespace dateline

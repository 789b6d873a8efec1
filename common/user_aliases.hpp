// The user's alias file: names the user decides about, above what the
// archive-wide resolution learns (common/name_resolution.hpp).
//
// The file is UTF-8 text, one rule per line, fields separated by tabs;
// blank lines and lines starting with '#' are ignored. TYPE is person,
// location, organization (or org) or misc.
//
//   TYPE  VALUE  ALIAS [ALIAS...]   each ALIAS, a value of any type, counts
//                                   and filters as VALUE of TYPE
//                                   ("person  Ronald Reagan  The Gipper")
//   never  TYPE  VALUE              VALUE of TYPE, or of any type with
//                                   TYPE "*", is no value: facets leave it
//                                   out ("never  person  Brown")
//   distinct  TYPE  VALUE  VALUE    two different entities: learning never
//                                   makes one count as the other
//                                   ("distinct  person  Baker  James Baker")
//
// Values are compared as entity keys (case, accents, full stops and
// hyphens ignored), after the canonical spelling of their type ("US" is
// United States). A rule of the file wins over any learnt one.
//
// The indexer takes the file with --aliases and keeps it in the index's
// metadata (schema::k_meta_aliases) in the form encode() gives, so that
// updates and searches use it; re-running with a changed file changes
// only that metadata, not the articles.
//
// Plain values: thread-safe to read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/entity.hpp"

namespace dateline {

struct UserAliases {
  struct Alias {
    EntityRef alias;  // its type is the target's: the alias matches any type
    EntityRef target;
    friend bool operator==(const Alias&, const Alias&) = default;
  };
  struct Never {
    std::optional<EntityType> type;  // nullopt: every type
    std::string key;
    friend bool operator==(const Never&, const Never&) = default;
  };
  struct Distinct {
    EntityRef first;
    EntityRef second;
    friend bool operator==(const Distinct&, const Distinct&) = default;
  };

  std::vector<Alias> aliases;
  std::vector<Never> never;
  std::vector<Distinct> distinct;

  bool empty() const { return aliases.empty() && never.empty() && distinct.empty(); }

  // The rules of a file's text; `name` names it in errors. Throws
  // dateline::Error "NAME:LINE: what is wrong" for a line it cannot read.
  static UserAliases parse(std::string_view text, const std::string& name);
  // Reads and parses the file at `path`.
  static UserAliases load(const std::string& path);

  // The rules as the file format, one per line, in a canonical form (keys,
  // sorted): what the index stores; parse(encode()) gives them back.
  std::string encode() const;

  friend bool operator==(const UserAliases&, const UserAliases&) = default;
};

}  // namespace dateline

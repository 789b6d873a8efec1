#include "searcher/fields.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace dateline {

Field entity_field(EntityType type) {
  for (const FieldInfo& info : k_field_table) {
    if (info.kind == FieldKind::entity && info.entity == type) return info.field;
  }
  return Field::misc;  // unreachable: every type has its field
}

bool in_query_language(Field field) { return field_info(field).kind != FieldKind::year; }

bool is_shell_filter(Field field) { return field_info(field).kind != FieldKind::words; }

bool has_values(Field field) {
  const FieldKind kind = field_info(field).kind;
  return kind == FieldKind::entity || kind == FieldKind::country || kind == FieldKind::name ||
         kind == FieldKind::site;
}

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<Field> parse_field(std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (const FieldInfo& info : k_field_table) {
    if (same_ignoring_case(info.name, name) ||
        (!info.alias.empty() && same_ignoring_case(info.alias, name))) {
      return info.field;
    }
  }
  return std::nullopt;
}

std::string field_list(bool (*use)(Field), std::string_view last_joiner) {
  std::vector<std::string> names;
  for (const FieldInfo& info : k_field_table) {
    if (!use(info.field)) continue;
    std::string name(info.name);
    if (!info.alias.empty()) name += " (" + std::string(info.alias) + ")";
    names.push_back(std::move(name));
  }
  return join_names(names, last_joiner);
}

std::string join_names(std::span<const std::string> names, std::string_view last_joiner) {
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) list += i + 1 == names.size() ? " " + std::string(last_joiner) + " " : ", ";
    list += names[i];
  }
  return list;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  // Three rows of the dynamic programme: two back, one back, this one.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(row);
  }
  return previous[b.size()];
}

std::optional<Field> nearest_field(std::string_view name, bool (*use)(Field)) {
  std::optional<Field> best;
  std::size_t best_distance = 0;
  for (const FieldInfo& info : k_field_table) {
    if (!use(info.field)) continue;
    std::vector<std::string_view> spellings = {info.name, info.alias};
    spellings.insert(spellings.end(), info.hints.begin(), info.hints.end());
    for (std::string_view spelling : spellings) {
      if (spelling.empty()) continue;
      // A hint stands for the field as it is; names and aliases are near
      // when a typing slip or two away.
      const bool hint = spelling != info.name && spelling != info.alias;
      const std::size_t distance = edit_distance(name, spelling);
      const bool near = hint ? distance == 0 || (distance == 1 && spelling.size() >= 4)
                             : distance <= 2 && 2 * distance <= name.size();
      if (near && (!best || distance < best_distance)) {
        best = info.field;
        best_distance = distance;
      }
    }
  }
  return best;
}

}  // namespace dateline

#include "common/user_aliases.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/canonical.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace dateline {

namespace {

constexpr std::string_view k_never = "never";
constexpr std::string_view k_distinct = "distinct";

// Reads one file's lines into rules, naming the line in each error.
class AliasFileReader {
 public:
  AliasFileReader(UserAliases& out, const std::string& name) : m_out(out), m_name(name) {}

  void line(std::string_view text, std::size_t number) {
    m_number = number;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (trim(text).empty() || trim(text).front() == '#') return;
    std::vector<std::string_view> fields = split_on(text, '\t');
    for (std::string_view& field : fields) field = trim(field);
    if (fields.front() == k_never) {
      never(fields);
    } else if (fields.front() == k_distinct) {
      distinct(fields);
    } else {
      alias(fields);
    }
  }

 private:
  void never(const std::vector<std::string_view>& fields) {
    if (fields.size() != 3) fail("'never' takes a TYPE (or *) and a VALUE, tab-separated");
    if (fields[1] == "*") {
      m_out.never.push_back({std::nullopt, key_of(EntityType::misc, fields[2])});
      return;
    }
    const EntityType type = type_of(fields[1]);
    m_out.never.push_back({type, key_of(type, fields[2])});
  }

  void distinct(const std::vector<std::string_view>& fields) {
    if (fields.size() != 4) fail("'distinct' takes a TYPE and two VALUES, tab-separated");
    const EntityType type = type_of(fields[1]);
    m_out.distinct.push_back({{type, key_of(type, fields[2])}, {type, key_of(type, fields[3])}});
  }

  void alias(const std::vector<std::string_view>& fields) {
    if (fields.size() < 3) {
      fail(
          "expected TYPE, VALUE and one or more ALIASES, or 'never' or 'distinct', "
          "tab-separated");
    }
    const EntityType type = type_of(fields[0]);
    const EntityRef target{type, key_of(type, fields[1])};
    for (std::size_t i = 2; i < fields.size(); ++i) {
      const EntityRef alias{type, key_of(type, fields[i])};
      if (!(alias == target)) m_out.aliases.push_back({alias, target});
    }
  }

  EntityType type_of(std::string_view field) const {
    const std::optional<EntityType> type = parse_type_name(field);
    if (!type) {
      fail("unknown type '" + std::string(field) +
           "' (use person, location, organization, org or misc)");
    }
    return *type;
  }

  std::string key_of(EntityType type, std::string_view value) const {
    const std::string key =
        entity_key(EntityCanonicalizer::instance().canonical(type, value, NameOrigin::query));
    if (key.empty()) fail("empty value");
    return key;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(m_name + ":" + std::to_string(m_number) + ": " + what);
  }

  UserAliases& m_out;
  const std::string& m_name;
  std::size_t m_number = 0;
};

std::string type_field(EntityType type) { return std::string(type_name(type)); }

}  // namespace

UserAliases UserAliases::parse(std::string_view text, const std::string& name) {
  UserAliases aliases;
  AliasFileReader reader(aliases, name);
  std::size_t number = 0;
  for (const std::string_view line : split_lines(text)) reader.line(line, ++number);
  return aliases;
}

UserAliases UserAliases::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open the alias file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return parse(text.str(), path);
}

std::string UserAliases::encode() const {
  std::vector<std::string> lines;
  for (const Alias& a : aliases) {
    lines.push_back(type_field(a.target.type) + '\t' + a.target.key + '\t' + a.alias.key);
  }
  for (const Never& n : never) {
    lines.push_back(std::string(k_never) + '\t' + (n.type ? type_field(*n.type) : "*") + '\t' +
                    n.key);
  }
  for (const Distinct& d : distinct) {
    lines.push_back(std::string(k_distinct) + '\t' + type_field(d.first.type) + '\t' + d.first.key +
                    '\t' + d.second.key);
  }
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  std::string out;
  for (const std::string& line : lines) out.append(line).append(1, '\n');
  return out;
}

}  // namespace dateline

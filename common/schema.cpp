#include "common/schema.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <iterator>

#include "common/canonical.hpp"
#include "common/error.hpp"

namespace dateline::schema {

namespace {

// The summary is a compact binary record, because decoding it is on the
// path of every result shown: a JSON parse cost a fifth of a search
// (measured with bench-search). Its layout is docs/specs/summary-record.md:
// the magic byte 's', format version 1, eight strings (id, title, path,
// date, source, url, author, language), then the entity count and per
// entity its type, value, mention count and flags (1 = in title, 2 = in
// lead, 4 = written after a title); strings are a varint byte length then the bytes, counts
// varints. Every index holds such records: any change to the order or encoding bumps
// k_summary_version and k_schema_version, and the spec.
constexpr char k_summary_magic = 's';
constexpr char k_summary_version = 1;
// Xapian terms are at most 245 bytes; longer keys are cut (no real name is
// that long).
constexpr std::size_t k_max_term_bytes = 240;

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

void put_string(std::string& out, std::string_view text) {
  put_varint(out, text.size());
  out.append(text);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : m_data(data) {}

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto byte = static_cast<unsigned char>(take(1).front());
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw Error("not a dateline article summary (bad number)");
  }
  std::string string() { return std::string(take(varint())); }
  char byte() { return take(1).front(); }
  bool done() const { return m_data.empty(); }

 private:
  std::string_view take(std::uint64_t n) {
    if (n > m_data.size()) throw Error("not a dateline article summary (truncated)");
    const std::string_view part = m_data.substr(0, n);
    m_data.remove_prefix(n);
    return part;
  }
  std::string_view m_data;
};

}  // namespace

std::string encode_summary(const Article& article) {
  return encode_summary(article, article.author);
}

std::string encode_summary(const Article& article, std::string_view shown_author) {
  std::string out;
  out.reserve(article.title.size() + article.source_path.size() + 64 +
              article.entities.size() * 24);
  out += k_summary_magic;
  out += k_summary_version;
  for (std::string_view field : {std::string_view(article.id), std::string_view(article.title),
                                 std::string_view(article.source_path)}) {
    put_string(out, field);
  }
  put_string(out, article.date ? article.date->iso() : std::string());
  for (std::string_view field : {std::string_view(article.source), std::string_view(article.url),
                                 shown_author, std::string_view(article.language)}) {
    put_string(out, field);
  }
  put_varint(out, article.entities.size());
  for (const ArticleEntity& entity : article.entities) {
    out += static_cast<char>(entity.type);
    put_string(out, entity.value);
    put_varint(out, entity.mentions);
    out += static_cast<char>((entity.in_title ? 1 : 0) | (entity.in_lead ? 2 : 0) |
                             (entity.titled ? 4 : 0) | (entity.firm ? 8 : 0));
  }
  return out;
}

StoredArticle decode_summary(std::string_view summary) {
  Reader in(summary);
  if (in.done() || in.byte() != k_summary_magic || in.byte() != k_summary_version) {
    throw Error("not a dateline article summary");
  }
  StoredArticle stored;
  for (std::string* field : {&stored.id, &stored.title, &stored.path, &stored.date, &stored.source,
                             &stored.url, &stored.author, &stored.language}) {
    *field = in.string();
  }
  const std::uint64_t count = in.varint();
  for (std::uint64_t i = 0; i < count; ++i) {
    ArticleEntity entity;
    const auto type = static_cast<unsigned char>(in.byte());
    if (type >= std::size(k_entity_types)) throw Error("article summary has a bad entity type");
    entity.type = static_cast<EntityType>(type);
    entity.value = in.string();
    entity.mentions = in.varint();
    const char flags = in.byte();
    entity.in_title = (flags & 1) != 0;
    entity.in_lead = (flags & 2) != 0;
    entity.titled = (flags & 4) != 0;
    entity.firm = (flags & 8) != 0;
    stored.entities.push_back(std::move(entity));
  }
  if (!in.done()) throw Error("not a dateline article summary (trailing bytes)");
  return stored;
}

StoredArticle load_article(const Xapian::Document& doc) {
  StoredArticle stored = decode_summary(doc.get_value(k_slot_summary));
  stored.body = doc.get_data();
  return stored;
}

std::string encode_entity_groups(const std::vector<ArticleEntity>& entities,
                                 const std::vector<std::string>& countries) {
  if (entities.empty() && countries.empty()) return {};
  std::string groups[k_entity_slot_groups];
  for (const ArticleEntity& entity : entities) {
    std::string& group = groups[static_cast<std::size_t>(entity.type)];
    if (!group.empty()) group += k_facet_value_separator;
    group += entity.value;
  }
  groups[k_country_group] = join_values(countries);
  std::string out;
  for (std::size_t i = 0; i < std::size(groups); ++i) {
    if (i > 0) out += k_facet_group_separator;
    out += groups[i];
  }
  return out;
}

void split_entity_groups(std::string_view value, std::string_view* groups) {
  for (std::size_t i = 0; i < k_entity_slot_groups; ++i) {
    const std::size_t stop = value.find(k_facet_group_separator);
    groups[i] = value.substr(0, stop);
    value = stop == std::string_view::npos ? std::string_view() : value.substr(stop + 1);
  }
}

std::string name_filter_term(std::string_view prefix, std::string_view name) {
  std::string term = std::string(prefix) + entity_key(name);
  if (term.size() > k_max_term_bytes) term.resize(k_max_term_bytes);
  return term;
}

Xapian::termcount entity_salience(const ArticleEntity& entity) {
  constexpr Xapian::termcount k_title = 4;
  constexpr Xapian::termcount k_lead = 2;
  constexpr std::size_t k_max_further_mentions = 5;
  const std::size_t further = entity.mentions > 1 ? entity.mentions - 1 : 0;
  return 1 + (entity.in_title ? k_title : 0) + (entity.in_lead ? k_lead : 0) +
         static_cast<Xapian::termcount>(std::min(further, k_max_further_mentions));
}

Xapian::termcount country_salience(std::size_t rank) {
  constexpr std::size_t k_first = 5;
  return static_cast<Xapian::termcount>(rank + 1 < k_first ? k_first - rank : 1);
}

std::string entity_filter_term(EntityType type, std::string_view value) {
  return name_filter_term(entity_filter_prefix(type), value);
}

std::string titled_name_term(const ArticleEntity& entity) {
  if (entity.type != EntityType::person || !entity.titled) return {};
  const std::string key = entity_key(entity.value);
  if (key.empty() || key.find(' ') != std::string::npos || key.size() > k_max_term_bytes) return {};
  return k_prefix_titled + key;
}

std::string firm_name_term(const ArticleEntity& entity) {
  if (entity.type != EntityType::organization || !entity.firm) return {};
  const std::string key = entity_key(entity.value);
  if (key.empty() || key.size() > k_max_term_bytes) return {};
  return k_prefix_firm + key;
}

std::string acronym_term(std::string_view acronym_key, std::string_view expansion_key) {
  std::string term = k_prefix_acronym;
  term.append(acronym_key).append(1, ' ').append(expansion_key);
  return term.size() > k_max_term_bytes ? std::string() : term;
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out += k_facet_value_separator;
    out += value;
  }
  return out;
}

std::string site_key(std::string_view url) {
  std::string_view rest = url;
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) {
    rest.remove_prefix(1);
  }
  if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  } else if (rest.starts_with("//")) {
    rest.remove_prefix(2);
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t user = authority.rfind('@'); user != std::string_view::npos) {
    authority.remove_prefix(user + 1);
  }
  std::string_view host = authority;
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);  // an IPv6 address, port dropped
  } else if (const std::size_t port = host.rfind(':'); port != std::string_view::npos) {
    host = host.substr(0, port);
  }
  std::string site;
  for (const char c : host) {
    const auto byte = static_cast<unsigned char>(c);
    // A host is letters (an international one's in UTF-8), digits, dots,
    // hyphens and underscores, or a bracketed IPv6 address; anything else
    // means this was no URL.
    const bool allowed = std::isalnum(byte) || byte >= 0x80 || c == '.' || c == '-' || c == '_' ||
                         c == '[' || c == ']' || c == ':';
    if (!allowed) return {};
    site += static_cast<char>(std::tolower(byte));
  }
  while (!site.empty() && site.back() == '.') site.pop_back();
  if (site.starts_with("www.") && site.size() > 4) site.erase(0, 4);
  return site;
}

std::vector<std::string> site_filter_terms(std::string_view site) {
  std::vector<std::string> terms;
  if (site.empty()) return terms;
  const auto term = [](std::string_view host) {
    std::string t = std::string(k_prefix_site) + std::string(host);
    if (t.size() > k_max_term_bytes) t.resize(k_max_term_bytes);
    return t;
  };
  terms.push_back(term(site));
  // An address has no parent domains: "10.0.0.1" is not in "0.0.1".
  const std::size_t last_dot = site.rfind('.');
  const std::string_view top = site.substr(last_dot == std::string_view::npos ? 0 : last_dot + 1);
  const bool address =
      site.starts_with('[') || top.find_first_not_of("0123456789") == std::string_view::npos;
  if (address) return terms;
  for (std::size_t dot = site.find('.'); dot != std::string_view::npos;
       dot = site.find('.', dot + 1)) {
    const std::string_view parent = site.substr(dot + 1);
    if (parent.find('.') == std::string_view::npos) break;
    terms.push_back(term(parent));
  }
  return terms;
}

std::string encode_file_state(const FileState& state) {
  return std::to_string(state.size) + ":" + std::to_string(state.mtime_ns) + ":" +
         std::to_string(state.content_hash);
}

std::optional<FileState> decode_file_state(std::string_view value) {
  FileState state;
  const char* p = value.data();
  const char* end = value.data() + value.size();
  auto field = [&](auto& out, bool last) {
    const auto [next, ec] = std::from_chars(p, end, out);
    if (ec != std::errc() || (last ? next != end : (next == end || *next != ':'))) return false;
    p = last ? next : next + 1;
    return true;
  };
  if (!field(state.size, false) || !field(state.mtime_ns, false) ||
      !field(state.content_hash, true)) {
    return std::nullopt;
  }
  return state;
}

std::uint64_t content_hash(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string file_term(std::string_view source_path) {
  return std::string(k_prefix_file) + make_article_id(source_path, "");
}

std::string id_term(std::string_view article_id) {
  return std::string(k_prefix_id) + std::string(article_id);
}

void write_stamp(Xapian::WritableDatabase& db, const std::string& language) {
  db.set_metadata(k_meta_schema_version, std::to_string(k_schema_version));
  db.set_metadata(k_meta_language, language);
}

void stamp_database(Xapian::WritableDatabase& db, const std::string& language) {
  const std::string version = db.get_metadata(k_meta_schema_version);
  if (version.empty()) {
    if (db.get_doccount() > 0) {
      throw Error("the database holds documents but is not a dateline index");
    }
    write_stamp(db, language);
    return;
  }
  if (version != std::to_string(k_schema_version)) {
    throw Error("index has schema version " + version + ", this dateline writes version " +
                std::to_string(k_schema_version) + "; re-index it with --rebuild");
  }
  const std::string existing = db.get_metadata(k_meta_language);
  if (existing != language) {
    throw Error("index was built with language '" + existing + "', not '" + language +
                "'; use --language " + existing + " or a new directory");
  }
}

std::string check_database(const Xapian::Database& db, const std::string& db_path) {
  const std::string version = db.get_metadata(k_meta_schema_version);
  if (version.empty()) throw Error("'" + db_path + "' is not a dateline index");
  if (version != std::to_string(k_schema_version)) {
    throw Error("'" + db_path + "' has index schema version " + version +
                ", this dateline-search reads version " + std::to_string(k_schema_version) +
                "; re-index with this version");
  }
  return db.get_metadata(k_meta_language);
}

}  // namespace dateline::schema

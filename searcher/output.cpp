#include "searcher/output.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace dateline {
namespace {

constexpr std::string_view k_bold = "\x1b[1m";
constexpr std::string_view k_reset = "\x1b[0m";
constexpr std::string_view k_dim = "\x1b[2m";

// Appends `text` to `out` without its control characters (C0 except
// newline, DEL, C1). A C1 control is U+0080..U+009F, encoded 0xC2 0x80..0x9F;
// it is recognised by the byte already in `out`, so that one also forms
// when text is appended piece by piece, or when removing a control joins
// the halves of ill-formed input ("\xC2\x01\x85").
void append_without_controls(std::string& out, std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n') || c == 0x7F) continue;
    if (c >= 0x80 && c <= 0x9F && !out.empty() && static_cast<unsigned char>(out.back()) == 0xC2) {
      out.pop_back();
      continue;
    }
    out += ch;
  }
}

// Replaces the highlight markers with `start` and `end` after removing
// every other control character.
std::string render_highlights(std::string_view snippet, std::string_view start,
                              std::string_view end) {
  std::string out;
  out.reserve(snippet.size());
  for (std::size_t i = 0; i < snippet.size(); ++i) {
    const char c = snippet[i];
    if (c == k_highlight_start) {
      out += start;
    } else if (c == k_highlight_end) {
      out += end;
    } else if (c == '\n') {
      // Paragraph breaks ("\n\n") read as one space in a one-line snippet.
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      // Byte by byte into `out` itself: a C1 control split over two calls
      // of strip_control_characters would pass both.
      append_without_controls(out, snippet.substr(i, 1));
    }
  }
  return out;
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

}  // namespace

std::string strip_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_without_controls(out, text);
  return out;
}

namespace {

// Display width of UTF-8 text, counting code points (good enough for the
// Latin, Greek and Cyrillic names facets hold).
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

// "people: John Kerry, Sergey Lavrov  places: Syria" for one result.
std::string entity_line(const std::vector<ArticleEntity>& entities) {
  constexpr EntityType k_shown[] = {EntityType::person, EntityType::location,
                                    EntityType::organization};
  constexpr std::size_t k_per_group = 4;
  std::string line;
  for (const EntityType type : k_shown) {
    std::string names;
    std::size_t shown = 0;
    for (const ArticleEntity& entity : entities) {
      if (entity.type != type || shown == k_per_group) continue;
      if (!names.empty()) names += ", ";
      names += strip_control_characters(entity.value);
      ++shown;
    }
    if (names.empty()) continue;
    if (!line.empty()) line += "  ";
    line += std::string(entity_type_info(type).plural) + ": " + names;
  }
  return line;
}

void write_facet(const Facet& facet, bool styled, std::ostream& out) {
  if (facet.values.empty()) return;
  constexpr std::size_t k_bar_width = 30;
  std::size_t name_width = 0;
  Xapian::doccount top = 0;
  for (const FacetValue& v : facet.values) {
    name_width = std::max(name_width, display_width(v.value));
    top = std::max(top, v.count);
  }
  name_width = std::min<std::size_t>(name_width, 40);
  out << (styled ? k_bold : "") << facet_name(facet.kind) << (styled ? k_reset : "") << '\n';
  for (const FacetValue& v : facet.values) {
    const std::string name = strip_control_characters(v.value);
    const std::size_t width = display_width(name);
    const std::size_t bar = std::max<std::size_t>(1, v.count * k_bar_width / std::max(top, 1u));
    const std::string count = std::to_string(v.count);
    out << "  " << name << std::string(width < name_width ? name_width - width + 1 : 1, ' ') << ' '
        << std::string(count.size() < 6 ? 6 - count.size() : 0, ' ') << count << ' ';
    for (std::size_t i = 0; i < bar; ++i) out << (styled ? "\u2588" : "#");
    out << '\n';
  }
}

}  // namespace

void write_text(const SearchResult& result, Color color, std::ostream& out) {
  const bool styled = color == Color::yes;
  const std::string_view bold = styled ? k_bold : "";
  const std::string_view dim = styled ? k_dim : "";
  const std::string_view reset = styled ? k_reset : "";
  out << result.total << (result.total_exact ? "" : " (about)")
      << (result.total == 1 ? " match" : " matches")
      << " for: " << strip_control_characters(result.query) << '\n';
  if (!result.suggestion.empty()) {
    out << "Did you mean: " << bold << strip_control_characters(result.suggestion) << reset << '\n';
  }
  if (result.hits.empty()) {
    // A request for counts only (limit 0) has no page to miss.
    if (result.total > 0 && result.limit > 0) {
      out << "(no results on this page; offset " << result.offset << ")\n";
    }
  } else {
    out << "showing " << result.hits.front().rank << "-" << result.hits.back().rank << "\n\n";
  }
  for (const SearchHit& hit : result.hits) {
    out << (hit.rank < 10 ? " " : "") << hit.rank << ". " << bold
        << strip_control_characters(hit.title) << reset << '\n';
    out << "    " << dim << (hit.date.empty() ? "undated" : strip_control_characters(hit.date));
    if (!hit.source.empty()) out << "  " << strip_control_characters(hit.source);
    if (!hit.author.empty()) out << "  by " << strip_control_characters(hit.author);
    out << "  score " << format_score(hit.score);
    if (hit.similar > 0) out << "  +" << hit.similar << " similar";
    out << reset << '\n';
    out << "    " << dim << strip_control_characters(hit.path) << reset << '\n';
    if (!hit.snippet.empty()) {
      out << "    " << render_highlights(hit.snippet, bold, reset) << '\n';
    }
    const std::string entities = entity_line(hit.entities);
    if (!entities.empty()) out << "    " << dim << entities << reset << '\n';
    out << '\n';
  }
  for (const Facet& facet : result.facets) {
    write_facet(facet, styled, out);
    if (!facet.values.empty()) out << '\n';
  }
}

namespace {

nlohmann::json entities_json(const std::vector<ArticleEntity>& entities) {
  nlohmann::json by_type = nlohmann::json::object();
  for (EntityType type : k_entity_types) {
    by_type[std::string(type_name(type))] = nlohmann::json::array();
  }
  for (const ArticleEntity& entity : entities) {
    by_type[std::string(type_name(entity.type))].push_back(
        {{"value", entity.value}, {"mentions", entity.mentions}});
  }
  return by_type;
}

}  // namespace

void write_json(const SearchResult& result, std::ostream& out) {
  nlohmann::json results = nlohmann::json::array();
  for (const SearchHit& hit : result.hits) {
    results.push_back(
        {{"rank", hit.rank},
         {"id", hit.id},
         {"title", hit.title},
         {"path", hit.path},
         {"date", hit.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(hit.date)},
         {"source", hit.source},
         {"author", hit.author},
         {"url", hit.url},
         {"score", hit.score},
         {"snippet", render_highlights(hit.snippet, k_json_highlight, k_json_highlight)},
         {"entities", entities_json(hit.entities)},
         {"similar", hit.similar}});
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const Facet& facet : result.facets) {
    nlohmann::json values = nlohmann::json::array();
    for (const FacetValue& v : facet.values)
      values.push_back({{"value", v.value}, {"count", v.count}});
    facets[std::string(facet_name(facet.kind))] = std::move(values);
  }
  nlohmann::json missing = nlohmann::json::array();
  for (const MissingShard& shard : result.missing_shards) {
    missing.push_back({{"shard", shard.name}, {"reason", shard.reason}});
  }
  const nlohmann::json document = {
      {"query", result.query},
      {"parsed", result.parsed},
      {"suggestion",
       result.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.suggestion)},
      {"total", result.total},
      {"articles", result.articles},
      {"total_exact", result.total_exact},
      {"offset", result.offset},
      {"limit", result.limit},
      {"took_ms", result.took_ms},
      {"results", std::move(results)},
      {"facets", std::move(facets)},
      {"missing_shards", std::move(missing)}};
  // Invalid UTF-8 cannot come out of the index, but a query typed in a
  // legacy terminal can hold it: replace rather than fail.
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_article_text(const schema::StoredArticle& article, Color color, std::ostream& out) {
  const bool styled = color == Color::yes;
  out << (styled ? k_bold : "") << strip_control_characters(article.title)
      << (styled ? k_reset : "") << '\n';
  out << "date: " << (article.date.empty() ? "unknown" : strip_control_characters(article.date))
      << '\n';
  const std::pair<std::string_view, const std::string*> fields[] = {{"source", &article.source},
                                                                    {"author", &article.author},
                                                                    {"url", &article.url},
                                                                    {"path", &article.path},
                                                                    {"id", &article.id}};
  for (const auto& [label, value] : fields) {
    if (value->empty()) continue;
    out << label << ": " << strip_control_characters(*value) << '\n';
  }
  for (const EntityTypeInfo& type : k_entity_type_table) {
    std::string names;
    for (const ArticleEntity& entity : article.entities) {
      if (entity.type != type.type) continue;
      if (!names.empty()) names += ", ";
      names +=
          strip_control_characters(entity.value) + " (" + std::to_string(entity.mentions) + ")";
    }
    if (!names.empty()) out << type.plural << ": " << names << '\n';
  }
  out << '\n' << strip_control_characters(article.body) << '\n';
}

void write_article_json(const schema::StoredArticle& article, std::ostream& out) {
  nlohmann::json entities = nlohmann::json::object();
  for (EntityType type : k_entity_types) {
    entities[std::string(type_name(type))] = nlohmann::json::array();
  }
  for (const ArticleEntity& entity : article.entities) {
    entities[std::string(type_name(entity.type))].push_back({{"value", entity.value},
                                                             {"mentions", entity.mentions},
                                                             {"in_title", entity.in_title},
                                                             {"in_lead", entity.in_lead}});
  }
  const nlohmann::json document = {
      {"id", article.id},
      {"title", article.title},
      {"date", article.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(article.date)},
      {"source", article.source},
      {"author", article.author},
      {"url", article.url},
      {"path", article.path},
      {"language", article.language},
      {"entities", std::move(entities)},
      {"body", article.body}};
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_json_error(std::string_view query, std::string_view message, std::ostream& out) {
  const nlohmann::json document = {{"query", query}, {"error", message}};
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace dateline

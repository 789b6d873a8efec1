#include "searcher/output.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace dateline {
namespace {

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

// Display width of UTF-8 text, counting code points (good enough for the
// Latin, Greek and Cyrillic names facets hold).
std::size_t code_points(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

// "1 match for: kerry", the suggestion, and which ranks the page shows.
void write_header(const SearchResult& result, const Style& style, std::ostream& out) {
  out << result.total << (result.total_exact ? "" : " (about)")
      << (result.total == 1 ? " match" : " matches")
      << " for: " << strip_control_characters(result.query) << '\n';
  if (!result.suggestion.empty()) {
    out << "Did you mean: " << style.bold(strip_control_characters(result.suggestion)) << '\n';
  }
  if (result.hits.empty()) {
    // A request for counts only (limit 0) has no page to miss.
    if (result.total > 0 && result.limit > 0) {
      out << "(no results on this page; offset " << result.offset << ")\n";
    }
  } else {
    out << "showing " << result.hits.front().rank << "-" << result.hits.back().rank << "\n\n";
  }
}

// One result: rank and title, date and byline, path, snippet, entities.
void write_hit(const SearchHit& hit, const Style& style, std::ostream& out) {
  out << (hit.rank < 10 ? " " : "") << hit.rank << ". "
      << style.bold(strip_control_characters(hit.title)) << '\n';
  std::string meta = hit.date.empty() ? "undated" : strip_control_characters(hit.date);
  if (!hit.source.empty()) meta += "  " + strip_control_characters(hit.source);
  if (!hit.author.empty()) meta += "  by " + strip_control_characters(hit.author);
  meta += "  score " + format_score(hit.score);
  if (hit.similar > 0) meta += "  +" + std::to_string(hit.similar) + " similar";
  out << "    " << style.dim(meta) << '\n';
  out << "    " << style.dim(strip_control_characters(hit.path)) << '\n';
  if (!hit.snippet.empty()) {
    out << "    " << render_highlights(hit.snippet, style.bold_start(), style.reset()) << '\n';
  }
  const std::string entities = entity_line(hit.entities, "  ");
  if (!entities.empty()) out << "    " << style.dim(entities) << '\n';
  out << '\n';
}

// A facet's name, then a line per value: name, count and a bar.
void write_facet(const Facet& facet, const Style& style, std::ostream& out) {
  if (facet.values.empty()) return;
  constexpr std::size_t k_bar_width = 30;
  std::size_t name_width = 0;
  Xapian::doccount top = 0;
  for (const FacetValue& v : facet.values) {
    name_width = std::max(name_width, code_points(v.value));
    top = std::max(top, v.count);
  }
  name_width = std::min<std::size_t>(name_width, 40);
  out << style.bold(facet_name(facet.kind)) << '\n';
  for (const FacetValue& v : facet.values) {
    const std::string name = strip_control_characters(v.value);
    const std::size_t width = code_points(name);
    const std::size_t bar = std::max<std::size_t>(1, v.count * k_bar_width / std::max(top, 1u));
    const std::string count = std::to_string(v.count);
    out << "  " << name << std::string(width < name_width ? name_width - width + 1 : 1, ' ') << ' '
        << std::string(count.size() < 6 ? 6 - count.size() : 0, ' ') << count << ' '
        << style.bar(bar) << '\n';
  }
}

}  // namespace

std::string strip_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_without_controls(out, text);
  return out;
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

std::string entity_names(const std::vector<ArticleEntity>& entities, EntityType type,
                         std::size_t most, Mentions mentions) {
  std::string names;
  std::size_t listed = 0;
  for (const ArticleEntity& entity : entities) {
    if (entity.type != type || listed == most) continue;
    if (!names.empty()) names += ", ";
    names += strip_control_characters(entity.value);
    if (mentions == Mentions::shown) names += " (" + std::to_string(entity.mentions) + ")";
    ++listed;
  }
  return names;
}

std::string entity_line(const std::vector<ArticleEntity>& entities, std::string_view separator) {
  constexpr EntityType k_shown[] = {EntityType::person, EntityType::location,
                                    EntityType::organization};
  constexpr std::size_t k_per_type = 4;
  std::string line;
  for (const EntityType type : k_shown) {
    const std::string names = entity_names(entities, type, k_per_type, Mentions::hidden);
    if (names.empty()) continue;
    if (!line.empty()) line += separator;
    line += std::string(entity_type_info(type).plural) + ": " + names;
  }
  return line;
}

void write_text(const SearchResult& result, Color color, std::ostream& out) {
  const Style style(color);
  write_header(result, style, out);
  for (const SearchHit& hit : result.hits) write_hit(hit, style, out);
  for (const Facet& facet : result.facets) {
    write_facet(facet, style, out);
    if (!facet.values.empty()) out << '\n';
  }
}

namespace {

// What a hit and a whole article both say of the article: id, title, date
// (null when unknown), source, author, URL and path. (Keys are written in
// sorted order, whatever order they are added in.)
template <typename Described>
nlohmann::json article_json(const Described& article) {
  return {{"id", article.id},
          {"title", article.title},
          {"date", article.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(article.date)},
          {"source", article.source},
          {"author", article.author},
          {"url", article.url},
          {"path", article.path}};
}

// Whether an article's entities say if they are in its title and lead.
enum class Salience { shown, hidden };

// {"person": [{"value", "mentions"(, "in_title", "in_lead")}], ...}: every
// type, with an empty list for a type without entities.
nlohmann::json entities_json(const std::vector<ArticleEntity>& entities, Salience salience) {
  nlohmann::json by_type = nlohmann::json::object();
  for (EntityType type : k_entity_types) {
    by_type[std::string(type_name(type))] = nlohmann::json::array();
  }
  for (const ArticleEntity& entity : entities) {
    nlohmann::json json = {{"value", entity.value}, {"mentions", entity.mentions}};
    if (salience == Salience::shown) {
      json["in_title"] = entity.in_title;
      json["in_lead"] = entity.in_lead;
    }
    by_type[std::string(type_name(entity.type))].push_back(std::move(json));
  }
  return by_type;
}

}  // namespace

void write_json(const SearchResult& result, std::ostream& out) {
  nlohmann::json results = nlohmann::json::array();
  for (const SearchHit& hit : result.hits) {
    nlohmann::json json = article_json(hit);
    json["rank"] = hit.rank;
    json["score"] = hit.score;
    json["snippet"] = render_highlights(hit.snippet, k_json_highlight, k_json_highlight);
    json["entities"] = entities_json(hit.entities, Salience::hidden);
    json["similar"] = hit.similar;
    results.push_back(std::move(json));
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
  const Style style(color);
  out << style.bold(strip_control_characters(article.title)) << '\n';
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
    const std::string names =
        entity_names(article.entities, type.type, k_all_entities, Mentions::shown);
    if (!names.empty()) out << type.plural << ": " << names << '\n';
  }
  out << '\n' << strip_control_characters(article.body) << '\n';
}

void write_article_json(const schema::StoredArticle& article, std::ostream& out) {
  nlohmann::json document = article_json(article);
  document["language"] = article.language;
  document["entities"] = entities_json(article.entities, Salience::shown);
  document["body"] = article.body;
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_json_error(std::string_view query, std::size_t line, std::string_view message,
                      std::ostream& out) {
  const nlohmann::json document = {{"query", query}, {"line", line}, {"error", message}};
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace dateline

// The JSON readers: see parse_json_lines and parse_json_document in
// common/reader.hpp.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iterator>

#include "common/html_article.hpp"
#include "common/html_text.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

using Json = nlohmann::json;

// The text of a JSON value: a string; a number, printed; an object's
// "name" (schema.org's Person and Organization: {"name": "Ann Lee"}) or
// "rendered" (WordPress's REST API: {"rendered": "<p>...</p>"}) when it is
// a string; else empty.
std::string text_of(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  if (value.is_object()) {
    for (const char* key : {"name", "rendered"}) {
      const auto it = value.find(key);
      if (it != value.end() && it->is_string()) return it->get<std::string>();
    }
  }
  return {};
}

// The first of `names` present in `object` as text (text_of). Arrays (a
// list of paragraphs or authors) are joined with `separator`; anything
// else counts as absent.
std::string field(const Json& object, std::initializer_list<const char*> names,
                  std::string_view separator) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it == object.end()) continue;
    if (it->is_array()) {
      std::string joined;
      for (const Json& item : *it) {
        const std::string text = text_of(item);
        if (text.empty()) continue;
        if (!joined.empty()) joined += separator;
        joined += text;
      }
      if (!joined.empty()) return joined;
    } else if (std::string text = text_of(*it); !text.empty()) {
      return text;
    }
  }
  return {};
}

// Whether `text` holds HTML markup: a tag of the elements article text is
// written with ("<p>", "<br/>", "</div>", "<a href=...>").
bool has_markup(std::string_view text) {
  static constexpr std::string_view k_tags[] = {
      "p",  "br", "div", "span", "a",  "b",  "i",   "em",         "strong", "h1",      "h2",
      "h3", "h4", "ul",  "ol",   "li", "hr", "img", "blockquote", "figure", "section", "table"};
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    std::size_t begin = at + 1;
    if (begin < text.size() && text[begin] == '/') ++begin;
    std::size_t end = begin;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end == begin || end == text.size()) continue;
    const char after = text[end];
    if (after != '>' && after != ' ' && after != '/' && after != '\n') continue;
    const std::string name = ascii_lower(text.substr(begin, end - begin));
    if (std::find(std::begin(k_tags), std::end(k_tags), name) != std::end(k_tags)) return true;
  }
  return false;
}

// A field's text as plain text: HTML markup rendered as the saved-page
// reader renders it (html_block_text: blocks end paragraphs, references
// decoded), else its character references ("Caf&eacute;") decoded.
std::string plain_text(const std::string& text) {
  return has_markup(text) ? html_block_text(text) : decode_character_references(text);
}

// A date field, the first of `names` present: a string as it is, or a
// number as Unix time (seconds, or milliseconds when it is too large for
// seconds), as "YYYY-MM-DD"; a number that is no such time (before 1973,
// after 3237) gives no date.
std::string date_field(const Json& object, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it == object.end()) continue;
    if (!it->is_number()) {
      if (std::string text = field(object, {name}, " "); !text.empty()) {
        return decode_character_references(text);
      }
      continue;
    }
    double seconds = it->get<double>();
    if (seconds > 1e11) seconds /= 1000;  // milliseconds: past the year 5138 in seconds
    // Before 1973 or past 3237: no news archive's timestamp (a year, a count).
    if (seconds < 1e8 || seconds > 4e10) return {};
    const auto days = std::chrono::floor<std::chrono::days>(
        std::chrono::sys_seconds(std::chrono::seconds(static_cast<long long>(seconds))));
    const std::chrono::year_month_day day(days);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return buffer;
  }
  return {};
}

// Adds the article `object` describes to `result`, or a problem when it
// has neither title nor body. `fallback_part` identifies it in its file
// when it carries no url or id.
void add_article(const Json& object, std::string_view fallback_part, std::size_t line,
                 const ReaderContext& context, ReadResult& result) {
  if (!object.is_object()) {
    result.problems.push_back({context.source_path, line, "not a JSON object"});
    return;
  }
  // A field's markup is rendered and its character references decoded
  // (plain_text); the id keeps to the url as the file spells it.
  auto text = [&](std::initializer_list<const char*> names, std::string_view separator) {
    return plain_text(field(object, names, separator));
  };
  const std::string url = field(object, {"url", "link"}, " ");
  RawArticle raw;
  // news-please writes maintext, date_publish, source_domain, and a
  // description (its lead) that stands in for a missing maintext.
  raw.title = text({"title", "headline", "name", "title_rss", "title_page"}, " ");
  raw.body = text({"body", "text", "content", "article", "articleBody", "maintext", "description"},
                  "\n\n");
  raw.date = date_field(object, {"date", "published", "publish_date", "pubDate", "published_at",
                                 "datePublished", "date_publish", "timestamp"});
  raw.url = decode_character_references(url);
  raw.source = text({"source", "publication", "site", "publisher", "source_domain"}, " ");
  raw.author = text({"author", "byline", "authors"}, ", ");
  raw.language = text({"language", "lang", "inLanguage"}, " ");
  std::string part = url;
  if (part.empty()) part = field(object, {"id", "guid"}, " ");
  if (part.empty()) part = fallback_part;
  Article article = make_article(raw, part, context);
  if (article.title.empty() && article.paragraphs.empty()) {
    result.problems.push_back({context.source_path, line, "no title or body field"});
    return;
  }
  result.articles.push_back(std::move(article));
}

}  // namespace

ReadResult parse_json_lines(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  std::size_t line_number = 0;
  for (std::string_view line : split_lines(bytes)) {
    ++line_number;
    if (trim(line).empty()) continue;
    // The parser rejects invalid UTF-8; repair it so the rest of the line counts.
    const DecodedText decoded = decode_utf8(line);
    result.invalid_utf8 += decoded.invalid_bytes;
    if (decoded.invalid_bytes > 0 && result.invalid_utf8_line == 0) {
      result.invalid_utf8_line = line_number;
    }
    Json object = Json::parse(decoded.text, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded()) {
      result.problems.push_back({context.source_path, line_number, "malformed JSON"});
      continue;
    }
    add_article(object, "line " + std::to_string(line_number), line_number, context, result);
  }
  if (result.articles.empty() && result.problems.empty()) {
    result.problems.push_back({context.source_path, 0, "empty file"});
  }
  return result;
}

ReadResult parse_json_document(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  const DecodedText decoded = decode_utf8(bytes);
  result.invalid_utf8 = decoded.invalid_bytes;
  if (decoded.invalid_bytes > 0) {
    result.invalid_utf8_line = line_at(bytes, decoded.first_invalid_offset);
  }
  Json document;
  try {
    document = Json::parse(decoded.text);
  } catch (const Json::parse_error& e) {
    // e.byte is the 1-based position of the character that failed.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    result.problems.push_back(
        {context.source_path, line_at(decoded.text, offset), "malformed JSON"});
    return result;
  }
  if (document.is_array()) {
    std::size_t index = 0;
    for (const Json& item : document) {
      add_article(item, "item " + std::to_string(index), 0, context, result);
      ++index;
    }
  } else {
    add_article(document, "", 0, context, result);
  }
  return result;
}

}  // namespace dateline

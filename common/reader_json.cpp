// The JSON readers: see parse_json_lines and parse_json_document in
// common/reader.hpp.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <span>
#include <vector>

#include "common/article_fields.hpp"
#include "common/html_article.hpp"
#include "common/html_text.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

using Json = nlohmann::json;

using Fields = std::span<const char* const>;

// The text of a JSON value: a string; a number, printed; an object's
// "name" (schema.org's Person and Organization: {"name": "Ann Lee"}),
// "rendered" (WordPress's REST API: {"rendered": "<p>...</p>"}), "main"
// (the New York Times API's headline) or "original" (its byline) when it
// is a string; else empty.
std::string text_of(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  if (value.is_object()) {
    for (const char* key : {"name", "rendered", "main", "original"}) {
      const auto it = value.find(key);
      if (it != value.end() && it->is_string()) return it->get<std::string>();
    }
  }
  return {};
}

// The first of `names` present in `object` as text (text_of). Arrays (a
// list of paragraphs or authors) are joined with `separator`; anything
// else counts as absent. Then the same in the object's "fields" object,
// where the Guardian's API puts the text it is asked for (one level only:
// a "fields" inside it is not looked into).
std::string field(const Json& object, Fields names, std::string_view separator,
                  bool in_fields = true) {
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
  const auto fields = object.find("fields");
  if (in_fields && fields != object.end() && fields->is_object()) {
    return field(*fields, names, separator, false);
  }
  return {};
}

// Whether `object` has a title or a body field.
bool describes_article(const Json& object) {
  return object.is_object() && (!field(object, article_fields::k_title, " ").empty() ||
                                !field(object, article_fields::k_body, " ").empty());
}

// The object an item describes its article in: the item, or the document
// a search engine's export wraps it in (Elasticsearch and OpenSearch:
// {"_id": ..., "_source": {...}}).
const Json& unwrap_item(const Json& item) {
  if (!item.is_object()) return item;
  const auto source = item.find("_source");
  if (source == item.end() || !source->is_object() || describes_article(item)) return item;
  return *source;
}

// The list of articles an API's response wraps (NewsAPI's "articles", the
// New York Times' "response"/"docs", the Guardian's "response"/"results",
// a search engine's "hits"/"hits", "data", "items"...): the first array,
// searched breadth-first to three levels down, of which an item describes
// an article. Null when there is none.
const Json* article_list(const Json& document) {
  std::vector<const Json*> level{&document};
  for (int depth = 0; depth < 3 && !level.empty(); ++depth) {
    std::vector<const Json*> next;
    for (const Json* object : level) {
      for (const auto& [key, value] : object->items()) {
        if (value.is_object()) next.push_back(&value);
        if (!value.is_array()) continue;
        const bool holds_articles = std::any_of(value.begin(), value.end(), [](const Json& item) {
          return describes_article(unwrap_item(item));
        });
        if (holds_articles) return &value;
      }
    }
    level = std::move(next);
  }
  return nullptr;
}

// A date field, the first of `names` present: a string as it is, or a
// number as Unix time (seconds, or milliseconds when it is too large for
// seconds), as "YYYY-MM-DD"; a number that is no such time (before 1973,
// after 3237) gives no date.
std::string date_field(const Json& object, Fields names) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it == object.end()) continue;
    if (!it->is_number()) {
      const char* const one[] = {name};
      if (std::string text = field(object, one, " "); !text.empty()) {
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
void add_article(const Json& item, std::string_view fallback_part, std::size_t line,
                 const ReaderContext& context, ReadResult& result) {
  const Json& object = unwrap_item(item);
  if (!object.is_object()) {
    result.problems.push_back({context.source_path, line, "not a JSON object"});
    return;
  }
  // A field's markup is rendered and its character references decoded
  // (feed_field_text); the id keeps to the url as the file spells it.
  auto text = [&](Fields names, std::string_view separator) {
    return feed_field_text(field(object, names, separator));
  };
  const std::string url = field(object, article_fields::k_url, " ");
  RawArticle raw;
  // A lead (description, abstract) stands in for a missing full text.
  raw.title = text(article_fields::k_title, " ");
  raw.body = text(article_fields::k_body, "\n\n");
  raw.date = date_field(object, article_fields::k_date);
  raw.url = decode_character_references(url);
  raw.source = text(article_fields::k_source, " ");
  raw.author = without_by(text(article_fields::k_author, ", "));
  raw.language = text(article_fields::k_language, " ");
  std::string part = url;
  if (part.empty()) part = field(object, article_fields::k_id, " ");
  if (part.empty()) part = field(item, article_fields::k_id, " ");  // a wrapper's _id
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
  // An array of articles, one article, or an API's response that holds a
  // list of them.
  const Json* list = document.is_array() ? &document : nullptr;
  if (list == nullptr && !describes_article(document)) list = article_list(document);
  if (list == nullptr) {
    add_article(document, "", 0, context, result);
    return result;
  }
  std::size_t index = 0;
  for (const Json& item : *list) {
    add_article(item, "item " + std::to_string(index), 0, context, result);
    ++index;
  }
  return result;
}

}  // namespace dateline

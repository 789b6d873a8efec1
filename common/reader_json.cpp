// The JSON readers: see parse_json_lines and parse_json_document in
// common/reader.hpp.
#include <nlohmann/json.hpp>

#include "common/html_text.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

using Json = nlohmann::json;

// The first of `names` present in `object` as text. Arrays of strings (a
// list of paragraphs or authors) are joined with `separator`; numbers are
// printed; anything else counts as absent.
std::string field(const Json& object, std::initializer_list<const char*> names,
                  std::string_view separator) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it == object.end()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    if (it->is_array()) {
      std::string joined;
      for (const Json& item : *it) {
        if (!item.is_string()) continue;
        if (!joined.empty()) joined += separator;
        joined += item.get<std::string>();
      }
      if (!joined.empty()) return joined;
    }
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
  // Character references in a field's text ("Caf&eacute;") are decoded;
  // the id keeps to the url as the file spells it.
  auto text = [&](std::initializer_list<const char*> names, std::string_view separator) {
    return decode_character_references(field(object, names, separator));
  };
  const std::string url = field(object, {"url", "link"}, " ");
  RawArticle raw;
  // news-please writes maintext, date_publish, source_domain, and a
  // description (its lead) that stands in for a missing maintext.
  raw.title = text({"title", "headline", "name", "title_rss", "title_page"}, " ");
  raw.body = text({"body", "text", "content", "article", "articleBody", "maintext", "description"},
                  "\n\n");
  raw.date = text({"date", "published", "publish_date", "pubDate", "published_at", "datePublished",
                   "date_publish", "timestamp"},
                  " ");
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

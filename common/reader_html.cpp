// The saved web page reader: see parse_html_page in common/reader.hpp.
#include "common/html_article.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {

ReadResult parse_html_page(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  if (trim(bytes).empty()) {
    result.problems.push_back({context.source_path, 0, "empty file"});
    return result;
  }
  DecodedText decoded = decode_utf8(bytes);
  result.invalid_utf8 = decoded.invalid_bytes;
  if (decoded.invalid_bytes > 0) {
    result.invalid_utf8_line = line_at(bytes, decoded.first_invalid_offset);
  }
  // gumbo has decoded the character references: the text is not decoded
  // again, so "&amp;eacute;" in a page stays "&eacute;".
  const HtmlArticle page = extract_html_article(decoded.text);
  if (page.body.empty()) {
    result.problems.push_back({context.source_path, 0, "no article text found"});
    return result;
  }
  RawArticle raw;
  raw.title = page.headline;
  raw.body = page.body;
  raw.date = page.published_date ? page.published_date->iso() : std::string();
  raw.url = page.canonical_url;
  raw.source = page.source;
  // byline_authors (indexer/document_builder.hpp) splits at ';'.
  for (const std::string& author : page.authors) {
    if (!raw.author.empty()) raw.author += "; ";
    raw.author += author;
  }
  Article article = make_article(raw, "", context);
  if (!article.date) article.date = date_from_path(context.source_path);
  result.articles.push_back(std::move(article));
  return result;
}

}  // namespace dateline

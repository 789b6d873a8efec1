// The saved web page reader and the web archive reader: see
// parse_html_page, web_page_article and parse_web_archive in
// common/reader.hpp.

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <sstream>

#include "common/html_article.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"
#include "common/warc.hpp"

namespace dateline {
namespace {

// The charset a page's own <meta> declares in its first 1024 bytes
// (HTML's prescan: <meta charset="..."> or an http-equiv Content-Type's
// "charset="), lower case; empty when none.
std::string meta_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, 1024));
  for (std::size_t meta = head.find("<meta"); meta != std::string::npos;
       meta = head.find("<meta", meta + 5)) {
    const std::size_t close = head.find('>', meta);
    const std::string_view tag = std::string_view(head).substr(
        meta, close == std::string::npos ? std::string::npos : close - meta);
    const std::size_t at = tag.find("charset=");
    if (at == std::string_view::npos) continue;
    std::size_t begin = at + 8;
    while (begin < tag.size() && (tag[begin] == '"' || tag[begin] == '\'' || tag[begin] == ' ')) {
      ++begin;
    }
    std::size_t end = begin;
    while (end < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[end])) ||
                                tag[end] == '-' || tag[end] == '_' || tag[end] == ':')) {
      ++end;
    }
    if (end > begin) return std::string(tag.substr(begin, end - begin));
  }
  return {};
}

bool names_utf8(const std::string& charset) { return charset == "utf-8" || charset == "utf8"; }

// `bytes` as UTF-8: from the charset the server declared, else the page's
// BOM or <meta>, else UTF-8 when valid, else Windows-1252. Labels HTML
// reads as Windows-1252 (ISO-8859-1, US-ASCII) are read so.
DecodedText page_to_utf8(std::string_view bytes, std::string_view declared) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return decode_utf8(bytes);
  std::string charset = ascii_lower(declared);
  if (bytes.starts_with("\xFF\xFE")) charset = "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) charset = "utf-16be";
  if (charset.empty()) charset = meta_charset(bytes);
  if (charset.empty() || names_utf8(charset)) {
    DecodedText decoded = decode_utf8(bytes);
    // Undeclared and not UTF-8: the web's default.
    if (!charset.empty() || decoded.invalid_bytes == 0) return decoded;
    charset = "windows-1252";
  }
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" ||
      charset == "ascii") {
    charset = "windows-1252";
  }
  // ICU's converter for the label; an unknown label reads as UTF-8.
  if (std::optional<DecodedText> decoded = decode_charset(bytes, charset)) return *decoded;
  return decode_utf8(bytes);
}

}  // namespace

std::optional<Article> web_page_article(std::string_view bytes, std::string_view declared,
                                        std::string_view url, std::string_view date,
                                        std::string_view part, const ReaderContext& context,
                                        ReadResult& result) {
  DecodedText decoded = page_to_utf8(bytes, declared);
  if (decoded.invalid_bytes > 0 && result.invalid_utf8 == 0) {
    result.invalid_utf8_line = line_at(bytes, decoded.first_invalid_offset);
  }
  result.invalid_utf8 += decoded.invalid_bytes;
  // gumbo has decoded the character references: the text is not decoded
  // again, so "&amp;eacute;" in a page stays "&eacute;".
  const HtmlArticle page = extract_html_article(decoded.text);
  if (page.body.empty()) return std::nullopt;
  RawArticle raw;
  raw.title = page.headline;
  raw.body = page.body;
  raw.date = page.published_date ? page.published_date->iso() : std::string(date);
  raw.url = url.empty() ? page.canonical_url : std::string(url);
  raw.source = page.source;
  raw.language = page.language;
  // byline_authors (indexer/document_builder.hpp) splits at ';'.
  for (const std::string& author : page.authors) {
    if (!raw.author.empty()) raw.author += "; ";
    raw.author += author;
  }
  return make_article(raw, part, context);
}

ReadResult parse_html_page(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  if (trim(bytes).empty()) {
    result.problems.push_back({context.source_path, 0, "empty file"});
    return result;
  }
  std::optional<Article> article = web_page_article(bytes, {}, {}, {}, "", context, result);
  if (!article) {
    result.problems.push_back({context.source_path, 0, "no article text found"});
    return result;
  }
  if (!article->date) article->date = date_from_path(context.source_path);
  result.articles.push_back(std::move(*article));
  return result;
}

std::optional<Article> archived_page_article(const ArchivedPage& page, const ReaderContext& context,
                                             ReadResult& result) {
  std::optional<Article> article =
      web_page_article(page.html, page.charset, page.url, page.date, page.url, context, result);
  if (!article) {
    result.problems.push_back(
        {context.source_path, 0,
         "byte " + std::to_string(page.offset) + ": no article text found in " + page.url});
  }
  return article;
}

WebArchiveStream::WebArchiveStream(std::istream& in, const ReaderContext& context)
    : m_reader(std::make_unique<WarcReader>(in)), m_context(context) {}

WebArchiveStream::~WebArchiveStream() = default;

std::vector<ArchivedPage> WebArchiveStream::next(std::size_t most) {
  std::vector<ArchivedPage> pages;
  while (pages.size() < most) {
    std::optional<WarcRecord> record = m_reader->next();
    for (const WarcProblem& problem : m_reader->take_problems()) {
      m_tally.problems.push_back(
          {m_context.source_path, 0,
           "byte " + std::to_string(problem.offset) + ": " + problem.reason});
    }
    if (!record) break;
    WarcPage page;
    const WarcVerdict verdict = page_of(*record, page);
    if (verdict != WarcVerdict::page) {
      ++m_tally.records_skipped[std::string(verdict_name(verdict))];
      continue;
    }
    pages.push_back({std::move(page.html), std::move(page.charset), std::move(page.url),
                     std::move(page.date), record->offset});
  }
  return pages;
}

ReadResult parse_web_archive(std::string_view bytes, const ReaderContext& context) {
  std::istringstream in{std::string(bytes)};
  WebArchiveStream stream(in, context);
  ReadResult read;  // the articles' problems, in page order
  std::vector<Article> articles;
  for (std::vector<ArchivedPage> pages; !(pages = stream.next(64)).empty();) {
    for (const ArchivedPage& page : pages) {
      if (std::optional<Article> article = archived_page_article(page, context, read)) {
        articles.push_back(std::move(*article));
      }
    }
  }
  ReadResult result = stream.tally();
  result.articles = std::move(articles);
  result.invalid_utf8 = read.invalid_utf8;
  result.invalid_utf8_line = read.invalid_utf8_line;
  // The damage, then the pages without article text.
  result.problems.insert(result.problems.end(), read.problems.begin(), read.problems.end());
  if (result.articles.empty() && result.problems.empty()) {
    result.problems.push_back({context.source_path, 0, "no web pages in the archive"});
  }
  return result;
}

}  // namespace dateline

#include "common/reader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <system_error>

#include "common/gzip_stream.hpp"
#include "common/text.hpp"

namespace dateline {

std::string ReadProblem::to_string() const {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto c = static_cast<unsigned char>(path[i]);
    const bool c1 = c == 0xC2 && i + 1 < path.size() &&
                    static_cast<unsigned char>(path[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(path[i + 1]) <= 0x9F;  // U+0080..U+009F
    if (c < 0x20 || c == 0x7F || c1) {
      out += '?';
      if (c1) ++i;
    } else {
      out += path[i];
    }
  }
  if (line > 0) out += ":" + std::to_string(line);
  out += ": " + reason;
  return out;
}

ReadProblem invalid_utf8_note(const ReadResult& result, const std::string& source_path) {
  const std::size_t n = result.invalid_utf8;
  return {source_path, result.invalid_utf8_line,
          std::to_string(n) +
              (n == 1 ? " invalid UTF-8 sequence replaced" : " invalid UTF-8 sequences replaced")};
}

ReadProblem encoding_note(const ReadResult& result, const std::string& source_path) {
  const bool marked = result.encoding.starts_with("UTF-16");
  return {source_path, 0,
          "read as " + result.encoding + (marked ? " (byte-order mark)" : " (not UTF-8)")};
}

namespace {

bool is_capitals(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// See file_kind in common/reader.hpp: the name up to its first '.' is the
// stem, the stem up to its first '-' or '_' the word.
bool is_documentation_name(std::string_view name) {
  static constexpr std::string_view k_words[] = {"readme", "license", "licence", "copying",
                                                 "changelog"};
  const std::string_view stem = name.substr(0, name.find('.'));
  const std::string_view word = stem.substr(0, stem.find_first_of("-_"));
  const std::string folded = ascii_lower(std::string(word));
  if (std::find(std::begin(k_words), std::end(k_words), folded) == std::end(k_words)) {
    return false;
  }
  return word.size() == stem.size() || is_capitals(word);
}

}  // namespace

bool is_gzip_name(const std::filesystem::path& path) {
  return ascii_lower(path.extension().string()) == ".gz";
}

FileKind file_kind(const std::filesystem::path& path) {
  if (is_documentation_name(path.filename().string())) return FileKind::documentation;
  // "story.txt.gz" is read as "story.txt".
  const std::filesystem::path name = is_gzip_name(path) ? path.stem() : path;
  const std::string ext = ascii_lower(name.extension().string());
  if (ext == ".txt" || ext == ".text") return FileKind::text;
  if (ext == ".jsonl" || ext == ".ndjson") return FileKind::json_lines;
  if (ext == ".json") return FileKind::json;
  if (ext == ".sgm" || ext == ".sgml") return FileKind::reuters_sgml;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return FileKind::html;
  if (ext == ".warc") return FileKind::warc;
  if (ext == ".xml" || ext == ".nitf" || ext == ".newsml" || ext == ".rss" || ext == ".atom") {
    return FileKind::news_xml;
  }
  if (ext == ".csv" || ext == ".tsv") return FileKind::csv;
  return FileKind::unsupported;
}

std::optional<std::string_view> skip_reason(FileKind kind) {
  switch (kind) {
    case FileKind::documentation:
      return k_reason_documentation;
    case FileKind::unsupported:
      return k_reason_unsupported;
    case FileKind::text:
    case FileKind::json_lines:
    case FileKind::json:
    case FileKind::reuters_sgml:
    case FileKind::html:
    case FileKind::warc:
    case FileKind::news_xml:
    case FileKind::csv:
      break;
  }
  return std::nullopt;
}

std::vector<std::string> split_paragraphs(std::string_view text, const BoilerplateSet* learned) {
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    std::string paragraph = collapse_whitespace(current);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
    current.clear();
  };
  for (std::string_view line : split_lines(text)) {
    if (trim(line).empty()) {
      flush();
    } else if (!is_boilerplate_line(line, learned)) {
      current += line;
      current += ' ';
    }
  }
  flush();
  return paragraphs;
}

Article make_article(const RawArticle& raw, std::string_view part, const ReaderContext& context) {
  auto clean = [](const std::string& field) {
    return collapse_whitespace(normalize_text(decode_text(field).text));
  };
  Article article;
  article.source_path = context.source_path;
  article.id = make_article_id(context.source_path, part);
  article.language = context.language;
  article.title = clean(raw.title);
  article.paragraphs =
      split_paragraphs(normalize_text(decode_text(raw.body).text), context.learned_boilerplate);
  article.url = clean(raw.url);
  article.source = clean(raw.source);
  article.author = clean(raw.author);
  article.stated_language = clean(raw.language);
  if (!raw.date.empty()) article.date = parse_date(raw.date);
  if (article.title.empty() && !article.paragraphs.empty()) {
    // No headline: the opening words of the body stand in, cut at a word.
    const std::string& first = article.paragraphs.front();
    std::size_t cut = first.size() <= 80 ? first.size() : first.rfind(' ', 80);
    if (cut == std::string::npos || cut == 0) cut = first.size();
    article.title = first.substr(0, cut);
  }
  return article;
}

std::string without_by(std::string byline) {
  if (byline.size() > 3 && ascii_lower(std::string_view(byline).substr(0, 3)) == "by ") {
    byline.erase(0, 3);
  }
  return byline;
}

FileBytes read_file_bytes(const std::filesystem::path& path, const std::string& source_path) {
  FileBytes result;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > k_max_file_bytes) {
    result.problem =
        ReadProblem{source_path, 0,
                    "file too large (" + std::to_string(size >> 20) + " MiB; the limit is " +
                        std::to_string(k_max_file_bytes >> 20) + " MiB)"};
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.problem = ReadProblem{source_path, 0, "cannot open for reading"};
    return result;
  }
  result.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    result.problem = ReadProblem{source_path, 0, "read error"};
    return result;
  }
  // A gzipped file is inflated here, but for a web archive, whose reader
  // inflates one record at a time. A ".gz" that is not gzip is read as is.
  if (is_gzip_name(path) && file_kind(path) != FileKind::warc && looks_gzipped(result.bytes)) {
    std::vector<GzipProblem> damage;
    std::string inflated = gunzip(result.bytes, k_max_file_bytes + 1, damage);
    if (inflated.size() > k_max_file_bytes) {
      result.problem = ReadProblem{source_path, 0,
                                   "file too large once decompressed (the limit is " +
                                       std::to_string(k_max_file_bytes >> 20) + " MiB)"};
      return result;
    }
    for (const GzipProblem& problem : damage) {
      result.damage.push_back(
          {source_path, 0, "byte " + std::to_string(problem.offset) + ": " + problem.reason});
    }
    result.bytes = std::move(inflated);
  }
  return result;
}

ReadResult parse_content(FileKind kind, std::string_view bytes, const ReaderContext& context) {
  switch (kind) {
    case FileKind::text:
      return parse_text_article(bytes, context);
    case FileKind::json_lines:
      return parse_json_lines(bytes, context);
    case FileKind::json:
      return parse_json_document(bytes, context);
    case FileKind::reuters_sgml:
      return parse_reuters_sgml(bytes, context);
    case FileKind::html:
      return parse_html_page(bytes, context);
    case FileKind::warc:
      return parse_web_archive(bytes, context);
    case FileKind::news_xml:
      return parse_news_xml(bytes, context);
    case FileKind::csv:
      return parse_csv(bytes, context);
    case FileKind::documentation:
    case FileKind::unsupported:
      break;
  }
  ReadResult result;
  result.problems.push_back({context.source_path, 0, std::string(*skip_reason(kind))});
  return result;
}

ReadResult read_file(const std::filesystem::path& path, const ReaderContext& context) {
  const FileKind kind = file_kind(path);
  if (skip_reason(kind)) return parse_content(kind, {}, context);
  FileBytes file = read_file_bytes(path, context.source_path);
  if (file.problem) {
    ReadResult result;
    result.problems.push_back(std::move(*file.problem));
    return result;
  }
  ReadResult result = parse_content(kind, file.bytes, context);
  result.problems.insert(result.problems.begin(), file.damage.begin(), file.damage.end());
  return result;
}

}  // namespace dateline

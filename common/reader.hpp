// Readers turn one file's bytes into Articles. Each format has a parse_*
// function over an in-memory buffer (what the tests drive) and read_file()
// picks one by extension and reads the file.
//
// Problems with the input (an empty file, a bad JSON line, a truncated SGML
// element) are returned as ReadProblem values, never thrown: one bad article
// never stops a run, and the good articles of a file are always kept.
// All functions are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/text.hpp"

namespace dateline {

struct ReadProblem {
  std::string path;
  std::size_t line = 0;  // 1-based; 0 when the problem is the whole file
  std::string reason;

  // "path:line: reason" (or "path: reason"), for a terminal: control
  // characters in the path (a file name may hold any byte but '/') show as
  // '?', so a name cannot drive the terminal.
  std::string to_string() const;
};

struct ReadResult {
  std::vector<Article> articles;
  std::vector<ReadProblem> problems;
  std::size_t invalid_utf8 = 0;  // ill-formed UTF-8 sequences replaced
};

// The reason read_file gives for a file of a kind no reader handles.
inline constexpr std::string_view k_reason_unsupported = "unsupported file type";

enum class FileKind { text, json_lines, json, reuters_sgml, unsupported };

// By extension, case-insensitive: .txt/.text, .jsonl/.ndjson, .json, .sgm/.sgml.
FileKind file_kind(const std::filesystem::path& path);

// What every reader needs to know besides the bytes.
struct ReaderContext {
  std::string source_path;  // as stored in the index and hashed into ids
  std::string language = "english";
  // Boilerplate lines learnt from the corpus, dropped like the built-in
  // ones. REQUIRES: outlives the reading.
  const BoilerplateSet* learned_boilerplate = nullptr;
};

// Plain-text article, the layout scraped news comes in: optional header
// lines ("Date: 2024-03-14", "Published:", "Source:", "Author:", "URL:"),
// boilerplate lines and one- or two-word lines before the headline, the
// headline (the first line of three or more words), then paragraphs
// separated by blank lines, with boilerplate lines dropped. A date missing
// from the headers is taken from the path.
ReadResult parse_text_article(std::string_view bytes, const ReaderContext& context);

// One JSON object per line. Field names accepted (first found wins):
// title|headline, body|text|content|article (a string or an array of
// paragraphs), date|published|publish_date|pubDate|published_at|datePublished,
// url|link, source|publication|site, author|byline|authors. A line that is not
// a JSON object is a problem naming its line; the other lines still count.
ReadResult parse_json_lines(std::string_view bytes, const ReaderContext& context);

// A .json file holding one article object or an array of them.
ReadResult parse_json_document(std::string_view bytes, const ReaderContext& context);

// Reuters-21578 SGML: <REUTERS NEWID="..."> elements with <DATE>, <TITLE> and
// <BODY>. Bytes are latin-1; "&#N;" and the basic named entities are decoded
// and the trailing "Reuter" signature is dropped. An element cut off by the
// end of the file is a problem naming the line it starts on.
ReadResult parse_reuters_sgml(std::string_view bytes, const ReaderContext& context);

// Files larger than this are skipped with a problem rather than read: no
// single news article is that large, and a whole archive dumped into one
// file should be split first.
inline constexpr std::uintmax_t k_max_file_bytes = std::uintmax_t{256} << 20;

struct FileBytes {
  std::string bytes;
  std::optional<ReadProblem> problem;  // set when the file could not be read
};

// The whole content of `path`, or a problem naming `source_path`: cannot
// open, read error, larger than k_max_file_bytes.
FileBytes read_file_bytes(const std::filesystem::path& path, const std::string& source_path);

// Parses `bytes` with the reader for `kind`.
ReadResult parse_content(FileKind kind, std::string_view bytes, const ReaderContext& context);

// Reads `path` and parses it according to file_kind(). A file that cannot
// be read, or of an unsupported kind, gives a problem and no articles.
ReadResult read_file(const std::filesystem::path& path, const ReaderContext& context);

// Builds an Article from raw field values: decodes and normalises the text,
// splits `body` into paragraphs on blank lines, drops boilerplate lines, and
// assigns the id from the context's path and `part`. Shared by the readers.
struct RawArticle {
  std::string title;
  std::string body;
  std::string date;
  std::string url;
  std::string source;
  std::string author;
};
Article make_article(const RawArticle& raw, std::string_view part, const ReaderContext& context);

// Paragraphs of `text` (already normalised): blank-line separated blocks,
// each with its lines joined by spaces and whitespace collapsed; boilerplate
// lines (built-in, or in `learned`) are dropped.
std::vector<std::string> split_paragraphs(std::string_view text,
                                          const BoilerplateSet* learned = nullptr);

}  // namespace dateline

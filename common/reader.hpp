// Readers turn one file's bytes into Articles. Each format has a parse_*
// function over an in-memory buffer (what the tests drive) and read_file()
// picks one by extension and reads the file.
//
// Problems with the input (an empty file, a bad JSON line, a truncated SGML
// element) are returned as ReadProblem values, never thrown: one bad article
// never stops a run, and the good articles of a file are always kept.
// All functions are thread-safe (no shared state beyond html_text.hpp's
// per-thread cache). A parse is linear in the bytes; read_file holds the
// whole file in memory, at most k_max_file_bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/text.hpp"

namespace dateline {

class WarcReader;

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
  // The 1-based line of the first of them (in JSON Lines, of its record);
  // 0 when there are none.
  std::size_t invalid_utf8_line = 0;
  // What a text file was read as when it was not UTF-8 ("Windows-1252",
  // "UTF-16LE", "UTF-16BE": see decode_text in common/text.hpp); empty
  // otherwise.
  std::string encoding;
  // Records of a web archive that are no pages to index, counted by why
  // (verdict_name in common/warc.hpp: "redirects", "records not in HTML").
  std::map<std::string, std::size_t> records_skipped;
};

// What a run says of a file whose ill-formed UTF-8 was replaced:
// "path:LINE: N invalid UTF-8 sequences replaced" through to_string().
// Not a problem: the file's articles are all kept.
// REQUIRES: result.invalid_utf8 > 0.
ReadProblem invalid_utf8_note(const ReadResult& result, const std::string& source_path);

// What a run says of a text file that was not UTF-8: "path: read as
// Windows-1252 (not UTF-8)", or "... as UTF-16LE (byte-order mark)". Not a
// problem either. REQUIRES: !result.encoding.empty().
ReadProblem encoding_note(const ReadResult& result, const std::string& source_path);

// The reasons read_file gives for a file it does not read: a kind no reader
// handles, or a project's documentation left in an archive folder.
inline constexpr std::string_view k_reason_unsupported = "unsupported file type";
inline constexpr std::string_view k_reason_documentation = "documentation file, not an article";

enum class FileKind {
  text,
  json_lines,
  json,
  reuters_sgml,
  html,
  warc,
  news_xml,
  csv,
  documentation,
  unsupported
};

// By name: documentation first, then by extension, case-insensitive:
// .txt/.text, .jsonl/.ndjson, .json, .sgm/.sgml, .html/.htm/.xhtml, .warc,
// .xml/.nitf/.newsml/.rss/.atom, .csv/.tsv;
// any of them with ".gz" after it is the same kind, gzipped (is_gzip_name).
//
// Documentation is a file named for a software project's notes, whatever
// its extension: README, LICENSE, LICENCE, COPYING or CHANGELOG, in any case
// ("readme.txt", "License.md", "ChangeLog"), or in capitals with a suffix
// ("LICENSE-MIT", "README_fr.md"). The words are ones no story's file is
// named for; a lower-case "license-fees.txt" is a slug and is read.
// AUTHORS, NOTICE, NEWS, CHANGES, HISTORY, INSTALL, THANKS and the like are
// not documentation here: they are ordinary words that a story's file may
// be named ("notice.txt"), and reading a stray NOTICE as an article costs
// one odd result where skipping a story would lose it.
FileKind file_kind(const std::filesystem::path& path);

// Whether the name ends in ".gz" (any case): read_file_bytes inflates the
// content (a web archive inflates record by record as it is read).
bool is_gzip_name(const std::filesystem::path& path);

// Why a file of `kind` is skipped unread (k_reason_unsupported,
// k_reason_documentation), or nullopt for a kind a reader handles.
std::optional<std::string_view> skip_reason(FileKind kind);

// What every reader needs to know besides the bytes.
struct ReaderContext {
  std::string source_path;  // as stored in the index and hashed into ids
  std::string language = "english";
  // Boilerplate lines learnt from the corpus, dropped like the built-in
  // ones. REQUIRES: outlives the reading.
  const BoilerplateSet* learned_boilerplate = nullptr;
};

// Every reader decodes HTML character references ("&eacute;", "&#8217;")
// with decode_character_references (common/html_text.hpp) before the text
// is normalised, once per field.

// Plain-text article, the layout scraped news comes in: optional header
// lines ("Date: 2024-03-14", "Published:", "Title:", "Headline:",
// "Source:", "Author:", "Byline:", "URL:"), boilerplate lines and one- or
// two-word lines before the headline, the headline (the Title: header's,
// else the first line of three or more words, or a two-word line standing
// alone above a paragraph of prose: see is_short_headline in
// reader_txt.cpp), under it and before the
// first paragraph more (short) header lines, a byline ("By Jean Dupont") or a date
// alone on its line, then paragraphs separated by blank lines, with
// boilerplate lines dropped. The first date and title stand; a date missing
// from the headers is taken from the path. Text is decoded by decode_text
// (common/text.hpp).
ReadResult parse_text_article(std::string_view bytes, const ReaderContext& context);

// One JSON object per line. Field names accepted (first found wins):
// title|headline, body|text|content|article (a string or an array of
// paragraphs), date|published|publish_date|pubDate|published_at|datePublished,
// url|link, source|publication|site, author|byline|authors, and those of
// news-please and the NewsAPI, New York Times and Guardian APIs (the lists
// in reader_json.cpp; the Guardian's "fields" object is read too). An
// object value stands for its "name", "rendered", "main" or "original"
// string; HTML markup in a field is rendered as text (html_block_text); a
// numeric date is Unix time (seconds or milliseconds). An object with no
// title or body that wraps one in "_source" (an Elasticsearch export)
// stands for it. A line that is not a JSON object is a problem naming its
// line; the other lines still count.
// An article's id follows its url or id field as the file spells it, with
// any references undecoded, so that ids stay those of earlier runs.
ReadResult parse_json_lines(std::string_view bytes, const ReaderContext& context);

// A .json file holding one article object, an array of them, or an API's
// response with a list of them (the first array, breadth-first to three
// levels down, that holds an article: NewsAPI's "articles", the New York
// Times' "response.docs", the Guardian's "response.results", a search
// engine's "hits.hits"). Objects are read as by parse_json_lines.
ReadResult parse_json_document(std::string_view bytes, const ReaderContext& context);

// A table of articles, one per row, as spreadsheets and data sets export
// them (Kaggle's news dumps, a newsroom's CMS export): the first row names
// the columns, matched without case to the field names of
// common/article_fields.hpp (title, body/text/content/article, date, url,
// id, source/publication, author, language); the others are ignored. The
// delimiter is the header's most frequent of comma, semicolon, tab and
// bar; fields may be quoted, with doubled quotes and line breaks inside
// (parsed by libcsv). Text is decoded by decode_text and a cell's markup
// rendered as the JSON reader renders a field (feed_field_text). An
// article's id follows its url, else its id column, else its row number.
// Problems name the line a row starts on: a row with neither title nor
// body, a quoted field never closed; a header with no title or body column
// is one problem listing the header's names.
ReadResult parse_csv(std::string_view bytes, const ReaderContext& context);

// Reuters-21578 SGML: <REUTERS NEWID="..."> elements with <DATE>, <TITLE> and
// <BODY>. Bytes are latin-1; character references are decoded and the
// trailing "Reuter" signature is dropped. An element cut off by the
// end of the file is a problem naming the line it starts on.
ReadResult parse_reuters_sgml(std::string_view bytes, const ReaderContext& context);

// A saved web page: one article, its text and metadata found by
// extract_html_article (common/html_article.hpp): the headline, the body's
// paragraphs (headings and list items among them), the publication date
// (else the path's), the authors (joined by "; "), the site's name as the
// source, the canonical URL. A page with no text that reads as an article
// is a problem, "no article text found". The id is the path's alone, as
// for a .txt file.
ReadResult parse_html_page(std::string_view bytes, const ReaderContext& context);

// One web page's article, as parse_html_page reads a page: `bytes` in the
// charset `declared` (a server's Content-Type charset; may be empty), else
// the one a byte-order mark or the page's own <meta> names, else UTF-8
// when the bytes are valid UTF-8, else Windows-1252 (HTML's default);
// `url` (where the page was fetched: a web archive's record) is the
// article's URL when given, else the page's canonical URL; `date` stands
// in for a publication date the page does not give; `part` names the
// article in its file (the id). nullopt when the page holds no article
// text.
// Replaced ill-formed bytes are added to `result`'s invalid_utf8 count.
std::optional<Article> web_page_article(std::string_view bytes, std::string_view declared,
                                        std::string_view url, std::string_view date,
                                        std::string_view part, const ReaderContext& context,
                                        ReadResult& result);

// A web archive (WARC 1.0 or 1.1, plain or gzipped record by record: common/warc.hpp):
// one article per HTML page it holds (response records with a 2xx status,
// resource records), read as web_page_article reads a page, its URL the
// record's WARC-Target-URI (and its id's part; the page's canonical URL
// only where the record names none), its date the page's or else the
// record's WARC-Date. The other records are counted in
// `records_skipped`; damage is a problem naming its byte offset
// ("byte 5120: ..."), and the records after it are still read.
ReadResult parse_web_archive(std::string_view bytes, const ReaderContext& context);

// A web page of an archive, not yet read for its article: what
// web_page_article needs, and where its record starts (for problems).
struct ArchivedPage {
  std::string html;
  std::string charset;
  std::string url;
  std::string date;
  std::uint64_t offset = 0;
};

// The article of an archived page, as parse_web_archive reads it (the
// URL its id's part); nullopt, with a problem naming the page's offset and
// URL added to `result`, when the page holds no article text.
std::optional<Article> archived_page_article(const ArchivedPage& page, const ReaderContext& context,
                                             ReadResult& result);

// A web archive's pages read as a stream, a few at a time: memory holds
// one record and the pages not yet taken, whatever the archive's size. The
// pages are read for their articles by archived_page_article, which
// another thread may do. Not thread-safe.
class WebArchiveStream {
 public:
  // REQUIRES: `in` (seekable, for a gzip file's damage to be skipped) and
  // `context` outlive the stream.
  WebArchiveStream(std::istream& in, const ReaderContext& context);
  ~WebArchiveStream();
  WebArchiveStream(const WebArchiveStream&) = delete;
  WebArchiveStream& operator=(const WebArchiveStream&) = delete;

  // Up to `most` more pages; fewer only at the end of the archive.
  std::vector<ArchivedPage> next(std::size_t most);

  // What the reading met so far: damage and records skipped.
  const ReadResult& tally() const { return m_tally; }

 private:
  std::unique_ptr<WarcReader> m_reader;
  const ReaderContext& m_context;
  ReadResult m_tally;
};

// News agency XML, by its root element: NITF 3.x (<nitf>: headline from
// body.head/hedline/hl1 else head/title, paragraphs of body.content, or of
// its "full_text" block where the New York Times corpus writes one, date
// from pubdata's date.publication else docdata's date.issue or
// date.release, byline without "By ", source pubdata's name, URL its
// ex-ref, id part docdata's doc-id), RCV1's NewsML (<newsitem>: headline,
// text/p, date, byline, itemid, dc.publisher) and NewsML 1 (<NewsML>: an
// article per NewsItem, its HeadLine and its DataContent's NITF or
// paragraphs), and feeds: RSS 2.0 and 1.0 (an article per item: title,
// link, content:encoded else description, pubDate or dc:date, dc:creator
// or author, guid; the channel's title the source) and Atom (an article
// per entry: title, the alternate link, content else summary, published
// else updated, the authors' names, id; the feed's title the source), their
// escaped HTML rendered as text. Other XML is a problem naming its root
// element. Malformed
// XML is a problem naming the line of its first error; what libxml2's
// recovery reads of it is still kept. No DTD or entity is ever fetched.
ReadResult parse_news_xml(std::string_view bytes, const ReaderContext& context);

// Files larger than this are skipped with a problem rather than read: no
// single news article is that large, and a whole archive dumped into one
// file should be split first.
inline constexpr std::uintmax_t k_max_file_bytes = std::uintmax_t{256} << 20;

struct FileBytes {
  std::string bytes;
  std::optional<ReadProblem> problem;  // set when the file could not be read
  // Damage met inflating a gzipped file ("byte 4096: truncated gzip
  // member"): reported, and what could be read is kept.
  std::vector<ReadProblem> damage;
};

// The whole content of `path`, or a problem naming `source_path`: cannot
// open, read error, larger than k_max_file_bytes.
FileBytes read_file_bytes(const std::filesystem::path& path, const std::string& source_path);

// Parses `bytes` with the reader for `kind`.
ReadResult parse_content(FileKind kind, std::string_view bytes, const ReaderContext& context);

// Reads `path` and parses it according to file_kind(). A file that cannot
// be read, or of a kind skip_reason() names, gives a problem and no
// articles (the latter without being opened).
ReadResult read_file(const std::filesystem::path& path, const ReaderContext& context);

// Builds an Article from raw field values: decodes and normalises the text,
// splits `body` into paragraphs on blank lines, drops boilerplate lines, and
// assigns the id from the context's path and `part`. Shared by the readers.
// Character references are the reader's to decode, before: a .txt file's
// are decoded in the whole text, before its headers and headline are found.
struct RawArticle {
  std::string title;
  std::string body;
  std::string date;
  std::string url;
  std::string source;
  std::string author;
  std::string language;  // as the source states it ("en-GB", "fr"); empty: not stated
};
Article make_article(const RawArticle& raw, std::string_view part, const ReaderContext& context);

// A byline without the "By " it opens with, in any case ("By Ann Lee",
// "BY JOHN DOE"): the name, for RawArticle::author.
std::string without_by(std::string byline);

// Paragraphs of `text` (already normalised): blank-line separated blocks,
// each with its lines joined by spaces and whitespace collapsed; boilerplate
// lines (built-in, or in `learned`) are dropped.
std::vector<std::string> split_paragraphs(std::string_view text,
                                          const BoilerplateSet* learned = nullptr);

}  // namespace dateline

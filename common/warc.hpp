// Web archives: WARC 1.0 and 1.1 files (ISO 28500), as wget, Heritrix,
// warcio and Common Crawl write them, plain (".warc") or with each record a
// gzip member of its own (".warc.gz", common/gzip_stream.hpp).
//
// WarcReader walks the records by the format's own framing: a "WARC/1.x"
// line, header fields, a blank line, Content-Length bytes of content, then
// a blank line. It streams: memory holds one record at a time (records
// larger than k_max_warc_block are skipped unread, their headers kept),
// whatever the file's size. Damage is reported with the record's byte
// offset and reading goes on: a record whose Content-Length does not end
// at a record boundary is dropped and the next "WARC/1." line after its
// headers is where reading resumes; a damaged gzip member is skipped.
//
// page_of() then decides whether a record is a web page to index: a
// `response` whose HTTP status is 2xx and whose content is HTML, or a
// `resource` of HTML, with the HTTP headers parsed (status, content type,
// charset, chunked transfer and gzip or deflate content encoding undone).
//
// Not thread-safe: one WarcReader per thread; page_of() is pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

class GzipStream;

// Records with more content than this are skipped unread: no web page is
// that large, and a multi-gigabyte archive must not be held in memory.
inline constexpr std::uint64_t k_max_warc_block = std::uint64_t{32} << 20;

struct WarcRecord {
  // Where the record starts: its byte offset in a plain file, the offset of
  // its gzip member in a compressed one (what CDX indexes record).
  std::uint64_t offset = 0;
  std::string version;       // "WARC/1.0", "WARC/1.1"
  std::string type;          // WARC-Type, lower case: "response", "request"...
  std::string target_uri;    // WARC-Target-URI, without angle brackets
  std::string date;          // WARC-Date as written ("2016-07-15T10:04:31Z")
  std::string record_id;     // WARC-Record-ID
  std::string content_type;  // the record's Content-Type
  std::uint64_t length = 0;  // Content-Length
  std::string block;         // the content; empty when skipped (oversized)
  bool oversized = false;    // length > k_max_warc_block: block not read
};

// Damage in a WARC file: where (as WarcRecord::offset) and what.
struct WarcProblem {
  std::uint64_t offset = 0;
  std::string reason;
};

class WarcReader {
 public:
  // Reads `in` (must outlive the reader; seekable for a gzip file's damage
  // to be skipped). Gzip is recognised by its magic bytes, not the name.
  explicit WarcReader(std::istream& in);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record, or nullopt at the end of the file.
  std::optional<WarcRecord> next();

  // The damage met so far, in file order; returns and clears the list.
  std::vector<WarcProblem> take_problems();

 private:
  bool fill(std::size_t wanted);
  std::uint64_t offset_at(std::size_t position) const;
  void consume(std::size_t count);
  bool resync(std::size_t from);
  void note(std::size_t position, std::string reason);

  std::istream& m_in;
  std::unique_ptr<GzipStream> m_gzip;
  std::string m_buffer;          // bytes read and not yet consumed
  std::uint64_t m_consumed = 0;  // decompressed bytes consumed before m_buffer[0]
  // Where the bytes of m_buffer came from: (buffer position, offset of
  // that byte in a plain file or of its member in a gzip file), ascending.
  std::vector<std::pair<std::size_t, std::uint64_t>> m_marks;
  bool m_eof = false;
  std::vector<WarcProblem> m_problems;
};

// Why a record is or is not a page to index.
enum class WarcVerdict {
  page,          // a response or resource holding HTML
  not_response,  // warcinfo, request, metadata, revisit, conversion...
  not_html,      // a response of another content type (image, PDF, JSON...)
  redirect,      // HTTP 3xx
  error_status,  // HTTP 4xx, 5xx, or a status line that does not parse
  oversized,     // content larger than k_max_warc_block
};

// A web page taken from a record.
struct WarcPage {
  std::string url;      // WARC-Target-URI
  std::string date;     // WARC-Date
  std::string charset;  // from the HTTP Content-Type, lower case; may be empty
  std::string html;     // the page's bytes, transfer and content encodings undone
};

// What `record` is, and the page when it is one (`page` is set only then).
WarcVerdict page_of(const WarcRecord& record, WarcPage& page);

// The name of a verdict for counts in reports ("request or metadata
// records", "not HTML"...).
std::string_view verdict_name(WarcVerdict verdict);

}  // namespace dateline

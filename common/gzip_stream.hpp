// Gzip data read as a stream, with zlib: compressed files of any format
// (".txt.gz", ".jsonl.gz", ".html.gz") and web archives (".warc.gz", where
// each record is a gzip member of its own).
//
// A gzip file may hold several members one after another (RFC 1952; `cat
// a.gz b.gz` is one valid file); all are read in turn. Damage never ends a
// read early when more can be read: a member whose data is corrupt is
// reported with the byte offset where it starts, and reading goes on at
// the next member's header found after it. A file that ends inside a
// member is reported as truncated; what was decoded before stays read.
//
// Memory is bounded (zlib's window and a 64 KiB input buffer), whatever
// the file's size. Not thread-safe: one GzipStream per thread.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// Damage found in compressed input: where (a byte offset in the compressed
// input: the start of the damaged member) and what.
struct GzipProblem {
  std::uint64_t offset = 0;
  std::string reason;
};

class GzipStream {
 public:
  // Reads from `in`, which must outlive the stream. Seeking `in` back (to
  // look for the next member after damage) needs a seekable stream, such as
  // a file; on one that is not, reading stops at the damage.
  explicit GzipStream(std::istream& in);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  // Up to `size` decompressed bytes into `out`; 0 only at the end of the
  // input. One call never returns bytes of two members, so member_offset()
  // names the member the bytes came from.
  std::size_t read(char* out, std::size_t size);

  // The offset in the compressed input of the member that the bytes of
  // the last read() came from.
  std::uint64_t member_offset() const { return m_member_offset; }

  // The damage met so far, in input order; returns and clears the list.
  std::vector<GzipProblem> take_problems();

 private:
  bool refill();
  std::uint64_t input_offset() const;
  void skip_to_next_member(std::uint64_t after);

  std::istream& m_in;
  z_stream m_zlib{};
  std::vector<unsigned char> m_buffer;
  std::uint64_t m_buffer_offset = 0;  // input offset of m_buffer[0]
  std::uint64_t m_member_offset = 0;
  bool m_in_member = false;
  bool m_done = false;
  std::vector<GzipProblem> m_problems;
};

// Whether `bytes` open with gzip's magic number and deflate's method byte.
bool looks_gzipped(std::string_view bytes);

// `text` as one gzip member, as gzip(1) writes it (a .warc.gz holds one
// per record): for tests and benchmarks that make gzipped input.
std::string gzip_member(std::string_view text);

// The decompressed content of `compressed` (all its members), at most
// `max_bytes` of it. `problems` receives the damage met, and one problem
// when the content is cut at `max_bytes`.
std::string gunzip(std::string_view compressed, std::size_t max_bytes,
                   std::vector<GzipProblem>& problems);

}  // namespace dateline

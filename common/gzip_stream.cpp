#include "common/gzip_stream.hpp"

#include <algorithm>
#include <sstream>

#include "common/error.hpp"

namespace dateline {
namespace {

constexpr std::size_t k_input_buffer = 64 * 1024;

// zlib's window bits for gzip framing only (15 bits of window, +16).
constexpr int k_gzip_window = 15 + 16;

}  // namespace

GzipStream::GzipStream(std::istream& in) : m_in(in), m_buffer(k_input_buffer) {
  m_zlib.next_in = m_buffer.data();
  m_zlib.avail_in = 0;
  if (inflateInit2(&m_zlib, k_gzip_window) != Z_OK) throw Error("zlib: cannot start inflating");
}

GzipStream::~GzipStream() { inflateEnd(&m_zlib); }

std::uint64_t GzipStream::input_offset() const {
  return m_buffer_offset + static_cast<std::uint64_t>(m_zlib.next_in - m_buffer.data());
}

bool GzipStream::refill() {
  m_buffer_offset = input_offset();
  m_in.read(reinterpret_cast<char*>(m_buffer.data()),
            static_cast<std::streamsize>(m_buffer.size()));
  m_zlib.next_in = m_buffer.data();
  m_zlib.avail_in = static_cast<uInt>(m_in.gcount());
  return m_zlib.avail_in > 0;
}

// Positions the input at the first gzip header after offset `after`, or
// at its end when there is none.
void GzipStream::skip_to_next_member(std::uint64_t after) {
  m_in.clear();
  m_in.seekg(static_cast<std::streamoff>(after));
  if (!m_in) {
    m_done = true;  // not seekable: stop at the damage
    return;
  }
  m_buffer_offset = after;
  m_zlib.next_in = m_buffer.data();
  m_zlib.avail_in = 0;
  static constexpr unsigned char k_magic[3] = {0x1f, 0x8b, 0x08};
  std::size_t kept = 0;  // bytes carried over so a header split by a refill is found
  while (true) {
    m_in.read(reinterpret_cast<char*>(m_buffer.data() + kept),
              static_cast<std::streamsize>(m_buffer.size() - kept));
    const std::size_t size = kept + static_cast<std::size_t>(m_in.gcount());
    const auto end = m_buffer.begin() + static_cast<std::ptrdiff_t>(size);
    const auto found = std::search(m_buffer.begin(), end, k_magic, k_magic + 3);
    if (found != end) {
      m_zlib.next_in = &*found;
      m_zlib.avail_in = static_cast<uInt>(end - found);
      return;
    }
    if (m_in.gcount() == 0) {
      m_buffer_offset += size;
      m_zlib.next_in = m_buffer.data();
      m_zlib.avail_in = 0;
      m_done = true;
      return;
    }
    kept = std::min<std::size_t>(2, size);
    std::copy(end - static_cast<std::ptrdiff_t>(kept), end, m_buffer.begin());
    m_buffer_offset += size - kept;
  }
}

std::size_t GzipStream::read(char* out, std::size_t size) {
  while (!m_done && size > 0) {
    if (m_zlib.avail_in == 0 && !refill()) {
      if (m_in_member) {
        m_problems.push_back({m_member_offset, "truncated gzip member: the file ends inside it"});
      }
      m_done = true;
      return 0;
    }
    if (!m_in_member) {
      m_member_offset = input_offset();
      inflateReset(&m_zlib);
      m_in_member = true;
    }
    m_zlib.next_out = reinterpret_cast<Bytef*>(out);
    m_zlib.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
    const uInt before = m_zlib.avail_out;
    const int status = inflate(&m_zlib, Z_NO_FLUSH);
    const std::size_t produced = before - m_zlib.avail_out;
    if (status == Z_STREAM_END) {
      m_in_member = false;
      if (produced > 0) return produced;
      continue;
    }
    if (status == Z_OK || status == Z_BUF_ERROR) {
      if (produced > 0) return produced;
      continue;
    }
    // Z_DATA_ERROR, Z_NEED_DICT, Z_MEM_ERROR: this member is damaged.
    std::string reason = "damaged gzip member";
    if (m_zlib.msg != nullptr) reason += std::string(": ") + m_zlib.msg;
    m_problems.push_back({m_member_offset, std::move(reason)});
    m_in_member = false;
    skip_to_next_member(m_member_offset + 1);
    if (produced > 0) return produced;
  }
  return 0;
}

std::vector<GzipProblem> GzipStream::take_problems() {
  std::vector<GzipProblem> problems;
  problems.swap(m_problems);
  return problems;
}

std::string gzip_member(std::string_view text) {
  z_stream zlib{};
  if (deflateInit2(&zlib, Z_DEFAULT_COMPRESSION, Z_DEFLATED, k_gzip_window, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Error("zlib: cannot start deflating");
  }
  std::string out(deflateBound(&zlib, static_cast<uLong>(text.size())) + 32, '\0');
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zlib.avail_in = static_cast<uInt>(text.size());
  zlib.next_out = reinterpret_cast<Bytef*>(out.data());
  zlib.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&zlib, Z_FINISH);
  out.resize(zlib.total_out);
  deflateEnd(&zlib);
  if (status != Z_STREAM_END) throw Error("zlib: deflate did not finish");
  return out;
}

bool looks_gzipped(std::string_view bytes) {
  return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b && bytes[2] == 0x08;
}

std::string gunzip(std::string_view compressed, std::size_t max_bytes,
                   std::vector<GzipProblem>& problems) {
  std::istringstream in{std::string(compressed)};
  GzipStream stream(in);
  std::string out;
  char buffer[64 * 1024];
  while (const std::size_t got = stream.read(buffer, sizeof buffer)) {
    if (out.size() + got > max_bytes) {
      out.append(buffer, max_bytes - out.size());
      problems.push_back({stream.member_offset(), "decompressed content larger than " +
                                                      std::to_string(max_bytes) +
                                                      " bytes: the rest is not read"});
      break;
    }
    out.append(buffer, got);
  }
  std::vector<GzipProblem> met = stream.take_problems();
  problems.insert(problems.begin(), met.begin(), met.end());
  return out;
}

}  // namespace dateline

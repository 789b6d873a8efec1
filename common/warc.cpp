#include "common/warc.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/gzip_stream.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

constexpr std::size_t k_read_size = 64 * 1024;
// A record's header fields fit in this; more is no WARC header.
constexpr std::size_t k_max_header = 64 * 1024;
constexpr std::string_view k_version_prefix = "WARC/1.";

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Where the header block that opens `text` ends (after its blank line),
// or npos when `text` does not hold all of it.
std::size_t header_end(std::string_view text) {
  const std::size_t crlf = text.find("\r\n\r\n");
  const std::size_t lf = text.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf < lf))
    return crlf + 4;
  return lf + 2;
}

// The header fields of a block (after its first line), as (lower-case name,
// value); a line that starts with a blank continues the one before.
std::vector<std::pair<std::string, std::string>> header_fields(std::string_view block) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t at = block.find('\n');
  while (at != std::string_view::npos && at + 1 < block.size()) {
    const std::size_t begin = at + 1;
    at = block.find('\n', begin);
    const std::string_view line =
        block.substr(begin, (at == std::string_view::npos ? block.size() : at) - begin);
    if (trim_spaces(line).empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
      fields.back().second += ' ';
      fields.back().second += trim_spaces(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fields.emplace_back(ascii_lower(trim_spaces(line.substr(0, colon))),
                        std::string(trim_spaces(line.substr(colon + 1))));
  }
  return fields;
}

std::string field(const std::vector<std::pair<std::string, std::string>>& fields,
                  std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::uint64_t> parse_length(std::string_view text) {
  text = trim_spaces(text);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

WarcReader::WarcReader(std::istream& in) : m_in(in) {
  const int first = m_in.peek();
  if (first == 0x1f) m_gzip = std::make_unique<GzipStream>(m_in);
}

WarcReader::~WarcReader() = default;

bool WarcReader::fill(std::size_t wanted) {
  while (m_buffer.size() < wanted && !m_eof) {
    const std::size_t at = m_buffer.size();
    m_buffer.resize(at + k_read_size);
    std::size_t got = 0;
    if (m_gzip) {
      got = m_gzip->read(m_buffer.data() + at, k_read_size);
      if (got > 0) m_marks.emplace_back(at, m_gzip->member_offset());
      for (GzipProblem& problem : m_gzip->take_problems()) {
        m_problems.push_back({problem.offset, std::move(problem.reason)});
      }
    } else {
      m_in.read(m_buffer.data() + at, static_cast<std::streamsize>(k_read_size));
      got = static_cast<std::size_t>(m_in.gcount());
    }
    m_buffer.resize(at + got);
    if (got == 0) m_eof = true;
  }
  return m_buffer.size() >= wanted;
}

std::uint64_t WarcReader::offset_at(std::size_t position) const {
  if (!m_gzip) return m_consumed + position;
  auto it = std::upper_bound(m_marks.begin(), m_marks.end(), position,
                             [](std::size_t p, const auto& mark) { return p < mark.first; });
  return it == m_marks.begin() ? 0 : std::prev(it)->second;
}

void WarcReader::consume(std::size_t count) {
  count = std::min(count, m_buffer.size());
  m_buffer.erase(0, count);
  m_consumed += count;
  // Keep the mark that covers the new first byte, moved to 0.
  auto covering = std::upper_bound(m_marks.begin(), m_marks.end(), count,
                                   [](std::size_t p, const auto& mark) { return p < mark.first; });
  if (covering != m_marks.begin()) --covering;
  m_marks.erase(m_marks.begin(), covering);
  for (auto& mark : m_marks) mark.first = mark.first > count ? mark.first - count : 0;
}

void WarcReader::note(std::size_t position, std::string reason) {
  m_problems.push_back({offset_at(position), std::move(reason)});
}

// Drops the bytes before the next line at or after `from` that opens a
// record ("WARC/1."); false when the file ends first.
bool WarcReader::resync(std::size_t from) {
  const std::string marker = "\n" + std::string(k_version_prefix);
  std::size_t search = from > 0 ? from - 1 : 0;
  while (true) {
    const std::size_t found = m_buffer.find(marker, search);
    if (found != std::string::npos) {
      consume(found + 1);
      return true;
    }
    if (m_eof) {
      consume(m_buffer.size());
      return false;
    }
    // Keep only a tail that may hold the start of the marker.
    const std::size_t keep = std::min(m_buffer.size(), marker.size());
    consume(m_buffer.size() - keep);
    search = 0;
    fill(m_buffer.size() + k_read_size);
  }
}

std::optional<WarcRecord> WarcReader::next() {
  while (true) {
    // Blank lines between records.
    while (fill(1) && (m_buffer.front() == '\r' || m_buffer.front() == '\n')) consume(1);
    if (m_buffer.empty()) return std::nullopt;
    fill(k_version_prefix.size());
    if (!m_buffer.starts_with(k_version_prefix)) {
      note(0, "no WARC record starts here: skipped to the next one");
      if (!resync(1)) return std::nullopt;
      continue;
    }
    std::size_t headers = header_end(m_buffer);
    while (headers == std::string::npos && m_buffer.size() < k_max_header && !m_eof) {
      fill(m_buffer.size() + k_read_size);
      headers = header_end(m_buffer);
    }
    if (headers == std::string::npos) {
      note(0, m_eof ? "record cut off by the end of the file" : "record header too long");
      if (!resync(1)) return std::nullopt;
      continue;
    }
    const std::string_view head = std::string_view(m_buffer).substr(0, headers);
    const auto fields = header_fields(head);
    WarcRecord record;
    record.offset = offset_at(0);
    record.version = std::string(trim_spaces(head.substr(0, head.find('\n'))));
    record.type = ascii_lower(field(fields, "warc-type"));
    record.target_uri = field(fields, "warc-target-uri");
    if (record.target_uri.size() >= 2 && record.target_uri.front() == '<' &&
        record.target_uri.back() == '>') {
      record.target_uri = record.target_uri.substr(1, record.target_uri.size() - 2);
    }
    record.date = field(fields, "warc-date");
    record.record_id = field(fields, "warc-record-id");
    record.content_type = field(fields, "content-type");
    const std::optional<std::uint64_t> length = parse_length(field(fields, "content-length"));
    if (!length) {
      note(0, "record without a valid Content-Length: skipped");
      if (!resync(headers)) return std::nullopt;
      continue;
    }
    record.length = *length;
    record.oversized = *length > k_max_warc_block;
    std::size_t after = 0;  // the block's end, in the buffer
    if (record.oversized) {
      // Stream past the content without holding it.
      consume(headers);
      std::uint64_t left = *length;
      while (left > 0 && fill(1)) {
        const std::size_t step =
            static_cast<std::size_t>(std::min<std::uint64_t>(left, m_buffer.size()));
        consume(step);
        left -= step;
      }
      if (left > 0) {
        m_problems.push_back({record.offset, "record cut off by the end of the file"});
        return std::nullopt;
      }
    } else {
      after = headers + static_cast<std::size_t>(*length);
      if (!fill(after)) {
        m_problems.push_back(
            {record.offset, "record cut off by the end of the file (Content-Length " +
                                std::to_string(*length) + ")"});
        consume(m_buffer.size());
        return std::nullopt;
      }
    }
    // The block ends at a record boundary: line breaks, then another
    // record or the end of the file.
    fill(after + 4 + k_version_prefix.size());
    std::size_t next = after;
    while (next < m_buffer.size() && next < after + 4 &&
           (m_buffer[next] == '\r' || m_buffer[next] == '\n')) {
      ++next;
    }
    const bool boundary =
        next > after && (next == m_buffer.size() ||
                         std::string_view(m_buffer).substr(next).starts_with(k_version_prefix));
    if (!boundary) {
      m_problems.push_back(
          {record.offset, "Content-Length " + std::to_string(*length) +
                              " does not end at a record boundary: record skipped"});
      if (record.oversized) {
        if (!resync(0)) return std::nullopt;
      } else if (!resync(headers)) {
        return std::nullopt;
      }
      continue;
    }
    if (!record.oversized) record.block = m_buffer.substr(headers, after - headers);
    consume(next);
    return record;
  }
}

std::vector<WarcProblem> WarcReader::take_problems() {
  std::vector<WarcProblem> problems;
  problems.swap(m_problems);
  return problems;
}

namespace {

// The media type (lower case) and charset of a Content-Type value.
std::pair<std::string, std::string> media_type(std::string_view value) {
  const std::size_t semicolon = value.find(';');
  std::string type = ascii_lower(trim_spaces(value.substr(0, semicolon)));
  std::string charset;
  const std::string rest =
      ascii_lower(semicolon == std::string_view::npos ? "" : value.substr(semicolon));
  const std::size_t at = rest.find("charset=");
  if (at != std::string::npos) {
    std::string_view name = std::string_view(rest).substr(at + 8);
    name = name.substr(0, name.find(';'));
    name = trim_spaces(name);
    if (name.size() >= 2 && (name.front() == '"' || name.front() == '\'')) {
      name = name.substr(1, name.size() - 2);
    }
    charset = std::string(name);
  }
  return {std::move(type), std::move(charset)};
}

bool is_html_type(const std::string& type) {
  return type == "text/html" || type == "application/xhtml+xml";
}

// `body` sent with chunked transfer coding, decoded; as it is when it does
// not parse as chunks.
std::string dechunk(std::string_view body) {
  std::string out;
  std::size_t at = 0;
  while (at < body.size()) {
    const std::size_t line_end = body.find('\n', at);
    if (line_end == std::string_view::npos) return std::string(body);
    std::string_view size_text = trim_spaces(body.substr(at, line_end - at));
    size_text = size_text.substr(0, size_text.find(';'));
    std::size_t size = 0;
    const auto [end, error] =
        std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (error != std::errc() || end != size_text.data() + size_text.size())
      return std::string(body);
    if (size == 0) return out;
    at = line_end + 1;
    if (at + size > body.size()) return out + std::string(body.substr(at));
    out.append(body.substr(at, size));
    at += size;
    while (at < body.size() && (body[at] == '\r' || body[at] == '\n')) ++at;
  }
  return out;
}

// `data` inflated with zlib's framing `window_bits` (15: zlib, -15: raw
// deflate), at most `max` bytes; nullopt when it does not inflate.
std::optional<std::string> inflate_all(std::string_view data, int window_bits, std::size_t max) {
  z_stream zlib{};
  if (inflateInit2(&zlib, window_bits) != Z_OK) return std::nullopt;
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zlib.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[64 * 1024];
  int status = Z_OK;
  while (status == Z_OK && out.size() < max) {
    zlib.next_out = reinterpret_cast<Bytef*>(buffer);
    zlib.avail_out = sizeof buffer;
    status = inflate(&zlib, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - zlib.avail_out);
    if (status == Z_BUF_ERROR && zlib.avail_in == 0) break;  // cut short: keep what came
  }
  inflateEnd(&zlib);
  if (status != Z_STREAM_END && status != Z_OK && !(status == Z_BUF_ERROR && !out.empty())) {
    return std::nullopt;
  }
  return out;
}

// The body as the server meant it: content encoding undone (gzip, deflate);
// as sent when it does not decode.
std::string decode_content(std::string body, const std::string& encoding) {
  if (encoding == "gzip" || encoding == "x-gzip") {
    std::vector<GzipProblem> problems;
    std::string out = gunzip(body, static_cast<std::size_t>(k_max_warc_block), problems);
    return out.empty() && !problems.empty() ? body : out;
  }
  if (encoding == "deflate") {
    if (auto out = inflate_all(body, 15, k_max_warc_block)) return *out;
    if (auto out = inflate_all(body, -15, k_max_warc_block)) return *out;
  }
  return body;
}

}  // namespace

WarcVerdict page_of(const WarcRecord& record, WarcPage& page) {
  if (record.type != "response" && record.type != "resource") return WarcVerdict::not_response;
  if (record.oversized) return WarcVerdict::oversized;
  WarcPage found;
  found.url = record.target_uri;
  found.date = record.date;
  // A response holds the HTTP response: status line, headers, body. A
  // resource, and a response some crawlers store without its HTTP head,
  // holds the body alone, typed by the record.
  const std::string_view block = record.block;
  if (record.type == "resource" || !block.starts_with("HTTP/")) {
    auto [type, charset] = media_type(record.content_type);
    if (!is_html_type(type)) return WarcVerdict::not_html;
    found.charset = std::move(charset);
    found.html = record.block;
    page = std::move(found);
    return WarcVerdict::page;
  }
  const std::size_t headers = header_end(block);
  const std::string_view status_line = block.substr(0, block.find('\n'));
  const std::size_t space = status_line.find(' ');
  int status = 0;
  if (space != std::string_view::npos) {
    const std::string_view code = status_line.substr(space + 1, 3);
    std::from_chars(code.data(), code.data() + code.size(), status);
  }
  if (status >= 300 && status < 400) return WarcVerdict::redirect;
  if (status < 200 || status >= 300) return WarcVerdict::error_status;
  const auto fields =
      header_fields(headers == std::string_view::npos ? block : block.substr(0, headers));
  auto [type, charset] = media_type(field(fields, "content-type"));
  if (!is_html_type(type)) return WarcVerdict::not_html;
  found.charset = std::move(charset);
  std::string body(headers == std::string_view::npos ? std::string_view() : block.substr(headers));
  if (ascii_lower(field(fields, "transfer-encoding")).find("chunked") != std::string::npos) {
    body = dechunk(body);
  }
  found.html = decode_content(std::move(body), ascii_lower(field(fields, "content-encoding")));
  page = std::move(found);
  return WarcVerdict::page;
}

std::string_view verdict_name(WarcVerdict verdict) {
  switch (verdict) {
    case WarcVerdict::page:
      return "pages";
    case WarcVerdict::not_response:
      return "request, metadata and other records";
    case WarcVerdict::not_html:
      return "records not in HTML";
    case WarcVerdict::redirect:
      return "redirects";
    case WarcVerdict::error_status:
      return "error responses";
    case WarcVerdict::oversized:
      return "records too large to read";
  }
  return "records";
}

}  // namespace dateline

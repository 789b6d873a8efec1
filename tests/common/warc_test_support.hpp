// WARC records for the tests of the web archive readers.
#pragma once

#include <string>

namespace dateline::test {

// One WARC record as a crawler writes it; `length_error` misstates its
// Content-Length by that many bytes.
inline std::string record(const std::string& type, const std::string& uri,
                          const std::string& content_type, const std::string& block,
                          long length_error = 0, const std::string& version = "WARC/1.1") {
  std::string out = version + "\r\nWARC-Type: " + type + "\r\nWARC-Date: 2016-07-15T10:04:31Z\r\n";
  if (!uri.empty()) out += "WARC-Target-URI: " + uri + "\r\n";
  out += "WARC-Record-ID: <urn:uuid:0000>\r\n";
  if (!content_type.empty()) out += "Content-Type: " + content_type + "\r\n";
  out += "Content-Length: " + std::to_string(static_cast<long>(block.size()) + length_error) +
         "\r\n\r\n" + block + "\r\n\r\n";
  return out;
}

inline std::string http(const std::string& status, const std::string& headers,
                        const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

}  // namespace dateline::test

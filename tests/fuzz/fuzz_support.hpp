// Helpers shared by the fuzz targets in this folder: viewing the fuzzer's
// bytes as text or as typed fields, and checking the contracts the code
// under test states (valid UTF-8 out, no control characters in stored
// text). A broken contract aborts, which libFuzzer reports as a crash and
// saves the input, and which fails the seed replay's test.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "common/reader.hpp"

namespace dateline::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The fuzzer's bytes taken apart front to back into typed fields, for a
// target that fills a structure. Past the end of the input every byte
// reads as 0, so any input, however short, gives every field a value.
//  - a string: one length byte (taken modulo max_size + 1), then that many
//    bytes, any bytes, NUL included;
//  - an integer: sizeof(T) bytes, little-endian;
//  - a double: 8 bytes as they lie in memory, so NaN and infinities too;
//  - an index below `count`, or a bool: one byte.
// (LLVM's FuzzedDataProvider does this for libFuzzer, but it is a clang
// header, and the seed replays build with any compiler.) Not thread-safe.
class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}

  std::string take_string(std::size_t max_size) {
    const std::size_t size = take_byte() % (max_size + 1);
    const std::size_t available = std::min(size, m_size - m_at);
    std::string text(reinterpret_cast<const char*>(m_data + m_at), available);
    m_at += available;
    return text;
  }

  template <typename T>
  T take_integer() {
    static_assert(std::is_integral_v<T>);
    std::make_unsigned_t<T> value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      value |= static_cast<std::make_unsigned_t<T>>(take_byte()) << (8 * i);
    }
    return static_cast<T>(value);
  }

  double take_double() {
    const auto bits = take_integer<std::uint64_t>();
    double value = 0;
    static_assert(sizeof value == sizeof bits);
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

  // REQUIRES: 0 < count <= 256.
  std::size_t take_index(std::size_t count) { return take_byte() % count; }
  bool take_bool() { return (take_byte() & 1) != 0; }

 private:
  std::uint8_t take_byte() { return m_at < m_size ? m_data[m_at++] : 0; }

  const std::uint8_t* m_data;
  std::size_t m_size;
  std::size_t m_at = 0;
};

// Aborts with `what` when `condition` is false.
inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz contract broken: %s\n", what);
  std::abort();
}

// Well-formed UTF-8: no stray continuation bytes, no overlong forms, no
// surrogates, nothing above U+10FFFF.
inline bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// Where `text` holds a C0 control other than '\n', DEL or a C1 control
// (U+0080..U+009F), what normalize_text promises to remove; npos if nowhere.
inline std::size_t control_character_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return i;
    }
  }
  return std::string_view::npos;
}

inline bool has_control_characters(std::string_view text) {
  return control_character_at(text) != std::string_view::npos;
}

// Aborts, showing where, when `text` holds a control character.
inline void require_no_control_characters(std::string_view text, const char* what) {
  const std::size_t at = control_character_at(text);
  if (at == std::string_view::npos) return;
  const std::size_t from = at < 40 ? 0 : at - 40;
  std::fprintf(stderr, "control character 0x%02x at byte %zu, after: ", text[at] & 0xFF, at);
  for (char c : text.substr(from, at - from)) std::fprintf(stderr, "%02x ", c & 0xFF);
  std::fprintf(stderr, "\n");
  require(false, what);
}

// Text fit for storage: valid UTF-8 with no control characters.
inline void require_clean(std::string_view text, const char* what) {
  require(is_valid_utf8(text), what);
  require_no_control_characters(text, what);
}

// What every reader promises: articles of clean text with ids, problems
// with reasons.
inline void check_read_result(const ReadResult& result) {
  for (const Article& article : result.articles) {
    require(!article.id.empty(), "article without an id");
    require_clean(article.title, "title is not clean UTF-8");
    for (const std::string& paragraph : article.paragraphs) {
      require_clean(paragraph, "paragraph is not clean UTF-8");
    }
    require_clean(article.source, "source is not clean UTF-8");
    require_clean(article.author, "author is not clean UTF-8");
    require_clean(article.url, "url is not clean UTF-8");
  }
  for (const ReadProblem& problem : result.problems) {
    require(!problem.reason.empty(), "problem without a reason");
  }
}

}  // namespace dateline::fuzz

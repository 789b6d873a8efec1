// Bytes written as hex, the way docs/specs/ shows on-disk formats: the
// golden tests that hold a format to its spec (schema_test.cpp,
// ner/model_file_test.cpp) compare hex text, so that a mismatch shows at
// which byte.
#pragma once

#include <string>
#include <string_view>

namespace dateline::test {

// "73 01 ff" -> the three bytes. Spaces are ignored.
// REQUIRES: `text` is pairs of hex digits and spaces.
inline std::string from_hex(std::string_view text) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == ' ') continue;
    bytes += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
    ++i;
  }
  return bytes;
}

// The bytes as from_hex reads them, two lower-case digits a byte, spaced.
inline std::string to_hex(std::string_view bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string text;
  for (const char c : bytes) {
    if (!text.empty()) text += ' ';
    text += k_digits[static_cast<unsigned char>(c) >> 4];
    text += k_digits[static_cast<unsigned char>(c) & 0xF];
  }
  return text;
}

}  // namespace dateline::test

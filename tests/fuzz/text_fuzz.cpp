// Fuzz target: the text functions of common/text.hpp, each on what it
// REQUIRES: decode_utf8 and latin1_to_utf8 on raw bytes, the rest on the
// decoded (and, where the pipeline does so, normalised) text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/reader.hpp"
#include "common/text.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  using fuzz::require;
  const std::string_view bytes = fuzz::as_text(data, size);

  const DecodedText decoded = decode_utf8(bytes);
  require(fuzz::is_valid_utf8(decoded.text), "decode_utf8 gave invalid UTF-8");
  require(fuzz::is_valid_utf8(latin1_to_utf8(bytes)), "latin1_to_utf8 gave invalid UTF-8");

  const std::string normalized = normalize_text(decoded.text);
  fuzz::require_clean(normalized, "normalize_text gave unclean text");
  require(fuzz::is_valid_utf8(fold_accents(decoded.text)), "fold_accents gave invalid UTF-8");
  require(fuzz::is_valid_utf8(fold_case(decoded.text)), "fold_case gave invalid UTF-8");
  require(fuzz::is_valid_utf8(fold_accents(normalized)), "fold_accents gave invalid UTF-8");

  const std::string collapsed = collapse_whitespace(normalized);
  require(collapsed.size() <= normalized.size(), "collapse_whitespace grew the text");
  require(trim(normalized).size() <= normalized.size(), "trim grew the text");
  (void)count_words(normalized);
  for (std::string_view line : split_lines(normalized)) {
    require(fuzz::is_valid_utf8(boilerplate_key(line)), "boilerplate_key gave invalid UTF-8");
    (void)is_boilerplate_line(line);
  }
  for (const std::string& paragraph : split_paragraphs(normalized)) {
    fuzz::require_clean(paragraph, "split_paragraphs gave unclean text");
    require(!paragraph.empty(), "split_paragraphs gave an empty paragraph");
  }
  return 0;
}

// Fuzz target: the entity tagger's tokeniser (common/ner/tokenizer.cpp) on
// arbitrary bytes (its only REQUIRES is a size under 4 GiB), then the
// glued-suffix splitter and the abbreviation test on what it found.
// Checks that tokens are ordered, non-empty byte ranges of the text and
// that the sentences partition them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/ner/tokenizer.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

void check_tokenized(std::string_view text, const dateline::ner::TokenizedText& tokenized) {
  using dateline::fuzz::require;
  std::uint32_t previous_end = 0;
  for (const dateline::ner::Token& token : tokenized.tokens) {
    require(token.begin < token.end, "empty or reversed token");
    require(token.end <= text.size(), "token past the end of the text");
    require(token.begin >= previous_end, "overlapping or unordered tokens");
    previous_end = token.end;
  }
  require(tokenized.sentence_caps.size() == tokenized.sentence_begin.size(),
          "sentence_caps and sentence_begin differ in size");
  for (std::size_t s = 0; s < tokenized.sentence_count(); ++s) {
    require(tokenized.sentence_begin[s] < tokenized.tokens.size(), "sentence starts past the end");
    require(tokenized.sentence_begin[s] < tokenized.sentence_end(s), "empty sentence");
  }
  if (!tokenized.tokens.empty()) {
    require(!tokenized.sentence_begin.empty() && tokenized.sentence_begin.front() == 0,
            "tokens before the first sentence");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline::ner;
  const std::string_view text = dateline::fuzz::as_text(data, size);
  TokenizedText tokenized = tokenize(text);
  check_tokenized(text, tokenized);
  for (const Token& token : tokenized.tokens) {
    const std::string_view word = text.substr(token.begin, token.end - token.begin);
    (void)is_abbreviation(word);
    dateline::fuzz::require(glued_suffix_length(word) <= word.size(), "suffix longer than token");
  }
  // Every odd-length token counts as a known word, so both branches run.
  split_glued_suffixes(text, tokenized, [](std::string_view word) { return word.size() % 2 == 1; });
  check_tokenized(text, tokenized);
  return 0;
}

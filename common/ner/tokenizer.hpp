// The tagger's tokeniser: splits article text into tokens the way the
// CoNLL-2003 data is tokenised (punctuation apart, "'s" and "n't" split off,
// "U.S." and "Mr." kept whole), and groups tokens into sentences.
//
// Every token is a byte range of the original text, so mentions built from
// tokens point into the text the caller gave. Sentences end at '.', '!' or
// '?' (with any closing quote or bracket) before a word that does not start
// in lower case, at blank lines, and around lines written entirely in
// capitals (wire headlines), which become sentences of their own flagged
// `caps`. A single line break does not end a sentence, so a name broken
// across lines stays one sequence of tokens; only short lines (three words
// or fewer) that do not continue a wrapped line ("Share", a byline) stand
// as sentences of their own.
//
// Pure functions; thread-safe. Cost is linear in the text.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace dateline::ner {

struct Token {
  std::uint32_t begin = 0;  // byte offset in the text
  std::uint32_t end = 0;    // one past the last byte
};

struct TokenizedText {
  std::vector<Token> tokens;
  // Index of each sentence's first token, ascending; sentence s holds tokens
  // [sentence_begin[s], sentence_begin[s + 1]) (the last one runs to the end).
  std::vector<std::uint32_t> sentence_begin;
  // 1 for a sentence that is an all-capitals line.
  std::vector<std::uint8_t> sentence_caps;

  std::size_t sentence_count() const { return sentence_begin.size(); }
  std::uint32_t sentence_end(std::size_t s) const {
    return s + 1 < sentence_begin.size() ? sentence_begin[s + 1]
                                         : static_cast<std::uint32_t>(tokens.size());
  }
};

// REQUIRES: text.size() < 4 GiB.
TokenizedText tokenize(std::string_view text);

// True for a token with a final period that is an abbreviation ("U.S.",
// "Mr.", "J.", "Inc."), which keeps its period.
bool is_abbreviation(std::string_view token);

// Splits tokens that a converter glued together by dropping a hyphen,
// "Jordanbased" -> "Jordan" "based", when the tail is one of a few
// compounding words (based, led, backed, linked, ...), the head is a
// capitalised word of at least three letters or at least two capitals
// ("USbacked"), and `is_known_word` (called with the whole token in lower
// case) says the whole token is not a word.
void split_glued_suffixes(std::string_view text, TokenizedText& tokenized,
                          const std::function<bool(std::string_view)>& is_known_word);

// The length of the compounding tail of `token` ("based" in "Jordanbased"),
// or 0. Exposed for split_glued_suffixes and its tests.
std::size_t glued_suffix_length(std::string_view token);

}  // namespace dateline::ner

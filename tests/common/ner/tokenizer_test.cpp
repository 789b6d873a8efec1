// Unit tests for common/ner/tokenizer.cpp: CoNLL-style token splitting,
// sentence boundaries, all-capitals lines and glued-suffix splitting.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/ner/tokenizer.hpp"

namespace dateline::ner {
namespace {

// Tokens joined by single spaces, sentences separated by " | ".
std::string render(std::string_view text, const TokenizedText& t) {
  std::string out;
  for (std::size_t s = 0; s < t.sentence_count(); ++s) {
    if (s > 0) out += " | ";
    for (std::uint32_t i = t.sentence_begin[s]; i < t.sentence_end(s); ++i) {
      if (i > t.sentence_begin[s]) out += ' ';
      out += text.substr(t.tokens[i].begin, t.tokens[i].end - t.tokens[i].begin);
    }
  }
  return out;
}

std::string render(std::string_view text) { return render(text, tokenize(text)); }

}  // namespace

TEST_CASE("tokenize splits punctuation the way CoNLL-2003 does", "[ner][tokenizer]") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"", ""},
      {"Hello", "Hello"},
      {"Kerry's talks", "Kerry 's talks"},
      {"the groups' positions", "the groups ' positions"},
      {"don't", "do n't"},
      {"(Reuters) said:", "( Reuters ) said :"},
      {"\"We agree,\" he said.", "\" We agree , \" he said ."},
      {"the U.S. economy", "the U.S. economy"},
      {"Mr. Smith and Dr. Jones", "Mr. Smith and Dr. Jones"},
      {"joint U.S.Russian airstrikes", "joint U.S. Russian airstrikes"},
      {"rose 5.93 mln to 1,750 dlrs.", "rose 5.93 mln to 1,750 dlrs ."},
      {"Wait...", "Wait ..."},
      {"Al-Nusra's fighters", "Al-Nusra 's fighters"},
      {"Kerry\xE2\x80\x99s visit", "Kerry \xE2\x80\x99s visit"},
      {"'90s music", "'90s music"},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    CHECK(render(c.input) == c.expected);
  }
}

TEST_CASE("token offsets point into the original text", "[ner][tokenizer]") {
  const std::string text = "  Kerry's\tvisit.";
  const TokenizedText t = tokenize(text);
  REQUIRE(t.tokens.size() == 4);
  CHECK(t.tokens[0].begin == 2);
  CHECK(t.tokens[0].end == 7);
  CHECK(text.substr(t.tokens[1].begin, t.tokens[1].end - t.tokens[1].begin) == "'s");
  CHECK(t.tokens[3].begin == 15);
  CHECK(t.tokens[3].end == 16);
}

TEST_CASE("tokenize finds sentence boundaries", "[ner][tokenizer]") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"He left. She stayed.", "He left . | She stayed ."},
      {"He left. she stayed.", "He left . she stayed ."},
      {"\"We left.\" Then rain.", "\" We left . \" | Then rain ."},
      {"Is it? Yes!", "Is it ? | Yes !"},
      {"The U.S. Treasury said so.", "The U.S. Treasury said so ."},
      {"First paragraph\n\nSecond paragraph", "First paragraph | Second paragraph"},
      // A single line break inside a wrapped paragraph does not end a sentence.
      {"Secretary of State John\nKerry arrived on Monday.",
       "Secretary of State John Kerry arrived on Monday ."},
      // Short lines that do not continue a wrapped line stand alone.
      {"Share\nShare\nThe talks ended.", "Share | Share | The talks ended ."},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    CHECK(render(c.input) == c.expected);
  }
}

TEST_CASE("all-capitals lines become flagged sentences of their own", "[ner][tokenizer]") {
  const std::string text =
      "BAHIA COCOA REVIEW\n"
      "Showers continued in the Bahia cocoa zone, said\n"
      "Comissaria Smith.\n";
  const TokenizedText t = tokenize(text);
  REQUIRE(t.sentence_count() == 2);
  CHECK(t.sentence_caps == std::vector<std::uint8_t>{1, 0});
  CHECK(render(text, t) ==
        "BAHIA COCOA REVIEW | Showers continued in the Bahia cocoa zone , said Comissaria Smith .");

  // One capitals word inside a paragraph is not a headline line.
  const TokenizedText wrapped = tokenize("Analysts said shares of\nIBM\nrose sharply on Monday.");
  CHECK(wrapped.sentence_count() == 1);
  CHECK(wrapped.sentence_caps == std::vector<std::uint8_t>{0});
  // A one-word paragraph in capitals is.
  CHECK(tokenize("BRUSSELS\n\nThe Commission said.").sentence_caps ==
        std::vector<std::uint8_t>{1, 0});
}

TEST_CASE("is_abbreviation keeps periods of abbreviations only", "[ner][tokenizer]") {
  CHECK(is_abbreviation("U.S."));
  CHECK(is_abbreviation("J."));
  CHECK(is_abbreviation("Mr."));
  CHECK(is_abbreviation("Inc."));
  CHECK(is_abbreviation("a.m."));
  CHECK_FALSE(is_abbreviation("end."));
  CHECK_FALSE(is_abbreviation("Kerry."));
  CHECK_FALSE(is_abbreviation("5."));
  CHECK_FALSE(is_abbreviation("."));
}

TEST_CASE("split_glued_suffixes undoes dropped hyphens before compounding words",
          "[ner][tokenizer]") {
  CHECK(glued_suffix_length("Jordanbased") == 5);
  CHECK(glued_suffix_length("Qaedalinked") == 6);
  CHECK(glued_suffix_length("USbacked") == 6);
  CHECK(glued_suffix_length("based") == 0);
  CHECK(glued_suffix_length("Xbased") == 0);       // head too short
  CHECK(glued_suffix_length("jordanbased") == 0);  // head not capitalised

  const std::string text = "an Amman, Jordanbased group. Called off.";
  TokenizedText t = tokenize(text);
  const auto known = [](std::string_view lower) { return lower == "called"; };
  split_glued_suffixes(text, t, known);
  CHECK(render(text, t) == "an Amman , Jordan based group . | Called off .");
  // Offsets of the split pieces stay inside the original token.
  CHECK(text.substr(t.tokens[3].begin, t.tokens[3].end - t.tokens[3].begin) == "Jordan");
  CHECK(text.substr(t.tokens[4].begin, t.tokens[4].end - t.tokens[4].begin) == "based");
}

}  // namespace dateline::ner

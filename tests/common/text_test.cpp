// Unit tests for common/text.cpp: decoding, normalisation, folding, the
// small string helpers and the boilerplate-line list.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/text.hpp"

namespace dateline {
namespace {

// Code points spelled out so the expected strings show what they hold.
constexpr const char* k_replacement = "\xEF\xBF\xBD";  // U+FFFD

struct Conversion {
  const char* name;
  std::string input;
  std::string expected;
};

}  // namespace

TEST_CASE("decode_utf8 keeps valid text and counts what it replaces", "[text][utf8]") {
  struct Case {
    const char* name;
    std::string input;
    std::string expected;
    std::size_t invalid;
  };
  const Case cases[] = {
      {"empty", "", "", 0},
      {"ascii", "plain text", "plain text", 0},
      {"two-byte", "caf\xC3\xA9", "caf\xC3\xA9", 0},
      {"four-byte", "\xF0\x9F\x93\xB0 news", "\xF0\x9F\x93\xB0 news", 0},
      {"lone bad byte",
       "a\xFF"
       "b",
       std::string("a") + k_replacement + "b", 1},
      {"latin-1 byte", "caf\xE9!", std::string("caf") + k_replacement + "!", 1},
      {"two bad bytes", "\xFE x \xFF", std::string(k_replacement) + " x " + k_replacement, 2},
      {"stray continuation", "a\x80", std::string("a") + k_replacement, 1},
      {"truncated at end", "abc\xE2\x82", std::string("abc") + k_replacement, 1},
      {"truncated before ascii", "\xE2\x82x", std::string(k_replacement) + "x", 1},
      {"BOM dropped", "\xEF\xBB\xBFhello", "hello", 0},
      {"BOM only", "\xEF\xBB\xBF", "", 0},
      {"BOM before bad byte", "\xEF\xBB\xBF\xFF", k_replacement, 1},
      {"BOM kept when not leading", "a\xEF\xBB\xBF", "a\xEF\xBB\xBF", 0},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const DecodedText decoded = decode_utf8(c.input);
    CHECK(decoded.text == c.expected);
    CHECK(decoded.invalid_bytes == c.invalid);
  }
}

TEST_CASE("decode_utf8 says where the first ill-formed sequence starts", "[text][utf8]") {
  struct Case {
    const char* name;
    std::string input;
    std::size_t offset;
  };
  const Case cases[] = {
      {"first byte", "\xFFok", 0},
      {"after ascii", "ab\xFF", 2},
      {"first of two", "a\xE9 b \xFF", 1},
      {"after valid multi-byte", "caf\xC3\xA9 \x80", 6},
      {"truncated sequence", "abc\xE2\x82", 3},
      {"byte-order mark counted", "\xEF\xBB\xBFx\xFF", 4},
      {"on a later line", "one\ntwo \xFF", 8},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const DecodedText decoded = decode_utf8(c.input);
    REQUIRE(decoded.invalid_bytes > 0);
    CHECK(decoded.first_invalid_offset == c.offset);
  }
}

TEST_CASE("decode_text reads UTF-8, UTF-16 with a mark, else Windows-1252", "[text][encoding]") {
  struct Case {
    const char* name;
    std::string bytes;
    std::string text;
    std::string encoding;
    std::size_t invalid;
  };
  const Case cases[] = {
      {"ASCII", "plain words", "plain words", "", 0},
      {"valid UTF-8", "caf\xC3\xA9", "caf\xC3\xA9", "", 0},
      {"UTF-8 with a byte-order mark",
       "\xEF\xBB\xBF"
       "caf\xC3\xA9",
       "caf\xC3\xA9", "", 0},
      {"a marked UTF-8 file stays UTF-8 however damaged",
       "\xEF\xBB\xBF"
       "caf\xE9",
       "caf\xEF\xBF\xBD", "", 1},
      {"as much good UTF-8 as damage: UTF-8", "caf\xC3\xA9 \xFF", "caf\xC3\xA9 \xEF\xBF\xBD", "",
       1},
      {"more damage than good UTF-8: Windows-1252", "caf\xC3\xA9 \xFF\xFE",
       "caf\xC3\x83\xC2\xA9 \xC3\xBF\xC3\xBE", "Windows-1252", 0},
      {"Latin-1 and Windows-1252 bytes", "caf\xE9 \x93quoted\x94 \x80 5",
       "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC 5", "Windows-1252", 0},
      {"UTF-16LE",
       std::string("\xFF\xFE"
                   "c\0\xE9\0",
                   6),
       "c\xC3\xA9", "UTF-16LE", 0},
      {"UTF-16BE", std::string("\xFE\xFF\0c\0\xE9", 6), "c\xC3\xA9", "UTF-16BE", 0},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const DecodedText decoded = decode_text(c.bytes);
    CHECK(decoded.text == c.text);
    CHECK(decoded.encoding == c.encoding);
    CHECK(decoded.invalid_bytes == c.invalid);
  }
  CHECK(has_utf16_bom("\xFF\xFE"));
  CHECK(has_utf16_bom("\xFE\xFF"));
  CHECK_FALSE(has_utf16_bom("\xEF\xBB\xBF"));
}

TEST_CASE("line_at counts the newlines before an offset", "[text][strings]") {
  struct Case {
    std::string text;
    std::size_t offset;
    std::size_t line;
  };
  const Case cases[] = {
      {"", 0, 1},       {"abc", 2, 1},    {"a\nb", 1, 1},     // the newline ends line 1
      {"a\nb", 2, 2},   {"a\n\nb", 3, 3}, {"a\nb\n", 99, 3},  // past the end
      {"a\r\nb", 3, 2},
  };
  for (const auto& c : cases) {
    INFO("\"" << c.text << "\" at " << c.offset);
    CHECK(line_at(c.text, c.offset) == c.line);
  }
}

TEST_CASE("latin1_to_utf8 maps every byte to its code point", "[text][latin1]") {
  const Conversion cases[] = {
      {"ascii", "Reuters", "Reuters"},
      {"u umlaut", "\xFC", "\xC3\xBC"},
      {"word", "Z\xFCrich", "Z\xC3\xBCrich"},
      {"e acute", "caf\xE9", "caf\xC3\xA9"},
      {"y diaeresis", "\xFF", "\xC3\xBF"},
      {"C1 control", "\x80", "\xC2\x80"},
      {"nbsp",
       "a\xA0"
       "b",
       "a\xC2\xA0"
       "b"},
      {"empty", "", ""},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(latin1_to_utf8(c.input) == c.expected);
  }
}

TEST_CASE("normalize_text folds typography and removes invisible characters", "[text][normalize]") {
  const Conversion cases[] = {
      {"ascii unchanged", "Plain ASCII, with punctuation!", "Plain ASCII, with punctuation!"},
      {"curly double quotes", "\xE2\x80\x9CHi\xE2\x80\x9D", "\"Hi\""},
      {"curly single quotes", "\xE2\x80\x98it\xE2\x80\x99s\xE2\x80\x99", "'it's'"},
      {"low-9 quotes",
       "\xE2\x80\x9E"
       "Ja\xE2\x80\x9C",
       "\"Ja\""},
      {"guillemets",
       "\xC2\xAB"
       "oui\xC2\xBB",
       "\"oui\""},
      {"en dash",
       "1990\xE2\x80\x93"
       "2000",
       "1990-2000"},
      {"em dash",
       "a\xE2\x80\x94"
       "b",
       "a-b"},
      {"minus sign",
       "\xE2\x88\x92"
       "5",
       "-5"},
      {"CRLF", "a\r\nb\r\n", "a\nb\n"},
      {"lone CR", "a\rb\rc", "a\nb\nc"},
      {"CR CR LF", "a\r\r\nb", "a\n\nb"},
      {"tab", "a\tb", "a b"},
      {"two-character escape (ESC c resets a terminal) removed whole",
       "a\x1b"
       "cb",
       "ab"},
      {"trailing ESC removed", "a\x1b", "a"},
      {"bell and backspace",
       "a\x07"
       "b\x08"
       "c",
       "abc"},
      {"NUL", std::string("a\0b", 3), "ab"},
      {"DEL",
       "a\x7F"
       "b",
       "ab"},
      {"C1 CSI",
       "a\xC2\x9B"
       "b",
       "ab"},
      {"C1 NEL",
       "a\xC2\x85"
       "b",
       "ab"},
      {"zero-width space", "news\xE2\x80\x8Bpaper", "newspaper"},
      {"soft hyphen", "news\xC2\xADpaper", "newspaper"},
      {"bidi override",
       "a\xE2\x80\xAE"
       "b",
       "ab"},
      {"BOM inside",
       "a\xEF\xBB\xBF"
       "b",
       "ab"},
      {"NBSP", "10\xC2\xA0km", "10 km"},
      {"ideographic space",
       "a\xE3\x80\x80"
       "b",
       "a b"},
      {"line separator",
       "a\xE2\x80\xA8"
       "b",
       "a\nb"},
      {"fi ligature", "\xEF\xAC\x81nance", "finance"},
      {"fullwidth letters", "\xEF\xBC\xA1\xEF\xBC\xA2", "AB"},
      {"decomposed e acute", "e\xCC\x81", "\xC3\xA9"},
      {"replacement char kept", k_replacement, k_replacement},
      {"accents kept", "S\xC3\xA3o Paulo", "S\xC3\xA3o Paulo"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(normalize_text(c.input) == c.expected);
  }
}

TEST_CASE("normalize_text leaves no terminal control characters", "[text][normalize]") {
  const std::string cleaned = normalize_text(
      "\x1b[31mred\x1b[0m \xC2\x9B"
      "1m \x1b]0;title\x07");
  CHECK(cleaned.find('\x1b') == std::string::npos);
  CHECK(cleaned.find('\x07') == std::string::npos);
  CHECK(cleaned.find("\xC2\x9B") == std::string::npos);
  CHECK_THAT(cleaned, Catch::Matchers::Contains("red"));
}

// The header promises that "escape sequences" are removed; only the ESC byte
// is, and the CSI parameters stay in the text as visible junk.
TEST_CASE("normalize_text removes whole ANSI escape sequences", "[text][normalize]") {
  CHECK(normalize_text("\x1b[31mred\x1b[0m") == "red");
  CHECK(normalize_text("Breaking: \x1b[1mrates rise\x1b[22m") == "Breaking: rates rise");
}

// NFKC turns U+2033 DOUBLE PRIME into two U+2032 PRIMEs, each folded to '.
TEST_CASE("normalize_text folds a double prime to two apostrophes", "[text][normalize]") {
  CHECK(normalize_text("12\xE2\x80\xB3") == "12''");
}

TEST_CASE("fold_accents strips diacritics", "[text][fold]") {
  const Conversion cases[] = {
      {"e acute", "Pok\xC3\xA9mon", "Pokemon"},
      {"a tilde", "S\xC3\xA3o Paulo", "Sao Paulo"},
      {"u umlaut", "Z\xC3\xBCrich", "Zurich"},
      {"c cedilla",
       "Fran\xC3\xA7"
       "ais",
       "Francais"},
      {"n tilde",
       "Espa\xC3\xB1"
       "a",
       "Espana"},
      {"upper case",
       "\xC3\x89"
       "COLE",
       "ECOLE"},
      {"decomposed input",
       "Pok"
       "e\xCC\x81"
       "mon",
       "Pokemon"},
      {"ascii unchanged", "Plain text, 100%!", "Plain text, 100%!"},
      {"empty", "", ""},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(fold_accents(c.input) == c.expected);
  }
}

TEST_CASE("fold_case lower-cases ASCII and Unicode", "[text][fold]") {
  const Conversion cases[] = {
      {"ascii", "Share THIS", "share this"},
      {"accented", "Publicit\xC3\xA9", "publicit\xC3\xA9"},
      {"accented capital", "PUBLICIT\xC3\x89", "publicit\xC3\xA9"},
      {"sharp s",
       "Stra\xC3\x9F"
       "e",
       "strasse"},
      {"greek", "\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91",
       "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1"},
      {"digits and punctuation", "A-1, B-2!", "a-1, b-2!"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(fold_case(c.input) == c.expected);
  }
}

TEST_CASE("trim removes ASCII whitespace at both ends", "[text][strings]") {
  CHECK(trim("  a b \t\n") == "a b");
  CHECK(trim("a") == "a");
  CHECK(trim(" \r\n\t ").empty());
  CHECK(trim("").empty());
  CHECK(trim("\xC2\xA0x") == "\xC2\xA0x");  // NBSP is not ASCII whitespace
}

TEST_CASE("collapse_whitespace joins runs into single spaces", "[text][strings]") {
  CHECK(collapse_whitespace("  a  b\t\tc\n\nd  ") == "a b c d");
  CHECK(collapse_whitespace("one") == "one");
  CHECK(collapse_whitespace(" \n\t ").empty());
  CHECK(collapse_whitespace("").empty());
}

TEST_CASE("split_lines splits on newlines only", "[text][strings]") {
  using Lines = std::vector<std::string_view>;
  CHECK(split_lines("a\nb\nc") == Lines{"a", "b", "c"});
  CHECK(split_lines("a\n") == Lines{"a", ""});
  CHECK(split_lines("\n\nx") == Lines{"", "", "x"});
  CHECK(split_lines("one line") == Lines{"one line"});
  CHECK(split_lines("") == Lines{""});
  CHECK(split_lines("a\r\nb") == Lines{"a\r", "b"});
}

TEST_CASE("split_on splits on its separator, keeping empty fields", "[text][strings]") {
  using Fields = std::vector<std::string_view>;
  CHECK(split_on("place\tnice\tFR", '\t') == Fields{"place", "nice", "FR"});
  CHECK(split_on("a\t\tb\t", '\t') == Fields{"a", "", "b", ""});
  CHECK(split_on("a\nb", '\t') == Fields{"a\nb"});
}

TEST_CASE("count_words counts whitespace-separated words", "[text][strings]") {
  CHECK(count_words("") == 0);
  CHECK(count_words("   ") == 0);
  CHECK(count_words("word") == 1);
  CHECK(count_words(" one  two\tthree\n") == 3);
  CHECK(count_words("Rates-rise, again!") == 2);
}

TEST_CASE("is_boilerplate_line recognises page furniture", "[text][boilerplate]") {
  const char* const boilerplate[] = {
      "Advertisement",
      "ADVERTISEMENT",
      "Anuncio",
      "  Share ",
      "SHARE:",
      "Share this article",
      "Publicidad",
      "Anzeige",
      "Publicit\xC3\xA9",
      "PUBLICIT\xC3\x89",
      "Publicidade",
      "Compartir",
      "Print",
      "Read more",
      "Read   more",
      "Read more >>",
      "> Read more",
      "[Advertisement]",
      "-- Anuncio --",
      "Leer m\xC3\xA1s",
      "Weiterlesen",
      "Pubblicit\xC3\xA0",
      "Lire la suite...",
      "\tFacebook\t",
  };
  for (const char* line : boilerplate) {
    INFO("line: \"" << line << "\"");
    CHECK(is_boilerplate_line(line));
  }
}

TEST_CASE("is_boilerplate_line keeps article text", "[text][boilerplate]") {
  const char* const article_text[] = {
      "",
      "   ",
      ":",
      "---",
      "Central bank raises rates for the third time",
      "Share prices fell",
      "Print media is dying",
      "Advertisement revenue fell",
      "Shared",
      "Reprint",
      "The advertisement was pulled after complaints from viewers",
  };
  for (const char* line : article_text) {
    INFO("line: \"" << line << "\"");
    CHECK_FALSE(is_boilerplate_line(line));
  }
}

TEST_CASE("is_boilerplate_line after normalize_text ignores typographic decoration",
          "[text][boilerplate]") {
  // Readers normalise before looking for boilerplate: guillemets and dashes
  // become ASCII punctuation, which is then ignored around the label.
  const char* const lines[] = {
      "Read more \xC2\xBB",
      "\xC2\xAB Compartir \xC2\xBB",
      "\xE2\x80\x94 Advertisement \xE2\x80\x94",
      "\xE2\x80\x9CShare\xE2\x80\x9D",
      "Share\xC2\xA0",
  };
  for (const char* line : lines) {
    INFO("line: \"" << line << "\"");
    CHECK(is_boilerplate_line(normalize_text(line)));
  }
}

// The header says surrounding punctuation is ignored, but only ASCII
// punctuation is; Unicode punctuation that normalize_text does not fold
// (bullets, single angle quotes) keeps the line as article text.
TEST_CASE("is_boilerplate_line ignores Unicode punctuation around a label", "[text][boilerplate]") {
  CHECK(is_boilerplate_line(normalize_text("Read more \xE2\x80\xBA")));  // U+203A
  CHECK(is_boilerplate_line(normalize_text("\xE2\x80\xA2 Share")));      // U+2022
}

}  // namespace dateline

namespace dateline {

TEST_CASE("ascii_lower lowers ASCII letters only", "[text]") {
  CHECK(ascii_lower("Text/HTML; Charset=UTF-8") == "text/html; charset=utf-8");
  CHECK(ascii_lower(".TXT.GZ") == ".txt.gz");
  CHECK(ascii_lower("CAF\xC3\x89") == "caf\xC3\x89");  // É's bytes stay
  CHECK(ascii_lower("").empty());
}

}  // namespace dateline

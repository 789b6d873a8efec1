// Unit tests for common/html_text.cpp: decode_character_references.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "common/html_text.hpp"

namespace dateline {
namespace {

// Code points spelled out so the expected strings show what they hold.
constexpr const char* k_replacement = "\xEF\xBF\xBD";  // U+FFFD

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

void check_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    INFO(c.name << ": \"" << c.input << "\"");
    CHECK(decode_character_references(c.input) == c.expected);
  }
}

}  // namespace

TEST_CASE("decode_character_references decodes named references from HTML5's table",
          "[html_text]") {
  check_cases({
      {"e acute", "Pap&eacute; said", "Pap\xC3\xA9 said"},
      {"capital", "CAF&Eacute;", "CAF\xC3\x89"},
      {"amp", "AT&amp;T", "AT&T"},
      {"amp in capitals", "AT&AMP;T", "AT&T"},
      {"right single quote", "Kerry&rsquo;s talks", "Kerry\xE2\x80\x99s talks"},
      {"apos, HTML5 only", "it&apos;s", "it's"},
      {"nbsp", "6&nbsp;Days",
       "6\xC2\xA0"
       "Days"},
      {"hellip", "and so&hellip;", "and so\xE2\x80\xA6"},
      {"lt gt", "&lt;noun&gt;.js", "<noun>.js"},
      {"name with digits", "&frac12; cup", "\xC2\xBD cup"},
      {"two code points", "&NotEqualTilde;", "\xE2\x89\x82\xCC\xB8"},
      {"semi", "a&semi;b", "a;b"},
      {"several in a row", "&lt;&amp;&gt;", "<&>"},
      {"at both ends", "&quot;quoted&quot;", "\"quoted\""},
      {"longest name", "&CounterClockwiseContourIntegral;", "\xE2\x88\xB3"},
  });
}

TEST_CASE("decode_character_references follows HTML5 for numeric references", "[html_text]") {
  check_cases({
      {"decimal", "Blair&#191;s", "Blair\xC2\xBFs"},
      {"decimal e acute", "Pap&#233;", "Pap\xC3\xA9"},
      {"hex", "Kerry&#x2019;s", "Kerry\xE2\x80\x99s"},
      {"hex in capitals", "&#X41;&#x4a;", "AJ"},
      {"leading zeros", "&#0000065;", "A"},
      {"emoji", "&#x1F62D; &#128557;", "\xF0\x9F\x98\xAD \xF0\x9F\x98\xAD"},
      {"last code point", "&#x10FFFF;", "\xF4\x8F\xBF\xBF"},
      // 0x80-0x9F are Windows-1252's characters, as browsers read them.
      {"cp1252 en dash", "1990&#150;1995",
       "1990\xE2\x80\x93"
       "1995"},
      {"cp1252 right quote", "it&#146;s", "it\xE2\x80\x99s"},
      {"cp1252 euro", "&#x80;5",
       "\xE2\x82\xAC"
       "5"},
      {"cp1252 hole stays C1", "&#x81;", "\xC2\x81"},
      // What no character can be becomes U+FFFD.
      {"NUL", "a&#0;b", std::string("a") + k_replacement + "b"},
      {"surrogate", "&#xD800;", k_replacement},
      {"past U+10FFFF", "&#x110000;", k_replacement},
      {"2^31, which overflows gumbo's int", "&#x80000000;", k_replacement},
      {"2^32 - 1", "&#xFFFFFFFF;", k_replacement},
      {"very long number", "&#99999999999999999999999;", k_replacement},
      // Control characters decode to themselves (normalize_text removes them).
      {"control", "&#3;", "\x03"},
  });
}

TEST_CASE("decode_character_references leaves what is no complete reference", "[html_text]") {
  check_cases({
      {"no ampersand", "plain text", "plain text"},
      {"empty", "", ""},
      {"AT&T", "AT&T said", "AT&T said"},
      {"R&D", "R&D spending", "R&D spending"},
      {"Q&A", "a Q&A session", "a Q&A session"},
      {"legacy name without ';' in a word", "&notes", "&notes"},
      {"legacy name without ';'", "&amp and &copy 2024", "&amp and &copy 2024"},
      {"prefix of a name only", "&notit;", "&notit;"},
      {"unknown name", "R&D &foo; spending", "R&D &foo; spending"},
      {"names are case-sensitive", "&EACUTE;", "&EACUTE;"},
      {"number without ';'", "Blair&#191s", "Blair&#191s"},
      {"no digits", "&#; &#x; &#xg;", "&#; &#x; &#xg;"},
      {"hex digit in decimal", "&#12a;", "&#12a;"},
      {"space after ampersand", "fish & chips; peas", "fish & chips; peas"},
      {"name starting with a digit", "&1x;", "&1x;"},
      {"name too long for the table", "&CounterClockwiseContourIntegralX;",
       "&CounterClockwiseContourIntegralX;"},
      {"ampersand at the end", "cats &", "cats &"},
      {"reference cut by the end", "caf&eacute", "caf&eacute"},
      {"lone ampersands around one", "& &amp; &", "& & &"},
  });
}

TEST_CASE("decode_character_references decodes once", "[html_text]") {
  check_cases({
      {"double-escaped amp", "Mac &amp;amp; i", "Mac &amp; i"},
      {"double-escaped lt", "&amp;lt;b&amp;gt;", "&lt;b&gt;"},
      {"double-escaped number", "&amp;#233;", "&#233;"},
  });
}

// The readability test suite's page "005-unescape-html-entities": its
// metadata holds these references, and its expected excerpt is this.
TEST_CASE("decode_character_references agrees with a real page's expected text", "[html_text]") {
  CHECK(decode_character_references("&#xg; &#x1F62D; &#128557; &#xFFFFFFFF; &#x0;") ==
        std::string("&#xg; \xF0\x9F\x98\xAD \xF0\x9F\x98\xAD ") + k_replacement + " " +
            k_replacement);
}

TEST_CASE("decode_character_references gives the same answer on every thread", "[html_text]") {
  // Each thread caches what it decoded; many distinct references overflow
  // and restart the caches.
  std::string text;
  for (int i = 0x100; i < 0x100 + 6000; ++i) {
    text += "&#" + std::to_string(i) + ";&eacute;";
  }
  const std::string single = decode_character_references(text);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] { results[t] = decode_character_references(text); });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string& result : results) CHECK(result == single);
  CHECK(single.find('&') == std::string::npos);
  CHECK(single.substr(0, 4) == "\xC4\x80\xC3\xA9");  // U+0100, e acute
}

}  // namespace dateline

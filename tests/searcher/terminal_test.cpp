#include "searcher/terminal.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "searcher/searcher.hpp"

namespace dateline::terminal {

TEST_CASE("display width counts columns, not bytes", "[searcher][terminal]") {
  struct Case {
    const char* text;
    std::size_t width;
  };
  const Case cases[] = {
      {"", 0},           {"Kerry", 5},     {"São Paulo", 9},
      {"Zoë", 3},        {"e\xcc\x81", 1},  // e + combining acute
      {"東京", 4},                          // wide
      {"a\x02b\x03", 2},                    // highlight markers take no room
      {"\u2026", 1},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(display_width(c.text) == c.width);
  }
}

TEST_CASE("truncate_to_width ends cut text with an ellipsis", "[searcher][terminal]") {
  CHECK(truncate_to_width("Geneva talks", 20) == "Geneva talks");
  CHECK(truncate_to_width("Geneva talks", 12) == "Geneva talks");
  CHECK(truncate_to_width("Geneva talks", 7) == "Geneva\u2026");
  CHECK(truncate_to_width("São Paulo", 4) == "São\u2026");
  CHECK(truncate_to_width("東京都", 4) == "東\u2026");
  CHECK(display_width(truncate_to_width("東京都", 4)) <= 4);
}

TEST_CASE("wrap breaks at spaces within the width", "[searcher][terminal]") {
  struct Case {
    const char* text;
    std::size_t width;
    std::vector<std::string> lines;
  };
  const Case cases[] = {
      {"the quick brown fox", 10, {"the quick", "brown fox"}},
      {"the quick brown fox", 19, {"the quick brown fox"}},
      {"one  two", 3, {"one", "two"}},
      {"first\nsecond line", 20, {"first", "second line"}},
      {"abcdefghij", 4, {"abcd", "efgh", "ij"}},  // a word longer than a line
      {"São Paulo é", 9, {"São Paulo", "é"}},
      {"", 10, {""}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(wrap(c.text, c.width) == c.lines);
  }
  // Markers take no room and stay in place.
  const std::string marked =
      std::string("a ") + k_highlight_start + "bold" + k_highlight_end + " c";
  CHECK(wrap(marked, 6) ==
        std::vector<std::string>{std::string("a ") + k_highlight_start + "bold" + k_highlight_end,
                                 "c"});
}

}  // namespace dateline::terminal

#include "searcher/style.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace dateline {

TEST_CASE("a style marks text up on a terminal, and leaves it plain otherwise",
          "[searcher][style]") {
  const Style on(Color::yes);
  CHECK(on.bold("Kerry") == "\x1b[1mKerry\x1b[0m");
  CHECK(on.dim("2024-03-14") == "\x1b[2m2024-03-14\x1b[0m");
  CHECK(on.red("bad query") == "\x1b[31mbad query\x1b[0m");
  CHECK(std::string(on.bold_start()) + "x" + std::string(on.reset()) == on.bold("x"));
  CHECK(on.bar(3) == "\u2588\u2588\u2588");

  const Style off(Color::no);
  CHECK(off.bold("Kerry") == "Kerry");
  CHECK(off.dim("2024-03-14") == "2024-03-14");
  CHECK(off.red("bad query") == "bad query");
  CHECK(off.bold_start().empty());
  CHECK(off.reset().empty());
  CHECK(off.bar(3) == "###");
  CHECK(off.bar(0).empty());
}

}  // namespace dateline

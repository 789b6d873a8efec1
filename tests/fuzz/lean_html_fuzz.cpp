// Fuzz target: common/lean_html.cpp against gumbo. A lean page must parse
// as the page did (tests/gumbo_tree.hpp: elements, the attributes kept,
// text with blanks collapsed; what lean_html is to drop left out), with
// every attribute kept and with only a few, wherever the page nests no
// deeper than lean_html lets it; deeper, the same characters of text.
// A difference aborts with both trees on stderr.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/lean_html.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/gumbo_tree.hpp"

namespace {

bool keep_some(std::string_view tag, std::string_view attribute) {
  return attribute == "class" || attribute == "id" || (tag == "link" && attribute == "href");
}

// The characters of `text` but spaces, sorted.
std::string sorted_characters(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_same(const std::string& page, const std::string& lean, const std::string& what) {
  if (page == lean) return;
  std::fprintf(stderr, "lean_html changed the %s:\npage: %s\nlean: %s\n", what.c_str(),
               page.c_str(), lean.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  const std::string_view html = fuzz::as_text(data, size);
  const std::string lean = lean_html(html);
  if (testing::tree_depth(html) > 900) {
    // Depth is followed closely, not exactly: near the cap, no text may
    // go or come, though a dropped tag's blank may part words that a
    // stray end tag, which HTML ignores, stood between, and text in a
    // table whose cells' tags were dropped moves before the table, as
    // HTML moves text that is in no cell.
    testing::TreeText all(nullptr);
    check_same(sorted_characters(testing::TreeText::text_only(all.of(html))),
               sorted_characters(testing::TreeText::text_only(all.of(lean))), "text");
    return 0;
  }
  testing::TreeText all(nullptr);
  check_same(all.of(html), all.of(lean), "tree");
  testing::TreeText some(keep_some);
  check_same(some.of(html), some.of(lean_html(html, keep_some)), "tree (some attributes)");
  return 0;
}

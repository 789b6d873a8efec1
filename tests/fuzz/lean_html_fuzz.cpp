// Fuzz target: common/lean_html.cpp against gumbo. A lean page must parse
// as the page did (tests/gumbo_tree.hpp: elements, the attributes kept,
// text with blanks collapsed; what lean_html is to drop left out), with
// every attribute kept and with only a few, wherever the page nests no
// deeper than lean_html lets it.
// A difference aborts with both trees on stderr.
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
    // Near the cap and past it the depth is followed closely, not
    // exactly, and a tag dropped there can change how HTML reads what
    // follows (a table's text moves out of cells whose tags went; a
    // <math> closed by an end tag that was dropped still reads CDATA): a
    // hostile page is to be read quickly, not as gumbo would. It must
    // still parse.
    (void)testing::tree_depth(lean);
    return 0;
  }
  testing::TreeText all(nullptr);
  check_same(all.of(html), all.of(lean), "tree");
  testing::TreeText some(keep_some);
  check_same(some.of(html), some.of(lean_html(html, keep_some)), "tree (some attributes)");
  return 0;
}

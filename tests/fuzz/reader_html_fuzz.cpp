// Fuzz target: the saved web page reader (common/reader_html.cpp) and the
// extraction under it (common/html_article.cpp), with html_block_text.
#include <cstddef>
#include <cstdint>

#include "common/html_article.hpp"
#include "common/reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  ReaderContext context;
  context.source_path = "/archive/2024/03/14/page.html";
  const std::string_view bytes = fuzz::as_text(data, size);
  fuzz::check_read_result(parse_content(FileKind::html, bytes, context));
  (void)html_block_text(bytes);
  return 0;
}

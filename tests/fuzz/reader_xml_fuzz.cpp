// Fuzz target: the news agency XML reader (common/reader_xml.cpp).
#include <cstddef>
#include <cstdint>

#include "common/reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  ReaderContext context;
  context.source_path = "/agency/story.xml";
  fuzz::check_read_result(parse_content(FileKind::news_xml, fuzz::as_text(data, size), context));
  return 0;
}

// Fuzz target: the web archive reader (common/reader_html.cpp's
// parse_web_archive over common/warc.cpp and common/gzip_stream.cpp).
#include <cstddef>
#include <cstdint>

#include "common/reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  ReaderContext context;
  context.source_path = "/crawl/archive.warc.gz";
  fuzz::check_read_result(parse_content(FileKind::warc, fuzz::as_text(data, size), context));
  return 0;
}

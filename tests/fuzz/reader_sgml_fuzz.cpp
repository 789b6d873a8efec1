// Fuzz target: the Reuters-21578 SGML reader (common/reader_sgml.cpp) on
// arbitrary bytes.
#include <cstddef>
#include <cstdint>

#include "common/reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  ReaderContext context;
  context.source_path = "/archive/reuters/reut2-000.sgm";
  fuzz::check_read_result(
      parse_content(FileKind::reuters_sgml, fuzz::as_text(data, size), context));
  return 0;
}

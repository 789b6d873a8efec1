// Fuzz target: the CSV reader (common/reader_csv.cpp): delimiter sniffing,
// libcsv's parse, damaged rows read again.
#include <cstddef>
#include <cstdint>

#include "common/reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  ReaderContext context;
  context.source_path = "/archive/exports/articles.csv";
  fuzz::check_read_result(parse_content(FileKind::csv, fuzz::as_text(data, size), context));
  return 0;
}

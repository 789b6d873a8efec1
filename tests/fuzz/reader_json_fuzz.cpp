// Fuzz target: the JSON readers (common/reader_json.cpp), the same bytes
// read both as a JSON Lines feed and as a .json document.
#include <cstddef>
#include <cstdint>

#include "common/reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  ReaderContext context;
  context.source_path = "/archive/feeds/wire.jsonl";
  const std::string_view bytes = fuzz::as_text(data, size);
  fuzz::check_read_result(parse_content(FileKind::json_lines, bytes, context));
  fuzz::check_read_result(parse_content(FileKind::json, bytes, context));
  return 0;
}

// Fuzz target: the plain-text article reader (common/reader_txt.cpp) on
// arbitrary bytes, as read_file would hand it a .txt file, with learnt
// boilerplate and a dated path so every branch is reachable.
#include <cstddef>
#include <cstdint>

#include "common/reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  static const BoilerplateSet learned = {boilerplate_key("The Harbour Wire"),
                                         boilerplate_key("Subscribe to our newsletter")};
  ReaderContext context;
  context.source_path = "/archive/2016/07/15/article.txt";
  context.learned_boilerplate = &learned;
  fuzz::check_read_result(parse_content(FileKind::text, fuzz::as_text(data, size), context));
  return 0;
}

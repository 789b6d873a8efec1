// Gzip data for the tests of the readers that inflate it.
#pragma once

#include <zlib.h>

#include <catch2/catch.hpp>

#include <string>

namespace dateline::test {

// `text` as one gzip member, as gzip(1) writes it.
inline std::string gzip_member(const std::string& text) {
  z_stream zlib{};
  REQUIRE(deflateInit2(&zlib, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zlib, static_cast<uLong>(text.size())) + 32, '\0');
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zlib.avail_in = static_cast<uInt>(text.size());
  zlib.next_out = reinterpret_cast<Bytef*>(out.data());
  zlib.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zlib, Z_FINISH) == Z_STREAM_END);
  out.resize(zlib.total_out);
  deflateEnd(&zlib);
  return out;
}

}  // namespace dateline::test

// Hashing for the tagger's features: 64-bit, fast on short strings, and
// identical on every platform, because feature keys, word and phrase hashes
// and the checksum are stored in the model file and must mean the same
// thing when the model is loaded elsewhere. The functions are defined
// bit for bit in docs/specs/ner-model-file.md ("Hashes"): never change a
// constant or a step without a new model version.
//
// A feature key is the hash of a template id combined with the hash of its
// value; collisions are not resolved (at 64 bits they are negligible).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace dateline::ner {

// splitmix64's finaliser: every input bit affects every output bit.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

// Order-sensitive combination of two hashes.
constexpr std::uint64_t hash_pair(std::uint64_t a, std::uint64_t b) {
  return mix64(a ^ (b * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL));
}

// Hash of a byte string, eight bytes at a time. Reads little-endian words so
// that the value does not depend on the host's byte order.
inline std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0) {
  std::uint64_t h = seed ^ (bytes.size() * 0xC2B2AE3D27D4EB4FULL);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  auto load = [](const unsigned char* q, std::size_t len) {
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < len; ++i) word |= static_cast<std::uint64_t>(q[i]) << (8 * i);
    return word;
  };
  while (n >= 8) {
    h = (h ^ load(p, 8)) * 0x9FB21C651E98DF25ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    h = (h ^ load(p, n)) * 0x9FB21C651E98DF25ULL;
    h ^= h >> 32;
  }
  return mix64(h);
}

}  // namespace dateline::ner

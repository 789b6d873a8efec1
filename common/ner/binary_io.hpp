// Little-endian binary writing and bounds-checked reading for the model
// file (docs/specs/ner-model-file.md describes the format; model_file.hpp
// reads and writes it). The reader throws dateline::Error naming what it
// was reading and the byte offset when the data ends early or is
// inconsistent, so a truncated or foreign file gives a clear message,
// never a crash.
//
// Thread-safety: a writer or reader belongs to one thread; the bytes a
// reader reads must outlive it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "common/error.hpp"

namespace dateline::ner {

class BinaryWriter {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_arithmetic_v<T>);
    using Bits = std::conditional_t<
        sizeof(T) == 8, std::uint64_t,
        std::conditional_t<sizeof(T) == 4, std::uint32_t,
                           std::conditional_t<sizeof(T) == 2, std::uint16_t, std::uint8_t>>>;
    Bits bits = 0;
    std::memcpy(&bits, &value, sizeof(T));
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      m_bytes.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
    }
  }
  void put_string(std::string_view s) {
    put(static_cast<std::uint32_t>(s.size()));
    m_bytes.append(s);
  }
  void put_raw(std::string_view s) { m_bytes.append(s); }
  const std::string& bytes() const { return m_bytes; }
  std::string& bytes() { return m_bytes; }

 private:
  std::string m_bytes;
};

class BinaryReader {
 public:
  BinaryReader(std::string_view bytes, std::string what)
      : m_bytes(bytes), m_what(std::move(what)) {}

  template <typename T>
  T get() {
    static_assert(std::is_arithmetic_v<T>);
    need(sizeof(T));
    using Bits = std::conditional_t<
        sizeof(T) == 8, std::uint64_t,
        std::conditional_t<sizeof(T) == 4, std::uint32_t,
                           std::conditional_t<sizeof(T) == 2, std::uint16_t, std::uint8_t>>>;
    Bits bits = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      bits |= static_cast<Bits>(static_cast<Bits>(static_cast<unsigned char>(m_bytes[m_pos + i]))
                                << (8 * i));
    }
    m_pos += sizeof(T);
    T value;
    std::memcpy(&value, &bits, sizeof(T));
    return value;
  }
  std::string_view get_raw(std::size_t n) {
    need(n);
    const std::string_view out = m_bytes.substr(m_pos, n);
    m_pos += n;
    return out;
  }
  std::string get_string() { return std::string(get_raw(get<std::uint32_t>())); }
  // A count of items of `item_size` bytes each that must fit in what is left.
  std::size_t get_count(std::size_t item_size) {
    const std::uint64_t count = get<std::uint64_t>();
    if (item_size > 0 && count > remaining() / item_size) fail("a count larger than the file");
    return static_cast<std::size_t>(count);
  }
  std::size_t remaining() const { return m_bytes.size() - m_pos; }
  std::size_t position() const { return m_pos; }
  [[noreturn]] void fail(const std::string& why) const {
    throw Error(m_what + ": " + why + " at byte " + std::to_string(m_pos));
  }

 private:
  void need(std::size_t n) const {
    if (n > remaining()) fail("unexpected end of data");
  }
  std::string_view m_bytes;
  std::size_t m_pos = 0;
  std::string m_what;
};

}  // namespace dateline::ner

// FlatHashIndex: a compact open-addressing map from 64-bit hashed keys to
// 32-bit values, used for the model's feature weights, lexicon, gazetteer
// and word cache. Keys are already well mixed (see hash.hpp), so the low bits
// pick the slot. Built once, then read-only: lookups are thread-safe, while
// insert and reserve need the index to themselves. A lookup costs one probe
// or a few (at most half the slots are used); 12 bytes a slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dateline::ner {

class FlatHashIndex {
 public:
  static constexpr std::uint32_t k_missing = 0xFFFFFFFFu;

  FlatHashIndex() = default;

  // Room for `count` keys at a load factor of at most one half.
  void reserve(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity < 2 * count) capacity *= 2;
    if (capacity <= m_keys.size()) return;
    std::vector<std::uint64_t> old_keys = std::move(m_keys);
    std::vector<std::uint32_t> old_values = std::move(m_values);
    m_keys.assign(capacity, 0);
    m_values.assign(capacity, k_missing);
    m_mask = capacity - 1;
    m_size = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_values[i] != k_missing) insert(old_keys[i], old_values[i]);
    }
  }

  // Adds or overwrites. REQUIRES: value != k_missing.
  void insert(std::uint64_t key, std::uint32_t value) {
    if (2 * (m_size + 1) > m_keys.size()) reserve(m_size + 1 < 8 ? 8 : 2 * (m_size + 1));
    std::size_t slot = key & m_mask;
    while (m_values[slot] != k_missing && m_keys[slot] != key) slot = (slot + 1) & m_mask;
    if (m_values[slot] == k_missing) ++m_size;
    m_keys[slot] = key;
    m_values[slot] = value;
  }

  // The value for `key`, or k_missing.
  std::uint32_t find(std::uint64_t key) const {
    if (m_keys.empty()) return k_missing;
    std::size_t slot = key & m_mask;
    while (true) {
      const std::uint32_t value = m_values[slot];
      if (value == k_missing || m_keys[slot] == key) return value;
      slot = (slot + 1) & m_mask;
    }
  }

  // Starts loading the slot `key` would be found in, for a find soon after.
  void prefetch(std::uint64_t key) const {
    if (m_keys.empty()) return;
    const std::size_t slot = key & m_mask;
    __builtin_prefetch(m_values.data() + slot);
    __builtin_prefetch(m_keys.data() + slot);
  }

  std::size_t size() const { return m_size; }

 private:
  std::vector<std::uint64_t> m_keys;
  std::vector<std::uint32_t> m_values;
  std::size_t m_mask = 0;
  std::size_t m_size = 0;
};

}  // namespace dateline::ner

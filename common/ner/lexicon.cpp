#include "common/ner/lexicon.hpp"

#include <algorithm>
#include <numeric>

namespace dateline::ner {

Lexicon::Lexicon(std::vector<Word> words) : m_words(std::move(words)) {
  std::sort(m_words.begin(), m_words.end(),
            [](const Word& a, const Word& b) { return a.lower < b.lower; });
  m_index.reserve(m_words.size());
  for (std::size_t i = 0; i < m_words.size(); ++i) {
    m_index.insert(word_hash(m_words[i].lower), static_cast<std::uint32_t>(i));
  }
}

void Lexicon::write(BinaryWriter& out) const {
  out.put(static_cast<std::uint64_t>(m_words.size()));
  for (const Word& w : m_words) {
    out.put_string(w.lower);
    // The usual form is stored only when it is not derivable from the casing.
    out.put(static_cast<std::uint8_t>(w.entry.casing));
    if (w.entry.casing == Casing::other) out.put_string(w.usual);
    out.put(w.entry.cluster);
    out.put(w.entry.cluster_depth);
    out.put(w.entry.cap_ratio);
    out.put(w.entry.frequency);
  }
}

namespace {

std::string apply_casing(const std::string& lower, Casing casing) {
  std::string out = lower;
  if (casing == Casing::upper) {
    for (char& c : out) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  } else if (casing == Casing::title && !out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

}  // namespace

Lexicon Lexicon::read(BinaryReader& in) {
  const std::size_t count = in.get_count(12);
  std::vector<Word> words(count);
  for (Word& w : words) {
    w.lower = in.get_string();
    const auto casing = in.get<std::uint8_t>();
    if (casing > static_cast<std::uint8_t>(Casing::other)) in.fail("bad casing in the lexicon");
    w.entry.casing = static_cast<Casing>(casing);
    w.usual =
        w.entry.casing == Casing::other ? in.get_string() : apply_casing(w.lower, w.entry.casing);
    w.entry.cluster = in.get<std::uint32_t>();
    w.entry.cluster_depth = in.get<std::uint8_t>();
    w.entry.cap_ratio = in.get<std::uint8_t>();
    w.entry.frequency = in.get<std::uint8_t>();
    if (w.entry.cluster_depth > 32) in.fail("bad cluster depth in the lexicon");
  }
  return Lexicon(std::move(words));
}

std::uint64_t Gazetteer::phrase_hash(const std::vector<std::string>& lower_tokens) {
  std::uint64_t h = k_phrase_start;
  for (const std::string& token : lower_tokens) h = extend(h, word_hash(token));
  return h;
}

void Gazetteer::add(std::uint64_t phrase, int source, int type) {
  const std::uint32_t bit = 1u << (source * 4 + type);
  const std::uint32_t i = m_index.find(phrase);
  if (i != FlatHashIndex::k_missing) {
    m_masks[i] |= bit;
    return;
  }
  m_index.insert(phrase, static_cast<std::uint32_t>(m_keys.size()));
  m_keys.push_back(phrase);
  m_masks.push_back(bit);
}

void Gazetteer::add_phrase(const std::vector<std::string>& lower_tokens, int source, int type) {
  const std::size_t n = lower_tokens.size();
  if (n == 0 || n > k_max_length) return;
  add(phrase_hash(lower_tokens), source, type);
  if (n < 2) return;
  for (std::size_t i = 0; i < n; ++i) {
    const int role = i == 0 ? role_first : (i + 1 == n ? role_last : role_inside);
    add(role_key(word_hash(lower_tokens[i])), role, type);
  }
}

void Gazetteer::write(BinaryWriter& out) const {
  std::vector<std::size_t> order(m_keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return m_keys[a] < m_keys[b]; });
  out.put(static_cast<std::uint64_t>(order.size()));
  for (std::size_t i : order) {
    out.put(m_keys[i]);
    out.put(m_masks[i]);
  }
}

Gazetteer Gazetteer::read(BinaryReader& in) {
  Gazetteer g;
  const std::size_t count = in.get_count(12);
  g.m_keys.reserve(count);
  g.m_masks.reserve(count);
  g.m_index.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto key = in.get<std::uint64_t>();
    const auto mask = in.get<std::uint32_t>();
    g.m_index.insert(key, static_cast<std::uint32_t>(g.m_keys.size()));
    g.m_keys.push_back(key);
    g.m_masks.push_back(mask);
  }
  return g;
}

}  // namespace dateline::ner

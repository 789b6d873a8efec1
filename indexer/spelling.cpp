#include "indexer/spelling.hpp"

#include <algorithm>
#include <functional>

namespace dateline {

bool is_spelling_word(std::string_view word) {
  if (word.size() < 3) return false;
  for (char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) continue;  // part of a non-ASCII letter
    if (byte < 'a' || byte > 'z') return false;
  }
  return true;
}

namespace {

std::uint64_t spelling_hash(std::string_view word) { return std::hash<std::string_view>{}(word); }

}  // namespace

void SpellingCounts::add_article(const std::vector<std::string>& words) {
  for (const std::string& word : words) {
    if (is_spelling_word(word)) add(word, 1);
  }
}

void SpellingCounts::add(std::string_view word, Xapian::termcount articles) {
  if (2 * (m_words.size() + 1) > m_slots.size()) {
    rehash(std::max<std::size_t>(1024, 2 * m_slots.size()));
  }
  const std::size_t mask = m_slots.size() - 1;
  const std::uint64_t hash = spelling_hash(word);
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    Slot& s = m_slots[slot];
    if (s.word == 0) {
      m_words.emplace_back(std::string(word), articles);
      s = {hash, static_cast<std::uint32_t>(m_words.size())};
      return;
    }
    if (s.hash == hash && m_words[s.word - 1].first == word) {
      m_words[s.word - 1].second += articles;
      return;
    }
  }
}

void SpellingCounts::rehash(std::size_t slots) {
  std::vector<Slot> old = std::move(m_slots);
  m_slots.assign(slots, Slot{});
  const std::size_t mask = slots - 1;
  for (const Slot& s : old) {
    if (s.word == 0) continue;
    std::size_t slot = s.hash & mask;
    while (m_slots[slot].word != 0) slot = (slot + 1) & mask;
    m_slots[slot] = s;
  }
}

void SpellingCounts::forget() {
  m_words = {};
  m_slots = {};
}

void SpellingCounts::add_to(Xapian::WritableDatabase& db) {
  // In alphabetical order (Xapian keeps pending spelling changes in sorted
  // containers), Reuters' 43,000 words were added in 0.15 s instead of 0.25
  // and committed in 0.065 s instead of 0.085.
  std::sort(m_words.begin(), m_words.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [word, articles] : m_words) db.add_spelling(word, articles);
  forget();
}

void SpellingCounts::add_from(SpellingCounts&& other) {
  if (m_words.empty()) {
    m_words = std::move(other.m_words);
    m_slots = std::move(other.m_slots);
  } else {
    for (const auto& [word, articles] : other.m_words) add(word, articles);
  }
  other.forget();
}

void copy_spelling(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  for (Xapian::TermIterator it = from.spellings_begin(); it != from.spellings_end(); ++it) {
    to.add_spelling(*it, it.get_termfreq());
  }
}

}  // namespace dateline

#include "indexer/spelling.hpp"

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

void SpellingCounts::add_article(const std::vector<std::string>& words) {
  for (const std::string& word : words) {
    if (is_spelling_word(word)) ++m_counts[word];
  }
}

void SpellingCounts::add_to(Xapian::WritableDatabase& db) {
  for (const auto& [word, articles] : m_counts) db.add_spelling(word, articles);
  m_counts.clear();
}

void SpellingCounts::add_from(SpellingCounts&& other) {
  if (m_counts.empty()) {
    m_counts = std::move(other.m_counts);
  } else {
    for (const auto& [word, articles] : other.m_counts) m_counts[word] += articles;
  }
  other.m_counts.clear();
}

void copy_spelling(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  for (Xapian::TermIterator it = from.spellings_begin(); it != from.spellings_end(); ++it) {
    to.add_spelling(*it, it.get_termfreq());
  }
}

}  // namespace dateline

// Spelling data for "did you mean" and the vocabulary wildcards expand
// over: Xapian's spelling table, holding each indexed word (the index's
// terms are stems) with the number of articles it is in. Adding it word by
// word while generating terms cost as much as a third of indexing time;
// SpellingCounts gathers a batch of articles' words and adds each once.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline {

// True for a word worth keeping: letters only (ASCII lower case or
// non-ASCII), at least three bytes.
bool is_spelling_word(std::string_view word);

// Article counts of spelling words, gathered in memory and added to a
// database's spelling table in one go.
class SpellingCounts {
 public:
  // Counts each spelling word of one article's distinct words (each once).
  void add_article(const std::vector<std::string>& words);
  // Adds the counts gathered so far to `db` (committed with its next
  // commit) and forgets them, so memory stays bounded by a batch.
  void add_to(Xapian::WritableDatabase& db);
  // Adds `other`'s counts to these and leaves it empty.
  void add_from(SpellingCounts&& other);
  std::size_t size() const { return m_words.size(); }

 private:
  // Open addressing over the words' hashes: one probe reads a slot, one
  // comparison the word (a std::unordered_map walked three pointers, each a
  // cache miss in a table that outgrows the cache).
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t word = 0;  // index in m_words + 1; 0: empty
  };
  void add(std::string_view word, Xapian::termcount articles);
  void rehash(std::size_t slots);
  void forget();

  std::vector<Slot> m_slots;
  std::vector<std::pair<std::string, Xapian::termcount>> m_words;
};

// Adds all of `from`'s spelling data to `to`'s (frequencies add up).
void copy_spelling(const Xapian::Database& from, Xapian::WritableDatabase& to);

}  // namespace dateline

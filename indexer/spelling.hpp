// Spelling data for "did you mean" and the vocabulary wildcards expand
// over: Xapian's spelling table, holding each indexed word (the index's
// terms are stems) with the number of articles it is in. Adding it word by
// word while generating terms cost as much as a third of indexing time;
// SpellingCounts gathers a batch of articles' words and adds each once.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
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
  std::size_t size() const { return m_counts.size(); }

 private:
  std::unordered_map<std::string, Xapian::termcount> m_counts;
};

// Adds all of `from`'s spelling data to `to`'s (frequencies add up).
void copy_spelling(const Xapian::Database& from, Xapian::WritableDatabase& to);

}  // namespace dateline

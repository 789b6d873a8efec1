// DocumentBuilder turns an Article into the Xapian::Document that
// common/schema.hpp describes: stemmed title and body terms with positions, the
// unique id term, entity terms and facet values, author, source and site
// terms and values, date terms and value, near-duplicate signature, and the
// stored display data.
//
// Not thread-safe (it owns a TermGenerator); use one per thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace dateline {

// The distinct words of one document, as the indexing stemmer meets them:
// each once, in the order first met, found in a small hash table of the
// document's own. Recording every occurrence and sorting them cost the
// indexer 5% more CPU time on Reuters.
class DocumentWords {
 public:
  void clear();
  void add(const std::string& word);
  const std::vector<std::string>& words() const { return m_words; }

 private:
  void rehash(std::size_t slots);

  std::vector<std::string> m_words;
  std::vector<std::uint32_t> m_slots;  // index in m_words + 1; 0: empty
};

class DocumentBuilder {
 public:
  // `language` is a Xapian stemmer name ("english", "en", "french", "none").
  // Throws dateline::Error naming the valid languages when it is unknown.
  explicit DocumentBuilder(const std::string& language);

  // `file_state` is the encoded schema::FileState of the article's source
  // file, stored for incremental re-runs (empty: none stored).
  Xapian::Document build(const Article& article, const std::string& file_state = {});

  // The distinct words (lower case, accents folded, not stemmed) of the
  // last built document's title, body and salient names. The index holds
  // only their stems; these are its spelling data and the vocabulary
  // wildcards expand over (indexer/spelling.hpp).
  const std::vector<std::string>& words() const { return m_words->words(); }

 private:
  std::shared_ptr<DocumentWords> m_words;  // filled by m_termgen's stemmer
  Xapian::TermGenerator m_termgen;
};

// The stemmer for `language`, or dateline::Error listing the valid names.
Xapian::Stem make_stemmer(const std::string& language);

// The authors a byline names, for the author filter and facet: "By A and
// B", "A, B & C", "A; B" name several. A leading "by" and a part that is
// the publication itself ("By Cal Mankowski, Reuters" with source
// "Reuters") are dropped; a name written all in capitals is
// recapitalised ("TED D'AFFLISIO" -> "Ted D'Afflisio"); a name given twice
// counts once. Empty for an empty byline.
std::vector<std::string> byline_authors(std::string_view byline, std::string_view source);

}  // namespace dateline

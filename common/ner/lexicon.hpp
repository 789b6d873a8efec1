// What the tagger knows about words and names before it sees a sentence:
//
// Lexicon — per lower-case word seen in the unlabelled news text that
// ner-train read: its usual written form ("U.S.", "Reuters", "the"), how
// often it is capitalised in mid-sentence, how frequent it is, and its
// distributional cluster (a path in a binary tree of words that occur in
// similar contexts, computed by ner-train; see clusters.hpp).
//
// Gazetteer — phrases known to name an entity of a type, from up to four
// sources (training entities, the GMB corpus, Reuters-21578's category
// lists), stored as hashes of their lower-case tokens.
//
// Both are built by ner-train, stored in the model
// (docs/specs/ner-model-file.md), and read-only after: lookups are
// thread-safe; Gazetteer::add and merge, which only training calls, are not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/ner/binary_io.hpp"
#include "common/ner/hash.hpp"
#include "common/ner/hash_index.hpp"

namespace dateline::ner {

// The hash of a word's lower-case feature form (lower_form in features.hpp),
// the key of the lexicon and of gazetteer phrases.
inline std::uint64_t word_hash(std::string_view lower) {
  return hash_bytes(lower, 0x6C6F776572ULL);
}

// A word's usual casing. Stored in the model's lexicon: never renumber.
enum class Casing : std::uint8_t { lower = 0, title = 1, upper = 2, other = 3 };

struct LexiconEntry {
  std::uint32_t cluster = 0;       // path bits, the first branch in the highest of `cluster_depth`
  std::uint8_t cluster_depth = 0;  // 0: not clustered
  Casing casing = Casing::lower;   // of the usual form
  std::uint8_t cap_ratio = 0;      // 0..4: how often capitalised mid-sentence (see features.cpp)
  std::uint8_t frequency = 0;      // floor(log2(count)) in the unlabelled text
};

class Lexicon {
 public:
  struct Word {
    std::string lower;
    std::string usual;  // the most frequent mid-sentence form
    LexiconEntry entry;
  };

  Lexicon() = default;
  // REQUIRES: no two words share a lower-case form.
  explicit Lexicon(std::vector<Word> words);

  // Index of the word with this word_hash, or -1.
  std::int32_t find(std::uint64_t lower_hash) const {
    const std::uint32_t i = m_index.find(lower_hash);
    return i == FlatHashIndex::k_missing ? -1 : static_cast<std::int32_t>(i);
  }
  std::int32_t find_word(std::string_view lower) const { return find(word_hash(lower)); }
  const Word& word(std::size_t i) const { return m_words[i]; }
  std::size_t size() const { return m_words.size(); }

  void write(BinaryWriter& out) const;
  static Lexicon read(BinaryReader& in);

 private:
  std::vector<Word> m_words;  // sorted by lower-case form
  FlatHashIndex m_index;
};

class Gazetteer {
 public:
  static constexpr std::size_t k_max_length = 6;  // tokens in a phrase
  static constexpr int k_sources = 4;
  // Where a phrase was found. Stored in the model as mask bits: never
  // renumber.
  enum Source : int { training = 0, gmb = 1, reuters_lists = 2, extra = 3 };

  // Phrase hashes are built token by token from word_hash values.
  static constexpr std::uint64_t k_phrase_start = 0x7068726173ULL;
  static std::uint64_t extend(std::uint64_t phrase, std::uint64_t lower_hash) {
    return hash_pair(phrase, lower_hash);
  }
  static std::uint64_t phrase_hash(const std::vector<std::string>& lower_tokens);

  // Bit (source * 4 + type) of a phrase's mask says it names type `type`
  // according to `source`. REQUIRES: source < k_sources, type < k_num_types.
  void add(std::uint64_t phrase, int source, int type);
  // Entries of `other` merged in (masks or-ed).
  void merge(const Gazetteer& other);
  std::uint16_t find(std::uint64_t phrase) const {
    const std::uint32_t v = m_index.find(phrase);
    return v == FlatHashIndex::k_missing ? 0 : static_cast<std::uint16_t>(m_masks[v]);
  }
  std::size_t size() const { return m_keys.size(); }

  void write(BinaryWriter& out) const;
  static Gazetteer read(BinaryReader& in);

 private:
  std::vector<std::uint64_t> m_keys;  // in insertion order; written sorted
  std::vector<std::uint16_t> m_masks;
  FlatHashIndex m_index;
};

}  // namespace dateline::ner

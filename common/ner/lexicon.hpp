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
// lists, GeoNames places, country names and demonyms, personal names, firm
// names mined from news), stored as hashes of their lower-case tokens.
//
// Both are built by ner-train, stored in the model
// (docs/specs/ner-model-file.md), and read-only after: lookups are
// thread-safe; Gazetteer::add and add_phrase, which only training calls,
// are not.
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
  static constexpr int k_sources = 8;
  static constexpr int k_bits = k_sources * 4;  // (source, type) pairs
  // Where a phrase was found. Stored in the model as mask bits: never
  // renumber. `extra` is not used by ner-train.
  enum Source : int {
    training = 0,
    gmb = 1,
    reuters_lists = 2,
    extra = 3,
    places = 4,        // GeoNames cities and towns
    countries = 5,     // country names (LOC) and demonyms (MISC)
    person_names = 6,  // a list of personal names, one word each
    firms = 7,         // firm names written with a legal form in news text
  };

  // Phrase hashes are built token by token from word_hash values.
  static constexpr std::uint64_t k_phrase_start = 0x7068726173ULL;
  static std::uint64_t extend(std::uint64_t phrase, std::uint64_t lower_hash) {
    return hash_pair(phrase, lower_hash);
  }
  static std::uint64_t phrase_hash(const std::vector<std::string>& lower_tokens);

  // Bit (source * 4 + type) of a phrase's mask says it names type `type`
  // according to `source`. REQUIRES: source < k_sources, type < k_num_types.
  void add(std::uint64_t phrase, int source, int type);
  // Adds the phrase of `lower_tokens` (lower_form of each) as add() does
  // and, for a phrase of two words or more, each word's role in it (see
  // word_roles). Phrases longer than k_max_length are ignored.
  void add_phrase(const std::vector<std::string>& lower_tokens, int source, int type);

  // Where a word stands in the multi-word phrases of all sources: bit
  // (role * 4 + type) is set when some phrase of type `type` has the word
  // first (role 0), inside (1) or last (2): "group" ends organisations'
  // names, "islamic" opens them. (Which type most such phrases have was
  // tried too, and typed "West German" as a place: "west" opens more
  // places' names.) Role entries are stored under their own keys beside
  // the phrases, with the role in place of the source.
  enum Role : int { role_first = 0, role_inside = 1, role_last = 2 };
  static constexpr int k_role_bits = 12;
  std::uint32_t word_roles(std::uint64_t lower_hash) const { return find(role_key(lower_hash)); }
  std::uint32_t find(std::uint64_t phrase) const {
    const std::uint32_t v = m_index.find(phrase);
    return v == FlatHashIndex::k_missing ? 0 : m_masks[v];
  }
  std::size_t size() const { return m_keys.size(); }

  void write(BinaryWriter& out) const;
  static Gazetteer read(BinaryReader& in);

 private:
  static std::uint64_t role_key(std::uint64_t lower_hash) {
    return hash_pair(0x726F6C65ULL, lower_hash);
  }

  std::vector<std::uint64_t> m_keys;  // in insertion order; written sorted
  std::vector<std::uint32_t> m_masks;
  FlatHashIndex m_index;
};

}  // namespace dateline::ner

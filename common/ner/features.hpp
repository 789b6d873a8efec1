// Features of the tagger, shared by training (trainer.cpp) and tagging
// (Model::label_document in model.cpp) so both see exactly the same keys.
//
// A token's score for a label is the sum of the weights of its features'
// keys for that label. Features come in two kinds:
//  - word features depend only on one word (its form and what the lexicon
//    says about it) and on where that word sits relative to the token
//    scored (offset -2..+2). Tagging caches their summed weights per word,
//    which is what makes it fast.
//  - position features depend on neighbours together (bigrams, shape
//    trigrams), on the sentence (first token, all-capitals line) and on the
//    document (gazetteer matches, other occurrences of the word, and in the
//    second stage the first stage's labels elsewhere in the document).
//
// Documents are prepared first (prepare_document): forms are repaired
// ("alNusra" -> "al-Nusra"), all-capitals sentences are re-cased from the
// rest of the document and the lexicon ("BAHIA COCOA REVIEW" -> "Bahia cocoa
// review"), and the document-level context is computed.
//
// Feature keys are stored in every model file (docs/specs/ner-model-file.md):
// the template ids in features.cpp, the FeatureGroup bits and the Recase
// values below are part of them and must never be renumbered; a change to
// any of them is a new model version.
//
// Thread-safety: the functions keep no state of their own and only read
// the Lexicon and Gazetteer, which may be shared. They write what they are
// given: prepare_document fills `doc` and asks `lookup` for every word,
// which the tagger's and the trainer's lookups answer by adding the word to
// a cache. So concurrent calls need a WordLookup and a PreparedDocument
// each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/hash.hpp"
#include "common/ner/labels.hpp"
#include "common/ner/lexicon.hpp"

namespace dateline::ner {

// Feature groups a model uses; stored in the model so that tagging uses the
// groups the model was trained with. The bits are stored: never renumber.
enum FeatureGroup : std::uint32_t {
  k_group_affixes = 1u << 0,        // prefixes and suffixes of 1..4 bytes
  k_group_clusters = 1u << 1,       // cluster path prefixes
  k_group_lexicon = 1u << 2,        // capitalisation ratio, usual casing, unknown words
  k_group_bigrams = 1u << 3,        // word bigrams with the previous and next word
  k_group_shape_context = 1u << 4,  // shape trigram, neighbour word with own shape
  k_group_gazetteer = 1u << 5,      // gazetteer phrase matches
  k_group_evidence = 1u << 6,       // case of the word elsewhere in the document
  k_group_caps = 1u << 7,           // how an all-capitals token was re-cased
  k_group_wide = 1u << 8,           // words at offsets -2 and +2
  k_group_title_unknown = 1u << 9,  // re-case unknown capitals words as Title (else keep)
  k_group_word_roles = 1u << 10,    // a word's roles in multi-word gazetteer phrases
  k_group_usage = 1u << 11,         // whether the document writes the word alone or in longer names
  k_group_contexts = 1u << 12,      // words beside the word's other occurrences in the document
  k_group_topic = 1u << 13,         // the wire's topic word ("SOCCER -") with shape and gazetteer
};
inline constexpr std::uint32_t k_default_groups = (1u << 14) - 1;

inline constexpr int k_window = 2;  // offsets -k_window..+k_window
inline constexpr int k_offsets = 2 * k_window + 1;

enum WordFlag : std::uint16_t {
  k_flag_initial_upper = 1u << 0,  // first letter is a capital
  k_flag_all_upper = 1u << 1,      // has letters, none lower case
  k_flag_has_lower = 1u << 2,
  k_flag_has_alpha = 1u << 3,
  k_flag_has_digit = 1u << 4,
  k_flag_no_alnum = 1u << 5,  // punctuation and symbols only
  k_flag_known = 1u << 6,     // in the lexicon
};

// What features need to know about one word, computed once per word.
struct WordInfo {
  std::uint64_t lower_hash = 0;  // word_hash(lower_form(form))
  std::uint64_t shape_hash = 0;  // hash of the short shape ("Xx", "X.X.", "d,d")
  std::uint16_t flags = 0;
  std::int32_t lexicon = -1;  // index in the lexicon or -1
  std::uint32_t entry = 0;    // the WordLookup's own id for the word
};

// A word feature: its key and the offsets (bit offset + k_window) at which
// it is used.
struct WordFeature {
  std::uint64_t key = 0;
  std::uint8_t offsets = 0;
};

// The key of word feature `key` seen at `offset` from the token scored.
constexpr std::uint64_t offset_key(std::uint64_t key, int offset) {
  return hash_pair(key, static_cast<std::uint64_t>(offset + 16));
}

// Digits as '0' and letters in lower case (ICU case folding beyond ASCII).
std::string lower_form(std::string_view form);
// The form with digits as '0', the identity of a word for caching.
std::string digit_form(std::string_view form);
// A cache key for `form`: the hash of digit_form(form).
std::uint64_t form_key(std::string_view form);
// "Xxxxx" -> "Xx", "U.S." -> "X.X.", "1,750" -> "d,d", "al-Nusra" -> "x-Xx".
std::string short_shape(std::string_view form);
// Like short_shape but runs are kept up to four long: "Xxxx", "dddd".
std::string long_shape(std::string_view form);

// WordFlag bits of a form (without k_flag_known).
std::uint16_t word_flags(std::string_view form);

// Fills `info` and, when `features` is not null, appends the word features
// of `form` to it. Pure: reads only its arguments.
void analyse_word(std::string_view form, const Lexicon& lexicon, std::uint32_t groups,
                  WordInfo& info, std::vector<WordFeature>* features);

// The word feature standing for the space before (side < 0) or after
// (side > 0) a sentence.
WordFeature padding_feature(int side, std::uint32_t groups);

// How a token of an all-capitals sentence got its form. The values are
// hashed into the keys of the caps features a model stores: never renumber.
enum Recase : std::uint8_t {
  k_recase_none = 0,            // not in an all-capitals sentence, or no letters
  k_recase_document = 1,        // written with capitals elsewhere in the document
  k_recase_document_lower = 2,  // written in lower case elsewhere in the document
  k_recase_lexicon = 3,         // the lexicon's usual form
  k_recase_unknown = 4,         // unknown word
};

// Maps feature forms to word entries; the tagger's is a cache of summed
// weights, the trainer's keeps feature lists. Not thread-safe: find() may
// add an entry, so each thread needs its own lookup.
class WordLookup {
 public:
  virtual ~WordLookup() = default;
  // The entry for `form`, created when new. The pointer stays valid for the
  // lookup's lifetime.
  virtual const WordInfo* find(std::string_view form) = 0;
};

// A document ready for feature extraction.
struct PreparedDocument {
  std::vector<std::string_view> forms;   // feature forms (repaired, re-cased)
  std::vector<const WordInfo*> words;    // from the WordLookup, per token
  std::vector<std::uint8_t> recase;      // Recase per token
  std::vector<std::uint8_t> evidence;    // see features.cpp, per token
  std::vector<std::uint64_t> gazetteer;  // 2 bits per (source, type), per token
  std::vector<std::uint16_t> roles;      // Gazetteer::word_roles of capitalised tokens
  std::vector<std::uint8_t> usage;       // see mark_usage in features.cpp
  std::vector<std::uint8_t> predicted;   // first-stage labels elsewhere (set_predictions)
  // Keys of the words beside a capitalised token's other occurrences:
  // token i's are contexts[context_begin[i] .. context_begin[i + 1]).
  std::vector<std::uint32_t> context_begin;
  std::vector<std::uint64_t> contexts;
  std::vector<std::uint32_t> sentence_begin;
  std::vector<std::uint8_t> sentence_caps;
  // The lower-case hash of the topic word a wire writes before a dash at
  // the head of its headline in capitals ("SOCCER - JAPAN GET LUCKY
  // WIN"); 0: none.
  std::uint64_t topic = 0;
  std::deque<std::string> arena;  // storage for forms that are not in the input

  std::size_t sentence_count() const { return sentence_begin.size(); }
  std::size_t sentence_end(std::size_t s) const {
    return s + 1 < sentence_begin.size() ? sentence_begin[s + 1] : forms.size();
  }
};

// Prepares a document of `forms` (tokens of all sentences in order) split
// into sentences at `sentence_begin`, with `sentence_caps` flagging the
// all-capitals ones. `doc` is overwritten; its forms point into `forms`'
// strings or its own arena, so it is valid while they are. Cost: linear in
// the tokens (a few lookup.find() calls each).
// REQUIRES: sentence_begin ascending, starting at 0 when there are forms;
// sentence_caps.size() == sentence_begin.size().
void prepare_document(const std::vector<std::string_view>& forms,
                      const std::vector<std::uint32_t>& sentence_begin,
                      const std::vector<std::uint8_t>& sentence_caps, const Lexicon& lexicon,
                      const Gazetteer& gazetteer, std::uint32_t groups, WordLookup& lookup,
                      PreparedDocument& doc);

// Records in doc.predicted, for every token, what `labels` (one per token of
// the document) say about other occurrences of the same word.
void set_predictions(const std::vector<Label>& labels, PreparedDocument& doc);

// Appends the position features of token `i` (an index into the document)
// of sentence `s` to `keys`.
void position_features(const PreparedDocument& doc, std::size_t s, std::size_t i,
                       std::uint32_t groups, std::vector<std::uint64_t>& keys);

// Appends the second stage's features of token `i` of sentence `s`: what the
// first stage said about the word's other occurrences (doc.predicted).
// REQUIRES: set_predictions was called on `doc`.
void prediction_features(const PreparedDocument& doc, std::size_t s, std::size_t i,
                         std::vector<std::uint64_t>& keys);

// All feature keys of token `i` (an index into the document) of sentence
// `s`: the word features of the tokens in its window with their offsets
// applied, then its position features. `word_features_of(j)` gives the word
// features of token j. The trainer uses this; the tagger adds up the same
// weights from its per-word cache.
template <typename WordFeaturesOf>
void token_features(const PreparedDocument& doc, std::size_t s, std::size_t i, std::uint32_t groups,
                    WordFeaturesOf&& word_features_of, std::vector<std::uint64_t>& keys) {
  const std::size_t begin = doc.sentence_begin[s];
  const std::size_t end = doc.sentence_end(s);
  for (int k = -k_window; k <= k_window; ++k) {
    const auto j = static_cast<std::ptrdiff_t>(i) + k;
    const auto bit = static_cast<std::uint8_t>(1u << (k + k_window));
    if (j < static_cast<std::ptrdiff_t>(begin) || j >= static_cast<std::ptrdiff_t>(end)) {
      const WordFeature pad = padding_feature(k < 0 ? -1 : 1, groups);
      if (pad.offsets & bit) keys.push_back(offset_key(pad.key, k));
      continue;
    }
    for (const WordFeature& f : word_features_of(static_cast<std::size_t>(j))) {
      if (f.offsets & bit) keys.push_back(offset_key(f.key, k));
    }
  }
  position_features(doc, s, i, groups, keys);
}

}  // namespace dateline::ner

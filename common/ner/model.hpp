// Model: a loaded entity-tagger model ready to label documents. Holds the
// trained parameters (model_file.hpp) and, computed at construction, a cache
// of every frequent word's summed first-stage word-feature weights per
// offset, so that labelling a token costs one hash lookup per word plus a
// handful of position features and the Viterbi step. The second stage reuses
// the first stage's scores and adds a few document features and a second
// Viterbi pass.
//
// Construction takes about 0.1 s for the shipped model; afterwards it is
// immutable and label_document is thread-safe (each call keeps its own
// cache for words the shared cache lacks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/ner/features.hpp"
#include "common/ner/labels.hpp"
#include "common/ner/model_file.hpp"

namespace dateline::ner {

// Tokens of one document, sentence by sentence.
struct DocumentTokens {
  std::vector<std::string_view> forms;
  std::vector<std::uint32_t> sentence_begin;  // first token of each sentence
  std::vector<std::uint8_t> sentence_caps;    // 1 for an all-capitals sentence
};

class Model {
 public:
  explicit Model(ModelParameters parameters);

  const ModelParameters& parameters() const { return m_parameters; }

  // One label per token of `document`. When `prepared` is not null it
  // receives the prepared document (re-cased forms and context), which is
  // valid while `document`'s strings are.
  // REQUIRES: document.sentence_begin ascending from 0 (when there are
  // tokens), one sentence_caps entry per sentence.
  std::vector<Label> label_document(const DocumentTokens& document,
                                    PreparedDocument* prepared = nullptr) const;

  // Number of words in the shared cache.
  std::size_t cached_words() const { return m_words.size(); }

 private:
  friend class CachingLookup;

  struct CachedWord {
    WordInfo info;
    std::uint32_t emissions = 0;  // block index in each stage's pool
  };

  // Sums the word features' first-stage weights into `out` (k_offsets rows
  // of k_num_labels).
  void word_emissions(const std::vector<WordFeature>& features, float* out) const;
  void add_word(std::string_view form);

  ModelParameters m_parameters;
  std::vector<CachedWord> m_words;
  FlatHashIndex m_word_index;    // form_key -> m_words index
  std::vector<float> m_pool;     // blocks of k_offsets * k_num_labels
  std::vector<float> m_padding;  // [before, after] blocks
};

}  // namespace dateline::ner

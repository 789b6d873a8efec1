#include "common/ner/model.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "common/ner/decoder.hpp"

namespace dateline::ner {
namespace {

constexpr std::size_t k_block = static_cast<std::size_t>(k_offsets) * k_num_labels;

// Words below this frequency bucket (log2 of their count in the unlabelled
// text) are cached in their usual form only; above it also in lower case
// and capitalised, the forms that start sentences.
constexpr std::uint8_t k_all_forms_frequency = 4;

std::string capitalised(std::string_view lower) {
  std::string out(lower);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

// Starts loading the cache lines of `size` bytes at `data`.
void prefetch_bytes(const void* data, std::size_t size) {
  const char* bytes = static_cast<const char*>(data);
  for (std::size_t offset = 0; offset < size; offset += 64) __builtin_prefetch(bytes + offset);
  __builtin_prefetch(bytes + size - 1);
}

void add_row(float* target, const float* row) {
  for (int y = 0; y < k_num_labels; ++y) target[y] += row[y];
}

}  // namespace

// The WordLookup of one label_document call: the model's shared cache,
// then words computed for this call.
class CachingLookup final : public WordLookup {
 public:
  explicit CachingLookup(const Model& model) : m_model(model) {}

  const WordInfo* find(std::string_view form) override {
    const std::uint64_t key = form_key(form);
    const std::uint32_t shared = m_model.m_word_index.find(key);
    if (shared != FlatHashIndex::k_missing) return &m_model.m_words[shared].info;
    auto [it, inserted] = m_local_index.try_emplace(key, 0);
    if (!inserted) return &m_local[it->second].info;
    it->second = static_cast<std::uint32_t>(m_local.size());
    Model::CachedWord& word = m_local.emplace_back();
    m_features.clear();
    analyse_word(form, m_model.m_parameters.lexicon, m_model.m_parameters.groups, word.info,
                 &m_features);
    word.emissions = it->second;
    word.info.entry = k_local_bit | it->second;
    m_pool.resize(m_pool.size() + k_block);
    m_model.word_emissions(m_features, m_pool.data() + std::size_t{word.emissions} * k_block);
    return &word.info;
  }

  const float* emissions(const WordInfo& info) const {
    if (info.entry & k_local_bit) {
      return m_pool.data() + std::size_t{info.entry & ~k_local_bit} * k_block;
    }
    return m_model.m_pool.data() + std::size_t{m_model.m_words[info.entry].emissions} * k_block;
  }

 private:
  static constexpr std::uint32_t k_local_bit = 0x80000000u;
  const Model& m_model;
  std::unordered_map<std::uint64_t, std::uint32_t> m_local_index;
  std::deque<Model::CachedWord> m_local;
  std::vector<float> m_pool;
  std::vector<WordFeature> m_features;
};

Model::Model(ModelParameters parameters) : m_parameters(std::move(parameters)) {
  m_padding.assign(2 * k_block, 0.0f);
  word_emissions({padding_feature(-1, m_parameters.groups)}, m_padding.data());
  word_emissions({padding_feature(1, m_parameters.groups)}, m_padding.data() + k_block);
  const Lexicon& lexicon = m_parameters.lexicon;
  m_word_index.reserve(lexicon.size() * 2);
  for (std::size_t i = 0; i < lexicon.size(); ++i) {
    const Lexicon::Word& word = lexicon.word(i);
    add_word(word.usual);
    if (word.entry.frequency >= k_all_forms_frequency) {
      add_word(word.lower);
      add_word(capitalised(word.lower));
    }
  }
}

void Model::add_word(std::string_view form) {
  const std::uint64_t key = form_key(form);
  if (m_word_index.find(key) != FlatHashIndex::k_missing) return;
  std::vector<WordFeature> features;
  CachedWord word;
  analyse_word(form, m_parameters.lexicon, m_parameters.groups, word.info, &features);
  word.emissions = static_cast<std::uint32_t>(m_words.size());
  word.info.entry = static_cast<std::uint32_t>(m_words.size());
  m_pool.resize(m_pool.size() + k_block);
  word_emissions(features, m_pool.data() + std::size_t{word.emissions} * k_block);
  m_word_index.insert(key, static_cast<std::uint32_t>(m_words.size()));
  m_words.push_back(word);
}

void Model::word_emissions(const std::vector<WordFeature>& features, float* out) const {
  const StageWeights& weights = m_parameters.stages.front();
  std::fill(out, out + k_block, 0.0f);
  for (const WordFeature& f : features) {
    for (int k = -k_window; k <= k_window; ++k) {
      if (!(f.offsets & (1u << (k + k_window)))) continue;
      if (const float* row = weights.find(offset_key(f.key, k))) {
        add_row(out + static_cast<std::size_t>(k + k_window) * k_num_labels, row);
      }
    }
  }
}

namespace {

// The buffers of one label_document call, reused from sentence to sentence.
struct LabellingScratch {
  std::vector<std::uint64_t> keys;    // position (or prediction) feature keys
  std::vector<const float*> blocks;   // each token's word block
  std::vector<std::size_t> keys_end;  // each token's end in `keys`
  std::vector<const float*> rows;     // each key's row, or nullptr
  DecoderScratch decoder;
};

// Collects the word blocks of tokens [begin, end) into scratch.blocks and
// starts loading them.
inline void request_word_blocks(const PreparedDocument& doc, std::size_t begin, std::size_t end,
                                const CachingLookup& lookup, LabellingScratch& scratch) {
  scratch.blocks.clear();
  for (std::size_t j = begin; j < end; ++j) {
    const float* block = lookup.emissions(*doc.words[j]);
    scratch.blocks.push_back(block);
    prefetch_bytes(block, k_block * sizeof(float));
  }
}

// Collects the position feature keys of sentence `s` into scratch.keys
// (scratch.keys_end: each token's end) and starts loading their rows.
inline void request_position_keys(const PreparedDocument& doc, std::size_t s, std::uint32_t groups,
                                  const StageWeights& weights, LabellingScratch& scratch) {
  scratch.keys.clear();
  scratch.keys_end.clear();
  for (std::size_t i = doc.sentence_begin[s]; i < doc.sentence_end(s); ++i) {
    position_features(doc, s, i, groups, scratch.keys);
    scratch.keys_end.push_back(scratch.keys.size());
  }
  for (std::uint64_t key : scratch.keys) weights.prefetch(key);
}

// Adds each word block's offset rows to the scores of the tokens around it
// in [begin, end); the padding blocks `before` and `after` stand for the
// words beyond the sentence's ends.
inline void add_word_blocks(std::ptrdiff_t begin, std::ptrdiff_t end, const float* before,
                            const float* after, const LabellingScratch& scratch, float* scores) {
  for (std::ptrdiff_t j = begin - k_window; j < end + k_window; ++j) {
    const float* block = j < begin  ? before
                         : j >= end ? after
                                    : scratch.blocks[static_cast<std::size_t>(j - begin)];
    for (int k = -k_window; k <= k_window; ++k) {
      const std::ptrdiff_t i = j - k;  // word j is at offset k of token i
      if (i < begin || i >= end) continue;
      add_row(scores + static_cast<std::size_t>(i) * k_num_labels,
              block + static_cast<std::size_t>(k + k_window) * k_num_labels);
    }
  }
}

// Adds the rows of scratch.keys (those `weights` holds) to the scores of
// tokens [begin, end), which request_position_keys collected them for.
inline void add_position_rows(std::size_t begin, std::size_t end, const StageWeights& weights,
                              LabellingScratch& scratch, float* scores) {
  scratch.rows.clear();
  for (std::uint64_t key : scratch.keys) {
    const float* row = weights.find(key);
    if (row) __builtin_prefetch(row);
    scratch.rows.push_back(row);
  }
  std::size_t key = 0;
  for (std::size_t i = begin; i < end; ++i) {
    for (; key < scratch.keys_end[i - begin]; ++key) {
      if (scratch.rows[key]) add_row(scores + i * k_num_labels, scratch.rows[key]);
    }
  }
}

// Stage two's scores of token i of sentence s into `target`: stage one's
// `scores` through the stacking matrix, plus the prediction features' rows.
inline void add_second_stage_scores(const PreparedDocument& doc, std::size_t s, std::size_t i,
                                    const StageWeights& second, const float* scores,
                                    std::vector<std::uint64_t>& keys, float* target) {
  const std::vector<float>& stacking = second.stacking();
  for (int from = 0; from < k_num_labels; ++from) {
    const float* row = stacking.data() + static_cast<std::size_t>(from) * k_num_labels;
    for (int y = 0; y < k_num_labels; ++y) target[y] += scores[from] * row[y];
  }
  keys.clear();
  prediction_features(doc, s, i, keys);
  for (std::uint64_t key : keys) {
    if (const float* row = second.find(key)) add_row(target, row);
  }
}

// Stage one's scores of every token into `first` (k_num_labels per token)
// and its labels into `labels`. Each word adds its offset rows to the tokens
// around it (padding beyond the sentence's ends: `padding` holds the before
// and after blocks), then the position features. The words' blocks and the
// features' rows are scattered over tens of MB, and reading them one after
// another waited for each miss in turn (over half of label_document's
// time): a sentence's are all requested first, so the misses overlap. The
// sums are added in the same order either way.
inline void label_first_stage(const PreparedDocument& doc, const CachingLookup& lookup,
                              const StageWeights& weights, const float* padding,
                              std::uint32_t groups, LabellingScratch& scratch,
                              std::vector<float>& first, std::vector<Label>& labels) {
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    const std::size_t begin = doc.sentence_begin[s];
    const std::size_t end = doc.sentence_end(s);
    if (end == begin) continue;
    request_word_blocks(doc, begin, end, lookup, scratch);
    request_position_keys(doc, s, groups, weights, scratch);
    add_word_blocks(static_cast<std::ptrdiff_t>(begin), static_cast<std::ptrdiff_t>(end), padding,
                    padding + k_block, scratch, first.data());
    add_position_rows(begin, end, weights, scratch, first.data());
    viterbi(first.data() + begin * k_num_labels, end - begin, weights.transitions(),
            labels.data() + begin, scratch.decoder);
  }
}

// Stage two's labels into `labels`: stage one's scores `first` through the
// stacking matrix, plus what stage one said (its `labels`, set as doc's
// predictions) about the other occurrences of each word.
inline void label_second_stage(const StageWeights& second, const std::vector<float>& first,
                               LabellingScratch& scratch, PreparedDocument& doc,
                               std::vector<Label>& labels) {
  set_predictions(labels, doc);
  std::vector<float> emissions;
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    const std::size_t begin = doc.sentence_begin[s];
    const std::size_t end = doc.sentence_end(s);
    emissions.assign((end - begin) * k_num_labels, 0.0f);
    for (std::size_t i = begin; i < end; ++i) {
      add_second_stage_scores(doc, s, i, second, first.data() + i * k_num_labels, scratch.keys,
                              emissions.data() + (i - begin) * k_num_labels);
    }
    viterbi(emissions.data(), end - begin, second.transitions(), labels.data() + begin,
            scratch.decoder);
  }
}

}  // namespace

std::vector<Label> Model::label_document(const DocumentTokens& document,
                                         PreparedDocument* prepared) const {
  PreparedDocument local;
  PreparedDocument& doc = prepared ? *prepared : local;
  CachingLookup lookup(*this);
  prepare_document(document.forms, document.sentence_begin, document.sentence_caps,
                   m_parameters.lexicon, m_parameters.gazetteer, m_parameters.groups, lookup, doc);
  const std::size_t n = doc.forms.size();
  std::vector<Label> labels(n, k_outside);
  std::vector<float> first(n * k_num_labels, 0.0f);
  LabellingScratch scratch;
  label_first_stage(doc, lookup, m_parameters.stages.front(), m_padding.data(), m_parameters.groups,
                    scratch, first, labels);
  if (m_parameters.stages.size() > 1) {
    label_second_stage(m_parameters.stages[1], first, scratch, doc, labels);
  }
  if (prepared) std::fill(doc.words.begin(), doc.words.end(), nullptr);  // they were this call's
  return labels;
}

}  // namespace dateline::ner

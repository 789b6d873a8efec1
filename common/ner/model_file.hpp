// ModelParameters: everything ner-train learns, and the model file that
// stores it.
//
// The file format, version 1, is specified in docs/specs/ner-model-file.md:
// magic "DLNERMDL", version, label set and window, feature groups,
// description, lexicon, gazetteer, one or two stages of transitions and
// 16-bit feature weights, and a checksum of it all; little-endian
// throughout, and canonical (the same parameters give the same bytes).
// The shipped model and every model users trained are in this format: any
// change to it, or to the numbers it stores (label ids, Casing,
// Gazetteer::Source, FeatureGroup, Recase, feature template ids, the
// hashes of hash.hpp), needs a new k_model_version and the spec updated.
//
// Reading checks the magic, version, checksum, sizes and order, and throws
// dateline::Error naming the file otherwise: a truncated, corrupt or
// foreign file is refused, never half-loaded.
//
// Thread-safety: the functions keep no state; a StageWeights is read-only
// once built and may be shared.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/decoder.hpp"
#include "common/ner/hash_index.hpp"
#include "common/ner/labels.hpp"
#include "common/ner/lexicon.hpp"

namespace dateline::ner {

inline constexpr std::string_view k_model_magic = "DLNERMDL";
inline constexpr std::uint32_t k_model_version = 2;

// Feature weights of one stage: a row of k_num_labels scores per key. The
// second stage also has a stacking matrix: its score for label y starts as
// the sum over y' of the first stage's score for y' times
// stacking[y' * L + y].
class StageWeights {
 public:
  StageWeights() = default;
  // REQUIRES: weights.size() == keys.size() * k_num_labels; keys distinct;
  // stacking empty or of k_num_labels^2 values.
  StageWeights(std::vector<std::uint64_t> keys, std::vector<float> weights, Transitions transitions,
               std::vector<float> stacking = {});

  // The row for `key`, or nullptr.
  const float* find(std::uint64_t key) const {
    const std::uint32_t row = m_index.find(key);
    return row == FlatHashIndex::k_missing ? nullptr
                                           : m_weights.data() + std::size_t{row} * k_num_labels;
  }
  // Starts loading what find(key) reads first (see FlatHashIndex::prefetch).
  void prefetch(std::uint64_t key) const { m_index.prefetch(key); }
  const Transitions& transitions() const { return m_transitions; }
  const std::vector<float>& stacking() const { return m_stacking; }
  std::size_t size() const { return m_keys.size(); }
  const std::vector<std::uint64_t>& keys() const { return m_keys; }
  const std::vector<float>& weights() const { return m_weights; }

 private:
  std::vector<std::uint64_t> m_keys;  // ascending
  std::vector<float> m_weights;
  FlatHashIndex m_index;
  Transitions m_transitions;
  std::vector<float> m_stacking;
};

struct ModelParameters {
  std::uint32_t groups = 0;
  std::string description;
  Lexicon lexicon;
  Gazetteer gazetteer;
  // Stage one scores words and positions; the optional stage two is
  // stacked on it (stacking matrix and prediction features only).
  std::vector<StageWeights> stages;
};

// The bytes of a model file. Weights are quantised to 16 bits per stage
// (within half a step of the largest weight / 32767). REQUIRES: one or two
// stages, the second with a stacking matrix and the first without.
std::string serialize_model(const ModelParameters& model);
// The parameters in `bytes`; `what` names the source in error messages.
// Cost: linear in the size (2.9 MB for the shipped model), plus building
// the hash indexes.
ModelParameters deserialize_model(std::string_view bytes, const std::string& what);

// Throws dateline::Error naming the file when it cannot be written or read.
void write_model_file(const ModelParameters& model, const std::filesystem::path& path);
ModelParameters read_model_file(const std::filesystem::path& path);

}  // namespace dateline::ner

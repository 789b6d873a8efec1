// ModelParameters: everything ner-train learns, and the model file that
// stores it.
//
// File format (all integers and floats little-endian; floats IEEE-754):
//
//   magic        8 bytes  "DLNERMDL"
//   version      u32      k_model_version (a reader refuses any other)
//   labels       u32      k_num_labels (9: O, then B-/I- for PER LOC ORG MISC)
//   window       u32      k_window (2)
//   groups       u32      FeatureGroup bits the model was trained with
//   description  u32 length + UTF-8 text: provenance, written by ner-train
//   lexicon      u64 count, then per word: lower form (u32 length + bytes),
//                casing u8, usual form (u32 length + bytes, only when casing
//                is 3 "other"), cluster path u32, cluster depth u8,
//                capitalisation ratio u8, frequency u8
//   gazetteer    u64 count, then per phrase: phrase hash u64, mask u16
//   stages       u32 count (1 or 2), then per stage:
//                  start scores   L x f32
//                  transitions    L*L x f32 ([previous * L + current])
//                  stacking       u32 count (0, or L*L in stage two), then that
//                                 many f32: [first-stage label * L + label]
//                  scale          f32: a weight is its i16 value times scale
//                  features       u64 count N, N x u64 keys (ascending),
//                                 N*L x i16 weights (row per key)
//   checksum     u64      hash_bytes of every byte before it
//
// Feature keys are the hashes described in features.hpp. Reading checks the
// magic, version, sizes and checksum, and throws dateline::Error naming the
// file otherwise.
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
inline constexpr std::uint32_t k_model_version = 1;

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

// The bytes of a model file. Weights are quantised to 16 bits.
std::string serialize_model(const ModelParameters& model);
// `what` names the source in error messages.
ModelParameters deserialize_model(std::string_view bytes, const std::string& what);

// Throws dateline::Error naming the file when it cannot be written or read.
void write_model_file(const ModelParameters& model, const std::filesystem::path& path);
ModelParameters read_model_file(const std::filesystem::path& path);

}  // namespace dateline::ner

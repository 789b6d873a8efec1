// Viterbi decoding of a sentence under the IOB2 constraint (I-X only after
// B-X or I-X), given per-token label scores and label-transition scores.
// Cost: O(n * L^2) for n tokens and L = k_num_labels labels. Thread-safe;
// the scratch space is the caller's.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "common/ner/labels.hpp"

namespace dateline::ner {

struct Transitions {
  std::array<float, k_num_labels> start{};                 // first label
  std::array<float, k_num_labels * k_num_labels> score{};  // [previous * L + current]
};

// True when `current` may follow `previous` (k_outside before a sentence).
constexpr bool transition_allowed(Label previous, Label current) {
  return !is_inside(current) ||
         (previous != k_outside && label_type(previous) == label_type(current));
}

struct DecoderScratch {
  std::vector<float> delta;
  std::vector<Label> back;
};

// Writes the best labels of `n` tokens to `out`. `emissions` holds n rows of
// k_num_labels scores. REQUIRES: `out` has room for n labels.
void viterbi(const float* emissions, std::size_t n, const Transitions& transitions, Label* out,
             DecoderScratch& scratch);

}  // namespace dateline::ner

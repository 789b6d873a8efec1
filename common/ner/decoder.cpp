#include "common/ner/decoder.hpp"

#include <limits>

namespace dateline::ner {

void viterbi(const float* emissions, std::size_t n, const Transitions& transitions, Label* out,
             DecoderScratch& scratch) {
  if (n == 0) return;
  constexpr int L = k_num_labels;
  constexpr float k_impossible = -std::numeric_limits<float>::infinity();
  scratch.delta.resize(n * L);
  scratch.back.resize(n * L);
  float* delta = scratch.delta.data();
  Label* back = scratch.back.data();
  for (int y = 0; y < L; ++y) {
    delta[y] =
        is_inside(static_cast<Label>(y)) ? k_impossible : transitions.start[y] + emissions[y];
    back[y] = 0;
  }
  // The transition scores with the forbidden ones made impossible, so the
  // inner loops below run over every label without a test.
  float allowed[L * L];
  for (int p = 0; p < L; ++p) {
    for (int y = 0; y < L; ++y) {
      allowed[p * L + y] = transition_allowed(static_cast<Label>(p), static_cast<Label>(y))
                               ? transitions.score[p * L + y]
                               : k_impossible;
    }
  }
  for (std::size_t i = 1; i < n; ++i) {
    const float* previous = delta + (i - 1) * L;
    float* current = delta + i * L;
    Label* from = back + i * L;
    // The first best previous label wins a tie.
    for (int y = 0; y < L; ++y) {
      current[y] = previous[0] + allowed[y];
      from[y] = 0;
    }
    for (int p = 1; p < L; ++p) {
      const float* row = allowed + p * L;
      for (int y = 0; y < L; ++y) {
        const float score = previous[p] + row[y];
        if (score > current[y]) {
          current[y] = score;
          from[y] = static_cast<Label>(p);
        }
      }
    }
    const float* emission = emissions + i * L;
    for (int y = 0; y < L; ++y) current[y] += emission[y];
  }
  const float* last = delta + (n - 1) * L;
  int best = 0;
  for (int y = 1; y < L; ++y) {
    if (last[y] > last[best]) best = y;
  }
  for (std::size_t i = n; i-- > 0;) {
    out[i] = static_cast<Label>(best);
    best = back[i * L + best];
  }
}

}  // namespace dateline::ner

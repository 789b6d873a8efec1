// Scoring a tagger the way conlleval does: a chunk counts as correct only
// when its type, first and last token all match the gold chunk. Precision,
// recall and F1 per type and overall, and token accuracy.
// An Evaluation is a plain accumulator: one thread adds to it at a time.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "common/ner/labels.hpp"

namespace dateline::ner {

struct ChunkCounts {
  std::size_t gold = 0;
  std::size_t found = 0;
  std::size_t correct = 0;

  double precision() const { return found == 0 ? 0.0 : static_cast<double>(correct) / found; }
  double recall() const { return gold == 0 ? 0.0 : static_cast<double>(correct) / gold; }
  double f1() const {
    const double p = precision();
    const double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

class Evaluation {
 public:
  // Adds one sentence. REQUIRES: `gold` and `predicted` have one label per
  // token, as many as each other.
  void add(const std::vector<Label>& gold, const std::vector<Label>& predicted);

  // Adds the counts of `other` (scores pooled over several test sets).
  void merge(const Evaluation& other);

  const ChunkCounts& overall() const { return m_overall; }
  const ChunkCounts& of_type(int type) const { return m_types[static_cast<std::size_t>(type)]; }
  std::size_t tokens() const { return m_tokens; }
  double accuracy() const {
    return m_tokens == 0 ? 0.0 : static_cast<double>(m_correct_tokens) / m_tokens;
  }

  // conlleval's summary: the totals line, then one line per type.
  std::string report() const;

 private:
  std::array<ChunkCounts, k_num_types> m_types{};
  ChunkCounts m_overall;
  std::size_t m_tokens = 0;
  std::size_t m_correct_tokens = 0;
};

}  // namespace dateline::ner

#include "common/ner/evaluation.hpp"

#include <algorithm>
#include <cstdio>

namespace dateline::ner {

void Evaluation::add(const std::vector<Label>& gold, const std::vector<Label>& predicted) {
  const std::vector<Chunk> gold_chunks = chunks_from_labels(gold);
  const std::vector<Chunk> found_chunks = chunks_from_labels(predicted);
  for (const Chunk& c : gold_chunks) {
    ++m_types[static_cast<std::size_t>(c.type)].gold;
    ++m_overall.gold;
  }
  for (const Chunk& c : found_chunks) {
    ++m_types[static_cast<std::size_t>(c.type)].found;
    ++m_overall.found;
    if (std::find(gold_chunks.begin(), gold_chunks.end(), c) != gold_chunks.end()) {
      ++m_types[static_cast<std::size_t>(c.type)].correct;
      ++m_overall.correct;
    }
  }
  const std::size_t n = std::min(gold.size(), predicted.size());
  m_tokens += gold.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (gold[i] == predicted[i]) ++m_correct_tokens;
  }
}

void Evaluation::merge(const Evaluation& other) {
  auto add = [](ChunkCounts& into, const ChunkCounts& from) {
    into.gold += from.gold;
    into.found += from.found;
    into.correct += from.correct;
  };
  for (std::size_t t = 0; t < m_types.size(); ++t) add(m_types[t], other.m_types[t]);
  add(m_overall, other.m_overall);
  m_tokens += other.m_tokens;
  m_correct_tokens += other.m_correct_tokens;
}

std::string Evaluation::report() const {
  char line[256];
  std::string out;
  std::snprintf(line, sizeof line,
                "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n",
                m_tokens, m_overall.gold, m_overall.found, m_overall.correct);
  out += line;
  std::snprintf(line, sizeof line,
                "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                100 * accuracy(), 100 * m_overall.precision(), 100 * m_overall.recall(),
                100 * m_overall.f1());
  out += line;
  for (int t = 0; t < k_num_types; ++t) {
    const ChunkCounts& c = of_type(t);
    std::snprintf(line, sizeof line, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n",
                  std::string(type_tag(t)).c_str(), 100 * c.precision(), 100 * c.recall(),
                  100 * c.f1(), c.found);
    out += line;
  }
  return out;
}

}  // namespace dateline::ner

#include "common/ner/clusters.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dateline::ner {
namespace {

// Rows of unit-length sparse vectors.
struct SparseRows {
  std::vector<std::size_t> begin;  // size rows + 1
  std::vector<std::uint32_t> column;
  std::vector<float> value;
  std::size_t dimensions = 0;

  float dot(std::size_t row, const std::vector<float>& dense) const {
    float sum = 0;
    for (std::size_t k = begin[row]; k < begin[row + 1]; ++k) sum += value[k] * dense[column[k]];
    return sum;
  }
  void add_to(std::size_t row, float scale, std::vector<float>& dense) const {
    for (std::size_t k = begin[row]; k < begin[row + 1]; ++k) dense[column[k]] += scale * value[k];
  }
};

SparseRows context_vectors(const std::vector<std::uint32_t>& corpus, std::size_t rows,
                           std::size_t contexts) {
  // Feature ids: left neighbour c -> c, sentence start -> C; right neighbour
  // c -> C + 1 + c, sentence end -> 2C + 1.
  const auto c_count = static_cast<std::uint32_t>(contexts);
  std::vector<std::uint64_t> pairs;
  pairs.reserve(corpus.size() * 2);
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const std::uint32_t w = corpus[i];
    if (w == k_sentence_boundary || w >= rows) continue;
    const std::uint32_t left = i > 0 ? corpus[i - 1] : k_sentence_boundary;
    const std::uint32_t right = i + 1 < corpus.size() ? corpus[i + 1] : k_sentence_boundary;
    if (left == k_sentence_boundary) {
      pairs.push_back((std::uint64_t{w} << 32) | c_count);
    } else if (left < c_count) {
      pairs.push_back((std::uint64_t{w} << 32) | left);
    }
    if (right == k_sentence_boundary) {
      pairs.push_back((std::uint64_t{w} << 32) | (2 * c_count + 1));
    } else if (right < c_count) {
      pairs.push_back((std::uint64_t{w} << 32) | (c_count + 1 + right));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  SparseRows m;
  m.dimensions = 2 * contexts + 2;
  m.begin.assign(rows + 1, 0);
  std::vector<double> row_total(rows, 0.0);
  std::vector<double> column_total(m.dimensions, 0.0);
  std::vector<std::uint32_t> row_of;
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const auto row = static_cast<std::uint32_t>(pairs[i] >> 32);
    const auto column = static_cast<std::uint32_t>(pairs[i] & 0xFFFFFFFFu);
    const auto count = static_cast<float>(j - i);
    row_of.push_back(row);
    m.column.push_back(column);
    m.value.push_back(count);
    row_total[row] += count;
    column_total[column] += count;
    i = j;
  }
  const auto total = static_cast<double>(pairs.size());
  for (std::size_t k = 0; k < m.value.size(); ++k) {
    const double pmi =
        std::log(m.value[k] * total / (row_total[row_of[k]] * column_total[m.column[k]]));
    m.value[k] = pmi > 0 ? static_cast<float>(pmi) : 0.0f;
  }
  for (std::uint32_t row : row_of) ++m.begin[row + 1];
  std::partial_sum(m.begin.begin(), m.begin.end(), m.begin.begin());
  for (std::size_t r = 0; r < rows; ++r) {
    double norm = 0;
    for (std::size_t k = m.begin[r]; k < m.begin[r + 1]; ++k)
      norm += double{m.value[k]} * m.value[k];
    if (norm <= 0) continue;
    const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
    for (std::size_t k = m.begin[r]; k < m.begin[r + 1]; ++k) m.value[k] *= scale;
  }
  return m;
}

void normalise(std::vector<float>& v) {
  double norm = 0;
  for (float x : v) norm += double{x} * x;
  if (norm <= 0) return;
  const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
  for (float& x : v) x *= scale;
}

class Splitter {
 public:
  Splitter(const SparseRows& m, const ClusterParams& params, std::vector<ClusterPath>& paths)
      : m_rows(m), m_params(params), m_paths(paths) {}

  void split(std::vector<std::uint32_t> members, std::uint32_t bits, int depth) {
    if (depth >= m_params.max_depth || members.size() < m_params.min_split) {
      assign(members, bits, depth);
      return;
    }
    std::vector<std::uint8_t> side = principal_split(members);
    refine(members, side);
    std::vector<std::uint32_t> left;
    std::vector<std::uint32_t> right;
    for (std::size_t i = 0; i < members.size(); ++i) (side[i] ? right : left).push_back(members[i]);
    if (left.empty() || right.empty()) {
      assign(members, bits, depth);
      return;
    }
    members.clear();
    members.shrink_to_fit();
    split(std::move(left), bits << 1, depth + 1);
    split(std::move(right), (bits << 1) | 1u, depth + 1);
  }

 private:
  void assign(const std::vector<std::uint32_t>& members, std::uint32_t bits, int depth) {
    for (std::uint32_t w : members)
      m_paths[w] = {bits, static_cast<std::uint8_t>(std::max(depth, 1))};
  }

  // Sides by the sign of each member's projection on the first principal
  // direction of the members (power iteration from the most frequent one).
  std::vector<std::uint8_t> principal_split(const std::vector<std::uint32_t>& members) {
    const std::size_t d = m_rows.dimensions;
    std::vector<float> mean(d, 0.0f);
    for (std::uint32_t w : members)
      m_rows.add_to(w, 1.0f / static_cast<float>(members.size()), mean);
    std::vector<float> v(d, 0.0f);
    m_rows.add_to(members.front(), 1.0f, v);
    for (std::size_t k = 0; k < d; ++k) v[k] -= mean[k];
    normalise(v);
    std::vector<float> projection(members.size());
    for (int iteration = 0; iteration < m_params.power_iterations; ++iteration) {
      const float mean_dot = std::inner_product(mean.begin(), mean.end(), v.begin(), 0.0f);
      std::vector<float> next(d, 0.0f);
      float sum = 0;
      for (std::size_t i = 0; i < members.size(); ++i) {
        projection[i] = m_rows.dot(members[i], v) - mean_dot;
        m_rows.add_to(members[i], projection[i], next);
        sum += projection[i];
      }
      for (std::size_t k = 0; k < d; ++k) next[k] -= sum * mean[k];
      normalise(next);
      v.swap(next);
    }
    const float mean_dot = std::inner_product(mean.begin(), mean.end(), v.begin(), 0.0f);
    std::vector<std::uint8_t> side(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      side[i] = m_rows.dot(members[i], v) - mean_dot > 0 ? 1 : 0;
    }
    return side;
  }

  // Spherical 2-means from the given sides.
  void refine(const std::vector<std::uint32_t>& members, std::vector<std::uint8_t>& side) {
    const std::size_t d = m_rows.dimensions;
    for (int iteration = 0; iteration < m_params.refinements; ++iteration) {
      std::vector<float> centre[2] = {std::vector<float>(d, 0.0f), std::vector<float>(d, 0.0f)};
      for (std::size_t i = 0; i < members.size(); ++i)
        m_rows.add_to(members[i], 1.0f, centre[side[i]]);
      normalise(centre[0]);
      normalise(centre[1]);
      bool changed = false;
      for (std::size_t i = 0; i < members.size(); ++i) {
        const std::uint8_t best =
            m_rows.dot(members[i], centre[1]) > m_rows.dot(members[i], centre[0]) ? 1 : 0;
        changed |= best != side[i];
        side[i] = best;
      }
      if (!changed) break;
    }
  }

  const SparseRows& m_rows;
  const ClusterParams& m_params;
  std::vector<ClusterPath>& m_paths;
};

}  // namespace

std::vector<ClusterPath> cluster_words(const std::vector<std::uint32_t>& corpus,
                                       std::size_t cluster_count, const ClusterParams& params) {
  const SparseRows rows = context_vectors(corpus, cluster_count, params.context_words);
  std::vector<ClusterPath> paths(cluster_count);
  std::vector<std::uint32_t> members;
  for (std::size_t w = 0; w < cluster_count; ++w) {
    if (rows.begin[w + 1] > rows.begin[w]) members.push_back(static_cast<std::uint32_t>(w));
  }
  if (members.empty()) return paths;
  ClusterParams bounded = params;
  bounded.max_depth = std::min(params.max_depth, 32);
  Splitter(rows, bounded, paths).split(std::move(members), 0, 0);
  return paths;
}

}  // namespace dateline::ner

// Distributional word clusters for the tagger, computed by ner-train from
// unlabelled news text: each word becomes a vector of its left and right
// neighbours (positive pointwise mutual information over the most frequent
// words), and the words are split recursively in two — along the principal
// direction, then refined by spherical 2-means — giving each word a path in
// a binary tree. Words with similar paths occur in similar contexts; path
// prefixes are features (as Brown-cluster prefixes are in NER taggers).
//
// Deterministic: no randomness, fixed iteration order. Cost about
// O(depth * nonzeros * iterations); seconds for a few million tokens.
// Thread-safety: a pure function of its arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dateline::ner {

struct ClusterParams {
  std::size_t context_words = 2000;  // the most frequent words serve as contexts
  int max_depth = 20;                // path length limit (at most 32)
  std::size_t min_split = 6;         // clusters smaller than this are not split
  int power_iterations = 8;
  int refinements = 4;
};

struct ClusterPath {
  std::uint32_t bits = 0;  // the first branch in bit depth-1
  std::uint8_t depth = 0;  // 0: not clustered (no context seen)
};

inline constexpr std::uint32_t k_sentence_boundary = 0xFFFFFFFFu;

// `corpus` holds word ids, sentences separated by k_sentence_boundary.
// Words 0..cluster_count-1 are clustered; the result has cluster_count
// paths. REQUIRES: ids numbered by decreasing frequency;
// params.max_depth <= 32.
std::vector<ClusterPath> cluster_words(const std::vector<std::uint32_t>& corpus,
                                       std::size_t cluster_count, const ClusterParams& params);

}  // namespace dateline::ner

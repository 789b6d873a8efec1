// Unit tests for common/ner/clusters.cpp: words used in the same contexts
// end up near each other in the cluster tree, and the result is
// deterministic.
#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <vector>

#include "common/ner/clusters.hpp"

namespace dateline::ner {
namespace {

// Length of the common prefix of two cluster paths.
int shared_prefix(const ClusterPath& a, const ClusterPath& b) {
  int n = 0;
  while (n < a.depth && n < b.depth &&
         ((a.bits >> (a.depth - 1 - n)) & 1u) == ((b.bits >> (b.depth - 1 - n)) & 1u)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("words in the same contexts share cluster path prefixes", "[ner][clusters]") {
  // The six context words first (the most frequent), then animals 6-8 and
  // cities 9-11.
  enum : std::uint32_t { the, in, barks, city, sleeps, today, dog, cat, cow, paris, rome, oslo };
  std::vector<std::uint32_t> corpus;
  auto sentence = [&](std::vector<std::uint32_t> words) {
    corpus.insert(corpus.end(), words.begin(), words.end());
    corpus.push_back(k_sentence_boundary);
  };
  for (int repeat = 0; repeat < 20; ++repeat) {
    for (std::uint32_t animal : {dog, cat, cow}) {
      sentence({the, animal, barks, today});
      sentence({the, animal, sleeps});
    }
    for (std::uint32_t place : {paris, rome, oslo}) {
      sentence({in, place, city, today});
      sentence({in, place, today});
    }
  }
  ClusterParams params;
  params.context_words = 6;
  params.min_split = 2;
  const std::vector<ClusterPath> paths = cluster_words(corpus, 12, params);
  REQUIRE(paths.size() == 12);
  for (std::uint32_t w : {dog, cat, cow, paris, rome, oslo}) CHECK(paths[w].depth > 0);
  CHECK(shared_prefix(paths[dog], paths[cat]) > shared_prefix(paths[dog], paths[paris]));
  CHECK(shared_prefix(paths[rome], paths[oslo]) > shared_prefix(paths[cow], paths[oslo]));

  const std::vector<ClusterPath> again = cluster_words(corpus, 12, params);
  for (std::size_t w = 0; w < paths.size(); ++w) {
    CHECK(again[w].bits == paths[w].bits);
    CHECK(again[w].depth == paths[w].depth);
  }
}

TEST_CASE("words never seen get no cluster", "[ner][clusters]") {
  const std::vector<std::uint32_t> corpus = {0, 1, k_sentence_boundary, 1, 0, k_sentence_boundary};
  const std::vector<ClusterPath> paths = cluster_words(corpus, 3, ClusterParams{});
  REQUIRE(paths.size() == 3);
  CHECK(paths[2].depth == 0);
  CHECK(paths[0].depth > 0);
}

}  // namespace dateline::ner

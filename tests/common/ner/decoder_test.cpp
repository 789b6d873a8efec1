// Unit tests for common/ner/decoder.cpp: Viterbi decoding under the IOB2
// constraint.
#include <catch2/catch.hpp>

#include <vector>

#include "common/ner/decoder.hpp"

namespace dateline::ner {
namespace {

std::vector<float> scores_preferring(const std::vector<Label>& preferred, float strength) {
  std::vector<float> scores(preferred.size() * k_num_labels, 0.0f);
  for (std::size_t i = 0; i < preferred.size(); ++i)
    scores[i * k_num_labels + preferred[i]] = strength;
  return scores;
}

std::vector<Label> decode(const std::vector<float>& scores, const Transitions& transitions) {
  std::vector<Label> out(scores.size() / k_num_labels);
  DecoderScratch scratch;
  viterbi(scores.data(), out.size(), transitions, out.data(), scratch);
  return out;
}

}  // namespace

TEST_CASE("transition_allowed encodes IOB2", "[ner][decoder]") {
  CHECK(transition_allowed(k_outside, begin_label(0)));
  CHECK(transition_allowed(begin_label(0), inside_label(0)));
  CHECK(transition_allowed(inside_label(0), inside_label(0)));
  CHECK_FALSE(transition_allowed(k_outside, inside_label(0)));
  CHECK_FALSE(transition_allowed(begin_label(1), inside_label(0)));
  CHECK(transition_allowed(inside_label(2), k_outside));
}

TEST_CASE("viterbi follows the scores when they are consistent", "[ner][decoder]") {
  const std::vector<Label> wanted = {begin_label(0), inside_label(0), k_outside, begin_label(1)};
  CHECK(decode(scores_preferring(wanted, 5.0f), Transitions{}) == wanted);
}

TEST_CASE("viterbi never starts a chunk with I-", "[ner][decoder]") {
  // The scores prefer I-LOC first and after O, which IOB2 forbids.
  const std::vector<float> scores =
      scores_preferring({inside_label(1), k_outside, inside_label(1)}, 5.0f);
  const std::vector<Label> labels = decode(scores, Transitions{});
  REQUIRE(labels.size() == 3);
  CHECK_FALSE(is_inside(labels[0]));
  for (std::size_t i = 1; i < labels.size(); ++i) {
    CHECK(transition_allowed(labels[i - 1], labels[i]));
  }
}

TEST_CASE("viterbi weighs transitions against emissions", "[ner][decoder]") {
  // Token 1 weakly prefers O, but B-PER -> I-PER is strongly rewarded.
  std::vector<float> scores = scores_preferring({begin_label(0), k_outside}, 1.0f);
  Transitions transitions;
  transitions.score[begin_label(0) * k_num_labels + inside_label(0)] = 3.0f;
  CHECK(decode(scores, transitions) == std::vector<Label>{begin_label(0), inside_label(0)});
  transitions.score[begin_label(0) * k_num_labels + inside_label(0)] = 0.5f;
  CHECK(decode(scores, transitions) == std::vector<Label>{begin_label(0), k_outside});
}

TEST_CASE("viterbi handles empty and one-token input", "[ner][decoder]") {
  CHECK(decode({}, Transitions{}).empty());
  CHECK(decode(scores_preferring({begin_label(3)}, 1.0f), Transitions{}) ==
        std::vector<Label>{begin_label(3)});
}

}  // namespace dateline::ner

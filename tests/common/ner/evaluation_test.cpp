// Unit tests for common/ner/evaluation.cpp: conlleval's exact-match chunk
// counting, precision, recall, F1 and the report.
#include <catch2/catch.hpp>

#include <vector>

#include "common/ner/evaluation.hpp"

namespace dateline::ner {

TEST_CASE("Evaluations merge into pooled counts", "[ner][evaluation]") {
  const Label b_per = begin_label(0);
  const Label b_loc = begin_label(1);
  Evaluation first;
  first.add({b_per, k_outside}, {b_per, k_outside});
  Evaluation second;
  second.add({b_loc, k_outside, b_per}, {b_per, k_outside, b_per});
  Evaluation pooled;
  pooled.merge(first);
  pooled.merge(second);
  Evaluation together;
  together.add({b_per, k_outside}, {b_per, k_outside});
  together.add({b_loc, k_outside, b_per}, {b_per, k_outside, b_per});
  CHECK(pooled.report() == together.report());
  CHECK(pooled.overall().gold == 3);
  CHECK(pooled.overall().correct == 2);
  CHECK(pooled.of_type(1).gold == 1);
  CHECK(pooled.tokens() == 5);
}

TEST_CASE("Evaluation counts exact chunk matches", "[ner][evaluation]") {
  const Label b_per = begin_label(0);
  const Label i_per = inside_label(0);
  const Label b_loc = begin_label(1);
  const Label b_org = begin_label(2);
  Evaluation e;
  // Gold: [John Kerry]PER met in [Rome]LOC . [Acme]ORG
  // Found: [John]PER [Kerry]PER met in [Rome]LOC . [Acme]LOC
  e.add({b_per, i_per, k_outside, k_outside, b_loc, k_outside, b_org},
        {b_per, b_per, k_outside, k_outside, b_loc, k_outside, b_loc});
  CHECK(e.overall().gold == 3);
  CHECK(e.overall().found == 4);
  CHECK(e.overall().correct == 1);
  CHECK(e.overall().precision() == Approx(0.25));
  CHECK(e.overall().recall() == Approx(1.0 / 3));
  CHECK(e.overall().f1() == Approx(2 * 0.25 / 3 / (0.25 + 1.0 / 3)));
  CHECK(e.of_type(0).found == 2);
  CHECK(e.of_type(0).correct == 0);
  CHECK(e.of_type(1).correct == 1);
  CHECK(e.of_type(2).gold == 1);
  CHECK(e.of_type(2).found == 0);
  CHECK(e.of_type(2).f1() == 0.0);
  CHECK(e.tokens() == 7);
  CHECK(e.accuracy() == Approx(5.0 / 7));

  const std::string report = e.report();
  CHECK(report.find("processed 7 tokens with 3 phrases; found: 4 phrases; correct: 1.") == 0);
  CHECK(report.find("PER: precision:   0.00%") != std::string::npos);
  CHECK(report.find("LOC: precision:  50.00%; recall: 100.00%; FB1:  66.67  2") !=
        std::string::npos);
}

TEST_CASE("an empty evaluation scores zero without dividing by zero", "[ner][evaluation]") {
  const Evaluation e;
  CHECK(e.overall().f1() == 0.0);
  CHECK(e.accuracy() == 0.0);
}

}  // namespace dateline::ner

// Unit tests for common/ner/trainer.cpp: training is deterministic, learns
// its training data, and stacks a second stage on the first.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "common/error.hpp"
#include "common/ner/corpus.hpp"
#include "common/ner/evaluation.hpp"
#include "common/ner/model.hpp"
#include "common/ner/trainer.hpp"
#include "tests/common/ner/test_support.hpp"

namespace dateline::ner {
namespace {

// Parameters for training on the tiny corpus, written to `dir`: every word
// in the lexicon and clustered, two jackknife folds, `epochs` epochs per
// stage.
TrainParams tiny_params(const test::TempDir& dir, int epochs) {
  TrainParams params;
  params.train_path = dir.write("train.conll", test::conll_text(test::training_sentences()));
  params.epochs = epochs;
  params.stage1_epochs = epochs;
  params.stage2_epochs = epochs;
  params.folds = 2;
  params.lexicon_min_count = 1;
  params.cluster_min_count = 1;
  return params;
}

}  // namespace

TEST_CASE("training twice gives the same model bytes", "[ner][trainer]") {
  const test::TempDir dir;
  TrainParams params = tiny_params(dir, 4);
  std::ostringstream log;
  const std::string first = serialize_model(train_model(params, log));
  const std::string second = serialize_model(train_model(params, log));
  CHECK(first == second);
  params.seed = 2;
  CHECK(serialize_model(train_model(params, log)) != first);
}

TEST_CASE("a trained model labels its training data", "[ner][trainer]") {
  const ModelParameters& parameters = test::tiny_model();
  REQUIRE(parameters.stages.size() == 2);
  CHECK(parameters.stages[0].size() > 100);
  CHECK(parameters.stages[1].stacking().size() == k_num_labels * k_num_labels);
  CHECK(parameters.lexicon.find_word("kerry") >= 0);
  CHECK(parameters.gazetteer.find(Gazetteer::phrase_hash({"merrill", "lynch"})) != 0);

  const Model model(parameters);
  Evaluation evaluation;
  for (const LabelledDocument& doc :
       parse_conll(test::conll_text(test::training_sentences()), "train")) {
    DocumentTokens tokens;
    std::vector<Label> gold;
    for (const LabelledSentence& s : doc.sentences) {
      tokens.sentence_begin.push_back(static_cast<std::uint32_t>(tokens.forms.size()));
      tokens.sentence_caps.push_back(is_caps_sentence(s.tokens) ? 1 : 0);
      for (const std::string& t : s.tokens) tokens.forms.emplace_back(t);
      gold.insert(gold.end(), s.labels.begin(), s.labels.end());
    }
    evaluation.add(gold, model.label_document(tokens));
  }
  CHECK(evaluation.overall().f1() > 0.95);
}

TEST_CASE("cross-validation scores held-out documents, whatever the threads", "[ner][trainer]") {
  const test::TempDir dir;
  TrainParams params = tiny_params(dir, 3);
  params.stage1_epochs = 2;
  params.stage2_epochs = 1;
  params.ensemble = 2;
  std::ostringstream log;
  const CrossValidation one = cross_validate(params, 2, log);
  params.jobs = 2;
  const CrossValidation two = cross_validate(params, 2, log);
  CHECK(one.folds == 2);
  REQUIRE(one.first.size() == 3);  // a score per epoch
  REQUIRE(one.second.size() == 3);
  REQUIRE(one.fold_scores.size() == 2);
  for (std::size_t e = 0; e < 3; ++e) {
    CHECK(one.first[e].report() == two.first[e].report());
    CHECK(one.second[e].report() == two.second[e].report());
  }
  // Every training document is held out once: the pooled gold mentions
  // are all of them.
  std::size_t gold = 0;
  for (const LabelledDocument& doc :
       parse_conll(test::conll_text(test::training_sentences()), "train")) {
    for (const LabelledSentence& sentence : doc.sentences)
      gold += chunks_from_labels(sentence.labels).size();
  }
  CHECK(one.first[0].overall().gold == gold);
  for (std::size_t f = 0; f < 2; ++f) {
    CHECK(one.fold_scores[f].first == two.fold_scores[f].first);
    CHECK(one.fold_scores[f].second == two.fold_scores[f].second);
    // A fold's score at the fixed epochs is its share of the curve's.
    CHECK(one.fold_scores[f].second >= 0.0);
    CHECK(one.fold_scores[f].second <= 1.0);
  }
  CHECK_THROWS_AS(cross_validate(params, 1, log), Error);
  CHECK_THROWS_AS(cross_validate(params, 1000, log), Error);
}

TEST_CASE("extra training files are trained on", "[ner][trainer]") {
  const test::TempDir dir;
  TrainParams params = tiny_params(dir, 4);
  params.ensemble = 1;
  std::ostringstream log;
  const ModelParameters without = train_model(params, log);
  params.extra_train_paths.push_back(dir.write(
      "extra.conll", test::conll_text({"Zubrowka/ORG Holdings/ORG bought Quuxville/LOC ."})));
  const ModelParameters with = train_model(params, log);
  const auto phrase = Gazetteer::phrase_hash({"zubrowka", "holdings"});
  CHECK(without.gazetteer.find(phrase) == 0);
  CHECK(with.gazetteer.find(phrase) != 0);
  CHECK(with.lexicon.find_word("quuxville") >= 0);
}

TEST_CASE("train_model checks its parameters and inputs", "[ner][trainer]") {
  const test::TempDir dir;
  TrainParams params;
  std::ostringstream log;
  params.train_path = dir.path() / "missing.conll";
  CHECK_THROWS_WITH(train_model(params, log), Catch::Contains("missing.conll"));
  params.train_path = dir.write("train.conll", test::conll_text(test::training_sentences()));
  params.stages = 3;
  CHECK_THROWS_AS(train_model(params, log), Error);
  params.stages = 2;
  params.stage1_epochs = -1;
  CHECK_THROWS_AS(train_model(params, log), Error);
}

}  // namespace dateline::ner

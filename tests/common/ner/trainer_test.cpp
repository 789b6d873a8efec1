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

TEST_CASE("training twice gives the same model bytes", "[ner][trainer]") {
  const test::TempDir dir;
  TrainParams params;
  params.train_path = dir.write("train.conll", test::conll_text(test::training_sentences()));
  params.epochs = 4;
  params.folds = 2;
  params.lexicon_min_count = 1;
  params.cluster_min_count = 1;
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

TEST_CASE("train_model checks its parameters and inputs", "[ner][trainer]") {
  const test::TempDir dir;
  TrainParams params;
  std::ostringstream log;
  params.train_path = dir.path() / "missing.conll";
  CHECK_THROWS_WITH(train_model(params, log), Catch::Contains("missing.conll"));
  params.train_path = dir.write("train.conll", test::conll_text(test::training_sentences()));
  params.stages = 3;
  CHECK_THROWS_AS(train_model(params, log), Error);
}

}  // namespace dateline::ner

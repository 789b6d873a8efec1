// ner-train's work: builds the lexicon, word clusters and gazetteers from
// the data, then trains the two-stage averaged structured perceptron
// (Viterbi decoding, IOB2 labels) and returns the model.
//
// Stage one uses word, context, lexicon, cluster, gazetteer and document-
// case features. Stage two is stacked on it: it learns a 9x9 matrix over
// stage one's label scores plus weights for what stage one said about the
// other occurrences of each word in the document. Its training documents
// get stage-one scores and labels from models trained without them (k-fold
// jackknifing), so it learns how far to trust labels it did not overfit.
// Gazetteer phrases taken from the training data are jackknifed the same
// way. With a development file, each stage keeps its best epoch on it.
//
// Training is deterministic: the same inputs and parameters give the same
// model bytes (fixed shuffling seed, fixed iteration order, one thread).
// It runs on the calling thread and shares nothing: thread-safe. It takes
// about ten seconds for the shipped model (common/ner/model/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/ner/clusters.hpp"
#include "common/ner/corpus.hpp"
#include "common/ner/evaluation.hpp"
#include "common/ner/features.hpp"
#include "common/ner/model_file.hpp"

namespace dateline::ner {

// What the GMB corpus is used for, when given.
enum class GmbUse { gazetteer, training, both };

struct TrainParams {
  std::filesystem::path train_path;  // CoNLL-2003 training file (required)
  // More labelled files in CoNLL format, trained on as --train is (the
  // shipped model adds eng.testa once its settings are fixed).
  std::vector<std::filesystem::path> extra_train_paths;
  std::filesystem::path dev_path;  // CoNLL-2003 development file; picks the epochs
  std::filesystem::path gmb_path;  // GMB ner_dataset.csv (optional)
  GmbUse gmb_use = GmbUse::gazetteer;
  GmbGpe gmb_gpe = GmbGpe::by_majority;
  std::filesystem::path unlabelled_dir;  // Reuters-21578 directory (optional)
  // Name lists for gazetteers (name_lists.hpp), each optional: GeoNames'
  // cities1000.tsv, world-countries' countries.json, a personal-names list.
  std::filesystem::path places_path;
  std::filesystem::path countries_path;
  std::filesystem::path names_path;
  std::uint64_t place_min_population = 1000;  // smaller places are left out
  std::size_t firm_min_count = 2;             // firm names mined from the unlabelled text; 0: none
  // Epochs: a stage with a fixed count (> 0) trains that many; one without
  // trains `epochs` and keeps its best on the development file, or its last.
  // The fixed counts are the shipped model's, chosen by cross-validation
  // (common/ner/model/README.md).
  int epochs = 20;
  int stage1_epochs = 12;
  int stage2_epochs = 3;
  int stages = 2;  // 1 or 2
  int folds = 5;   // jackknife folds for stage two and gazetteers
  std::uint32_t groups = k_default_groups;
  std::size_t min_feature_count = 1;  // features seen less often in training are dropped
  std::size_t lexicon_min_count = 2;  // words rarer in the unlabelled text are not in the lexicon
  std::size_t cluster_min_count = 3;  // nor clustered
  ClusterParams clusters;
  std::uint64_t seed = 1;  // shuffling of the training sentences
  // Models per stage, trained alike on data shuffled by seed, seed + 1000,
  // ..., whose averaged weights the stage keeps.
  int ensemble = 5;
  std::string description;  // stored in the model (e.g. the command line)
  unsigned jobs = 1;        // threads for cross-validation's folds (the result is the same)
};

// Trains a model, logging progress and development scores to `log`.
// Throws dateline::Error when an input cannot be read or a parameter is
// out of range (stages other than 1 or 2, ...).
ModelParameters train_model(const TrainParams& params, std::ostream& log);

// What k-fold cross-validation over the training documents measured.
struct CrossValidation {
  struct FoldScores {
    double first = 0;   // stage one's F1 at its fixed epochs on the held-out fold
    double second = 0;  // the whole model's (two stages)
  };
  int folds = 0;
  // Scores pooled over the held-out folds (conlleval counts summed), per
  // epoch: index e is after e + 1 epochs. Stage two's curve is of models
  // whose stage one ran its fixed epochs (params.stage1_epochs, else
  // params.epochs).
  std::vector<Evaluation> first;
  std::vector<Evaluation> second;
  std::vector<FoldScores> fold_scores;
};

// Cross-validates `params` on its training documents (--train and the extra
// files): document d is held out in fold d % folds, and each fold trains a
// model on the others exactly as train_model would (lexicon, clusters and
// training gazetteers from the other folds only) and scores the held-out
// documents after every epoch of each stage. The development file is not
// used. Runs folds on params.jobs threads; the result does not depend on
// it. Cost: `folds` trainings of params.epochs epochs per stage. Throws as
// train_model does, and for folds < 2 or fewer documents than folds.
CrossValidation cross_validate(const TrainParams& params, int folds, std::ostream& log);

}  // namespace dateline::ner

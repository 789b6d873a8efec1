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

#include "common/ner/clusters.hpp"
#include "common/ner/corpus.hpp"
#include "common/ner/features.hpp"
#include "common/ner/model_file.hpp"

namespace dateline::ner {

// What the GMB corpus is used for, when given.
enum class GmbUse { gazetteer, training, both };

struct TrainParams {
  std::filesystem::path train_path;  // CoNLL-2003 training file (required)
  std::filesystem::path dev_path;    // CoNLL-2003 development file; picks the epochs
  std::filesystem::path gmb_path;    // GMB ner_dataset.csv (optional)
  GmbUse gmb_use = GmbUse::gazetteer;
  GmbGpe gmb_gpe = GmbGpe::by_majority;
  std::filesystem::path unlabelled_dir;  // Reuters-21578 directory (optional)
  int epochs = 20;                       // the most; with a dev file the best epoch is kept
  int stages = 2;                        // 1 or 2
  int folds = 5;                         // jackknife folds for stage two and gazetteers
  std::uint32_t groups = k_default_groups;
  std::size_t min_feature_count = 1;  // features seen less often in training are dropped
  std::size_t lexicon_min_count = 2;  // words rarer in the unlabelled text are not in the lexicon
  std::size_t cluster_min_count = 3;  // nor clustered
  ClusterParams clusters;
  std::uint64_t seed = 1;   // shuffling of the training sentences
  std::string description;  // stored in the model (e.g. the command line)
};

// Trains a model, logging progress and development scores to `log`.
// Throws dateline::Error when an input cannot be read or a parameter is
// out of range (stages other than 1 or 2, ...).
ModelParameters train_model(const TrainParams& params, std::ostream& log);

}  // namespace dateline::ner

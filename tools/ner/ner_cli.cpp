#include "tools/ner/ner_cli.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include "common/ner/benchmark.hpp"
#include "common/ner/corpus.hpp"
#include "common/ner/evaluation.hpp"
#include "common/ner/model_file.hpp"
#include "common/ner/tagger.hpp"

namespace dateline::ner {

namespace po = boost::program_options;

namespace {

po::options_description train_options(TrainCommandLine& c, std::string& gmb_use,
                                      std::string& gmb_gpe, std::string& without) {
  TrainParams& p = c.params;
  po::options_description data("Data");
  data.add_options()  //
      ("train", po::value(&p.train_path)->value_name("FILE"),
       "CoNLL-2003 training file (eng.train)")  //
      ("extra-train", po::value(&p.extra_train_paths)->value_name("FILE")->composing(),
       "more CoNLL training data (repeatable), trained on as --train is")  //
      ("dev", po::value(&p.dev_path)->value_name("FILE"),
       "CoNLL-2003 development file (eng.testa), scored after each epoch; a stage without "
       "fixed epochs keeps its best epoch on it")                                            //
      ("gmb", po::value(&p.gmb_path)->value_name("FILE"), "GMB ner_dataset.csv (optional)")  //
      ("gmb-use", po::value(&gmb_use)->value_name("USE")->default_value("gazetteer"),
       "what GMB is for: gazetteer, training or both")  //
      ("gmb-gpe", po::value(&gmb_gpe)->value_name("TYPE")->default_value("majority"),
       "GMB gpe becomes: loc, misc, or majority (loc when tagged geo more often)")  //
      ("unlabelled", po::value(&p.unlabelled_dir)->value_name("DIR"),
       "Reuters-21578 directory: unlabelled text for the lexicon and clusters, and its "
       "category lists as gazetteers")  //
      ("places", po::value(&p.places_path)->value_name("FILE"),
       "GeoNames cities1000.tsv: place names as a gazetteer")  //
      ("countries", po::value(&p.countries_path)->value_name("FILE"),
       "world-countries countries.json: country names and demonyms as a gazetteer")  //
      ("names", po::value(&p.names_path)->value_name("FILE"),
       "personal names, one per line, as a gazetteer (common words left out)")  //
      ("place-min-population",
       po::value(&p.place_min_population)->value_name("N")->default_value(p.place_min_population),
       "leave out places smaller than N")  //
      ("firm-min-count",
       po::value(&p.firm_min_count)->value_name("N")->default_value(p.firm_min_count),
       "firm names written with a legal form N times in the unlabelled text become a "
       "gazetteer (0: none)")  //
      ("out,o", po::value(&c.output)->value_name("FILE"), "where to write the model");
  po::options_description training("Training");
  training.add_options()  //
      ("epochs", po::value(&p.epochs)->value_name("N")->default_value(p.epochs),
       "epochs of a stage without fixed epochs (the most, with --dev; the curve's length "
       "with --cross-validate)")  //
      ("stage1-epochs",
       po::value(&p.stage1_epochs)->value_name("N")->default_value(p.stage1_epochs),
       "fixed epochs of stage one (0: the best on --dev, else --epochs)")  //
      ("stage2-epochs",
       po::value(&p.stage2_epochs)->value_name("N")->default_value(p.stage2_epochs),
       "fixed epochs of stage two (0: the best on --dev, else --epochs)")  //
      ("cross-validate", po::value(&c.cross_validate)->value_name("K"),
       "score the settings by K-fold cross-validation over the training documents instead "
       "of writing a model")  //
      ("jobs", po::value(&p.jobs)->value_name("N")->default_value(p.jobs),
       "threads for --cross-validate's folds (same result whatever N)")  //
      ("stages", po::value(&p.stages)->value_name("N")->default_value(p.stages),
       "1, or 2 to add document-level features from a first stage's labels")  //
      ("folds", po::value(&p.folds)->value_name("N")->default_value(p.folds),
       "jackknife folds for stage two and training gazetteers")  //
      ("min-feature-count",
       po::value(&p.min_feature_count)->value_name("N")->default_value(p.min_feature_count),
       "drop features seen fewer times in training")  //
      ("cluster-min-count",
       po::value(&p.cluster_min_count)->value_name("N")->default_value(p.cluster_min_count),
       "cluster words seen at least N times")  //
      ("cluster-contexts",
       po::value(&p.clusters.context_words)
           ->value_name("N")
           ->default_value(p.clusters.context_words),
       "most frequent words used as cluster contexts")  //
      ("cluster-depth",
       po::value(&p.clusters.max_depth)->value_name("N")->default_value(p.clusters.max_depth),
       "longest cluster path")  //
      ("ensemble", po::value(&p.ensemble)->value_name("N")->default_value(p.ensemble),
       "average the weights of N models trained on differently shuffled data")                //
      ("seed", po::value(&p.seed)->value_name("N")->default_value(p.seed), "shuffling seed")  //
      ("without", po::value(&without)->value_name("GROUPS"),
       "comma-separated feature groups to leave out: affixes, clusters, lexicon, bigrams, "
       "shape-context, gazetteer, evidence, caps, wide, title-unknown, word-roles, usage, "
       "contexts, topic");
  po::options_description all = cli::with_general_options(c.general, data);
  all.add(training);
  return all;
}

}  // namespace

TrainCommandLine parse_train_command_line(const std::vector<std::string>& args) {
  TrainCommandLine c;
  std::string gmb_use;
  std::string gmb_gpe;
  std::string without;
  const po::options_description options = train_options(c, gmb_use, gmb_gpe, without);
  cli::parse_arguments(args, options);
  if (gmb_use == "gazetteer") {
    c.params.gmb_use = GmbUse::gazetteer;
  } else if (gmb_use == "training") {
    c.params.gmb_use = GmbUse::training;
  } else if (gmb_use == "both") {
    c.params.gmb_use = GmbUse::both;
  } else {
    throw po::invalid_option_value(gmb_use);
  }
  if (gmb_gpe == "loc") {
    c.params.gmb_gpe = GmbGpe::location;
  } else if (gmb_gpe == "misc") {
    c.params.gmb_gpe = GmbGpe::misc;
  } else if (gmb_gpe == "majority") {
    c.params.gmb_gpe = GmbGpe::by_majority;
  } else {
    throw po::invalid_option_value(gmb_gpe);
  }
  const std::pair<const char*, std::uint32_t> groups[] = {{"affixes", k_group_affixes},
                                                          {"clusters", k_group_clusters},
                                                          {"lexicon", k_group_lexicon},
                                                          {"bigrams", k_group_bigrams},
                                                          {"shape-context", k_group_shape_context},
                                                          {"gazetteer", k_group_gazetteer},
                                                          {"evidence", k_group_evidence},
                                                          {"caps", k_group_caps},
                                                          {"wide", k_group_wide},
                                                          {"title-unknown", k_group_title_unknown},
                                                          {"word-roles", k_group_word_roles},
                                                          {"usage", k_group_usage},
                                                          {"contexts", k_group_contexts},
                                                          {"topic", k_group_topic}};
  std::istringstream names(without);
  for (std::string name; std::getline(names, name, ',');) {
    if (name.empty()) continue;
    bool known = false;
    for (const auto& [group_name, bit] : groups) {
      if (name == group_name) {
        c.params.groups &= ~bit;
        known = true;
      }
    }
    if (!known) throw po::invalid_option_value(name);
  }
  if (c.params.epochs < 1)
    throw po::invalid_option_value("--epochs " + std::to_string(c.params.epochs));
  if (c.params.stages < 1 || c.params.stages > 2) {
    throw po::invalid_option_value("--stages " + std::to_string(c.params.stages));
  }
  if (c.params.folds < 2)
    throw po::invalid_option_value("--folds " + std::to_string(c.params.folds));
  if (c.params.stage1_epochs < 0)
    throw po::invalid_option_value("--stage1-epochs " + std::to_string(c.params.stage1_epochs));
  if (c.params.stage2_epochs < 0)
    throw po::invalid_option_value("--stage2-epochs " + std::to_string(c.params.stage2_epochs));
  if (c.cross_validate == 1 || c.cross_validate < 0)
    throw po::invalid_option_value("--cross-validate " + std::to_string(c.cross_validate));
  if (c.params.jobs < 1) throw po::invalid_option_value("--jobs 0");
  if (c.params.ensemble < 1)
    throw po::invalid_option_value("--ensemble " + std::to_string(c.params.ensemble));
  if (c.general.help_or_version()) return c;
  if (c.params.train_path.empty()) throw po::required_option("--train");
  if (c.output.empty() && c.cross_validate == 0) throw po::required_option("--out");
  std::string description = "ner-train";
  for (const std::string& arg : args) description += " " + arg;
  c.params.description = description;
  return c;
}

std::string train_usage() {
  TrainCommandLine c;
  std::string a;
  std::string b;
  std::string d;
  return cli::help_text(
      "Usage: ner-train --train FILE [--dev FILE] [--gmb FILE] [--unlabelled DIR] --out FILE\n"
      "       ner-train --train FILE [...] --cross-validate K [--jobs N]\n\n"
      "Trains dateline's entity tagger (PER, LOC, ORG, MISC) deterministically, or scores\n"
      "its settings by cross-validation over the training documents.\n",
      train_options(c, a, b, d));
}

namespace {

std::string percent(double x) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", 100 * x);
  return buffer;
}

// The pooled held-out F1 after each epoch, one row per epoch, a column per
// stage, the fixed epochs marked with '*'.
void print_curves(const CrossValidation& cv, const TrainParams& params, std::ostream& out) {
  const int e1 = params.stage1_epochs > 0 ? params.stage1_epochs : params.epochs;
  const int e2 = params.stage2_epochs > 0 ? params.stage2_epochs : params.epochs;
  out << "epoch  stage1  stage2 (stage one at " << e1 << " epochs)\n";
  const std::size_t rows = std::max(cv.first.size(), cv.second.size());
  for (std::size_t e = 0; e < rows; ++e) {
    const int epoch = static_cast<int>(e) + 1;
    out << (epoch < 10 ? "    " : "   ") << epoch;
    for (const auto& [curve, fixed] : {std::pair{&cv.first, e1}, std::pair{&cv.second, e2}}) {
      if (e < curve->size()) {
        out << "  " << percent((*curve)[e].overall().f1()) << (epoch == fixed ? '*' : ' ');
      } else {
        out << "  " << std::string(6, ' ');
      }
    }
    out << '\n';
  }
  out << "per fold at the fixed epochs:";
  for (const CrossValidation::FoldScores& fold : cv.fold_scores)
    out << ' ' << percent(params.stages == 2 ? fold.second : fold.first);
  out << '\n';
  const std::vector<Evaluation>& final_curve = params.stages == 2 ? cv.second : cv.first;
  const int final_epoch = params.stages == 2 ? e2 : e1;
  out << cv.folds << "-fold cross-validation, pooled, at the fixed epochs:\n"
      << final_curve.at(static_cast<std::size_t>(final_epoch - 1)).report();
}

}  // namespace

int run_train(const TrainCommandLine& command_line, std::ostream& out, std::ostream& log) {
  if (command_line.cross_validate > 0) {
    const CrossValidation cv =
        cross_validate(command_line.params, command_line.cross_validate, log);
    print_curves(cv, command_line.params, out);
    return cli::k_exit_ok;
  }
  const ModelParameters trained = train_model(command_line.params, log);
  write_model_file(trained, command_line.output);
  out << "wrote " << command_line.output.string() << " ("
      << std::filesystem::file_size(command_line.output) << " bytes)\n";
  if (!command_line.params.dev_path.empty()) {
    EvalCommandLine eval;
    eval.model = command_line.output;
    eval.data = command_line.params.dev_path;
    run_eval(eval, out);
  }
  return cli::k_exit_ok;
}

namespace {

po::options_description eval_options(EvalCommandLine& c, double& min_f1) {
  po::options_description options("Evaluation");
  options.add_options()  //
      ("min-f1", po::value(&min_f1)->value_name("X"),
       "exit with status 1 when the overall F1 (0..1) is below X")  //
      ("predictions", po::value(&c.predictions)->value_name("OUT"),
       "write each token with its gold and predicted label to OUT (conlleval's input)");
  return cli::with_general_options(c.general, options);
}

}  // namespace

EvalCommandLine parse_eval_command_line(const std::vector<std::string>& args) {
  EvalCommandLine c;
  double min_f1 = -1;
  po::options_description options = eval_options(c, min_f1);
  options.add_options()("model", po::value(&c.model))("data", po::value(&c.data));
  po::positional_options_description positional;
  positional.add("model", 1).add("data", 1);
  const po::variables_map vm = cli::parse_arguments(args, options, positional);
  if (vm.count("min-f1")) {
    if (min_f1 < 0 || min_f1 > 1) throw po::invalid_option_value(std::to_string(min_f1));
    c.min_f1 = min_f1;
  }
  if (c.general.help_or_version()) return c;
  if (c.model.empty() || c.data.empty()) throw po::error("expected MODEL and FILE");
  return c;
}

std::string eval_usage() {
  EvalCommandLine c;
  double min_f1 = 0;
  return cli::help_text(
      "Usage: ner-eval [--min-f1 X] [--predictions OUT] MODEL FILE\n\n"
      "Tags a CoNLL-2003 file document by document and prints conlleval's scores.\n",
      eval_options(c, min_f1));
}

namespace {

void write_predictions(const LabelledSentence& sentence, const std::vector<Label>& predicted,
                       std::ostream& out) {
  for (std::size_t t = 0; t < sentence.tokens.size(); ++t) {
    out << sentence.tokens[t] << ' ' << label_name(sentence.labels[t]) << ' '
        << label_name(predicted[t]) << '\n';
  }
  out << '\n';
}

}  // namespace

int run_eval(const EvalCommandLine& command_line, std::ostream& out) {
  const Tagger tagger = Tagger::load(command_line.model);
  Evaluation evaluation;
  std::ofstream predictions;
  if (!command_line.predictions.empty()) {
    predictions.open(command_line.predictions);
    if (!predictions) throw Error("cannot write " + command_line.predictions.string());
  }
  for (const LabelledDocument& doc : read_conll_file(command_line.data)) {
    std::vector<std::vector<std::string>> sentences;
    for (const LabelledSentence& sentence : doc.sentences) sentences.push_back(sentence.tokens);
    const std::vector<std::vector<std::string>> tags = tagger.tag_document(sentences);
    for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
      const std::vector<Label> predicted =
          labels_from_chunks(chunks_from_tags(tags[s]), tags[s].size());
      evaluation.add(doc.sentences[s].labels, predicted);
      if (predictions.is_open()) write_predictions(doc.sentences[s], predicted, predictions);
    }
  }
  if (predictions.is_open() && !(predictions << std::flush)) {
    throw Error("cannot write " + command_line.predictions.string());
  }
  out << evaluation.report();
  if (command_line.min_f1 && evaluation.overall().f1() < *command_line.min_f1) {
    out << "overall F1 " << evaluation.overall().f1() << " is below " << *command_line.min_f1
        << '\n';
    return cli::k_exit_error;
  }
  return cli::k_exit_ok;
}

namespace {

po::options_description bench_options(BenchCommandLine& c) {
  po::options_description options("Benchmark");
  options.add_options()  //
      ("runs", po::value(&c.runs)->value_name("N")->default_value(c.runs),
       "timed runs; the median is reported");
  return cli::with_general_options(c.general, options);
}

}  // namespace

BenchCommandLine parse_bench_command_line(const std::vector<std::string>& args) {
  BenchCommandLine c;
  po::options_description options = bench_options(c);
  options.add_options()("model", po::value(&c.model))("file", po::value(&c.files)->composing());
  po::positional_options_description positional;
  positional.add("model", 1).add("file", -1);
  cli::parse_arguments(args, options, positional);
  if (c.runs < 1) throw po::invalid_option_value("--runs " + std::to_string(c.runs));
  if (c.general.help_or_version()) return c;
  if (c.model.empty()) throw po::error("expected MODEL");
  return c;
}

std::string bench_usage() {
  BenchCommandLine c;
  return cli::help_text(
      "Usage: bench-ner [--runs N] MODEL [FILE...]\n\n"
      "Tags the texts of the files (Reuters .sgm articles, CoNLL documents, or whole\n"
      "files) on one thread and reports tokens per second. Without files, tags a\n"
      "built-in sample.\n",
      bench_options(c));
}

int run_bench(const BenchCommandLine& command_line, std::ostream& out) {
  const Tagger tagger = Tagger::load(command_line.model);
  const std::vector<std::string> texts =
      command_line.files.empty() ? sample_texts() : benchmark_texts(command_line.files);
  out << run_benchmark(tagger, texts, command_line.runs).report();
  return cli::k_exit_ok;
}

cli::Program<TrainCommandLine> train_program() {
  return {"ner-train", parse_train_command_line, train_usage,
          [](const TrainCommandLine& c) { return run_train(c, std::cout, std::cerr); }};
}

cli::Program<EvalCommandLine> eval_program() {
  return {"ner-eval", parse_eval_command_line, eval_usage,
          [](const EvalCommandLine& c) { return run_eval(c, std::cout); }};
}

cli::Program<BenchCommandLine> bench_program() {
  return {"bench-ner", parse_bench_command_line, bench_usage,
          [](const BenchCommandLine& c) { return run_bench(c, std::cout); }};
}

}  // namespace dateline::ner

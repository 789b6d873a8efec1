// Command lines of the entity-tagger tools (ner-train, ner-eval, bench-ner)
// and what each tool does. Parsing is kept here, out of the main()s, so that
// tests can parse argument lists without a process; each main() is one call
// of cli::run_main on the tool's Program.
//
// Thread-safety: the functions keep no state of their own; run_* write to
// the streams they are given, and the *_program() runs to std::cout and
// std::cerr, so call them from one thread.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "common/ner/trainer.hpp"

namespace dateline::ner {

struct TrainCommandLine {
  cli::GeneralFlags general;
  TrainParams params;
  std::filesystem::path output;
  int cross_validate = 0;  // folds; 0: train and write a model
};

// Throws boost::program_options::error for unknown options or bad values,
// and for a missing --train, or --out without --cross-validate, when neither
// --help nor --version is set.
TrainCommandLine parse_train_command_line(const std::vector<std::string>& args);
std::string train_usage();
// Trains, writes the model, prints the development scores of the written
// model. With --cross-validate, writes no model and prints instead the
// pooled held-out scores per epoch of each stage and the per-type scores at
// the fixed epochs. Returns the exit status. Costs the whole training; progress goes
// to `log`. Throws dateline::Error when the data cannot be read or the
// model written.
int run_train(const TrainCommandLine& command_line, std::ostream& out, std::ostream& log);

struct EvalCommandLine {
  cli::GeneralFlags general;
  std::filesystem::path model;
  std::filesystem::path data;  // CoNLL-2003 format
  std::optional<double> min_f1;
  std::filesystem::path predictions;  // empty: none written
};

// MODEL FILE [--min-f1 X] [--predictions OUT]. Throws boost::program_options::error for unknown
// options, an X outside 0..1, or a missing MODEL or FILE when neither
// --help nor --version is set.
EvalCommandLine parse_eval_command_line(const std::vector<std::string>& args);
std::string eval_usage();
// Prints conlleval-style scores; 1 when --min-f1 is given and not reached.
// With --predictions, also writes each token with its gold and predicted label
// (conlleval's input: "TOKEN GOLD PREDICTED", a blank line after each
// sentence), for reading the errors.
// Throws dateline::Error when the model or the data cannot be read.
int run_eval(const EvalCommandLine& command_line, std::ostream& out);

struct BenchCommandLine {
  cli::GeneralFlags general;
  std::filesystem::path model;
  std::vector<std::filesystem::path> files;
  int runs = 5;
};

// MODEL [FILE...] [--runs N]. Throws boost::program_options::error for
// unknown options, --runs below 1, or a missing MODEL when neither --help
// nor --version is set.
BenchCommandLine parse_bench_command_line(const std::vector<std::string>& args);
std::string bench_usage();
// Tags the files' texts (or a built-in sample) `runs` times on one thread
// and prints tokens per second. Throws dateline::Error when the model or a
// file cannot be read.
int run_bench(const BenchCommandLine& command_line, std::ostream& out);

// The three tools, for cli::run_main.
cli::Program<TrainCommandLine> train_program();
cli::Program<EvalCommandLine> eval_program();
cli::Program<BenchCommandLine> bench_program();

}  // namespace dateline::ner

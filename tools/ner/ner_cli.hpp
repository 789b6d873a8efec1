// Command lines of the entity-tagger tools (ner-train, ner-eval, bench-ner)
// and the functions each tool's main() calls. Parsing is kept here, out of
// the main()s, so that tests can parse argument lists without a process.
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
};

// Throws boost::program_options::error for unknown options or bad values,
// and for a missing --train or --out when neither --help nor --version is set.
TrainCommandLine parse_train_command_line(const std::vector<std::string>& args);
std::string train_usage();
// Trains, writes the model, prints the development scores of the written
// model. Returns the exit status.
int run_train(const TrainCommandLine& command_line, std::ostream& out, std::ostream& log);

struct EvalCommandLine {
  cli::GeneralFlags general;
  std::filesystem::path model;
  std::filesystem::path data;  // CoNLL-2003 format
  std::optional<double> min_f1;
};

EvalCommandLine parse_eval_command_line(const std::vector<std::string>& args);
std::string eval_usage();
// Prints conlleval-style scores; 1 when --min-f1 is given and not reached.
int run_eval(const EvalCommandLine& command_line, std::ostream& out);

struct BenchCommandLine {
  cli::GeneralFlags general;
  std::filesystem::path model;
  std::vector<std::filesystem::path> files;
  int runs = 5;
};

BenchCommandLine parse_bench_command_line(const std::vector<std::string>& args);
std::string bench_usage();
int run_bench(const BenchCommandLine& command_line, std::ostream& out);

}  // namespace dateline::ner

// Unit tests for tools/ner/ner_cli.cpp: the command lines of ner-train,
// ner-eval and bench-ner, and ner-eval's run on a small file.
#include <catch2/catch.hpp>

#include <boost/program_options.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/common/ner/test_support.hpp"
#include "tools/ner/ner_cli.hpp"

namespace dateline::ner {

TEST_CASE("ner-train's command line fills TrainParams", "[ner][cli]") {
  const TrainCommandLine c = parse_train_command_line(
      {"--train",  "eng.train", "--dev",     "eng.testa",     "--gmb",   "gmb.csv",  "--gmb-use",
       "both",     "--gmb-gpe", "misc",      "--unlabelled",  "reuters", "--epochs", "7",
       "--stages", "1",         "--without", "clusters,wide", "--out",   "m.model"});
  CHECK(c.params.train_path == "eng.train");
  CHECK(c.params.dev_path == "eng.testa");
  CHECK(c.params.gmb_path == "gmb.csv");
  CHECK(c.params.gmb_use == GmbUse::both);
  CHECK(c.params.gmb_gpe == GmbGpe::misc);
  CHECK(c.params.unlabelled_dir == "reuters");
  CHECK(c.params.epochs == 7);
  CHECK(c.params.stages == 1);
  CHECK(c.params.groups == (k_default_groups & ~(k_group_clusters | k_group_wide)));
  CHECK(c.output == "m.model");
  CHECK(c.params.description.find("ner-train --train eng.train") == 0);

  const TrainCommandLine more = parse_train_command_line({"--train",
                                                          "t",
                                                          "--extra-train",
                                                          "a",
                                                          "--extra-train",
                                                          "b",
                                                          "--places",
                                                          "cities.tsv",
                                                          "--countries",
                                                          "countries.json",
                                                          "--names",
                                                          "names.txt",
                                                          "--place-min-population",
                                                          "5000",
                                                          "--firm-min-count",
                                                          "3",
                                                          "--stage1-epochs",
                                                          "9",
                                                          "--stage2-epochs",
                                                          "4",
                                                          "--ensemble",
                                                          "2",
                                                          "--cross-validate",
                                                          "5",
                                                          "--jobs",
                                                          "2"});
  CHECK(more.params.extra_train_paths == std::vector<std::filesystem::path>{"a", "b"});
  CHECK(more.params.places_path == "cities.tsv");
  CHECK(more.params.countries_path == "countries.json");
  CHECK(more.params.names_path == "names.txt");
  CHECK(more.params.place_min_population == 5000);
  CHECK(more.params.firm_min_count == 3);
  CHECK(more.params.stage1_epochs == 9);
  CHECK(more.params.stage2_epochs == 4);
  CHECK(more.params.ensemble == 2);
  CHECK(more.cross_validate == 5);  // no --out needed
  CHECK(more.params.jobs == 2);

  const TrainCommandLine defaults = parse_train_command_line({"--train", "t", "--out", "o"});
  CHECK(defaults.params.gmb_use == GmbUse::gazetteer);
  CHECK(defaults.params.groups == k_default_groups);
  CHECK(defaults.params.stages == 2);
}

TEST_CASE("ner-train's command line rejects mistakes", "[ner][cli]") {
  namespace po = boost::program_options;
  CHECK_THROWS_AS(parse_train_command_line({"--out", "o"}), po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t"}), po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t", "--out", "o", "--stages", "3"}),
                  po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t", "--out", "o", "--without", "colour"}),
                  po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t", "--out", "o", "--gmb-use", "all"}),
                  po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t", "--cross-validate", "1"}), po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t", "--out", "o", "--ensemble", "0"}),
                  po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t", "--out", "o", "--stage1-epochs", "-1"}),
                  po::error);
  CHECK_THROWS_AS(parse_train_command_line({"--train", "t", "--out", "o", "--jobs", "0"}),
                  po::error);
  CHECK(parse_train_command_line({"--help"}).general.help);
  CHECK(train_usage().find("--unlabelled") != std::string::npos);
}

TEST_CASE("ner-eval's and bench-ner's command lines", "[ner][cli]") {
  namespace po = boost::program_options;
  const EvalCommandLine e = parse_eval_command_line({"--min-f1", "0.9", "m.model", "eng.testa"});
  CHECK(e.model == "m.model");
  CHECK(e.data == "eng.testa");
  REQUIRE(e.min_f1.has_value());
  CHECK(*e.min_f1 == 0.9);
  CHECK_FALSE(parse_eval_command_line({"m", "d"}).min_f1.has_value());
  CHECK(parse_eval_command_line({"m", "d"}).predictions.empty());
  CHECK(parse_eval_command_line({"--predictions", "p.txt", "m", "d"}).predictions == "p.txt");
  CHECK_THROWS_AS(parse_eval_command_line({"m.model"}), po::error);
  CHECK_THROWS_AS(parse_eval_command_line({"--min-f1", "90", "m", "d"}), po::error);

  const BenchCommandLine b = parse_bench_command_line({"--runs", "3", "m.model", "a.sgm", "b.sgm"});
  CHECK(b.model == "m.model");
  CHECK(b.files == std::vector<std::filesystem::path>{"a.sgm", "b.sgm"});
  CHECK(b.runs == 3);
  CHECK(parse_bench_command_line({"m.model"}).files.empty());
  CHECK_THROWS_AS(parse_bench_command_line({}), po::error);
  CHECK_THROWS_AS(parse_bench_command_line({"--runs", "0", "m"}), po::error);
}

TEST_CASE("run_eval prints scores and applies --min-f1", "[ner][cli]") {
  const test::TempDir dir;
  EvalCommandLine c;
  c.model = test::tiny_model_path();
  c.data =
      dir.write("dev.conll",
                test::conll_text({"Kerry/PER flew to Geneva/LOC .", "Lavrov/PER met Kerry/PER ."}));
  std::ostringstream out;
  CHECK(run_eval(c, out) == 0);
  CHECK(out.str().find("processed 9 tokens with 4 phrases") == 0);
  c.min_f1 = 1.0;
  std::ostringstream strict;
  const int status = run_eval(c, strict);
  // Exit status 0 exactly when the overall line (the second) shows F1 100.
  std::istringstream lines(strict.str());
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  CHECK(line.find("FB1: ") != std::string::npos);
  CHECK(status == (line.ends_with("FB1: 100.00") ? 0 : 1));
  c.min_f1 = 0.0;
  std::ostringstream lenient;
  CHECK(run_eval(c, lenient) == 0);
  c.model = dir.path() / "absent.model";
  std::ostringstream ignored;
  CHECK_THROWS(run_eval(c, ignored));
}

TEST_CASE("run_eval writes each token's gold and predicted label with --predictions",
          "[ner][cli]") {
  const test::TempDir dir;
  EvalCommandLine c;
  c.model = test::tiny_model_path();
  c.data =
      dir.write("dev.conll",
                test::conll_text({"Kerry/PER flew to Geneva/LOC .", "Lavrov/PER met Kerry/PER ."}));
  c.predictions = dir.path() / "predictions.txt";
  std::ostringstream out;
  REQUIRE(run_eval(c, out) == 0);
  std::ifstream in(c.predictions);
  std::vector<std::string> tokens, gold;
  std::size_t predicted_mentions = 0, blank_lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      ++blank_lines;
      continue;
    }
    std::istringstream fields(line);
    std::string token, gold_label, predicted_label, extra;
    REQUIRE((fields >> token >> gold_label >> predicted_label));
    CHECK_FALSE(fields >> extra);
    tokens.push_back(token);
    gold.push_back(gold_label);
    if (predicted_label.starts_with("B-")) ++predicted_mentions;
  }
  CHECK(blank_lines == 2);
  CHECK(tokens == std::vector<std::string>{"Kerry", "flew", "to", "Geneva", ".", "Lavrov", "met",
                                           "Kerry", "."});
  CHECK(gold ==
        std::vector<std::string>{"B-PER", "O", "O", "B-LOC", "O", "B-PER", "O", "B-PER", "O"});
  // The mentions written are those the scores counted.
  CHECK(out.str().find("found: " + std::to_string(predicted_mentions) + " phrases") !=
        std::string::npos);
  c.predictions = dir.path() / "absent" / "predictions.txt";
  std::ostringstream ignored;
  CHECK_THROWS(run_eval(c, ignored));
}

}  // namespace dateline::ner

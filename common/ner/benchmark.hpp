// The tagging benchmark bench-ner runs: tags a set of texts several times on
// one thread and reports tokens per second (tokenising, features and
// decoding included), the median over the runs. Functions only, no shared
// state; the benchmark itself uses the calling thread alone.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "common/ner/tagger.hpp"

namespace dateline::ner {

// Texts to tag from files: each Reuters-21578 article of a .sgm file (title
// and body, as dateline stores them), each document of a CoNLL file (tokens
// joined by spaces, one sentence per line), or a whole other file as one
// text. Throws dateline::Error when a file cannot be read.
std::vector<std::string> benchmark_texts(const std::vector<std::filesystem::path>& files);

// A few paragraphs of news written for the benchmark, for runs without files.
std::vector<std::string> sample_texts();

struct BenchmarkResult {
  std::size_t texts = 0;
  std::size_t bytes = 0;
  std::size_t tokens = 0;       // per run, as the tokeniser counts them
  std::size_t mentions = 0;     // per run
  std::vector<double> seconds;  // per run
  double median_seconds = 0;
  double tokens_per_second = 0;  // tokens / median_seconds

  std::string report() const;
};

// REQUIRES: runs >= 1.
BenchmarkResult run_benchmark(const Tagger& tagger, const std::vector<std::string>& texts,
                              int runs);

}  // namespace dateline::ner

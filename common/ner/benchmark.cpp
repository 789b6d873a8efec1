#include "common/ner/benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "common/ner/corpus.hpp"
#include "common/ner/tokenizer.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline::ner {

std::vector<std::string> benchmark_texts(const std::vector<std::filesystem::path>& files) {
  std::vector<std::string> texts;
  for (const std::filesystem::path& path : files) {
    if (file_kind(path) == FileKind::reuters_sgml) {
      ReaderContext context;
      context.source_path = path.string();
      const ReadResult result = read_file(path, context);
      for (const Article& article : result.articles) {
        std::string text = article.title;
        for (const std::string& paragraph : article.paragraphs) text += "\n\n" + paragraph;
        texts.push_back(std::move(text));
      }
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string content = buffer.str();
    if (content.starts_with("-DOCSTART-")) {
      for (const LabelledDocument& doc : parse_conll(content, path.string())) {
        std::string text;
        for (const LabelledSentence& sentence : doc.sentences) {
          for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
            text += sentence.tokens[i];
            text += i + 1 < sentence.tokens.size() ? ' ' : '\n';
          }
        }
        texts.push_back(std::move(text));
      }
    } else {
      texts.push_back(normalize_text(decode_utf8(content).text));
    }
  }
  return texts;
}

std::vector<std::string> sample_texts() {
  const std::string article =
      "OIL PRICES FIRM AS OPEC MEETS IN VIENNA\n\n"
      "Oil prices rose on Tuesday as ministers of the Organization of the Petroleum "
      "Exporting Countries met in Vienna, traders in London and New York said.\n"
      "Saudi Oil Minister Hisham Nazer told reporters that OPEC would defend its "
      "official price, while Reuters reported that Kuwait's delegation wanted a higher "
      "quota.\n\n"
      "Shares of Exxon Corp and Royal Dutch/Shell gained on the New York Stock Exchange. "
      "\"We expect a deal,\" said John Smith, an analyst at Merrill Lynch in New York.\n";
  return std::vector<std::string>(2000, article);
}

BenchmarkResult run_benchmark(const Tagger& tagger, const std::vector<std::string>& texts,
                              int runs) {
  BenchmarkResult result;
  result.texts = texts.size();
  for (const std::string& text : texts) {
    result.bytes += text.size();
    result.tokens += tokenize(text).tokens.size();
  }
  for (int run = 0; run < runs; ++run) {
    std::size_t mentions = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts) mentions += tagger.tag(text).size();
    result.seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    result.mentions = mentions;
  }
  std::vector<double> sorted = result.seconds;
  std::sort(sorted.begin(), sorted.end());
  result.median_seconds = sorted[sorted.size() / 2];
  result.tokens_per_second =
      result.median_seconds > 0 ? static_cast<double>(result.tokens) / result.median_seconds : 0;
  return result;
}

std::string BenchmarkResult::report() const {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "texts: %zu, bytes: %zu, tokens: %zu, mentions: %zu\n", texts,
                bytes, tokens, mentions);
  out += line;
  out += "runs (s):";
  for (double s : seconds) {
    std::snprintf(line, sizeof line, " %.3f", s);
    out += line;
  }
  std::snprintf(line, sizeof line, "\nmedian: %.3f s, %.0f tokens/s on one thread\n",
                median_seconds, tokens_per_second);
  out += line;
  return out;
}

}  // namespace dateline::ner

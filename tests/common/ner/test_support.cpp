#include "tests/common/ner/test_support.hpp"

#include <fstream>
#include <sstream>

#include "common/ner/trainer.hpp"

namespace dateline::ner::test {

std::string conll_text(const std::vector<std::string>& sentences) {
  std::string out = "-DOCSTART- -X- O O\n\n";
  for (const std::string& sentence : sentences) {
    if (sentence.empty()) {
      out += "-DOCSTART- -X- O O\n\n";
      continue;
    }
    std::istringstream words(sentence);
    for (std::string word; words >> word;) {
      const std::size_t slash = word.rfind('/');
      std::string tag = "O";
      if (slash != std::string::npos && slash > 0) {
        tag = word.substr(slash + 1);
        word = word.substr(0, slash);
        if (tag.find('-') == std::string::npos) tag = "I-" + tag;
      }
      out += word + " X X " + tag + "\n";
    }
    out += "\n";
  }
  return out;
}

const std::vector<std::string>& training_sentences() {
  static const std::vector<std::string> sentences = {
      "MOSCOW/LOC TALKS END",
      "John/PER Kerry/PER met Sergey/PER Lavrov/PER in Moscow/LOC on Friday .",
      "Kerry/PER 's talks with Lavrov/PER lasted eight hours .",
      "The talks in Moscow/LOC were held at the Foreign/ORG Ministry/ORG .",
      "Lavrov/PER said Russia/LOC wanted a deal with the United/LOC States/LOC .",
      "Kerry/PER flew to Geneva/LOC after the talks .",
      "",
      "GENEVA/LOC 1996-08-22",
      "Officials of the United/ORG Nations/ORG met in Geneva/LOC on Monday .",
      "Kerry/PER told Reuters/ORG that Syria/LOC must agree .",
      "The French/MISC delegation and the Russian/MISC delegation left Geneva/LOC .",
      "Lavrov/PER thanked Kerry/PER for the talks .",
      "",
      "Shares of Acme/ORG Corp/ORG rose in New/LOC York/LOC on Tuesday .",
      "Acme/ORG said its chief Peter/PER Blackburn/PER would visit London/LOC .",
      "Blackburn/PER told analysts at Merrill/ORG Lynch/ORG that sales rose .",
      "The company was founded in Chicago/LOC by Mary/PER Ellis/PER .",
      "Ellis/PER said the German/MISC market was weak .",
      "",
      "Russia/LOC and Syria/LOC signed a deal in Moscow/LOC .",
      "The Russian/MISC minister Sergey/PER Lavrov/PER met John/PER Kerry/PER again .",
      "Reuters/ORG reported that Acme/ORG Corp/ORG bought a firm in London/LOC .",
      "Mary/PER Ellis/PER and Peter/PER Blackburn/PER flew to Geneva/LOC .",
      "The United/LOC States/LOC and Russia/LOC agreed on Friday .",
  };
  return sentences;
}

namespace {

struct TinyModel {
  TempDir dir;
  std::filesystem::path path;
  ModelParameters model;

  TinyModel() {
    TrainParams params;
    params.train_path = dir.write("train.conll", conll_text(training_sentences()));
    params.stages = 2;
    params.folds = 2;
    params.lexicon_min_count = 1;
    params.cluster_min_count = 1;
    // Context aggregation learns from many documents' repeated names; on
    // these few it only adds noise.
    params.groups = k_default_groups & ~k_group_contexts;
    params.description = "tiny test model";
    std::ostringstream log;
    model = train_model(params, log);
    path = dir.path() / "tiny.model";
    write_model_file(model, path);
  }
};

const TinyModel& tiny() {
  static const TinyModel instance;
  return instance;
}

}  // namespace

const ModelParameters& tiny_model() { return tiny().model; }
const std::filesystem::path& tiny_model_path() { return tiny().path; }

const WordInfo* PlainLookup::find(std::string_view form) {
  auto [it, inserted] = m_index.try_emplace(std::string(form), m_words.size());
  if (inserted) {
    m_words.emplace_back();
    m_features.emplace_back();
    analyse_word(form, m_lexicon, m_groups, m_words.back(), &m_features.back());
    m_words.back().entry = static_cast<std::uint32_t>(it->second);
  }
  return &m_words[it->second];
}

}  // namespace dateline::ner::test

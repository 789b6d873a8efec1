// Fixtures shared by the entity tagger's tests: a tiny CoNLL-format corpus
// written for them, a temporary directory, a word lookup without caching,
// and a small model trained once from the corpus.
#pragma once

#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/ner/features.hpp"
#include "common/ner/model_file.hpp"
#include "tests/temp_dir.hpp"

namespace dateline::ner::test {

using dateline::test::TempDir;

// CoNLL-2003 text from compact sentences: "John/PER Kerry/PER met Moscow/LOC ."
// gives IOB1 tags (I-PER I-PER O I-LOC O); "x/B-PER" forces a B- tag.
// Documents are separated by an empty string in `sentences`.
std::string conll_text(const std::vector<std::string>& sentences);

// The tiny training corpus: four documents about diplomats, places and firms.
const std::vector<std::string>& training_sentences();

// A model trained from training_sentences() (two stages, ner-train's default
// epochs and ensemble), once per test run, and the path it was written to.
const ModelParameters& tiny_model();
const std::filesystem::path& tiny_model_path();

// Analyses every form afresh; keeps each word's feature list.
class PlainLookup final : public WordLookup {
 public:
  explicit PlainLookup(const Lexicon& lexicon, std::uint32_t groups = k_default_groups)
      : m_lexicon(lexicon), m_groups(groups) {}
  const WordInfo* find(std::string_view form) override;
  const std::vector<WordFeature>& features(const WordInfo& w) const { return m_features[w.entry]; }

 private:
  const Lexicon& m_lexicon;
  std::uint32_t m_groups;
  std::unordered_map<std::string, std::size_t> m_index;
  std::deque<WordInfo> m_words;
  std::deque<std::vector<WordFeature>> m_features;
};

}  // namespace dateline::ner::test

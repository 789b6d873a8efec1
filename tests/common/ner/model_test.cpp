// Unit tests for common/ner/model.cpp: the cached, offset-summed scoring
// used for tagging labels a document exactly as the explicit feature sums
// used in training would, and the stacked second stage rescales and adds
// to the first stage's scores.
#include <catch2/catch.hpp>

#include <string>
#include <unordered_set>
#include <vector>

#include "common/ner/decoder.hpp"
#include "common/ner/model.hpp"
#include "tests/common/ner/test_support.hpp"

namespace dateline::ner {
namespace {

struct Fixture {
  std::vector<std::string> storage = {"ROME",   "TALKS",  "END",  "John",      "Kerry",
                                      "met",    "Lavrov", "in",   "Rome",      ".",
                                      "Lavrov", "left",   "Rome", "1996-08-22"};
  DocumentTokens tokens;
  Lexicon lexicon;

  Fixture() {
    for (const std::string& s : storage) tokens.forms.emplace_back(s);
    tokens.sentence_begin = {0, 3, 10};
    tokens.sentence_caps = {1, 0, 0};
    Lexicon::Word rome;
    rome.lower = "rome";
    rome.usual = "Rome";
    rome.entry = {0b10, 2, Casing::title, 4, 6};
    Lexicon::Word met;
    met.lower = "met";
    met.usual = "met";
    met.entry = {0b01, 2, Casing::lower, 1, 8};
    lexicon = Lexicon({rome, met});
  }
};

// A weight in [-2, 2] from the key, in steps of 1/8 so sums are exact.
float weight_of(std::uint64_t key, int label) {
  return static_cast<float>(
             static_cast<int>(hash_pair(key, static_cast<std::uint64_t>(label)) % 33) - 16) /
         8.0f;
}

}  // namespace

TEST_CASE("cached tagging equals explicit feature sums", "[ner][model]") {
  const Fixture f;
  test::PlainLookup lookup(f.lexicon);
  PreparedDocument doc;
  prepare_document(f.tokens.forms, f.tokens.sentence_begin, f.tokens.sentence_caps, f.lexicon,
                   Gazetteer(), k_default_groups, lookup, doc);
  auto features_of = [&](std::size_t j) -> const std::vector<WordFeature>& {
    return lookup.features(*doc.words[j]);
  };
  // Every key the document uses gets a weight; the explicit scores are
  // their sums.
  std::vector<std::vector<std::uint64_t>> token_keys(doc.forms.size());
  std::unordered_set<std::uint64_t> all_keys;
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    for (std::size_t i = doc.sentence_begin[s]; i < doc.sentence_end(s); ++i) {
      token_features(doc, s, i, k_default_groups, features_of, token_keys[i]);
      all_keys.insert(token_keys[i].begin(), token_keys[i].end());
    }
  }
  std::vector<std::uint64_t> keys(all_keys.begin(), all_keys.end());
  std::vector<float> weights;
  for (std::uint64_t key : keys) {
    for (int y = 0; y < k_num_labels; ++y) weights.push_back(weight_of(key, y));
  }
  Transitions transitions;
  for (std::size_t i = 0; i < transitions.score.size(); ++i) transitions.score[i] = weight_of(i, 0);
  ModelParameters parameters;
  parameters.groups = k_default_groups;
  parameters.lexicon = f.lexicon;
  parameters.stages.emplace_back(keys, weights, transitions);
  const Model model(parameters);

  std::vector<Label> expected(doc.forms.size());
  DecoderScratch scratch;
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    const std::size_t begin = doc.sentence_begin[s];
    const std::size_t end = doc.sentence_end(s);
    std::vector<float> emissions((end - begin) * k_num_labels, 0.0f);
    for (std::size_t i = begin; i < end; ++i) {
      for (std::uint64_t key : token_keys[i]) {
        for (int y = 0; y < k_num_labels; ++y) {
          emissions[(i - begin) * k_num_labels + static_cast<std::size_t>(y)] += weight_of(key, y);
        }
      }
    }
    viterbi(emissions.data(), end - begin, transitions, expected.data() + begin, scratch);
  }
  const std::vector<Label> labels = model.label_document(f.tokens);
  CHECK(labels == expected);
  // Not a trivial document: the random weights found some chunks.
  CHECK(std::count(expected.begin(), expected.end(), k_outside) <
        static_cast<long>(expected.size()));
}

TEST_CASE("the second stage stacks on the first stage's scores", "[ner][model]") {
  const Fixture f;
  ModelParameters parameters;
  parameters.groups = k_default_groups;
  parameters.lexicon = f.lexicon;
  // Stage one: capitalised words lean to B-PER through their short shape.
  WordInfo info;
  std::vector<WordFeature> features;
  analyse_word("Kerry", f.lexicon, k_default_groups, info, &features);
  std::vector<float> row(k_num_labels, 0.0f);
  row[begin_label(0)] = 2.0f;
  std::vector<std::uint64_t> keys;
  std::vector<float> weights;
  for (const WordFeature& wf : features) {
    if (wf.key == features[4].key) {  // t_short_shape is the fifth feature
      keys.push_back(offset_key(wf.key, 0));
      weights.insert(weights.end(), row.begin(), row.end());
    }
  }
  parameters.stages.emplace_back(keys, weights, Transitions{});
  const std::vector<Label> first = Model(parameters).label_document(f.tokens);
  CHECK(first[4] == begin_label(0));  // Kerry

  // Stage two, identity stacking and no features: the same labels.
  std::vector<float> identity(k_num_labels * k_num_labels, 0.0f);
  for (int y = 0; y < k_num_labels; ++y)
    identity[static_cast<std::size_t>(y * k_num_labels + y)] = 1.0f;
  ModelParameters two = parameters;
  two.stages.emplace_back(std::vector<std::uint64_t>{}, std::vector<float>{}, Transitions{},
                          identity);
  CHECK(Model(two).label_document(f.tokens) == first);

  // A stacking matrix that sends B-PER scores to B-LOC relabels them.
  std::vector<float> swap = identity;
  swap[static_cast<std::size_t>(begin_label(0) * k_num_labels + begin_label(0))] = 0.0f;
  swap[static_cast<std::size_t>(begin_label(0) * k_num_labels + begin_label(1))] = 1.0f;
  ModelParameters swapped = parameters;
  swapped.stages.emplace_back(std::vector<std::uint64_t>{}, std::vector<float>{}, Transitions{},
                              swap);
  const std::vector<Label> relabelled = Model(swapped).label_document(f.tokens);
  for (std::size_t i = 0; i < first.size(); ++i) {
    INFO(i);
    CHECK(relabelled[i] == (first[i] == begin_label(0) ? begin_label(1) : first[i]));
  }
}

}  // namespace dateline::ner

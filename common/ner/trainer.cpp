#include "common/ner/trainer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <iterator>
#include <map>
#include <numeric>
#include <ostream>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "common/error.hpp"
#include "common/ner/decoder.hpp"
#include "common/ner/evaluation.hpp"
#include "common/ner/model.hpp"
#include "common/ner/name_lists.hpp"

namespace dateline::ner {
namespace {

constexpr int L = k_num_labels;

// splitmix64: a small generator whose output is the same on every platform
// (std::shuffle's is not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    m_state += 0x9E3779B97F4A7C15ULL;
    return mix64(m_state);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t m_state;
};

template <typename T>
void shuffle(std::vector<T>& items, Rng& rng) {
  for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng.below(i)]);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ---------------------------------------------------------------------------
// The lexicon and clusters, from unlabelled text.

class TextStatistics {
 public:
  void add_sentence(const std::vector<std::string>& tokens, bool caps) {
    bool seen_word = false;
    for (const std::string& token : tokens) {
      const std::uint16_t flags = word_flags(token);
      const std::uint32_t id = word_id(lower_form(token));
      m_corpus.push_back(id);
      Stats& stats = m_stats[id];
      ++stats.count;
      const bool initial = !seen_word && !(flags & k_flag_no_alnum);
      if (!(flags & k_flag_no_alnum)) seen_word = true;
      if (caps || initial || !(flags & k_flag_has_alpha)) continue;
      ++stats.mid;
      if (flags & k_flag_initial_upper) ++stats.mid_capital;
      ++stats.forms[digit_form(token)];
    }
    m_corpus.push_back(k_sentence_boundary);
  }

  Lexicon build(const TrainParams& params, std::ostream& log) {
    // Ids by decreasing frequency, ties by the word, as clustering needs.
    std::vector<std::uint32_t> order(m_words.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (m_stats[a].count != m_stats[b].count) return m_stats[a].count > m_stats[b].count;
      return m_words[a] < m_words[b];
    });
    std::vector<std::uint32_t> rank(m_words.size());
    for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<std::uint32_t>(r);
    for (std::uint32_t& id : m_corpus) {
      if (id != k_sentence_boundary) id = rank[id];
    }
    std::size_t clustered = 0;
    while (clustered < order.size() &&
           m_stats[order[clustered]].count >= params.cluster_min_count) {
      ++clustered;
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<ClusterPath> paths;
    if (params.groups & k_group_clusters)
      paths = cluster_words(m_corpus, clustered, params.clusters);
    log << "clusters: " << clustered << " words from " << m_corpus.size() << " tokens in "
        << seconds_since(start) << " s\n";

    std::vector<Lexicon::Word> words;
    for (std::size_t r = 0; r < order.size(); ++r) {
      const Stats& stats = m_stats[order[r]];
      if (stats.count < params.lexicon_min_count) break;
      Lexicon::Word word;
      word.lower = m_words[order[r]];
      word.usual = word.lower;
      std::uint32_t best = 0;
      for (const auto& [form, count] : stats.forms) {
        if (count > best) {
          best = count;
          word.usual = form;
        }
      }
      word.entry.casing = casing_of(word.usual, word.lower);
      if (r < paths.size()) {
        word.entry.cluster = paths[r].bits;
        word.entry.cluster_depth = paths[r].depth;
      }
      word.entry.cap_ratio = cap_ratio_bucket(stats);
      word.entry.frequency = static_cast<std::uint8_t>(std::log2(static_cast<double>(stats.count)));
      words.push_back(std::move(word));
    }
    log << "lexicon: " << words.size() << " words\n";
    return Lexicon(std::move(words));
  }

 private:
  struct Stats {
    std::uint64_t count = 0;
    std::uint64_t mid = 0;          // occurrences not first in a mixed-case sentence
    std::uint64_t mid_capital = 0;  // of those, capitalised
    std::map<std::string, std::uint32_t> forms;
  };

  std::uint32_t word_id(const std::string& lower) {
    auto [it, inserted] = m_ids.try_emplace(lower, static_cast<std::uint32_t>(m_words.size()));
    if (inserted) {
      m_words.push_back(lower);
      m_stats.emplace_back();
    }
    return it->second;
  }

  static Casing casing_of(const std::string& usual, const std::string& lower) {
    if (usual == lower) return Casing::lower;
    std::string title = lower;
    std::string upper = lower;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    }
    if (!title.empty() && title[0] >= 'a' && title[0] <= 'z')
      title[0] = static_cast<char>(title[0] - 32);
    if (usual == title) return Casing::title;
    if (usual == upper) return Casing::upper;
    return Casing::other;
  }

  static std::uint8_t cap_ratio_bucket(const Stats& stats) {
    if (stats.mid == 0) return 0;
    const double r = static_cast<double>(stats.mid_capital) / static_cast<double>(stats.mid);
    if (r < 0.1) return 1;
    if (r < 0.5) return 2;
    if (r < 0.9) return 3;
    return 4;
  }

  std::unordered_map<std::string, std::uint32_t> m_ids;
  std::vector<std::string> m_words;
  std::vector<Stats> m_stats;
  std::vector<std::uint32_t> m_corpus;
};

// ---------------------------------------------------------------------------
// Documents, words and features.

struct TrainingDocument {
  const LabelledDocument* source = nullptr;
  std::size_t fold = 0;
  bool from_gmb = false;
  DocumentTokens tokens;
  std::vector<Label> gold;
  PreparedDocument prepared;
};

TrainingDocument make_document(const LabelledDocument& source, std::size_t fold, bool from_gmb) {
  TrainingDocument doc;
  doc.source = &source;
  doc.fold = fold;
  doc.from_gmb = from_gmb;
  for (const LabelledSentence& sentence : source.sentences) {
    doc.tokens.sentence_begin.push_back(static_cast<std::uint32_t>(doc.tokens.forms.size()));
    doc.tokens.sentence_caps.push_back(is_caps_sentence(sentence.tokens) ? 1 : 0);
    for (const std::string& token : sentence.tokens) doc.tokens.forms.emplace_back(token);
    doc.gold.insert(doc.gold.end(), sentence.labels.begin(), sentence.labels.end());
  }
  return doc;
}

class TrainingLookup final : public WordLookup {
 public:
  TrainingLookup(const Lexicon& lexicon, std::uint32_t groups)
      : m_lexicon(lexicon), m_groups(groups) {}

  const WordInfo* find(std::string_view form) override {
    auto [it, inserted] =
        m_index.try_emplace(form_key(form), static_cast<std::uint32_t>(m_words.size()));
    if (inserted) {
      Word& word = m_words.emplace_back();
      analyse_word(form, m_lexicon, m_groups, word.info, &word.features);
      word.info.entry = it->second;
    }
    return &m_words[it->second].info;
  }
  const std::vector<WordFeature>& features(const WordInfo& info) const {
    return m_words[info.entry].features;
  }

 private:
  struct Word {
    WordInfo info;
    std::vector<WordFeature> features;
  };
  const Lexicon& m_lexicon;
  std::uint32_t m_groups;
  std::unordered_map<std::uint64_t, std::uint32_t> m_index;
  std::deque<Word> m_words;
};

class FeatureDictionary {
 public:
  static constexpr std::uint32_t k_none = FlatHashIndex::k_missing;

  std::uint32_t add(std::uint64_t key) {
    std::uint32_t id = m_index.find(key);
    if (id == FlatHashIndex::k_missing) {
      id = static_cast<std::uint32_t>(m_keys.size());
      m_index.insert(key, id);
      m_keys.push_back(key);
      m_counts.push_back(0);
    }
    ++m_counts[id];
    return id;
  }
  std::uint32_t find(std::uint64_t key) const { return m_index.find(key); }
  std::size_t size() const { return m_keys.size(); }
  const std::vector<std::uint64_t>& keys() const { return m_keys; }

  // Drops keys seen fewer than `min_count` times; returns old id -> new id
  // (k_none for dropped ones).
  std::vector<std::uint32_t> compact(std::size_t min_count) {
    std::vector<std::uint32_t> remap(m_keys.size(), k_none);
    std::vector<std::uint64_t> kept;
    FlatHashIndex index;
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
      if (m_counts[i] < min_count) continue;
      remap[i] = static_cast<std::uint32_t>(kept.size());
      index.insert(m_keys[i], remap[i]);
      kept.push_back(m_keys[i]);
    }
    m_keys = std::move(kept);
    m_index = std::move(index);
    m_counts.assign(m_keys.size(), static_cast<std::uint32_t>(min_count));
    return remap;
  }

 private:
  FlatHashIndex m_index;
  std::vector<std::uint64_t> m_keys;
  std::vector<std::uint32_t> m_counts;
};

// Feature ids of many sentences, token after token.
struct FeatureSet {
  std::vector<std::uint32_t> ids;
  std::vector<std::uint32_t> token_begin{0};  // tokens + 1 offsets into ids
  std::vector<Label> gold;
  std::vector<std::uint32_t> sentence_begin{0};  // sentences + 1 offsets into tokens
  std::vector<std::uint32_t> sentence_document;
  // Stage two: the first stage's scores, L per token, divided by dense_scale.
  std::vector<float> dense;
  float dense_scale = 1;

  std::size_t sentence_count() const { return sentence_document.size(); }
};

enum class Growth { add_features, known_only };
enum class Stage { first, second };

void extract_features(const std::vector<TrainingDocument>& docs, const TrainingLookup& lookup,
                      std::uint32_t groups, Stage stage, FeatureDictionary& dictionary,
                      Growth growth, FeatureSet& set) {
  std::vector<std::uint64_t> keys;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const PreparedDocument& doc = docs[d].prepared;
    auto word_features = [&](std::size_t j) -> const std::vector<WordFeature>& {
      return lookup.features(*doc.words[j]);
    };
    for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
      for (std::size_t i = doc.sentence_begin[s]; i < doc.sentence_end(s); ++i) {
        keys.clear();
        if (stage == Stage::first) {
          token_features(doc, s, i, groups, word_features, keys);
        } else {
          prediction_features(doc, s, i, keys);
        }
        for (std::uint64_t key : keys) {
          const std::uint32_t id =
              growth == Growth::add_features ? dictionary.add(key) : dictionary.find(key);
          if (id != FeatureDictionary::k_none) set.ids.push_back(id);
        }
        set.token_begin.push_back(static_cast<std::uint32_t>(set.ids.size()));
        set.gold.push_back(docs[d].gold[i]);
      }
      set.sentence_begin.push_back(static_cast<std::uint32_t>(set.gold.size()));
      set.sentence_document.push_back(static_cast<std::uint32_t>(d));
    }
  }
}

void remap_features(FeatureSet& set, const std::vector<std::uint32_t>& remap) {
  std::vector<std::uint32_t> ids;
  ids.reserve(set.ids.size());
  std::vector<std::uint32_t> token_begin{0};
  token_begin.reserve(set.token_begin.size());
  for (std::size_t t = 0; t + 1 < set.token_begin.size(); ++t) {
    for (std::uint32_t k = set.token_begin[t]; k < set.token_begin[t + 1]; ++k) {
      if (remap[set.ids[k]] != FeatureDictionary::k_none) ids.push_back(remap[set.ids[k]]);
    }
    token_begin.push_back(static_cast<std::uint32_t>(ids.size()));
  }
  set.ids = std::move(ids);
  set.token_begin = std::move(token_begin);
}

// ---------------------------------------------------------------------------
// The averaged structured perceptron.

struct StageWeightsDraft {
  std::vector<float> weights;  // features x L
  Transitions transitions;
  std::vector<float> stacking;  // L x L, applied to FeatureSet::dense

  // Element-wise sum and scaling, to average the weights of several models.
  void add(const StageWeightsDraft& other) {
    for (std::size_t i = 0; i < weights.size(); ++i) weights[i] += other.weights[i];
    for (std::size_t i = 0; i < transitions.start.size(); ++i)
      transitions.start[i] += other.transitions.start[i];
    for (std::size_t i = 0; i < transitions.score.size(); ++i)
      transitions.score[i] += other.transitions.score[i];
    for (std::size_t i = 0; i < stacking.size(); ++i) stacking[i] += other.stacking[i];
  }
  void scale(float factor) {
    for (float& w : weights) w *= factor;
    for (float& w : transitions.start) w *= factor;
    for (float& w : transitions.score) w *= factor;
    for (float& w : stacking) w *= factor;
  }
};

std::vector<float> identity_matrix() {
  std::vector<float> m(L * L, 0.0f);
  for (int y = 0; y < L; ++y) m[static_cast<std::size_t>(y * L + y)] = 1.0f;
  return m;
}

void decode_sentence(const FeatureSet& set, std::size_t s, const std::vector<float>& weights,
                     const float* stacking, const Transitions& transitions,
                     std::vector<float>& emissions, DecoderScratch& scratch, Label* out) {
  const std::uint32_t begin = set.sentence_begin[s];
  const std::uint32_t end = set.sentence_begin[s + 1];
  emissions.assign(std::size_t{end - begin} * L, 0.0f);
  for (std::uint32_t t = begin; t < end; ++t) {
    float* target = emissions.data() + std::size_t{t - begin} * L;
    if (!set.dense.empty()) {
      const float* scores = set.dense.data() + std::size_t{t} * L;
      for (int from = 0; from < L; ++from) {
        const float* row = stacking + static_cast<std::size_t>(from) * L;
        for (int y = 0; y < L; ++y) target[y] += scores[from] * row[y];
      }
    }
    for (std::uint32_t k = set.token_begin[t]; k < set.token_begin[t + 1]; ++k) {
      const float* row = weights.data() + std::size_t{set.ids[k]} * L;
      for (int y = 0; y < L; ++y) target[y] += row[y];
    }
  }
  viterbi(emissions.data(), end - begin, transitions, out, scratch);
}

class Perceptron {
 public:
  explicit Perceptron(std::size_t features)
      : m_weights(features * L, 0.0f),
        m_totals(features * L, 0.0),
        m_stacking(identity_matrix()),
        m_stacking_totals(L * L, 0.0) {}

  void train_epoch(const FeatureSet& set, const std::vector<std::uint32_t>& order) {
    std::vector<Label> predicted;
    for (std::uint32_t s : order) {
      const std::uint32_t begin = set.sentence_begin[s];
      const std::uint32_t end = set.sentence_begin[s + 1];
      predicted.resize(end - begin);
      decode_sentence(set, s, m_weights, m_stacking.data(), m_transitions, m_emissions, m_scratch,
                      predicted.data());
      for (std::uint32_t t = begin; t < end; ++t) {
        const Label gold = set.gold[t];
        const Label guess = predicted[t - begin];
        if (gold != guess && !set.dense.empty()) {
          const float* scores = set.dense.data() + std::size_t{t} * L;
          for (std::size_t from = 0; from < L; ++from) {
            update(m_stacking[from * L + gold], m_stacking_totals[from * L + gold], scores[from]);
            update(m_stacking[from * L + guess], m_stacking_totals[from * L + guess],
                   -scores[from]);
          }
        }
        if (gold != guess) {
          for (std::uint32_t k = set.token_begin[t]; k < set.token_begin[t + 1]; ++k) {
            const std::size_t row = std::size_t{set.ids[k]} * L;
            update(m_weights[row + gold], m_totals[row + gold], 1.0f);
            update(m_weights[row + guess], m_totals[row + guess], -1.0f);
          }
        }
        if (t == begin) {
          if (gold != guess) {
            update(m_transitions.start[gold], m_start_totals[gold], 1.0f);
            update(m_transitions.start[guess], m_start_totals[guess], -1.0f);
          }
          continue;
        }
        const std::size_t gold_pair = std::size_t{set.gold[t - 1]} * L + gold;
        const std::size_t guess_pair = std::size_t{predicted[t - 1 - begin]} * L + guess;
        if (gold_pair != guess_pair) {
          update(m_transitions.score[gold_pair], m_transition_totals[gold_pair], 1.0f);
          update(m_transitions.score[guess_pair], m_transition_totals[guess_pair], -1.0f);
        }
      }
      m_clock += 1;
    }
  }

  // The weights averaged over every sentence seen: w - totals / clock,
  // where totals sums each update times the clock at which it was made.
  StageWeightsDraft averaged() const {
    StageWeightsDraft out;
    out.weights.resize(m_weights.size());
    for (std::size_t i = 0; i < m_weights.size(); ++i) {
      out.weights[i] = static_cast<float>(m_weights[i] - m_totals[i] / m_clock);
    }
    for (std::size_t i = 0; i < out.transitions.start.size(); ++i) {
      out.transitions.start[i] =
          static_cast<float>(m_transitions.start[i] - m_start_totals[i] / m_clock);
    }
    for (std::size_t i = 0; i < out.transitions.score.size(); ++i) {
      out.transitions.score[i] =
          static_cast<float>(m_transitions.score[i] - m_transition_totals[i] / m_clock);
    }
    out.stacking.resize(m_stacking.size());
    for (std::size_t i = 0; i < m_stacking.size(); ++i) {
      out.stacking[i] = static_cast<float>(m_stacking[i] - m_stacking_totals[i] / m_clock);
    }
    return out;
  }

 private:
  void update(float& weight, double& total, float delta) const {
    weight += delta;
    total += m_clock * delta;
  }

  std::vector<float> m_weights;
  std::vector<double> m_totals;
  std::vector<float> m_stacking;
  std::vector<double> m_stacking_totals;
  Transitions m_transitions;
  std::array<double, L> m_start_totals{};
  std::array<double, L * L> m_transition_totals{};
  double m_clock = 1;
  std::vector<float> m_emissions;
  DecoderScratch m_scratch;
};

// Labels of `sentences`, written into `labels` (one per token of the set);
// with `scores`, also their emission scores (L per token).
void predict(const FeatureSet& set, const StageWeightsDraft& weights,
             const std::vector<std::uint32_t>& sentences, std::vector<Label>& labels,
             std::vector<float>* scores = nullptr) {
  labels.resize(set.gold.size(), k_outside);
  if (scores) scores->resize(set.gold.size() * L, 0.0f);
  std::vector<float> emissions;
  DecoderScratch scratch;
  for (std::uint32_t s : sentences) {
    decode_sentence(set, s, weights.weights, weights.stacking.data(), weights.transitions,
                    emissions, scratch, labels.data() + set.sentence_begin[s]);
    if (scores) {
      std::copy(
          emissions.begin(), emissions.end(),
          scores->begin() + static_cast<std::ptrdiff_t>(std::size_t{set.sentence_begin[s]} * L));
    }
  }
}

Evaluation evaluate(const FeatureSet& set, const std::vector<Label>& predicted) {
  Evaluation evaluation;
  for (std::size_t s = 0; s < set.sentence_count(); ++s) {
    const auto begin = static_cast<std::ptrdiff_t>(set.sentence_begin[s]);
    const auto end = static_cast<std::ptrdiff_t>(set.sentence_begin[s + 1]);
    evaluation.add(std::vector<Label>(set.gold.begin() + begin, set.gold.begin() + end),
                   std::vector<Label>(predicted.begin() + begin, predicted.begin() + end));
  }
  return evaluation;
}

std::vector<std::uint32_t> all_sentences(const FeatureSet& set) {
  std::vector<std::uint32_t> all(set.sentence_count());
  std::iota(all.begin(), all.end(), 0u);
  return all;
}

struct StageOutcome {
  StageWeightsDraft weights;
  int epochs = 0;
  double dev_f1 = 0;
};

// How long a stage trains and which epoch it keeps: `keep` > 0 keeps that
// epoch's weights, else the best epoch on the development set (the last
// without one). `run` epochs are trained in all (at least `keep`); with a
// `curve`, each epoch's development scores are appended to it.
struct EpochPlan {
  int run = 0;
  int keep = 0;
  std::vector<Evaluation>* curve = nullptr;
};

// Trains on `sentences` of `train` as `plan` says, scoring `dev` (when not
// null) after each epoch.
StageOutcome train_stage(const FeatureSet& train, const std::vector<std::uint32_t>& sentences,
                         std::size_t features, const FeatureSet* dev, const EpochPlan& plan,
                         std::uint64_t seed, std::ostream* log, const std::string& name,
                         int ensemble = 1) {
  std::vector<Perceptron> perceptrons;
  for (int m = 0; m < ensemble; ++m) perceptrons.emplace_back(features);
  std::vector<std::uint32_t> order = sentences;
  StageOutcome best;
  const auto start = std::chrono::steady_clock::now();
  const int epochs = std::max(plan.run, plan.keep);
  auto averaged_weights = [&] {
    StageWeightsDraft sum = perceptrons[0].averaged();
    for (std::size_t m = 1; m < perceptrons.size(); ++m) sum.add(perceptrons[m].averaged());
    sum.scale(1.0f / static_cast<float>(perceptrons.size()));
    return sum;
  };
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    for (std::size_t m = 0; m < perceptrons.size(); ++m) {
      Rng rng(hash_pair(seed + 1000 * m, static_cast<std::uint64_t>(epoch)));
      order = sentences;
      shuffle(order, rng);
      perceptrons[m].train_epoch(train, order);
    }
    const bool kept = plan.keep == epoch || (plan.keep == 0 && dev == nullptr && epoch == epochs);
    if (dev == nullptr) {
      if (kept) best = {averaged_weights(), epoch, 0};
      continue;
    }
    StageWeightsDraft averaged = averaged_weights();
    std::vector<Label> labels;
    predict(*dev, averaged, all_sentences(*dev), labels);
    const Evaluation evaluation = evaluate(*dev, labels);
    if (plan.curve) plan.curve->push_back(evaluation);
    const double f1 = evaluation.overall().f1();
    if (log) {
      *log << name << " epoch " << epoch << ": dev F1 " << 100 * f1 << " (" << seconds_since(start)
           << " s)\n";
    }
    if (kept || (plan.keep == 0 && (f1 > best.dev_f1 || best.epochs == 0))) {
      best.weights = std::move(averaged);
      best.epochs = epoch;
      best.dev_f1 = f1;
    }
  }
  return best;
}

StageWeights finish_stage(const FeatureDictionary& dictionary, const StageWeightsDraft& draft,
                          const FeatureSet& set) {
  std::vector<std::uint64_t> keys;
  std::vector<float> weights;
  for (std::size_t f = 0; f < dictionary.size(); ++f) {
    const float* row = draft.weights.data() + f * L;
    if (std::none_of(row, row + L, [](float w) { return std::fabs(w) > 1e-6f; })) continue;
    keys.push_back(dictionary.keys()[f]);
    weights.insert(weights.end(), row, row + L);
  }
  std::vector<float> stacking;
  if (!set.dense.empty()) {
    // The set's scores were divided by dense_scale; fold that in.
    for (float v : draft.stacking) stacking.push_back(v / set.dense_scale);
  }
  return StageWeights(std::move(keys), std::move(weights), draft.transitions, std::move(stacking));
}

// ---------------------------------------------------------------------------
// Gazetteers.

void add_entities(const LabelledDocument& doc, int source, Gazetteer& gazetteer) {
  for (const LabelledSentence& sentence : doc.sentences) {
    for (const Chunk& chunk : chunks_from_labels(sentence.labels)) {
      if (chunk.end - chunk.begin > Gazetteer::k_max_length) continue;
      std::vector<std::string> lower;
      for (std::size_t i = chunk.begin; i < chunk.end; ++i)
        lower.push_back(lower_form(sentence.tokens[i]));
      gazetteer.add_phrase(lower, source, chunk.type);
    }
  }
}

// ---------------------------------------------------------------------------
// The steps of train_model.

// Everything read from disk, shared by every model trained from it (the
// folds of a cross-validation read it once).
struct TrainingCorpora {
  std::vector<LabelledDocument> conll;  // --train, then the extra training files
  std::vector<LabelledDocument> dev;
  std::vector<LabelledDocument> gmb;
  std::vector<UnlabelledSentence> unlabelled;  // Reuters-21578 bodies
  std::vector<ListPhrase> lists;               // Reuters-21578 category lists
  // Places, countries and firms (name_lists.hpp) with their Gazetteer::Source.
  std::vector<std::pair<ListPhrase, int>> name_lists;
  std::vector<ListPhrase> person_names;  // filtered against each lexicon
  bool gmb_training = false;             // GMB documents are training documents
  bool gmb_gazetteer = false;            // GMB entities go into the gazetteer
};

// Reads the training, development, GMB and unlabelled data `params` names.
// Throws dateline::Error naming a file that cannot be read.
TrainingCorpora read_corpora(const TrainParams& params, std::ostream& log) {
  TrainingCorpora corpora;
  corpora.conll = read_conll_file(params.train_path);
  for (const std::filesystem::path& path : params.extra_train_paths) {
    std::vector<LabelledDocument> more = read_conll_file(path);
    std::move(more.begin(), more.end(), std::back_inserter(corpora.conll));
  }
  if (!params.dev_path.empty()) corpora.dev = read_conll_file(params.dev_path);
  if (!params.gmb_path.empty()) corpora.gmb = read_gmb_file(params.gmb_path, params.gmb_gpe);
  if (!params.unlabelled_dir.empty()) {
    corpora.unlabelled = read_reuters_bodies(params.unlabelled_dir);
    corpora.lists = read_reuters_lists(params.unlabelled_dir);
    if (params.firm_min_count > 0) {
      for (ListPhrase& firm : mine_firm_names(corpora.unlabelled, params.firm_min_count))
        corpora.name_lists.emplace_back(std::move(firm), Gazetteer::firms);
      log << "firm names mined: " << corpora.name_lists.size() << " phrases\n";
    }
  }
  auto add_list = [&](std::vector<ListPhrase> phrases, int source) {
    for (ListPhrase& phrase : phrases) corpora.name_lists.emplace_back(std::move(phrase), source);
  };
  if (!params.places_path.empty()) {
    add_list(read_geonames_places(params.places_path, params.place_min_population),
             Gazetteer::places);
  }
  if (!params.countries_path.empty())
    add_list(read_country_names(params.countries_path), Gazetteer::countries);
  if (!params.names_path.empty()) corpora.person_names = read_person_names(params.names_path);
  corpora.gmb_training = !corpora.gmb.empty() && params.gmb_use != GmbUse::gazetteer;
  corpora.gmb_gazetteer = !corpora.gmb.empty() && params.gmb_use != GmbUse::training;
  log << "read " << corpora.conll.size() << " training, " << corpora.dev.size() << " development, "
      << corpora.gmb.size() << " GMB documents, " << corpora.unlabelled.size()
      << " unlabelled sentences\n";
  return corpora;
}

using DocumentList = std::vector<const LabelledDocument*>;

// The lexicon and clusters from unlabelled text: Reuters-21578 bodies, the
// text of the training documents `train` and GMB's (never text that is
// scored: neither the development file nor a held-out fold).
Lexicon learn_lexicon(const TrainParams& params, const TrainingCorpora& corpora,
                      const DocumentList& train, std::ostream& log) {
  TextStatistics statistics;
  for (const UnlabelledSentence& s : corpora.unlabelled) statistics.add_sentence(s.tokens, s.caps);
  auto add_text = [&](const LabelledDocument& doc) {
    for (const LabelledSentence& s : doc.sentences)
      statistics.add_sentence(s.tokens, is_caps_sentence(s.tokens));
  };
  for (const LabelledDocument* doc : train) add_text(*doc);
  for (const LabelledDocument& doc : corpora.gmb) add_text(doc);
  return statistics.build(params, log);
}

// The training documents (`train`, then GMB's when it is training data),
// dealt round-robin into `folds` jackknife folds.
std::vector<TrainingDocument> training_documents(const TrainingCorpora& corpora,
                                                 const DocumentList& train, std::size_t folds) {
  std::vector<TrainingDocument> docs;
  for (const LabelledDocument* doc : train)
    docs.push_back(make_document(*doc, docs.size() % folds, false));
  if (corpora.gmb_training) {
    for (const LabelledDocument& doc : corpora.gmb)
      docs.push_back(make_document(doc, docs.size() % folds, true));
  }
  return docs;
}

// Adds a list's phrase, lower-cased as the tagger looks words up.
void add_phrase(const ListPhrase& phrase, int source, Gazetteer& gazetteer) {
  std::vector<std::string> lower;
  for (const std::string& token : phrase.tokens) lower.push_back(lower_form(token));
  gazetteer.add_phrase(lower, source, phrase.type);
}

// A personal name from a list that the news text mostly writes in lower
// case is a common word ("Will", "Long", "Bill").
bool is_common_word(const ListPhrase& name, const Lexicon& lexicon) {
  const std::int32_t i = lexicon.find_word(lower_form(name.tokens.front()));
  return i >= 0 && lexicon.word(static_cast<std::size_t>(i)).entry.casing == Casing::lower;
}

// The gazetteer every fold shares: GMB's entities (when it is a gazetteer
// only), Reuters' lists, and the name lists.
Gazetteer external_gazetteer(const TrainingCorpora& corpora, const Lexicon& lexicon) {
  Gazetteer external;
  for (const auto& [phrase, source] : corpora.name_lists) add_phrase(phrase, source, external);
  for (const ListPhrase& name : corpora.person_names) {
    if (!is_common_word(name, lexicon)) add_phrase(name, Gazetteer::person_names, external);
  }
  if (corpora.gmb_gazetteer && !corpora.gmb_training) {
    for (const LabelledDocument& doc : corpora.gmb) add_entities(doc, Gazetteer::gmb, external);
  }
  for (const ListPhrase& phrase : corpora.lists)
    add_phrase(phrase, Gazetteer::reuters_lists, external);
  return external;
}

// One gazetteer per fold, then one with no fold left out (folds + 1 in
// all): `external` plus the entities of the training documents of the
// other folds (GMB's too when it is training data and a gazetteer).
std::vector<Gazetteer> fold_gazetteers(const Gazetteer& external,
                                       const std::vector<TrainingDocument>& train,
                                       std::size_t folds, bool gmb_gazetteer) {
  std::vector<Gazetteer> gazetteers(folds + 1, external);
  for (const TrainingDocument& doc : train) {
    const int source = doc.from_gmb ? Gazetteer::gmb : Gazetteer::training;
    if (source == Gazetteer::gmb && !gmb_gazetteer) continue;
    for (std::size_t f = 0; f <= folds; ++f) {
      if (f != doc.fold) add_entities(*doc.source, source, gazetteers[f]);
    }
  }
  return gazetteers;
}

// Prepares each training document with its fold's gazetteer and each
// development document with the full one (the last of `gazetteers`).
void prepare_documents(const Lexicon& lexicon, const std::vector<Gazetteer>& gazetteers,
                       std::uint32_t groups, TrainingLookup& lookup,
                       std::vector<TrainingDocument>& train, std::vector<TrainingDocument>& dev) {
  for (TrainingDocument& doc : train) {
    prepare_document(doc.tokens.forms, doc.tokens.sentence_begin, doc.tokens.sentence_caps, lexicon,
                     gazetteers[doc.fold], groups, lookup, doc.prepared);
  }
  for (TrainingDocument& doc : dev) {
    prepare_document(doc.tokens.forms, doc.tokens.sentence_begin, doc.tokens.sentence_caps, lexicon,
                     gazetteers.back(), groups, lookup, doc.prepared);
  }
}

// One stage's feature dictionary and its training and development sets.
struct StageFeatures {
  FeatureDictionary dictionary;
  FeatureSet train;
  FeatureSet dev;
};

// Extracts `stage`'s features: the dictionary grows on the training
// documents, drops features seen under params.min_feature_count times, and
// the development set keeps only the features it knows.
StageFeatures stage_features(const std::vector<TrainingDocument>& train,
                             const std::vector<TrainingDocument>& dev, const TrainingLookup& lookup,
                             const TrainParams& params, Stage stage) {
  StageFeatures features;
  extract_features(train, lookup, params.groups, stage, features.dictionary, Growth::add_features,
                   features.train);
  remap_features(features.train, features.dictionary.compact(params.min_feature_count));
  extract_features(dev, lookup, params.groups, stage, features.dictionary, Growth::known_only,
                   features.dev);
  return features;
}

// Stage-one labels and scores (L per token) of every training sentence,
// each from a model trained `epochs` epochs on the other folds.
void jackknife_first_stage(const std::vector<TrainingDocument>& train, const StageFeatures& first,
                           int epochs, const TrainParams& params,
                           std::chrono::steady_clock::time_point start, std::ostream& log,
                           std::vector<Label>& labels, std::vector<float>& scores) {
  const auto folds = static_cast<std::size_t>(params.folds);
  for (std::size_t f = 0; f < folds; ++f) {
    std::vector<std::uint32_t> in_fold;
    std::vector<std::uint32_t> others;
    for (std::uint32_t s = 0; s < first.train.sentence_count(); ++s) {
      (train[first.train.sentence_document[s]].fold == f ? in_fold : others).push_back(s);
    }
    const StageOutcome partial =
        train_stage(first.train, others, first.dictionary.size(), nullptr, EpochPlan{0, epochs},
                    params.seed + f + 1, nullptr, "");
    predict(first.train, partial.weights, in_fold, labels, &scores);
    log << "stage 1 fold " << f + 1 << "/" << folds << " done (" << seconds_since(start) << " s)\n";
  }
}

// Gives each document of `docs` its share of `labels` (the documents'
// tokens in order) as stage one's predictions.
void set_document_predictions(std::vector<TrainingDocument>& docs,
                              const std::vector<Label>& labels) {
  auto next = labels.begin();
  for (TrainingDocument& doc : docs) {
    const auto n = static_cast<std::ptrdiff_t>(doc.gold.size());
    set_predictions(std::vector<Label>(next, next + n), doc.prepared);
    next += n;
  }
}

// Stage two learns from scores of a typical size: the mean spread (largest
// minus smallest) of a token's first-stage scores, at least 1e-3.
float score_scale(const std::vector<float>& scores, std::size_t tokens) {
  double spread = 0;
  for (std::size_t t = 0; t < tokens; ++t) {
    const auto row = scores.begin() + static_cast<std::ptrdiff_t>(t * L);
    spread += *std::max_element(row, row + L) - *std::min_element(row, row + L);
  }
  return static_cast<float>(std::max(spread / std::max<std::size_t>(tokens, 1), 1e-3));
}

// The development scores per epoch of each stage, when a caller wants them.
struct StageCurves {
  std::vector<Evaluation> first;
  std::vector<Evaluation> second;
};

// The epochs stage `stage_epochs` asks for: fixed when positive, else the
// best on the development set; the whole curve when `curve` is wanted.
EpochPlan epoch_plan(const TrainParams& params, int stage_epochs, std::vector<Evaluation>* curve) {
  if (stage_epochs > 0 && curve == nullptr) return EpochPlan{stage_epochs, stage_epochs, nullptr};
  return EpochPlan{params.epochs, stage_epochs, curve};
}

// Trains stage two on stage one's jackknifed labels and scores of the
// training documents (and the full stage one's on the development ones).
// Sets the documents' predictions.
StageWeights train_second_stage(const TrainParams& params, const StageFeatures& first_features,
                                const StageOutcome& first, const TrainingLookup& lookup,
                                std::vector<TrainingDocument>& train,
                                std::vector<TrainingDocument>& dev,
                                std::chrono::steady_clock::time_point start, std::ostream& log,
                                std::vector<Evaluation>* curve) {
  std::vector<Label> train_labels;
  std::vector<float> train_scores;
  jackknife_first_stage(train, first_features, first.epochs, params, start, log, train_labels,
                        train_scores);
  std::vector<Label> dev_labels;
  std::vector<float> dev_scores;
  predict(first_features.dev, first.weights, all_sentences(first_features.dev), dev_labels,
          &dev_scores);
  set_document_predictions(train, train_labels);
  set_document_predictions(dev, dev_labels);
  const float scale = score_scale(train_scores, first_features.train.gold.size());
  StageFeatures second = stage_features(train, dev, lookup, params, Stage::second);
  for (float& v : train_scores) v /= scale;
  for (float& v : dev_scores) v /= scale;
  second.train.dense = std::move(train_scores);
  second.train.dense_scale = scale;
  second.dev.dense = std::move(dev_scores);
  second.dev.dense_scale = scale;
  log << "stage 2: " << second.dictionary.size() << " features, score scale " << scale << '\n';
  const StageOutcome outcome = train_stage(
      second.train, all_sentences(second.train), second.dictionary.size(),
      dev.empty() ? nullptr : &second.dev, epoch_plan(params, params.stage2_epochs, curve),
      params.seed + 100, &log, "stage 2", params.ensemble);
  log << "stage 2: " << outcome.epochs << " epochs, dev F1 " << 100 * outcome.dev_f1 << '\n';
  return finish_stage(second.dictionary, outcome.weights, second.train);
}

// Trains a model on `train` (plus GMB's documents when they are training
// data), scoring `dev` after each epoch. With `curves`, every epoch's
// development scores are kept there.
ModelParameters train_documents(const TrainParams& params, const TrainingCorpora& corpora,
                                const DocumentList& train_docs, const DocumentList& dev_docs,
                                std::ostream& log, StageCurves* curves) {
  const auto start = std::chrono::steady_clock::now();
  ModelParameters model;
  model.groups = params.groups;
  model.description = params.description;
  model.lexicon = learn_lexicon(params, corpora, train_docs, log);

  const auto folds = static_cast<std::size_t>(params.folds);
  std::vector<TrainingDocument> train = training_documents(corpora, train_docs, folds);
  std::vector<TrainingDocument> dev;
  for (const LabelledDocument* doc : dev_docs) dev.push_back(make_document(*doc, 0, false));
  const std::vector<Gazetteer> gazetteers = fold_gazetteers(
      external_gazetteer(corpora, model.lexicon), train, folds, corpora.gmb_gazetteer);
  log << "gazetteer: " << gazetteers.back().size() << " phrases\n";
  TrainingLookup lookup(model.lexicon, params.groups);
  prepare_documents(model.lexicon, gazetteers, params.groups, lookup, train, dev);

  const StageFeatures features = stage_features(train, dev, lookup, params, Stage::first);
  log << "stage 1: " << features.dictionary.size() << " features, " << features.train.gold.size()
      << " training tokens\n";
  const StageOutcome first =
      train_stage(features.train, all_sentences(features.train), features.dictionary.size(),
                  dev.empty() ? nullptr : &features.dev,
                  epoch_plan(params, params.stage1_epochs, curves ? &curves->first : nullptr),
                  params.seed, &log, "stage 1", params.ensemble);
  log << "stage 1: " << first.epochs << " epochs, dev F1 " << 100 * first.dev_f1 << '\n';
  model.stages.push_back(finish_stage(features.dictionary, first.weights, features.train));
  if (params.stages == 2) {
    model.stages.push_back(train_second_stage(params, features, first, lookup, train, dev, start,
                                              log, curves ? &curves->second : nullptr));
  }
  model.gazetteer = gazetteers.back();  // no fold excluded
  log << "trained in " << seconds_since(start) << " s\n";
  return model;
}

void check_params(const TrainParams& params) {
  if (params.stages < 1 || params.stages > 2) throw Error("stages must be 1 or 2");
  if (params.folds < 2) throw Error("folds must be at least 2");
  if (params.epochs < 1) throw Error("epochs must be at least 1");
  if (params.stage1_epochs < 0 || params.stage2_epochs < 0)
    throw Error("a stage's epochs must not be negative");
  if (params.ensemble < 1) throw Error("ensemble must be at least 1");
}

// Adds `from` to `into` epoch by epoch.
void add_curve(const std::vector<Evaluation>& from, std::vector<Evaluation>& into) {
  if (into.size() < from.size()) into.resize(from.size());
  for (std::size_t e = 0; e < from.size(); ++e) into[e].merge(from[e]);
}

}  // namespace

ModelParameters train_model(const TrainParams& params, std::ostream& log) {
  check_params(params);
  const TrainingCorpora corpora = read_corpora(params, log);
  DocumentList train;
  DocumentList dev;
  for (const LabelledDocument& doc : corpora.conll) train.push_back(&doc);
  for (const LabelledDocument& doc : corpora.dev) dev.push_back(&doc);
  return train_documents(params, corpora, train, dev, log, nullptr);
}

CrossValidation cross_validate(const TrainParams& requested, int folds, std::ostream& log) {
  check_params(requested);
  // Every fold keeps the same epochs: none is chosen on a held-out fold.
  TrainParams params = requested;
  if (params.stage1_epochs == 0) params.stage1_epochs = params.epochs;
  if (params.stage2_epochs == 0) params.stage2_epochs = params.epochs;
  if (folds < 2) throw Error("cross-validation needs at least 2 folds");
  const TrainingCorpora corpora = read_corpora(params, log);
  if (corpora.conll.size() < static_cast<std::size_t>(folds))
    throw Error("cross-validation needs at least as many training documents as folds");
  const auto k = static_cast<std::size_t>(folds);
  std::vector<StageCurves> curves(k);
  std::vector<std::string> logs(k);
  auto run_fold = [&](std::size_t f) {
    DocumentList train;
    DocumentList held_out;
    for (std::size_t d = 0; d < corpora.conll.size(); ++d)
      (d % k == f ? held_out : train).push_back(&corpora.conll[d]);
    std::ostringstream fold_log;
    train_documents(params, corpora, train, held_out, fold_log, &curves[f]);
    logs[f] = fold_log.str();
  };
  // Folds are independent: run them on up to params.jobs threads. Each
  // writes only its own slot, so the result does not depend on the order.
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  const std::size_t threads = std::clamp<std::size_t>(params.jobs, 1, k);
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (std::size_t f = next++; f < k; f = next++) run_fold(f);
    });
  }
  for (std::thread& worker : workers) worker.join();

  CrossValidation result;
  result.folds = folds;
  for (std::size_t f = 0; f < k; ++f) {
    log << "--- fold " << f + 1 << "/" << k << '\n' << logs[f];
    add_curve(curves[f].first, result.first);
    add_curve(curves[f].second, result.second);
    CrossValidation::FoldScores scores;
    scores.first =
        curves[f].first.at(static_cast<std::size_t>(params.stage1_epochs - 1)).overall().f1();
    if (params.stages == 2) {
      scores.second =
          curves[f].second.at(static_cast<std::size_t>(params.stage2_epochs - 1)).overall().f1();
    }
    result.fold_scores.push_back(scores);
  }
  return result;
}

}  // namespace dateline::ner

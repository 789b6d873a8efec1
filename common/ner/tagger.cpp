#include "common/ner/tagger.hpp"

#include <algorithm>

#include "common/data_files.hpp"
#include "common/error.hpp"
#include "common/ner/corpus.hpp"
#include "common/ner/features.hpp"
#include "common/ner/labels.hpp"
#include "common/ner/model.hpp"
#include "common/ner/tokenizer.hpp"

namespace dateline::ner {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool is_possessive(std::string_view token) {
  return token == "'s" || token == "'S" || token == "'" || token == "\xE2\x80\x99s" ||
         token == "\xE2\x80\x99";
}

// A mention found by the model, as token indices.
struct Found {
  int type = 0;
  std::size_t begin = 0;  // token index
  std::size_t end = 0;
  bool caps = false;  // in an all-capitals line
};

// Whether `token` is a sentence's first word written with a capital only
// because it opens the sentence: the news text ner-train read writes it in
// lower case, and with a capital in mid-sentence less than a tenth of the
// times it is seen there, or never seen there at all ("Additionally",
// "Meanwhile"). At least 2^k_min_frequency sightings; words the name lists
// know (given names, places, firms) never count.
bool is_common_word(std::string_view token, const Lexicon& lexicon, const Gazetteer& gazetteer) {
  constexpr std::uint8_t k_min_frequency = 3;
  const std::string lower = lower_form(token);
  if (lower == token) return false;
  const std::int32_t i = lexicon.find_word(lower);
  if (i < 0) return false;
  const LexiconEntry& entry = lexicon.word(static_cast<std::size_t>(i)).entry;
  return entry.casing == Casing::lower && entry.cap_ratio <= 1 &&
         entry.frequency >= k_min_frequency && gazetteer.find(Gazetteer::phrase_hash({lower})) == 0;
}

}  // namespace

Tagger::Tagger(std::shared_ptr<const Model> model) : m_model(std::move(model)) {}

Tagger Tagger::load(const std::filesystem::path& model_path) {
  return Tagger(std::make_shared<const Model>(read_model_file(model_path)));
}

const std::string& Tagger::model_description() const { return m_model->parameters().description; }

std::vector<Mention> Tagger::tag(std::string_view text) const {
  if (text.size() >= 0xFFFFFFFFu) throw Error("text too long for the entity tagger");
  TokenizedText tokenized = tokenize(text);
  const Lexicon& lexicon = m_model->parameters().lexicon;
  split_glued_suffixes(text, tokenized,
                       [&](std::string_view lower) { return lexicon.find_word(lower) >= 0; });
  DocumentTokens document;
  document.forms.reserve(tokenized.tokens.size());
  for (const Token& token : tokenized.tokens) {
    document.forms.push_back(text.substr(token.begin, token.end - token.begin));
  }
  document.sentence_begin = tokenized.sentence_begin;
  document.sentence_caps = tokenized.sentence_caps;
  const std::vector<Label> labels = m_model->label_document(document);

  std::vector<Found> found;
  for (std::size_t s = 0; s < tokenized.sentence_count(); ++s) {
    const std::size_t begin = tokenized.sentence_begin[s];
    const std::size_t end = tokenized.sentence_end(s);
    const std::vector<Label> sentence(labels.begin() + static_cast<std::ptrdiff_t>(begin),
                                      labels.begin() + static_cast<std::ptrdiff_t>(end));
    for (const Chunk& chunk : chunks_from_labels(sentence)) {
      Found f{chunk.type, begin + chunk.begin, begin + chunk.end, tokenized.sentence_caps[s] != 0};
      // Possessives and stray punctuation at the edges are not part of a name.
      while (f.end > f.begin && (is_possessive(document.forms[f.end - 1]) ||
                                 (word_flags(document.forms[f.end - 1]) & k_flag_no_alnum))) {
        --f.end;
      }
      while (f.begin < f.end && (word_flags(document.forms[f.begin]) & k_flag_no_alnum)) ++f.begin;
      if (f.begin == f.end) continue;
      // A sentence's first word alone, a common word's capital.
      std::size_t first_word = begin;
      while (first_word < end && (word_flags(document.forms[first_word]) & k_flag_no_alnum)) {
        ++first_word;
      }
      if (f.end == f.begin + 1 && f.begin == first_word && !f.caps &&
          is_common_word(document.forms[f.begin], lexicon, m_model->parameters().gazetteer)) {
        continue;
      }
      found.push_back(f);
    }
  }

  // In all-capitals lines capitals say nothing, so a mention there is kept
  // only when the rest of the text names the same thing (its tokens, case
  // aside, appear in that order inside a mention outside such lines), and
  // it takes that mention's type.
  auto lowered = [&](const Found& f) {
    std::vector<std::string> out;
    for (std::size_t i = f.begin; i < f.end; ++i) out.push_back(lower_ascii(document.forms[i]));
    return out;
  };
  std::vector<std::pair<std::vector<std::string>, int>> confirmed;
  for (const Found& f : found) {
    if (!f.caps) confirmed.emplace_back(lowered(f), f.type);
  }
  std::vector<Mention> mentions;
  for (Found f : found) {
    if (f.caps) {
      const std::vector<std::string> tokens = lowered(f);
      bool kept = false;
      for (const auto& [other, type] : confirmed) {
        if (std::search(other.begin(), other.end(), tokens.begin(), tokens.end()) != other.end()) {
          f.type = type;
          kept = true;
          break;
        }
      }
      if (!kept) continue;
    }
    Mention mention;
    mention.type = entity_type(f.type);
    mention.begin = tokenized.tokens[f.begin].begin;
    mention.end = tokenized.tokens[f.end - 1].end;
    // Words apart where the text has them apart: "Moody's", not "Moody 's".
    for (std::size_t i = f.begin; i < f.end; ++i) {
      if (i > f.begin && tokenized.tokens[i - 1].end < tokenized.tokens[i].begin) {
        mention.text += ' ';
      }
      mention.text += document.forms[i];
    }
    mentions.push_back(std::move(mention));
  }
  return mentions;
}

std::vector<std::string> Tagger::tag_tokens(const std::vector<std::string>& tokens) const {
  std::vector<std::vector<std::string>> labels = tag_document({tokens});
  return std::move(labels.front());
}

std::vector<std::vector<std::string>> Tagger::tag_document(
    const std::vector<std::vector<std::string>>& sentences) const {
  DocumentTokens document;
  for (const std::vector<std::string>& sentence : sentences) {
    document.sentence_begin.push_back(static_cast<std::uint32_t>(document.forms.size()));
    document.sentence_caps.push_back(is_caps_sentence(sentence) ? 1 : 0);
    for (const std::string& token : sentence) document.forms.emplace_back(token);
  }
  const std::vector<Label> labels = m_model->label_document(document);
  std::vector<std::vector<std::string>> out;
  out.reserve(sentences.size());
  std::size_t t = 0;
  for (const std::vector<std::string>& sentence : sentences) {
    std::vector<std::string>& names = out.emplace_back();
    names.reserve(sentence.size());
    for (std::size_t i = 0; i < sentence.size(); ++i) names.push_back(label_name(labels[t++]));
  }
  return out;
}

std::filesystem::path default_model_path() {
  return shipped_data_file("DATELINE_NER_MODEL", "ner-en.model");
}

}  // namespace dateline::ner

// The named-entity tagger: finds mentions of people, locations,
// organisations and other names (MISC) in article text.
//
// A statistical sequence tagger trained on CoNLL-2003 English by ner-train
// (tools/ner/train/main.cpp, common/ner/trainer.hpp); the model is a file
// (docs/specs/ner-model-file.md) loaded once and shared read-only by all
// threads. This header is the contract the rest of dateline relies on.
//
// Cost (common/ner/model/README.md, measured with bench-ner): loading the
// shipped model takes about 0.1 s, and a process tagging with it about
// 40 MB; tagging is linear in the text, about 1.8 million tokens a second
// on one core.
// Thread-safety: a Tagger is immutable once loaded; every member may be
// called from any number of threads at once, and copies share the model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/entity.hpp"

namespace dateline::ner {

using dateline::EntityType;
using dateline::Mention;

class Model;

class Tagger {
 public:
  // Loads a model written by ner-train. Throws dateline::Error naming the
  // file when it is missing, unreadable or not a model.
  static Tagger load(const std::filesystem::path& model_path);

  // Mentions in `text` (UTF-8, normalised by dateline::normalize_text), in
  // order of position. Lines written entirely in capitals (wire headlines)
  // are handled so they do not produce junk mentions, and a sentence's
  // first word alone is no mention when the model's news text writes it in
  // lower case ("Additionally") and no name list knows it. Thread-safe.
  std::vector<Mention> tag(std::string_view text) const;

  // IOB labels ("O", "B-PER", "I-LOC", ...) for one pre-tokenised sentence,
  // as ner-eval needs. Thread-safe.
  std::vector<std::string> tag_tokens(const std::vector<std::string>& tokens) const;

  // IOB labels for the pre-tokenised sentences of one document, tagged
  // together so that each word's other occurrences in the document inform
  // its label (what tag() does for a text). ner-eval uses this on CoNLL
  // documents. Thread-safe.
  std::vector<std::vector<std::string>> tag_document(
      const std::vector<std::vector<std::string>>& sentences) const;

  // The provenance text ner-train stored in the model.
  const std::string& model_description() const;

 private:
  explicit Tagger(std::shared_ptr<const Model> model);
  std::shared_ptr<const Model> m_model;
};

// The model file dateline uses when none is given: $DATELINE_NER_MODEL when
// it is set and names an existing file, else ner-en.model next to the
// running binary under ../share/dateline/ (which is both the build tree's
// layout and the install prefix's). Empty when none exists.
std::filesystem::path default_model_path();

}  // namespace dateline::ner

// Labels and chunks: the tagger's internal label set (IOB2 over the four
// CoNLL types), conversion between label strings and ids, and the
// conlleval rules that turn a tag sequence (IOB1 or IOB2) into chunks.
//
// Pure functions over values; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/entity.hpp"

namespace dateline::ner {

// Label ids: 0 is O; type t (0 PER, 1 LOC, 2 ORG, 3 MISC) has B = 1 + 2t and
// I = 2 + 2t. Both numberings are stored in every model file (the order of
// each stage's scores and weights, the gazetteer's type bits:
// docs/specs/ner-model-file.md): never renumber them. The types follow
// EntityType's order (common/entity.hpp); entity_type() maps them.
using Label = std::uint8_t;
inline constexpr int k_num_types = 4;
inline constexpr int k_num_labels = 1 + 2 * k_num_types;
inline constexpr Label k_outside = 0;

constexpr Label begin_label(int type) { return static_cast<Label>(1 + 2 * type); }
constexpr Label inside_label(int type) { return static_cast<Label>(2 + 2 * type); }
constexpr bool is_begin(Label label) { return label != k_outside && (label % 2) == 1; }
constexpr bool is_inside(Label label) { return label != k_outside && (label % 2) == 0; }
// REQUIRES: label != k_outside
constexpr int label_type(Label label) { return (label - 1) / 2; }

// "PER", "LOC", "ORG", "MISC" for type ids 0..3.
std::string_view type_tag(int type);
// The type id for "PER", "LOC", "ORG", "MISC"; nullopt otherwise.
std::optional<int> parse_type_tag(std::string_view tag);

EntityType entity_type(int type);

// "O", "B-PER", "I-LOC", ...
std::string label_name(Label label);

// A chunk of tokens [begin, end) of one type.
struct Chunk {
  int type = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Chunk&, const Chunk&) = default;
};

// Chunks of a sequence of tag strings such as "O", "I-PER", "B-LOC", by
// conlleval's rules, so IOB1 and IOB2 input both work: B- always starts a
// chunk; I- starts one after O or after a different type. Tags other than
// O with an unknown type are treated as O. Throws dateline::Error for a tag
// that is not O and has no "B-"/"I-" prefix.
std::vector<Chunk> chunks_from_tags(const std::vector<std::string>& tags);

// The same rules over label ids (which are IOB2 when they come from the
// decoder, but need not be).
std::vector<Chunk> chunks_from_labels(const std::vector<Label>& labels);

// IOB2 label ids for `size` tokens holding `chunks` (non-overlapping).
std::vector<Label> labels_from_chunks(const std::vector<Chunk>& chunks, std::size_t size);

}  // namespace dateline::ner

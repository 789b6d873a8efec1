#include "common/ner/labels.hpp"

#include "common/error.hpp"

namespace dateline::ner {
namespace {

constexpr std::string_view k_type_tags[k_num_types] = {"PER", "LOC", "ORG", "MISC"};

// -1 for O; otherwise prefix ('B' or 'I') and type.
struct ParsedTag {
  char prefix = 'O';
  int type = -1;
};

ParsedTag parse_tag(std::string_view tag) {
  if (tag == "O") return {};
  if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') {
    throw Error("not an IOB tag: '" + std::string(tag) + "'");
  }
  const std::optional<int> type = parse_type_tag(tag.substr(2));
  if (!type) return {};
  return {tag[0], *type};
}

template <typename Parsed>
std::vector<Chunk> chunks_from(std::size_t size, Parsed parsed_at) {
  std::vector<Chunk> chunks;
  int open_type = -1;
  std::size_t open_begin = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const ParsedTag tag = parsed_at(i);
    const bool starts = tag.type >= 0 && (tag.prefix == 'B' || tag.type != open_type);
    if (open_type >= 0 && (tag.type != open_type || starts)) {
      chunks.push_back({open_type, open_begin, i});
      open_type = -1;
    }
    if (starts) {
      open_type = tag.type;
      open_begin = i;
    }
  }
  if (open_type >= 0) chunks.push_back({open_type, open_begin, size});
  return chunks;
}

}  // namespace

std::string_view type_tag(int type) { return k_type_tags[type]; }

std::optional<int> parse_type_tag(std::string_view tag) {
  for (int t = 0; t < k_num_types; ++t) {
    if (k_type_tags[t] == tag) return t;
  }
  return std::nullopt;
}

EntityType entity_type(int type) {
  switch (type) {
    case 0:
      return EntityType::person;
    case 1:
      return EntityType::location;
    case 2:
      return EntityType::organization;
    default:
      return EntityType::misc;
  }
}

std::string label_name(Label label) {
  if (label == k_outside) return "O";
  return std::string(is_begin(label) ? "B-" : "I-") + std::string(type_tag(label_type(label)));
}

std::vector<Chunk> chunks_from_tags(const std::vector<std::string>& tags) {
  return chunks_from(tags.size(), [&](std::size_t i) { return parse_tag(tags[i]); });
}

std::vector<Chunk> chunks_from_labels(const std::vector<Label>& labels) {
  return chunks_from(labels.size(), [&](std::size_t i) {
    const Label label = labels[i];
    if (label == k_outside) return ParsedTag{};
    return ParsedTag{is_begin(label) ? 'B' : 'I', label_type(label)};
  });
}

std::vector<Label> labels_from_chunks(const std::vector<Chunk>& chunks, std::size_t size) {
  std::vector<Label> labels(size, k_outside);
  for (const Chunk& chunk : chunks) {
    for (std::size_t i = chunk.begin; i < chunk.end && i < size; ++i) {
      labels[i] = i == chunk.begin ? begin_label(chunk.type) : inside_label(chunk.type);
    }
  }
  return labels;
}

}  // namespace dateline::ner

// Unit tests for common/ner/labels.cpp: label names and the conlleval rules
// that turn IOB1 and IOB2 tag sequences into chunks.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/ner/labels.hpp"

namespace dateline::ner {

TEST_CASE("label ids and names agree", "[ner][labels]") {
  CHECK(label_name(k_outside) == "O");
  CHECK(label_name(begin_label(0)) == "B-PER");
  CHECK(label_name(inside_label(1)) == "I-LOC");
  CHECK(label_name(begin_label(2)) == "B-ORG");
  CHECK(label_name(inside_label(3)) == "I-MISC");
  CHECK(parse_type_tag("MISC") == 3);
  CHECK_FALSE(parse_type_tag("DATE").has_value());
  CHECK(entity_type(0) == EntityType::person);
  CHECK(entity_type(2) == EntityType::organization);
}

TEST_CASE("chunks_from_tags follows conlleval for IOB1", "[ner][labels]") {
  struct Case {
    const char* name;
    std::vector<std::string> tags;
    std::vector<Chunk> expected;
  };
  const Case cases[] = {
      {"I after O starts a chunk", {"O", "I-PER", "I-PER", "O"}, {{0, 1, 3}}},
      {"I of another type starts a chunk", {"I-ORG", "I-LOC"}, {{2, 0, 1}, {1, 1, 2}}},
      {"B separates adjacent chunks of one type",
       {"I-LOC", "B-LOC", "I-LOC"},
       {{1, 0, 1}, {1, 1, 3}}},
      {"chunk at the end", {"O", "I-MISC"}, {{3, 1, 2}}},
      {"IOB2 works too", {"B-PER", "I-PER", "B-PER"}, {{0, 0, 2}, {0, 2, 3}}},
      {"no chunks", {"O", "O"}, {}},
      {"unknown types are O", {"B-DATE", "I-PER"}, {{0, 1, 2}}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(chunks_from_tags(c.tags) == c.expected);
  }
  CHECK_THROWS_AS(chunks_from_tags({"PER"}), Error);
}

TEST_CASE("IOB1 converts to IOB2 labels through chunks", "[ner][labels]") {
  // "Peter Blackburn" then "BRUSSELS": IOB1 I-PER I-PER O I-LOC.
  const std::vector<std::string> iob1 = {"I-PER", "I-PER", "O", "I-LOC", "B-LOC"};
  const std::vector<Label> labels = labels_from_chunks(chunks_from_tags(iob1), iob1.size());
  std::vector<std::string> names;
  for (Label l : labels) names.push_back(label_name(l));
  CHECK(names == std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC", "B-LOC"});
  CHECK(chunks_from_labels(labels) == chunks_from_tags(iob1));
}

}  // namespace dateline::ner

// Unit tests for common/ner/model_file.cpp and the lexicon/gazetteer
// serialisation: the bytes are those docs/specs/ner-model-file.md shows, a
// model survives a round trip through its file format, and files that are
// not models, of another version, truncated or corrupted are refused with
// an error naming them.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/ner/features.hpp"
#include "common/ner/model_file.hpp"
#include "tests/common/hex_bytes.hpp"
#include "tests/common/ner/test_support.hpp"

namespace dateline::ner {
namespace {

ModelParameters sample_model() {
  ModelParameters model;
  model.groups = k_default_groups & ~k_group_wide;
  model.description = "sample \xE2\x80\x94 written by a test";
  Lexicon::Word mcdonald;
  mcdonald.lower = "mcdonald";
  mcdonald.usual = "McDonald";
  mcdonald.entry = {0b101101, 6, Casing::other, 4, 9};
  Lexicon::Word reuters;
  reuters.lower = "reuters";
  reuters.usual = "Reuters";
  reuters.entry = {0b11, 2, Casing::title, 4, 12};
  Lexicon::Word the;
  the.lower = "the";
  the.usual = "the";
  the.entry = {0, 0, Casing::lower, 1, 17};
  model.lexicon = Lexicon({mcdonald, reuters, the});
  model.gazetteer.add(Gazetteer::phrase_hash({"new", "york"}), Gazetteer::gmb, 1);
  model.gazetteer.add(Gazetteer::phrase_hash({"new", "york"}), Gazetteer::training, 2);
  model.gazetteer.add(Gazetteer::phrase_hash({"opec"}), Gazetteer::reuters_lists, 2);
  model.gazetteer.add(Gazetteer::phrase_hash({"pirelli"}), Gazetteer::firms, 2);
  model.gazetteer.add_phrase({"islamic", "jihad"}, Gazetteer::gmb, 2);

  Transitions transitions;
  for (std::size_t i = 0; i < transitions.score.size(); ++i)
    transitions.score[i] = 0.25f * static_cast<float>(i % 7) - 0.5f;
  transitions.start[3] = -1.5f;
  std::vector<float> weights;
  for (int i = 0; i < 3 * k_num_labels; ++i) weights.push_back(static_cast<float>(i % 11) - 5.0f);
  model.stages.emplace_back(std::vector<std::uint64_t>{42, 7, 99}, weights, transitions);
  std::vector<float> stacking(k_num_labels * k_num_labels, 0.0f);
  for (int y = 0; y < k_num_labels; ++y)
    stacking[static_cast<std::size_t>(y * k_num_labels + y)] = 0.5f;
  model.stages.emplace_back(std::vector<std::uint64_t>{5}, std::vector<float>(k_num_labels, 1.0f),
                            Transitions{}, stacking);
  return model;
}

}  // namespace

TEST_CASE("a model survives a round trip through its file format", "[ner][model_file]") {
  const ModelParameters original = sample_model();
  const std::string bytes = serialize_model(original);
  CHECK(bytes.starts_with(k_model_magic));
  const ModelParameters copy = deserialize_model(bytes, "memory");

  CHECK(copy.groups == original.groups);
  CHECK(copy.description == original.description);
  REQUIRE(copy.lexicon.size() == 3);
  const std::int32_t m = copy.lexicon.find_word("mcdonald");
  REQUIRE(m >= 0);
  CHECK(copy.lexicon.word(static_cast<std::size_t>(m)).usual == "McDonald");
  CHECK(copy.lexicon.word(static_cast<std::size_t>(m)).entry.cluster == 0b101101);
  CHECK(copy.lexicon.word(static_cast<std::size_t>(m)).entry.cluster_depth == 6);
  CHECK(copy.lexicon.word(static_cast<std::size_t>(copy.lexicon.find_word("reuters"))).usual ==
        "Reuters");
  CHECK(copy.lexicon.find_word("unknown") == -1);
  // Bit source * 4 + type: GMB LOC (1 * 4 + 1) and training ORG (0 * 4 + 2).
  CHECK(copy.gazetteer.find(Gazetteer::phrase_hash({"new", "york"})) == ((1u << 5) | (1u << 2)));
  CHECK(copy.gazetteer.find(Gazetteer::phrase_hash({"opec"})) == (1u << 10));
  CHECK(copy.gazetteer.find(Gazetteer::phrase_hash({"york"})) == 0);
  // The last source's bits are past the first 16 (7 * 4 + 2).
  CHECK(copy.gazetteer.find(Gazetteer::phrase_hash({"pirelli"})) == (1u << 30));
  CHECK(copy.gazetteer.word_roles(word_hash("jihad")) ==
        original.gazetteer.word_roles(word_hash("jihad")));
  CHECK(copy.gazetteer.word_roles(word_hash("jihad")) != 0);

  REQUIRE(copy.stages.size() == 2);
  CHECK(copy.stages[0].keys() == std::vector<std::uint64_t>{7, 42, 99});  // sorted
  const float* row = copy.stages[0].find(7);
  REQUIRE(row != nullptr);
  // Key 7 was the second row: weights (9..17) % 11 - 5.
  for (int y = 0; y < k_num_labels; ++y) {
    CHECK(row[y] == Approx(static_cast<float>((k_num_labels + y) % 11) - 5.0f).margin(1e-3));
  }
  CHECK(copy.stages[0].find(8) == nullptr);
  CHECK(copy.stages[0].transitions().start[3] == -1.5f);
  CHECK(copy.stages[0].transitions().score == original.stages[0].transitions().score);
  CHECK(copy.stages[0].stacking().empty());
  CHECK(copy.stages[1].stacking() == original.stages[1].stacking());

  // Writing again gives the same bytes: the format is canonical.
  CHECK(serialize_model(copy) == bytes);
}

// The worked example of docs/specs/ner-model-file.md, byte for byte: the
// shipped model and every trained one depend on this layout, so it may
// change only with a new version (and the spec).
TEST_CASE("the model file is laid out as docs/specs/ner-model-file.md says", "[ner][model_file]") {
  using dateline::test::from_hex;
  using dateline::test::to_hex;
  ModelParameters model;
  model.groups = 0x1fff;  // the spec's example: groups 0 to 12
  model.description = "demo";
  Lexicon::Word reuters;
  reuters.lower = "reuters";
  reuters.usual = "Reuters";
  reuters.entry = {0b101, 3, Casing::title, 4, 12};
  model.lexicon = Lexicon({reuters});
  model.gazetteer.add(Gazetteer::phrase_hash({"geneva"}), Gazetteer::training, 1);
  std::vector<float> weights(k_num_labels, 0.0f);
  weights[k_outside] = -1.0f;
  weights[begin_label(1)] = 2.0f;
  model.stages.emplace_back(std::vector<std::uint64_t>{0x0123456789abcdefULL}, weights,
                            Transitions{});

  const std::string expected =
      from_hex(
          "44 4c 4e 45 52 4d 44 4c  02 00 00 00  09 00 00 00  02 00 00 00  ff 1f 00 00"
          "  04 00 00 00 64 65 6d 6f"
          "  01 00 00 00 00 00 00 00  07 00 00 00 72 65 75 74 65 72 73  01"
          "  05 00 00 00  03  04  0c"
          "  01 00 00 00 00 00 00 00  21 5d 95 81 34 b2 b0 f7  02 00 00 00"
          "  01 00 00 00") +
      std::string((k_num_labels + k_num_labels * k_num_labels) * 4, '\0') +
      from_hex(
          "00 00 00 00  00 01 80 38  01 00 00 00 00 00 00 00  ef cd ab 89 67 45 23 01"
          "  00 c0 00 00 00 00 ff 7f 00 00 00 00 00 00 00 00 00 00"
          "  6a 27 d7 2d f7 89 87 40");
  REQUIRE(expected.size() == 493);
  CHECK(to_hex(serialize_model(model)) == to_hex(expected));
  CHECK(Gazetteer::phrase_hash({"geneva"}) == 0xf7b0b23481955d21ULL);
  const ModelParameters read = deserialize_model(expected, "spec example");
  CHECK(read.lexicon.word(0).usual == "Reuters");
  CHECK(read.stages[0].find(0x0123456789abcdefULL)[begin_label(1)] == Approx(2.0f));
}

TEST_CASE("gazetteer phrases record the roles of their words", "[ner][model_file]") {
  Gazetteer gazetteer;
  gazetteer.add_phrase({"islamic", "jihad"}, Gazetteer::gmb, 2);
  gazetteer.add_phrase({"islamic", "salvation", "front"}, Gazetteer::training, 2);
  gazetteer.add_phrase({"islamic", "republic", "of", "iran"}, Gazetteer::places, 1);
  gazetteer.add_phrase({"islamic"}, Gazetteer::training, 3);  // one word: no roles
  gazetteer.add_phrase({"a", "b", "c", "d", "e", "f", "g"}, Gazetteer::training, 0);  // too long
  // The phrases themselves, with their (source, type) bits.
  CHECK(gazetteer.find(Gazetteer::phrase_hash({"islamic", "jihad"})) ==
        (1u << (Gazetteer::gmb * 4 + 2)));
  CHECK(gazetteer.find(Gazetteer::phrase_hash({"islamic"})) == (1u << 3));
  CHECK(gazetteer.find(Gazetteer::phrase_hash({"a", "b", "c", "d", "e", "f", "g"})) == 0);
  const auto has_role = [&](const char* word, int role, int type) {
    return (gazetteer.word_roles(word_hash(word)) & (1u << (role * 4 + type))) != 0;
  };
  // "islamic" opens two organisations and a place, and nothing else.
  CHECK(has_role("islamic", Gazetteer::role_first, 2));
  CHECK(has_role("islamic", Gazetteer::role_first, 1));
  CHECK_FALSE(has_role("islamic", Gazetteer::role_first, 3));  // one-word MISC: no role
  CHECK_FALSE(has_role("islamic", Gazetteer::role_inside, 2));
  CHECK_FALSE(has_role("islamic", Gazetteer::role_last, 2));
  CHECK(gazetteer.word_roles(word_hash("front")) == (1u << (Gazetteer::role_last * 4 + 2)));
  CHECK(gazetteer.word_roles(word_hash("salvation")) == (1u << (Gazetteer::role_inside * 4 + 2)));
  CHECK(has_role("of", Gazetteer::role_inside, 1));
  CHECK(has_role("iran", Gazetteer::role_last, 1));
  CHECK(gazetteer.word_roles(word_hash("a")) == 0);
  // The same phrases added in another order give the same table.
  Gazetteer again;
  again.add_phrase({"islamic", "republic", "of", "iran"}, Gazetteer::places, 1);
  again.add_phrase({"islamic", "salvation", "front"}, Gazetteer::training, 2);
  again.add_phrase({"islamic", "jihad"}, Gazetteer::gmb, 2);
  again.add_phrase({"islamic"}, Gazetteer::training, 3);
  ModelParameters a = sample_model();
  ModelParameters b = sample_model();
  a.gazetteer = gazetteer;
  b.gazetteer = again;
  CHECK(serialize_model(a) == serialize_model(b));
}

TEST_CASE("model files are written and read back", "[ner][model_file]") {
  const test::TempDir dir;
  const auto path = dir.path() / "m.model";
  write_model_file(sample_model(), path);
  CHECK(read_model_file(path).description == sample_model().description);
  CHECK_THROWS_WITH(read_model_file(dir.path() / "missing.model"),
                    Catch::Contains("missing.model") && Catch::Contains("cannot open"));
}

TEST_CASE("reading refuses what is not a sound model", "[ner][model_file]") {
  const std::string good = serialize_model(sample_model());
  CHECK_THROWS_WITH(
      deserialize_model("hello, world", "f.txt"),
      Catch::Contains("f.txt") && Catch::Contains("not a dateline entity-tagger model"));
  CHECK_THROWS_WITH(deserialize_model("", "empty"), Catch::Contains("bad magic"));

  std::string other_version = good;
  other_version[k_model_magic.size()] = 7;
  CHECK_THROWS_WITH(deserialize_model(other_version, "v"), Catch::Contains("model version 7"));

  std::string truncated = good.substr(0, good.size() / 2);
  CHECK_THROWS_AS(deserialize_model(truncated, "t"), Error);

  std::string corrupt = good;
  corrupt[good.size() / 2] = static_cast<char>(corrupt[good.size() / 2] ^ 0x40);
  CHECK_THROWS_WITH(deserialize_model(corrupt, "c"), Catch::Contains("checksum"));
}

TEST_CASE("quantisation keeps weights within half a step", "[ner][model_file]") {
  ModelParameters model = sample_model();
  std::vector<float> weights(k_num_labels);
  for (int y = 0; y < k_num_labels; ++y)
    weights[static_cast<std::size_t>(y)] = 0.001f * static_cast<float>(y * y) - 0.03f;
  weights[0] = 100.0f;  // the largest sets the step: 100 / 32767
  model.stages[0] = StageWeights({1}, weights, Transitions{});
  const ModelParameters copy = deserialize_model(serialize_model(model), "q");
  const float* row = copy.stages[0].find(1);
  REQUIRE(row != nullptr);
  for (int y = 0; y < k_num_labels; ++y) {
    CHECK(std::fabs(row[y] - weights[static_cast<std::size_t>(y)]) <=
          0.5f * 100.0f / 32767.0f + 1e-6f);
  }
}

}  // namespace dateline::ner

// Unit tests for indexer/part_writer.cpp: a fresh build worker's part
// databases, their commits, and where its word counts go.
#include "indexer/part_writer.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/indexer/index_helpers.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

// Articles committed to the database at `path`, as a reader sees them.
Xapian::doccount committed(const fs::path& path) {
  return Xapian::Database(path.string()).get_doccount();
}

// The words of the spelling data of the database at `path`.
std::set<std::string> spelling_words(const fs::path& path) {
  std::set<std::string> words;
  for (const auto& [word, articles] : test::spelling_of(Xapian::Database(path.string()))) {
    words.insert(word);
  }
  return words;
}

Xapian::Document document_with(const std::string& id) {
  Xapian::Document document;
  document.add_boolean_term("Q" + id);
  return document;
}

}  // namespace

TEST_CASE("a worker's part is committed every batch and replaced every part_size articles",
          "[indexer][parts]") {
  const TempDir dir;
  const BuildDirectory build(dir.path() / "index", {"english", 1, false, true, ""});
  PartWriter writer(build, {.worker = 1, .batch_size = 2, .part_size = 5});
  const fs::path part0 = build.part_database(1, 0, 0);
  CHECK(writer.parts() == 1);
  CHECK(committed(part0) == 0);  // opened, and so there at once

  // {articles added, committed in part 0}
  const std::pair<int, Xapian::doccount> steps[] = {{1, 0}, {2, 2}, {3, 2}, {4, 4}, {5, 5}};
  int added = 0;
  for (const auto& [articles, in_part0] : steps) {
    while (added < articles) writer.add(document_with(std::to_string(added++)), 0, {});
    INFO(articles);
    CHECK(committed(part0) == in_part0);
  }
  // The fifth article filled the part: the next go to a new one.
  CHECK(writer.parts() == 2);
  const fs::path part1 = build.part_database(1, 1, 0);
  writer.add(document_with("6"), 0, {});
  CHECK(committed(part1) == 0);
  writer.commit();
  CHECK(committed(part1) == 1);
  CHECK(committed(part0) == 5);
}

TEST_CASE("a worker's word counts stay in memory until there are too many", "[indexer][parts]") {
  const TempDir dir;
  const BuildDirectory build(dir.path() / "index", {"english", 1, false, true, ""});
  PartWriter writer(build, {.batch_size = 1, .part_size = 100, .spelling_words_held = 3});
  const fs::path part = build.part_database(0, 0, 0);

  writer.add(document_with("a"), 0, {"cocoa", "sugar", "of"});
  CHECK(committed(part) == 1);
  CHECK(spelling_words(part).empty());  // two words: held
  writer.add(document_with("b"), 0, {"coffee"});
  CHECK(spelling_words(part) == std::set<std::string>{"cocoa", "coffee", "sugar"});
  writer.add(document_with("c"), 0, {"tea"});
  CHECK(writer.take_word_counts().size() == 1);  // "tea", not yet in the part
}

TEST_CASE("a sharded index's worker writes a database per shard and keeps spelling apart",
          "[indexer][parts]") {
  const TempDir dir;
  const BuildDirectory build(dir.path() / "index", {"english", 2, true, true, ""});
  PartWriter writer(build, {.shard_count = 2,
                            .sharded = true,
                            .batch_size = 1,
                            .part_size = 100,
                            .spelling_words_held = 2});
  writer.add(document_with("a"), 1, {"cocoa"});
  writer.add(document_with("b"), 1, {"sugar"});
  writer.add(document_with("c"), 0, {"coffee"});
  CHECK(committed(build.part_database(0, 0, 0)) == 1);
  CHECK(committed(build.part_database(0, 0, 1)) == 2);
  CHECK(spelling_words(build.part_database(0, 0, 0)).empty());
  CHECK(spelling_words(build.part_database(0, 0, 1)).empty());
  CHECK(spelling_words(build.spelling_database(0)) == std::set<std::string>{"cocoa", "sugar"});
  CHECK(writer.take_word_counts().size() == 1);
}

}  // namespace dateline

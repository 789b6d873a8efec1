#include "indexer/walker.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/temp_dir.hpp"

namespace dateline {

namespace fs = std::filesystem;

TEST_CASE("the walk yields files in sorted order, skips hidden ones, and stops when done",
          "[indexer][walker]") {
  const test::TempDir temp;
  for (const char* name :
       {"b/2.txt", "b/1.txt", "a/9.txt", "c/3.txt", ".hidden/4.txt", "a/.5.txt"}) {
    fs::create_directories((temp.path() / name).parent_path());
    std::ofstream(temp.path() / name) << "text\n";
  }
  std::vector<std::string> seen;
  WalkCallbacks callbacks;
  callbacks.on_file = [&](const fs::path& path) {
    seen.push_back(path.lexically_relative(temp.path()).string());
  };
  callbacks.on_problem = [](const ReadProblem&) { FAIL("no problem expected"); };
  walk_inputs({temp.path().string()}, callbacks);
  CHECK(seen == std::vector<std::string>{"a/9.txt", "b/1.txt", "b/2.txt", "c/3.txt"});

  // Done after two files: the walk goes no further.
  seen.clear();
  callbacks.done = [&] { return seen.size() >= 2; };
  walk_inputs({temp.path().string(), temp.path().string()}, callbacks);
  CHECK(seen == std::vector<std::string>{"a/9.txt", "b/1.txt"});
}

TEST_CASE("the walk names what it cannot visit by its absolute path", "[indexer][walker]") {
  // As the readers name files (source_path), whatever the input's spelling.
  const test::TempDir temp;
  fs::create_directories(temp.path() / "in");
  fs::create_symlink(temp.path() / "missing.txt", temp.path() / "in" / "dangling.txt");
  const fs::path relative = fs::relative(temp.path() / "in");
  REQUIRE(relative.is_relative());
  std::vector<ReadProblem> problems;
  WalkCallbacks callbacks;
  callbacks.on_file = [](const fs::path&) { FAIL("no file expected"); };
  callbacks.on_problem = [&](const ReadProblem& problem) { problems.push_back(problem); };
  walk_inputs({relative.string() + "/../in"}, callbacks);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().path == (temp.path() / "in" / "dangling.txt").string());
  CHECK(problems.front().reason == "broken symbolic link");
}

}  // namespace dateline

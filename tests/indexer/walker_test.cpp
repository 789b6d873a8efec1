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

}  // namespace dateline

#include "indexer/boilerplate.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;

// `count` articles with the same header and footer around their own text.
std::vector<fs::path> write_site(const fs::path& dir, int count) {
  fs::create_directories(dir);
  std::vector<fs::path> files;
  for (int i = 0; i < count; ++i) {
    files.push_back(dir / ("story-" + std::to_string(i) + ".txt"));
    std::ofstream(files.back()) << "Advertisement\nHarbour Wire Morning Edition\n\nHeadline number "
                                << i << " of the day\n\nBody text " << i << " about things.\n\n"
                                << "Sign up for the Daily Digest newsletter\n\n2024\n";
  }
  return files;
}

}  // namespace

TEST_CASE("lines at the edges of many articles are learnt as boilerplate",
          "[indexer][boilerplate]") {
  const test::TempDir temp;
  const fs::path& dir = temp.path();
  const BoilerplateSet learnt = learn_boilerplate(write_site(dir, 20));
  CHECK(learnt.count("harbour wire morning edition") == 1);
  CHECK(learnt.count("sign up for the daily digest newsletter") == 1);
  CHECK(learnt.count("2024") == 0);                          // no letter: never learnt
  CHECK(learnt.count("headline number 3 of the day") == 0);  // in one file only
  CHECK(is_boilerplate_line("  SIGN UP for the Daily Digest newsletter!", &learnt));
  CHECK_FALSE(is_boilerplate_line("Sign up for the newsletter", &learnt));
  CHECK(decode_boilerplate(encode_boilerplate(learnt)) == learnt);

  // Too few files to tell furniture from coincidence.
  CHECK(learn_boilerplate(write_site(dir / "small", 5)).empty());
}

TEST_CASE("boilerplate learnt on several threads counts every file once",
          "[indexer][boilerplate]") {
  const test::TempDir temp;
  std::vector<fs::path> files = write_site(temp.path(), 40);
  // A line in exactly three files (the least that counts), each read by a
  // different thread: learnt only if their counts add up.
  for (int i = 0; i < 3; ++i) {
    std::ofstream(files[static_cast<std::size_t>(i)], std::ios::app) << "Exclusive offer inside\n";
  }
  const BoilerplateSet one = learn_boilerplate(files, 1);
  CHECK(one.count("exclusive offer inside") == 1);
  for (std::size_t threads : {2, 3, 8}) {
    INFO(threads);
    CHECK(learn_boilerplate(files, threads) == one);
  }
}

TEST_CASE("the boilerplate sample is the walk's first text files", "[indexer][boilerplate]") {
  const test::TempDir temp;
  const fs::path& dir = temp.path();
  fs::create_directories(dir / "b");
  for (const char* name : {"c.txt", "a.json", "b/z.txt", "b/a.txt", ".hidden.txt", "d.jpg"}) {
    std::ofstream(dir / name) << "text";
  }
  CHECK(boilerplate_sample({dir.string()}) ==
        std::vector<fs::path>{dir / "b" / "a.txt", dir / "b" / "z.txt", dir / "c.txt"});

  // At most k_boilerplate_sample of them.
  const fs::path many = dir / "many";
  fs::create_directories(many);
  for (std::size_t i = 0; i <= k_boilerplate_sample; ++i) {
    std::ofstream(many / ("story-" + std::to_string(100000 + i) + ".txt")) << "text";
  }
  const std::vector<fs::path> sample = boilerplate_sample({many.string()});
  CHECK(sample.size() == k_boilerplate_sample);
  CHECK(sample.back() ==
        many / ("story-" + std::to_string(100000 + k_boilerplate_sample - 1) + ".txt"));
}

}  // namespace dateline

// Unit tests for tools/bench/bench_support.cpp: the benchmarks' statistics,
// timing loop, query drawing and reading, and option values.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <boost/program_options.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "common/article.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "tests/temp_dir.hpp"
#include "tools/bench/bench_support.hpp"

namespace dateline::bench {
namespace {

namespace po = boost::program_options;

// An in-memory index of articles with these headlines, one document each,
// holding only what draw_queries reads (the stored summary).
Xapian::WritableDatabase index_of(const std::vector<std::string>& headlines) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const std::string& headline : headlines) {
    Article article;
    article.id = make_article_id("/archive/" + headline, "");
    article.title = headline;
    Xapian::Document document;
    document.add_value(schema::k_slot_summary, schema::encode_summary(article));
    db.add_document(document);
  }
  return db;
}

}  // namespace

TEST_CASE("median is the middle value, or the mean of the two middle ones", "[bench]") {
  struct Case {
    std::vector<double> values;
    double expected;
  };
  const Case cases[] = {
      {{}, 0}, {{3}, 3}, {{2, 1}, 1.5}, {{5, 1, 3}, 3}, {{4, 1, 3, 2}, 2.5}, {{7, 7, 1, 9, 8}, 7},
  };
  for (const Case& c : cases) {
    CAPTURE(c.values);
    CHECK(median(c.values) == Approx(c.expected));
  }
}

TEST_CASE("summarise gives p50, p99 and mean of the samples", "[bench]") {
  // 1, 2, ... n in a shuffled order.
  auto ramp = [](std::size_t n) {
    std::vector<double> samples;
    for (std::size_t i = n; i >= 1; --i) samples.push_back(static_cast<double>(i));
    return samples;
  };
  struct Case {
    std::vector<double> samples;
    double p50;
    double p99;
    double mean;
  };
  const Case cases[] = {
      {{}, 0, 0, 0},
      {{7}, 7, 7, 7},
      {{2, 1}, 2, 2, 1.5},  // p50 is the upper median
      {ramp(100), 51, 100, 50.5},
      {ramp(200), 101, 199, 100.5},
      {{1, 1, 1, 1000}, 1, 1000, 250.75},
  };
  for (const Case& c : cases) {
    CAPTURE(c.samples);
    const Latency latency = summarise(c.samples);
    CHECK(latency.p50 == Approx(c.p50));
    CHECK(latency.p99 == Approx(c.p99));
    CHECK(latency.mean == Approx(c.mean));
  }
}

TEST_CASE("time_queries warms up once, then times every query of every round", "[bench]") {
  const std::vector<std::string> queries = {"a", "b", "c"};
  std::vector<std::string> calls;
  const Latency latency = time_queries(queries, 2, [&](const std::string& query) {
    calls.push_back(query);
    if (calls.size() > queries.size()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  });
  CHECK(calls == std::vector<std::string>{"a", "b", "c", "a", "b", "c", "a", "b", "c"});
  // Only the timed calls count: each slept 2 ms, the warm-up none.
  CHECK(latency.p50 >= 2.0);
  CHECK(latency.mean >= 2.0);
  CHECK(latency.p99 >= latency.p50);
}

TEST_CASE("headline_words keeps lower-cased letter runs of four or more", "[bench]") {
  struct Case {
    const char* headline;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"", {}},
      {"U.S. oil-price talks", {"price", "talks"}},
      {"OPEC Output Rises", {"opec", "output", "rises"}},
      {"Budget2024deficit grows", {"budget", "deficit", "grows"}},
      {"Kerry's  visit", {"kerry", "visit"}},
      {"\xc3\x89lan vital", {"vital"}},  // letters are ASCII ones: "lan" is short
      {"talks", {"talks"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.headline);
    CHECK(headline_words(c.headline) == c.expected);
  }
}

TEST_CASE("draw_queries draws two consecutive headline words, the same for the same seed",
          "[bench]") {
  const Xapian::WritableDatabase db = index_of({
      "Oil prices rise after OPEC talks",
      "Bank raises interest rates",
      "U.S. up",  // no two words of four letters: never drawn from
      "Kerry meets Lavrov in Geneva",
  });
  const std::vector<std::string> pairs = {
      "prices rise",     "rise after",     "after opec",  "opec talks",   "bank raises",
      "raises interest", "interest rates", "kerry meets", "meets lavrov", "lavrov geneva",
  };
  const std::vector<std::string> queries = draw_queries(db, 12, 7);
  REQUIRE(queries.size() == 12);
  for (const std::string& query : queries) {
    CAPTURE(query);
    CHECK(std::find(pairs.begin(), pairs.end(), query) != pairs.end());
  }
  CHECK(draw_queries(db, 12, 7) == queries);
  CHECK(draw_queries(db, 12, 8) != queries);
  // What bench-shards (seed 7) and bench-search (seed 20261125) drew before
  // the two were one function: the same queries for the same index.
  CHECK(draw_queries(db, 4, 7) ==
        std::vector<std::string>{"meets lavrov", "interest rates", "kerry meets", "lavrov geneva"});
  CHECK(draw_queries(db, 3, 20261125) ==
        std::vector<std::string>{"kerry meets", "rise after", "prices rise"});
}

TEST_CASE("draw_queries gives what it can: none from an index without usable headlines",
          "[bench]") {
  CHECK(draw_queries(index_of({}), 5, 7).empty());
  CHECK(draw_queries(index_of({"Up", "U.S. up"}), 5, 7).empty());
  // A deleted article is passed over.
  Xapian::WritableDatabase db = index_of({"Oil prices rise", "Bank raises rates"});
  db.delete_document(1);
  const std::vector<std::string> queries = draw_queries(db, 3, 7);
  CHECK(queries.size() == 3);
  for (const std::string& query : queries) {
    CAPTURE(query);
    CHECK((query == "bank raises" || query == "raises rates"));
  }
}

TEST_CASE("queries written to a file read back, a file that cannot be read is named", "[bench]") {
  const test::TempDir dir;
  const std::filesystem::path file = dir.path() / "queries.txt";
  write_queries(file, {"oil prices", "bank rates"});
  CHECK(read_queries(file) == std::vector<std::string>{"oil prices", "bank rates"});
  CHECK(read_queries(dir.write("blank.txt", "a b\n\n\nc d\n")) ==
        std::vector<std::string>{"a b", "c d"});
  const std::filesystem::path absent = dir.path() / "absent.txt";
  CHECK_THROWS_WITH(read_queries(absent), Catch::Matchers::Contains(absent.string()));
  const std::filesystem::path unwritable = dir.path() / "no-such-dir" / "q.txt";
  CHECK_THROWS_WITH(write_queries(unwritable, {"x"}),
                    Catch::Matchers::Contains(unwritable.string()));
}

TEST_CASE("runs_value and make_queries_value take whole numbers within their ranges", "[bench]") {
  struct Case {
    std::vector<std::string> args;
    bool ok;
    std::size_t runs;
    std::size_t count;
  };
  const Case cases[] = {
      {{}, true, 3, 300},
      {{"--runs", "1", "--make-queries", "20"}, true, 1, 20},
      {{"--runs", "1000"}, true, 1000, 300},
      {{"--runs", "0"}, false, 0, 0},
      {{"--runs", "1001"}, false, 0, 0},
      {{"--runs", "-1"}, false, 0, 0},
      {{"--make-queries", "0"}, false, 0, 0},
      {{"--make-queries", "2x"}, false, 0, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args);
    std::size_t runs = 0;
    std::size_t count = 0;
    po::options_description options;
    options.add_options()("runs", runs_value(runs, 3), "")("make-queries",
                                                           make_queries_value(count, 300), "");
    po::variables_map vm;
    auto parse = [&] {
      po::store(po::command_line_parser(c.args).options(options).run(), vm);
      po::notify(vm);
    };
    if (c.ok) {
      parse();
      CHECK(runs == c.runs);
      CHECK(count == c.count);
    } else {
      CHECK_THROWS_AS(parse(), po::error);
    }
  }
}

}  // namespace dateline::bench

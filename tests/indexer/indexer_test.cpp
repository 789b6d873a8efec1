// Unit tests for indexer/indexer.cpp: run_index's steps in one process (a
// build, a re-run, an update, a dry run, an interrupted build and its
// resumption), without the entity model. tests/e2e drives the binary.
#include "indexer/indexer.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/index_location.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

void write_article(const fs::path& path, const std::string& title) {
  std::ofstream(path) << title << "\n\nTraders in Abidjan said the harvest was larger than "
                      << "expected this season.\n";
}

// A folder `dir` of `count` articles, story-0.txt ...; returns `dir`.
fs::path write_articles(const fs::path& dir, int count) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    write_article(dir / ("story-" + std::to_string(i) + ".txt"),
                  "Cocoa harvest story number " + std::to_string(i));
  }
  return dir;
}

IndexParams params_for(const fs::path& db, const fs::path& input) {
  IndexParams params;
  params.db_path = db.string();
  params.inputs = {input.string()};
  params.entities = EntityMode::skip;
  params.verbosity = Verbosity::quiet;
  params.jobs = 2;
  return params;
}

IndexSummary run(const IndexParams& params) {
  std::ostringstream report;
  std::ostringstream listing;
  return run_index(params, report, listing);
}

}  // namespace

TEST_CASE("a build, a re-run of nothing new, and an update of what changed", "[indexer][run]") {
  const TempDir dir;
  const fs::path input = write_articles(dir.path() / "articles", 12);
  const fs::path db = dir.path() / "index";
  const IndexParams params = params_for(db, input);

  const IndexSummary built = run(params);
  CHECK(built.articles_indexed == 12);
  CHECK(built.documents_in_index == 12);
  CHECK_FALSE(built.interrupted);
  CHECK(Xapian::Database(db.string()).get_doccount() == 12);
  CHECK_FALSE(fs::exists(beside_index(db, ".dateline-build")));
  CHECK_FALSE(fs::exists(beside_index(db, ".dateline-lock")));
  // Every step of a fresh build is timed, in order; their sum is the run's
  // wall time less what ran beside them, and the serial time lies within it.
  std::vector<std::string> steps;
  double sum = 0;
  for (const PhaseTime& phase : built.phases) {
    if (!phase.in_sequence) continue;
    steps.push_back(phase.name);
    sum += phase.seconds;
  }
  CHECK(steps == std::vector<std::string>{"open", "boilerplate", "index", "unload_model",
                                          "spelling_counts", "near_duplicates", "spelling",
                                          "compact", "names", "stamp", "install"});
  CHECK(sum <= built.seconds);
  CHECK(built.serial_seconds > 0);
  CHECK(built.serial_seconds <= built.seconds);

  const IndexSummary again = run(params);
  CHECK(again.articles_indexed == 0);
  CHECK(again.files_unchanged == 12);
  CHECK(again.documents_in_index == 12);

  write_article(input / "story-0.txt", "Cocoa harvest story rewritten at length today");
  fs::remove(input / "story-1.txt");
  const IndexSummary updated = run(params);
  CHECK(updated.articles_indexed == 1);
  CHECK(updated.files_unchanged == 10);
  CHECK(updated.files_removed == 1);
  CHECK(updated.articles_removed == 1);
  CHECK(updated.documents_in_index == 11);
}

TEST_CASE("a dry run reads everything and writes nothing", "[indexer][run]") {
  const TempDir dir;
  write_article(dir.path() / "story.txt", "Cocoa harvest beats forecasts");
  IndexParams params = params_for("", dir.path());
  params.write = WriteMode::dry_run;
  const IndexSummary summary = run(params);
  CHECK(summary.dry_run);
  CHECK(summary.articles_indexed == 1);
  CHECK(summary.documents_in_index == 0);
}

TEST_CASE("an interrupted build is kept beside the index and finished by the next run",
          "[indexer][run]") {
  const TempDir dir;
  const fs::path input = write_articles(dir.path() / "articles", 4);
  const fs::path db = dir.path() / "index";
  IndexParams params = params_for(db, input);
  const std::atomic<bool> stop{true};
  params.stop = &stop;
  const IndexSummary stopped = run(params);
  CHECK(stopped.interrupted);
  CHECK(stopped.build_kept);
  CHECK_FALSE(fs::exists(db));  // nothing at the index's place
  CHECK(fs::exists(beside_index(db, ".dateline-build") / "resume"));
  CHECK_FALSE(fs::exists(beside_index(db, ".dateline-lock")));

  params.stop = nullptr;
  const IndexSummary finished = run(params);
  CHECK_FALSE(finished.interrupted);
  CHECK(finished.documents_in_index == 4);
  CHECK_FALSE(fs::exists(beside_index(db, ".dateline-build")));
}

TEST_CASE("parameters no run can use are refused before anything is made", "[indexer][run]") {
  const TempDir dir;
  const fs::path db = dir.path() / "index";
  IndexParams params = params_for(db, dir.path() / "missing");
  CHECK_THROWS_WITH(run(params), Catch::Contains("missing"));
  params = params_for(db, dir.path());
  params.inputs.clear();
  CHECK_THROWS_WITH(run(params), "no input files or directories given");
  params = params_for(db, dir.path());
  params.batch_size = 0;
  CHECK_THROWS_WITH(run(params), "batch size must be at least 1");
  CHECK_FALSE(fs::exists(db));
  CHECK_FALSE(fs::exists(beside_index(db, ".dateline-lock")));
}

}  // namespace dateline

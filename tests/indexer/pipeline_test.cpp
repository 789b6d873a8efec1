// Unit tests for indexer/pipeline.cpp: the walker, workers and writer of
// a run, a stop, and failures on any of their threads.
#include "indexer/pipeline.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

// `count` text articles in `dir`.
void write_articles(const TempDir& dir, int count) {
  for (int i = 0; i < count; ++i) {
    dir.write("story-" + std::to_string(i) + ".txt",
              "Cocoa harvest story number " + std::to_string(i) +
                  "\n\nTraders in Abidjan said the harvest was larger than expected.\n");
  }
}

IndexParams params_over(const fs::path& input) {
  IndexParams params;
  params.inputs = {input.string()};
  params.write = WriteMode::dry_run;
  params.verbosity = Verbosity::quiet;
  params.entities = EntityMode::skip;
  return params;
}

// Runs the pipeline of a dry run over `params` with `jobs` workers.
PipelineResult dry_run(const IndexParams& params, Progress& progress, std::size_t jobs) {
  const OpenIndex index = open_no_index(params);
  const BoilerplateSet boilerplate;
  RunClock clock;
  const EntityTools entities(params, clock);
  return run_pipeline({params, index, boilerplate, entities, nullptr, progress, clock, jobs},
                      nullptr);
}

}  // namespace

TEST_CASE("every file of the inputs goes through the workers", "[indexer][pipeline]") {
  const TempDir dir;
  write_articles(dir, 40);
  dir.write("photo.jpg", "\xff\xd8");
  const IndexParams params = params_over(dir.path());
  std::ostringstream out;
  Progress progress(params, out, out);
  const PipelineResult result = dry_run(params, progress, 3);
  CHECK(result.workers.size() == 3);
  CHECK_FALSE(result.stopped_before_end);
  CHECK(progress.summary().files_seen == 41);
  CHECK(progress.summary().articles_indexed == 40);
  CHECK(progress.summary().files_skipped() == 1);
}

TEST_CASE("a stopped run walks no further and says it stopped", "[indexer][pipeline]") {
  const TempDir dir;
  write_articles(dir, 10);
  IndexParams params = params_over(dir.path());
  const std::atomic<bool> stop{true};
  params.stop = &stop;
  std::ostringstream out;
  Progress progress(params, out, out);
  const PipelineResult result = dry_run(params, progress, 2);
  CHECK(result.stopped_before_end);
  CHECK(progress.summary().files_seen == 0);
  CHECK(progress.summary().articles_indexed == 0);
}

TEST_CASE("an update's files reach its writer", "[indexer][pipeline]") {
  const TempDir dir;
  const fs::path input = dir.path() / "in";
  fs::create_directories(input);
  for (int i = 0; i < 5; ++i) {
    std::ofstream(input / ("story-" + std::to_string(i) + ".txt"))
        << "Cocoa harvest story number " << i << "\n\nTraders said the harvest was larger.\n";
  }
  const fs::path db = dir.path() / "index";
  {
    Xapian::WritableDatabase index(db.string(), Xapian::DB_CREATE);
    schema::write_stamp(index, "english");
    Xapian::Document old;
    old.add_boolean_term(schema::id_term("old"));
    index.add_document(old);
    index.commit();
  }
  IndexParams params = params_over(input);
  params.write = WriteMode::index;
  params.db_path = db.string();
  OpenIndex index = open_index(params);
  REQUIRE(index.strategy == Strategy::update);
  std::ostringstream out;
  Progress progress(params, out, out);
  UpdateWriter writer(index, 2);
  const BoilerplateSet boilerplate;
  RunClock clock;
  const EntityTools entities(params, clock);
  run_pipeline({params, index, boilerplate, entities, nullptr, progress, clock, 2}, &writer);
  CHECK(writer.finish() == 6);
}

TEST_CASE("a failure on any of the run's threads is the run's", "[indexer][pipeline]") {
  const TempDir dir;
  write_articles(dir, 3);
  std::ostringstream out;

  // The walk's: an input that went away.
  IndexParams params = params_over(dir.path());
  params.inputs.push_back((dir.path() / "gone").string());
  Progress walked(params, out, out);
  CHECK_THROWS_AS(dry_run(params, walked, 2), Error);

  // A worker's: its part cannot be written.
  params = params_over(dir.path());
  params.write = WriteMode::index;
  params.db_path = (dir.path() / "index").string();
  const OpenIndex index = open_index(params);
  const BuildDirectory build(params.db_path, {"english", 1, false, false, ""});
  fs::remove_all(build.path());
  Progress built(params, out, out);
  const BoilerplateSet boilerplate;
  RunClock clock;
  const EntityTools entities(params, clock);
  CHECK_THROWS_AS(
      run_pipeline({params, index, boilerplate, entities, &build, built, clock, 2}, nullptr),
      Xapian::DatabaseError);
}

}  // namespace dateline

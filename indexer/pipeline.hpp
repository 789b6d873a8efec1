// The indexing pipeline's threads (ARCHITECTURE.md, step 6): a walker
// thread lists the input files into a bounded queue; `jobs` worker threads
// (indexer/worker.hpp) read, extract and build; the progress display draws
// meanwhile; the calling thread runs the update writer (an update) or waits.
// A closer thread joins the workers and then closes the writer's queue, so
// the writer sees every file's update before it stops.
//
// A failure on any thread (a worker's, the walk's, the writer's) stops the
// walk; the others finish what they hold, and the first failure (workers
// first, then the walk, then the writer) is rethrown once all have ended.
#pragma once

#include <cstddef>
#include <vector>

#include "common/text.hpp"
#include "indexer/entity_tools.hpp"
#include "indexer/fresh_build.hpp"
#include "indexer/indexer.hpp"
#include "indexer/open_index.hpp"
#include "indexer/progress.hpp"
#include "indexer/run_clock.hpp"
#include "indexer/update_writer.hpp"
#include "indexer/worker.hpp"

namespace dateline {

// What the pipeline works with. All must outlive run_pipeline.
struct PipelineSetup {
  const IndexParams& params;
  const OpenIndex& index;             // its strategy, language and shards
  const BoilerplateSet& boilerplate;  // learnt page furniture
  const EntityTools& entities;        // perhaps still loading
  const BuildDirectory* build;        // a fresh build's; else null
  Progress& progress;
  RunClock& clock;       // each worker counts as working for its life
  std::size_t jobs = 1;  // worker threads, at least 1
};

struct PipelineResult {
  std::vector<WorkerOutput> workers;  // one per worker, in order
  // The run was stopped (params.stop) before the workers were done: some
  // files may not have been read. A stop that comes later finds every
  // file done.
  bool stopped_before_end = false;
};

// Runs the threads until every file of the inputs is done (or the run is
// stopped), writing updates with `writer`. Throws the first failure.
// REQUIRES: `writer` is non-null exactly when setup.index.strategy is
// Strategy::update.
PipelineResult run_pipeline(const PipelineSetup& setup, UpdateWriter* writer);

}  // namespace dateline

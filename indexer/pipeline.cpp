#include "indexer/pipeline.hpp"

#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "indexer/walker.hpp"
#include "indexer/work_queue.hpp"

namespace dateline {

namespace fs = std::filesystem;

namespace {

// Files listed ahead of the workers, and files' updates ahead of the
// writer: enough to keep them busy, bounded so memory is.
constexpr std::size_t k_files_queued = 1024;
constexpr std::size_t k_updates_queued = 64;

// What the run already holds of the files it meets: the index it updates,
// or the parts of the interrupted build it resumes.
std::vector<std::string> known_databases(const PipelineSetup& setup) {
  if (setup.index.strategy == Strategy::update) return {setup.params.db_path};
  if (setup.build != nullptr) return setup.build->sealed_databases();
  return {};
}

// One worker thread's life. A failure is kept for the run to rethrow, and
// closes the walk's queue: the run has failed.
void run_worker(const WorkerContext& context, RunClock& clock, std::size_t index,
                WorkerOutput& output, std::exception_ptr& failure) {
  const RunClock::Busy working = clock.busy();
  try {
    Worker worker(context, index);
    worker.run();
    output = worker.output();
  } catch (...) {
    failure = std::current_exception();
    context.files.close();
  }
}

// The walker thread's life: every file of the inputs into `files` (none
// once the run is stopping), every entry it cannot visit reported as
// skipped. Closes `files` at the end; returns the walk's failure, if any.
std::exception_ptr walk_into(const IndexParams& params, Progress& progress,
                             WorkQueue<fs::path>& files) {
  std::exception_ptr failure;
  try {
    WalkCallbacks callbacks;
    callbacks.on_problem = [&](const ReadProblem& problem) {
      progress.file_seen();
      progress.skip_file(problem);
    };
    callbacks.on_file = [&](const fs::path& path) {
      if (stop_requested(params)) return;
      progress.file_seen();
      files.push(path);
    };
    walk_inputs(params.inputs, callbacks);
  } catch (...) {
    failure = std::current_exception();
  }
  files.close();
  return failure;
}

// The update writer's loop: one file at a time until the workers are done
// and the queue is closed (without a writer, only the wait). A failure
// stops the walk and drains the queue, so that no worker blocks on it, and
// is returned.
std::exception_ptr write_updates(WorkQueue<FileUpdate>& updates, UpdateWriter* writer,
                                 WorkQueue<fs::path>& files, RunClock& clock) {
  try {
    while (std::optional<FileUpdate> update = updates.pop()) {
      const RunClock::Busy writing = clock.busy();
      if (writer != nullptr) writer->write(*update);
    }
    return nullptr;
  } catch (...) {
    std::exception_ptr failure = std::current_exception();
    files.close();
    while (updates.pop()) {
    }
    return failure;
  }
}

}  // namespace

PipelineResult run_pipeline(const PipelineSetup& setup, UpdateWriter* writer) {
  WorkQueue<fs::path> files(k_files_queued);
  WorkQueue<FileUpdate> updates(k_updates_queued);
  SharedWork<Chunk> chunks;
  const WorkerContext context{.params = setup.params,
                              .strategy = setup.index.strategy,
                              .language = setup.index.language,
                              .shard_count = setup.index.shard_count(),
                              .sharded = setup.index.sharded,
                              .boilerplate = setup.boilerplate,
                              .entities = setup.entities,
                              .clock = setup.clock,
                              .read_ahead_chunks = k_chunks_read_ahead_per_worker * setup.jobs,
                              .build = setup.build,
                              .known_databases = known_databases(setup),
                              .progress = setup.progress,
                              .files = files,
                              .chunks = chunks,
                              .updates = updates};
  PipelineResult result;
  result.workers.resize(setup.jobs);
  std::vector<std::exception_ptr> failures(setup.jobs);
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < setup.jobs; ++i) {
    workers.emplace_back(run_worker, std::cref(context), std::ref(setup.clock), i,
                         std::ref(result.workers[i]), std::ref(failures[i]));
  }
  ProgressDisplay display(setup.params, setup.progress);
  std::exception_ptr walk_failure;
  std::thread walker([&] { walk_failure = walk_into(setup.params, setup.progress, files); });
  // Whether the run was stopped is decided once the workers are done: a
  // stop that comes later (during the merge) finds every file done.
  std::atomic<bool> stopped_before_end{false};
  std::thread closer([&] {
    for (std::thread& worker : workers) worker.join();
    stopped_before_end = stop_requested(setup.params);
    updates.close();
  });
  const std::exception_ptr write_failure = write_updates(updates, writer, files, setup.clock);
  walker.join();
  closer.join();
  display.finish();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (walk_failure) std::rethrow_exception(walk_failure);
  if (write_failure) std::rethrow_exception(write_failure);
  result.stopped_before_end = stopped_before_end;
  return result;
}

}  // namespace dateline

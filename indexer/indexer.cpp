// run_index, step by step: check the parameters, lock and open the index
// (indexer/open_index.hpp), open a fresh build's directory
// (indexer/fresh_build.hpp), learn the page furniture while the entity
// model loads, run the pipeline's threads (indexer/pipeline.hpp), then
// finish: an update removes deleted files and groups near-copies
// (indexer/update_writer.hpp); a fresh build is merged into place, or
// sealed for the next run when interrupted.
#include "indexer/indexer.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <optional>
#include <thread>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/user_aliases.hpp"
#include "indexer/boilerplate.hpp"
#include "indexer/entity_tools.hpp"
#include "indexer/fresh_build.hpp"
#include "indexer/index_location.hpp"
#include "indexer/open_index.hpp"
#include "indexer/pipeline.hpp"
#include "indexer/progress.hpp"
#include "indexer/run_clock.hpp"
#include "indexer/spelling.hpp"
#include "indexer/update_writer.hpp"
#include "indexer/walker.hpp"

namespace dateline {

namespace {

// Refuses parameters no run can use, and inputs that do not exist.
void check_params(const IndexParams& params) {
  if (params.batch_size == 0) throw Error("batch size must be at least 1");
  if (params.part_size == 0) throw Error("part size must be at least 1");
  if (params.inputs.empty()) throw Error("no input files or directories given");
  check_inputs_exist(params.inputs);
}

std::size_t worker_count(const IndexParams& params) {
  if (params.jobs > 0) return params.jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

// The lock and the fresh build of the run in progress, for
// abandon_run_in_progress; set while run_index, whose frame holds them,
// runs.
std::atomic<IndexLock*> g_lock_in_progress{nullptr};
std::atomic<BuildDirectory*> g_build_in_progress{nullptr};

// The index's lock, held for the run, and known as the run's lock to
// abandon_run_in_progress while held.
class RunLock {
 public:
  explicit RunLock(const std::string& db_path) : m_lock(db_path) { g_lock_in_progress = &m_lock; }
  ~RunLock() { g_lock_in_progress = nullptr; }
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  IndexLock m_lock;
};

// Owns a fresh build's directory for run_index: marks it as the build in
// progress, and removes it when the run ends, unless the build was sealed
// for resuming or merged into place (keep()).
class BuildGuard {
 public:
  explicit BuildGuard(BuildDirectory* build) : m_build(build) {
    if (m_build) g_build_in_progress = m_build;
  }
  ~BuildGuard() {
    if (!m_build) return;
    g_build_in_progress = nullptr;
    if (!m_kept) m_build->remove();
  }
  BuildGuard(const BuildGuard&) = delete;
  BuildGuard& operator=(const BuildGuard&) = delete;
  void keep() { m_kept = true; }

 private:
  BuildDirectory* m_build;
  bool m_kept = false;
};

// Opens the index the run writes (nothing for a dry run). Nothing is
// created or moved before the lock is held, and nothing is written where
// dateline did not create it. The path is looked at once before the lock
// (so that a refused run leaves not even a lock file) and again under it
// (another run may have finished meanwhile).
OpenIndex lock_and_open(const IndexParams& params, std::optional<RunLock>& lock) {
  if (params.write == WriteMode::dry_run) return open_no_index(params);
  check_index_apart_from_inputs(params.db_path, params.inputs);
  inspect_index_path(params.db_path);
  lock.emplace(params.db_path);
  return open_index(params);
}

// What an interrupted build must share with the run that resumes it, and
// the alias rules its databases get.
BuildSettings build_settings(const IndexParams& params, const OpenIndex& index,
                             const std::optional<std::string>& aliases) {
  return {index.language, index.shard_count(), index.sharded,
          params.entities == EntityMode::extract, aliases.value_or(std::string())};
}

// The user's alias rules in the form the index keeps (UserAliases::encode),
// or nullopt without --aliases. Throws dateline::Error naming the file and
// line of a rule it cannot read.
std::optional<std::string> read_aliases(const IndexParams& params) {
  if (params.aliases.empty()) return std::nullopt;
  return UserAliases::load(params.aliases).encode();
}

// Page furniture for the run: read from the index when it is updated,
// taken from the interrupted build a fresh build resumes, learnt from a
// sample of the corpus's text files otherwise. The calling thread counts
// itself as working on `clock` (the sample's walk), and so do the threads
// that learn.
BoilerplateSet furniture_for(const IndexParams& params, const OpenIndex& index,
                             const BuildDirectory* build, RunClock& clock) {
  RunClock::Busy walking = clock.busy();
  if (index.strategy == Strategy::update) {
    return decode_boilerplate(index.databases.front().get_metadata(schema::k_meta_boilerplate));
  }
  if (build != nullptr && build->resuming()) {
    return decode_boilerplate(build->resumed_boilerplate());
  }
  const std::vector<std::filesystem::path> sample = boilerplate_sample(params.inputs);
  walking.release();
  return learn_boilerplate(sample, worker_count(params), &clock);
}

// An update's end: the articles of files deleted since the last run go
// (unless the run was stopped, and so did not see every file), then the
// written articles join their near-copies and everything is committed.
void finish_update(const IndexParams& params, OpenIndex& index, UpdateWriter& writer,
                   const std::optional<std::string>& aliases, const Progress& progress,
                   RunClock& clock, IndexSummary& summary) {
  // New alias rules apply to the articles already indexed: only the
  // metadata changes, and the resolution stored with it.
  if (aliases) {
    for (Xapian::WritableDatabase& db : index.databases) {
      db.set_metadata(schema::k_meta_aliases, *aliases);
    }
  }
  if (!summary.interrupted) {
    const RemovedFiles removed =
        remove_deleted_files(*index.all, params.inputs, progress.seen_files());
    summary.files_removed = removed.files;
    summary.articles_removed = removed.articles;
    clock.end_step("remove_deleted");
  }
  summary.documents_in_index = writer.finish();
  clock.end_step("near_duplicates_and_commit");
}

// A fresh build's end: interrupted, its work is sealed in the build
// directory for the next run to resume; otherwise the parts are merged
// into the index, which replaces what is at its place.
void finish_fresh_build(OpenIndex& index, BuildDirectory& build, std::vector<WorkerOutput>& workers,
                        const std::string& boilerplate, const Progress& progress,
                        std::size_t threads, RunClock& clock, IndexSummary& summary) {
  std::vector<std::size_t> parts;
  std::vector<SpellingCounts> word_counts;
  for (WorkerOutput& worker : workers) {
    parts.push_back(worker.parts);
    word_counts.push_back(std::move(worker.word_counts));
  }
  if (summary.interrupted) {
    Xapian::doccount before = 0;
    for (const Xapian::WritableDatabase& db : index.databases) before += db.get_doccount();
    build.seal(parts, word_counts, boilerplate, progress.changed_files());
    clock.end_step("seal");
    summary.build_kept = true;
    summary.documents_in_index = before;
    return;
  }
  // What is at the index's place now is replaced: let it go.
  index.databases.clear();
  index.spelling.reset();
  SpellingCounts words;
  for (SpellingCounts& counts : word_counts) words.add_from(std::move(counts));
  clock.end_step("spelling_counts");
  summary.documents_in_index = build.merge_into(
      index.targets, parts, words, progress.unchanged_files(), boilerplate, threads, clock);
}

}  // namespace

IndexSummary run_index(const IndexParams& params, std::ostream& report, std::ostream& listing) {
  RunClock clock;
  RunClock::Busy main_working = clock.busy();
  check_params(params);
  const std::optional<std::string> aliases = read_aliases(params);
  std::optional<RunLock> lock;
  OpenIndex index = lock_and_open(params, lock);

  // The entity model loads while the run opens its index, learns its
  // boilerplate and reads its first files.
  EntityTools entity_tools(params, clock);
  std::optional<BuildDirectory> build;
  if (index.strategy == Strategy::fresh)
    build.emplace(params.db_path, build_settings(params, index, aliases));
  BuildDirectory* const fresh_build = build ? &*build : nullptr;
  BuildGuard guard(fresh_build);
  clock.end_step("open");
  main_working.release();
  const BoilerplateSet learned = furniture_for(params, index, fresh_build, clock);
  clock.end_step("boilerplate");

  Progress progress(params, report, listing);
  std::optional<UpdateWriter> writer;
  if (index.strategy == Strategy::update) writer.emplace(index, params.batch_size);
  const PipelineSetup setup{.params = params,
                            .index = index,
                            .boilerplate = learned,
                            .entities = entity_tools,
                            .build = fresh_build,
                            .progress = progress,
                            .clock = clock,
                            .jobs = worker_count(params)};
  PipelineResult result = run_pipeline(setup, writer ? &*writer : nullptr);
  clock.end_step("index");
  const double model_seconds = entity_tools.finish();  // its failure is the run's
  if (params.entities == EntityMode::extract) clock.add_side_step("model", model_seconds);

  main_working = clock.busy();
  IndexSummary& summary = progress.summary();
  summary.dry_run = index.strategy == Strategy::dry_run;
  summary.interrupted = result.stopped_before_end;
  if (writer) finish_update(params, index, *writer, aliases, progress, clock, summary);
  if (fresh_build) {
    // The model is done with: the merge's memory reuses it, so the run's
    // peak does not grow with the archive.
    entity_tools.unload();
    clock.end_step("unload_model");
    finish_fresh_build(index, *fresh_build, result.workers, encode_boilerplate(learned), progress,
                       worker_count(params), clock, summary);
    guard.keep();
  }
  summary.phases = clock.phases();
  summary.serial_seconds = clock.serial_seconds();
  summary.seconds = clock.elapsed();
  return summary;
}

void abandon_run_in_progress() noexcept {
  if (BuildDirectory* build = g_build_in_progress.exchange(nullptr)) build->remove();
  if (IndexLock* lock = g_lock_in_progress.exchange(nullptr)) lock->release();
}

}  // namespace dateline

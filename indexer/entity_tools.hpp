// EntityTools: an indexing run's tagger, extractor and gazetteer, loaded
// on a thread of their own while the run opens its index, learns its
// boilerplate and starts its workers. Workers read and parse files ahead
// while the model loads (indexer/worker.hpp) and wait for it only to tag.
//
// Thread-safety: wait_until_loaded, loaded, extractor and gazetteer may be
// called from any thread; the constructor, finish and unload by the run's
// main thread alone.
#pragma once

#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "common/gazetteer.hpp"
#include "common/ner/tagger.hpp"
#include "indexer/entity_extractor.hpp"
#include "indexer/indexer.hpp"
#include "indexer/run_clock.hpp"

namespace dateline {

class EntityTools {
 public:
  // Finds the model and the gazetteer (params.ner_model and
  // params.gazetteer, else the defaults) and starts loading them, side by
  // side, each on a thread counted as working on `clock`. With entities
  // off it loads nothing and is loaded at once. Throws dateline::Error,
  // before any thread starts, when either file cannot be found.
  // REQUIRES: `clock` outlives the tools.
  EntityTools(const IndexParams& params, RunClock& clock);
  // Tools loaded by `load_step` on the loader thread instead: loaded,
  // without extractor or gazetteer, once it returns; failed with what it
  // throws. A gate for tests of what runs while a model loads.
  EntityTools(RunClock& clock, std::function<void()> load_step);
  // Waits for the loading threads.
  ~EntityTools();
  EntityTools(const EntityTools&) = delete;
  EntityTools& operator=(const EntityTools&) = delete;

  // True once loading has ended, well or not; never blocks.
  bool loaded() const;
  // Blocks until loading has ended. Throws what loading threw (a model or
  // gazetteer that cannot be read), in every thread that calls it.
  void wait_until_loaded() const;

  // The extractor and gazetteer, null when entities are off.
  // REQUIRES: wait_until_loaded() returned.
  const EntityExtractor* extractor() const { return m_extractor ? &*m_extractor : nullptr; }
  const Gazetteer* gazetteer() const { return m_gazetteer ? &*m_gazetteer : nullptr; }

  // Waits for loading to end and returns its wall time in seconds (0 with
  // entities off). Throws what loading threw.
  double finish();
  // Frees the model (tens of MB), the extractor first: it refers to it and
  // to the gazetteer. REQUIRES: finish() returned; no thread uses them.
  void unload();

 private:
  void run_loader(const std::function<void()>& load_step);
  void load(const std::filesystem::path& model, const std::filesystem::path& gazetteer);

  RunClock& m_clock;
  std::optional<ner::Tagger> m_tagger;
  std::optional<EntityExtractor> m_extractor;
  std::optional<Gazetteer> m_gazetteer;

  mutable std::mutex m_mutex;
  mutable std::condition_variable m_done;
  bool m_loaded = false;         // guarded by m_mutex
  std::exception_ptr m_failure;  // guarded by m_mutex; set before m_loaded
  double m_seconds = 0;          // guarded by m_mutex
  std::thread m_loader;
};

}  // namespace dateline

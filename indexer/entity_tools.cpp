#include "indexer/entity_tools.hpp"

#include <future>
#include <utility>

#include "common/error.hpp"

namespace dateline {

EntityTools::EntityTools(const IndexParams& params, RunClock& clock) : m_clock(clock) {
  if (params.entities == EntityMode::skip) {
    m_loaded = true;
    return;
  }
  std::filesystem::path model = params.ner_model;
  if (model.empty()) model = ner::default_model_path();
  if (model.empty()) {
    throw Error(
        "no entity model found; give one with --ner-model FILE, or index without "
        "entities with --no-entities");
  }
  std::filesystem::path gazetteer = params.gazetteer;
  if (gazetteer.empty()) gazetteer = default_gazetteer_path();
  if (gazetteer.empty()) {
    throw Error(
        "no gazetteer found; give one with --gazetteer FILE, or index without entities with "
        "--no-entities");
  }
  m_loader = std::thread([this, model, gazetteer] { run_loader([&] { load(model, gazetteer); }); });
}

EntityTools::EntityTools(RunClock& clock, std::function<void()> load_step) : m_clock(clock) {
  m_loader = std::thread([this, step = std::move(load_step)] { run_loader(step); });
}

EntityTools::~EntityTools() {
  if (m_loader.joinable()) m_loader.join();
}

// The loader thread's life: `load_step`, timed and counted as working, its
// outcome published under m_mutex.
void EntityTools::run_loader(const std::function<void()>& load_step) {
  const RunClock::Busy loading = m_clock.busy();
  const auto started = RunClock::Clock::now();
  std::exception_ptr failure;
  try {
    load_step();
  } catch (...) {
    failure = std::current_exception();
  }
  const double seconds = seconds_since(started);
  {
    std::lock_guard lock(m_mutex);
    m_failure = failure;
    m_seconds = seconds;
    m_loaded = true;
  }
  m_done.notify_all();
}

// The tagger here, the gazetteer beside it, then the extractor over both.
void EntityTools::load(const std::filesystem::path& model, const std::filesystem::path& gazetteer) {
  std::future<Gazetteer> gazetteer_loaded = std::async(std::launch::async, [&] {
    const RunClock::Busy busy = m_clock.busy();
    return Gazetteer::load(gazetteer);
  });
  // A failure here leaves through the future's destructor, which waits
  // for the gazetteer's thread.
  m_tagger.emplace(ner::Tagger::load(model));
  {
    const RunClock::Waiting waiting = m_clock.waiting();
    m_gazetteer.emplace(gazetteer_loaded.get());
  }
  m_extractor.emplace(*m_tagger, &*m_gazetteer);
}

bool EntityTools::loaded() const {
  std::lock_guard lock(m_mutex);
  return m_loaded;
}

void EntityTools::wait_until_loaded() const {
  std::unique_lock lock(m_mutex);
  m_done.wait(lock, [this] { return m_loaded; });
  if (m_failure) std::rethrow_exception(m_failure);
}

double EntityTools::finish() {
  wait_until_loaded();
  if (m_loader.joinable()) m_loader.join();
  std::lock_guard lock(m_mutex);
  return m_seconds;
}

void EntityTools::unload() {
  m_extractor.reset();
  m_tagger.reset();
  m_gazetteer.reset();
}

}  // namespace dateline

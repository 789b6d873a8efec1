#include "indexer/run_clock.hpp"

#include <utility>

namespace dateline {

double seconds_since(RunClock::Clock::time_point start) {
  return std::chrono::duration<double>(RunClock::Clock::now() - start).count();
}

RunClock::RunClock() : m_start(Clock::now()), m_step_start(m_start), m_changed(m_start) {}

RunClock::Busy::Busy(RunClock& clock) : m_clock(&clock) { m_clock->change_working(+1); }

RunClock::Busy::Busy(Busy&& other) noexcept : m_clock(std::exchange(other.m_clock, nullptr)) {}

RunClock::Busy& RunClock::Busy::operator=(Busy&& other) noexcept {
  if (this != &other) {
    release();
    m_clock = std::exchange(other.m_clock, nullptr);
  }
  return *this;
}

void RunClock::Busy::release() noexcept {
  if (m_clock != nullptr) std::exchange(m_clock, nullptr)->change_working(-1);
}

RunClock::Waiting::Waiting(RunClock& clock) : m_clock(clock) { m_clock.change_working(-1); }

RunClock::Waiting::~Waiting() { m_clock.change_working(+1); }

void RunClock::change_working(int delta) noexcept {
  const Clock::time_point now = Clock::now();
  const std::lock_guard<std::mutex> lock(m_mutex);
  if (m_working >= 2) m_parallel += std::chrono::duration<double>(now - m_changed).count();
  m_changed = now;
  m_working += delta;
}

void RunClock::end_step(const std::string& name) {
  const Clock::time_point now = Clock::now();
  m_phases.push_back({name, std::chrono::duration<double>(now - m_step_start).count(), true});
  m_step_start = now;
}

void RunClock::add_side_step(const std::string& name, double seconds) {
  m_phases.push_back({name, seconds, false});
}

double RunClock::elapsed() const { return seconds_since(m_start); }

double RunClock::serial_seconds() const {
  const Clock::time_point now = Clock::now();
  double parallel = 0;
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    parallel = m_parallel;
    if (m_working >= 2) parallel += std::chrono::duration<double>(now - m_changed).count();
  }
  return std::chrono::duration<double>(now - m_start).count() - parallel;
}

}  // namespace dateline

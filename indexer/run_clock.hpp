// RunClock: where an indexing run's wall time goes, for --json and
// bench-index. Two measures:
//
// - Phases: the main thread's steps one after another ("open",
//   "boilerplate", "index", "compact", ...), each the wall time since the
//   previous step ended, and steps that ran beside them on other threads
//   ("model"), each with its own wall time.
// - Serial time: the wall time during which at most one thread of the run
//   was working. A thread counts as working while it holds a Busy: the
//   main thread while it does a step itself (not while it waits for
//   others), each worker for its life, each helper thread while it runs.
//   Time no Busy covers counts as serial too, so the figure never flatters:
//   it is the run's wall time less the time two or more threads worked.
//
// Thread-safety: busy() and Busy may be used from any thread; the other
// members by the run's main thread alone.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace dateline {

struct PhaseTime {
  std::string name;
  double seconds = 0;
  // False for a step that ran beside the main thread's steps: its time
  // overlaps theirs and is not part of their sum.
  bool in_sequence = true;
};

class RunClock {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts the run's clock now; the calling thread is not yet counted as
  // working (see main_busy).
  RunClock();
  RunClock(const RunClock&) = delete;
  RunClock& operator=(const RunClock&) = delete;

  // One working thread, counted from construction to destruction (or
  // release()). Movable, not copyable.
  class Busy {
   public:
    Busy() = default;
    explicit Busy(RunClock& clock);
    Busy(Busy&& other) noexcept;
    Busy& operator=(Busy&& other) noexcept;
    ~Busy() { release(); }
    void release() noexcept;

   private:
    RunClock* m_clock = nullptr;
  };
  Busy busy() { return Busy(*this); }

  // The calling thread, which holds a Busy, waits for other threads: it
  // is not counted as working from construction to destruction. Neither
  // copyable nor movable. REQUIRES: the calling thread holds a Busy of
  // this clock for the Waiting's life.
  class Waiting {
   public:
    explicit Waiting(RunClock& clock);
    Waiting(const Waiting&) = delete;
    Waiting& operator=(const Waiting&) = delete;
    ~Waiting();

   private:
    RunClock& m_clock;
  };
  Waiting waiting() { return Waiting(*this); }

  // Ends the main thread's current step, named `name`: its time is the
  // wall time since the previous step ended (or the clock started).
  void end_step(const std::string& name);
  // Records a step of `seconds` that ran on another thread beside the
  // main thread's steps.
  void add_side_step(const std::string& name, double seconds);

  // Seconds since the clock started.
  double elapsed() const;
  // The steps so far, in the order they were recorded.
  const std::vector<PhaseTime>& phases() const { return m_phases; }
  // The wall time so far during which at most one thread worked.
  double serial_seconds() const;

 private:
  void change_working(int delta) noexcept;

  const Clock::time_point m_start;
  Clock::time_point m_step_start;
  std::vector<PhaseTime> m_phases;

  mutable std::mutex m_mutex;  // guards the three below
  int m_working = 0;
  Clock::time_point m_changed;  // when m_working last changed
  double m_parallel = 0;        // seconds with m_working >= 2, up to m_changed
};

// Seconds since `start`.
double seconds_since(RunClock::Clock::time_point start);

}  // namespace dateline

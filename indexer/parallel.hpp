// parallel_for: the steps of an indexing run that split into independent
// jobs (one per shard, one per part) run them on several threads, each
// counted as working on the run's clock.
//
// Thread-safety: `job` is called from several threads at once, each with
// its own index; it must not share unguarded state between indexes.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "indexer/run_clock.hpp"

namespace dateline {

// Calls job(i) once for each i in [0, count), on up to `threads` threads
// (the calling thread is one of them; threads of 0 counts as 1). Each
// thread it starts holds a Busy on `clock` while it works; the calling
// thread, which must hold a Busy of `clock`, is not counted while it waits
// for the others. Returns when every call
// has returned; if any threw, rethrows the first exception (the other
// jobs still run to their end).
template <typename Job>
void parallel_for(std::size_t count, std::size_t threads, RunClock& clock, Job job) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        job(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> helpers;
  const std::size_t used = std::min(std::max<std::size_t>(threads, 1), count);
  for (std::size_t t = 1; t < used; ++t) {
    helpers.emplace_back([&] {
      const RunClock::Busy working = clock.busy();
      work();
    });
  }
  work();
  {
    const RunClock::Waiting waiting = clock.waiting();
    for (std::thread& helper : helpers) helper.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace dateline

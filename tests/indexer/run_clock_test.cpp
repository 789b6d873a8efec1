// Unit tests for indexer/run_clock.cpp: the steps of a run and the time
// during which at most one thread worked. Only bounds that a sleep makes
// certain are checked, never a duration: the machines are shared.
#include "indexer/run_clock.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

namespace dateline {

namespace {

constexpr std::chrono::milliseconds k_nap{30};
constexpr double k_nap_seconds = 0.030;

}  // namespace

TEST_CASE("time with one thread working, or none, is serial", "[indexer][clock]") {
  RunClock clock;
  {
    const RunClock::Busy working = clock.busy();
    std::this_thread::sleep_for(k_nap);
  }
  std::this_thread::sleep_for(k_nap);
  // Nothing ran side by side: all of the wall time is serial.
  const double elapsed = clock.elapsed();
  CHECK(clock.serial_seconds() >= elapsed);
  CHECK(clock.serial_seconds() >= 2 * k_nap_seconds);
}

TEST_CASE("time with two threads working is not serial", "[indexer][clock]") {
  RunClock clock;
  RunClock::Busy main_working = clock.busy();
  std::thread helper([&] {
    const RunClock::Busy working = clock.busy();
    std::this_thread::sleep_for(k_nap);
  });
  helper.join();
  main_working.release();
  // The helper's nap overlapped the main thread's work.
  CHECK(clock.serial_seconds() <= clock.elapsed() - k_nap_seconds);
  const double before = clock.serial_seconds();
  // A Busy moved, then released twice, counts once.
  RunClock::Busy moved = clock.busy();
  RunClock::Busy taken = std::move(moved);
  taken.release();
  taken.release();
  std::this_thread::sleep_for(k_nap);
  CHECK(clock.serial_seconds() >= before + k_nap_seconds);
}

TEST_CASE("a thread waiting for another is not counted as working", "[indexer][clock]") {
  RunClock clock;
  const RunClock::Busy main_working = clock.busy();
  {
    const RunClock::Waiting waiting = clock.waiting();
    std::thread helper([&] {
      const RunClock::Busy working = clock.busy();
      std::this_thread::sleep_for(k_nap);
    });
    helper.join();
  }
  // One thread worked at a time: all of the wall time is serial.
  const double elapsed = clock.elapsed();
  CHECK(clock.serial_seconds() >= elapsed);
  CHECK(elapsed >= k_nap_seconds);
}

TEST_CASE("steps are timed one after another, side steps apart", "[indexer][clock]") {
  RunClock clock;
  std::this_thread::sleep_for(k_nap);
  clock.end_step("first");
  clock.add_side_step("beside", 5.0);
  clock.end_step("second");
  REQUIRE(clock.phases().size() == 3);
  CHECK(clock.phases()[0].name == "first");
  CHECK(clock.phases()[0].seconds >= k_nap_seconds);
  CHECK(clock.phases()[0].in_sequence);
  CHECK(clock.phases()[1].name == "beside");
  CHECK_FALSE(clock.phases()[1].in_sequence);
  CHECK(clock.phases()[2].name == "second");
  CHECK(clock.phases()[0].seconds + clock.phases()[2].seconds <= clock.elapsed());
}

}  // namespace dateline

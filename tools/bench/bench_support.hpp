// What dateline's benchmarks (bench-search, bench-shards, bench-index,
// entity-recall) share: a stopwatch, latency statistics (median, p50, p99,
// mean), the timing loop over a list of queries, queries drawn from an
// index's headlines (--make-queries) or read from a file (--queries), and
// the option values they all take (--runs, --make-queries).
//
// Thread-safety: the functions keep no state; draw_queries reads the
// database it is given, which must not be used by another thread meanwhile
// (Xapian's rule for a Database object).
#pragma once

#include <xapian.h>

#include <boost/program_options.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/searcher.hpp"

namespace dateline::bench {

// Time since it was made (or restarted), on the steady clock.
class Stopwatch {
 public:
  Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
  void restart() { m_start = std::chrono::steady_clock::now(); }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  }
  double milliseconds() const { return seconds() * 1000; }

 private:
  std::chrono::steady_clock::time_point m_start;
};

// The median of `values`: the middle one, or the mean of the two middle
// ones when there are an even number; 0 when there are none.
// Costs a sort of the copy.
double median(std::vector<double> values);

// Latency of a set of timed calls, in milliseconds.
struct Latency {
  double p50 = 0;   // the sample at half the count (the upper median)
  double p99 = 0;   // the sample at 99% of the count, or the largest
  double mean = 0;  // all zero for no samples
};

// The statistics of `samples_ms`. Costs a sort of the copy.
Latency summarise(std::vector<double> samples_ms);

// Calls `run` once on every query as a warm-up (caches, lazily opened
// tables), then `runs` rounds over all of them, timing each call.
// Costs (runs + 1) x queries calls of `run`.
Latency time_queries(const std::vector<std::string>& queries, std::size_t runs,
                     const std::function<void(const std::string&)>& run);

// time_queries of searcher.search with `request`, its query replaced by
// each of `queries` in turn.
Latency time_searches(Searcher& searcher, const SearchRequest& request,
                      const std::vector<std::string>& queries, std::size_t runs);

// The words of a headline that make a query: runs of ASCII letters, lower-
// cased, of four letters or more ("U.S. oil-price talks" -> "price",
// "talks"). Shorter words are mostly stop words or abbreviations.
std::vector<std::string> headline_words(std::string_view headline);

// `count` two-word queries (two consecutive headline_words of a random
// article's headline), drawn from `db` by a generator seeded with `seed`:
// the same index and seed give the same queries. Articles with fewer than
// two such words are passed over; gives up after 50 x count draws, so it
// may return fewer (none for an empty index). Throws dateline::Error when
// an article's stored summary is not dateline's.
// REQUIRES: `db` is a dateline index.
std::vector<std::string> draw_queries(const Xapian::Database& db, std::size_t count,
                                      std::uint32_t seed);

// The non-empty lines of `path`, one query each. Throws dateline::Error
// naming the file when it cannot be read.
std::vector<std::string> read_queries(const std::filesystem::path& path);

// Writes `queries` to `path`, one a line. Throws dateline::Error naming
// the file when it cannot be written.
void write_queries(const std::filesystem::path& path, const std::vector<std::string>& queries);

// --runs N: timed rounds, a whole number from 1 to 1000, stored in `runs`.
boost::program_options::typed_value<std::string>* runs_value(std::size_t& runs,
                                                             std::size_t default_runs);

// --make-queries N: how many queries to draw, from 1 to 1,000,000, stored
// in `count`.
boost::program_options::typed_value<std::string>* make_queries_value(std::size_t& count,
                                                                     std::size_t default_count);

}  // namespace dateline::bench

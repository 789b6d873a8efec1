// bench-shards: query latency of dateline-search's library path over the
// same articles indexed as one database and as sets of shards, local (stub
// files of directories) or remote (stub files of xapian-tcpsrv servers,
// e.g. written by tools/serve-shards).
//
//   bench-shards [--make-queries N] [--runs R] [--timeout S] NAME=INDEX...
//
// The first INDEX is the baseline: queries (two consecutive headline words
// of four letters or more, drawn deterministically) come from it, and every
// other index's results are checked against it (the ids of each page must
// be the same). For each index it reports p50, p99 and mean latency of a
// collapsed top-10 without facets and of the default search (three exact
// facets and ten snippets), with the p50 ratio to the baseline. Not a test:
// run it on a quiet machine.
#include <xapian.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "searcher/searcher.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Latency {
  double p50 = 0;
  double p99 = 0;
  double mean = 0;
};

Latency summarise(std::vector<double> ms) {
  Latency s;
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  s.p50 = ms[ms.size() / 2];
  s.p99 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.99))];
  s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
  return s;
}

// One warm-up round over the queries, then `runs` timed rounds.
Latency time_queries(const std::vector<std::string>& queries, int runs,
                     const std::function<void(const std::string&)>& run) {
  for (const std::string& q : queries) run(q);
  std::vector<double> ms;
  for (int r = 0; r < runs; ++r) {
    for (const std::string& q : queries) {
      const auto start = Clock::now();
      run(q);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
  }
  return summarise(std::move(ms));
}

// Two consecutive words of a random article's headline, n times.
std::vector<std::string> draw_queries(const Xapian::Database& db, std::size_t n) {
  std::mt19937 rng(7);
  std::vector<std::string> queries;
  const Xapian::docid last = db.get_lastdocid();
  for (std::size_t attempt = 0; queries.size() < n && attempt < n * 50; ++attempt) {
    const Xapian::docid id = 1 + static_cast<Xapian::docid>(rng() % last);
    std::string title;
    try {
      title = dateline::schema::decode_summary(
                  db.get_document(id).get_value(dateline::schema::k_slot_summary))
                  .title;
    } catch (const Xapian::DocNotFoundError&) {
      continue;
    }
    std::vector<std::string> words(1);
    for (char c : title + " ") {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!words.back().empty()) {
        if (words.back().size() < 4)
          words.back().clear();
        else
          words.emplace_back();
      }
    }
    words.pop_back();
    if (words.size() < 2) continue;
    const std::size_t i = rng() % (words.size() - 1);
    queries.push_back(words[i] + " " + words[i + 1]);
  }
  return queries;
}

std::vector<std::string> page_ids(const dateline::SearchResult& result) {
  std::vector<std::string> ids;
  for (const dateline::SearchHit& hit : result.hits) ids.push_back(hit.id);
  return ids;
}

struct Target {
  std::string name;
  std::string index;
};

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::vector<std::string> specs;
  std::size_t query_count = 200;
  int runs = 3;
  double timeout = 10;
  po::options_description options(
      "Usage: bench-shards [--make-queries N] [--runs R] [--timeout S] NAME=INDEX...");
  options.add_options()("help,h", "show this help")  //
      ("make-queries", po::value(&query_count)->default_value(200),
       "two-word queries drawn from the first index's headlines")                    //
      ("runs", po::value(&runs)->default_value(3), "timed rounds over the queries")  //
      ("timeout", po::value(&timeout)->default_value(10), "remote shard timeout, seconds");
  po::options_description hidden;
  hidden.add_options()("target", po::value(&specs)->composing());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("target", -1);
  std::vector<Target> targets;
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << options;
      return 0;
    }
    po::notify(vm);
    for (const std::string& spec : specs) {
      const std::size_t eq = spec.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
        throw po::error("'" + spec + "' is not NAME=INDEX");
      }
      targets.push_back({spec.substr(0, eq), spec.substr(eq + 1)});
    }
    if (targets.empty()) throw po::error("no NAME=INDEX given");
    if (runs < 1 || query_count < 1 || timeout <= 0)
      throw po::error("bad --runs, --make-queries or --timeout");
  } catch (const po::error& e) {
    std::cerr << "bench-shards: " << e.what() << "\n" << options;
    return 2;
  }
  try {
    std::vector<std::string> queries;
    std::vector<std::vector<std::string>> baseline_pages;
    Latency baseline_top10;
    Latency baseline_full;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      dateline::IndexSource source;
      source.databases.push_back(targets[t].index);
      source.timeout = std::chrono::milliseconds(static_cast<long long>(timeout * 1000));
      dateline::Searcher searcher(source);
      if (t == 0) {
        queries = draw_queries(searcher.database(), query_count);
        if (queries.empty()) throw std::runtime_error("no queries could be drawn");
        std::printf("bench-shards: %zu queries x %d runs on %u articles\n", queries.size(), runs,
                    searcher.database().get_doccount());
      }
      // The same answers, or the comparison means nothing.
      std::size_t differing = 0;
      dateline::SearchRequest full;  // three exact facets, ten snippets
      for (std::size_t i = 0; i < queries.size(); ++i) {
        full.query = queries[i];
        const std::vector<std::string> ids = page_ids(searcher.search(full));
        if (t == 0) {
          baseline_pages.push_back(ids);
        } else if (ids != baseline_pages[i]) {
          ++differing;
        }
      }
      dateline::SearchRequest top10;
      top10.facets.clear();
      top10.snippet_bytes = 0;
      const Latency ranked = time_queries(queries, runs, [&](const std::string& q) {
        dateline::SearchRequest r = top10;
        r.query = q;
        searcher.search(r);
      });
      const Latency faceted = time_queries(queries, runs, [&](const std::string& q) {
        dateline::SearchRequest r = full;
        r.query = q;
        searcher.search(r);
      });
      if (t == 0) {
        baseline_top10 = ranked;
        baseline_full = faceted;
      }
      std::printf(
          "%-12s top-10 p50 %7.2f ms p99 %7.2f mean %7.2f (%4.2fx) | facets+snippets p50 %7.2f ms "
          "p99 %7.2f mean %7.2f (%4.2fx) | pages differing: %zu  [%s]\n",
          targets[t].name.c_str(), ranked.p50, ranked.p99, ranked.mean,
          ranked.p50 / baseline_top10.p50, faceted.p50, faceted.p99, faceted.mean,
          faceted.p50 / baseline_full.p50, differing, searcher.path().c_str());
      std::fflush(stdout);
    }
    return 0;
  } catch (const dateline::Error& e) {
    std::cerr << "bench-shards: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "bench-shards: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "bench-shards: " << e.what() << '\n';
  }
  return 1;
}

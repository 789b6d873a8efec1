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

#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "searcher/searcher.hpp"
#include "tools/bench/bench_support.hpp"

namespace {

using namespace dateline;
namespace po = boost::program_options;

// The seed the queries are drawn with: the same index, the same queries.
constexpr std::uint32_t k_query_seed = 7;

// One index to time, as NAME=INDEX names it.
struct Target {
  std::string name;
  std::string index;
};

struct BenchShardsCommandLine {
  cli::GeneralFlags general;
  std::vector<Target> targets;
  std::size_t query_count = 200;
  std::size_t runs = 3;
  double timeout_seconds = 10;
};

// "NAME=INDEX" -> {NAME, INDEX}; both must be non-empty.
Target parse_target(const std::string& spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    throw po::error("'" + spec + "' is not NAME=INDEX");
  }
  return {spec.substr(0, eq), spec.substr(eq + 1)};
}

po::options_description bench_shards_options(BenchShardsCommandLine& c) {
  po::options_description group("Benchmark");
  group.add_options()  //
      ("make-queries", bench::make_queries_value(c.query_count, c.query_count),
       "two-word queries drawn from the first index's headlines")                   //
      ("runs", bench::runs_value(c.runs, c.runs), "timed rounds over the queries")  //
      ("timeout", po::value(&c.timeout_seconds)->value_name("S")->default_value(c.timeout_seconds),
       "remote shard timeout, seconds");
  return cli::with_general_options(c.general, group);
}

BenchShardsCommandLine parse_bench_shards_command_line(const std::vector<std::string>& args) {
  BenchShardsCommandLine c;
  std::vector<std::string> specs;
  po::options_description options = bench_shards_options(c);
  options.add_options()("target", po::value(&specs)->composing());
  po::positional_options_description positional;
  positional.add("target", -1);
  cli::parse_arguments(args, options, positional);
  if (c.general.help_or_version()) return c;
  if (!(c.timeout_seconds > 0)) throw po::error("--timeout must be more than 0 seconds");
  for (const std::string& spec : specs) c.targets.push_back(parse_target(spec));
  if (c.targets.empty()) throw po::error("no NAME=INDEX given");
  return c;
}

std::string bench_shards_usage() {
  BenchShardsCommandLine c;
  return cli::help_text(
      "Usage: bench-shards [--make-queries N] [--runs R] [--timeout S] NAME=INDEX...\n\n"
      "Query latency over one index and sets of shards of the same articles; the\n"
      "first INDEX is the baseline every other's pages of results are checked against.\n",
      bench_shards_options(c));
}

// What a run over one index measured.
struct TargetLatency {
  bench::Latency top10;    // collapsed top 10, no facets or snippets
  bench::Latency faceted;  // the default: three exact facets, ten snippets
};

// The ids of each query's first page of results (the default search).
std::vector<std::vector<std::string>> result_pages(Searcher& searcher,
                                                   const std::vector<std::string>& queries) {
  std::vector<std::vector<std::string>> pages;
  SearchRequest full;
  for (const std::string& query : queries) {
    full.query = query;
    std::vector<std::string>& ids = pages.emplace_back();
    for (const SearchHit& hit : searcher.search(full).hits) ids.push_back(hit.id);
  }
  return pages;
}

TargetLatency time_target(Searcher& searcher, const std::vector<std::string>& queries,
                          std::size_t runs) {
  SearchRequest top10;
  top10.facets.clear();
  top10.snippet_bytes = 0;
  return {bench::time_searches(searcher, top10, queries, runs),
          bench::time_searches(searcher, SearchRequest(), queries, runs)};
}

void print_row(const std::string& name, const TargetLatency& latency, const TargetLatency& baseline,
               std::size_t differing, const std::string& path) {
  std::printf(
      "%-12s top-10 p50 %7.2f ms p99 %7.2f mean %7.2f (%4.2fx) | facets+snippets p50 %7.2f ms "
      "p99 %7.2f mean %7.2f (%4.2fx) | pages differing: %zu  [%s]\n",
      name.c_str(), latency.top10.p50, latency.top10.p99, latency.top10.mean,
      latency.top10.p50 / baseline.top10.p50, latency.faceted.p50, latency.faceted.p99,
      latency.faceted.mean, latency.faceted.p50 / baseline.faceted.p50, differing, path.c_str());
  std::fflush(stdout);
}

int run_bench_shards(const BenchShardsCommandLine& c) {
  std::vector<std::string> queries;
  std::vector<std::vector<std::string>> baseline_pages;
  TargetLatency baseline;
  for (std::size_t t = 0; t < c.targets.size(); ++t) {
    IndexSource source;
    source.databases.push_back(c.targets[t].index);
    source.timeout = std::chrono::milliseconds(static_cast<long long>(c.timeout_seconds * 1000));
    Searcher searcher(source);
    if (t == 0) {
      queries = bench::draw_queries(searcher.database(), c.query_count, k_query_seed);
      if (queries.empty()) throw Error("no queries could be drawn");
      std::printf("bench-shards: %zu queries x %zu runs on %u articles\n", queries.size(), c.runs,
                  searcher.database().get_doccount());
    }
    // The same answers, or the comparison means nothing.
    const std::vector<std::vector<std::string>> pages = result_pages(searcher, queries);
    if (t == 0) baseline_pages = pages;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < pages.size(); ++i) differing += pages[i] != baseline_pages[i];
    const TargetLatency latency = time_target(searcher, queries, c.runs);
    if (t == 0) baseline = latency;
    print_row(c.targets[t].name, latency, baseline, differing, searcher.path());
  }
  return cli::k_exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_main<BenchShardsCommandLine>(
      {"bench-shards", parse_bench_shards_command_line, bench_shards_usage, run_bench_shards}, argc,
      argv);
}

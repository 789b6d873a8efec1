// bench-search: query latency of dateline-search's library path, side by
// side in one run with a plain Xapian top-10 loop on the same index (the
// floor) and SQLite FTS5 (bm25, porter tokenizer) over the same articles.
//
//   bench-search --db INDEX [--queries FILE | --make-queries N [--save-queries FILE]]
//                [--runs R]
//
// With --make-queries, N two-word queries are drawn deterministically from
// the index's headlines (words of four letters or more); --save-queries
// writes them to FILE, one per line, and exits (for timing them another
// way, e.g. through dateline-search's batch mode). Reports p50, p99 and mean per system and the
// ratios the bars are stated in. Not a test: run it on a quiet machine.
#include <sqlite3.h>
#include <xapian.h>

#include <boost/program_options.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "searcher/searcher.hpp"
#include "tools/bench/bench_support.hpp"

namespace {

using namespace dateline;
using bench::Latency;
namespace po = boost::program_options;

// The seed the queries are drawn with: the same index, the same queries.
constexpr std::uint32_t k_query_seed = 20261125;

struct BenchSearchCommandLine {
  cli::GeneralFlags general;
  std::string db_path;
  std::string queries_path;
  std::string save_path;
  std::size_t make = 300;
  std::size_t runs = 3;
};

po::options_description bench_search_options(BenchSearchCommandLine& c) {
  po::options_description group("Benchmark");
  group.add_options()                                                                    //
      ("db", po::value(&c.db_path)->value_name("INDEX"), "a dateline index")             //
      ("queries", po::value(&c.queries_path)->value_name("FILE"), "one query per line")  //
      ("make-queries", bench::make_queries_value(c.make, c.make),
       "draw N two-word queries from the headlines")  //
      ("save-queries", po::value(&c.save_path)->value_name("FILE"),
       "write the queries to FILE and exit")  //
      ("runs", bench::runs_value(c.runs, c.runs), "timed rounds over the queries");
  return cli::with_general_options(c.general, group);
}

BenchSearchCommandLine parse_bench_search_command_line(const std::vector<std::string>& args) {
  BenchSearchCommandLine c;
  cli::parse_arguments(args, bench_search_options(c));
  if (!c.general.help_or_version() && c.db_path.empty()) {
    throw po::required_option("--db");
  }
  return c;
}

std::string bench_search_usage() {
  BenchSearchCommandLine c;
  return cli::help_text(
      "Usage: bench-search --db INDEX [--queries FILE | --make-queries N [--save-queries FILE]]\n"
      "                    [--runs R]\n\n"
      "Query latency of dateline beside a plain Xapian loop and SQLite FTS5.\n",
      bench_search_options(c));
}

// (floor) plain Xapian: parse, BM25 top 10 and each hit's stored summary
// (what a result line shows), no facets, no snippets.
Latency time_plain_xapian(const Xapian::Database& db, const std::vector<std::string>& queries,
                          std::size_t runs) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.set_default_op(Xapian::Query::OP_AND);
  return bench::time_queries(queries, runs, [&](const std::string& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query(query));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      (void)it.get_document().get_value(schema::k_slot_summary);
    }
  });
}

// dateline's latencies, from plain ranking to the default search.
struct DatelineLatency {
  Latency plain;       // top 10, no collapsing, facets, snippets or suggestions
  Latency collapsed;   // the same, near-duplicates collapsed
  Latency suggesting;  // what `dateline-search --no-facets` does
  Latency faceted;     // the default: k_default_facets, exact; ten snippets; suggestions
};

DatelineLatency time_dateline(Searcher& searcher, const std::vector<std::string>& queries,
                              std::size_t runs) {
  DatelineLatency latency;
  // Plain top-10 ranking: no facets, snippets or spelling suggestions,
  // like the floor; with and without near-duplicate collapsing.
  SearchRequest ranking;
  ranking.facets.clear();
  ranking.snippet_bytes = 0;
  ranking.suggest = false;
  latency.collapsed = bench::time_searches(searcher, ranking, queries, runs);
  ranking.collapse = false;
  latency.plain = bench::time_searches(searcher, ranking, queries, runs);
  // Collapsed, suggestions on (a query with few matches and a rare word is
  // spell-checked).
  SearchRequest no_facets;
  no_facets.facets.clear();
  no_facets.snippet_bytes = 0;
  latency.suggesting = bench::time_searches(searcher, no_facets, queries, runs);
  latency.faceted = bench::time_searches(searcher, SearchRequest(), queries, runs);
  return latency;
}

// SQLite's calls return a code; anything but success ends the benchmark.
void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw Error(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db));
  }
}

struct CloseSqlite {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, CloseSqlite>;

struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  check(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), db, "prepare");
  return Statement(statement);
}

// An in-memory FTS5 table holding the index's articles (title, body).
SqliteHandle build_fts(const Xapian::Database& db) {
  sqlite3* opened = nullptr;
  const int rc = sqlite3_open(":memory:", &opened);
  SqliteHandle fts(opened);
  check(rc, fts.get(), "open");
  check(sqlite3_exec(fts.get(), "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter')",
                     nullptr, nullptr, nullptr),
        fts.get(), "create");
  check(sqlite3_exec(fts.get(), "BEGIN", nullptr, nullptr, nullptr), fts.get(), "begin");
  const Statement insert = prepare(fts.get(), "INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)");
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const schema::StoredArticle stored = schema::load_article(db.get_document(*it));
    sqlite3_bind_int64(insert.get(), 1, *it);
    sqlite3_bind_text(insert.get(), 2, stored.title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert.get(), 3, stored.body.c_str(), -1, SQLITE_TRANSIENT);
    check(sqlite3_step(insert.get()), fts.get(), "insert");
    sqlite3_reset(insert.get());
  }
  check(sqlite3_exec(fts.get(), "COMMIT", nullptr, nullptr, nullptr), fts.get(), "commit");
  return fts;
}

// The query's words, each quoted, so that FTS5 reads none as an operator.
std::string fts_query(const std::string& query) {
  std::string match;
  for (const std::string& word : bench::headline_words(query)) match += "\"" + word + "\" ";
  return match;
}

// The peer: FTS5's bm25 top 10 and each hit's title, as a result line shows.
Latency time_fts5(const Xapian::Database& db, const std::vector<std::string>& queries,
                  std::size_t runs) {
  std::printf("building the FTS5 table...\n");
  const SqliteHandle fts = build_fts(db);
  const Statement select = prepare(
      fts.get(), "SELECT rowid, title, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10");
  return bench::time_queries(queries, runs, [&](const std::string& query) {
    const std::string match = fts_query(query);
    sqlite3_bind_text(select.get(), 1, match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(select.get()) == SQLITE_ROW) {
      (void)sqlite3_column_text(select.get(), 1);
    }
    sqlite3_reset(select.get());
  });
}

void print_row(const char* name, const Latency& s, const Latency& floor) {
  std::printf("%-34s p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms  p50/floor %5.2fx\n", name, s.p50,
              s.p99, s.mean, floor.p50 > 0 ? s.p50 / floor.p50 : 0.0);
}

void print_report(const Latency& floor, const DatelineLatency& dateline, const Latency& fts5) {
  print_row("xapian plain top-10 (floor)", floor, floor);
  print_row("dateline top-10, no collapse", dateline.plain, floor);
  print_row("dateline top-10, collapsed", dateline.collapsed, floor);
  print_row("dateline top-10 + suggestions", dateline.suggesting, floor);
  print_row("dateline default facets + snippets", dateline.faceted, floor);
  print_row("sqlite fts5 bm25 top-10", fts5, floor);
  std::printf(
      "ratios: dateline top-10 / floor = %.2f (collapsed %.2f); dateline top-10 / fts5 p50 = "
      "%.2f (collapsed %.2f); faceted / fts5 p50 = %.2f\n",
      dateline.plain.p50 / floor.p50, dateline.collapsed.p50 / floor.p50,
      dateline.plain.p50 / fts5.p50, dateline.collapsed.p50 / fts5.p50,
      dateline.faceted.p50 / fts5.p50);
}

int run_bench_search(const BenchSearchCommandLine& c) {
  Searcher searcher(c.db_path);
  const Xapian::Database& db = searcher.database();
  const std::vector<std::string> queries = c.queries_path.empty()
                                               ? bench::draw_queries(db, c.make, k_query_seed)
                                               : bench::read_queries(c.queries_path);
  if (!c.save_path.empty()) {
    bench::write_queries(c.save_path, queries);
    return cli::k_exit_ok;
  }
  if (queries.empty()) throw Error("no queries");
  std::printf("bench-search: %zu queries x %zu runs on %u articles (%s)\n", queries.size(), c.runs,
              db.get_doccount(), c.db_path.c_str());
  const Latency floor = time_plain_xapian(db, queries, c.runs);
  const DatelineLatency dateline = time_dateline(searcher, queries, c.runs);
  const Latency fts5 = time_fts5(db, queries, c.runs);
  print_report(floor, dateline, fts5);
  return cli::k_exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_main<BenchSearchCommandLine>(
      {"bench-search", parse_bench_search_command_line, bench_search_usage, run_bench_search}, argc,
      argv);
}

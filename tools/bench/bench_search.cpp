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

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/searcher.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
  double p50 = 0;
  double p99 = 0;
  double mean = 0;
};

Stats summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Stats s;
  if (ms.empty()) return s;
  s.p50 = ms[ms.size() / 2];
  s.p99 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.99))];
  s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
  return s;
}

// Times `run` on every query, `runs` rounds, after one warm-up round.
Stats time_queries(const std::vector<std::string>& queries, int runs,
                   const std::function<void(const std::string&)>& run) {
  for (const auto& q : queries) run(q);
  std::vector<double> ms;
  for (int r = 0; r < runs; ++r) {
    for (const auto& q : queries) {
      const auto start = Clock::now();
      run(q);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
  }
  return summarise(std::move(ms));
}

std::vector<std::string> words_of(const std::string& title) {
  std::vector<std::string> words;
  std::string word;
  for (char c : title + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 4) words.push_back(word);
      word.clear();
    }
  }
  return words;
}

std::vector<std::string> make_queries(const Xapian::Database& db, std::size_t n) {
  std::mt19937 rng(20261125);
  std::vector<std::string> queries;
  const Xapian::docid last = db.get_lastdocid();
  for (std::size_t attempts = 0; queries.size() < n && attempts < n * 50; ++attempts) {
    const Xapian::docid id = 1 + static_cast<Xapian::docid>(rng() % last);
    try {
      const auto stored = dateline::schema::decode_summary(
          db.get_document(id).get_value(dateline::schema::k_slot_summary));
      const auto words = words_of(stored.title);
      if (words.size() < 2) continue;
      const std::size_t i = rng() % (words.size() - 1);
      queries.push_back(words[i] + " " + words[i + 1]);
    } catch (const Xapian::DocNotFoundError&) {
    }
  }
  return queries;
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

// An in-memory FTS5 table holding the index's articles (title, body).
sqlite3* build_fts(const Xapian::Database& db) {
  sqlite3* fts = nullptr;
  check(sqlite3_open(":memory:", &fts), fts, "open");
  check(sqlite3_exec(fts, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter')",
                     nullptr, nullptr, nullptr),
        fts, "create");
  check(sqlite3_exec(fts, "BEGIN", nullptr, nullptr, nullptr), fts, "begin");
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(fts, "INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", -1, &insert,
                           nullptr),
        fts, "prepare");
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const auto stored = dateline::schema::load_article(db.get_document(*it));
    sqlite3_bind_int64(insert, 1, *it);
    sqlite3_bind_text(insert, 2, stored.title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, stored.body.c_str(), -1, SQLITE_TRANSIENT);
    check(sqlite3_step(insert), fts, "insert");
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  check(sqlite3_exec(fts, "COMMIT", nullptr, nullptr, nullptr), fts, "commit");
  return fts;
}

std::string fts_query(const std::string& query) {
  std::string out;
  for (const auto& word : words_of(query + " ")) out += "\"" + word + "\" ";
  return out;
}

void print_row(const char* name, const Stats& s, const Stats& floor) {
  std::printf("%-34s p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms  p50/floor %5.2fx\n", name, s.p50,
              s.p99, s.mean, floor.p50 > 0 ? s.p50 / floor.p50 : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string db_path;
  std::string queries_path;
  std::string save_path;
  std::size_t make = 0;
  int runs = 3;
  po::options_description options(
      "Usage: bench-search --db INDEX [--queries FILE | --make-queries N]");
  options.add_options()("help,h", "show this help")("db", po::value(&db_path)->required(),
                                                    "a dateline index")(
      "queries", po::value(&queries_path), "one query per line")(
      "make-queries", po::value(&make), "draw N two-word queries from the headlines")(
      "save-queries", po::value(&save_path), "write the drawn queries to FILE and exit")(
      "runs", po::value(&runs)->default_value(3), "timed rounds over the queries");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << options;
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "bench-search: " << e.what() << "\n" << options;
    return 2;
  }
  try {
    dateline::Searcher searcher(db_path);
    const Xapian::Database& db = searcher.database();
    std::vector<std::string> queries;
    if (!queries_path.empty()) {
      std::ifstream in(queries_path);
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) queries.push_back(line);
      }
    } else {
      queries = make_queries(db, make > 0 ? make : 300);
      if (!save_path.empty()) {
        std::ofstream out(save_path);
        for (const std::string& query : queries) out << query << "\n";
        return out ? 0 : 1;
      }
    }
    if (queries.empty()) throw std::runtime_error("no queries");
    std::printf("bench-search: %zu queries x %d runs on %u articles (%s)\n", queries.size(), runs,
                db.get_doccount(), db_path.c_str());

    // (floor) plain Xapian: parse, BM25 top 10 and each hit's stored
    // summary (what a result line shows), no facets, no snippets.
    Xapian::QueryParser plain_parser;
    plain_parser.set_database(db);
    plain_parser.set_stemmer(Xapian::Stem("english"));
    plain_parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    plain_parser.set_default_op(Xapian::Query::OP_AND);
    const Stats floor = time_queries(queries, runs, [&](const std::string& q) {
      Xapian::Enquire enquire(db);
      enquire.set_query(plain_parser.parse_query(q));
      const Xapian::MSet mset = enquire.get_mset(0, 10);
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        (void)it.get_document().get_value(dateline::schema::k_slot_summary);
      }
    });

    auto time_request = [&](const dateline::SearchRequest& request) {
      return time_queries(queries, runs, [&](const std::string& q) {
        dateline::SearchRequest r = request;
        r.query = q;
        searcher.search(r);
      });
    };
    // Plain top-10 ranking: no facets, snippets or spelling suggestions,
    // like the floor; with and without near-duplicate collapsing.
    dateline::SearchRequest ranking;
    ranking.facets.clear();
    ranking.snippet_bytes = 0;
    ranking.suggest = false;
    const Stats collapsed = time_request(ranking);
    ranking.collapse = false;
    const Stats plain = time_request(ranking);
    // What `dateline-search --no-facets` does: collapsed, suggestions on
    // (a query with few matches and a rare word is spell-checked).
    dateline::SearchRequest no_facets;
    no_facets.facets.clear();
    no_facets.snippet_bytes = 0;
    const Stats suggesting = time_request(no_facets);
    // The default query: three exact facets, ten snippets, suggestions.
    const Stats faceted = time_request(dateline::SearchRequest());

    std::printf("building the FTS5 table...\n");
    sqlite3* fts = build_fts(db);
    sqlite3_stmt* select = nullptr;
    check(sqlite3_prepare_v2(
              fts, "SELECT rowid, title, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10",
              -1, &select, nullptr),
          fts, "prepare");
    const Stats fts5 = time_queries(queries, runs, [&](const std::string& q) {
      const std::string match = fts_query(q);
      sqlite3_bind_text(select, 1, match.c_str(), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(select) == SQLITE_ROW) {
        (void)sqlite3_column_text(select, 1);  // the title, as a result line shows
      }
      sqlite3_reset(select);
    });
    sqlite3_finalize(select);
    sqlite3_close(fts);

    print_row("xapian plain top-10 (floor)", floor, floor);
    print_row("dateline top-10, no collapse", plain, floor);
    print_row("dateline top-10, collapsed", collapsed, floor);
    print_row("dateline top-10 + suggestions", suggesting, floor);
    print_row("dateline 3 exact facets + snippets", faceted, floor);
    print_row("sqlite fts5 bm25 top-10", fts5, floor);
    std::printf(
        "ratios: dateline top-10 / floor = %.2f (collapsed %.2f); dateline top-10 / fts5 p50 = "
        "%.2f (collapsed %.2f); faceted / fts5 p50 = %.2f\n",
        plain.p50 / floor.p50, collapsed.p50 / floor.p50, plain.p50 / fts5.p50,
        collapsed.p50 / fts5.p50, faceted.p50 / fts5.p50);
    return 0;
  } catch (const dateline::Error& e) {
    std::cerr << "bench-search: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "bench-search: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "bench-search: " << e.what() << '\n';
  }
  return 1;
}

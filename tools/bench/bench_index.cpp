// bench-index: indexing speed and memory of dateline-index, side by side in
// one run with Omega's omindex and SQLite FTS5 (porter tokenizer) over the
// same articles.
//
//   bench-index --dateline BIN [--reuters DIR | --input DIR] [--jobs N] [--runs N]
//   bench-index --dateline BIN [--reuters DIR | --input DIR] --interrupt-at 0.5 [--runs N]
//
// With --reuters, the Reuters-21578 articles that have a body are first
// written out as one .txt file each (title and body, read with dateline's
// own SGML reader), so that all three indexers read exactly the same
// files. Each indexer runs as a child process; wall time, CPU time and peak
// RSS come from wait4(), index size from the files it wrote. With --runs N
// the five run N times in turn and each figure is the median of its N
// runs; a ratio is the median of the N rounds' ratios, so that a shared
// host's slow spell, which slows every indexer of a round, cancels out.
// Under dateline-index's figures come its own (--json): each step's wall
// time and the serial time, during which at most one thread worked.
// With --interrupt-at, only dateline-index runs: a clean build against a
// build interrupted partway and its re-run (what an interruption costs).
// Not a test: run it on a quiet machine.
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "common/gzip_stream.hpp"
#include "common/html_article.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"
#include "tools/bench/bench_support.hpp"

namespace {

using namespace dateline;
using bench::median;
namespace fs = std::filesystem;
namespace po = boost::program_options;

// One run of one indexer.
struct Measure {
  std::string name;
  bool ran = false;
  double wall = 0;
  double cpu = 0;
  long peak_rss_kb = 0;
  std::uintmax_t index_bytes = 0;
  // dateline-index's own account (--json): its steps' wall times in order
  // ("model": beside the others), and the time at most one thread worked.
  std::vector<std::pair<std::string, double>> phases;
  double serial = 0;
};

// The bytes of the file at `path`, or of all files below it.
std::uintmax_t tree_bytes(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  std::uintmax_t total = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// Reads every file below `dir`, so that it is in the page cache.
void warm_page_cache(const fs::path& dir) {
  std::vector<char> buffer(1 << 16);
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()))) {
    }
  }
}

// Starts argv as a child process with its stdout in `out` (/dev/null if
// empty); -1 when fork fails.
pid_t start_child(const std::vector<std::string>& argv, const fs::path& out) {
  std::fflush(stdout);  // or the child's copy of the buffer prints again
  const pid_t pid = fork();
  if (pid != 0) return pid;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  if (std::freopen(out.empty() ? "/dev/null" : out.c_str(), "w", stdout) == nullptr) _exit(126);
  execvp(args[0], args.data());
  _exit(127);
}

// Waits for the child `pid`; with `interrupt_after` > 0, sends it SIGINT
// once that many seconds of `stopwatch` have passed, if it still runs.
// Returns its wait status and its resource usage.
std::pair<int, rusage> wait_child(pid_t pid, const bench::Stopwatch& stopwatch,
                                  double interrupt_after) {
  int status = 0;
  rusage usage{};
  if (interrupt_after > 0) {
    while (stopwatch.seconds() < interrupt_after && wait4(pid, &status, WNOHANG, &usage) == 0) {
      usleep(2000);
    }
    if (wait4(pid, &status, WNOHANG, &usage) == 0) {
      kill(pid, SIGINT);
      wait4(pid, &status, 0, &usage);
    }
  } else {
    wait4(pid, &status, 0, &usage);
  }
  return {status, usage};
}

// Reads dateline-index's --json summary at `path` into `m`: its phases and
// serial time. A summary that is missing or unreadable leaves them empty.
void read_summary(const fs::path& path, Measure& m) {
  std::ifstream in(path);
  const nlohmann::json summary = nlohmann::json::parse(in, nullptr, false);
  if (summary.is_discarded() || !summary.is_object()) return;
  m.serial = summary.value("serial_seconds", 0.0);
  for (const nlohmann::json& phase : summary.value("phases", nlohmann::json::array())) {
    const std::string name = phase.value("phase", std::string());
    m.phases.emplace_back(phase.value("beside", false) ? name + " (beside)" : name,
                          phase.value("seconds", 0.0));
  }
}

// Runs argv as a child and measures it: wall and CPU time, peak RSS (from
// wait4), and the size of what it wrote at `output`. With `summary`
// non-empty, the child is dateline-index with --json, whose stdout goes
// there and is read back (read_summary). With
// `interrupt_after` > 0, the child gets SIGINT that many seconds after it
// starts (if it is still running), as a user's Ctrl-C, and counts as run if
// it exits with 130 (interrupted, work saved) or 0.
Measure run_child(const std::string& name, const std::vector<std::string>& argv,
                  const fs::path& output, const fs::path& corpus, double interrupt_after = 0,
                  const fs::path& summary = {}) {
  Measure m;
  m.name = name;
  // Each indexer starts alike: the articles in the page cache (omindex
  // drops the files it read from it: FTS5 run after it took 2.7 s instead of
  // 0.8), and nothing of the previous indexer's still to be written back.
  warm_page_cache(corpus);
  sync();
  const bench::Stopwatch stopwatch;
  const pid_t pid = start_child(argv, summary);
  if (pid < 0) return m;
  const auto [status, usage] = wait_child(pid, stopwatch, interrupt_after);
  m.wall = stopwatch.seconds();
  m.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  m.peak_rss_kb = usage.ru_maxrss;
  m.ran = WIFEXITED(status) &&
          (WEXITSTATUS(status) == 0 || (interrupt_after > 0 && WEXITSTATUS(status) == 130));
  m.index_bytes = tree_bytes(output);
  if (!summary.empty()) read_summary(summary, m);
  if (!m.ran) std::fprintf(stderr, "bench-index: %s failed (status %d)\n", name.c_str(), status);
  return m;
}

// Writes each article with a body as DIR/N.txt; returns how many, and
// their total text size in bytes.
std::pair<std::size_t, std::uintmax_t> export_reuters(const fs::path& reuters,
                                                      const fs::path& dir) {
  fs::create_directories(dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(reuters)) {
    if (entry.path().extension() == ".sgm") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t count = 0;
  std::uintmax_t bytes = 0;
  for (const auto& file : files) {
    dateline::ReaderContext context;
    context.source_path = file.string();
    for (const auto& article : dateline::read_file(file, context).articles) {
      if (article.paragraphs.empty()) continue;
      const std::string body = article.body_text();
      std::ofstream out(dir / (std::to_string(++count) + ".txt"));
      if (article.date) out << "Date: " << article.date->iso() << "\n\n";
      out << article.title << "\n\n" << body << "\n";
      bytes += article.title.size() + body.size();
    }
  }
  return {count, bytes};
}

// One .txt file's title and body, split as the FTS5 peer and the Xapian
// loop split them: an optional "Date:" header, the title line, the rest.
std::pair<std::string, std::string> title_and_body(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t start = text.rfind("Date: ", 0) == 0 ? text.find("\n\n") + 2 : 0;
  const std::size_t end = std::min(text.find('\n', start), text.size());
  return {text.substr(start, end - start), text.substr(end)};
}

// The FTS5 peer, run in a child process of this program: one table
// (title, body) loaded from the .txt files in one transaction.
int load_fts5(const fs::path& input, const fs::path& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter')", nullptr,
                   nullptr, nullptr) != SQLITE_OK) {
    return 1;
  }
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(title, body) VALUES (?, ?)", -1, &insert, nullptr);
  for (const auto& entry : fs::recursive_directory_iterator(input)) {
    if (!entry.is_regular_file()) continue;
    const auto [title, body] = title_and_body(entry.path());
    sqlite3_bind_text(insert, 1, title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, body.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  const int rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 1;
}

// The plain Xapian peer, run in a child process of this program: what any
// Xapian application does at the least, on one thread. Xapian's default
// TermGenerator (English stemmer, STEM_SOME, positions), the title indexed
// with a prefix and as body text, the body stored as the document data, a
// commit every 500 documents (the batch size dateline uses). A Xapian
// error ends it through cli::run_main, as any other.
int load_xapian(const fs::path& input, const fs::path& db_path) {
  Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator termgen;
  termgen.set_stemmer(Xapian::Stem("english"));
  std::size_t uncommitted = 0;
  for (const auto& entry : fs::recursive_directory_iterator(input)) {
    if (!entry.is_regular_file()) continue;
    const auto [title, body] = title_and_body(entry.path());
    Xapian::Document doc;
    termgen.set_document(doc);
    termgen.index_text(title, 1, "S");
    termgen.index_text(title);
    termgen.increase_termpos();
    termgen.index_text(body);
    doc.set_data(body);
    doc.add_boolean_term("Q" + entry.path().filename().string());
    db.add_document(doc);
    if (++uncommitted == 500) {
      db.commit();
      uncommitted = 0;
    }
  }
  db.commit();
  return cli::k_exit_ok;
}

// dateline-index's steps over its runs, each the median of its wall times,
// in the order of the first run, and the serial time (at most one thread
// working). Prints nothing for a peer, which reports no steps.
void print_phases(const std::vector<Measure>& runs) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<double>> seconds;
  std::vector<double> serial;
  for (const Measure& m : runs) {
    if (!m.ran || m.phases.empty()) continue;
    serial.push_back(m.serial);
    for (const auto& [name, s] : m.phases) {
      std::vector<double>& times = seconds[name];
      if (times.empty()) order.push_back(name);  // first seen
      times.push_back(s);
    }
  }
  if (serial.empty()) return;
  std::printf("%-22s serial %.2f s;", "", median(serial));
  for (const std::string& name : order)
    std::printf(" %s %.2f", name.c_str(), median(seconds[name]));
  std::printf("\n");
}

// One indexer's runs, one per round: its medians, and its ratios to
// omindex and FTS5 of the same round.
void print(const std::vector<Measure>& runs, const std::vector<Measure>& omindex,
           const std::vector<Measure>& fts5, std::uintmax_t text_bytes, std::size_t articles) {
  std::vector<double> wall, cpu, rss, index, to_omindex, to_fts5;
  for (std::size_t round = 0; round < runs.size(); ++round) {
    const Measure& m = runs[round];
    if (!m.ran) continue;
    wall.push_back(m.wall);
    cpu.push_back(m.cpu);
    rss.push_back(static_cast<double>(m.peak_rss_kb) / 1024);
    index.push_back(static_cast<double>(m.index_bytes) / 1e6);
    if (omindex[round].ran) to_omindex.push_back(m.wall / omindex[round].wall);
    if (fts5[round].ran) to_fts5.push_back(m.wall / fts5[round].wall);
  }
  if (wall.empty()) {
    std::printf("%-22s (did not run)\n", runs.front().name.c_str());
    return;
  }
  const double w = median(wall);
  std::printf(
      "%-22s wall %7.2f s  cpu %7.2f s  %8.0f art/s  %6.2f MB/s  peak RSS %6.1f MB  index %7.1f MB",
      runs.front().name.c_str(), w, median(cpu), static_cast<double>(articles) / w,
      static_cast<double>(text_bytes) / 1e6 / w, median(rss), median(index));
  if (!to_omindex.empty()) std::printf("  wall/omindex %.2fx", median(to_omindex));
  if (!to_fts5.empty()) std::printf("  wall/fts5 %.2fx", median(to_fts5));
  std::printf("\n");
  if (runs.size() > 1) {
    std::printf("%-22s walls", "");
    for (double x : wall) std::printf(" %.2f", x);
    if (!to_omindex.empty()) {
      std::printf("  /omindex");
      for (double x : to_omindex) std::printf(" %.2f", x);
    }
    std::printf("\n");
  }
  print_phases(runs);
}

// The cost of an interruption: per round, a clean build, then a build
// interrupted (SIGINT) at `fraction` of that round's clean wall time and
// its re-run, which resumes it. Prints medians, and the re-run's wall time
// and the interrupted run's plus the re-run's as ratios to the clean
// build's (a re-run that redid everything would be 1.0x and 1.5x).
int measure_resume(const std::string& dateline_bin, const std::string& jobs, const fs::path& corpus,
                   const fs::path& scratch, std::size_t runs, double fraction) {
  std::vector<double> clean, interrupted, rerun, rerun_ratio, total_ratio;
  const fs::path db = scratch / "dateline";
  const std::vector<std::string> argv = {dateline_bin, "--quiet",   "--jobs",       jobs,
                                         "--db",       db.string(), corpus.string()};
  for (std::size_t round = 0; round < runs; ++round) {
    fs::remove_all(db);
    const Measure full = run_child("clean build", argv, db, corpus);
    fs::remove_all(db);
    const Measure cut = run_child("interrupted", argv, db, corpus, fraction * full.wall);
    const Measure rest = run_child("re-run", argv, db, corpus);
    if (!full.ran || !cut.ran || !rest.ran) return 1;
    clean.push_back(full.wall);
    interrupted.push_back(cut.wall);
    rerun.push_back(rest.wall);
    rerun_ratio.push_back(rest.wall / full.wall);
    total_ratio.push_back((cut.wall + rest.wall) / full.wall);
    std::printf("round %zu: clean %.2f s, interrupted at %.2f s, re-run %.2f s\n", round + 1,
                full.wall, cut.wall, rest.wall);
  }
  std::printf(
      "resume: clean build %.2f s, interrupted at %.0f%% (%.2f s), re-run %.2f s (medians of "
      "%zu)\n  re-run / clean %.2fx, interrupted + re-run / clean %.2fx\n",
      median(clean), fraction * 100, median(interrupted), median(rerun), runs, median(rerun_ratio),
      median(total_ratio));
  fs::remove_all(db);
  return 0;
}

// A WARC response record holding `page` as a server sends it.
std::string warc_response(const std::string& uri, std::string_view page) {
  const std::string http =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
      "Content-Length: " +
      std::to_string(page.size()) + "\r\n\r\n";
  return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
         "WARC-Target-URI: " +
         uri +
         "\r\nContent-Type: application/http; msgtype=response\r\n"
         "Content-Length: " +
         std::to_string(http.size() + page.size()) + "\r\n\r\n" + http + std::string(page) +
         "\r\n\r\n";
}

// The same web pages in each form dateline reads them: saved pages
// (`html/`), the articles extract_html_article finds in them as .txt
// (`txt/`: date header, headline, paragraphs), one WARC (`warc/`) and one
// .warc.gz (`warcgz/`). Pages without article text are left out of all;
// each page is written `repeat` times (distinct names and URIs).
struct PageForms {
  std::size_t pages = 0;
  std::uintmax_t html_bytes = 0;
};

PageForms write_page_forms(const fs::path& pages_dir, std::size_t repeat, const fs::path& scratch) {
  for (const char* form : {"html", "txt", "warc", "warcgz"}) fs::create_directories(scratch / form);
  std::ofstream warc(scratch / "warc" / "pages.warc", std::ios::binary);
  std::ofstream warcgz(scratch / "warcgz" / "pages.warc.gz", std::ios::binary);
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(pages_dir)) {
    const std::string ext = entry.path().extension().string();
    // The reader-view cases' expected output is not a page of the set.
    if (entry.is_regular_file() && (ext == ".html" || ext == ".htm") &&
        entry.path().filename() != "expected.html") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  PageForms forms;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string page{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const HtmlArticle article = extract_html_article(decode_utf8(page).text);
    if (article.body.empty()) continue;
    std::string text;
    if (article.published_date) text += "Date: " + article.published_date->iso() + "\n\n";
    text += (article.headline.empty() ? "Untitled page" : article.headline) + "\n\n" +
            article.body + "\n";
    for (std::size_t copy = 0; copy < repeat; ++copy) {
      const std::string name = std::to_string(forms.pages) + "-" + std::to_string(copy);
      std::ofstream(scratch / "html" / (name + ".html"), std::ios::binary) << page;
      std::ofstream(scratch / "txt" / (name + ".txt"), std::ios::binary) << text;
      const std::string record = warc_response("https://bench.example/" + name, page);
      warc << record;
      warcgz << gzip_member(record);
      forms.html_bytes += page.size();
    }
    ++forms.pages;
  }
  return forms;
}

// --pages: dateline alone on the same pages in every form, alternating
// forms within each round; medians and each form's ratio to .txt.
int measure_page_forms(const std::string& dateline_bin, const std::string& jobs,
                       const fs::path& pages_dir, std::size_t repeat, const fs::path& scratch,
                       std::size_t runs) {
  const PageForms forms = write_page_forms(pages_dir, repeat, scratch);
  std::printf("bench-index: %zu pages with article text x %zu, %.1f MB of HTML\n", forms.pages,
              repeat, static_cast<double>(forms.html_bytes) / 1e6);
  const std::vector<std::string> names = {"txt", "html", "warc", "warcgz"};
  std::map<std::string, std::vector<double>> wall, ratio;
  std::map<std::string, std::vector<double>> rss_mb;
  for (std::size_t round = 0; round < runs; ++round) {
    std::map<std::string, double> this_round;
    for (std::size_t i = 0; i < names.size(); ++i) {
      // Each round starts at another form, so no form always runs first.
      const std::string& name = names[(i + round) % names.size()];
      const fs::path db = scratch / ("db-" + name);
      fs::remove_all(db);
      const Measure m = run_child(
          name,
          {dateline_bin, "--quiet", "--jobs", jobs, "--db", db.string(), (scratch / name).string()},
          db, scratch / name);
      if (!m.ran) return cli::k_exit_error;
      this_round[name] = m.wall;
      wall[name].push_back(m.wall);
      rss_mb[name].push_back(static_cast<double>(m.peak_rss_kb) / 1024);
    }
    for (const std::string& name : names)
      ratio[name].push_back(this_round[name] / this_round["txt"]);
  }
  std::printf("%-8s %10s %12s %14s %10s\n", "form", "wall s", "MB HTML/s", "peak RSS MB", "/ txt");
  for (const std::string& name : names) {
    std::printf("%-8s %10.2f %12.1f %14.0f %9.2fx\n", name.c_str(), median(wall[name]),
                static_cast<double>(forms.html_bytes) / 1e6 / median(wall[name]),
                median(rss_mb[name]), median(ratio[name]));
  }
  std::printf("(medians of %zu rounds; MB HTML/s is the HTML's size over each form's time)\n",
              runs);
  return cli::k_exit_ok;
}

struct BenchIndexCommandLine {
  cli::GeneralFlags general;
  std::string dateline_bin;
  std::string reuters;
  std::string input;
  std::string pages;
  std::size_t repeat = 1;
  std::string work = (fs::temp_directory_path() / "dateline-bench-index").string();
  std::string jobs = "0";
  std::size_t runs = 1;
  double interrupt_at = 0;
  // The peers' loads, run by this program in a child process of its own.
  std::string fts5_load;
  std::string fts5_db;
  std::string xapian_load;
  std::string xapian_db;
};

po::options_description bench_index_options(BenchIndexCommandLine& c) {
  po::options_description group("Benchmark");
  group.add_options()                                                                           //
      ("dateline", po::value(&c.dateline_bin)->value_name("BIN"), "the dateline-index binary")  //
      ("reuters", po::value(&c.reuters)->value_name("DIR"),
       "Reuters-21578 directory (exported to .txt first)")                               //
      ("input", po::value(&c.input)->value_name("DIR"), "a directory of .txt articles")  //
      ("pages", po::value(&c.pages)->value_name("DIR"),
       "instead: dateline alone on the web pages below DIR (.html), as saved pages, as the "
       ".txt of their articles, in a .warc and in a .warc.gz")  //
      ("repeat", po::value(&c.repeat)->value_name("K")->default_value(c.repeat),
       "with --pages: each page K times, for a larger archive")  //
      ("work", po::value(&c.work)->value_name("DIR")->default_value(c.work),
       "scratch directory (emptied)")  //
      ("jobs", po::value(&c.jobs)->value_name("N")->default_value(c.jobs),
       "dateline-index --jobs")                                                            //
      ("runs", bench::runs_value(c.runs, c.runs), "rounds of all five, medians reported")  //
      ("interrupt-at", po::value(&c.interrupt_at)->value_name("FRACTION"),
       "instead: dateline alone, a clean build against one interrupted (SIGINT) at FRACTION "
       "of its time and re-run");
  po::options_description internal("Internal (the peers' child processes)");
  internal.add_options()                                                       //
      ("fts5-load", po::value(&c.fts5_load), "load DIR into --fts5-db")        //
      ("fts5-db", po::value(&c.fts5_db), "the FTS5 database")                  //
      ("xapian-load", po::value(&c.xapian_load), "load DIR into --xapian-db")  //
      ("xapian-db", po::value(&c.xapian_db), "the plain Xapian database");
  po::options_description all = cli::with_general_options(c.general, group);
  all.add(internal);
  return all;
}

BenchIndexCommandLine parse_bench_index_command_line(const std::vector<std::string>& args) {
  BenchIndexCommandLine c;
  cli::parse_arguments(args, bench_index_options(c));
  if (c.general.help_or_version() || !c.fts5_load.empty() || !c.xapian_load.empty()) {
    return c;
  }
  if (c.dateline_bin.empty()) throw po::required_option("--dateline");
  if (!c.reuters.empty() + !c.input.empty() + !c.pages.empty() != 1) {
    throw po::error("give one of --reuters, --input and --pages");
  }
  if (c.repeat == 0) throw po::error("--repeat takes a whole number from 1");
  if (c.interrupt_at < 0 || c.interrupt_at >= 1) {
    throw po::error("--interrupt-at takes a fraction between 0 and 1");
  }
  return c;
}

std::string bench_index_usage() {
  BenchIndexCommandLine c;
  return cli::help_text(
      "Usage: bench-index --dateline BIN (--reuters DIR | --input DIR) [--jobs N] [--runs N]\n"
      "       bench-index --dateline BIN (--reuters DIR | --input DIR) --interrupt-at FRACTION\n"
      "       bench-index --dateline BIN --pages DIR [--repeat K] [--jobs N] [--runs N]\n\n"
      "Indexing speed and memory of dateline-index beside omindex, SQLite FTS5 and a\n"
      "plain Xapian loop over the same articles.\n",
      bench_index_options(c));
}

// The articles every indexer reads: where, how many, how much text.
struct Articles {
  fs::path dir;
  std::size_t count = 0;
  std::uintmax_t text_bytes = 0;
};

// --input as it is, or --reuters exported below `scratch`.
Articles prepare_articles(const BenchIndexCommandLine& c, const fs::path& scratch) {
  Articles articles;
  if (!c.reuters.empty()) {
    articles.dir = scratch / "articles";
    std::tie(articles.count, articles.text_bytes) = export_reuters(c.reuters, articles.dir);
    return articles;
  }
  articles.dir = c.input;
  for (const auto& entry : fs::recursive_directory_iterator(articles.dir)) {
    if (entry.is_regular_file()) {
      ++articles.count;
      articles.text_bytes += entry.file_size();
    }
  }
  return articles;
}

// Each indexer's run of each round.
struct Rounds {
  std::vector<Measure> dateline, dateline_plain, omindex, fts5, xapian;
};

// `runs` rounds of the five indexers, one after another.
Rounds measure_indexers(const BenchIndexCommandLine& c, const std::string& self,
                        const fs::path& corpus, const fs::path& scratch) {
  Rounds rounds;
  for (std::size_t round = 0; round < c.runs; ++round) {
    // Each indexer starts from nothing: the previous round's output goes.
    for (const char* name : {"dateline", "dateline-plain", "omega", "fts5.sqlite", "xapian"}) {
      fs::remove_all(scratch / name);
    }
    rounds.dateline.push_back(run_child("dateline-index",
                                        {c.dateline_bin, "--quiet", "--json", "--jobs", c.jobs,
                                         "--db", (scratch / "dateline").string(), corpus.string()},
                                        scratch / "dateline", corpus, 0, scratch / "summary.json"));
    rounds.dateline_plain.push_back(
        run_child("dateline --no-entities",
                  {c.dateline_bin, "--quiet", "--json", "--no-entities", "--jobs", c.jobs, "--db",
                   (scratch / "dateline-plain").string(), corpus.string()},
                  scratch / "dateline-plain", corpus, 0, scratch / "summary.json"));
    rounds.omindex.push_back(run_child(
        "omindex", {"omindex", "--db", (scratch / "omega").string(), "--url", "/", corpus.string()},
        scratch / "omega", corpus));
    rounds.fts5.push_back(run_child(
        "sqlite fts5",
        {self, "--fts5-load", corpus.string(), "--fts5-db", (scratch / "fts5.sqlite").string()},
        scratch / "fts5.sqlite", corpus));
    rounds.xapian.push_back(run_child(
        "plain xapian loop",
        {self, "--xapian-load", corpus.string(), "--xapian-db", (scratch / "xapian").string()},
        scratch / "xapian", corpus));
  }
  return rounds;
}

// The benchmark proper: the articles prepared in a scratch directory, the
// indexers run (or the interruption measured), the report printed.
int run_bench_index(const BenchIndexCommandLine& c, const std::string& self) {
  if (!c.fts5_load.empty()) return load_fts5(c.fts5_load, c.fts5_db);
  if (!c.xapian_load.empty()) return load_xapian(c.xapian_load, c.xapian_db);
  const fs::path scratch(c.work);
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  if (!c.pages.empty()) {
    const int status =
        measure_page_forms(c.dateline_bin, c.jobs, c.pages, c.repeat, scratch, c.runs);
    fs::remove_all(scratch);
    return status;
  }
  const Articles articles = prepare_articles(c, scratch);
  std::printf("bench-index: %zu articles, %.1f MB of text, in %s\n", articles.count,
              static_cast<double>(articles.text_bytes) / 1e6, articles.dir.c_str());
  if (c.interrupt_at > 0) {
    const int status =
        measure_resume(c.dateline_bin, c.jobs, articles.dir, scratch, c.runs, c.interrupt_at);
    fs::remove_all(scratch);
    return status;
  }
  const Rounds rounds = measure_indexers(c, self, articles.dir, scratch);
  if (c.runs > 1) std::printf("bench-index: medians of %zu rounds\n", c.runs);
  for (const std::vector<Measure>* runs :
       {&rounds.dateline, &rounds.dateline_plain, &rounds.omindex, &rounds.xapian, &rounds.fts5}) {
    print(*runs, rounds.omindex, rounds.fts5, articles.text_bytes, articles.count);
  }
  const bool all_ran = std::all_of(rounds.dateline.begin(), rounds.dateline.end(),
                                   [](const Measure& m) { return m.ran; });
  fs::remove_all(scratch);
  return all_ran ? cli::k_exit_ok : cli::k_exit_error;
}

}  // namespace

int main(int argc, char** argv) {
  // The peers run as this very program, in child processes.
  const std::string self = argv[0];
  return cli::run_main<BenchIndexCommandLine>(
      {"bench-index", parse_bench_index_command_line, bench_index_usage,
       [&](const BenchIndexCommandLine& c) { return run_bench_index(c, self); }},
      argc, argv);
}

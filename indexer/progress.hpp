// What an indexing run has done so far, and how it is shown while it runs.
//
// Progress is the run's tally, shared by all its threads: files seen, read,
// skipped (by reason and extension) and unchanged, articles indexed, bytes
// read, the problems of single files (listed for --json, shown on the
// report stream), the --entities listing, and which of the files the run
// already held (in the index it updates, or in the interrupted build it
// resumes) it met, found unchanged or found changed. It fills the run's
// IndexSummary.
//
// ProgressDisplay draws a line of counts, rates and an ETA on the report
// stream while the run goes: redrawn in place on a terminal, logged every
// ten seconds otherwise (IndexParams::progress).
//
// Thread-safety: Progress's methods may be called from any thread; one
// mutex guards its state and the report stream, held for a counter's update
// or one line of output. The accessors that say "REQUIRES: the workers are
// done" read without it. A ProgressDisplay is made and finished by one
// thread; its own threads only read Progress.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/article.hpp"
#include "common/reader.hpp"
#include "indexer/indexer.hpp"

namespace dateline {

// Where a run found a file it had seen before: in the index it updates, or
// in the parts of an interrupted build it resumes.
enum class FileOrigin { index, resumed_build };

// Counters for the progress display, read together.
struct ProgressCounts {
  std::size_t files_done = 0;  // indexed, unchanged or skipped
  std::size_t articles = 0;
  std::uintmax_t bytes = 0;
  std::size_t problems = 0;  // bad entries and skipped files
};

class Progress {
 public:
  // REQUIRES: `params`, `report` and `listing` outlive the Progress.
  Progress(const IndexParams& params, std::ostream& report, std::ostream& listing)
      : m_params(params), m_report(report), m_listing(listing) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // The walk met a file (or an entry it could not visit).
  void file_seen();
  // A whole file skipped; `problem` says why. Every one is listed and
  // counted by reason (the reason up to " (" or ':') and by extension
  // (extension_label). Files of kinds no reader handles and documentation
  // are expected in an archive: they are not shown a line each.
  void skip_file(const ReadProblem& problem);
  // Something repaired in a file whose articles all count (invalid UTF-8
  // replaced): listed and shown, counted as nothing else.
  void note(const ReadProblem& problem);
  // A bad line or element inside a file whose other articles count.
  void bad_entry(const ReadProblem& problem);
  // A file was read and parsed: its replaced UTF-8 is counted, and it
  // counts as indexed when it gave articles.
  void file_read(const ReadResult& result);
  // The same for a file read as a stream, whose articles `result` does not
  // hold: `gave_articles` says whether it gave any.
  void file_read(const ReadResult& result, bool gave_articles);
  void bytes_read(std::uintmax_t bytes);
  // One article's entities are known: counted, and listed with
  // --entities (entities_json_line).
  void article_done(const Article& article);

  // The file with `term` is one the run already holds (whatever its state).
  void mark_seen(const std::string& term);
  // The file with `term` is as the index (or a resumed build) holds it:
  // counted as unchanged (or resumed) and remembered.
  void file_unchanged(const std::string& term, FileOrigin origin);
  // The file with `term`, which the index (or a resumed build) holds, has
  // changed or can no longer be read: its old articles go.
  void file_changed(const std::string& term);
  // The files marked seen, found unchanged and found changed, by their
  // terms. REQUIRES: the workers are done.
  const std::unordered_set<std::string>& seen_files() const { return m_seen; }
  const std::set<std::string>& unchanged_files() const { return m_unchanged; }
  const std::set<std::string>& changed_files() const { return m_changed; }

  ProgressCounts counts();
  // Draws `line` in place of the last progress line (a live line) or as a
  // line of its own (a log).
  void show_progress(const std::string& line);
  // Clears a live progress line, if one is shown.
  void clear_progress();

  // The summary so far. REQUIRES: the workers are done.
  IndexSummary& summary() { return m_summary; }

 private:
  void list(const ReadProblem& problem);
  void show(const ReadProblem& problem);
  void clear_line();

  const IndexParams& m_params;
  std::ostream& m_report;
  std::ostream& m_listing;
  std::mutex m_mutex;
  IndexSummary m_summary;
  std::unordered_set<std::string> m_seen;
  std::set<std::string> m_unchanged;
  std::set<std::string> m_changed;
  bool m_line_shown = false;
};

// The progress display: files done of the total (counted by a walk of its
// own, running ahead of the run's), articles/s, MB/s, ETA and problems.
// Costs two threads while it runs (none with ProgressStyle::none): the
// counting walk, and the drawer, which wakes every 250 ms (live line) or
// 10 s (log lines).
class ProgressDisplay {
 public:
  // Starts drawing, unless params.progress is ProgressStyle::none.
  // REQUIRES: `progress` outlives the display.
  ProgressDisplay(const IndexParams& params, Progress& progress);
  ~ProgressDisplay() { finish(); }
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  // Stops drawing and clears the line. Safe to call again.
  void finish();

 private:
  void count_files(const std::vector<std::string>& inputs);
  void draw_loop();

  Progress& m_progress;
  std::chrono::milliseconds m_interval{0};
  std::atomic<std::size_t> m_total{0};
  std::atomic<bool> m_done{false};
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::thread m_counter;
  std::thread m_drawer;
};

// The display's line: "12/56 files  30 articles  60 articles/s  1.2 MB/s
// ETA 0:01  2 problems"; `total` files is 0 while unknown ("12/?"), and the
// ETA is left out until a file is done.
std::string progress_line(const ProgressCounts& counts, double seconds, std::size_t total);

// "0:42" or "1:02:03".
std::string clock_text(double seconds);

// ".html.gz", ".jpg", or "no extension": how the summary groups skipped
// files. Lower case; a compressed file's inner extension is kept.
std::string extension_label(const std::string& path);

// One line of `--entities` output: {"id", "path", "title", "date",
// "entities": {"person": [{"value", "mentions", "in_title", "in_lead"}...],
// "location", "organization", "misc"}, "countries": ["Canada"...]}.
std::string entities_json_line(const Article& article);

}  // namespace dateline

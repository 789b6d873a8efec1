// run_index: the indexing run behind dateline-index. A walker thread lists
// the input files; `jobs` worker threads read each into articles, extract
// their entities and build their documents; the documents are written
// either into one shard database per worker, merged at the end (a new or
// empty index), or by one writer that replaces each article by its id term
// (an index that already holds articles). Commits every batch_size
// documents and at the end. A sharded index (common/shards.hpp) is written
// the same way, each article into the shard its id hashes to; the
// near-duplicate pass and the spelling data span all shards, so searching
// the shards as one gives what one database would.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "common/reader.hpp"
#include "indexer/run_clock.hpp"

namespace dateline {

enum class Verbosity { quiet, normal };
enum class EntityMode { extract, skip };
enum class WriteMode { index, dry_run };
enum class ListEntities { yes, no };
enum class Rebuild { yes, no };
// How a run shows its progress on the report stream: a line redrawn in
// place (for a terminal), a plain line every ten seconds (for a log), or
// nothing.
enum class ProgressStyle { live_line, log_lines, none };

struct IndexParams {
  std::string db_path;
  std::vector<std::string> inputs;
  // Stemmer language. Empty: the index's own, or "english" for a new index.
  std::string language;
  std::size_t batch_size = 250;
  // A fresh build's worker starts a new database every part_size articles
  // (commits to a large database cost more); all are merged at the end.
  std::size_t part_size = 25000;
  // Worker threads reading, extracting and building; 0: one per core.
  std::size_t jobs = 0;
  // Split a new index into this many shards: db_path becomes a stub file
  // listing them (common/shards.hpp). 0: one database, or as many shards as
  // an existing sharded index at db_path has.
  std::size_t shards = 0;
  Verbosity verbosity = Verbosity::normal;
  EntityMode entities = EntityMode::extract;
  // Tagger model; empty: ner::default_model_path().
  std::string ner_model;
  // The user's alias file (common/user_aliases.hpp); empty: an update
  // keeps the index's rules, a fresh build has none.
  std::string aliases;
  // Gazetteer for the countries articles are about (common/gazetteer.hpp);
  // empty: default_gazetteer_path(). Read only when entities are.
  std::string gazetteer;
  // dry_run reads and extracts but opens no index (db_path may be empty).
  WriteMode write = WriteMode::index;
  // Print one JSON line per article with its entities to `listing`.
  ListEntities list_entities = ListEntities::no;
  // Start the index afresh instead of updating it.
  Rebuild rebuild = Rebuild::no;
  // Set (e.g. by a signal handler) to stop early: the files in hand are
  // finished, everything done is committed, and the summary says so.
  const std::atomic<bool>* stop = nullptr;
  ProgressStyle progress = ProgressStyle::none;
};

struct IndexSummary {
  std::size_t files_seen = 0;
  std::size_t files_indexed = 0;    // files that gave at least one article
  std::size_t files_unchanged = 0;  // skipped: the index already holds them as they are
  // Files an interrupted build had already indexed, unchanged since: this
  // run resumed that build and did only the rest.
  std::size_t files_resumed = 0;
  std::size_t files_removed = 0;  // deleted since the last run; their articles went
  std::size_t articles_removed = 0;
  std::size_t articles_indexed = 0;
  std::map<std::string, std::size_t> skipped_by_reason;  // files skipped whole
  // The same files by reason, then by extension (".html.gz", ".jpg", or
  // "no extension"): what a user needs to see what a folder held.
  std::map<std::string, std::map<std::string, std::size_t>> skipped_by_extension;
  std::size_t bad_entries = 0;  // bad lines or elements inside files that were indexed
  // Web archive records that hold no page to index, by why ("redirects").
  std::map<std::string, std::size_t> records_skipped;
  std::size_t invalid_utf8 = 0;
  // Text files read as something else than UTF-8, by what ("Windows-1252",
  // "UTF-16LE": decode_text in common/text.hpp).
  std::map<std::string, std::size_t> files_by_encoding;
  // Articles indexed without entities because they are in another language
  // than English (extracts_entities_from), by the language tag's first
  // subtag or the stemmer's name, lower case ("fr", "french"). Empty with
  // --no-entities.
  std::map<std::string, std::size_t> untagged_languages;
  std::size_t documents_in_index = 0;
  std::uintmax_t bytes_read = 0;
  bool dry_run = false;
  bool interrupted = false;
  // An interrupted fresh build kept its work beside the index, for the
  // next run to resume (the index itself is as it was before the run).
  bool build_kept = false;
  // Every problem reported (skipped files and bad entries), for --json;
  // at most k_max_listed_problems are kept, the rest only counted.
  std::vector<ReadProblem> problems;
  static constexpr std::size_t k_max_listed_problems = 10000;
  double seconds = 0;
  // Where the time went (indexer/run_clock.hpp): the run's steps in order,
  // with the steps that ran beside them, and the wall time during which at
  // most one thread worked.
  std::vector<PhaseTime> phases;
  double serial_seconds = 0;

  std::size_t files_skipped() const;
  // "indexed 46 articles from 45 files in 0.2 s; skipped 2 files (1 empty
  // file: 1 .txt; 1 unsupported file type: 1 .jpg); index holds 46
  // articles"
  std::string one_line() const;
  // The summary as one JSON object: indexed, files_indexed, unchanged,
  // resumed_files, removed_files, removed_articles, skipped (by reason),
  // skipped_by_extension (by reason, then extension), bad_entries,
  // invalid_utf8, encodings (text files read as something else than UTF-8,
  // by what), records_skipped (web archive records by why), problems
  // [{path, line, reason}] (every skipped file
  // among them), seconds, serial_seconds, phases [{phase, seconds,
  // beside}] (beside: true for a step that overlapped the others),
  // documents, interrupted, build_kept, dry_run.
  std::string to_json() const;
};

// Writes only what dateline created: before anything is created or moved
// it takes the index's lock (indexer/index_location.hpp) and refuses a
// --db that is not a new path, an empty directory or a dateline index, or
// that is or lies inside an input. A new index, or a --rebuild, is built
// beside the index and put in place when done (indexer/fresh_build.hpp);
// interrupted, it keeps its work for the next run to resume. A run that
// fails leaves nothing behind.
// Throws dateline::Error for fatal problems (index cannot be opened or is
// locked by another writer, a --db refused as above, an input does not
// exist, a bad language, a shard count that differs from the existing
// index's) and lets Xapian::Error through. Problems with single files are written to
// `report` as "path[:line]: reason" lines and counted in the summary.
// With list_entities, `listing` gets one JSON object per article:
// {"id", "path", "title", "date", "entities": {"person": [{"value",
// "mentions", "in_title", "in_lead"}...], "location": [...],
// "organization": [...], "misc": [...]}}.
IndexSummary run_index(const IndexParams& params, std::ostream& report, std::ostream& listing);

// For a handler of an error that ends the process where run_index cannot
// clean up (std::terminate: Xapian can end the process that way on a full
// disk): removes what the run in progress made beside the index, as
// run_index does when a run fails: a fresh build's work and the lock file.
// Does nothing when no run is in progress.
void abandon_run_in_progress() noexcept;

}  // namespace dateline

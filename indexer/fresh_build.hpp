// A fresh build's work beside its index, in ".NAME.dateline-build/": the
// workers' part databases, the record that lets an interrupted build be
// resumed, and the merge that turns the parts into the index and puts it
// in place. Nothing is written at the index's own path until the merge is
// done, so a build that fails or is interrupted never leaves half an index
// there, and a rebuild leaves the old index searchable until the new one
// replaces it.
//
// Resuming: an interrupted build (SIGINT, SIGTERM) commits its workers'
// parts with their spelling data and seals them: the build directory's
// "resume" record lists them, with what they were built with. The next run
// with the same settings takes them over, skips the files they hold that
// have not changed, indexes the rest into parts of its own, and merges them
// all; parts no record lists (a run killed outright) are discarded.
//
// On disk (docs/specs/resume-record.md): the build directory's name
// (".NAME.dateline-build"), the names of the databases in it and the
// resume record's fields are read back by later runs, some of another
// dateline version; none may change without a bump of the record's format
// (k_record_format in fresh_build.cpp), which makes a later run discard a
// build it cannot read instead of misreading it.
//
// Thread-safety: one BuildDirectory per run, used by the run's main thread;
// part_database() and spelling_database() may be called from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/run_clock.hpp"
#include "indexer/spelling.hpp"

namespace dateline {

// What an interrupted build must share with the run that resumes it.
struct BuildSettings {
  std::string language;
  std::size_t shard_count = 1;  // the index's shards: 1 for one database
  bool sharded = false;         // a stub and shards (a sharded index may have one shard)
  bool entities = true;         // entities extracted
  // The user's alias rules (UserAliases::encode) the index's databases
  // get; empty: none. Not part of what a resumed build must share: the
  // articles do not depend on them.
  std::string aliases;
  friend bool operator==(const BuildSettings&, const BuildSettings&) = default;
};

// Where a fresh build puts what it made: the index's databases, and for a
// sharded index its spelling database and stub. The shards' directories
// (and a stub's) are created when the index is new.
struct IndexTargets {
  std::vector<std::filesystem::path> shards;
  std::filesystem::path spelling;  // empty for one database, which holds its own
  std::filesystem::path stub;      // a sharded index's stub file; written if missing
};

// Marks a database as shard `shard` of `count` (shards::k_meta_shard).
void stamp_shard(Xapian::WritableDatabase& db, std::size_t shard, std::size_t count);

class BuildDirectory {
 public:
  // Opens the build directory of the index at `db_path`, creating it. If
  // it holds a resume record written with `settings`, its sealed parts are
  // taken over; anything else in it (a killed run's parts, a record of
  // other settings) is removed. REQUIRES: the index's IndexLock is held.
  BuildDirectory(const std::filesystem::path& db_path, const BuildSettings& settings);
  BuildDirectory(const BuildDirectory&) = delete;
  BuildDirectory& operator=(const BuildDirectory&) = delete;

  const std::filesystem::path& path() const { return m_root; }
  // True when parts of an interrupted build were taken over.
  bool resuming() const { return !m_sealed_parts.empty() || !m_sealed_spelling.empty(); }
  // The boilerplate the interrupted build learnt (encode_boilerplate), so
  // that the rest is read alike. REQUIRES: resuming().
  const std::string& resumed_boilerplate() const { return m_boilerplate; }
  // The sealed parts' databases, every shard's: what the resumed build
  // already holds, searched as one to tell which files are done.
  std::vector<std::string> sealed_databases() const;

  // This run's databases: worker `worker`'s part `part` of index shard
  // `shard`, and (sharded index) the worker's spelling database.
  std::filesystem::path part_database(std::size_t worker, std::size_t part,
                                      std::size_t shard) const;
  std::filesystem::path spelling_database(std::size_t worker) const;

  // Records this run's parts (parts_per_worker[w] parts of worker w, all
  // committed) beside the sealed ones, so that the next run resumes them
  // all. Each worker's word counts (`word_counts[w]`, emptied) go into its
  // last part (a sharded index: its spelling database) first, and the
  // files in `superseded` (re-read by this run because they changed) leave
  // the sealed parts. The record is replaced in one rename: a kill leaves
  // the old record or the new one.
  void seal(const std::vector<std::size_t>& parts_per_worker,
            std::vector<SpellingCounts>& word_counts, const std::string& boilerplate,
            const std::set<std::string>& superseded);

  // Merges the sealed parts and this run's into the index's databases and
  // renames them into place (replacing what is there: an empty or unfinished
  // database, or the old index of a rebuild), then removes the build
  // directory. Of the sealed parts, only the articles of files in `kept`
  // (found unchanged by this run) are kept. Near-duplicates are grouped
  // across all parts; `words` (this run's counts) and the parts' own
  // spelling data become the index's; every database is stamped with
  // `language` and `boilerplate`. Steps run side by side where their inputs
  // allow (the spelling data beside the near-duplicate pass, the name
  // resolution beside the compaction, the parts' deletion beside stamping
  // and installing), and a step that splits (near-duplicate bands, shards,
  // parts) uses up to `threads` threads; the index does not depend on
  // `threads`. Each step ends a step of `clock`, and every thread is counted
  // on it. Returns the number of articles the index holds.
  std::size_t merge_into(const IndexTargets& targets,
                         const std::vector<std::size_t>& parts_per_worker, SpellingCounts& words,
                         const std::set<std::string>& kept, const std::string& boilerplate,
                         std::size_t threads, RunClock& clock);

  // Removes the build directory and everything in it (a failed or
  // abandoned build). Never throws.
  void remove() noexcept;

 private:
  std::vector<std::string> part_names(const std::vector<std::size_t>& parts_per_worker) const;
  std::vector<std::string> spelling_names(std::size_t workers) const;
  std::filesystem::path shard_of(const std::string& part, std::size_t shard) const;
  // The steps of merge_into: collapse keys across all `parts`; `words`
  // written into a database of spelling data alone, "words" (returned);
  // the stored name resolution of one database's `parts`, read as one;
  // each shard's parts (and `words_database`, unless empty) compacted into
  // "merged-N" (returned), shards side by side; a merged shard stamped
  // with `names` (one database) and `boilerplate` (returns its article
  // count); a sharded index's spelling databases merged with `words` into
  // "merged-spelling" (returned); the parts and `words_database` deleted.
  void group_near_copies(const std::vector<std::string>& parts, std::size_t shard_count,
                         std::size_t threads, RunClock& clock) const;
  std::filesystem::path write_words(SpellingCounts& words) const;
  std::string learn_resolution(const std::vector<std::string>& parts) const;
  std::vector<std::filesystem::path> compact_shards(const std::vector<std::string>& parts,
                                                    std::size_t shard_count,
                                                    const std::filesystem::path& words_database,
                                                    std::size_t threads, RunClock& clock) const;
  std::size_t stamp_merged_shard(const std::filesystem::path& merged, std::size_t shard,
                                 std::size_t shard_count, const std::string& names,
                                 const std::string& boilerplate) const;
  std::filesystem::path merge_spelling(std::size_t workers, SpellingCounts& words,
                                       const std::string& boilerplate) const;
  void remove_spent(const std::vector<std::string>& parts,
                    const std::filesystem::path& words_database) const;
  void read_record(const BuildSettings& settings);
  void write_record(const std::vector<std::string>& parts, const std::vector<std::string>& spelling,
                    const std::string& boilerplate) const;

  std::filesystem::path m_root;
  BuildSettings m_settings;
  std::size_t m_run = 1;                       // this run's number among the runs of the build
  std::vector<std::string> m_sealed_parts;     // part names, "run-1-worker-0-part-0"
  std::vector<std::string> m_sealed_spelling;  // spelling databases, sharded index
  std::string m_boilerplate;
};

}  // namespace dateline

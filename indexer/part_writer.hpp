// PartWriter: what one worker of a fresh build writes into the build
// directory (indexer/fresh_build.hpp): its part databases, one per index
// shard, and the counts of its articles' words.
//
// Parts: the worker starts a new part every part_size articles. Each commit
// rewrites the last chunk of every term of its batch, and in a large
// database those are spread over ever more blocks: at a million articles
// (500,000 per worker) kernel time had grown 22-fold for 10 times the
// articles. Small databases keep commits cheap; the compactor merges any
// number. The parts are scratch, merged at the end (a crash means a fresh
// build), so their commits are not synced to disk.
//
// Word counts stay in memory and go to the merge at the end, which adds all
// workers' at once. Each addition to a spelling table rewrites (and
// recompresses) its lists of words by fragment: adding every batch's words
// cost more than the rest of the spelling work (Reuters: zlib 6% -> 14% of
// CPU), and each worker adding its own, merged by the compactor, still
// cost 5% of the build. Only a vocabulary too large to hold goes into the
// worker's database (a sharded index: its spelling database).
//
// Thread-safety: one PartWriter per worker thread, used by it alone.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/fresh_build.hpp"
#include "indexer/spelling.hpp"

namespace dateline {

struct PartSettings {
  std::size_t worker = 0;       // the worker's number, which names its parts
  std::size_t shard_count = 1;  // the index's shards: a part has a database for each
  bool sharded = false;         // a sharded index keeps spelling data apart from the shards
  // --batch-size: articles between commits. Small batches write fastest:
  // Xapian's change buffer is the bottleneck (measured on Reuters: 500
  // beats 100,000 by 2x, and with stems only and no syncing, 250 beats 500
  // by 5%).
  std::size_t batch_size = 0;
  std::size_t part_size = 0;  // --part-size: articles in a part
  // Past this many distinct words, the counts go into the worker's
  // database at its next commit.
  std::size_t spelling_words_held = 200000;
};

class PartWriter {
 public:
  // Opens the worker's first part (created afresh: a killed run's is
  // overwritten) and, for a sharded index, its spelling database.
  // REQUIRES: `build` outlives the writer; settings' sizes are at least 1.
  PartWriter(const BuildDirectory& build, const PartSettings& settings);
  PartWriter(const PartWriter&) = delete;
  PartWriter& operator=(const PartWriter&) = delete;

  // Adds one article's document to the database of index shard `shard`
  // (< shard_count) of the current part, and counts its distinct `words`.
  // Commits every batch_size articles, and moves to a new part every
  // part_size articles. Costs Xapian's add_document, and a commit's disk
  // writes every batch_size calls.
  void add(const Xapian::Document& document, std::size_t shard,
           const std::vector<std::string>& words);

  // Commits what was added since the last commit (the worker's end).
  void commit();

  // How many parts the worker has opened (each committed once commit() has
  // run): what BuildDirectory::seal and merge_into are told.
  std::size_t parts() const { return m_parts; }

  // The word counts not yet in a database, handed over (left empty).
  SpellingCounts take_word_counts() { return std::move(m_word_counts); }

 private:
  void open_part();

  const BuildDirectory& m_build;
  PartSettings m_settings;
  std::vector<Xapian::WritableDatabase> m_part;  // one per index shard
  // Where the counts go when they grow too large: the part's first
  // database, or (sharded) a database of spelling data only.
  std::optional<Xapian::WritableDatabase> m_spelling;
  SpellingCounts m_word_counts;
  std::size_t m_parts = 0;
  std::size_t m_uncommitted = 0;
  std::size_t m_in_part = 0;
};

}  // namespace dateline

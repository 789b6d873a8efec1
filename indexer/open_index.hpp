// Opening the index a run writes, once its lock is held: what is at --db
// (indexer/index_location.hpp) decides how it is written (Strategy), where
// its databases are (one, or a sharded index's stub, shards and spelling
// database), and its language; the databases already there are opened for
// writing, checked (schema, language, shard count) and stamped.
//
// Creating: a database that must exist before it is written (a shard of a
// new sharded index) is created beside its place and renamed in, so a kill
// never leaves half of one; one whose creation was cut short is created
// again. Everything else a fresh build makes is made in its build directory
// (indexer/fresh_build.hpp).
//
// Thread-safety: functions only; an OpenIndex belongs to the run's main
// thread (its databases are Xapian writers, which are not thread-safe).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/fresh_build.hpp"
#include "indexer/indexer.hpp"

namespace dateline {

// How an index is written.
//  - fresh: the index is new or empty, or --rebuild. Each worker writes its
//    own part databases in the build directory; at the end they are merged
//    with Xapian's compactor into new databases that are renamed into
//    place. Writing, the bottleneck, runs on every core.
//  - update: the index holds articles. Workers build documents and one
//    writer replaces them in the index by id term, so re-runs never add
//    copies.
//  - dry_run: nothing is written.
enum class Strategy { fresh, update, dry_run };

// The index a run writes, opened under its lock.
//  - update: `databases` are the index's own, open for writing (Xapian's
//    lock held), and `all` is them as one (deleting by term spans shards);
//    a sharded index's spelling database is `spelling`. All are stamped
//    (schema, language, a shard's place) and committed.
//  - fresh: `databases` are those already at the index's place (an empty
//    or old index), held open so that no other writer comes in and so that
//    a read-only one fails now rather than after the build; they are
//    closed before the merge replaces them.
//  - dry_run: no databases; only the language.
struct OpenIndex {
  Strategy strategy = Strategy::dry_run;
  IndexTargets targets;
  bool sharded = false;  // a stub and shards (a sharded index may have one shard)
  std::vector<Xapian::WritableDatabase> databases;
  std::optional<Xapian::WritableDatabase> spelling;
  std::optional<Xapian::WritableDatabase> all;
  std::string language;

  // The index's shards: 1 for one database (and for a dry run).
  std::size_t shard_count() const;
};

// Opens the index at params.db_path for the run: a new one (nothing there,
// an empty directory, a creation cut short), one dateline database, or the
// sharded index whose stub is there. The language is --language, else the
// index's own, else "english".
// Throws dateline::Error, naming the path and what to do, for: --shards
// with an existing database or directory, a shard count that differs from
// the index's, a stub listing remote shards or another stub, a shard
// directory holding anything but shards, a database another process
// writes, an index of another schema or language (without --rebuild), an
// old index that holds a file of someone else's (with a fresh build, which
// would delete it), a bad language.
// REQUIRES: the index's IndexLock is held; params.write is WriteMode::index.
OpenIndex open_index(const IndexParams& params);

// What a dry run has of an index: its language (--language, or "english"),
// checked. Throws dateline::Error for a bad language.
OpenIndex open_no_index(const IndexParams& params);

}  // namespace dateline

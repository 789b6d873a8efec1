// Reading a database that another process or thread is committing to.
//
// Xapian keeps only a database's last two revisions. When a writer commits
// twice while a reader works, the revision the reader holds is discarded,
// and any of its reads, its reopen() and even opening the database can
// fail with Xapian::DatabaseModifiedError (or DatabaseCorruptError, when a
// block was reused under it while it was being opened). The remedy is to
// move to the latest revision and try again; reopen() itself may need
// trying again, which is the step ad hoc retry loops forget. A database
// that is really corrupt fails every attempt, and the last one's error
// goes through.
//
// Thread-safety: as Xapian::Database's: one handle per thread.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>

namespace dateline::latest_revision {

// How many times each operation is tried: every failed try means the
// writer committed twice during it, so this bounds only pathological runs.
inline constexpr int k_attempts = 100;

// The database at `path`, read-only, at its latest revision.
Xapian::Database open(const std::string& path);

// Moves `db` to its latest revision: db.reopen(), tried again while commits
// discard the revision it is moving to. Returns whether `db` changed.
bool reopen(Xapian::Database& db);

// Runs read() and returns what it returns; when the revision it reads is
// discarded under it, moves `db` to the latest revision, calls moved() (for
// a caller to drop what it cached from the old revision) and runs read()
// again. `read` must read through `db` (or handles it makes from `db`
// inside), and only documents `db` itself listed: a document the handle
// listed and then cannot find (Xapian::DocNotFoundError) is a sign of the
// same race (a reopen() that failed half-way leaves tables of two
// revisions), so it is tried again too.
template <typename Read, typename Moved>
auto read(Xapian::Database& db, Read&& read, Moved&& moved) -> decltype(read()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == k_attempts) throw;
    } catch (const Xapian::DocNotFoundError&) {
      if (attempt == k_attempts) throw;
    }
    reopen(db);
    moved();
  }
}

// The same, for a caller that caches nothing.
template <typename Read>
auto read(Xapian::Database& db, Read&& read) -> decltype(read()) {
  return latest_revision::read(db, std::forward<Read>(read), [] {});
}

}  // namespace dateline::latest_revision

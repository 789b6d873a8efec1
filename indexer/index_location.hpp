// Where an index lives, checked before a run writes anything: what is at
// the --db path (nothing, an empty directory, a dateline index, a shard
// stub, or something dateline must not touch), whether the index would lie
// inside the articles it reads, and the lock that keeps a second run off an
// index being written.
//
// The rule these enforce: dateline-index writes, replaces or deletes only
// what it created. A directory that holds anything but a dateline index is
// refused whole, before anything is created or moved, whatever the flags.
//
// Thread-safety: functions only, except IndexLock (one per run).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// What is at an index path.
enum class IndexPathKind {
  missing,          // nothing there: a new index
  empty_directory,  // an empty directory, which may become an index
  dateline_index,   // a Xapian database that dateline stamped (any schema version)
  unfinished,       // a database whose creation was cut short: Xapian's files, no documents,
                    // no metadata -- nothing was stored there
  shard_stub,       // a regular file listing the shards of a sharded index (common/shards.hpp)
};

struct IndexPathState {
  IndexPathKind kind = IndexPathKind::missing;
  // For a database directory: the first entry that is not one of Xapian's
  // files (a file the user put there), or empty. Updating in place leaves
  // it alone; replacing the directory would delete it, so a fresh build
  // refuses (see require_replaceable).
  std::string foreign_entry;
};

// Looks at `path` without changing anything. Throws dateline::Error, one
// line naming the path and why, for what dateline must not write: a
// directory holding anything but a dateline index (a folder of notes, an
// archive), a Xapian database dateline did not stamp, a regular file that
// is not a shard stub, anything that is neither file nor directory.
IndexPathState inspect_index_path(const std::filesystem::path& path);

// Throws dateline::Error when `state` (of the database directory at
// `path`) cannot be replaced whole by a fresh build: it holds a foreign
// entry, which the swap would delete.
void require_replaceable(const std::filesystem::path& path, const IndexPathState& state);

// Throws dateline::Error when the index at `db_path` is one of `inputs`,
// lies inside one (its files would be read as articles, and a fresh build
// would replace a folder of them) or holds one. Paths are compared after
// resolving symbolic links and "..", as far as they exist.
void check_index_apart_from_inputs(const std::filesystem::path& db_path,
                                   const std::vector<std::string>& inputs);

// The hidden sibling of an index that a run keeps beside it, named
// ".NAME" + suffix in the index's parent directory: the lock file
// (".NAME.dateline-lock"), a fresh build's work (".NAME.dateline-build").
std::filesystem::path beside_index(const std::filesystem::path& db_path, std::string_view suffix);

// An exclusive lock on writing the index at a path, held from before a run
// creates or moves anything until the run ends: an flock() on the lock
// file beside the index. A second run on the same index is refused at once.
// The lock file is removed when the lock is released (a killed run's stale
// file is harmless: the kernel drops its lock, and the next run reuses it).
// Its name is shared by every dateline version that may write the index:
// a new name would let two versions write one index at once.
// Where the directory holding an existing index is not writable to this
// process (an index kept under a system directory), no lock file can be
// made: the run then goes on under Xapian's own lock of the database, which
// an update holds throughout (a fresh build cannot run there anyway: its
// work goes beside the index).
class IndexLock {
 public:
  // Takes the lock. Throws dateline::Error "index 'PATH' is being written
  // by another process" when another run holds it, and an Error naming the
  // lock file when it cannot be created (no such directory, read-only).
  explicit IndexLock(const std::filesystem::path& db_path);
  ~IndexLock() { release(); }
  // Removes the lock file and releases the lock, once; safe from a
  // handler of std::terminate, where destructors do not run.
  void release() noexcept;
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

 private:
  std::filesystem::path m_file;
  int m_fd = -1;
};

}  // namespace dateline

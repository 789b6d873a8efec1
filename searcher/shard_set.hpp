// ShardSet: the databases one search runs over, opened as one
// Xapian::Database. An index is a database directory, or a stub file
// listing shards (common/shards.hpp): local directories and remote shards
// served by stock xapian-tcpsrv, which dateline opens itself so that every
// remote operation is bounded by a timeout. A shard that is down or slower
// than the timeout is an error that names it -- or, when partial results
// are allowed, is left out and listed as missing.
//
// Not thread-safe (a Xapian::Database is not); opening connects to the
// remote shards in parallel, each on its own thread.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/shards.hpp"

namespace dateline {

enum class AllowPartial { yes, no };

// What to search and how patiently.
struct IndexSource {
  // Index directories or stub files (--db).
  std::vector<std::string> databases;
  // Remote shards as "HOST:PORT" (--remote), each served by xapian-tcpsrv.
  std::vector<std::string> remotes;
  // The longest any one remote operation (connecting included) may take.
  std::chrono::milliseconds timeout{10000};
  AllowPartial allow_partial = AllowPartial::no;
};

// A shard left out of a partial search, and why.
struct MissingShard {
  std::string name;    // shards::ShardLocation::name()
  std::string reason;  // "connection refused", "no answer within 2 s", ...
  friend bool operator==(const MissingShard&, const MissingShard&) = default;
};

// A shard that could not be searched (down, too slow, gone mid-query), or
// every shard missing from a partial search. dateline-search exits with
// cli::k_exit_shard for it.
class ShardError : public Error {
 public:
  using Error::Error;
};

class ShardSet {
 public:
  // Expands stub files and opens every shard. Throws dateline::Error for a
  // missing index, a bad stub file or a shard of another schema or
  // language, and ShardError for a shard that cannot be reached (unless
  // partial results are allowed and at least one shard can).
  explicit ShardSet(IndexSource source);

  // All shards that answered, as one database.
  const Xapian::Database& database() const { return m_db; }

  // The index's stemmer language (every shard's).
  const std::string& language() const { return m_language; }

  // True when the index is one local database directory.
  bool is_single_directory() const { return m_single_directory; }

  // True when no shard is served by xapian-tcpsrv: every one is a local
  // database, which spies of dateline's own can read.
  bool all_local() const { return m_remote_count == 0; }

  // Shards left out (only with AllowPartial::yes), in the order they were
  // found missing.
  const std::vector<MissingShard>& missing() const { return m_missing; }

  // "build/index", or "3 shards (2 remote) of build/index.stub".
  const std::string& description() const { return m_description; }

  // After a Xapian::NetworkError during a search: connects afresh to every
  // remote shard (in parallel, each within the timeout). With partial
  // results allowed, the shards that do not answer join missing() and the
  // rest can be searched again; otherwise throws ShardError naming them
  // (or quoting `error` when all answer now). Throws ShardError when no
  // shard is left.
  void recover(const Xapian::NetworkError& error);

 private:
  void open_all();
  void rebuild_database();

  IndexSource m_source;
  std::vector<shards::ShardLocation> m_locations;
  std::vector<Xapian::Database> m_open;  // per location; empty handle when missing
  std::vector<MissingShard> m_missing;
  Xapian::Database m_db;
  std::string m_language;
  std::string m_description;
  bool m_single_directory = false;
  std::size_t m_remote_count = 0;  // of m_locations
};

// Opens `db_path` for reading, with clear errors for a missing directory or
// a directory that is not a Xapian database.
Xapian::Database open_index(const std::string& db_path);

}  // namespace dateline

// Sharded indexes. An index may be split into several Xapian databases
// (shards), each article in the shard picked by a stable hash of its id, and
// listed in a stub file: Xapian's own stub format, so that stock Xapian tools
// (xapian-delve, xapian-compact, xapian-tcpsrv) open the set as one
// database. A stub's lines may also name shards served by xapian-tcpsrv on
// other machines.
//
// The layout dateline-index writes for `--db NAME --shards N`:
//   NAME                      the stub: "auto NAME.shards/spelling", then
//                             "auto NAME.shards/shard-0" ... (relative paths)
//   NAME.shards/shard-K       shard K, a glass database holding the articles
//                             with shard_for(id, N) == K
//   NAME.shards/spelling      a database of no documents holding the spelling
//                             data of all shards (the stock xapian-tcpsrv
//                             serves none, so shards keep none); listed
//                             first, and next to remote stubs too
// Every shard and the spelling database carry the index's metadata (schema
// version, language, boilerplate, and k_meta_shard), so any one of them
// describes the index. docs/specs/sharded-index.md is the spec: the lines a
// stub may hold, what dateline-index relies on (shard K is the K-th line
// other than the spelling database), the remote stub serve-shards writes.
//
// Thread-safety: functions only; no shared state.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::shards {

// One database of a sharded index: a local directory or a remote server.
struct ShardLocation {
  enum class Kind { local, remote };
  Kind kind = Kind::local;
  std::string path;  // local: the database directory, absolute
  std::string host;  // remote: host name or address (IPv6 without brackets)
  unsigned port = 0;
  // "/srv/index.shards/shard-0" or "10.0.0.7:33333" ("[::1]:33333").
  std::string name() const;
  friend bool operator==(const ShardLocation&, const ShardLocation&) = default;
};

// Parses a stub file's text. Understood lines: "auto PATH", "glass PATH",
// "chert PATH" (PATH relative to `base_dir` unless absolute), "remote :tcp
// HOST:PORT" and "remote HOST:PORT"; blank lines and lines starting with
// '#' are skipped. Throws dateline::Error naming `stub_name` and the line
// for anything else (including "remote :prog", which dateline cannot time
// out) and for a stub that lists no database.
std::vector<ShardLocation> parse_stub(std::string_view text, const std::filesystem::path& base_dir,
                                      const std::string& stub_name);

// Reads and parses the stub file at `stub`. Throws dateline::Error when it
// cannot be read or does not parse.
std::vector<ShardLocation> read_stub(const std::filesystem::path& stub);

// "HOST:PORT" (or "[IPv6]:PORT") as a remote location. Throws
// dateline::Error for a missing host or a port outside 1-65535.
ShardLocation parse_remote(std::string_view host_port);

// The shard (0 to shard_count - 1) an article belongs to: FNV-1a 64 of its
// id, modulo the count. The same id always lands in the same shard, so
// re-runs and updates replace an article where it is. Existing shards
// were filled by this hash: never change it. REQUIRES: shard_count > 0.
std::size_t shard_for(std::string_view article_id, std::size_t shard_count);

// Where dateline-index keeps shard `index` of the sharded index whose stub
// is `stub`: "STUB.shards/shard-INDEX".
std::filesystem::path shard_path(const std::filesystem::path& stub, std::size_t index);

// Where dateline-index keeps the spelling database of the sharded index
// whose stub is `stub`: "STUB.shards/spelling".
std::filesystem::path spelling_path(const std::filesystem::path& stub);

// Writes the stub of a sharded index of `count` local shards: its
// spelling_path() and shard_path()s as relative "auto" lines, replacing any
// stub there in one rename. Throws dateline::Error when it cannot be
// written.
void write_local_stub(const std::filesystem::path& stub, std::size_t count);

// Metadata key each shard of a sharded index carries: "K/N", its number
// and the count; the spelling database's is k_spelling_shard.
inline constexpr const char* k_meta_shard = "dateline:shard";
inline constexpr const char* k_spelling_shard = "spelling";

}  // namespace dateline::shards

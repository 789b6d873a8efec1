#include "indexer/index_location.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"

namespace dateline {

namespace fs = std::filesystem;

namespace {

// "'/home/ann/notes'": paths in messages, quoted as the user gave them.
std::string in_quotes(const fs::path& path) { return "'" + path.string() + "'"; }

// True for the names of the files Xapian keeps in a database directory
// (glass and chert tables, their base files, the lock, the version file,
// replication changesets, a table being written). Anything else in the
// directory was put there by someone else.
bool is_xapian_file(const std::string& name) {
  static constexpr std::string_view k_exact[] = {"flintlock", "iamglass", "iamchert"};
  static constexpr std::string_view k_suffixes[] = {".glass", ".DB", ".baseA", ".baseB", ".tmp"};
  if (std::find(std::begin(k_exact), std::end(k_exact), name) != std::end(k_exact)) return true;
  for (std::string_view suffix : k_suffixes) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) return true;
  }
  // Changesets kept for replication: "changes" followed by a number.
  return name.size() > 7 && name.starts_with("changes") &&
         name.find_first_not_of("0123456789", 7) == std::string::npos;
}

struct DirectoryEntries {
  bool empty = true;
  bool has_version_file = false;  // schema::is_database_version_file: a database that committed
  std::string first_foreign;      // in name order, so that messages are stable
};

DirectoryEntries list_entries(const fs::path& dir) {
  DirectoryEntries entries;
  std::vector<std::string> foreign;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    entries.empty = false;
    if (schema::is_database_version_file(name)) entries.has_version_file = true;
    if (!is_xapian_file(name)) foreign.push_back(name);
  }
  if (ec) throw Error("cannot read the directory " + in_quotes(dir) + ": " + ec.message());
  if (!foreign.empty()) entries.first_foreign = *std::min_element(foreign.begin(), foreign.end());
  return entries;
}

// A directory holding a database that committed: dateline's, or a
// creation cut short, or someone else's.
IndexPathState inspect_database(const fs::path& path, const DirectoryEntries& entries) {
  Xapian::Database db;
  try {
    db = Xapian::Database(path.string());
  } catch (const Xapian::Error& e) {
    throw Error("--db " + in_quotes(path) +
                " cannot be opened as an index: " + e.get_description());
  }
  if (!db.get_metadata(schema::k_meta_schema_version).empty()) {
    return {IndexPathKind::dateline_index, entries.first_foreign};
  }
  const bool nothing_stored =
      db.get_doccount() == 0 && db.metadata_keys_begin() == db.metadata_keys_end();
  if (nothing_stored && entries.first_foreign.empty()) return {IndexPathKind::unfinished, {}};
  throw Error("--db " + in_quotes(path) +
              " is a Xapian database that dateline did not create; give a new or empty "
              "directory");
}

IndexPathState inspect_directory(const fs::path& path) {
  const DirectoryEntries entries = list_entries(path);
  if (entries.empty) return {IndexPathKind::empty_directory, {}};
  if (entries.has_version_file) return inspect_database(path, entries);
  // Xapian's files without a version file: a creation killed before its
  // first commit, which stored nothing.
  if (entries.first_foreign.empty()) return {IndexPathKind::unfinished, {}};
  throw Error("--db " + in_quotes(path) +
              " is a directory that is not a dateline index (it holds '" + entries.first_foreign +
              "'); dateline-index writes only a new or empty directory or an index of its own");
}

// `path` made absolute with symbolic links and ".." resolved as far as it
// exists, for comparing locations.
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path result = fs::weakly_canonical(fs::absolute(path), ec);
  if (ec) result = fs::absolute(path).lexically_normal();
  if (result.has_filename()) return result;
  return result.parent_path();
}

// True when `inner` is `outer` or lies below it (both resolved).
bool within(const fs::path& inner, const fs::path& outer) {
  auto o = outer.begin();
  auto i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

}  // namespace

IndexPathState inspect_index_path(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return {IndexPathKind::missing, {}};
  if (fs::is_directory(status)) return inspect_directory(path);
  if (fs::is_regular_file(status)) {
    try {
      shards::read_stub(path);
    } catch (const Error& e) {
      throw Error("--db " + in_quotes(path) +
                  " is a file that is not the stub of a sharded dateline index (" + e.what() + ")");
    }
    return {IndexPathKind::shard_stub, {}};
  }
  throw Error("--db " + in_quotes(path) + " is neither a directory nor a shard stub file");
}

void require_replaceable(const fs::path& path, const IndexPathState& state) {
  if (state.foreign_entry.empty()) return;
  throw Error("index " + in_quotes(path) + " holds '" + state.foreign_entry +
              "', which is not part of an index: building it afresh would delete it; move it "
              "out first");
}

void check_index_apart_from_inputs(const fs::path& db_path,
                                   const std::vector<std::string>& inputs) {
  const fs::path index = resolved(db_path);
  for (const std::string& input : inputs) {
    const fs::path read = resolved(input);
    if (index == read) {
      throw Error("--db " + in_quotes(db_path) +
                  " is also an input: the index would be written over the articles it reads; "
                  "give the index a place of its own");
    }
    if (within(index, read)) {
      throw Error("--db " + in_quotes(db_path) + " lies inside the input " + in_quotes(input) +
                  ": the index would be read as articles; give it a place outside the inputs");
    }
    if (within(read, index)) {
      throw Error("the input " + in_quotes(input) + " lies inside the index " + in_quotes(db_path));
    }
  }
}

fs::path beside_index(const fs::path& db_path, std::string_view suffix) {
  fs::path path = fs::absolute(db_path).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  return path.parent_path() / ("." + path.filename().string() + std::string(suffix));
}

IndexLock::IndexLock(const fs::path& db_path) : m_file(beside_index(db_path, ".dateline-lock")) {
  // A run releasing the lock removes the file; one that opened it just
  // before then locks a file no other run will find, so it checks that the
  // file it locked is still the one at the path, and tries again if not.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(m_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    const bool read_only_parent = errno == EACCES || errno == EPERM || errno == EROFS;
    std::error_code ec;
    if (fd < 0 && read_only_parent && fs::exists(db_path, ec)) {
      return;  // an update, under Xapian's own lock (see the header)
    }
    if (fd < 0) {
      throw Error("cannot lock index " + in_quotes(db_path) + ": cannot create " +
                  in_quotes(m_file) + ": " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) {
        throw Error("index " + in_quotes(db_path) + " is being written by another process");
      }
      throw Error("cannot lock index " + in_quotes(db_path) + ": " + std::strerror(error));
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(fd, &held) == 0 && ::stat(m_file.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
      m_fd = fd;
      return;
    }
    ::close(fd);
  }
  throw Error("cannot lock index " + in_quotes(db_path) + ": its lock file keeps changing");
}

void IndexLock::release() noexcept {
  if (m_fd < 0) return;
  // Removed while still locked, so that no run can lock it after this one
  // and before the removal.
  ::unlink(m_file.c_str());
  ::close(m_fd);
  m_fd = -1;
}

}  // namespace dateline

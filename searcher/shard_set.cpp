#include "searcher/shard_set.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <future>
#include <optional>

#include "common/latest_revision.hpp"
#include "common/schema.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using shards::ShardLocation;

// "2 s", "0.5 s".
std::string seconds_text(std::chrono::milliseconds timeout) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", static_cast<double>(timeout.count()) / 1000.0);
  return text;
}

// One shard opened and checked, or why it could not be.
struct Opened {
  Xapian::Database db;
  std::string language;
  std::string failure;       // empty when opened
  std::exception_ptr fatal;  // a problem no retry or partial search can help
};

// Opens and checks one shard. An indexer committing meanwhile may discard
// the revision being opened or just opened: Xapian says the database was
// modified or, when a block was reused under the reader, corrupt. Either
// way the shard is opened again, from the latest revision; a database that
// is really corrupt stays so on every attempt, and the last one's error
// goes through.
Opened open_location(const ShardLocation& location, std::chrono::milliseconds timeout) {
  Opened opened;
  try {
    if (location.kind == ShardLocation::Kind::local) {
      std::error_code ec;
      if (!fs::exists(location.path, ec)) {
        opened.failure = "no such database directory";
        return opened;
      }
    }
    for (int attempt = 1;; ++attempt) {
      try {
        if (location.kind == ShardLocation::Kind::local) {
          opened.db = Xapian::Database(location.path);
        } else {
          const auto ms = static_cast<useconds_t>(timeout.count());
          opened.db = Xapian::Remote::open(location.host, location.port, ms, ms);
        }
        opened.language = schema::check_database(opened.db, location.name());
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == latest_revision::k_attempts) throw;
      } catch (const Xapian::DatabaseCorruptError&) {
        if (attempt == latest_revision::k_attempts) throw;
      }
    }
  } catch (const Xapian::NetworkTimeoutError&) {
    opened.failure = "no answer within " + seconds_text(timeout);
  } catch (const Xapian::NetworkError& e) {
    opened.failure = e.get_msg();
    if (e.get_error_string() != nullptr)
      opened.failure += std::string(" (") + e.get_error_string() + ")";
  } catch (const Xapian::DatabaseOpeningError& e) {
    opened.failure = e.get_msg();
  } catch (...) {
    opened.fatal = std::current_exception();
  }
  return opened;
}

// Opens `locations[i]` for every i in `which`, the remote ones in parallel.
std::vector<Opened> open_locations(const std::vector<ShardLocation>& locations,
                                   const std::vector<std::size_t>& which,
                                   std::chrono::milliseconds timeout) {
  std::vector<std::future<Opened>> pending;
  for (std::size_t i : which) {
    const ShardLocation& location = locations[i];
    const auto launch = location.kind == ShardLocation::Kind::remote && which.size() > 1
                            ? std::launch::async
                            : std::launch::deferred;
    pending.push_back(std::async(launch, open_location, location, timeout));
  }
  std::vector<Opened> opened;
  for (std::future<Opened>& future : pending) opened.push_back(future.get());
  return opened;
}

std::string list_missing(const std::vector<MissingShard>& missing) {
  std::string text;
  for (const MissingShard& shard : missing) {
    if (!text.empty()) text += "; ";
    text += shard.name + ": " + shard.reason;
  }
  return text;
}

// Shards that did not answer are an error unless partial results are
// allowed.
void check_partial_allowed(const std::vector<MissingShard>& failed, AllowPartial allow_partial) {
  if (failed.empty() || allow_partial == AllowPartial::yes) return;
  throw ShardError(std::string(failed.size() == 1 ? "shard " : "shards ") + list_missing(failed) +
                   " (--allow-partial searches the other shards and names the missing)");
}

ShardError none_answered(const std::string& description, const std::vector<MissingShard>& missing) {
  return ShardError("no shard of " + description + " answered: " + list_missing(missing));
}

// Throws dateline::Error when `db_path` does not exist, or is a directory
// with no Xapian database in it (an archive's folder given as --db), with
// how to build one; Xapian's own message ("Couldn't detect type of
// database") says neither.
void check_index_directory(const std::string& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    throw Error("index '" + db_path + "' does not exist; create it with: dateline-index --db " +
                db_path + " PATH...");
  }
  if (!fs::is_directory(db_path, ec)) return;  // a stub file, read as one
  for (const fs::directory_entry& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    // A version file, or a stub directory's XAPIANDB listing databases.
    if (schema::is_database_version_file(name) || name == "XAPIANDB") return;
  }
  throw Error("'" + db_path +
              "' holds no index (no Xapian database in it): --db names the directory that "
              "dateline-index --db DIR built, not the articles' folder");
}

}  // namespace

Xapian::Database open_index(const std::string& db_path) {
  check_index_directory(db_path);
  try {
    return Xapian::Database(db_path);
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error("cannot open index '" + db_path + "': " + e.get_msg());
  }
}

ShardSet::ShardSet(IndexSource source) : m_source(std::move(source)) {
  std::size_t remote = 0;
  std::string stubs;
  for (const std::string& database : m_source.databases) {
    std::error_code ec;
    if (fs::is_regular_file(database, ec)) {
      for (ShardLocation& location : shards::read_stub(database)) {
        m_locations.push_back(std::move(location));
      }
      stubs += (stubs.empty() ? "" : ", ") + database;
    } else {
      check_index_directory(database);
      ShardLocation location;
      location.path = database;
      m_locations.push_back(std::move(location));
    }
  }
  for (const std::string& address : m_source.remotes) {
    m_locations.push_back(shards::parse_remote(address));
  }
  if (m_locations.empty()) throw Error("no index given");
  for (const ShardLocation& location : m_locations) {
    if (location.kind == ShardLocation::Kind::remote) ++remote;
  }
  m_remote_count = remote;
  m_single_directory =
      m_locations.size() == 1 && m_source.databases.size() == 1 && stubs.empty() && remote == 0;
  if (m_single_directory) {
    m_description = m_source.databases.front();
  } else {
    m_description = std::to_string(m_locations.size()) + " shards";
    if (remote > 0) m_description += " (" + std::to_string(remote) + " remote)";
    if (!stubs.empty()) m_description += " of " + stubs;
  }
  open_all();
}

void ShardSet::open_all() {
  std::vector<std::size_t> all(m_locations.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<Opened> opened = open_locations(m_locations, all, m_source.timeout);
  m_open.assign(m_locations.size(), Xapian::Database());
  std::vector<MissingShard> failed;
  for (std::size_t i = 0; i < opened.size(); ++i) {
    if (opened[i].fatal) std::rethrow_exception(opened[i].fatal);
    if (!opened[i].failure.empty()) {
      failed.push_back({m_locations[i].name(), opened[i].failure});
      continue;
    }
    if (m_language.empty()) m_language = opened[i].language;
    if (opened[i].language != m_language) {
      throw Error("shard " + m_locations[i].name() + " was indexed with the " + opened[i].language +
                  " stemmer, the others with " + m_language + "; they are not one index");
    }
    m_open[i] = opened[i].db;
  }
  if (failed.size() == m_locations.size()) {
    if (m_single_directory) throw Error("cannot open index " + list_missing(failed));
    throw none_answered(m_description, failed);
  }
  check_partial_allowed(failed, m_source.allow_partial);
  m_missing = std::move(failed);
  rebuild_database();
}

void ShardSet::rebuild_database() {
  Xapian::Database db;
  for (const Xapian::Database& shard : m_open) {
    if (shard.size() > 0) db.add_database(shard);
  }
  m_db = db;
}

void ShardSet::recover(const Xapian::NetworkError& error) {
  // Which shard failed, Xapian does not say: ask each remote shard afresh.
  std::vector<std::size_t> remote;
  for (std::size_t i = 0; i < m_locations.size(); ++i) {
    if (m_locations[i].kind == ShardLocation::Kind::remote && m_open[i].size() > 0) {
      remote.push_back(i);
    }
  }
  if (remote.empty()) throw ShardError(error.get_description());
  std::vector<Opened> opened = open_locations(m_locations, remote, m_source.timeout);
  std::vector<MissingShard> failed;
  for (std::size_t k = 0; k < remote.size(); ++k) {
    const std::size_t i = remote[k];
    if (opened[k].fatal) std::rethrow_exception(opened[k].fatal);
    if (opened[k].failure.empty()) {
      m_open[i] = opened[k].db;  // a fresh connection: the old one may be mid-message
    } else {
      failed.push_back({m_locations[i].name(), opened[k].failure});
      m_open[i] = Xapian::Database();
    }
  }
  check_partial_allowed(failed, m_source.allow_partial);
  m_missing.insert(m_missing.end(), failed.begin(), failed.end());
  if (m_missing.size() == m_locations.size()) throw none_answered(m_description, m_missing);
  rebuild_database();
}

}  // namespace dateline

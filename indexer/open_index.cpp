#include "indexer/open_index.hpp"

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/index_location.hpp"

namespace dateline {

namespace fs = std::filesystem;

namespace {

// Creates a new, empty database at `db_path` (which does not exist) beside
// it and renames it into place, so that a kill never leaves half of one
// there. REQUIRES: the index's lock is held (no one else creates it).
void create_in_one_step(const std::string& db_path) {
  const fs::path fresh = beside_index(db_path, ".dateline-new");
  std::error_code ec;
  fs::remove_all(fresh, ec);  // left by a run killed here
  Xapian::WritableDatabase(fresh.string(), Xapian::DB_CREATE).close();
  fs::rename(fresh, db_path);
}

// True when the database at `path` is a creation cut short, which may be
// created again (indexer/index_location.hpp).
bool unfinished(const std::string& path) {
  try {
    return inspect_index_path(path).kind == IndexPathKind::unfinished;
  } catch (const Error&) {
    return false;
  }
}

// The database at `db_path` open for writing with Xapian's `flags`
// (created first, in one step, unless `flags` is DB_OPEN), or an Error
// saying why not: another writer holds it, or it cannot be locked or
// opened.
Xapian::WritableDatabase open_for_writing(const std::string& db_path, int flags) {
  try {
    std::error_code ec;
    if (flags != Xapian::DB_OPEN && !fs::exists(db_path, ec)) create_in_one_step(db_path);
    return Xapian::WritableDatabase(db_path, flags);
  } catch (const Xapian::DatabaseLockError& e) {
    // Xapian reports every failure to take the lock this way; only "already
    // locked" means another writer (a read-only file system is another).
    if (e.get_msg().ends_with(": already locked")) {
      throw Error("index '" + db_path + "' is being written by another process");
    }
    throw Error("cannot lock index '" + db_path + "' for writing: " + e.get_msg());
  } catch (const Xapian::DatabaseError& e) {
    if (unfinished(db_path)) {
      try {
        return Xapian::WritableDatabase(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
      } catch (const Xapian::DatabaseLockError&) {
        throw Error("index '" + db_path + "' is being written by another process");
      } catch (const Xapian::DatabaseError&) {
      }
    }
    throw Error("cannot open index '" + db_path + "' for writing: " + e.get_description());
  }
}

// The language of a new index: --language if given, else English.
std::string new_index_language(const IndexParams& params) {
  return params.language.empty() ? "english" : params.language;
}

// The language of an existing index: --language if given, else its own.
std::string language_of(const IndexParams& params, const Xapian::Database& db) {
  if (!params.language.empty()) return params.language;
  const std::string stored = db.get_metadata(schema::k_meta_language);
  return stored.empty() ? "english" : stored;
}

// An index that holds articles is updated; an empty one, or any with
// --rebuild, is built afresh. Without --rebuild, an index of another
// schema or language is refused (stamp_database says how to proceed).
Strategy choose_strategy(const IndexParams& params, std::vector<Xapian::WritableDatabase>& dbs,
                         const std::string& language) {
  Xapian::doccount documents = 0;
  for (const Xapian::WritableDatabase& db : dbs) documents += db.get_doccount();
  if (params.rebuild == Rebuild::yes) return Strategy::fresh;
  for (Xapian::WritableDatabase& db : dbs) schema::stamp_database(db, language);
  return documents > 0 ? Strategy::update : Strategy::fresh;
}

// Refuses a directory where a new sharded index's shards would go that
// holds anything but the shards of a killed run of it.
void check_shard_directory(const fs::path& shard_dir) {
  std::error_code ec;
  if (!fs::exists(shard_dir, ec)) return;
  if (!fs::is_directory(shard_dir, ec)) {
    throw Error("'" + shard_dir.string() + "', where the shards would go, is not a directory");
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(shard_dir)) {
    const std::string name = entry.path().filename().string();
    if (name != "spelling" && !name.starts_with("shard-")) {
      throw Error("'" + shard_dir.string() + "', where the shards would go, holds '" + name +
                  "', which is not a shard; give another --db");
    }
    require_replaceable(entry.path(), inspect_index_path(entry.path()));
  }
}

// A new index: nothing at --db yet, an empty directory, or a database
// whose creation was cut short. With --shards, --db becomes the stub file,
// and its ".shards" directory must hold nothing but a killed run's shards.
void open_new_index(const IndexParams& params, const IndexPathState& state, OpenIndex& index) {
  index.strategy = Strategy::fresh;
  index.language = new_index_language(params);
  if (params.shards == 0) {
    index.targets.shards = {params.db_path};
    return;
  }
  if (state.kind != IndexPathKind::missing) {
    throw Error("--db '" + params.db_path +
                "' is a directory, but --shards makes --db the stub file of a new sharded index: "
                "give a path that does not exist yet");
  }
  index.sharded = true;
  index.targets.stub = params.db_path;
  for (std::size_t i = 0; i < params.shards; ++i) {
    index.targets.shards.push_back(shards::shard_path(params.db_path, i));
  }
  index.targets.spelling = shards::spelling_path(params.db_path);
  check_shard_directory(index.targets.spelling.parent_path());
}

// One dateline database at --db.
void open_database_index(const IndexParams& params, const IndexPathState& state, OpenIndex& index) {
  if (params.shards > 0) {
    throw Error("index '" + params.db_path +
                "' is one database; --shards builds a new sharded index: give a --db that does "
                "not exist yet");
  }
  index.targets.shards = {params.db_path};
  index.databases.push_back(open_for_writing(params.db_path, Xapian::DB_OPEN));
  index.language = language_of(params, index.databases.front());
  index.strategy = choose_strategy(params, index.databases, index.language);
  if (index.strategy == Strategy::fresh) require_replaceable(params.db_path, state);
}

// The shards the stub at --db lists, as the index's targets; refuses
// remote shards and a count other than --shards.
void read_listed_shards(const IndexParams& params, OpenIndex& index) {
  const std::vector<shards::ShardLocation> listed = shards::read_stub(params.db_path);
  const fs::path spelling = shards::spelling_path(params.db_path);
  index.sharded = true;
  index.targets.stub = params.db_path;
  index.targets.spelling = spelling;
  for (const shards::ShardLocation& shard : listed) {
    if (shard.kind != shards::ShardLocation::Kind::local) {
      throw Error("index '" + params.db_path + "' lists the remote shard " + shard.name() +
                  "; dateline-index writes local shards only: run it where the shards are");
    }
    if (shard.path != spelling.string()) index.targets.shards.emplace_back(shard.path);
  }
  const std::size_t count = index.targets.shards.size();
  if (params.shards > 0 && params.shards != count) {
    throw Error("index '" + params.db_path + "' has " + std::to_string(count) + " shards, not " +
                std::to_string(params.shards) +
                "; to split the articles another way, build a new index: --db NEW --shards " +
                std::to_string(params.shards));
  }
}

// Marks a sharded index's spelling database as such, with the index's
// schema and language.
void stamp_spelling_database(Xapian::WritableDatabase& spelling, const std::string& language) {
  schema::stamp_database(spelling, language);
  spelling.set_metadata(shards::k_meta_shard, shards::k_spelling_shard);
  spelling.commit();
}

// A sharded index: the stub at --db and the databases it lists.
void open_sharded_index(const IndexParams& params, OpenIndex& index) {
  read_listed_shards(params, index);
  std::vector<fs::path> paths = index.targets.shards;
  paths.push_back(index.targets.spelling);
  std::vector<IndexPathState> states;
  for (const fs::path& path : paths) {
    states.push_back(inspect_index_path(path));
    if (states.back().kind == IndexPathKind::shard_stub) {
      throw Error("index '" + params.db_path + "' lists '" + path.string() +
                  "', which is a stub, not a shard");
    }
  }
  for (const fs::path& path : index.targets.shards) {
    index.databases.push_back(open_for_writing(path, Xapian::DB_CREATE_OR_OPEN));
  }
  index.spelling.emplace(open_for_writing(index.targets.spelling, Xapian::DB_CREATE_OR_OPEN));
  index.language = language_of(params, index.databases.front());
  index.strategy = choose_strategy(params, index.databases, index.language);
  if (index.strategy == Strategy::fresh) {
    for (std::size_t i = 0; i < paths.size(); ++i) require_replaceable(paths[i], states[i]);
    return;
  }
  stamp_spelling_database(*index.spelling, index.language);
}

// An index to update: its databases joined as one (stamped with their
// place among a sharded index's shards).
void join_for_update(OpenIndex& index) {
  index.all.emplace();
  for (std::size_t shard = 0; shard < index.databases.size(); ++shard) {
    if (index.sharded) stamp_shard(index.databases[shard], shard, index.databases.size());
    index.all->add_database(index.databases[shard]);
  }
  index.all->commit();
}

}  // namespace

std::size_t OpenIndex::shard_count() const {
  return std::max<std::size_t>(targets.shards.size(), 1);
}

OpenIndex open_index(const IndexParams& params) {
  OpenIndex index;
  const IndexPathState state = inspect_index_path(params.db_path);
  switch (state.kind) {
    case IndexPathKind::missing:
    case IndexPathKind::empty_directory:
    case IndexPathKind::unfinished:
      open_new_index(params, state, index);
      break;
    case IndexPathKind::dateline_index:
      open_database_index(params, state, index);
      break;
    case IndexPathKind::shard_stub:
      open_sharded_index(params, index);
      break;
  }
  make_stemmer(index.language);  // reject a bad language before writing anything
  if (index.strategy == Strategy::update) join_for_update(index);
  return index;
}

OpenIndex open_no_index(const IndexParams& params) {
  OpenIndex index;
  index.language = new_index_language(params);
  make_stemmer(index.language);
  return index;
}

}  // namespace dateline

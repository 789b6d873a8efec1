// Unit tests for indexer/index_location.cpp: what is at an index path, the
// index apart from its inputs, and the writer's lock.
#include "indexer/index_location.hpp"

#include <sys/stat.h>
#include <xapian.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "tests/indexer/index_helpers.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::error_of;
using test::TempDir;

// A dateline index at `path`: a database stamped with the schema version.
void make_dateline_index(const fs::path& path) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  db.set_metadata(schema::k_meta_schema_version, std::to_string(schema::k_schema_version));
  db.commit();
}

}  // namespace

TEST_CASE("inspect_index_path tells what may become or is an index", "[indexer][location]") {
  TempDir dir;
  CHECK(inspect_index_path(dir.path() / "new").kind == IndexPathKind::missing);

  fs::create_directory(dir.path() / "empty");
  CHECK(inspect_index_path(dir.path() / "empty").kind == IndexPathKind::empty_directory);

  make_dateline_index(dir.path() / "index");
  const IndexPathState index = inspect_index_path(dir.path() / "index");
  CHECK(index.kind == IndexPathKind::dateline_index);
  CHECK(index.foreign_entry.empty());

  // Another schema version is still dateline's own (--rebuild may replace it).
  {
    Xapian::WritableDatabase old((dir.path() / "old").string(), Xapian::DB_CREATE);
    old.set_metadata(schema::k_meta_schema_version, "3");
    old.commit();
  }
  CHECK(inspect_index_path(dir.path() / "old").kind == IndexPathKind::dateline_index);

  // Created, never written: nothing was stored there.
  Xapian::WritableDatabase((dir.path() / "unstamped").string(), Xapian::DB_CREATE).close();
  CHECK(inspect_index_path(dir.path() / "unstamped").kind == IndexPathKind::unfinished);
  // Killed before its first commit: Xapian's files but no version file.
  fs::create_directory(dir.path() / "cut");
  dir.write("cut/flintlock", "");
  dir.write("cut/postlist.tmp", "");
  CHECK(inspect_index_path(dir.path() / "cut").kind == IndexPathKind::unfinished);

  dir.write("stub", "auto index\n");
  CHECK(inspect_index_path(dir.path() / "stub").kind == IndexPathKind::shard_stub);
}

TEST_CASE("inspect_index_path refuses what dateline did not create", "[indexer][location]") {
  TempDir dir;
  // A folder of notes, with a file or only a subfolder.
  fs::create_directories(dir.path() / "notes/sub");
  dir.write("notes/todo.md", "buy milk\n");
  fs::create_directories(dir.path() / "folders/sub");
  // A Xapian database of someone else's: documents, no dateline stamp.
  {
    Xapian::WritableDatabase other((dir.path() / "other").string(), Xapian::DB_CREATE);
    other.add_document(Xapian::Document());
    other.commit();
  }
  // A database directory someone also keeps their own file in, before
  // its first commit.
  fs::create_directory(dir.path() / "mixed");
  dir.write("mixed/flintlock", "");
  dir.write("mixed/notes.txt", "mine\n");
  dir.write("letter.txt", "Dear reader,\n");
  mkfifo((dir.path() / "pipe").c_str(), 0600);

  struct Case {
    const char* name;
    const char* expected;
  };
  const Case cases[] = {
      {"notes", "is a directory that is not a dateline index (it holds 'sub')"},
      {"folders", "is a directory that is not a dateline index (it holds 'sub')"},
      {"other", "is a Xapian database that dateline did not create"},
      {"mixed", "is a directory that is not a dateline index (it holds 'notes.txt')"},
      {"letter.txt", "is a file that is not the stub of a sharded dateline index"},
      {"pipe", "is neither a directory nor a shard stub file"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const fs::path path = dir.path() / c.name;
    const std::string message = error_of([&] { inspect_index_path(path); });
    CHECK_THAT(message,
               Catch::StartsWith("--db '" + path.string() + "' ") && Catch::Contains(c.expected));
  }
  CHECK(fs::exists(dir.path() / "notes/todo.md"));
}

TEST_CASE("a dateline index holding a file of someone else's is not replaced whole",
          "[indexer][location]") {
  TempDir dir;
  make_dateline_index(dir.path() / "index");
  dir.write("index/README", "my notes about this index\n");
  const IndexPathState state = inspect_index_path(dir.path() / "index");
  CHECK(state.kind == IndexPathKind::dateline_index);
  CHECK(state.foreign_entry == "README");
  CHECK_THAT(error_of([&] { require_replaceable(dir.path() / "index", state); }),
             Catch::Contains("holds 'README'") && Catch::Contains("move it out first"));
  CHECK(error_of([&] { require_replaceable(dir.path() / "index", {}); }).empty());
}

TEST_CASE("the index may not be, lie in, or hold an input", "[indexer][location]") {
  TempDir dir;
  fs::create_directories(dir.path() / "news/2024");
  fs::create_directories(dir.path() / "indexes");
  fs::create_directory_symlink(dir.path() / "news", dir.path() / "link");
  const std::string news = (dir.path() / "news").string();
  struct Case {
    fs::path db;
    std::string input;
    const char* expected;  // empty: allowed
  };
  const Case cases[] = {
      {dir.path() / "news", news, "is also an input"},
      {dir.path() / "news/", news, "is also an input"},
      {dir.path() / "indexes/../news", news, "is also an input"},
      {dir.path() / "link", news, "is also an input"},
      {dir.path() / "news/index", news, "lies inside the input"},
      {dir.path() / "news/2024/x/y", news, "lies inside the input"},
      {dir.path() / "link/index", news, "lies inside the input"},
      {dir.path() / "news", (dir.path() / "news/2024").string(), "lies inside the index"},
      {dir.path() / "indexes/news", news, ""},
      {dir.path() / "news-index", news, ""},  // a sibling whose name starts alike
      {dir.path() / "newsx", (dir.path() / "news/2024").string(), ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.db, c.input);
    const std::string message = error_of([&] {
      check_index_apart_from_inputs(c.db, {(dir.path() / "x").string(), c.input});
    });
    if (std::string(c.expected).empty()) {
      CHECK(message.empty());
    } else {
      CHECK_THAT(message, Catch::Contains(c.expected));
    }
  }
}

TEST_CASE("beside_index names a hidden sibling of the index", "[indexer][location]") {
  CHECK(beside_index("/srv/news/index", ".dateline-lock") == "/srv/news/.index.dateline-lock");
  CHECK(beside_index("/srv/news/index/", ".dateline-build") == "/srv/news/.index.dateline-build");
  CHECK(beside_index("index", ".x") == fs::current_path() / ".index.x");
}

TEST_CASE("IndexLock lets one run at a time write an index", "[indexer][location]") {
  TempDir dir;
  const fs::path db = dir.path() / "index";
  const fs::path lock_file = dir.path() / ".index.dateline-lock";
  {
    const IndexLock first(db);
    CHECK(fs::exists(lock_file));
    // Another open of the file (as another process makes) cannot take it.
    CHECK(error_of([&] { IndexLock second(db); }) ==
          "index '" + db.string() + "' is being written by another process");
    // Another index beside it has a lock of its own.
    CHECK_NOTHROW(IndexLock(dir.path() / "other"));
  }
  CHECK_FALSE(fs::exists(lock_file));  // released: nothing left behind
  CHECK_NOTHROW(IndexLock(db));
  // A stale lock file (a killed run's) is taken over.
  dir.write(".index.dateline-lock", "");
  CHECK_NOTHROW(IndexLock(db));
  CHECK_THAT(error_of([&] { IndexLock(dir.path() / "no/such/dir/index"); }),
             Catch::Contains("cannot create") && Catch::Contains("No such file or directory"));
}

}  // namespace dateline

// Unit tests for indexer/open_index.cpp: how the index at --db is opened
// for a run (its strategy, databases and language), what is stamped, and
// what is refused.
#include "indexer/open_index.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "tests/indexer/index_helpers.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::error_of;
using test::params_for;
using test::TempDir;

// A dateline index of `language` at `path` holding `articles` articles.
void make_index(const fs::path& path, const std::string& language, int articles) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OPEN);
  schema::write_stamp(db, language);
  for (int i = 0; i < articles; ++i) {
    Xapian::Document document;
    document.add_boolean_term(schema::id_term("article-" + std::to_string(i)));
    db.add_document(document);
  }
  db.commit();
}

}  // namespace

TEST_CASE("a new index is built afresh, in English unless told otherwise", "[indexer][open]") {
  const TempDir dir;
  IndexParams params = params_for(dir.path() / "new");
  OpenIndex index = open_index(params);
  CHECK(index.strategy == Strategy::fresh);
  CHECK(index.language == "english");
  CHECK(index.targets.shards == std::vector<fs::path>{params.db_path});
  CHECK_FALSE(index.sharded);
  CHECK(index.databases.empty());
  CHECK_FALSE(index.all.has_value());
  CHECK(index.shard_count() == 1);
  CHECK_FALSE(fs::exists(params.db_path));  // nothing is made at its place

  fs::create_directory(dir.path() / "empty");
  params = params_for(dir.path() / "empty");
  params.language = "french";
  index = open_index(params);
  CHECK(index.strategy == Strategy::fresh);
  CHECK(index.language == "french");

  params.language = "klingon";
  CHECK_THAT(error_of([&] { open_index(params); }), Catch::Contains("klingon"));
}

TEST_CASE("a dry run opens nothing but checks its language", "[indexer][open]") {
  IndexParams params;
  params.write = WriteMode::dry_run;
  const OpenIndex index = open_no_index(params);
  CHECK(index.strategy == Strategy::dry_run);
  CHECK(index.language == "english");
  CHECK(index.shard_count() == 1);
  params.language = "klingon";
  CHECK_THAT(error_of([&] { open_no_index(params); }), Catch::Contains("klingon"));
}

TEST_CASE("an index that holds articles is updated in its own language", "[indexer][open]") {
  const TempDir dir;
  const fs::path db = dir.path() / "index";
  make_index(db, "french", 2);
  IndexParams params = params_for(db);
  {
    const OpenIndex index = open_index(params);
    CHECK(index.strategy == Strategy::update);
    CHECK(index.language == "french");
    REQUIRE(index.databases.size() == 1);
    REQUIRE(index.all.has_value());
    CHECK(index.all->get_doccount() == 2);
    // Another writer is kept off while it is open.
    CHECK_THAT(error_of([&] { open_index(params); }),
               Catch::Contains("is being written by another process"));
  }
  params.language = "german";
  CHECK_THAT(error_of([&] { open_index(params); }),
             Catch::Contains("built with language 'french', not 'german'"));
  params.language.clear();
  params.shards = 2;
  CHECK_THAT(error_of([&] { open_index(params); }), Catch::Contains("is one database"));

  // --rebuild: built afresh, whatever its language, the old index held
  // open until the merge replaces it.
  params.shards = 0;
  params.language = "german";
  params.rebuild = Rebuild::yes;
  const OpenIndex rebuilt = open_index(params);
  CHECK(rebuilt.strategy == Strategy::fresh);
  CHECK(rebuilt.language == "german");
  CHECK(rebuilt.databases.size() == 1);
  CHECK_FALSE(rebuilt.all.has_value());
}

TEST_CASE("an empty dateline index is built afresh, unless it holds a file of someone else's",
          "[indexer][open]") {
  const TempDir dir;
  const fs::path db = dir.path() / "index";
  make_index(db, "english", 0);
  const IndexParams params = params_for(db);
  CHECK(open_index(params).strategy == Strategy::fresh);

  std::ofstream(db / "notes.txt") << "mine";
  CHECK_THAT(error_of([&] { open_index(params); }), Catch::Contains("holds 'notes.txt'"));
}

TEST_CASE("a new index with --shards is a stub and its shards", "[indexer][open]") {
  const TempDir dir;
  const fs::path stub = dir.path() / "index";
  IndexParams params = params_for(stub);
  params.shards = 3;
  const OpenIndex index = open_index(params);
  CHECK(index.strategy == Strategy::fresh);
  CHECK(index.sharded);
  CHECK(index.targets.stub == stub);
  CHECK(index.targets.shards == std::vector<fs::path>{shards::shard_path(stub, 0),
                                                      shards::shard_path(stub, 1),
                                                      shards::shard_path(stub, 2)});
  CHECK(index.targets.spelling == shards::spelling_path(stub));
  CHECK(index.shard_count() == 3);

  // The directory of its shards may hold a killed run's shards, nothing else.
  fs::create_directories(shards::shard_path(stub, 0));
  CHECK(error_of([&] { open_index(params); }).empty());
  std::ofstream(shards::spelling_path(stub).parent_path() / "notes.txt") << "mine";
  CHECK_THAT(error_of([&] { open_index(params); }),
             Catch::Contains("holds 'notes.txt', which is not a shard"));

  fs::create_directory(dir.path() / "folder");
  params.db_path = (dir.path() / "folder").string();
  CHECK_THAT(error_of([&] { open_index(params); }),
             Catch::Contains("is a directory, but --shards makes --db the stub file"));
}

TEST_CASE("a sharded index is updated shard by shard, each stamped with its place",
          "[indexer][open]") {
  const TempDir dir;
  const fs::path stub = dir.path() / "index";
  shards::write_local_stub(stub, 2);
  fs::create_directories(shards::spelling_path(stub).parent_path());
  make_index(shards::shard_path(stub, 0), "english", 3);
  IndexParams params = params_for(stub);
  {
    const OpenIndex index = open_index(params);
    CHECK(index.strategy == Strategy::update);
    CHECK(index.sharded);
    REQUIRE(index.databases.size() == 2);  // the missing shard is created
    CHECK(index.all->get_doccount() == 3);
    CHECK(index.databases[0].get_metadata(shards::k_meta_shard) == "0/2");
    CHECK(index.databases[1].get_metadata(shards::k_meta_shard) == "1/2");
    REQUIRE(index.spelling.has_value());
  }
  const Xapian::Database spelling(shards::spelling_path(stub).string());
  CHECK(spelling.get_metadata(shards::k_meta_shard) == shards::k_spelling_shard);
  CHECK(spelling.get_metadata(schema::k_meta_language) == "english");

  params.shards = 3;
  CHECK_THAT(error_of([&] { open_index(params); }), Catch::Contains("has 2 shards, not 3"));
}

}  // namespace dateline

// Unit tests for indexer/fresh_build.cpp: the build directory beside an
// index, sealing an interrupted build, resuming it, and the merge that puts
// the index in place.
#include "indexer/fresh_build.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "indexer/spelling.hpp"
#include "tests/indexer/index_helpers.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

const BuildSettings k_settings{"english", 1, false, true, ""};

// Adds to the database at `path` one article of each source file named,
// as a worker would (the file term and an id term).
void write_part(const fs::path& path, const std::vector<std::string>& files) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OPEN);
  for (const std::string& file : files) {
    Xapian::Document document;
    document.add_boolean_term(schema::file_term(file));
    document.add_boolean_term(schema::id_term(file));
    db.add_document(document);
  }
  db.commit();
}

// The source files whose articles the database at `path` holds.
std::set<std::string> files_in(const fs::path& path, const std::vector<std::string>& candidates) {
  const Xapian::Database db(path.string());
  std::set<std::string> found;
  for (const std::string& file : candidates) {
    if (db.term_exists(schema::file_term(file))) found.insert(file);
  }
  return found;
}

// How many articles the spelling data of the database at `path` gives
// `word` (0 when it has none).
Xapian::doccount spelling_frequency(const fs::path& path, const std::string& word) {
  const std::map<std::string, Xapian::doccount> words =
      test::spelling_of(Xapian::Database(path.string()));
  const auto found = words.find(word);
  return found == words.end() ? 0 : found->second;
}

// Makes `dir` the current directory for its lifetime.
class InDirectory {
 public:
  explicit InDirectory(const fs::path& dir) : m_before(fs::current_path()) {
    fs::current_path(dir);
  }
  ~InDirectory() { fs::current_path(m_before); }
  InDirectory(const InDirectory&) = delete;
  InDirectory& operator=(const InDirectory&) = delete;

 private:
  fs::path m_before;
};

}  // namespace

TEST_CASE("a build directory lives beside its index and goes when removed", "[indexer][build]") {
  TempDir dir;
  const fs::path db = dir.path() / "index";
  BuildDirectory build(db, k_settings);
  CHECK(build.path() == dir.path() / ".index.dateline-build");
  CHECK(fs::is_directory(build.path()));
  CHECK_FALSE(build.resuming());
  CHECK(build.part_database(1, 2, 0).parent_path() == build.path());
  CHECK(build.part_database(1, 2, 0) != build.part_database(1, 2, 1));
  build.remove();
  CHECK_FALSE(fs::exists(build.path()));
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a sealed build is resumed by a run of the same settings, and only by one",
          "[indexer][build]") {
  TempDir dir;
  const fs::path db = dir.path() / "index";
  {
    BuildDirectory first(db, k_settings);
    write_part(first.part_database(0, 0, 0), {"/a.txt", "/b.txt"});
    write_part(first.part_database(1, 0, 0), {"/c.txt"});
    std::vector<SpellingCounts> counts(2);
    counts[1].add_article({"zebra"});
    first.seal({1, 1}, counts, "Subscribe now", {});
  }
  std::vector<std::string> sealed;
  {
    BuildDirectory second(db, k_settings);
    REQUIRE(second.resuming());
    CHECK(second.resumed_boilerplate() == "Subscribe now");
    sealed = second.sealed_databases();
    CHECK(sealed.size() == 2);
    // This run's parts are named apart from the sealed ones.
    for (const std::string& path : sealed) CHECK(path != second.part_database(0, 0, 0).string());
    // Worker 1's counts went into its part.
    CHECK(spelling_frequency(sealed[1], "zebra") == 1);
    CHECK(spelling_frequency(sealed[0], "zebra") == 0);
    // A part this run started and never sealed (it was killed).
    write_part(second.part_database(0, 0, 0), {"/d.txt"});
  }
  {
    BuildDirectory third(db, k_settings);
    REQUIRE(third.resuming());
    CHECK(third.sealed_databases() == sealed);
    // The killed run's part is gone; the sealed ones stay.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(third.path())) ++entries;
    CHECK(entries == 3);  // two parts and the record
  }
  {
    BuildSettings other = k_settings;
    other.entities = false;
    BuildDirectory fourth(db, other);
    CHECK_FALSE(fourth.resuming());
    CHECK(fs::is_empty(fourth.path()));  // nothing of another build is kept
  }
}

TEST_CASE("sealing again drops the files a resumed run read anew", "[indexer][build]") {
  TempDir dir;
  const fs::path db = dir.path() / "index";
  const std::vector<std::string> files = {"/a.txt", "/b.txt", "/c.txt"};
  {
    BuildDirectory first(db, k_settings);
    write_part(first.part_database(0, 0, 0), files);
    std::vector<SpellingCounts> counts(1);
    first.seal({1}, counts, "", {});
  }
  BuildDirectory second(db, k_settings);
  REQUIRE(second.resuming());
  const std::string sealed = second.sealed_databases().front();
  write_part(second.part_database(0, 0, 0), {"/b.txt"});  // b changed, read again
  std::vector<SpellingCounts> counts(1);
  second.seal({1}, counts, "", {schema::file_term("/b.txt")});
  CHECK(files_in(sealed, files) == std::set<std::string>{"/a.txt", "/c.txt"});
  CHECK(files_in(second.part_database(0, 0, 0), files) == std::set<std::string>{"/b.txt"});
}

TEST_CASE(
    "merging a resumed build keeps the sealed files found unchanged, and puts the index in "
    "place",
    "[indexer][build]") {
  TempDir dir;
  const fs::path db = dir.path() / "index";
  const std::vector<std::string> files = {"/a.txt", "/b.txt", "/c.txt", "/d.txt"};
  {
    BuildDirectory first(db, k_settings);
    write_part(first.part_database(0, 0, 0), {"/a.txt", "/b.txt", "/c.txt"});
    std::vector<SpellingCounts> counts(1);
    counts[0].add_article({"okapi"});
    first.seal({1}, counts, "Read more", {});
  }
  // An empty directory the user made for the index is replaced by it.
  fs::create_directory(db);
  BuildDirectory second(db, k_settings);
  REQUIRE(second.resuming());
  // a unchanged; b changed and read again; c deleted; d new.
  write_part(second.part_database(0, 0, 0), {"/b.txt", "/d.txt"});
  SpellingCounts words;
  words.add_article({"okapi", "walrus"});
  RunClock clock;
  const RunClock::Busy working = clock.busy();
  const std::size_t held = second.merge_into({{db}, {}, {}}, {1}, words,
                                             {schema::file_term("/a.txt")}, "Read more", 2, clock);
  CHECK(held == 3);
  CHECK(files_in(db, files) == std::set<std::string>{"/a.txt", "/b.txt", "/d.txt"});
  const Xapian::Database index(db.string());
  CHECK(index.get_doccount() == 3);
  CHECK(index.get_metadata(schema::k_meta_schema_version) ==
        std::to_string(schema::k_schema_version));
  CHECK(index.get_metadata(schema::k_meta_boilerplate) == "Read more");
  CHECK(spelling_frequency(db, "okapi") == 2);  // the sealed part's and this run's
  CHECK(spelling_frequency(db, "walrus") == 1);
  CHECK_FALSE(fs::exists(second.path()));
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a new index named by a relative path is put in place", "[indexer][build]") {
  TempDir dir;
  const InDirectory here(dir.path());
  BuildDirectory build("index", k_settings);
  write_part(build.part_database(0, 0, 0), {"/a.txt"});
  SpellingCounts words;
  RunClock clock;
  const RunClock::Busy working = clock.busy();
  CHECK(build.merge_into({{"index"}, {}, {}}, {1}, words, {}, "", 1, clock) == 1);
  CHECK(Xapian::Database((dir.path() / "index").string()).get_doccount() == 1);
}

}  // namespace dateline

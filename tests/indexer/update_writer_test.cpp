// Unit tests for indexer/update_writer.cpp: an update replacing files
// whole, its commits, near-copies, and the removal of deleted files.
#include "indexer/update_writer.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/schema.hpp"
#include "indexer/document_builder.hpp"
#include "tests/indexer/index_helpers.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::params_for;
using test::spelling_of;
using test::TempDir;

const std::string k_story =
    "Foreign ministers from Britain, the United States and Russia met in Geneva on Tuesday "
    "for a marathon round of talks on a ceasefire, the first such meeting in two years, and "
    "agreed to meet again next month after eight hours of negotiations that both sides "
    "described as serious but difficult, officials said late in the evening.";

Article article(const std::string& id, const std::string& path, const std::string& body,
                const char* date = "2024-03-14") {
  Article a;
  a.id = id;
  a.source_path = path;
  a.title = "Talks in Geneva";
  a.paragraphs = {body};
  a.date = parse_date(date);
  return a;
}

// The document of `a` as a worker hands it to the writer.
BuiltDocument built(DocumentBuilder& builder, const Article& a) {
  Xapian::Document document = builder.build(a);
  return {schema::id_term(a.id), 0, std::move(document), builder.words()};
}

// A dateline index at `path` holding `articles`, to be updated.
void make_index(const fs::path& path, const std::vector<Article>& articles) {
  DocumentBuilder builder("english");
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  schema::write_stamp(db, "english");
  for (const Article& a : articles) db.add_document(builder.build(a));
  db.commit();
}

// The ids of the articles committed to the index at `path`.
std::set<std::string> ids_in(const fs::path& path) {
  const Xapian::Database db(path.string());
  std::set<std::string> ids;
  for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
    ids.insert((*it).substr(1));
  }
  return ids;
}

}  // namespace

TEST_CASE("an update replaces each file whole and commits only between files",
          "[indexer][update]") {
  const TempDir dir;
  const fs::path db = dir.path() / "index";
  make_index(db, {article("a1", "/in/a.txt", "First version of the story about cocoa.")});
  OpenIndex index = open_index(params_for(db));
  REQUIRE(index.strategy == Strategy::update);
  DocumentBuilder builder("english");
  UpdateWriter writer(index, 3);

  // File a.txt now holds two other articles: a1 goes, a2 and a3 come in.
  FileUpdate a{schema::file_term("/in/a.txt"),
               {built(builder, article("a2", "/in/a.txt", "Second story about sugar.")),
                built(builder, article("a3", "/in/a.txt", "Third story about coffee."))}};
  writer.write(a);
  CHECK(ids_in(db) == std::set<std::string>{"a1"});  // two of three: not committed
  FileUpdate b{schema::file_term("/in/b.txt"),
               {built(builder, article("b1", "/in/b.txt", "A story about wheat."))}};
  writer.write(b);
  CHECK(ids_in(db) == std::set<std::string>{"a2", "a3", "b1"});

  // A file whose articles all went.
  FileUpdate b_emptied{schema::file_term("/in/b.txt"), {}};
  writer.write(b_emptied);
  CHECK(writer.finish() == 2);
  CHECK(ids_in(db) == std::set<std::string>{"a2", "a3"});
  const Xapian::Database written(db.string());
  const std::map<std::string, Xapian::doccount> words = spelling_of(written);
  CHECK(words.at("coffee") == 1);
  CHECK(words.at("wheat") == 1);  // counts stay: they only rank
}

TEST_CASE("an article an update adds joins its near-copies in the index", "[indexer][update]") {
  const TempDir dir;
  const fs::path db = dir.path() / "index";
  make_index(db, {article("early", "/in/early.txt", k_story, "2024-03-14"),
                  article("other", "/in/other.txt", "Nothing like the story at all, really.")});
  OpenIndex index = open_index(params_for(db));
  DocumentBuilder builder("english");
  UpdateWriter writer(index, 100);
  FileUpdate late{schema::file_term("/in/late.txt"),
                  {built(builder, article("late", "/in/late.txt", k_story, "2024-03-15"))}};
  writer.write(late);
  CHECK(writer.finish() == 3);

  const Xapian::Database written(db.string());
  auto collapse_key = [&](const std::string& id) {
    const Xapian::PostingIterator posting = written.postlist_begin(schema::id_term(id));
    return written.get_document(*posting).get_value(schema::k_slot_collapse);
  };
  CHECK(collapse_key("late") == "early");
  CHECK(collapse_key("early") == "early");
  CHECK(collapse_key("other").empty());
}

TEST_CASE("the articles of files deleted below the inputs go, and only those",
          "[indexer][update]") {
  const TempDir dir;
  const fs::path in = dir.path() / "in";
  fs::create_directories(in);
  std::ofstream(in / "kept.txt") << "still here";
  std::ofstream(dir.path() / "single.txt") << "still here";
  const std::string gone = (in / "gone.txt").string();
  const std::string seen = (in / "seen.txt").string();
  const std::string beside = (dir.path() / "in-other" / "gone.txt").string();
  const std::string single_gone = (dir.path() / "single-gone.txt").string();
  const fs::path db = dir.path() / "index";
  make_index(db,
             {article("k", (in / "kept.txt").string(), "kept"), article("g1", gone, "gone, first"),
              article("g2", gone, "gone, second"), article("s", seen, "met by the walk"),
              article("o", beside, "not an input's"), article("x", single_gone, "not an input")});
  Xapian::WritableDatabase writable(db.string(), Xapian::DB_OPEN);
  const RemovedFiles removed =
      remove_deleted_files(writable, {in.string(), (dir.path() / "single.txt").string()},
                           std::unordered_set<std::string>{schema::file_term(seen)});
  writable.commit();
  CHECK(removed.files == 1);
  CHECK(removed.articles == 2);
  CHECK(ids_in(db) == std::set<std::string>{"k", "o", "s", "x"});
}

TEST_CASE("the articles of files deleted below an input that links to a directory go",
          "[indexer][update]") {
  // The walk stores a linked directory's files under the directory the
  // link names; the removal must look there too.
  const TempDir dir;
  const fs::path real = dir.path() / "real";
  fs::create_directories(real);
  fs::create_directory_symlink(real, dir.path() / "link");
  const std::string gone = (real / "gone.txt").string();
  const fs::path db = dir.path() / "index";
  make_index(db, {article("g", gone, "gone")});
  Xapian::WritableDatabase writable(db.string(), Xapian::DB_OPEN);
  const RemovedFiles removed = remove_deleted_files(writable, {(dir.path() / "link").string()},
                                                    std::unordered_set<std::string>{});
  writable.commit();
  CHECK(removed.files == 1);
  CHECK(ids_in(db).empty());
}

}  // namespace dateline

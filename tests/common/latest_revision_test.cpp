#include "common/latest_revision.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>

#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

// A writer that commits small batches to `path` as fast as it can, on its
// own thread, until `commits` are done: each commit frees the blocks of
// the revision before the last, so a reader falls behind within a few.
class BusyWriter {
 public:
  BusyWriter(const std::string& path, int commits)
      : m_thread([this, path, commits] { write(path, commits); }) {}
  ~BusyWriter() { m_thread.join(); }
  bool done() const { return m_done; }

 private:
  void write(const std::string& path, int commits) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (int commit = 0; commit < commits; ++commit) {
      for (int i = 0; i < 20; ++i) {
        Xapian::Document doc;
        doc.add_term("Qf" + std::to_string(commit * 20 + i));
        doc.add_value(3, std::string(40, 'v'));
        db.add_document(doc);
      }
      db.commit();
    }
    m_done = true;
  }

  std::atomic<bool> m_done{false};
  std::thread m_thread;
};

}  // namespace

TEST_CASE("a reader keeps reading while a writer commits faster than it reads",
          "[latest_revision]") {
  test::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  Xapian::WritableDatabase(path, Xapian::DB_CREATE).commit();

  // Xapian's reopen() and opening fail now and then under this writer (a
  // plain loop of them threw within a few hundred tries when this was
  // written); through latest_revision every one of them succeeds.
  Xapian::Database db = latest_revision::open(path);
  long found = 0;
  int rounds = 0;
  {
    BusyWriter writer(path, 1500);
    while (!writer.done()) {
      latest_revision::open(path);
      latest_revision::reopen(db);
      const std::string term = "Qf" + std::to_string(rounds % 5000);
      found += latest_revision::read(db, [&] {
        Xapian::PostingIterator posting = db.postlist_begin(term);
        if (posting == db.postlist_end(term)) return 0;
        return db.get_document(*posting).get_value(3).size() == 40 ? 1 : 0;
      });
      ++rounds;
    }
  }
  CHECK(rounds > 0);
  CHECK(found > 0);
  latest_revision::reopen(db);
  CHECK(db.get_doccount() == 1500 * 20);
}

TEST_CASE("read tells its caller when it moved to a later revision", "[latest_revision]") {
  test::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
    writer.add_document(Xapian::Document());
    writer.commit();
  }
  Xapian::Database db = latest_revision::open(path);
  int moves = 0;
  int calls = 0;
  // The first try fails as a discarded revision does; the second reads.
  const Xapian::doccount count = latest_revision::read(
      db,
      [&] {
        if (++calls == 1) throw Xapian::DatabaseModifiedError("revision discarded");
        return db.get_doccount();
      },
      [&] { ++moves; });
  CHECK(count == 1);
  CHECK(calls == 2);
  CHECK(moves == 1);
  // A document the handle cannot find is tried again the same way.
  calls = 0;
  moves = 0;
  CHECK(latest_revision::read(
            db,
            [&] {
              if (++calls == 1) throw Xapian::DocNotFoundError("listed, then gone");
              return db.get_doccount();
            },
            [&] { ++moves; }) == 1);
  CHECK(moves == 1);
  // A read that keeps failing gives up after k_attempts with the error.
  calls = 0;
  CHECK_THROWS_AS(latest_revision::read(db,
                                        [&]() -> int {
                                          ++calls;
                                          throw Xapian::DatabaseModifiedError("always");
                                        }),
                  Xapian::DatabaseModifiedError);
  CHECK(calls == latest_revision::k_attempts);
}

}  // namespace dateline

#include "indexer/spelling.hpp"

#include <catch2/catch.hpp>

#include "tests/temp_dir.hpp"

namespace dateline {

TEST_CASE("only plain unprefixed words become spelling data", "[indexer][spelling]") {
  struct Case {
    const char* term;
    bool word;
  };
  const Case cases[] = {{"cocoa", true},    {"s\xc3\xa3o", true},    {"ab", false},
                        {"marsh's", false}, {"1987", false},         {"Scocoa", false},
                        {"Zcocoa", false},  {"XPjohn kerry", false}, {"co2", false}};
  for (const Case& c : cases) {
    INFO(c.term);
    CHECK(is_spelling_word(c.term) == c.word);
  }
}

TEST_CASE("spelling data from a vocabulary and from documents", "[indexer][spelling]") {
  // The in-memory backend keeps no spelling data: use a real database.
  const test::TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  Xapian::Document first;
  first.add_term("cocoa");
  first.add_term("Scocoa");
  first.add_term("Zcocoa");
  db.add_document(first);
  Xapian::Document second;
  second.add_term("cocoa");
  second.add_term("futures");
  db.add_document(second);

  add_spelling_from_vocabulary(db);
  CHECK(db.get_spelling_suggestion("cocao") == "cocoa");
  CHECK(db.get_spelling_suggestion("futurs") == "futures");
  std::size_t words = 0;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    ++words;
    if (*it == "cocoa") CHECK(it.get_termfreq() == 2);  // its document frequency
  }
  CHECK(words == 2);

  Xapian::Document third;
  third.add_term("bahia");
  add_spelling_from_document(db, third);
  CHECK(db.get_spelling_suggestion("bahai") == "bahia");
}

}  // namespace dateline

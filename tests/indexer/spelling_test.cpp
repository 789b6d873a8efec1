#include "indexer/spelling.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "tests/indexer/index_helpers.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {

using test::spelling_of;

TEST_CASE("only plain words become spelling data", "[indexer][spelling]") {
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

TEST_CASE("spelling data counts the articles each word is in", "[indexer][spelling]") {
  // The in-memory backend keeps no spelling data: use a real database.
  const test::TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  SpellingCounts counts;
  counts.add_article({"cocoa", "futures", "1987", "ab"});
  counts.add_article({"cocoa"});
  CHECK(counts.size() == 2);  // "1987" and "ab" are not spelling words
  counts.add_to(db);
  CHECK(counts.size() == 0);  // forgotten once added
  db.commit();
  CHECK(db.get_spelling_suggestion("cocao") == "cocoa");
  CHECK(db.get_spelling_suggestion("futurs") == "futures");
  CHECK(spelling_of(db) == std::map<std::string, Xapian::doccount>{{"cocoa", 2}, {"futures", 1}});

  // Added again later (the next batch), the counts add up.
  counts.add_article({"cocoa", "bahia"});
  counts.add_to(db);
  db.commit();
  CHECK(spelling_of(db) ==
        std::map<std::string, Xapian::doccount>{{"bahia", 1}, {"cocoa", 3}, {"futures", 1}});

  // Another worker's counts, added to these.
  SpellingCounts worker;
  worker.add_article({"cocoa", "sugar"});
  SpellingCounts merged;
  merged.add_from(std::move(worker));
  CHECK(merged.size() == 2);
  SpellingCounts more;
  more.add_article({"sugar"});
  merged.add_from(std::move(more));
  // add_from promises to leave what it took from empty.
  CHECK(more.size() == 0);  // NOLINT(bugprone-use-after-move)
  Xapian::WritableDatabase sums((dir.path() / "sums").string(), Xapian::DB_CREATE);
  merged.add_to(sums);
  sums.commit();
  CHECK(spelling_of(sums) == std::map<std::string, Xapian::doccount>{{"cocoa", 1}, {"sugar", 2}});

  // Copied into another database (a sharded index's spelling database).
  Xapian::WritableDatabase other((dir.path() / "other").string(), Xapian::DB_CREATE);
  other.add_spelling("cocoa", 1);
  copy_spelling(db, other);
  other.commit();
  CHECK(other.get_spelling_suggestion("bahai") == "bahia");
  CHECK(spelling_of(other)["cocoa"] == 4);
}

TEST_CASE("spelling counts hold any number of words", "[indexer][spelling]") {
  // Thousands of words, past any first table size, in two workers' counts
  // that share half of them.
  auto word = [](int i) {
    std::string w = "wor";
    for (int n = i; n > 0; n /= 26) w += static_cast<char>('a' + n % 26);
    return w;
  };
  SpellingCounts first;
  SpellingCounts second;
  for (int i = 0; i < 6000; ++i) {
    first.add_article({word(i)});
    if (i % 2 == 0) first.add_article({word(i)});
    if (i >= 3000) second.add_article({word(i), word(i + 3000)});
  }
  CHECK(first.size() == 6000);
  first.add_from(std::move(second));
  CHECK(first.size() == 9000);
  const test::TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  first.add_to(db);
  db.commit();
  std::map<std::string, Xapian::doccount> words = spelling_of(db);
  REQUIRE(words.size() == 9000);
  for (int i = 0; i < 9000; ++i) {
    INFO(i);
    const Xapian::doccount expected = i >= 6000 ? 1 : (i % 2 == 0 ? 2 : 1) + (i >= 3000 ? 1 : 0);
    CHECK(words[word(i)] == expected);
  }
}

TEST_CASE("the compactor adds up the spelling data of the databases it merges",
          "[indexer][spelling]") {
  // A fresh build relies on this: each worker keeps its own articles' words.
  const test::TempDir dir;
  Xapian::Database parts;
  for (const char* name : {"a", "b"}) {
    Xapian::WritableDatabase part((dir.path() / name).string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("Zcocoa");
    part.add_document(doc);
    part.add_spelling("cocoa", 2);
    part.add_spelling(std::string(name) == "a" ? "sugar" : "coffee", 1);
    part.commit();
    parts.add_database(Xapian::Database((dir.path() / name).string()));
  }
  parts.compact((dir.path() / "merged").string());
  const Xapian::Database merged((dir.path() / "merged").string());
  CHECK(spelling_of(merged) ==
        std::map<std::string, Xapian::doccount>{{"cocoa", 4}, {"coffee", 1}, {"sugar", 1}});
}

}  // namespace dateline

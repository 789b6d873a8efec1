#include "indexer/duplicates.hpp"

#include <catch2/catch.hpp>

#include "common/schema.hpp"
#include "indexer/document_builder.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

const std::string k_story =
    "Foreign ministers from Britain, the United States and Russia met in Geneva on Tuesday "
    "for a marathon round of talks on a ceasefire, the first such meeting in two years, and "
    "agreed to meet again next month after eight hours of negotiations that both sides "
    "described as serious but difficult, officials said late in the evening.";

// Builds an article "Talks" of one paragraph into `db`; returns its
// signature.
Signature add_article(Xapian::WritableDatabase& db, DocumentBuilder& builder, const std::string& id,
                      const std::string& body, Date date) {
  Article article;
  article.id = id;
  article.source_path = "/archive/" + id + ".txt";
  article.title = "Talks";
  article.paragraphs = {body};
  article.date = date;
  const Xapian::Document doc = builder.build(article);
  db.add_document(doc);
  return decode_signature(doc.get_value(schema::k_slot_signature));
}

}  // namespace

TEST_CASE("MinHash sees near-copies as similar and other stories as not", "[indexer][duplicates]") {
  std::string edited = k_story;
  edited.replace(edited.find("Tuesday"), 7, "Monday");
  const std::string other =
      "The central bank raised interest rates by a quarter point on Thursday, citing "
      "inflation that has stayed above its target for a year, and signalled that more "
      "increases could follow if wages keep rising faster than productivity.";
  const Signature story = minhash(k_story);
  CHECK(equal_hashes(story, minhash(k_story)) == k_signature_size);
  CHECK(equal_hashes(story, minhash(edited)) >= k_min_equal_hashes);
  CHECK(equal_hashes(story, minhash(other)) < 4);
  CHECK(is_blank(minhash("too short")));
  CHECK_FALSE(is_blank(story));
  // Equal bands hash equal; a changed value changes its band's hash only.
  Signature changed = story;
  changed[0] ^= 1;
  CHECK(band_hash(changed, 0) != band_hash(story, 0));
  for (std::size_t band = 1; band < k_signature_bands; ++band) {
    CHECK(band_hash(changed, band) == band_hash(story, band));
  }
  CHECK(decode_signature(encode_signature(story)) == story);
}

TEST_CASE("a text's signature stays the same from version to version", "[indexer][duplicates]") {
  // Signatures are stored in the index and compared with those of articles
  // added later: how they are computed may not change without a schema
  // change. Words are runs of ASCII letters and digits, case folded.
  const Signature signature = minhash("Cocoa-prices ROSE 3 pct in Bahia, traders said on Tuesday.");
  CHECK(signature == minhash("cocoa PRICES rose 3 pct in bahia traders said on tuesday"));
  CHECK(signature[0] == 63665688u);
  CHECK(signature[1] == 104089706u);
  CHECK(signature[31] == 277131244u);
}

TEST_CASE("near-copies get the earliest copy's id as collapse key", "[indexer][duplicates]") {
  const test::TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  DocumentBuilder builder("english");
  auto add = [&](const std::string& id, const std::string& body, Date date) {
    add_article(db, builder, id, body, date);
  };
  std::string edited = k_story;
  edited.replace(edited.find("marathon"), 8, "lengthy");
  add("later", k_story, Date{2024, 3, 15});
  add("first", edited, Date{2024, 3, 14});
  add("other", "A different story about the harvest of cocoa in Bahia this year and prices.",
      Date{2024, 3, 1});
  CHECK(assign_collapse_keys(db, {}) == 2);
  db.commit();
  CHECK(db.get_document(1).get_value(schema::k_slot_collapse) == "first");
  CHECK(db.get_document(2).get_value(schema::k_slot_collapse) == "first");
  // An article without copies has no key: nothing to collapse it with.
  CHECK(db.get_document(3).get_value(schema::k_slot_collapse).empty());
}

TEST_CASE("an update compares only the articles sharing a band with the added ones",
          "[indexer][duplicates]") {
  const test::TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  DocumentBuilder builder("english");
  auto add = [&](const std::string& id, const std::string& body, Date date) {
    return add_article(db, builder, id, body, date);
  };
  const std::string harvest =
      "A different story about the harvest of cocoa in Bahia this year, the rains that came "
      "late and the prices that traders in Ilheus expect for the crop.";
  add("old-story", k_story, Date{2024, 3, 14});
  add("old-harvest", harvest, Date{2024, 3, 1});
  add("old-harvest-copy", harvest, Date{2024, 3, 2});  // copies not looked at below
  db.commit();
  std::string edited = k_story;
  edited.replace(edited.find("marathon"), 8, "lengthy");
  const Signature added = add("new-copy", edited, Date{2024, 3, 13});  // earlier than the old one
  CHECK(assign_collapse_keys(db, {added}) == 2);
  db.commit();
  CHECK(db.get_document(1).get_value(schema::k_slot_collapse) == "new-copy");
  CHECK(db.get_document(4).get_value(schema::k_slot_collapse) == "new-copy");
  // The harvest copies share no band with the added article: untouched.
  CHECK(db.get_document(2).get_value(schema::k_slot_collapse).empty());
  CHECK(db.get_document(3).get_value(schema::k_slot_collapse).empty());
  // A pass over every article finds them.
  CHECK(assign_collapse_keys(db, {}) == 4);
  db.commit();
  CHECK(db.get_document(3).get_value(schema::k_slot_collapse) == "old-harvest");
}

}  // namespace dateline

namespace dateline {

TEST_CASE("the duplicate pass commits in batches, so its memory stays bounded",
          "[indexer][duplicates]") {
  const test::TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  DocumentBuilder builder("english");
  // 1,200 stories of 60 words drawn from a small vocabulary, each with an
  // exact copy a day later: 2,400 articles to key.
  std::uint32_t state = 12345;
  auto next_word = [&state] {
    state = state * 1103515245u + 12345u;
    return "w" + std::to_string((state >> 8) % 5000);
  };
  constexpr int k_stories = 1200;
  for (int story = 0; story < k_stories; ++story) {
    std::vector<std::string> words;
    for (int i = 0; i < 60; ++i) words.push_back(next_word());
    for (int copy = 0; copy < 2; ++copy) {
      std::string body;
      for (const std::string& word : words) body += word + " ";
      Article article;
      article.id = std::to_string(story) + "-" + std::to_string(copy);
      article.source_path = "/archive/" + article.id + ".txt";
      article.title = "Story";
      article.paragraphs = {body};
      article.date = Date{2024, 3, 1 + copy};
      db.add_document(builder.build(article));
    }
  }
  db.commit();
  const Xapian::rev before = db.get_revision();
  CHECK(assign_collapse_keys(db, {}) == 2 * k_stories);
  // Committed along the way, not only by the caller at the end.
  CHECK(db.get_revision() >= before + 2);
  db.commit();
  CHECK(db.get_value_freq(schema::k_slot_collapse) == 2 * k_stories);
  CHECK(db.get_document(1).get_value(schema::k_slot_collapse) == "0-0");
  CHECK(db.get_document(2).get_value(schema::k_slot_collapse) == "0-0");
}

}  // namespace dateline

namespace dateline {

TEST_CASE("near-copies in different databases of a fresh build join one story",
          "[indexer][duplicates]") {
  // With the default memory, and with so little that each band is sorted
  // in three slices of its hashes; on one thread, and with the bands and
  // parts shared among three: the same groups.
  const std::size_t entries_held = GENERATE(k_band_entries_held, std::size_t{2});
  const std::size_t threads = GENERATE(std::size_t{1}, std::size_t{3});
  const test::TempDir dir;
  DocumentBuilder builder("english");
  std::vector<std::string> paths;
  std::vector<Xapian::WritableDatabase> parts;
  for (int part = 0; part < 3; ++part) {
    paths.push_back((dir.path() / ("part-" + std::to_string(part))).string());
    parts.emplace_back(paths.back(), Xapian::DB_CREATE);
  }
  std::string edited = k_story;
  edited.replace(edited.find("marathon"), 8, "lengthy");
  const std::string harvest =
      "A different story about the harvest of cocoa in Bahia this year, the rains that came "
      "late and the prices that traders in Ilheus expect for the crop.";
  // Parts of different sizes, so that the docids of the three searched as
  // one are not simply part by part.
  add_article(parts[0], builder, "filler-a", "One short item about the weather in the hills.",
              Date{2024, 1, 1});
  add_article(parts[0], builder, "filler-b", "Another short item on a local football result.",
              Date{2024, 1, 2});
  add_article(parts[0], builder, "story-late", k_story, Date{2024, 3, 15});
  add_article(parts[1], builder, "harvest", harvest, Date{2024, 3, 1});
  add_article(parts[2], builder, "story-first", edited, Date{2024, 3, 14});
  add_article(parts[2], builder, "harvest-copy", harvest, Date{2024, 3, 2});
  for (Xapian::WritableDatabase& part : parts) part.close();

  RunClock clock;
  const RunClock::Busy working = clock.busy();
  CHECK(assign_collapse_keys(paths, threads, clock, entries_held) == 4);
  auto key = [&](int part, Xapian::docid id) {
    return Xapian::Database(paths[part]).get_document(id).get_value(schema::k_slot_collapse);
  };
  CHECK(key(0, 3) == "story-first");
  CHECK(key(2, 1) == "story-first");
  CHECK(key(1, 1) == "harvest");
  CHECK(key(2, 2) == "harvest");
  CHECK(key(0, 1).empty());
  CHECK(key(0, 2).empty());
}

}  // namespace dateline

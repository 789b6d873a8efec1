// Unit tests for common/schema.cpp: stored document data (held to the
// specs in docs/specs/ byte for byte), the terms, and stamping and checking
// databases.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "tests/common/hex_bytes.hpp"
#include "tests/temp_dir.hpp"

namespace dateline::schema {
namespace {

using Catch::Matchers::Contains;

using dateline::test::from_hex;
using dateline::test::TempDir;
using dateline::test::to_hex;

Xapian::WritableDatabase in_memory_db() {
  return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
}

Article sample_article() {
  Article article;
  article.id = "0123456789abcdef";
  article.source_path = "corpus/2024/03/14/story.txt";
  article.title = "\"Quoted\" title with \\ backslash";
  article.paragraphs = {"Pok\xC3\xA9mon in S\xC3\xA3o Paulo \xE2\x80\x94 \xE6\x9D\xB1\xE4\xBA\xAC.",
                        "Line two, with 'single' quotes and a tab\there."};
  article.date = Date{2024, 3, 14};
  article.source = "Daily Planet";
  article.url = "https://example.com/a?b=1&c=\"2\"";
  article.author = "Lois Lane";
  article.language = "english";
  return article;
}

}  // namespace

TEST_CASE("the summary round-trips every field but the body", "[schema][data]") {
  const Article article = sample_article();
  const StoredArticle stored = decode_summary(encode_summary(article));

  CHECK(stored.id == article.id);
  CHECK(stored.title == article.title);
  CHECK(stored.path == article.source_path);
  CHECK(stored.date == "2024-03-14");
  CHECK(stored.source == article.source);
  CHECK(stored.url == article.url);
  CHECK(stored.author == article.author);
  CHECK(stored.language == "english");
  CHECK(stored.body.empty());
}

TEST_CASE("load_article joins the summary slot and the body in the data", "[schema][data]") {
  const Article article = sample_article();
  Xapian::Document doc;
  doc.add_value(k_slot_summary, encode_summary(article));
  doc.set_data(article.body_text());
  const StoredArticle stored = load_article(doc);
  CHECK(stored.title == article.title);
  CHECK(stored.body == article.body_text());
  CHECK_THAT(stored.body, Contains("Pok\xC3\xA9mon"));
  CHECK_THROWS_AS(load_article(Xapian::Document()), Error);  // no summary: not ours
}

TEST_CASE("the summary round-trips entities", "[schema][data]") {
  Article article = sample_article();
  article.entities = {{EntityType::person, "John Kerry", 3, true, true, true},
                      {EntityType::location, "S\xC3\xA3o Paulo", 1, false, true},
                      {EntityType::organization, "\"Quoted\" Corp", 2, false, false, false, true},
                      {EntityType::misc, "Pok\xC3\xA9mon", 1, true, false}};
  const StoredArticle stored = decode_summary(encode_summary(article));

  REQUIRE(stored.entities.size() == 4);
  CHECK(stored.entities == article.entities);
  CHECK(stored.entities[1].value == "S\xC3\xA3o Paulo");
  CHECK(stored.entities[0].mentions == 3);
  CHECK(stored.entities[2].type == EntityType::organization);

  CHECK(decode_summary(encode_summary(sample_article())).entities.empty());
}

TEST_CASE("the summary keeps an unknown date and empty fields empty", "[schema][data]") {
  Article article;
  article.id = "fedcba9876543210";
  article.title = "Only a title";
  const StoredArticle stored = decode_summary(encode_summary(article));

  CHECK(stored.id == "fedcba9876543210");
  CHECK(stored.title == "Only a title");
  CHECK(stored.date.empty());
  CHECK(stored.body.empty());
  CHECK(stored.url.empty());
}

TEST_CASE("the summary decoder rejects a truncated or extended record", "[schema][data]") {
  const std::string data = encode_summary(sample_article());
  REQUIRE(data.size() > 10);
  for (std::size_t cut : {std::size_t{1}, std::size_t{2}, data.size() / 2, data.size() - 1}) {
    INFO("cut at " << cut);
    CHECK_THROWS_AS(decode_summary(data.substr(0, cut)), Error);
  }
  CHECK_THROWS_AS(decode_summary(data + "x"), Error);
  CHECK_NOTHROW(decode_summary(data));
}

// Each rule of docs/specs/summary-record.md, "What a reader must reject",
// on a record that breaks only that rule.
TEST_CASE("decode_summary rejects what the summary spec says a reader must reject",
          "[schema][data]") {
  // 's', version 1, eight empty strings, no entities: the smallest record.
  const std::string empty_record = from_hex("73 01 00 00 00 00 00 00 00 00");
  const std::string no_entities = empty_record + from_hex("00");
  REQUIRE_NOTHROW(decode_summary(no_entities));
  struct Case {
    const char* rule;
    std::string value;
    const char* message;
  };
  const Case cases[] = {
      {"an empty value", "", "not a dateline article summary"},
      {"another magic byte", "S" + no_entities.substr(1), "not a dateline article summary"},
      {"another version", "s\x02" + no_entities.substr(2), "not a dateline article summary"},
      {"a string longer than what is left", from_hex("73 01 05 61 62 63"), "(truncated)"},
      {"no entity count", empty_record, "(truncated)"},
      {"a varint whose tenth byte goes on",
       empty_record + from_hex("80 80 80 80 80 80 80 80 80 80 01"), "(bad number)"},
      {"an entity type past misc", empty_record + from_hex("01 04 01 78 01 00"), "bad entity type"},
      {"an entity cut short", empty_record + from_hex("01 00 01 78"), "(truncated)"},
      {"a byte after the last entity", no_entities + from_hex("00"), "(trailing bytes)"},
  };
  for (const Case& c : cases) {
    INFO(c.rule);
    CHECK_THROWS_AS(decode_summary(c.value), Error);
    CHECK_THROWS_WITH(decode_summary(c.value), Contains(c.message));
  }
}

// The worked example of docs/specs/summary-record.md, byte for byte: every
// index holds records of this layout, so it may change only with a new
// version (and the spec).
TEST_CASE("the summary record is laid out as docs/specs/summary-record.md says", "[schema][data]") {
  Article article;
  article.id = "4f1c2a9b00d3e8f1";
  article.title = "Talks resume in Geneva";
  article.source_path = "/news/2024/03/14/talks.txt";
  article.date = Date{2024, 3, 14};
  article.source = "Reuters";
  article.language = "english";
  article.entities = {{EntityType::person, "John Kerry", 3, true, true},
                      {EntityType::location, "Geneva", 1, true, false}};
  const std::string expected = from_hex(
      "73 01"
      " 10 34 66 31 63 32 61 39 62 30 30 64 33 65 38 66 31"
      " 16 54 61 6c 6b 73 20 72 65 73 75 6d 65 20 69 6e 20 47 65 6e 65 76 61"
      " 1a 2f 6e 65 77 73 2f 32 30 32 34 2f 30 33 2f 31 34 2f 74 61 6c 6b 73 2e 74 78 74"
      " 0a 32 30 32 34 2d 30 33 2d 31 34"
      " 07 52 65 75 74 65 72 73"
      " 00"
      " 0a 41 6e 6e 20 46 65 72 72 69 73"
      " 07 65 6e 67 6c 69 73 68"
      " 02"
      " 00 0a 4a 6f 68 6e 20 4b 65 72 72 79 03 03"
      " 01 06 47 65 6e 65 76 61 01 01");
  CHECK(to_hex(encode_summary(article, "Ann Ferris")) == to_hex(expected));
  const StoredArticle stored = decode_summary(expected);
  CHECK(stored.author == "Ann Ferris");
  CHECK(stored.entities == article.entities);

  // Varints: the spec's examples, as a mention count.
  article.entities = {{EntityType::misc, "x", 300, false, false}};
  const std::string summary = encode_summary(article);
  CHECK(to_hex(summary.substr(summary.size() - 4)) == "78 ac 02 00");
  CHECK(decode_summary(summary).entities.front().mentions == 300);
}

TEST_CASE("entity groups pack every type and split back", "[schema]") {
  const std::vector<ArticleEntity> entities = {{EntityType::location, "Geneva"},
                                               {EntityType::person, "John Kerry"},
                                               {EntityType::person, "Sergey Lavrov"},
                                               {EntityType::misc, "Olympics"}};
  const std::string packed = encode_entity_groups(entities, {"Switzerland", "Russia"});
  std::string_view groups[k_entity_slot_groups];
  split_entity_groups(packed, groups);
  CHECK(groups[0] == "John Kerry\x1fSergey Lavrov");
  CHECK(groups[1] == "Geneva");
  CHECK(groups[2].empty());
  CHECK(groups[3] == "Olympics");
  CHECK(groups[k_country_group] == "Switzerland\x1fRussia");
  CHECK(encode_entity_groups({}).empty());
  // Countries alone make a value; entities alone an empty country group.
  const std::string countries_only = encode_entity_groups({}, {"Japan"});
  split_entity_groups(countries_only, groups);
  CHECK(groups[0].empty());
  CHECK(groups[k_country_group] == "Japan");
  const std::string entities_only = encode_entity_groups(entities);
  split_entity_groups(entities_only, groups);
  CHECK(groups[3] == "Olympics");
  CHECK(groups[k_country_group].empty());
  // A short or foreign value leaves the missing groups empty.
  split_entity_groups("Only Person", groups);
  CHECK(groups[0] == "Only Person");
  CHECK(groups[3].empty());
  CHECK(groups[k_country_group].empty());
  // What follows a fifth group is no group.
  const std::string six_groups = from_hex("61 1e 62 1e 63 1e 64 1e 65 1e 66");
  split_entity_groups(six_groups, groups);
  CHECK(groups[3] == "d");
  CHECK(groups[k_country_group] == "e");
}

// The worked example of docs/specs/entity-facet-slot.md, byte for byte.
TEST_CASE("the entity facet slot is laid out as docs/specs/entity-facet-slot.md says", "[schema]") {
  const std::vector<ArticleEntity> entities = {{EntityType::person, "John Kerry"},
                                               {EntityType::person, "Sergey Lavrov"},
                                               {EntityType::location, "Geneva"},
                                               {EntityType::misc, "Olympics"}};
  CHECK(to_hex(encode_entity_groups(entities, {"Switzerland"})) ==
        "4a 6f 68 6e 20 4b 65 72 72 79 1f 53 65 72 67 65 79 20 4c 61 76 72 6f 76 1e "
        "47 65 6e 65 76 61 1e 1e 4f 6c 79 6d 70 69 63 73 1e "
        "53 77 69 74 7a 65 72 6c 61 6e 64");
}

TEST_CASE("id_term prefixes the id with Q", "[schema]") {
  CHECK(id_term("0123456789abcdef") == "Q0123456789abcdef");
  CHECK(id_term("") == "Q");
  CHECK(id_term(make_article_id("a.txt", "")).size() == 17);
}

TEST_CASE("stamp_database marks a fresh database", "[schema][db]") {
  Xapian::WritableDatabase db = in_memory_db();
  stamp_database(db, "english");

  CHECK(db.get_metadata(k_meta_schema_version) == std::to_string(k_schema_version));
  CHECK(db.get_metadata(k_meta_language) == "english");
  CHECK(check_database(db, "mem") == "english");

  // Stamping again with the same language is fine, and changes nothing.
  CHECK_NOTHROW(stamp_database(db, "english"));
  CHECK(check_database(db, "mem") == "english");
}

TEST_CASE("stamp_database refuses another language", "[schema][db]") {
  Xapian::WritableDatabase db = in_memory_db();
  stamp_database(db, "spanish");
  CHECK_THROWS_AS(stamp_database(db, "english"), Error);
  CHECK_THROWS_WITH(stamp_database(db, "english"), Contains("spanish"));
  CHECK(db.get_metadata(k_meta_language) == "spanish");
}

TEST_CASE("stamp_database and check_database refuse another schema version", "[schema][db]") {
  Xapian::WritableDatabase db = in_memory_db();
  db.set_metadata(k_meta_schema_version, std::to_string(k_schema_version + 1));
  db.set_metadata(k_meta_language, "english");

  CHECK_THROWS_AS(stamp_database(db, "english"), Error);
  CHECK_THROWS_AS(check_database(db, "/srv/index"), Error);
  CHECK_THROWS_WITH(check_database(db, "/srv/index"), Contains("/srv/index"));
  CHECK(db.get_metadata(k_meta_schema_version) == std::to_string(k_schema_version + 1));
}

TEST_CASE("stamp_database refuses a database with documents and no stamp", "[schema][db]") {
  Xapian::WritableDatabase db = in_memory_db();
  Xapian::Document document;
  document.add_term("Qsomething");
  db.add_document(document);

  CHECK_THROWS_AS(stamp_database(db, "english"), Error);
  CHECK(db.get_metadata(k_meta_schema_version).empty());
  CHECK_THROWS_AS(check_database(db, "/srv/other"), Error);
  CHECK_THROWS_WITH(check_database(db, "/srv/other"), Contains("/srv/other"));
}

TEST_CASE("check_database refuses an empty unstamped database", "[schema][db]") {
  const Xapian::WritableDatabase db = in_memory_db();
  CHECK_THROWS_AS(check_database(db, "/srv/empty"), Error);
}

TEST_CASE("schema stamp on an on-disk database is recognised after reopening", "[schema][db]") {
  const TempDir temp;
  const std::string db_path = (temp.path() / "db").string();
  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
    stamp_database(db, "french");
    Xapian::Document document;
    document.set_data(encode_summary(sample_article()));
    document.add_boolean_term(id_term(sample_article().id));
    db.add_document(document);
    db.commit();
  }
  const Xapian::Database reader(db_path);
  CHECK(check_database(reader, db_path) == "french");
  CHECK(reader.get_doccount() == 1);
  CHECK(reader.term_exists(id_term(sample_article().id)));

  Xapian::WritableDatabase writer(db_path, Xapian::DB_OPEN);
  CHECK_NOTHROW(stamp_database(writer, "french"));
  CHECK_THROWS_AS(stamp_database(writer, "english"), Error);
}

}  // namespace dateline::schema

namespace dateline::schema {

TEST_CASE("site_key is a URL's host, lower case, without www.", "[schema]") {
  struct Case {
    const char* url;
    const char* site;
  };
  const Case cases[] = {
      {"https://www.BBC.co.uk:443/news?id=1#top", "bbc.co.uk"},
      {"http://news.bbc.co.uk/world", "news.bbc.co.uk"},
      {"www.bbc.co.uk", "bbc.co.uk"},  // a bare host
      {"example.com/a/b", "example.com"},
      {"//cdn.example.org/x", "cdn.example.org"},
      {"http://user:secret@host.example.net/", "host.example.net"},
      {"https://example.com./", "example.com"},
      {"http://[2001:db8::1]:8080/", "[2001:db8::1]"},
      {"http://10.0.0.1:8080/", "10.0.0.1"},
      {"www.", "www"},
      {"", ""},
      {"not a url", ""},
      {"bbc*", ""},  // a pattern is no host
      {"https://exa<mple>.com/", ""},
  };
  for (const Case& c : cases) {
    INFO(c.url);
    CHECK(site_key(c.url) == c.site);
  }
}

TEST_CASE("a site's filter terms are its host and its parent domains", "[schema]") {
  using Terms = std::vector<std::string>;
  CHECK(site_filter_terms("news.bbc.co.uk") == Terms{"XHnews.bbc.co.uk", "XHbbc.co.uk", "XHco.uk"});
  CHECK(site_filter_terms("example.com") == Terms{"XHexample.com"});
  CHECK(site_filter_terms("localhost") == Terms{"XHlocalhost"});
  CHECK(site_filter_terms("10.0.0.1") == Terms{"XH10.0.0.1"});  // no parents of an address
  CHECK(site_filter_terms("[2001:db8::1]") == Terms{"XH[2001:db8::1]"});
  CHECK(site_filter_terms("").empty());
}

TEST_CASE("name filter terms fold case and accents, every prefix is distinct", "[schema]") {
  CHECK(name_filter_term(k_prefix_author, "José PEREIRA") == "XAjose pereira");
  CHECK(name_filter_term(k_prefix_source, "Harbour Wire") == "XSharbour wire");
  CHECK(entity_filter_term(EntityType::location, "São Paulo") == "XLsao paulo");
  CHECK(name_filter_term(k_prefix_author, std::string(300, 'a')).size() == 240);
  CHECK(join_values({"A", "B"}) ==
        "A\x1f"
        "B");
  // Every prefix is distinct, and no boolean (X) prefix starts another:
  // merges and updates enumerate terms by prefix (firm terms once shared
  // the file prefix, and a resumed build deleted firms' articles).
  std::vector<std::string> prefixes(std::begin(k_term_prefixes), std::end(k_term_prefixes));
  for (EntityType type : k_entity_types) {
    CHECK(std::find(prefixes.begin(), prefixes.end(), entity_filter_prefix(type)) !=
          prefixes.end());
  }
  for (const std::string& a : prefixes) {
    for (const std::string& b : prefixes) {
      if (&a == &b || a[0] != 'X') continue;
      INFO(a << " and " << b);
      CHECK_FALSE(b.starts_with(a));
    }
  }
  std::sort(prefixes.begin(), prefixes.end());
  CHECK(std::adjacent_find(prefixes.begin(), prefixes.end()) == prefixes.end());
  CHECK(std::string(entity_filter_prefix(EntityType::person)) == "XP");
  CHECK(std::string(entity_filter_prefix(EntityType::misc)) == "XM");
}

}  // namespace dateline::schema

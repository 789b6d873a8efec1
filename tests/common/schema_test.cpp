// Unit tests for common/schema.cpp: stored document data, the id term, and
// stamping and checking databases.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "tests/temp_dir.hpp"

namespace dateline::schema {
namespace {

using Catch::Matchers::Contains;

using dateline::test::TempDir;

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
  article.entities = {{EntityType::person, "John Kerry", 3, true, true},
                      {EntityType::location, "S\xC3\xA3o Paulo", 1, false, true},
                      {EntityType::organization, "\"Quoted\" Corp", 2, false, false},
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

TEST_CASE("decode_summary rejects what encode did not write", "[schema][data]") {
  const char* const garbage[] = {"",   "not json", "{\"id\": ", "[1, 2, 3]", "\"a string\"",
                                 "42", "null"};
  for (const char* data : garbage) {
    INFO("data: " << data);
    CHECK_THROWS_AS(decode_summary(data), Error);
  }
}

// The header promises dateline::Error for a summary encode did not write.
TEST_CASE("decode_summary rejects fields of the wrong type with Error", "[schema][data]") {
  CHECK_THROWS_AS(decode_summary(R"({"id": 1, "title": "x"})"), Error);
  CHECK_THROWS_AS(decode_summary(R"({"title": ["x"]})"), Error);
}

TEST_CASE("entity groups pack every type and split back", "[schema]") {
  const std::vector<ArticleEntity> entities = {{EntityType::location, "Geneva"},
                                               {EntityType::person, "John Kerry"},
                                               {EntityType::person, "Sergey Lavrov"},
                                               {EntityType::misc, "Olympics"}};
  const std::string packed = encode_entity_groups(entities);
  std::string_view groups[std::size(k_entity_types)];
  split_entity_groups(packed, groups);
  CHECK(groups[0] == "John Kerry\x1fSergey Lavrov");
  CHECK(groups[1] == "Geneva");
  CHECK(groups[2].empty());
  CHECK(groups[3] == "Olympics");
  CHECK(encode_entity_groups({}).empty());
  // A short or foreign value leaves the missing groups empty.
  split_entity_groups("Only Person", groups);
  CHECK(groups[0] == "Only Person");
  CHECK(groups[3].empty());
}

TEST_CASE("id_term prefixes the id with Q", "[schema]") {
  CHECK(id_term("0123456789abcdef") == "Q0123456789abcdef");
  CHECK(id_term("") == "Q");
  CHECK(id_term(make_article_id("a.txt", "")).size() == 17);
  CHECK(std::string(k_prefix_id) == "Q");
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

TEST_CASE("name filter terms fold case and accents; every prefix is distinct", "[schema]") {
  CHECK(name_filter_term(k_prefix_author, "José PEREIRA") == "XAjose pereira");
  CHECK(name_filter_term(k_prefix_source, "Harbour Wire") == "XSharbour wire");
  CHECK(entity_filter_term(EntityType::location, "São Paulo") == "XLsao paulo");
  CHECK(name_filter_term(k_prefix_author, std::string(300, 'a')).size() == 240);
  CHECK(join_values({"A", "B"}) ==
        "A\x1f"
        "B");
  std::vector<std::string> prefixes = {k_prefix_author, k_prefix_source, k_prefix_site,
                                       k_prefix_file};
  for (EntityType type : k_entity_types) prefixes.emplace_back(entity_filter_prefix(type));
  std::sort(prefixes.begin(), prefixes.end());
  CHECK(std::adjacent_find(prefixes.begin(), prefixes.end()) == prefixes.end());
  CHECK(std::string(entity_filter_prefix(EntityType::person)) == "XP");
  CHECK(std::string(entity_filter_prefix(EntityType::misc)) == "XM");
}

}  // namespace dateline::schema

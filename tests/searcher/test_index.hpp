// A real index for the searcher's unit tests, written in a temporary
// directory from articles the test describes. It is built as dateline-index
// builds one: the indexer's DocumentBuilder (so terms, value slots and
// stored summaries are the schema's), spelling data, the schema's stamp,
// and the near-duplicate groups of the whole index.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/schema.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/duplicates.hpp"
#include "indexer/spelling.hpp"
#include "tests/temp_dir.hpp"

namespace dateline::test {

// What a test says of an article; the rest is made up from it.
struct TestArticle {
  std::string name;  // the file it came from: /archive/NAME; its id is made from that
  std::string title;
  std::vector<std::string> paragraphs;
  std::optional<Date> date = {};
  std::string source = {};
  std::string author = {};
  std::string url = {};
  std::vector<ArticleEntity> entities = {};
};

inline Article make_article(const TestArticle& spec, const std::string& language) {
  Article article;
  article.source_path = "/archive/" + spec.name;
  article.id = make_article_id(article.source_path, "");
  article.title = spec.title;
  article.paragraphs = spec.paragraphs;
  article.date = spec.date;
  article.source = spec.source;
  article.author = spec.author;
  article.url = spec.url;
  article.language = language;
  article.entities = spec.entities;
  return article;
}

class TestIndex {
 public:
  explicit TestIndex(const std::vector<TestArticle>& articles,
                     const std::string& language = "english")
      : m_language(language) {
    add(articles);
  }

  std::string path() const { return (m_dir.path() / "index").string(); }

  // Adds the articles (replacing any of the same name), with their spelling
  // data, and commits; then groups near-duplicates across the whole index.
  void add(const std::vector<TestArticle>& articles) {
    Xapian::WritableDatabase db(path(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC);
    DocumentBuilder builder(m_language);
    SpellingCounts spelling;
    for (const TestArticle& spec : articles) {
      const Article article = make_article(spec, m_language);
      db.replace_document(schema::id_term(article.id), builder.build(article));
      spelling.add_article(builder.words());
    }
    spelling.add_to(db);
    schema::write_stamp(db, m_language);
    db.commit();
    assign_collapse_keys(db, {});
    db.commit();
  }

 private:
  TempDir m_dir;
  std::string m_language;
};

// A small archive for the searcher's and the shell's tests: a story and
// its near-copy from another outlet, dated articles over four years, and
// an undated one; with sources, bylines, sites and entities of each type.
inline std::vector<TestArticle> sample_archive() {
  const std::vector<std::string> talks = {
      "GENEVA - Secretary of State John Kerry and Foreign Minister Sergey Lavrov opened ceasefire "
      "talks in Geneva on Thursday, meeting for more than nine hours in the highest-level attempt "
      "in a year to agree a truce.",
      "Diplomats said the marathon session ended without a deal on prisoners, but both "
      "delegations agreed to meet again on Saturday with observers from the United Nations."};
  std::vector<std::string> copied = talks;
  copied[1].replace(copied[1].find("marathon"), 8, "lengthy");
  const std::vector<ArticleEntity> talks_entities = {
      {EntityType::person, "John Kerry", 2, true, true},
      {EntityType::person, "Sergey Lavrov", 2, true, true},
      {EntityType::location, "Geneva", 2, true, true},
      {EntityType::organization, "United Nations", 1, false, false}};
  return {
      {"2024/03/14/geneva-talks.txt", "Kerry and Lavrov open ceasefire talks in Geneva", talks,
       Date{2024, 3, 14}, "Harbour Wire", "Elin Sandvik", "https://www.bbc.co.uk/news/talks",
       talks_entities},
      {"2024/03/16/geneva-copy.txt", "Kerry and Lavrov open ceasefire talks in Geneva", copied,
       Date{2024, 3, 16}, "Rose City Ledger", "", "", talks_entities},
      {"2024/05/01/ferry.txt",
       "Zanzibar ferry resumes service",
       {"The Zanzibar ferry resumed service on Monday after repairs to its engines, the operator "
        "said.",
        "Passengers queued from dawn at the port."},
       Date{2024, 5, 1},
       "Rose City Ledger",
       "Kenji Mori",
       "https://example.com/ferry",
       {{EntityType::location, "Zanzibar", 2, true, true}}},
      {"2023/06/02/kerry-beijing.txt",
       "Kerry visits Beijing for climate talks",
       {"John Kerry arrived in Beijing on Friday for talks on climate with Chinese officials."},
       Date{2023, 6, 2},
       "Harbour Wire",
       "Elin Sandvik",
       "https://news.bbc.co.uk/climate",
       {{EntityType::person, "John Kerry", 1, true, true},
        {EntityType::location, "Beijing", 1, true, true}}},
      {"2021/01/20/oil.txt",
       "Oil prices rise as OPEC cuts output",
       {"Oil prices rose on Wednesday after OPEC agreed to cut output, traders said."},
       Date{2021, 1, 20},
       "Harbour Wire",
       "",
       "",
       {{EntityType::organization, "OPEC", 2, true, true},
        {EntityType::misc, "Brent", 1, false, true}}},
      {"okapi.txt",
       "An okapi story with no date",
       {"The okapi slept in the forest all day."},
       std::nullopt,
       "",
       "",
       "",
       {}},
  };
}

}  // namespace dateline::test

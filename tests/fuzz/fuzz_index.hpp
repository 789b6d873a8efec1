// A tiny index for the fuzz targets that need one: a few articles with
// dates, sources and entities of every type, built by the indexer's own
// DocumentBuilder and SpellingCounts so the terms, value slots and
// spelling data are the real schema's.
#pragma once

#include <xapian.h>

#include <string>

#include "common/article.hpp"
#include "common/schema.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/spelling.hpp"
#include "tests/temp_dir.hpp"

namespace dateline::fuzz {

inline Article sample_article(int n) {
  Article article;
  article.source_path = "/archive/2016/07/1" + std::to_string(n) + "/article.txt";
  article.id = make_article_id(article.source_path, "");
  article.language = "english";
  article.title = n % 2 == 0 ? "Kerry and Lavrov meet in Geneva for ceasefire talks"
                             : "Pokémon craze reaches São Paulo as Nintendo shares jump";
  article.paragraphs = {
      "Secretary of State John Kerry met Sergey Lavrov on Friday, said the United Nations.",
      "The talks in Geneva ran late; the European Union and NATO sent observers.",
      "Negotiators said \"progress\" was made & more talks <would> follow."};
  article.date = Date{2016, 7, 10 + n};
  article.source = n % 2 == 0 ? "Harbour Wire" : "Reuters";
  article.entities = {{EntityType::person, "John Kerry", 2, true, true},
                      {EntityType::person, "Sergey Lavrov", 1, true, true},
                      {EntityType::location, "Geneva", 2, true, false},
                      {EntityType::location, "United States", 1, false, false},
                      {EntityType::organization, "European Union", 1, false, false},
                      {EntityType::misc, "Pokémon", 1, n % 2 == 1, false}};
  return article;
}

// Adds the sample articles, their spelling data (which wildcards expand
// over) and the schema's metadata to `db`, and commits.
inline void fill_sample_index(Xapian::WritableDatabase& db) {
  DocumentBuilder builder("english");
  SpellingCounts spelling;
  for (int n = 0; n < 4; ++n) {
    const Article article = sample_article(n);
    db.replace_document(schema::id_term(article.id), builder.build(article));
    spelling.add_article(builder.words());
  }
  spelling.add_to(db);
  schema::write_stamp(db, "english");
  db.commit();
}

// The sample index as a glass database (a real index's backend; the
// in-memory one keeps no spelling data, so wildcards would expand over
// nothing) in a temporary directory, removed with it. For a target's
// whole run: make it a function-local static.
struct SampleIndex {
  test::TempDir dir;
  Xapian::WritableDatabase db;

  SampleIndex() : db(dir.path().string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC) {
    fill_sample_index(db);
  }
};

}  // namespace dateline::fuzz

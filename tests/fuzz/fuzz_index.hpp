// A tiny index for the fuzz targets that need one: a few articles with
// dates, sources and entities of every type, built by the indexer's own
// DocumentBuilder so the terms and value slots are the real schema's.
#pragma once

#include <xapian.h>

#include <string>

#include "common/article.hpp"
#include "common/schema.hpp"
#include "indexer/document_builder.hpp"

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

// Adds the sample articles and the schema's metadata to `db`.
inline void fill_sample_index(Xapian::WritableDatabase& db) {
  DocumentBuilder builder("english");
  for (int n = 0; n < 4; ++n) {
    const Article article = sample_article(n);
    db.replace_document(schema::id_term(article.id), builder.build(article));
  }
  schema::record_facet_slots(db, builder.facet_slots_used().data());
  schema::write_stamp(db, "english");
  db.commit();
}

}  // namespace dateline::fuzz

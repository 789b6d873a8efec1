// DocumentBuilder turns an Article into the Xapian::Document that
// common/schema.hpp describes: title and body terms with positions, the
// unique id term, date terms and value, and the stored display data.
//
// Not thread-safe (it owns a TermGenerator); use one per thread.
#pragma once

#include <xapian.h>

#include <array>
#include <iterator>
#include <string>

#include "common/article.hpp"
#include "common/entity.hpp"

namespace dateline {

class DocumentBuilder {
 public:
  // `language` is a Xapian stemmer name ("english", "en", "french", "none").
  // Throws dateline::Error naming the valid languages when it is unknown.
  explicit DocumentBuilder(const std::string& language);

  // `file_state` is the encoded schema::FileState of the article's source
  // file, stored for incremental re-runs (empty: none stored).
  Xapian::Document build(const Article& article, const std::string& file_state = {});

  // The most facet slots any built document used, per entity type (indexed
  // by EntityType): what the searcher must watch to count every value.
  const std::array<unsigned, std::size(k_entity_types)>& facet_slots_used() const {
    return m_facet_slots_used;
  }

 private:
  Xapian::TermGenerator m_termgen;
  std::array<unsigned, std::size(k_entity_types)> m_facet_slots_used{};
};

// The stemmer for `language`, or dateline::Error listing the valid names.
Xapian::Stem make_stemmer(const std::string& language);

}  // namespace dateline

// DocumentBuilder turns an Article into the Xapian::Document that
// common/schema.hpp describes: title and body terms with positions, the
// unique id term, entity terms and facet values, date terms and value,
// near-duplicate signature, and the stored display data.
//
// Not thread-safe (it owns a TermGenerator); use one per thread.
#pragma once

#include <xapian.h>

#include <string>

#include "common/article.hpp"

namespace dateline {

class DocumentBuilder {
 public:
  // `language` is a Xapian stemmer name ("english", "en", "french", "none").
  // Throws dateline::Error naming the valid languages when it is unknown.
  explicit DocumentBuilder(const std::string& language);

  // `file_state` is the encoded schema::FileState of the article's source
  // file, stored for incremental re-runs (empty: none stored).
  Xapian::Document build(const Article& article, const std::string& file_state = {});

 private:
  Xapian::TermGenerator m_termgen;
};

// The stemmer for `language`, or dateline::Error listing the valid names.
Xapian::Stem make_stemmer(const std::string& language);

}  // namespace dateline

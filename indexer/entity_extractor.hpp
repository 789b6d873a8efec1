// From tagged mentions to an article's entities: the facet values it is
// indexed under.
//
// Within one article, a short mention resolves to the full name used
// elsewhere in it ("Kerry" -> "John Kerry", "Mr. Putin" -> "Vladimir
// Putin", "Northwind" -> "Northwind Systems"); titles and honorifics
// ("President", "Mr.") and possessives ("Kerry's") are dropped; a one-word
// mention tagged as another type but matching a person's surname becomes
// that person. Then each name is canonicalised across the archive
// (common/canonical.hpp) and mentions of one entity are counted together.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/entity.hpp"

namespace dateline {

namespace ner {
class Tagger;
}

// Where the title and the first paragraph end in the tagged text.
struct TextRegions {
  std::size_t title_end = 0;
  std::size_t lead_end = 0;
};

// The entities `mentions` (from one article's text) amount to, most salient
// first: headline before lead before the rest, then by mention count, then
// by name. Pure; does not need a model.
std::vector<ArticleEntity> resolve_mentions(const std::vector<Mention>& mentions,
                                            const TextRegions& regions);

// The text the tagger sees for an article: the title, a blank line, then the
// paragraphs separated by blank lines; `regions` receives where the title
// and lead end.
std::string tagging_text(const Article& article, TextRegions& regions);

// Tags an article and resolves its mentions. Thread-safe when the tagger is.
class EntityExtractor {
 public:
  // REQUIRES: `tagger` outlives the extractor.
  explicit EntityExtractor(const ner::Tagger& tagger) : m_tagger(tagger) {}
  std::vector<ArticleEntity> extract(const Article& article) const;

 private:
  const ner::Tagger& m_tagger;
};

}  // namespace dateline

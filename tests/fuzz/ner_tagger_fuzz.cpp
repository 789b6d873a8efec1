// Fuzz target: the entity tagger end to end (common/ner/tagger.cpp:
// tokenising, features, Viterbi decoding, mention building) with the
// committed model, on text prepared as the indexer prepares it (decoded
// and normalised), then mention resolution and canonicalisation
// (indexer/entity_extractor.cpp). Mentions must be ordered byte ranges of
// the text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/ner/tagger.hpp"
#include "common/text.hpp"
#include "indexer/entity_extractor.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  using fuzz::require;
  static const ner::Tagger tagger = ner::Tagger::load(DATELINE_FUZZ_NER_MODEL);

  const std::string text = normalize_text(decode_utf8(fuzz::as_text(data, size)).text);
  const std::vector<Mention> mentions = tagger.tag(text);
  std::size_t previous_begin = 0;
  for (const Mention& mention : mentions) {
    require(mention.begin < mention.end && mention.end <= text.size(), "mention out of range");
    require(mention.begin >= previous_begin, "mentions out of order");
    require(fuzz::is_valid_utf8(mention.text), "mention text is not valid UTF-8");
    previous_begin = mention.begin;
  }

  // The first line stands for the title and the first blank-line block
  // for the lead, as tagging_text lays an article out.
  TextRegions regions;
  regions.title_end = std::min(text.find('\n'), text.size());
  regions.lead_end = std::min(text.find("\n\n", regions.title_end), text.size());
  for (const ArticleEntity& entity : resolve_mentions(mentions, regions)) {
    require(!entity.value.empty() && fuzz::is_valid_utf8(entity.value), "bad entity value");
    require(entity.mentions > 0, "entity without mentions");
  }
  return 0;
}

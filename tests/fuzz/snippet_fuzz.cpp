// Fuzz target: a search end to end (searcher/searcher.cpp) with the focus
// on snippets: Xapian's MSet::snippet over stored body text, the HTML
// unescaping after it, the lead snippet of a filter-only query, and the
// highlights turned into JSON and text (searcher/output.cpp). The input's
// first line is the query; the rest is the body of an article read as a
// .txt file and indexed, beside a few fixed articles, into a temporary
// index that lives for the whole run.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "common/reader.hpp"
#include "searcher/output.hpp"
#include "searcher/searcher.hpp"
#include "tests/fuzz/fuzz_index.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace dateline;

struct Fixture {
  fuzz::SampleIndex index;
  Searcher searcher{index.dir.path().string()};
  DocumentBuilder builder{"english"};
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  const std::string_view input = fuzz::as_text(data, size);
  const std::size_t newline = std::min(input.find('\n'), input.size());

  ReaderContext context;
  context.source_path = "/archive/2016/07/20/fuzzed.txt";
  ReadResult read = parse_content(FileKind::text, input.substr(newline), context);
  Article article = read.articles.empty() ? fuzz::sample_article(9) : std::move(read.articles[0]);
  article.id = make_article_id(context.source_path, "");
  f.index.db.replace_document(schema::id_term(article.id), f.builder.build(article));
  f.index.db.commit();
  f.searcher.reopen();

  SearchRequest request;
  request.query = std::string(input.substr(0, newline));
  request.snippet_bytes = 1 + size % 300;
  request.facets = {FacetKind::person, FacetKind::location, FacetKind::organization,
                    FacetKind::misc,   FacetKind::source,   FacetKind::year};
  if (request.query.empty()) request.dates.from = Date{2016, 1, 1};  // a filter-only search
  SearchResult result;
  try {
    result = f.searcher.search(request);
  } catch (const QueryError&) {
    return 0;
  }
  for (const SearchHit& hit : result.hits) {
    fuzz::require(fuzz::is_valid_utf8(hit.snippet), "snippet is not valid UTF-8");
  }

  std::ostringstream json;
  write_json(result, json);
  fuzz::require(nlohmann::json::parse(json.str(), nullptr, false).is_object(),
                "JSON output does not parse");
  std::ostringstream text;
  write_text(result, Color::no, text);
  return 0;
}

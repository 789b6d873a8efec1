// Fuzz target: query building (searcher/query.cpp and searcher/filters.cpp)
// on raw bytes, as batch mode passes a line: the syntax check, accent
// folding, Xapian's QueryParser with dateline's entity and date fields over
// a tiny index (whose spelling data wildcards expand over), then running
// the query. Also the date range parser that --since, --until and `date:`
// share. A bad query must be a QueryError; anything else escaping is a
// crash.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "searcher/filters.hpp"
#include "searcher/query.hpp"
#include "tests/fuzz/fuzz_index.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

const Xapian::Database& sample_database() {
  static const dateline::fuzz::SampleIndex index;
  return index.db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dateline;
  const Xapian::Database& db = sample_database();
  const std::string text(fuzz::as_text(data, size));

  for (MatchMode mode : {MatchMode::all, MatchMode::any}) {
    QueryContext context;
    context.db = &db;
    context.stemmer = Xapian::Stem("english");
    context.mode = mode;
    try {
      const Xapian::Query query = parse_query(text, context);
      (void)query.get_description();
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      (void)enquire.get_mset(0, 10);
    } catch (const QueryError&) {
      // A query the user must fix: the expected outcome for most inputs.
    }
  }

  try {
    (void)date_filter(parse_date_range(text)).get_description();
  } catch (const QueryError&) {
    // Not a date or range.
  }
  return 0;
}

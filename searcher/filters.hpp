// Query filters: entity fields (`person:`, `location:`, `organization:`,
// alias `org:`, `misc:`) and dates (`date:`, --since, --until), as Xapian
// FieldProcessors that the query parser calls with the text after the colon.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "common/article.hpp"
#include "common/entity.hpp"
#include "searcher/query.hpp"

namespace dateline {

// An inclusive range of days; either end may be open.
struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
};

// Parses "2016", "2016-07", "2016-07-15" (a whole year, month or day) and
// ranges "A..B", "A..", "..B" of those. Throws QueryError on anything else.
DateRange parse_date_range(std::string_view text);

// The filter for a date range: Xapian's value range over the date slot.
// Matches nothing for undated articles.
Xapian::Query date_filter(const DateRange& range);

// `type:value` filter. A value that is a canonical entity in the index
// (after alias resolution: `location:US` is "United States") filters on it
// exactly; any other value searches the names of that type as text, so
// `person:kerry` finds every article naming a Kerry. Either way the query
// carries no weight: it filters, it does not rank.
// The processors below never throw a bad value's QueryError through
// Xapian's QueryParser: Xapian 1.4 leaks the terms it holds when a
// FieldProcessor throws (found by tests/fuzz/query_fuzz.cpp). They record
// the first error on the calling thread and match nothing instead;
// parse_query (searcher/query.hpp) throws it once the parser has returned.
// Returns the error recorded on this thread since the last call, and
// clears it.
std::optional<QueryError> take_filter_error();

class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  // REQUIRES: `db` outlives the processor.
  EntityFieldProcessor(EntityType type, const Xapian::Database& db);
  Xapian::Query operator()(const std::string& value) override;

 private:
  // The articles naming an entity of the type whose name holds every word
  // of `value`.
  Xapian::Query named_with(const std::string& value) const;

  EntityType m_type;
  const Xapian::Database& m_db;
};

class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override;
};

}  // namespace dateline

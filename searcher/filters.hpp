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
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  // REQUIRES: `db` outlives the processor.
  EntityFieldProcessor(EntityType type, const Xapian::Database& db);
  Xapian::Query operator()(const std::string& value) override;

 private:
  EntityType m_type;
  const Xapian::Database& m_db;
};

class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override;
};

// The processors above never throw: Xapian 1.4's QueryParser leaks part of
// its parse state when a FieldProcessor throws through it (LeakSanitizer
// found it). A bad value's message is kept here instead, the processor
// matches nothing, and parse_query (searcher/query.cpp) throws the message
// as a QueryError once Xapian has returned. The first error of a parse is
// kept; one slot per thread, as Xapian parses on the calling thread.
std::optional<std::string>& pending_filter_error();

}  // namespace dateline

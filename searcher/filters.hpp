// Query filters: entity fields (`person:`, `location:`, `organization:`,
// alias `org:`, `misc:`), `author:` and `source:`, `site:`, and dates
// (`date:`, --since, --until), as Xapian FieldProcessors that the query
// parser calls with the text after the colon (searcher/fields.hpp names
// the fields).
//
// Thread-safety: the date functions are pure; each processor belongs to
// one parser, used on one thread at a time, and keeps its errors per
// thread. Cost: a name that is no exact name of the index scans that
// field's filter terms (every name of its type).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/entity.hpp"
#include "common/name_resolution.hpp"
#include "searcher/fields.hpp"
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

// Whether any article of `db` has a date (the date slot's statistics: no
// document is read).
bool index_has_dates(const Xapian::Database& db);
// What to say when dates are asked of an index with no dates: "no article
// in this index has a date, so " + `consequence` ("date:2024 matches
// nothing").
std::string undated_index_message(std::string_view consequence);

// The field processors below never throw a bad value's QueryError through
// Xapian's QueryParser: Xapian 1.4 leaks the terms it holds when a
// FieldProcessor throws (found by tests/fuzz/query_fuzz.cpp). They record
// the first error on the calling thread and match nothing instead;
// parse_query (searcher/query.hpp) throws it once the parser has returned.
//
// take_filter_error returns the error recorded on this thread since the
// last call, and clears it.
std::optional<QueryError> take_filter_error();

// `field:value` filter on names: entity types, countries, authors and
// sources. A value that is a name in the index (for entity types and
// countries after alias resolution: `location:US` and `country:us` are
// "United States"; a person's titles dropped:
// `person:"President Reagan"` is Reagan) filters on it exactly, and with
// the archive's name resolution on every value that resolves to the same
// entity (`person:reagan`, `person:"Ronald Reagan"`: both Ronald Reagan
// and Reagan alone). Any other value searches that field's names as words,
// so `person:kerry` finds the articles naming a Kerry when the archive has
// no "Kerry" alone, and `source:harbour` "Harbour Wire". Either way the
// query carries no weight: it filters, it does not rank.
class NameFieldProcessor : public Xapian::FieldProcessor {
 public:
  // REQUIRES: `db` and `names` (when given) outlive the processor; `field`
  // is an entity field, country, author or source (FieldKind::entity,
  // country or name).
  NameFieldProcessor(Field field, const Xapian::Database& db,
                     const NameResolution* names = nullptr);
  Xapian::Query operator()(const std::string& value) override;

  // For "did you mean": the filter term of this field's name in the index
  // nearest in spelling to `value` (`person:"Ronald Regan"`: Ronald
  // Reagan's): within an edit distance of a quarter of the value's key
  // length (at least 1), the nearest, then the one in most articles. Empty
  // when none is that near. Scans the field's terms.
  std::string nearest_term(const std::string& value) const;

 private:
  // The filter term of `value` when it is a name as the index keeps it.
  std::string exact_term(const std::string& value) const;
  // The filter terms of the entity that `term` (an entity filter term of
  // this field) resolves to, and of every value resolving to it.
  std::vector<std::string> resolved_terms(const std::string& term) const;
  // The articles with a name in this field that holds every word of
  // `value`.
  Xapian::Query named_with(const std::string& value) const;

  Field m_field;
  std::string m_prefix;
  const Xapian::Database& m_db;
  const NameResolution* m_names;
};

// `site:bbc.co.uk`: the articles whose URL is on that host or one of its
// subdomains (www. dropped; a whole URL may be given).
class SiteFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override;
};

// `date:2024-03`, `date:2024..2025-06`: the articles dated within the
// range (parse_date_range).
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  // With a database, a date filter on an index where no article has a date
  // is an error that says so rather than a filter that quietly matches
  // nothing. REQUIRES: `db`, when not null, outlives the processor.
  explicit DateFieldProcessor(const Xapian::Database* db = nullptr) : m_db(db) {}
  Xapian::Query operator()(const std::string& value) override;

 private:
  const Xapian::Database* m_db;
};

}  // namespace dateline

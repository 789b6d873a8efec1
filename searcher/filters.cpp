#include "searcher/filters.hpp"

#include <charconv>

#include "common/canonical.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/query.hpp"

namespace dateline {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Keeps the first error of a parse for parse_query; see pending_filter_error.
Xapian::Query defer_error(const std::string& message) {
  std::optional<std::string>& pending = pending_filter_error();
  if (!pending) pending = message;
  return Xapian::Query::MatchNothing;
}

int to_int(std::string_view s) {
  int value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

int last_day(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

// The first and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD".
std::pair<Date, Date> period(std::string_view text) {
  const std::string bad =
      "not a date (use YYYY, YYYY-MM or YYYY-MM-DD): '" + std::string(text) + "'";
  if (text.size() == 4 && all_digits(text)) {
    const int year = to_int(text);
    return {Date{year, 1, 1}, Date{year, 12, 31}};
  }
  if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(0, 4)) &&
      all_digits(text.substr(5, 2))) {
    const int year = to_int(text.substr(0, 4));
    const int month = to_int(text.substr(5, 2));
    if (month < 1 || month > 12) throw QueryError(bad, 0);
    return {Date{year, month, 1}, Date{year, month, last_day(year, month)}};
  }
  if (text.size() == 10) {
    const std::optional<Date> day = parse_date(text);
    if (day && day->iso() == text) return {*day, *day};
  }
  throw QueryError(bad, 0);
}

}  // namespace

DateRange parse_date_range(std::string_view text) {
  text = trim(text);
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    const auto [from, to] = period(text);
    return {from, to};
  }
  DateRange range;
  const std::string_view left = text.substr(0, dots);
  const std::string_view right = text.substr(dots + 2);
  if (left.empty() && right.empty()) throw QueryError("a date range needs at least one end", 0);
  if (!left.empty()) range.from = period(left).first;
  if (!right.empty()) range.to = period(right).second;
  if (range.from && range.to && range.to->sortable() < range.from->sortable()) {
    throw QueryError("date range ends before it starts: '" + std::string(text) + "'", 0);
  }
  return range;
}

Xapian::Query date_filter(const DateRange& range) {
  if (range.from && range.to) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::k_slot_date, range.from->sortable(),
                         range.to->sortable());
  }
  if (range.from) {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::k_slot_date, range.from->sortable());
  }
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::k_slot_date, range.to->sortable());
}

EntityFieldProcessor::EntityFieldProcessor(EntityType type, const Xapian::Database& db)
    : m_type(type), m_db(db) {}

std::optional<std::string>& pending_filter_error() {
  thread_local std::optional<std::string> pending;
  return pending;
}

Xapian::Query EntityFieldProcessor::operator()(const std::string& value) try {
  const std::string canonical =
      EntityCanonicalizer::instance().canonical(m_type, value, NameOrigin::query);
  if (canonical.empty()) {
    throw QueryError(std::string(type_name(m_type)) + ": needs a name", 0);
  }
  const std::string term = schema::entity_filter_term(m_type, canonical);
  if (m_db.term_exists(term)) return Xapian::Query(term);
  // Not a known entity: every word must occur in one of the type's names.
  Xapian::QueryParser words;
  // Names are indexed unstemmed (a Kerry is not a Kerri).
  words.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
  words.set_default_op(Xapian::Query::OP_AND);
  words.set_database(m_db);
  return words.parse_query(fold_accents(value), Xapian::QueryParser::FLAG_WILDCARD,
                           schema::entity_text_prefix(m_type));
} catch (const QueryError& e) {
  return defer_error(e.what());
} catch (const Xapian::QueryParserError& e) {
  return defer_error(std::string(type_name(m_type)) + ": " + e.get_msg());
}

Xapian::Query DateFieldProcessor::operator()(const std::string& value) try {
  return date_filter(parse_date_range(value));
} catch (const QueryError& e) {
  return defer_error(e.what());
}

}  // namespace dateline

#include "searcher/filters.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>
#include <utility>
#include <vector>

#include "common/canonical.hpp"
#include "common/person_names.hpp"
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

bool index_has_dates(const Xapian::Database& db) {
  return db.get_value_freq(schema::k_slot_date) > 0;
}

std::string undated_index_message(std::string_view consequence) {
  return "no article in this index has a date, so " + std::string(consequence);
}

namespace {

thread_local std::optional<QueryError> t_filter_error;

// Runs a field processor's body; a bad value becomes the recorded error and
// a query that matches nothing (see take_filter_error).
template <typename Body>
Xapian::Query recording_errors(Body body) {
  try {
    return body();
  } catch (const QueryError& e) {
    if (!t_filter_error) t_filter_error = e;
  } catch (const Xapian::QueryParserError& e) {
    if (!t_filter_error) t_filter_error = QueryError("cannot parse query: " + e.get_msg(), 0);
  }
  return Xapian::Query::MatchNothing;
}

}  // namespace

std::optional<QueryError> take_filter_error() {
  std::optional<QueryError> error;
  error.swap(t_filter_error);
  return error;
}

namespace {

// The prefix of a name field's filter terms (common/schema.hpp).
std::string filter_prefix(Field field) {
  const FieldInfo& info = field_info(field);
  if (info.kind == FieldKind::entity) return schema::entity_filter_prefix(info.entity);
  if (info.kind == FieldKind::country) return schema::k_prefix_country;
  return field == Field::author ? schema::k_prefix_author : schema::k_prefix_source;
}

// A word of a name filter's value, as name keys spell it; "ker*" is a
// prefix.
struct NameWord {
  std::string key;
  bool prefix = false;
};

std::vector<NameWord> name_words(std::string_view value) {
  std::vector<NameWord> words;
  std::size_t start = 0;
  while (start < value.size()) {
    std::size_t stop = value.find(' ', start);
    if (stop == std::string_view::npos) stop = value.size();
    std::string_view token = value.substr(start, stop - start);
    start = stop + 1;
    bool prefix = false;
    while (!token.empty() && token.back() == '*') {
      token.remove_suffix(1);
      prefix = true;
    }
    std::string key = entity_key(token);
    if (!key.empty()) words.push_back({std::move(key), prefix});
  }
  return words;
}

// Whether the name key `name` holds `word` as a whole word (or, for a
// prefix, as the start of one).
bool holds(std::string_view name, const NameWord& word) {
  for (std::size_t at = name.find(word.key); at != std::string_view::npos;
       at = name.find(word.key, at + 1)) {
    const std::size_t end = at + word.key.size();
    if ((at == 0 || name[at - 1] == ' ') &&
        (word.prefix || end == name.size() || name[end] == ' ')) {
      return true;
    }
  }
  return false;
}

}  // namespace

NameFieldProcessor::NameFieldProcessor(Field field, const Xapian::Database& db,
                                       const NameResolution* names)
    : m_field(field), m_prefix(filter_prefix(field)), m_db(db), m_names(names) {}

std::string NameFieldProcessor::exact_term(const std::string& value) const {
  const FieldInfo& info = field_info(m_field);
  if (info.kind == FieldKind::country) {
    // Countries are named as locations are: `country:uk`, `country:USSR`.
    return schema::name_filter_term(m_prefix, EntityCanonicalizer::instance().canonical(
                                                  EntityType::location, value, NameOrigin::query));
  }
  if (info.kind != FieldKind::entity) return schema::name_filter_term(m_prefix, value);
  std::string name = value;
  if (info.entity == EntityType::person) {
    // As the indexer does: "President Reagan" is Reagan.
    std::vector<std::string> words;
    for (const NameWord& word : name_words(value)) words.push_back(word.key);
    name.clear();
    for (const std::string& word : without_titles(std::move(words))) {
      name += name.empty() ? word : " " + word;
    }
  }
  const std::string canonical =
      EntityCanonicalizer::instance().canonical(info.entity, name, NameOrigin::query);
  return canonical.empty() ? std::string() : schema::entity_filter_term(info.entity, canonical);
}

std::vector<std::string> NameFieldProcessor::resolved_terms(const std::string& term) const {
  const FieldInfo& info = field_info(m_field);
  EntityRef entity{info.entity, term.substr(m_prefix.size())};
  const EntityRef* target = m_names->resolve(entity.type, entity.key);
  // A value the user's alias file calls none still filters as itself.
  if (target != nullptr && !target->key.empty()) entity = *target;
  std::vector<std::string> terms = {schema::entity_filter_prefix(entity.type) + entity.key};
  for (const EntityRef& alias : m_names->aliases_of(entity.type, entity.key)) {
    terms.push_back(schema::entity_filter_prefix(alias.type) + alias.key);
  }
  return terms;
}

Xapian::Query NameFieldProcessor::named_with(const std::string& value) const {
  const std::vector<NameWord> words = name_words(value);
  // The field's names that hold every word, the most frequent first. Names
  // are not indexed word by word: scanning the field's terms here costs
  // less than such terms cost every article at indexing (Reuters: 4% of
  // the build).
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (Xapian::TermIterator it = m_db.allterms_begin(m_prefix); it != m_db.allterms_end(m_prefix);
       ++it) {
    const std::string term = *it;
    const std::string_view name = std::string_view(term).substr(m_prefix.size());
    // Keys are lower case: anything else is another prefix's term.
    if (name.empty() || std::isupper(static_cast<unsigned char>(name[0]))) continue;
    const bool all = std::all_of(words.begin(), words.end(),
                                 [&](const NameWord& word) { return holds(name, word); });
    if (all && !words.empty()) found.emplace_back(it.get_termfreq(), term);
  }
  if (found.size() > k_max_expansion) {
    std::nth_element(found.begin(), found.begin() + k_max_expansion, found.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    found.resize(k_max_expansion);
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  std::vector<std::string> terms;
  terms.reserve(found.size());
  for (auto& [articles, term] : found) terms.push_back(std::move(term));
  return {Xapian::Query::OP_OR, terms.begin(), terms.end()};
}

namespace {

// edit_distance(a, b), or more than `most` when their lengths alone say so.
std::size_t near_distance(std::string_view a, std::string_view b, std::size_t most) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  return gap > most ? most + 1 : edit_distance(a, b);
}

}  // namespace

std::string NameFieldProcessor::nearest_term(const std::string& value) const {
  const std::string term = exact_term(value);
  if (term.size() <= m_prefix.size()) return {};
  const std::string_view key = std::string_view(term).substr(m_prefix.size());
  const std::size_t most = std::max<std::size_t>(1, key.size() / 4);
  std::string best;
  std::size_t best_distance = most + 1;
  Xapian::doccount best_articles = 0;
  for (Xapian::TermIterator it = m_db.allterms_begin(m_prefix); it != m_db.allterms_end(m_prefix);
       ++it) {
    const std::string candidate = *it;
    const std::string_view name = std::string_view(candidate).substr(m_prefix.size());
    // Keys are lower case: anything else is another prefix's term.
    if (name.empty() || std::isupper(static_cast<unsigned char>(name[0]))) continue;
    // A one-word value may be a surname: `person:lavrof`, Sergey Lavrov.
    const std::size_t space = name.rfind(' ');
    const bool one_word = key.find(' ') == std::string_view::npos;
    const std::string_view compared =
        one_word && space != std::string_view::npos ? name.substr(space + 1) : name;
    const std::size_t distance =
        std::min(near_distance(name, key, most), near_distance(compared, key, most));
    if (distance > most || distance == 0) continue;
    const Xapian::doccount articles = it.get_termfreq();
    if (distance < best_distance || (distance == best_distance && articles > best_articles)) {
      best = candidate;
      best_distance = distance;
      best_articles = articles;
    }
  }
  return best;
}

Xapian::Query NameFieldProcessor::operator()(const std::string& value) {
  return recording_errors([&] {
    const std::string term = exact_term(value);
    if (term.size() <= m_prefix.size()) {
      throw QueryError(std::string(field_name(m_field)) + ": needs a name", 0);
    }
    if (m_names != nullptr && field_info(m_field).kind == FieldKind::entity) {
      const std::vector<std::string> terms = resolved_terms(term);
      const bool any = std::any_of(terms.begin(), terms.end(),
                                   [&](const std::string& t) { return m_db.term_exists(t); });
      if (any) return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    } else if (m_db.term_exists(term)) {
      return Xapian::Query(term);
    }
    return named_with(value);
  });
}

Xapian::Query SiteFieldProcessor::operator()(const std::string& value) {
  return recording_errors([&] {
    const std::string site = schema::site_key(value);
    if (site.empty()) {
      const std::string name(field_name(Field::site));
      throw QueryError(
          name + ": needs a host name, as in " + name + ":bbc.co.uk, not '" + value + "'", 0);
    }
    return Xapian::Query(schema::site_filter_terms(site).front());
  });
}

Xapian::Query DateFieldProcessor::operator()(const std::string& value) {
  return recording_errors([&] {
    const Xapian::Query filter = date_filter(parse_date_range(value));
    if (m_db != nullptr && !index_has_dates(*m_db)) {
      throw QueryError(undated_index_message(std::string(field_name(Field::date)) + ":" + value +
                                             " matches nothing"),
                       0);
    }
    return filter;
  });
}

}  // namespace dateline

#include "searcher/searcher.hpp"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "common/canonical.hpp"
#include "common/error.hpp"
#include "common/latest_revision.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

// MSet::snippet escapes its output for HTML; dateline prints text and JSON,
// so undo that.
std::string unescape_html(std::string_view text) {
  static constexpr std::pair<std::string_view, char> k_entities[] = {
      {"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
      {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, character] : k_entities) {
        if (text.substr(i, entity.size()) == entity) {
          out += character;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

// The opening of `body`, cut at a word boundary near `bytes`.
std::string lead_snippet(std::string_view body, std::size_t bytes) {
  const std::size_t paragraph_end = body.find("\n\n");
  std::string_view lead = body.substr(0, paragraph_end);
  if (lead.size() <= bytes) return std::string(lead);
  std::size_t cut = lead.rfind(' ', bytes);
  if (cut == std::string_view::npos) cut = bytes;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(lead[cut]) & 0xC0) == 0x80) --cut;
  return std::string(lead.substr(0, cut)) + "...";
}

// Terms worth expanding a --like query with: words (stemmed or not) and
// the filter terms of people, places and organizations; not ids, dates or
// title-only duplicates.
class LikeTermDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.starts_with(k_stem_marker)) {
      return term.size() > 3 && std::islower(static_cast<unsigned char>(term[1]));
    }
    for (const EntityType type :
         {EntityType::person, EntityType::location, EntityType::organization}) {
      const std::string_view prefix = schema::entity_filter_prefix(type);
      if (term.starts_with(prefix)) {
        return term.size() > prefix.size() &&
               std::islower(static_cast<unsigned char>(term[prefix.size()]));
      }
    }
    return false;
  }
};

// The most distinctive terms of article `id`, as an OR query that leaves
// the article itself out.
Xapian::Query like_query(const Xapian::Database& db, const std::string& id) {
  const std::string id_term = schema::id_term(id);
  Xapian::PostingIterator posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) throw QueryError("no article with id '" + id + "'", 0);
  Xapian::RSet rset;
  rset.add_document(*posting);
  Xapian::Enquire enquire(db);
  const LikeTermDecider decider;
  // Exact term frequencies: over shards, the default estimates them from
  // the article's own shard, and the terms would differ from one database's.
  const Xapian::ESet eset =
      enquire.get_eset(24, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  std::vector<Xapian::Query> terms;
  for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(*it);
  }
  if (terms.empty()) throw QueryError("article '" + id + "' has no terms to compare", 0);
  return Xapian::Query(Xapian::Query::OP_AND_NOT,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       Xapian::Query(id_term));
}

// A hit with what the article's stored summary says: id, title, path,
// date, source, URL, byline and entities.
SearchHit summary_hit(const Xapian::Document& doc) {
  schema::StoredArticle stored = schema::decode_summary(doc.get_value(schema::k_slot_summary));
  SearchHit hit;
  hit.id = std::move(stored.id);
  hit.title = std::move(stored.title);
  hit.path = std::move(stored.path);
  hit.date = std::move(stored.date);
  hit.source = std::move(stored.source);
  hit.url = std::move(stored.url);
  hit.author = std::move(stored.author);
  hit.entities = std::move(stored.entities);
  return hit;
}

}  // namespace

const SortOrderInfo& sort_order_info(SortOrder order) {
  for (const SortOrderInfo& info : k_sort_orders) {
    if (info.order == order) return info;
  }
  return k_sort_orders[0];  // unreachable: every order is in the table
}

std::optional<SortOrder> parse_sort_order(std::string_view name) {
  for (const SortOrderInfo& info : k_sort_orders) {
    if (info.name == name) return info.order;
  }
  return std::nullopt;
}

std::string sort_order_list(std::string_view last_joiner) {
  std::vector<std::string> names;
  for (const SortOrderInfo& info : k_sort_orders) names.emplace_back(info.name);
  return join_names(names, last_joiner);
}

namespace {

IndexSource one_database(std::string db_path) {
  IndexSource source;
  source.databases.push_back(std::move(db_path));
  return source;
}

}  // namespace

Searcher::Searcher(std::string db_path) : Searcher(one_database(std::move(db_path))) {}

Searcher::Searcher(IndexSource source) : m_shards(std::move(source)), m_db(m_shards.database()) {
  m_counting = m_shards.is_single_directory() ? Counting::value_streams
               : m_shards.all_local()         ? Counting::document_values
                                              : Counting::stock_spies;
  m_stemmer = Xapian::Stem(m_shards.language());
}

bool Searcher::reopen() {
  if (!latest_revision::reopen(m_db)) return false;
  m_entities.forget();
  return true;
}

EntityResolver& Searcher::entities() {
  if (!m_entities.learnt()) m_entities.learn(m_db);
  m_entities.trim();
  return m_entities;
}

std::optional<schema::StoredArticle> Searcher::find_article(const std::string& id) const {
  const std::string term = schema::id_term(id);
  Xapian::PostingIterator posting = m_db.postlist_begin(term);
  if (posting == m_db.postlist_end(term)) return std::nullopt;
  return schema::load_article(m_db.get_document(*posting));
}

Xapian::Query Searcher::build_query(const SearchRequest& request, Xapian::QueryParser& parser,
                                    std::string& parsed_text) {
  const bool has_dates = request.dates.from || request.dates.to;
  Xapian::Query query;
  if (!request.query.empty() ||
      (request.like_id.empty() && !has_dates && request.filters.empty())) {
    query = parse_query(request.query, parser);
  }
  if (!request.like_id.empty()) {
    const Xapian::Query like = like_query(m_db, request.like_id);
    // With a query too, the query narrows the similar articles.
    query = query.empty() ? like : Xapian::Query(Xapian::Query::OP_FILTER, like, query);
  }
  if (has_dates) {
    const Xapian::Query dates = date_filter(request.dates);
    query = query.empty() ? Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, dates)
                          : Xapian::Query(Xapian::Query::OP_FILTER, query, dates);
  }
  for (const Xapian::Query& filter : request.filters) {
    query = query.empty() ? Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter)
                          : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  }
  parsed_text = query.get_description();
  return with_entity_salience(query);
}

bool Searcher::has_rare_word(const std::string& query) const {
  // The words spelling data is kept for (indexer/spelling.hpp): three or
  // more lower-case letters, with their article counts as frequencies. A
  // word in no more articles than a rare match may be a misspelling; when
  // every word is common, the query finds few articles because the words
  // seldom meet, and no correction helps. This check is a few table
  // lookups; correction searches the spelling table for every word, which
  // cost more than the query itself.
  const std::string folded = fold_case(fold_accents(query));
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t stop = start;
    while (stop < folded.size() && (std::islower(static_cast<unsigned char>(folded[stop])) ||
                                    static_cast<unsigned char>(folded[stop]) >= 0x80)) {
      ++stop;
    }
    // The index holds stems (common/schema.hpp).
    if (stop - start >= 3 &&
        m_db.get_termfreq(std::string(k_stem_marker) +
                          m_stemmer(folded.substr(start, stop - start))) <= 2) {
      return true;
    }
    start = stop + 1;
  }
  return false;
}

std::string Searcher::suggest(const SearchRequest& request, Xapian::QueryParser& parser,
                              std::size_t total) {
  // Only a query with few matches is worth correcting, and only a
  // correction that finds more is worth suggesting.
  constexpr std::size_t k_few = 2;
  if (!request.suggest || request.query.empty() || total > k_few) return {};
  // A filter value the archive does not have is corrected first, then
  // words. Correction looks every word up in the spelling table, so it is
  // asked for only here, not on every query.
  std::string corrected = corrected_filter_values(request.query);
  if (corrected.empty()) {
    if (!has_rare_word(request.query)) return {};
    parse_query(request.query, parser, Spelling::correct);
    corrected = restore_wildcards(parser.get_corrected_query_string());
  }
  if (corrected.empty() || corrected == request.query) return {};
  try {
    Xapian::QueryParser fresh =
        make_query_parser({&m_db, m_stemmer, request.mode, &m_entities.names()});
    Xapian::Enquire enquire(m_db);
    enquire.set_query(parse_query(corrected, fresh));
    const Xapian::MSet mset = enquire.get_mset(0, 0, k_few + 1);
    return mset.get_matches_estimated() > total ? corrected : std::string();
  } catch (const Error&) {
    return {};
  }
}

std::string Searcher::corrected_filter_values(const std::string& query) {
  std::string corrected = query;
  bool changed = false;
  const std::vector<FieldValueSpan> spans = field_values(query);
  // From the last, so that earlier spans keep their offsets.
  for (auto span = spans.rbegin(); span != spans.rend(); ++span) {
    const FieldInfo& info = field_info(span->field);
    if (info.kind != FieldKind::entity && info.kind != FieldKind::country) continue;
    NameFieldProcessor names(span->field, m_db, &m_entities.names());
    Xapian::Enquire enquire(m_db);
    try {
      enquire.set_query(names(span->value));
    } catch (const Error&) {
      continue;
    }
    if (!enquire.get_mset(0, 1).empty()) continue;  // it matches
    const std::string term = names.nearest_term(span->value);
    if (term.empty()) continue;
    std::string display;
    if (info.kind == FieldKind::country) {
      display = EntityCanonicalizer::instance().canonical(
          EntityType::location, term.substr(std::string_view(schema::k_prefix_country).size()),
          NameOrigin::query);
    } else {
      EntityRef entity{
          info.entity,
          term.substr(std::string_view(schema::entity_filter_prefix(info.entity)).size())};
      if (const EntityRef* target = m_entities.names().resolve(entity.type, entity.key)) {
        if (target->key.empty()) continue;  // no value (the user's `never`, a bare name)
        entity = *target;
      }
      display = m_entities.display(entity);
    }
    corrected.replace(span->begin, span->end - span->begin,
                      quote_field_value(display, Quotes::when_needed));
    changed = true;
  }
  return changed ? corrected : std::string();
}

SearchResult Searcher::search(const SearchRequest& request) {
  // An indexer committing while we read can discard the revision we are
  // reading (Xapian keeps only the last two): move to the latest and ask
  // again.
  // A remote shard that fails mid-query is looked for and, when partial
  // results are allowed, left out; each attempt is bounded by the timeout.
  int network_attempts = 0;
  for (;;) {
    try {
      SearchResult result = latest_revision::read(
          m_db, [&] { return search_once(request); }, [&] { m_entities.forget(); });
      result.missing_shards = m_shards.missing();
      return result;
    } catch (const Xapian::NetworkError& e) {
      if (++network_attempts > 2) throw ShardError(e.get_description());
      m_shards.recover(e);
      m_db = m_shards.database();
      m_entities.forget();
      m_parser.reset();  // it holds a handle on the old set of shards
    }
  }
}

void Searcher::set_order(Xapian::Enquire& enquire, const Xapian::Query& query,
                         const SearchRequest& request, SortOrder sort) const {
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  // Docids depend on how the index was built and split into shards, and one
  // database and its shards must answer alike, so date sorts use keys of
  // date and id, which never tie (plain value sorts, which the remote
  // backend can run). Equal BM25 weights are left in docid order, so a
  // sharded index may list tied articles in another order than one
  // database: a tie-breaking key read for every candidate cost a tenth of
  // a top-10 query, and Xapian 1.4's relevance-then-value sort through
  // xapian-tcpsrv counted one match twice in a match spy (the facets).
  // Exact ties come from exact copies, which share a collapse key anyway,
  // from queries of filters only, which are listed by date (search_once),
  // and from different short articles of the same length.
  switch (sort) {
    case SortOrder::relevance:
      break;
    case SortOrder::newest:
      enquire.set_sort_by_value_then_relevance(schema::k_slot_newest_key, true);
      break;
    case SortOrder::oldest:
      enquire.set_sort_by_value_then_relevance(schema::k_slot_oldest_key, false);
      break;
  }
  if (request.collapse) enquire.set_collapse_key(schema::k_slot_collapse);
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  // One parser serves every query: building one (prefixes, field
  // processors) costs about a fifth of a top-10 query on a small archive.
  EntityResolver& entities = this->entities();
  if (!m_parser) {
    m_parser = make_query_parser({&m_db, m_stemmer, request.mode, &entities.names()});
  }
  Xapian::QueryParser& parser = *m_parser;
  parser.set_default_op(request.mode == MatchMode::all ? Xapian::Query::OP_AND
                                                       : Xapian::Query::OP_OR);
  SearchResult result;
  result.query = request.query;
  const Xapian::Query query = build_query(request, parser, result.parsed);

  Xapian::Enquire enquire(m_db);
  set_order(enquire, query, request, request.sort);
  FacetCounter facets(request.facets, request.facet_limit, m_db, m_counting, &entities);
  facets.attach(enquire);
  Xapian::MSet mset = match(enquire, request, result);
  // A query of filters only (`date:2024`, `person:"John Kerry"`) weighs
  // nothing, so relevance would list it in docid order, which depends on
  // how the index was built: list it newest first instead. The totals and
  // facets above stand; only the page is asked for again.
  const Ranked ranked = mset.get_max_possible() > 0 ? Ranked::yes : Ranked::no;
  if (ranked == Ranked::no && request.sort == SortOrder::relevance && !mset.empty()) {
    Xapian::Enquire by_date(m_db);
    set_order(by_date, query, request, SortOrder::newest);
    mset = by_date.get_mset(static_cast<Xapian::doccount>(request.offset),
                            static_cast<Xapian::doccount>(request.limit));
  }
  result.offset = request.offset;
  result.limit = request.limit;
  result.hits = make_hits(mset, request, ranked);
  for (SearchHit& hit : result.hits) hit.entities = entities.as_counted(hit.entities);
  result.facets = facets.collect();
  result.suggestion = suggest(request, parser, result.total);
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

Xapian::MSet Searcher::match(Xapian::Enquire& enquire, const SearchRequest& request,
                             SearchResult& result) const {
  // Facets need every match seen; that also makes the total exact, which
  // is all a request for no results (limit 0) asks for.
  const Xapian::doccount page_end = static_cast<Xapian::doccount>(request.offset + request.limit);
  const bool count_all = !request.facets.empty() || request.limit == 0;
  const Xapian::doccount check_at_least = count_all ? m_db.get_doccount() : page_end;
  Xapian::MSet mset =
      enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                       static_cast<Xapian::doccount>(request.limit), check_at_least);
  if (check_at_least >= m_db.get_doccount()) {
    // Every match was seen. Collapsing leaves Xapian's upper bound (and so
    // its estimate) loose, but the lower bound is then the exact number of
    // results kept.
    result.total = mset.get_matches_lower_bound();
    result.articles = mset.get_uncollapsed_matches_lower_bound();
    result.total_exact = true;
  } else {
    result.total = mset.get_matches_estimated();
    result.articles = mset.get_uncollapsed_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  }
  return mset;
}

std::optional<Xapian::MSet> Searcher::phrase_highlights(const SearchRequest& request,
                                                        Ranked ranked) const {
  // Xapian 1.4's snippets highlight a phrase only when its terms are words
  // as written, and the index's phrases are of stems: they would show no
  // highlight at all. A query with a phrase is highlighted as parsed the
  // default way (phrases of the words as typed, other words by stem),
  // through a second, empty result set of that query.
  if (ranked == Ranked::no || request.snippet_bytes == 0 ||
      request.query.find('"') == std::string::npos) {
    return std::nullopt;
  }
  Xapian::QueryParser highlighting =
      make_query_parser({&m_db, m_stemmer, request.mode, &m_entities.names()});
  highlighting.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  Xapian::Enquire words(m_db);
  words.set_query(parse_query(request.query, highlighting));
  return words.get_mset(0, 0);
}

std::vector<SearchHit> Searcher::make_hits(const Xapian::MSet& mset, const SearchRequest& request,
                                           Ranked ranked) const {
  const std::optional<Xapian::MSet> phrases = phrase_highlights(request, ranked);
  const Xapian::MSet& highlights = phrases ? *phrases : mset;
  // A query of filters only has no words to show: its snippets are leads.
  const std::string hi_start(1, k_highlight_start);
  const std::string hi_end(1, k_highlight_end);
  std::vector<SearchHit> hits;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    SearchHit hit = summary_hit(doc);
    hit.rank = it.get_rank() + 1;  // get_rank() counts from the first match, not the page
    hit.score = it.get_weight();
    if (request.snippet_bytes > 0) {
      // Neither SNIPPET_BACKGROUND_MODEL (a database lookup per word of
      // the body) nor SNIPPET_EXHAUSTIVE: together they made snippets ten
      // times the cost of the ranking itself (measured with bench-search).
      // The body is read only here: it is most of what an article stores.
      const std::string body = doc.get_data();
      hit.snippet = ranked == Ranked::yes
                        ? unescape_html(highlights.snippet(body, request.snippet_bytes, m_stemmer,
                                                           0, hi_start, hi_end, "..."))
                        : lead_snippet(body, request.snippet_bytes);
    }
    hit.similar = request.collapse ? it.get_collapse_count() : 0;
    hit.collapse_key = it.get_collapse_key();
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace dateline

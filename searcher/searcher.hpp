// Searcher: the query path behind dateline-search, its batch mode and the
// interactive shell. Opens an index once, checks its schema, and answers
// SearchRequests: parse (with entity and date filters), rank (BM25 or by
// date), count facets exactly over all matches, cut a page, make snippets,
// and suggest a spelling when few articles match.
//
// A Searcher is not thread-safe (a Xapian::Database is not): one per
// thread. A search visits every match when it counts facets or asks for no
// page (limit 0), else stops once the page is certain; a query of filters
// only is matched twice (counted, then paged by date), and a spelling
// suggestion costs another parse and match.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/entity.hpp"
#include "common/schema.hpp"
#include "searcher/entity_resolver.hpp"
#include "searcher/facets.hpp"
#include "searcher/filters.hpp"
#include "searcher/query.hpp"
#include "searcher/shard_set.hpp"

namespace dateline {

enum class SortOrder { relevance, newest, oldest };

// The sort orders, named once: --sort, the shell's :sort and its
// completion, and --help read this table.
struct SortOrderInfo {
  SortOrder order;
  std::string_view name;    // "newest"
  std::string_view phrase;  // "newest first": how a result list says it is ordered
};
inline constexpr SortOrderInfo k_sort_orders[] = {
    {SortOrder::relevance, "relevance", "by relevance"},
    {SortOrder::newest, "newest", "newest first"},
    {SortOrder::oldest, "oldest", "oldest first"}};

const SortOrderInfo& sort_order_info(SortOrder order);
// The order named `name` exactly; nullopt for anything else.
std::optional<SortOrder> parse_sort_order(std::string_view name);
// "relevance, newest or oldest" (`last_joiner` "or").
std::string sort_order_list(std::string_view last_joiner);

struct SearchRequest {
  // The query text; may be empty when --like, --since or --until give the
  // search something to do.
  std::string query;
  MatchMode mode = MatchMode::all;
  std::size_t offset = 0;
  // Results per page; 0 asks for the total and the facets only (then the
  // total is exact even without facets).
  std::size_t limit = 10;
  SortOrder sort = SortOrder::relevance;
  DateRange dates;  // from --since / --until; both open by default
  // Facets to count; empty for none (then totals may be estimates).
  std::vector<FacetKind> facets{std::begin(k_default_facets), std::end(k_default_facets)};
  std::size_t facet_limit = 10;
  std::string like_id;  // articles most like this one
  // Near-duplicate copies of a story show as one result (with a count of
  // the others) unless this is false.
  bool collapse = true;
  // Look for a spelling correction when few articles match and a word is
  // rare. It costs more than the query itself, so scripts that never show
  // one turn it off.
  bool suggest = true;
  std::size_t snippet_bytes = 240;
  // Filters the query language cannot express (the shell's source filters,
  // its whole-archive counts). Each restricts the matches without adding
  // weight, like `dates`; with no query text they alone select the matches,
  // and Xapian::Query::MatchAll selects every article. Empty by default.
  std::vector<Xapian::Query> filters;
};

// Snippets mark query-term matches with these characters. Stored text never
// contains control characters (normalize_text removes them), so the markers
// cannot be confused with article text; output code turns them into bold
// or into the JSON markers.
inline constexpr char k_highlight_start = '\x02';
inline constexpr char k_highlight_end = '\x03';

struct SearchHit {
  std::size_t rank = 0;  // 1-based, across pages
  std::string id;
  std::string title;
  std::string path;
  std::string date;  // ISO or empty
  std::string source;
  std::string url;
  std::string author;  // the byline as the article gives it
  double score = 0;
  std::string snippet;  // with highlight markers
  std::vector<ArticleEntity> entities;
  std::size_t similar = 0;   // near-duplicate copies collapsed into this result
  std::string collapse_key;  // the id its story's copies share
};

struct SearchResult {
  std::string query;
  std::string parsed;        // Xapian's description of the query as understood
  std::string suggestion;    // a corrected query with more matches, or empty
  std::size_t total = 0;     // results: stories, near-duplicate copies counted once
  std::size_t articles = 0;  // matching articles, copies counted each
  bool total_exact = true;
  std::size_t offset = 0;
  std::size_t limit = 0;
  std::vector<SearchHit> hits;
  std::vector<Facet> facets;
  // Shards left out of a partial search (--allow-partial); empty when every
  // shard answered.
  std::vector<MissingShard> missing_shards;
  double took_ms = 0;
};

class Searcher {
 public:
  // Opens and checks the index. Throws dateline::Error for a missing index
  // or one of another schema version.
  explicit Searcher(std::string db_path);
  // Opens and checks every shard of the source (see ShardSet); also throws
  // ShardError for shards that cannot be reached.
  explicit Searcher(IndexSource source);

  // Throws QueryError for a bad query or an unknown --like id; lets other
  // Xapian::Error through. When an indexer's commits discard the revision
  // being read, moves to the latest revision and retries. When a remote
  // shard fails, throws ShardError naming it, or (with partial results
  // allowed) searches again without it and lists it in missing_shards. Not
  // thread-safe (Xapian::Database is not).
  SearchResult search(const SearchRequest& request);

  // Picks up changes committed since the index was opened (or since the
  // last reopen). Returns true when there were any.
  bool reopen();

  // The stored record of article `id`, or nullopt when there is none.
  std::optional<schema::StoredArticle> find_article(const std::string& id) const;

  // Whether any article of the index has a date (index_has_dates): date
  // filters on an index without dates can only match nothing.
  bool has_dates() const { return index_has_dates(m_db); }

  const Xapian::Database& database() const { return m_db; }
  // The archive's name resolution (common/name_resolution.hpp), as
  // searches apply it; learnt on first use.
  const NameResolution& names() { return entities().names(); }
  // The index directory, or a description of its shards.
  const std::string& path() const { return m_shards.description(); }
  const ShardSet& shards() const { return m_shards; }

 private:
  // Whether a query's matches carry weight (words) or not (filters only).
  enum class Ranked { yes, no };

  SearchResult search_once(const SearchRequest& request);
  // Runs `enquire` for the request's page; sets the totals of `result`.
  Xapian::MSet match(Xapian::Enquire& enquire, const SearchRequest& request,
                     SearchResult& result) const;
  // The hits of `mset`, with snippets when the request asks for them.
  std::vector<SearchHit> make_hits(const Xapian::MSet& mset, const SearchRequest& request,
                                   Ranked ranked) const;
  // For a ranked query with a phrase: the (empty) result set whose
  // snippets highlight the phrase; nullopt when the page's own will do.
  std::optional<Xapian::MSet> phrase_highlights(const SearchRequest& request, Ranked ranked) const;
  // Sets `query` on `enquire` with BM25, the order `sort` and collapsing.
  void set_order(Xapian::Enquire& enquire, const Xapian::Query& query, const SearchRequest& request,
                 SortOrder sort) const;
  Xapian::Query build_query(const SearchRequest& request, Xapian::QueryParser& parser,
                            std::string& parsed_text);
  std::string suggest(const SearchRequest& request, Xapian::QueryParser& parser, std::size_t total);
  // Whether some word of `query` is rare enough to be a misspelling.
  bool has_rare_word(const std::string& query) const;
  // `query` with each entity or country filter value that matches no
  // article replaced by the archive's nearest name (NameFieldProcessor::
  // nearest_term, as the entity it counts as: `person:"Ronald Regan"` ->
  // `person:"Ronald Reagan"`); empty when no value changes.
  std::string corrected_filter_values(const std::string& query);

  // The archive's name resolution, learnt on the first search and again
  // after the index changes.
  EntityResolver& entities();

  ShardSet m_shards;
  Xapian::Database m_db;
  EntityResolver m_entities;
  Counting m_counting = Counting::stock_spies;
  Xapian::Stem m_stemmer;
  std::optional<Xapian::QueryParser> m_parser;  // made on first use, then reused
};

}  // namespace dateline

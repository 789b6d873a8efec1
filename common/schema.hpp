// The index schema: every term prefix, value slot, metadata key and the
// stored document data, in one place. ARCHITECTURE.md ("Index schema")
// describes the same thing for people, and docs/specs/ holds the layout of
// the two values with one of their own (summary-record.md,
// entity-facet-slot.md); change them together with this file.
//
// Everything here is written into indexes that outlive the code: never
// give a prefix, slot number or metadata key another meaning, and bump
// k_schema_version whenever an existing index would be read wrongly (the
// searcher and the indexer then refuse old indexes instead of misreading
// them).
//
// Thread-safety: the constants and the functions over strings are pure and
// thread-safe; the functions taking a Xapian database use it as Xapian
// allows, from one thread at a time.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/entity.hpp"

namespace dateline::schema {

// The version every database of an index is stamped with
// (k_meta_schema_version).
inline constexpr int k_schema_version = 15;

// Whether a file of this name in a directory marks a Xapian database that
// has committed (Xapian's version file: iamglass, iamchert, iamhoney).
inline bool is_database_version_file(std::string_view name) {
  return name == "iamglass" || name == "iamchert" || name == "iamhoney";
}

// Metadata keys stored in the database.
inline constexpr const char* k_meta_schema_version = "dateline:schema_version";
inline constexpr const char* k_meta_language = "dateline:language";
// Boilerplate lines learnt from the corpus at the index's first build
// (indexer/boilerplate.hpp), one per line; updates reuse them.
inline constexpr const char* k_meta_boilerplate = "dateline:boilerplate";

// The archive's name resolution, learnt at the end of each build or update
// of one database (common/name_resolution.hpp: NameResolution::store), with
// the fingerprint of the names it was learnt from; a search uses it when
// the fingerprint still matches.
inline constexpr const char* k_meta_names = "dateline:names";

// The user's alias file (common/user_aliases.hpp), as UserAliases::encode
// gives it; absent when none was given. Archive-wide resolution reads it.
inline constexpr const char* k_meta_aliases = "dateline:aliases";

// Term prefixes, following Omega's conventions (xapian-omega termprefixes).
inline constexpr const char* k_prefix_title =
    "S";                                          // title words, as "ZS" + stem (also as body text)
inline constexpr const char* k_prefix_id = "Q";   // unique article id, one per document
inline constexpr const char* k_prefix_day = "D";  // D20240314
inline constexpr const char* k_prefix_month = "M";  // M202403
inline constexpr const char* k_prefix_year = "Y";   // Y2024
// XF + 16 hex digits of the source file's path hash, on every article of
// the file: how an update finds (and deletes) a file's articles.
inline constexpr const char* k_prefix_file = "XF";

// Entity filter terms: prefix + entity_key(value), one per canonical entity
// of the article ("XPjohn kerry", "XLunited states"). Keys are lower case, so
// they never clash with the name-text prefixes below. In EntityType order,
// which is stored: never reorder.
inline constexpr const char* k_entity_prefixes[] = {"XP", "XL", "XO", "XM"};
static_assert(std::size(k_entity_prefixes) == std::size(k_entity_types));
constexpr const char* entity_filter_prefix(EntityType type) {
  return k_entity_prefixes[static_cast<std::size_t>(type)];
}

// Acronym evidence: prefix + the acronym's key + a space + the key of the
// organisation it abbreviates ("XRsec securities and exchange
// commission"), once per article that names both (acronym_pairs in
// common/name_resolution.hpp). Its article count is how often the archive
// spells the acronym out; archive-wide resolution reads it.
inline constexpr const char* k_prefix_acronym = "XR";
// Title evidence: prefix + the key of a one-word person's name the article
// writes after a title ("XTsuharto" for "President Suharto"), once per
// article. Archive-wide resolution reads its article count: a bare
// surname or given name no article introduces so is no facet value.
inline constexpr const char* k_prefix_titled = "XT";
// Firm evidence: prefix + the key of an organisation the article writes
// with its legal form ("XBjames capel" for "James Capel and Co"), once per
// article. Archive-wide resolution reads it: a name that reads as a
// person's and is written so is a firm. (Schema 14 wrote these under XF,
// the file prefix, where merges and updates took them for files.)
inline constexpr const char* k_prefix_firm = "XB";

// Filter terms of the article's byline and publication: prefix +
// entity_key(name) ("XAelin sandvik", "XSharbour wire"), one per author
// (a byline "A and B" names two) and one for the source.
inline constexpr const char* k_prefix_author = "XA";
inline constexpr const char* k_prefix_source = "XS";
// Filter terms of the site the article's URL is on: prefix + site_key(url)
// ("XHbbc.co.uk") and + each parent domain of two labels or more
// ("XHco.uk"), so that `site:bbc.co.uk` also finds news.bbc.co.uk.
inline constexpr const char* k_prefix_site = "XH";
// Filter terms of the countries the article is about (common/gazetteer.hpp):
// prefix + entity_key(country) ("XCcanada", "XCsoviet union").
inline constexpr const char* k_prefix_country = "XC";

// Every term prefix above, for the check that no two clash: a prefix is
// what merges and updates enumerate terms by.
inline constexpr const char* k_term_prefixes[] = {k_prefix_title,
                                                  k_prefix_id,
                                                  k_prefix_day,
                                                  k_prefix_month,
                                                  k_prefix_year,
                                                  k_prefix_file,
                                                  "XP",
                                                  "XL",
                                                  "XO",
                                                  "XM",
                                                  k_prefix_acronym,
                                                  k_prefix_titled,
                                                  k_prefix_firm,
                                                  k_prefix_author,
                                                  k_prefix_source,
                                                  k_prefix_site,
                                                  k_prefix_country};

// Value slots. Their numbers are stored in every index: never reuse one
// for something else.
inline constexpr Xapian::valueno k_slot_date = 0;    // "YYYYMMDD", absent when unknown
inline constexpr Xapian::valueno k_slot_source = 1;  // publication, absent when unknown
// The source file's state when it was read, "SIZE:MTIME_NS:CONTENT_HASH",
// so that a re-run skips unchanged files without parsing them.
inline constexpr Xapian::valueno k_slot_file_state = 2;
// The article's MinHash signature (indexer/duplicates.hpp), 32 x 4 bytes.
inline constexpr Xapian::valueno k_slot_signature = 3;
// The article's summary (encode_summary): what a result line shows.
inline constexpr Xapian::valueno k_slot_summary = 5;
// Sort keys: "YYYYMMDD" then the id, so that a date sort never ties (ids
// are unique) and orders alike in one database and in its shards, whose
// docids differ. Undated articles have "00000000" in the newest-first key
// and "99999999" in the oldest-first key, so they come last either way.
inline constexpr Xapian::valueno k_slot_newest_key = 6;
inline constexpr Xapian::valueno k_slot_oldest_key = 7;
// The collapse key: the id of the earliest article of its near-duplicate
// group; absent when the article has no copies, so that collapsing reads a
// sparse slot and skips the articles it cannot collapse.
inline constexpr Xapian::valueno k_slot_collapse = 4;
// The byline's authors (byline_authors), joined by k_facet_value_separator;
// absent when the article names none. The author facet counts them.
inline constexpr Xapian::valueno k_slot_authors = 8;
// site_key(url); absent without a URL. The site facet counts it.
inline constexpr Xapian::valueno k_slot_site = 9;
// Slot 11 held the countries in schema 13; they are the entity slot's
// fifth group now (one value stream for every entity facet). Not reused.

// Entity values for facet counting: one slot holding all of the article's
// canonical entity values, most salient first, grouped by type in
// k_entity_types order, then the countries the article is about
// (Article::countries) as a fifth group. Values within a group are joined
// by k_facet_value_separator and the groups by k_facet_group_separator, so
// there are always k_entity_slot_groups groups (some empty). An article
// names an entity or country at most once, so splitting each distinct
// value of the slot and adding its document count to every member counts
// documents per entity exactly. Xapian's stock ValueCountMatchSpy counts
// those distinct values, and the stock xapian-tcpsrv can run it, so counts
// also work over remote shards; locally one value stream serves every
// entity facet and the country facet (searcher/facets.hpp).
inline constexpr Xapian::valueno k_slot_entities = 10;
inline constexpr std::size_t k_country_group = std::size(k_entity_types);
inline constexpr std::size_t k_entity_slot_groups = k_country_group + 1;
inline constexpr char k_facet_value_separator = '\x1f';  // never in normalised text
inline constexpr char k_facet_group_separator = '\x1e';  // never in normalised text
// The slot value for an article's entities and countries (empty when it
// has neither): docs/specs/entity-facet-slot.md. Values keep their order.
// REQUIRES: no value holds a separator (normalised text holds none).
std::string encode_entity_groups(const std::vector<ArticleEntity>& entities,
                                 const std::vector<std::string>& countries = {});
// Splits a k_slot_entities value into its groups: indexed by EntityType,
// then the countries at k_country_group; missing groups are left empty,
// anything after a fifth group ignored. The views point into `value`.
// Never throws. REQUIRES: `groups` has room for k_entity_slot_groups views.
void split_entity_groups(std::string_view value, std::string_view* groups);

// The filter term for an entity value.
std::string entity_filter_term(EntityType type, std::string_view value);
// The acronym evidence term (k_prefix_acronym) of two entity keys; empty
// when it would be longer than a Xapian term may be.
std::string acronym_term(std::string_view acronym_key, std::string_view expansion_key);
// The filter term `prefix` + entity_key(name), for authors and sources.
std::string name_filter_term(std::string_view prefix, std::string_view name);
// The title evidence term (k_prefix_titled) of `entity`: for a person of a
// one-word name the article writes after a title, else empty.
std::string titled_name_term(const ArticleEntity& entity);
// The firm evidence term (k_prefix_firm) of `entity`: for an organisation
// the article writes with its legal form, else empty.
std::string firm_name_term(const ArticleEntity& entity);

// `values` joined by k_facet_value_separator (for k_slot_authors).
std::string join_values(const std::vector<std::string>& values);

// The site of a URL, as the site filter and facet know it: the host, lower
// case, without scheme, user, port, path or a leading "www."
// ("https://www.BBC.co.uk:443/news" -> "bbc.co.uk"). A bare host works too
// ("www.bbc.co.uk"). Empty when there is no host.
std::string site_key(std::string_view url);
// The filter terms of a site_key: the host and each parent domain of two
// labels or more ("news.bbc.co.uk": it, "bbc.co.uk", "co.uk"); only the
// host for an IP address. Empty for an empty site.
std::vector<std::string> site_filter_terms(std::string_view site);

// Title words are indexed unprefixed with this wdf per occurrence (body
// words get 1), which is how BM25 ranks title matches higher.
inline constexpr Xapian::termcount k_title_wdf = 3;

// Names of entities in the headline or first paragraph are indexed once
// more, unprefixed and unpositioned, with this wdf: BM25's entity-salience
// boost.
inline constexpr Xapian::termcount k_salient_entity_wdf = 2;

// How much an article is about one of its entities: the wdf of the
// entity's filter term (XP, XL, XO, XM), so that BM25 over those terms
// ranks the articles most about an entity first (searcher/query.hpp:
// with_entity_salience). 1, plus 4 when the headline names it, plus 2 when
// the first paragraph does, plus one per further mention up to 5.
Xapian::termcount entity_salience(const ArticleEntity& entity);
// The same for the country filter terms (XC), from the country's place in
// Article::countries, which follows its entities' salience: 5 for the
// first, one less for each next, at least 1.
Xapian::termcount country_salience(std::size_t rank);

// Gap in term positions between title and body so that a phrase never
// matches across the two.
inline constexpr Xapian::termpos k_title_body_gap = 100;

// What a search result shows. Everything but the body is the article's
// summary, a compact binary record (layout in schema.cpp) in value slot
// k_slot_summary: id, title, path, date, source, url, author, language and
// the entities with type, value, mention count and salience flags. The
// body is the document data. A result list reads only summaries -- a
// value is a cheap uncompressed read -- and the bodies only of the hits it
// makes snippets for: reading ten whole records cost two thirds of a
// top-10 query (measured with bench-search).
struct StoredArticle {
  std::string id;
  std::string title;
  std::string path;
  std::string date;  // ISO "YYYY-MM-DD" or empty
  std::string source;
  std::string url;
  std::string author;
  std::string language;
  std::string body;  // paragraphs separated by blank lines
  std::vector<ArticleEntity> entities;
};

// The summary of `article`, whose author shows as `shown_author` (the
// builder gives the byline's names, "Ann Ferris, Bo Lind", for "By Ann
// Ferris and Bo Lind, Reuters"). The layout, version 1, is
// docs/specs/summary-record.md. Cost: linear in the article's fields.
std::string encode_summary(const Article& article, std::string_view shown_author);
// The same with the author as the article has it.
std::string encode_summary(const Article& article);
// The summary's fields, with an empty body. Throws dateline::Error when
// `summary` is not what encode_summary wrote: empty, another magic byte or
// version, truncated, a bad varint or entity type, trailing bytes (the
// spec's "What a reader must reject"). Cost: one pass over the value.
StoredArticle decode_summary(std::string_view summary);
// The whole stored article of `doc`: its summary and its body (which
// Xapian reads and decompresses: the costly half). Throws dateline::Error
// for a document without a summary.
StoredArticle load_article(const Xapian::Document& doc);

// What an index remembers of a source file, in k_slot_file_state as
// "SIZE:MTIME_NS:CONTENT_HASH", three decimal numbers.
struct FileState {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t content_hash = 0;  // FNV-1a 64 of the bytes

  friend bool operator==(const FileState&, const FileState&) = default;
};
std::string encode_file_state(const FileState& state);
// nullopt for a value that is not an encoded FileState.
std::optional<FileState> decode_file_state(std::string_view value);

// FNV-1a 64 of `bytes`. A file read in pieces hashes as a whole when each
// piece's hash is the `seed` of the next's.
inline constexpr std::uint64_t k_content_hash_seed = 0xcbf29ce484222325ULL;
std::uint64_t content_hash(std::string_view bytes, std::uint64_t seed = k_content_hash_seed);

// The file term of a source path (absolute, as stored in articles).
std::string file_term(std::string_view source_path);

// The unique-id term of an article id.
std::string id_term(std::string_view article_id);

// Marks a new or existing database as a dateline index of this schema
// (k_meta_schema_version, k_meta_language), unless it is one already.
// Throws dateline::Error, writing nothing, if it already belongs to
// another schema version, was built with a different stemmer language, or
// holds documents without being a dateline index. The caller commits.
void stamp_database(Xapian::WritableDatabase& db, const std::string& language);

// Writes the schema version and language into `db`'s metadata,
// unconditionally (for a database dateline has just built).
void write_stamp(Xapian::WritableDatabase& db, const std::string& language);

// Checks that `db` is a dateline index of this schema version and returns its
// stemmer language. Throws dateline::Error with a message naming `db_path`.
std::string check_database(const Xapian::Database& db, const std::string& db_path);

}  // namespace dateline::schema

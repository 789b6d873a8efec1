// Article: one news story as dateline understands it, whatever file it came
// from. Readers (common/reader.hpp) produce them; the indexer turns each into
// one Xapian document (common/schema.hpp says how).
//
// Plain values and pure functions: thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/entity.hpp"

namespace dateline {

// A calendar date. Only whole days are kept: news archives rarely carry a
// trustworthy time of day, and facets and filters work on days.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // "2024-03-14"
  std::string iso() const;
  // "20240314": sorts as a string, so it serves as a Xapian value.
  std::string sortable() const;

  friend bool operator==(const Date&, const Date&) = default;
};

// Parses the date forms found in article headers and feeds: ISO 8601
// ("2024-03-14", "2024-03-14T08:30:00Z", "2024/03/14"), day-month-year
// ("14 March 2024", "26-FEB-1987 15:01:01.79", RFC 822 "Thu, 14 Mar 2024 ..."),
// and month-day-year ("March 14, 2024"). Returns nullopt for anything else,
// including impossible dates such as 2023-02-30.
std::optional<Date> parse_date(std::string_view text);

// The date a path implies: a ".../YYYY/MM/DD/..." directory run, or
// "YYYY-MM-DD" inside the file name. nullopt when there is neither.
std::optional<Date> date_from_path(const std::filesystem::path& path);

struct Article {
  // Stable identifier: the same file (and, in a multi-article file, the same
  // entry) always gets the same id, so re-indexing replaces, never adds.
  std::string id;
  std::string source_path;
  std::string title;
  std::vector<std::string> paragraphs;
  std::optional<Date> date;
  std::string source;  // publication, e.g. "Reuters"
  std::string url;
  std::string author;
  std::string language;  // Xapian stemmer name the article is indexed with
  // The language the article's source states for it (a web page's <html
  // lang>, a JSON "language" field, XML's xml:lang), as written ("en-GB",
  // "fr"); empty when it states none. Entities are extracted only from
  // articles in the tagger's language (indexer/entity_extractor.hpp).
  std::string stated_language;
  // Filled by the indexer's entity extraction, most salient first.
  std::vector<ArticleEntity> entities;
  // Filled with the entities: the countries the article is about, as the
  // gazetteer finds them (common/gazetteer.hpp), display names.
  std::vector<std::string> countries;

  // The paragraphs joined by blank lines: the body as stored for display.
  std::string body_text() const;
};

// The id for an article read from `source_path`. `part` tells apart articles
// of one file (a JSON line's url or number, a Reuters NEWID); it is empty for
// one-article files. Returns 16 lower-case hex digits of FNV-1a 64 over the
// path's bytes, then, when `part` is not empty, '#' and the part's.
// Ids are stored (the Q term, the summary, the sort keys, the collapse key;
// a file's XF term is the id of its path alone) and pick an article's
// shard: never change the hash, or the next update of an existing index
// would add every article again beside its old copy.
std::string make_article_id(std::string_view source_path, std::string_view part);

}  // namespace dateline

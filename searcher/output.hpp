// Rendering a SearchResult: text for people (bold highlights and facet bars
// on a terminal, plain when piped) and one JSON object per query for
// programs. Both strip any control character from what they print, so
// nothing in an article can move the cursor or change the terminal.
//
// Functions of their arguments, writing only to the stream given:
// thread-safe. Cost: linear in what they write.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/entity.hpp"
#include "common/schema.hpp"
#include "searcher/searcher.hpp"
#include "searcher/style.hpp"

namespace dateline {

// In JSON snippets, matches are wrapped in these markers (Markdown bold).
inline constexpr std::string_view k_json_highlight = "**";

void write_text(const SearchResult& result, Color color, std::ostream& out);

// One line: {"query", "parsed", "suggestion", "total", "total_exact",
// "offset", "limit", "took_ms", "results": [{"rank", "id", "path", "title",
// "date", "source", "author", "url", "score", "snippet", "entities":
// {"person": [{"value", "mentions"}], "location": [...], "organization":
// [...], "misc": [...]}, "similar"}], "facets": {"person": [{"value",
// "count"}], ...}, "missing_shards"}.
void write_json(const SearchResult& result, std::ostream& out);

// One whole article (dateline-search --show ID): title, then date, source,
// author, URL, path and id, the entities of each type with their mention
// counts, then the body's paragraphs. Bold title on a terminal.
void write_article_text(const schema::StoredArticle& article, Color color, std::ostream& out);

// The same as one line of JSON: {"id", "title", "date" (null when unknown),
// "source", "author", "url", "path", "language", "entities": {"person":
// [{"value", "mentions", "in_title", "in_lead"}], ...}, "body"}.
void write_article_json(const schema::StoredArticle& article, std::ostream& out);

// One line: {"query": ..., "line": ..., "error": ...}, for batch mode:
// `line` is the query's 1-based line in the input.
void write_json_error(std::string_view query, std::size_t line, std::string_view message,
                      std::ostream& out);

// `text` with control characters (C0 except newline, DEL, C1) removed.
std::string strip_control_characters(std::string_view text);

// A result's score as text shows it: "1.50".
std::string format_score(double score);

// Entities as text, for the command line's writers and the shell's view
// alike.
enum class Mentions { shown, hidden };
inline constexpr std::size_t k_all_entities = std::numeric_limits<std::size_t>::max();

// The names of the entities of `type` in `entities`, in their order (the
// indexer puts the most salient first), comma-separated: the first `most`
// of them, each followed by its mention count when `mentions` is
// Mentions::shown ("CERN (2), Fermilab (1)"). Controls stripped
// (strip_control_characters). Empty when there are none.
std::string entity_names(const std::vector<ArticleEntity>& entities, EntityType type,
                         std::size_t most, Mentions mentions);

// A result's entities on one line: the first four people, places and
// organizations, "people: A, B" + `separator` + "places: C" (misc ones
// are left out: they are rarely what a reader scans for). Empty when
// there are none.
std::string entity_line(const std::vector<ArticleEntity>& entities, std::string_view separator);

}  // namespace dateline

// Rendering a SearchResult: text for people (bold highlights and facet bars
// on a terminal, plain when piped) and one JSON object per query for
// programs. Both strip any control character from what they print, so
// nothing in an article can move the cursor or change the terminal.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "common/schema.hpp"
#include "searcher/searcher.hpp"

namespace dateline {

enum class Color { yes, no };

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

// One line: {"query": ..., "error": ...}, for batch mode.
void write_json_error(std::string_view query, std::string_view message, std::ostream& out);

// `text` with control characters (C0 except newline, DEL, C1) removed.
std::string strip_control_characters(std::string_view text);

}  // namespace dateline

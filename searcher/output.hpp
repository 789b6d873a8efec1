// Rendering a SearchResult: text for people (bold highlights and facet bars
// on a terminal, plain when piped) and one JSON object per query for
// programs. Both strip any control character from what they print, so
// nothing in an article can move the cursor or change the terminal.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "searcher/searcher.hpp"

namespace dateline {

enum class Color { yes, no };

// In JSON snippets, matches are wrapped in these markers (Markdown bold).
inline constexpr std::string_view k_json_highlight = "**";

void write_text(const SearchResult& result, Color color, std::ostream& out);

// One line: {"query", "parsed", "suggestion", "total", "total_exact",
// "offset", "limit", "took_ms", "results": [{"rank", "id", "path", "title",
// "date", "source", "url", "score", "snippet", "entities": {"person":
// [{"value", "mentions"}], "location": [...], "organization": [...],
// "misc": [...]}}], "facets": {"person": [{"value", "count"}], ...}}.
void write_json(const SearchResult& result, std::ostream& out);

// One line: {"query": ..., "error": ...}, for batch mode.
void write_json_error(std::string_view query, std::string_view message, std::ostream& out);

// `text` with control characters (C0 except newline, DEL, C1) removed.
std::string strip_control_characters(std::string_view text);

}  // namespace dateline

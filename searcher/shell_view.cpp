#include "searcher/shell_view.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "common/text.hpp"
#include "searcher/fields.hpp"
#include "searcher/output.hpp"
#include "searcher/terminal.hpp"

namespace dateline::shell {
namespace {

using terminal::truncate_to_width;
using terminal::wrap;

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t w = terminal::display_width(text);
  return std::string(text) + std::string(w < width ? width - w : 0, ' ');
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t w = terminal::display_width(text);
  return std::string(w < width ? width - w : 0, ' ') + std::string(text);
}

// "2024-03-14 · Harbour Wire · by Elin Sandvik": an article's date,
// source and byline.
std::string byline(std::string_view date, std::string_view source, std::string_view author) {
  std::string line = date.empty() ? "undated" : one_line(date);
  if (!source.empty()) line += " \u00b7 " + one_line(source);
  if (!author.empty()) line += " \u00b7 by " + one_line(author);
  return line;
}

// ---------------------------------------------------------------------------
// Results.

// A snippet cleaned of everything but its highlight markers.
std::string clean_snippet(std::string_view snippet) {
  std::string out;
  std::size_t i = 0;
  while (i < snippet.size()) {
    const std::size_t marker =
        snippet.find_first_of(std::string{k_highlight_start, k_highlight_end}, i);
    const std::size_t end = marker == std::string_view::npos ? snippet.size() : marker;
    // A paragraph break ("\n\n") reads as one space.
    for (char c : one_line(snippet.substr(i, end - i))) {
      if (c != ' ' || out.empty() || out.back() != ' ') out += c;
    }
    if (marker == std::string_view::npos) break;
    out += snippet[marker];
    i = marker + 1;
  }
  return out;
}

// One wrapped line of a snippet with its markers turned into bold (or
// dropped); `open` carries a highlight across lines.
std::string render_marked(std::string_view line, const Style& style, bool& open) {
  std::string out(open ? style.bold_start() : "");
  for (char c : line) {
    if (c == k_highlight_start) {
      open = true;
      out += style.bold_start();
    } else if (c == k_highlight_end) {
      open = false;
      out += style.reset();
    } else {
      out += c;
    }
  }
  if (open) out += style.reset();
  return out;
}

// "3 matches for geneva  · 1-3, page 1 of 2, newest first".
std::string results_heading(const SearchResult& result, const SearchState& state,
                            std::size_t pages) {
  std::string heading = plural(result.total, "match", "matches");
  if (!result.total_exact) heading += " (about)";
  if (!state.query.empty()) heading += " for " + one_line(state.query);
  if (!state.like_id.empty()) heading += " like \u201c" + state.like_title + "\u201d";
  if (!result.hits.empty()) {
    heading += "  \u00b7 " + std::to_string(result.hits.front().rank) + "-" +
               std::to_string(result.hits.back().rank);
    if (pages > 1) {
      heading += ", page " + std::to_string(state.page + 1) + " of " + std::to_string(pages);
    }
  }
  if (state.sort != SortOrder::relevance) {
    heading += ", " + std::string(sort_order_info(state.sort).phrase);
  }
  return heading;
}

// Up to three lines of `snippet`, indented, matches in bold.
std::string render_snippet(std::string_view snippet, std::size_t indent, std::size_t room,
                           const Style& style) {
  constexpr std::size_t k_snippet_lines = 3;
  std::vector<std::string> lines = wrap(clean_snippet(snippet), room);
  if (lines.size() > k_snippet_lines) {
    lines.resize(k_snippet_lines);
    lines.back() = truncate_to_width(lines.back() + " \u2026", room);
  }
  std::string text;
  bool open = false;
  for (const std::string& line : lines) {
    text += std::string(indent, ' ') + render_marked(line, style, open) + '\n';
  }
  return text;
}

std::string render_hit(const SearchHit& hit, const Display& display) {
  const Style& style = display.style;
  const std::size_t width = display.width;
  const std::string rank = pad_left(std::to_string(hit.rank), 2) + ". ";
  const std::string indent(4, ' ');
  std::string text = '\n' + rank +
                     style.bold(truncate_to_width(one_line(hit.title),
                                                  width > rank.size() ? width - rank.size() : 1)) +
                     '\n';
  std::string meta = byline(hit.date, hit.source, hit.author);
  if (hit.score > 0) meta += " \u00b7 score " + format_score(hit.score);
  // As the command line's text says it: copies of the story folded in.
  if (hit.similar > 0) meta += " \u00b7 +" + std::to_string(hit.similar) + " similar";
  const std::size_t room = width > indent.size() + 10 ? width - indent.size() : 10;
  text += indent + style.dim(truncate_to_width(meta, room)) + '\n';
  if (!hit.snippet.empty()) text += render_snippet(hit.snippet, indent.size(), room, style);
  const std::string entities = one_line(entity_line(hit.entities, " \u00b7 "));
  if (!entities.empty()) text += indent + style.dim(truncate_to_width(entities, room)) + '\n';
  return text;
}

// ---------------------------------------------------------------------------
// Facets.

// The columns of a facet listing: "  N  name  count bar".
struct ListingColumns {
  std::size_t number = 1;
  std::size_t name = 4;
  std::size_t count = 1;
  std::size_t bar = 1;
};

ListingColumns listing_columns(const std::vector<Facet>& facets, std::size_t width) {
  ListingColumns columns;
  std::size_t values = 0;
  for (const Facet& facet : facets) {
    for (const FacetValue& v : facet.values) {
      ++values;
      columns.name = std::max(columns.name, terminal::display_width(one_line(v.value)));
      columns.count = std::max(columns.count, std::to_string(v.count).size());
    }
  }
  columns.number = std::to_string(std::max<std::size_t>(values, 1)).size();
  // At least ten columns of bar.
  const std::size_t fixed = 2 + columns.number + 2 + 2 + columns.count + 1;
  columns.name = std::min(columns.name, width > fixed + 10 ? (width - fixed - 10) : 8);
  columns.bar =
      std::min<std::size_t>(40, width > fixed + columns.name ? width - fixed - columns.name : 1);
  return columns;
}

// One facet's name and its values, numbered on from `number`.
std::string render_facet(const Facet& facet, const ListingColumns& columns, std::size_t& number,
                         const Style& style) {
  std::string text = style.bold(facet_name(facet.kind)) + '\n';
  if (facet.values.empty()) return text + "  " + style.dim("(none)") + '\n';
  Xapian::doccount top = 1;
  for (const FacetValue& v : facet.values) top = std::max(top, v.count);
  for (const FacetValue& v : facet.values) {
    const std::string name = truncate_to_width(one_line(v.value), columns.name);
    const std::size_t bar = std::max<std::size_t>(1, v.count * columns.bar / top);
    text += "  " + pad_left(std::to_string(++number), columns.number) + "  " +
            pad_right(name, columns.name) + "  " +
            pad_left(std::to_string(v.count), columns.count) + ' ' + style.dim(style.bar(bar)) +
            '\n';
  }
  return text;
}

// ---------------------------------------------------------------------------
// Statistics.

// "top people", "top places", "top sources": the :stats label of a facet.
std::string top_label(FacetKind kind) {
  const FacetInfo& info = facet_info(kind);
  if (info.values == FacetValues::entities) {
    return "top " + std::string(entity_type_info(info.entity).plural);
  }
  return "top " + std::string(info.name) + "s";
}

std::string human_size(std::uintmax_t bytes) {
  const char* units[] = {"bytes", "KB", "MB", "GB", "TB"};
  double size = static_cast<double>(bytes);
  int unit = 0;
  while (size >= 1024 && unit < 4) {
    size /= 1024;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", size, units[unit]);
  return buf;
}

// "20240314" -> "2024-03-14".
std::string iso_from_sortable(const std::string& value) {
  if (value.size() != 8) return value;
  return value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
}

// "2024-01-02 to 2025-11-30 (3 undated)", or "none".
std::string date_span(const IndexStats& stats) {
  if (stats.dated == 0) return "none";
  std::string span = one_line(iso_from_sortable(stats.first_date)) + " to " +
                     one_line(iso_from_sortable(stats.last_date));
  if (stats.articles > stats.dated) {
    span += " (" + std::to_string(stats.articles - stats.dated) + " undated)";
  }
  return span;
}

// "Daniel Okafor (7), Pavel Sorokin (7)", or "none".
std::string top_values(const Facet& facet) {
  std::string values;
  for (const FacetValue& v : facet.values) {
    if (!values.empty()) values += ", ";
    values += one_line(v.value) + " (" + std::to_string(v.count) + ")";
  }
  return values.empty() ? "none" : values;
}

// ---------------------------------------------------------------------------
// Articles.

// "people: " and the names with their mention counts, wrapped under it.
std::string render_entities(const schema::StoredArticle& article, EntityType type,
                            const Display& display) {
  const std::string names =
      one_line(entity_names(article.entities, type, k_all_entities, Mentions::shown));
  if (names.empty()) return {};
  const std::string label = std::string(entity_type_info(type).plural) + ": ";
  const std::size_t width = display.width;
  const std::vector<std::string> lines =
      wrap(names, width > label.size() + 10 ? width - label.size() : 10);
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    text += (i == 0 ? display.style.dim(label) : std::string(label.size(), ' ')) + lines[i] + '\n';
  }
  return text;
}

// The body's paragraphs (separated by blank lines), each wrapped and
// followed by a blank line.
std::string render_body(std::string_view body, std::size_t width) {
  const std::string clean = strip_control_characters(body);
  std::string text;
  std::size_t start = 0;
  while (start < clean.size()) {
    std::size_t end = clean.find("\n\n", start);
    if (end == std::string::npos) end = clean.size();
    const std::string_view paragraph = trim(std::string_view(clean).substr(start, end - start));
    if (!paragraph.empty()) {
      for (const std::string& line : wrap(paragraph, width)) text += line + '\n';
      text += '\n';
    }
    start = end + 2;
  }
  return text;
}

}  // namespace

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::string one_line(std::string_view text) {
  std::string out = strip_control_characters(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

std::string render_greeting(std::size_t articles, std::string_view index_path) {
  return "dateline: " + plural(articles, "article", "articles") + " in " + one_line(index_path) +
         ". Type words to search, :help for commands, :quit or Ctrl-D to leave.\n";
}

std::string render_error(std::string_view message, const Style& style) {
  return style.red(one_line(message)) + '\n';
}

std::string render_prompt(const SearchState& state, const std::optional<SearchResult>& shown,
                          std::size_t width) {
  std::vector<std::string> parts;
  if (!state.like_id.empty()) {
    parts.push_back("[like:" + truncate_to_width(state.like_title, 24) + "]");
  }
  for (const ActiveFilter& filter : state.filters) {
    parts.push_back("[" + one_line(describe_filter(filter)) + "]");
  }
  if (!state.since_text.empty()) parts.push_back("[since:" + state.since_text + "]");
  if (!state.until_text.empty()) parts.push_back("[until:" + state.until_text + "]");
  std::string count;
  if (shown && state.active()) {
    count = " " + std::to_string(shown->total) + (shown->total_exact ? "" : "~");
  }
  // Keep room to type: drop the oldest parts when the prompt grows long.
  const std::size_t room = std::max(width / 2, width > 24 ? width - 24 : 0);
  std::size_t dropped = 0;
  const auto assemble = [&] {
    std::string prompt = "dateline";
    if (dropped > 0) prompt += " [+" + std::to_string(dropped) + "]";
    for (std::size_t i = dropped; i < parts.size(); ++i) prompt += " " + parts[i];
    return prompt + count + "> ";
  };
  std::string prompt = assemble();
  while (dropped < parts.size() && terminal::display_width(prompt) > room) {
    ++dropped;
    prompt = assemble();
  }
  if (terminal::display_width(prompt) > room) prompt = truncate_to_width(prompt, room) + "> ";
  return prompt;
}

std::string render_results(const SearchResult& result, const SearchState& state, std::size_t pages,
                           const Display& display) {
  std::string text = truncate_to_width(results_heading(result, state, pages), display.width) + '\n';
  const std::string suggestion = suggestion_for_user(result.suggestion, state);
  if (!suggestion.empty()) {
    text += "Did you mean: " + display.style.bold(one_line(suggestion)) + '\n';
  }
  if (result.hits.empty() && result.total > 0) text += "(no results on this page)\n";
  for (const SearchHit& hit : result.hits) text += render_hit(hit, display);
  return text;
}

std::string render_facets(const SearchResult& result, const SearchState& state,
                          const Display& display) {
  const Style& style = display.style;
  const ListingColumns columns = listing_columns(result.facets, display.width);
  std::string text = (state.active() ? plural(result.total, "match", "matches") +
                                           (result.total_exact ? "" : " (about)")
                                     : "all " + plural(result.total, "article", "articles")) +
                     '\n';
  std::size_t number = 0;
  for (const Facet& facet : result.facets) text += render_facet(facet, columns, number, style);
  if (number == 0) {
    text += style.dim("no values to list; try :facets year or :facets source") + '\n';
  } else {
    text += style.dim(":filter N narrows to value N, :filter -N excludes it") + '\n';
  }
  return text;
}

MonthSpan month_span(const std::vector<FacetValue>& months) {
  const auto month_index = [](const std::string& ym) {
    return std::stoi(ym.substr(0, 4)) * 12 + std::stoi(ym.substr(5, 2)) - 1;
  };
  MonthSpan span{month_index(months.front().value), month_index(months.front().value)};
  for (const FacetValue& month : months) {
    span.first = std::min(span.first, month_index(month.value));
    span.last = std::max(span.last, month_index(month.value));
  }
  return span;
}

Period trend_period(MonthSpan span) {
  return span.last - span.first + 1 > k_max_trend_months ? Period::year : Period::month;
}

std::map<std::string, Xapian::doccount> count_per_month(const std::vector<FacetValue>& months,
                                                        MonthSpan span) {
  std::map<std::string, Xapian::doccount> counts;
  for (const FacetValue& v : months) counts[v.value] = v.count;
  for (int m = span.first; m <= span.last; ++m) {
    char label[16];
    std::snprintf(label, sizeof label, "%04d-%02d", m / 12, m % 12 + 1);
    counts.try_emplace(label, 0);
  }
  return counts;
}

std::map<std::string, Xapian::doccount> count_per_year(const std::vector<FacetValue>& years,
                                                       MonthSpan span) {
  std::map<std::string, Xapian::doccount> counts;
  for (const FacetValue& v : years) counts[v.value] = v.count;
  for (int year = span.first / 12; year <= span.last / 12; ++year) {
    counts.try_emplace(std::to_string(year), 0);
  }
  return counts;
}

std::string render_trend(const TrendChart& chart, const Display& display) {
  Xapian::doccount top = 1;
  Xapian::doccount dated = 0;
  for (const auto& [label, count] : chart.counts) {
    top = std::max(top, count);
    dated += count;
  }
  const bool by_year = chart.period == Period::year;
  const std::size_t count_width = std::to_string(top).size();
  const std::size_t label_width = by_year ? 4 : 7;
  const std::size_t width = display.width;
  const std::size_t bar_room =
      width > label_width + count_width + 3 ? width - label_width - count_width - 3 : 1;
  const std::string undated =
      chart.total > dated
          ? " (" + plural(chart.total - dated, "undated one", "undated ones") + " not shown)"
          : "";
  std::string text =
      truncate_to_width(chart.subject + ": " + plural(dated, "dated article", "dated articles") +
                            " per " + (by_year ? "year" : "month") + undated,
                        width) +
      '\n';
  for (const auto& [label, count] : chart.counts) {
    std::size_t bar = static_cast<std::size_t>(count) * bar_room / top;
    if (count > 0 && bar == 0) bar = 1;
    text += one_line(label) + ' ' + pad_left(std::to_string(count), count_width) +
            (bar == 0 ? "" : " " + display.style.bar(bar)) + '\n';
  }
  return text;
}

std::string render_stats(const IndexStats& stats, const Display& display) {
  const std::size_t width = display.width;
  std::string text;
  const auto row = [&](std::string_view label, const std::string& value) {
    text += display.style.dim(pad_right(label, 15)) +
            truncate_to_width(value, width > 15 ? width - 15 : 5) + '\n';
  };
  row("articles", std::to_string(stats.articles));
  row("dates", date_span(stats));
  row("index", one_line(stats.path) + ", " + human_size(stats.bytes_on_disk) + " on disk");
  if (!stats.language.empty()) row("stemmer", one_line(stats.language));
  for (const Facet& facet : stats.top_values) row(top_label(facet.kind), top_values(facet));
  return text;
}

std::string render_article(const schema::StoredArticle& article, const Display& display) {
  const Style& style = display.style;
  const std::size_t width = display.width;
  std::string text;
  for (const std::string& line : wrap(one_line(article.title), width)) {
    text += style.bold(line) + '\n';
  }
  text +=
      style.dim(truncate_to_width(byline(article.date, article.source, article.author), width)) +
      '\n';
  text += style.dim(truncate_to_width(one_line(article.path), width)) + '\n';
  if (!article.url.empty()) {
    text += style.dim(truncate_to_width(one_line(article.url), width)) + '\n';
  }
  for (EntityType type : k_entity_types) text += render_entities(article, type, display);
  return text + '\n' + render_body(article.body, width);
}

std::string render_copies(std::string_view title, const SearchResult& copies) {
  std::string text = std::to_string(copies.total) + " copies of \"" + one_line(title) + "\":\n";
  for (const SearchHit& copy : copies.hits) {
    text += "  " + (copy.date.empty() ? std::string("undated   ") : copy.date) + "  " +
            one_line(copy.title) + "  " + one_line(copy.path) + '\n';
  }
  return text;
}

std::string render_help(const Display& display) {
  const std::size_t width = display.width;
  const std::string intro =
      "A plain line is a query: words, \"a phrase\", AND OR NOT, * for every article, and the "
      "fields " +
      field_list(in_query_language, "and") +
      " (person:\"Name\", date:2024-03, site:bbc.co.uk). Filters stay until :back or :clear. "
      "TAB completes commands and values. Commands (short forms in brackets):";
  std::string text;
  for (const std::string& line : wrap(intro, width)) text += line + '\n';
  std::size_t name_width = 0;
  for (const CommandInfo& info : commands()) {
    name_width = std::max(name_width, info.name.size() + info.alias.size() + 5);
  }
  for (const CommandInfo& info : commands()) {
    const std::string name = ":" + info.name + " (:" + info.alias + ")";
    const std::size_t room = width > name_width + 4 ? width - name_width - 4 : 20;
    const std::vector<std::string> lines = wrap(info.summary, room);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      text += "  " +
              (i == 0 ? display.style.bold(pad_right(name, name_width))
                      : std::string(name_width, ' ')) +
              "  " + lines[i] + '\n';
    }
  }
  return text + display.style.dim(":help COMMAND shows how to call one") + '\n';
}

std::string render_command_help(const CommandInfo& command, const Display& display) {
  std::string text = display.style.bold(command.usage) + "   (short: :" + command.alias + ")\n";
  for (const std::string& line : wrap(command.summary, display.width - 2)) {
    text += "  " + line + '\n';
  }
  return text;
}

}  // namespace dateline::shell

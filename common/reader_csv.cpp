// The CSV reader: see parse_csv in common/reader.hpp. The fields are split
// by libcsv (quoting, doubled quotes, line breaks inside quoted fields);
// this file finds the delimiter, maps the header's columns to an article's
// fields and keeps count of lines.
#include <csv.h>

#include <algorithm>
#include <array>
#include <new>
#include <optional>
#include <span>
#include <vector>

#include "common/article_fields.hpp"
#include "common/html_article.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

// The delimiter of the header line `line`: the one of comma, semicolon,
// tab and bar it holds most of outside quotes (Excel writes semicolons
// where the comma is the decimal mark; the BBC's dataset, tabs); a comma
// when it holds none.
unsigned char sniff_delimiter(std::string_view line) {
  constexpr std::array<unsigned char, 4> k_candidates = {',', ';', '\t', '|'};
  std::array<std::size_t, 4> counts{};
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (std::size_t k = 0; k < k_candidates.size(); ++k) {
      if (static_cast<unsigned char>(c) == k_candidates[k]) ++counts[k];
    }
  }
  const auto most = std::max_element(counts.begin(), counts.end());
  return *most == 0 ? ',' : k_candidates[static_cast<std::size_t>(most - counts.begin())];
}

// How many times a file is read again after a quoted field never closed.
constexpr int k_max_restarts = 16;

int is_blank(unsigned char c) { return c == ' ' ? 1 : 0; }
int is_blank_or_tab(unsigned char c) { return c == ' ' || c == '\t' ? 1 : 0; }

// Which column holds each of an article's fields; nullopt where none does.
struct Columns {
  std::optional<std::size_t> title, body, date, url, id, source, author, language;

  bool has_text() const { return title || body; }
};

// The column of `header` named by the first of `names` it holds, names
// compared without case ("Title", "publishedAt").
std::optional<std::size_t> column_of(const std::vector<std::string>& header,
                                     std::span<const char* const> names) {
  for (const char* name : names) {
    const std::string wanted = fold_case(name);
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (fold_case(trim(header[c])) == wanted) return c;
    }
  }
  return std::nullopt;
}

// The columns of `header`. A "name" column is a title only beside a body
// column: alone it names people or places in a table of no articles.
Columns columns_of(const std::vector<std::string>& header) {
  namespace f = article_fields;
  Columns columns{column_of(header, f::k_title),  column_of(header, f::k_body),
                  column_of(header, f::k_date),   column_of(header, f::k_url),
                  column_of(header, f::k_id),     column_of(header, f::k_source),
                  column_of(header, f::k_author), column_of(header, f::k_language)};
  if (columns.title && !columns.body && fold_case(trim(header[*columns.title])) == "name") {
    columns.title.reset();
  }
  return columns;
}

// What the parse keeps between libcsv's calls: the record being read, the
// header, and where in the file the record started.
class CsvRows {
 public:
  CsvRows(const ReaderContext& context, ReadResult& result)
      : m_context(context), m_result(result) {}

  // Feeds one line (with its line break) of the file, the `number`th.
  // Returns false, and takes nothing more, once a record is damaged.
  bool feed(csv_parser& parser, std::string_view line, std::size_t number) {
    m_line = number;
    if (m_start == 0 && !trim(line).empty()) m_start = number;
    csv_parse(&parser, line.data(), line.size(), &CsvRows::on_field, &CsvRows::on_record, this);
    return m_damaged == 0;
  }

  // Reads the record the file ends in without a line break.
  void end_file(csv_parser& parser) {
    csv_fini(&parser, &CsvRows::on_field, &CsvRows::on_record, this);
  }

  // The line a damaged record starts on, or 0. A record is damaged when it
  // runs over several lines and has not the header's count of fields: a
  // quoted field never closed (or closed by a stray quote further on) has
  // swallowed the rows after it, which libcsv's lenient parse cannot see.
  std::size_t damaged() const { return m_damaged; }

  // Drops the damaged record, with a problem naming its line, to read the
  // lines after its first again; with `check` false, records are no longer
  // checked for damage.
  void skip_damaged(bool check) {
    m_result.problems.push_back(
        {m_context.source_path, m_damaged, "quoted field never closed (row skipped)"});
    m_damaged = 0;
    m_check_damage = check;
    m_fields.clear();
    m_start = 0;
  }

  // What the whole file lacked: a header, or rows under it.
  void report_file() {
    if (!m_seen_header) {
      m_result.problems.push_back({m_context.source_path, 0, "empty file"});
    } else if (m_columns.has_text() && m_rows == 0) {
      m_result.problems.push_back({m_context.source_path, 0, "no rows under the header"});
    }
  }

 private:
  static void on_field(void* text, std::size_t size, void* self) {
    auto* rows = static_cast<CsvRows*>(self);
    if (rows->m_damaged == 0) rows->m_fields.emplace_back(static_cast<const char*>(text), size);
  }
  static void on_record(int, void* self) {
    auto* rows = static_cast<CsvRows*>(self);
    if (rows->m_damaged == 0) rows->end_record();
  }

  void end_record() {
    if (!m_seen_header) {
      read_header();
    } else if (m_check_damage && m_line > m_start && m_fields.size() != m_header_size) {
      m_damaged = m_start;
      return;
    } else if (m_columns.has_text()) {
      add_row();
    }
    m_fields.clear();
    m_start = 0;
  }

  void read_header() {
    m_seen_header = true;
    m_header_size = m_fields.size();
    m_columns = columns_of(m_fields);
    if (m_columns.has_text()) return;
    std::string names;
    for (const std::string& field : m_fields) {
      if (!names.empty()) names += ", ";
      names += trim(field);
    }
    m_result.problems.push_back({m_context.source_path, m_start,
                                 "no title or body column (the header names: " + names + ")"});
  }

  // The row's field in `column`, empty when there is none.
  std::string cell(const std::optional<std::size_t>& column) const {
    if (!column || *column >= m_fields.size()) return {};
    return m_fields[*column];
  }

  void add_row() {
    ++m_rows;
    RawArticle raw;
    raw.title = feed_field_text(cell(m_columns.title));
    raw.body = feed_field_text(cell(m_columns.body));
    raw.date = cell(m_columns.date);
    raw.url = cell(m_columns.url);
    raw.source = feed_field_text(cell(m_columns.source));
    raw.author = feed_field_text(cell(m_columns.author));
    raw.language = cell(m_columns.language);
    std::string part = std::string(trim(raw.url));
    if (part.empty()) part = std::string(trim(cell(m_columns.id)));
    if (part.empty()) part = "row " + std::to_string(m_rows);
    Article article = make_article(raw, part, m_context);
    if (article.title.empty() && article.paragraphs.empty()) {
      m_result.problems.push_back({m_context.source_path, m_start, "no title or body"});
      return;
    }
    m_result.articles.push_back(std::move(article));
  }

  const ReaderContext& m_context;
  ReadResult& m_result;
  std::vector<std::string> m_fields;
  Columns m_columns;
  bool m_seen_header = false;
  std::size_t m_header_size = 0;
  bool m_check_damage = true;
  std::size_t m_damaged = 0;  // the line a damaged record starts on
  std::size_t m_line = 0;     // the line being fed
  std::size_t m_rows = 0;     // rows read after the header
  std::size_t m_start = 0;    // the line the record being read starts on; 0 before it does
};

}  // namespace

ReadResult parse_csv(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  DecodedText decoded = decode_text(bytes);
  result.encoding = decoded.encoding;
  result.invalid_utf8 = decoded.invalid_bytes;
  if (decoded.invalid_bytes > 0) {
    result.invalid_utf8_line = line_at(bytes, decoded.first_invalid_offset);
  }
  const std::string_view text = decoded.text;

  std::vector<std::string_view> lines;  // each with its line break
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  const unsigned char delimiter = sniff_delimiter(lines.empty() ? "" : lines.front());
  CsvRows rows(context, result);
  // A quoted field never closed swallows the rows after it: its row is
  // dropped and the lines after its first read again, a few times at most
  // (each costs a pass over the rest of the file).
  std::size_t from = 0;
  for (int restart = 0;; ++restart) {
    csv_parser parser;
    if (csv_init(&parser, 0) != 0) throw std::bad_alloc();
    csv_set_delim(&parser, delimiter);
    // Spaces around a field are trimmed; a tab only when it is no delimiter.
    csv_set_space_func(&parser, delimiter == '\t' ? is_blank : is_blank_or_tab);
    bool whole = true;
    for (std::size_t k = from; whole && k < lines.size(); ++k) {
      whole = rows.feed(parser, lines[k], k + 1);
    }
    if (whole) rows.end_file(parser);
    csv_free(&parser);
    if (rows.damaged() == 0) break;
    from = rows.damaged();  // the line after the one it starts on
    rows.skip_damaged(restart + 1 < k_max_restarts);
  }
  rows.report_file();
  return result;
}

}  // namespace dateline

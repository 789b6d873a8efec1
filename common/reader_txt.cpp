// The plain-text reader: see parse_text_article in common/reader.hpp.
#include <algorithm>
#include <iterator>
#include <optional>
#include <vector>

#include "common/html_text.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

// A "headline" longer than this is body text without line breaks.
constexpr std::size_t k_max_headline_bytes = 400;

// A header value under the headline longer than this is body text.
constexpr std::size_t k_max_header_value_bytes = 120;

// A header line such as "Date: 2024-03-14": the lower-cased key and the
// value, or nullopt when `line` is not one of the known headers.
struct Header {
  std::string key;
  std::string value;
};

std::optional<Header> parse_header(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon > 12) return std::nullopt;  // also when there is none (npos)
  const std::string key = fold_case(trim(line.substr(0, colon)));
  static constexpr std::string_view k_keys[] = {"title",  "headline", "date", "published",
                                                "source", "author",   "url",  "byline"};
  for (std::string_view known : k_keys) {
    if (key == known) return Header{key, std::string(trim(line.substr(colon + 1)))};
  }
  return std::nullopt;
}

// Whether `header`'s value is as short as a header's: under the headline a
// long one is a paragraph that opens with a word and a colon ("Source: the
// ministry's figures show...").
bool is_short_header(const Header& header) {
  return header.key == "url" || header.value.size() <= k_max_header_value_bytes;
}

// Stores a header's value in `raw`. The first date and title stand.
void apply_header(const Header& header, RawArticle& raw) {
  if (header.key == "date" || header.key == "published") {
    if (raw.date.empty()) raw.date = header.value;
  } else if (header.key == "title" || header.key == "headline") {
    if (raw.title.empty()) raw.title = header.value;
  } else if (header.key == "source") {
    raw.source = header.value;
  } else if (header.key == "url") {
    raw.url = header.value;
  } else {
    raw.author = header.value;
  }
}

// The name in a byline line under a headline ("By Jean Dupont", "BY JANE
// DOE AND JOHN ROE"): "By" and at most eight words, each capitalised or a
// joining word ("and", "de", "van"...); nullopt when `line` is none.
std::optional<std::string> parse_byline(std::string_view line) {
  if (line.size() < 4 || fold_case(line.substr(0, 3)) != "by ") return std::nullopt;
  const std::string_view name = trim(line.substr(3));
  const std::size_t words = count_words(name);
  if (words == 0 || words > 8) return std::nullopt;
  static constexpr std::string_view k_joining[] = {"and", "de", "del", "da", "van", "von",
                                                   "der", "la", "le",  "di", "bin", "al"};
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = name.find(' ', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view word = name.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const unsigned char first = static_cast<unsigned char>(word.front());
    const bool capitalised = (first >= 'A' && first <= 'Z') || first >= 0x80;
    const bool joining =
        std::find(std::begin(k_joining), std::end(k_joining), word) != std::end(k_joining);
    if (!capitalised && !joining && word != ",") return std::nullopt;
  }
  return std::string(name);
}

// Whether the one short line skipped before line `first_long` is the
// headline ("Markets tumble"): it is the only one, stands alone (a blank
// line under it) and the paragraph that follows reads as prose: its last
// line ends a sentence, or its first is too long for a headline. Short lines in a run
// ("News", "Breaking news", "Share") are a page's furniture, and one above a
// headline-like line a section's name.
bool is_short_headline(const std::vector<std::string_view>& lines,
                       const std::vector<std::size_t>& short_lines, std::size_t first_long) {
  if (short_lines.size() != 1) return false;
  const std::size_t at = short_lines.front();
  if (count_words(trim(lines[at])) < 2) return false;
  if (at + 1 >= lines.size() || !trim(lines[at + 1]).empty()) return false;
  if (trim(lines[first_long]).size() > k_max_headline_bytes) return true;
  std::size_t last = first_long;
  while (last + 1 < lines.size() && !trim(lines[last + 1]).empty()) ++last;
  std::string_view end = trim(lines[last]);
  while (!end.empty() && (end.back() == '"' || end.back() == ')' || end.back() == '\'')) {
    end.remove_suffix(1);
  }
  return !end.empty() && (end.back() == '.' || end.back() == '!' || end.back() == '?');
}

}  // namespace

ReadResult parse_text_article(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  if (trim(bytes).empty()) {
    result.problems.push_back({context.source_path, 0, "empty file"});
    return result;
  }
  // UTF-16 text holds NUL bytes; anything else that does is no text.
  if (!has_utf16_bom(bytes) && bytes.find('\0') != std::string_view::npos) {
    result.problems.push_back({context.source_path, 0, "binary file (contains NUL bytes)"});
    return result;
  }
  DecodedText decoded = decode_text(bytes);
  if (decoded.text.find('\0') != std::string::npos) {
    result.problems.push_back({context.source_path, 0, "binary file (contains NUL characters)"});
    return result;
  }
  result.encoding = decoded.encoding;
  result.invalid_utf8 = decoded.invalid_bytes;
  if (decoded.invalid_bytes > 0) {
    result.invalid_utf8_line = line_at(bytes, decoded.first_invalid_offset);
  }
  // References first, so that what they stand for is normalised like the
  // rest and headers, headline and boilerplate are found in the text meant.
  const std::string text = normalize_text(decode_character_references(std::move(decoded.text)));
  const std::vector<std::string_view> lines = split_lines(text);

  RawArticle raw;
  std::size_t i = 0;
  std::vector<std::size_t> short_lines;  // skipped before the headline
  // Header lines, boilerplate and short lines until the headline, or until
  // the first other line after a Title: or Headline: header.
  for (; i < lines.size(); ++i) {
    const std::string_view line = trim(lines[i]);
    if (line.empty() || is_boilerplate_line(line, context.learned_boilerplate)) continue;
    if (auto header = parse_header(line)) {
      apply_header(*header, raw);
      continue;
    }
    if (!raw.title.empty() || count_words(line) >= 3) break;
    short_lines.push_back(i);
  }
  if (raw.title.empty() && i < lines.size() && is_short_headline(lines, short_lines, i)) {
    raw.title = std::string(trim(lines[short_lines.front()]));
  }
  if (raw.title.empty()) {
    if (i == lines.size()) {
      result.problems.push_back(
          {context.source_path, 0, "no headline (only boilerplate or short lines)"});
      return result;
    }
    // A "headline" longer than k_max_headline_bytes is a text without line
    // breaks (a converter joined it into one line): all of it is body, and
    // make_article takes the title from its opening words.
    if (trim(lines[i]).size() <= k_max_headline_bytes) raw.title = std::string(trim(lines[i++]));
  }
  // Under the headline: a byline, header lines or the date alone, each
  // before the first paragraph.
  for (; !raw.title.empty() && i < lines.size(); ++i) {
    const std::string_view line = trim(lines[i]);
    if (line.empty()) continue;
    if (auto header = parse_header(line); header && is_short_header(*header)) {
      apply_header(*header, raw);
    } else if (auto byline = parse_byline(line); byline && raw.author.empty()) {
      raw.author = std::move(*byline);
    } else if (raw.date.empty() && line.size() <= 40 && parse_date(line)) {
      raw.date = std::string(line);
    } else {
      break;
    }
  }
  for (std::size_t j = i; j < lines.size(); ++j) {
    raw.body.append(lines[j]);
    raw.body += '\n';
  }

  Article article = make_article(raw, "", context);
  if (!article.date) article.date = date_from_path(context.source_path);
  result.articles.push_back(std::move(article));
  return result;
}

}  // namespace dateline

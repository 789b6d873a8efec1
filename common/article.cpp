#include "common/article.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>

namespace dateline {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return k_days[static_cast<std::size_t>(month - 1)];
}

std::optional<Date> make_date(int year, int month, int day) {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return std::nullopt;
  }
  return Date{year, month, day};
}

// 1..12 for an English month name or its three-letter abbreviation
// (any case), 0 otherwise.
int month_from_name(std::string_view word) {
  static constexpr std::array<std::string_view, 12> k_names = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.back() == '.') lower.pop_back();
  for (std::size_t i = 0; i < k_names.size(); ++i) {
    const std::string_view name = k_names[i];
    if (lower == name ||
        (lower.size() >= 3 && name.starts_with(lower) && (lower.size() == 3 || lower == "sept"))) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

// ISO forms: YYYY-MM-DD or YYYY/MM/DD at the start of `s`, optionally
// followed by a time.
std::optional<Date> parse_iso(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  const char sep = s[4];
  if ((sep != '-' && sep != '/') || s[7] != sep) return std::nullopt;
  if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) {
    return std::nullopt;
  }
  if (s.size() > 10 && std::isdigit(static_cast<unsigned char>(s[10]))) return std::nullopt;
  return make_date(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2)));
}

// Word forms: a day number, a month name and a four-digit year in either
// order ("14 March 2024", "March 14, 2024", "Thu, 14 Mar 2024 08:00 GMT",
// "26-FEB-1987"). Times and weekday names are ignored.
std::optional<Date> parse_words(std::string_view s) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])))) ++i;
    if (i > start) tokens.push_back(s.substr(start, i - start));
    // A time such as 15:01:01.79 is skipped whole.
    if (i < s.size() && s[i] == ':') {
      while (i < s.size() && s[i] != ' ') ++i;
    }
  }
  int day = 0;
  int month = 0;
  int year = 0;
  for (std::string_view token : tokens) {
    if (all_digits(token)) {
      if (token.size() == 4 && year == 0) {
        year = to_int(token);
      } else if (token.size() <= 2 && day == 0 && (year == 0 || month != 0)) {
        day = to_int(token);
      }
    } else if (month == 0) {
      month = month_from_name(token);
    }
  }
  if (day == 0 || month == 0 || year == 0) return std::nullopt;
  return make_date(year, month, day);
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::sortable() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::optional<Date> parse_date(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  if (auto iso = parse_iso(text)) return iso;
  return parse_words(text);
}

std::optional<Date> date_from_path(const std::filesystem::path& path) {
  // Directory run .../YYYY/MM/DD/file
  std::vector<std::string> parts;
  for (const auto& part : path.parent_path()) parts.push_back(part.string());
  for (std::size_t i = 0; i + 2 < parts.size(); ++i) {
    const std::string& y = parts[i];
    const std::string& m = parts[i + 1];
    const std::string& d = parts[i + 2];
    if (y.size() == 4 && m.size() == 2 && d.size() == 2 && all_digits(y) && all_digits(m) &&
        all_digits(d)) {
      if (auto date = make_date(to_int(y), to_int(m), to_int(d))) return date;
    }
  }
  // YYYY-MM-DD inside the file name.
  const std::string name = path.filename().string();
  for (std::size_t i = 0; i + 10 <= name.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]))) continue;
    if (name[i + 4] != '-' || name[i + 7] != '-') continue;
    if (auto date = parse_iso(std::string_view(name).substr(i))) return date;
  }
  return std::nullopt;
}

std::string Article::body_text() const {
  std::string out;
  for (const auto& paragraph : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += paragraph;
  }
  return out;
}

std::string make_article_id(std::string_view source_path, std::string_view part) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
  };
  mix(source_path);
  if (!part.empty()) {
    mix(std::string_view("#", 1));
    mix(part);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

}  // namespace dateline

#include "common/ner/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace dateline::ner {
namespace {

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_letter(char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Typographic quotes U+2018, U+2019, U+201C, U+201D, as UTF-8: text that
// went through normalize_text has none, but raw text may.
bool is_curly_quote_at(std::string_view s, std::size_t i) {
  return i + 3 <= s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' &&
         (s[i + 2] == '\x98' || s[i + 2] == '\x99' || s[i + 2] == '\x9C' || s[i + 2] == '\x9D');
}

constexpr std::string_view k_abbreviations[] = {
    "Mr",  "Mrs",  "Ms",   "Dr",   "Prof", "Gen",  "Col",    "Lt",     "Sgt", "Capt", "Cmdr",
    "Adm", "Rep",  "Sen",  "Gov",  "Rev",  "Hon",  "Pres",   "Jan",    "Feb", "Mar",  "Apr",
    "Jun", "Jul",  "Aug",  "Sep",  "Sept", "Oct",  "Nov",    "Dec",    "Inc", "Corp", "Co",
    "Ltd", "Bros", "Plc",  "St",   "Mt",   "Ft",   "Jr",     "Sr",     "vs",  "etc",  "No",
    "Nos", "Dept", "Univ", "Assn", "Ave",  "Blvd", "Messrs", "approx", "Fig", "Vol"};

// Words a converter glues to a name when it drops the hyphen ("Saudiled",
// "Kremlinbacked"); kept to those rarely ending an ordinary capitalised word.
constexpr std::string_view k_glued_suffixes[] = {
    "based",     "led",        "backed",     "linked",     "owned",    "run",
    "made",      "controlled", "allied",     "affiliated", "inspired", "funded",
    "sponsored", "listed",     "registered", "aligned",    "occupied"};

// "U.S.Russian": the length of the leading "U.S." when a run of at least
// two letter-period pairs is glued to a capitalised word, else 0.
std::size_t glued_abbreviation_length(std::string_view core) {
  std::size_t i = 0;
  int pairs = 0;
  while (i + 1 < core.size() && is_letter(core[i]) && core[i + 1] == '.') {
    i += 2;
    ++pairs;
  }
  if (pairs >= 2 && i + 1 < core.size() && is_upper(core[i]) && is_letter(core[i + 1])) return i;
  return 0;
}

bool is_sentence_final(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(),
                                       [](char c) { return c == '.' || c == '!' || c == '?'; });
}

bool is_closing(std::string_view token) {
  return token == "\"" || token == "'" || token == ")" || token == "]" || token == "}" ||
         (token.size() == 3 && is_curly_quote_at(token, 0));
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : m_text(text) {}

  TokenizedText run() {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    for (std::size_t start = 0; start <= m_text.size();) {
      std::size_t end = m_text.find('\n', start);
      if (end == std::string_view::npos) end = m_text.size();
      lines.emplace_back(start, end);
      start = end + 1;
    }
    auto blank = [&](std::size_t l) {
      if (l >= lines.size()) return true;
      for (std::size_t i = lines[l].first; i < lines[l].second; ++i) {
        if (!is_space(m_text[i])) return false;
      }
      return true;
    };
    // A line stands on its own (its own sentence) when it is short and does
    // not continue a wrapped line: "Share", "Advertisement", a byline.
    bool previous_standalone = true;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      if (blank(l)) {
        m_new_sentence = true;
        previous_standalone = true;
        continue;
      }
      const bool alone = (l == 0 || blank(l - 1)) && blank(l + 1);
      const bool caps = is_caps_line(lines[l].first, lines[l].second, alone);
      const bool standalone =
          previous_standalone && word_count(lines[l].first, lines[l].second) <= k_short_line_words;
      if (caps || m_previous_caps || standalone || previous_standalone) m_new_sentence = true;
      m_caps = caps;
      tokenize_line(lines[l].first, lines[l].second);
      m_previous_caps = caps;
      previous_standalone = standalone || caps;
    }
    return std::move(m_result);
  }

 private:
  static constexpr std::size_t k_short_line_words = 3;

  std::size_t word_count(std::size_t begin, std::size_t end) const {
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = begin; i < end; ++i) {
      const bool space = is_space(m_text[i]);
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    return words;
  }

  // No lower-case letter, at least two capitals, and either two words with
  // letters or a line standing alone as a paragraph (a one-word headline).
  bool is_caps_line(std::size_t begin, std::size_t end, bool alone) const {
    int upper = 0;
    int words_with_letters = 0;
    bool in_word = false;
    bool word_has_letter = false;
    for (std::size_t i = begin; i < end; ++i) {
      const char c = m_text[i];
      if (is_lower(c)) return false;
      if (is_upper(c)) {
        ++upper;
        word_has_letter = true;
      }
      const bool space = is_space(c);
      if (space && in_word && word_has_letter) ++words_with_letters;
      if (space) word_has_letter = false;
      in_word = !space;
    }
    if (in_word && word_has_letter) ++words_with_letters;
    return upper >= 2 && (words_with_letters >= 2 || alone);
  }

  void tokenize_line(std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    while (i < end) {
      while (i < end && is_space(m_text[i])) ++i;
      std::size_t j = i;
      while (j < end && !is_space(m_text[j])) ++j;
      if (j > i) split_chunk(i, j);
      i = j;
    }
  }

  void split_chunk(std::size_t b, std::size_t e) {
    // Leading quotes and brackets.
    while (b < e) {
      const char c = m_text[b];
      if (c == '"' || c == '(' || c == '[' || c == '{' || c == '<' || c == '`') {
        emit(b, b + 1);
        ++b;
      } else if (c == '\'' && b + 1 < e && !is_possessive_or_year(b, e)) {
        emit(b, b + 1);
        ++b;
      } else if (is_curly_quote_at(m_text.substr(0, e), b) && b + 3 < e) {
        emit(b, b + 3);
        b += 3;
      } else {
        break;
      }
    }
    // Trailing punctuation, collected right to left.
    std::array<std::pair<std::size_t, std::size_t>, 16> trailing;
    std::size_t trailing_count = 0;
    while (e > b && trailing_count < trailing.size()) {
      const char c = m_text[e - 1];
      std::size_t cut = 0;
      if (c == ')' || c == ']' || c == '}' || c == '"' || c == ',' || c == ';' || c == ':' ||
          c == '!' || c == '?' || c == '>' || c == '\'') {
        cut = 1;
      } else if (c == '.') {
        std::size_t dots = 0;
        while (e - dots > b && m_text[e - dots - 1] == '.') ++dots;
        if (dots >= 2) {
          cut = dots;
        } else if (!is_abbreviation(m_text.substr(b, e - b))) {
          cut = 1;
        }
      } else if (e - b >= 3 && is_curly_quote_at(m_text.substr(0, e), e - 3)) {
        cut = 3;
      }
      // Nothing to cut, or the rest is all punctuation: it stays one token.
      if (cut == 0 || cut >= e - b) break;
      trailing[trailing_count++] = {e - cut, e};
      e -= cut;
    }
    if (e > b) split_core(b, e);
    while (trailing_count > 0) {
      --trailing_count;
      emit(trailing[trailing_count].first, trailing[trailing_count].second);
    }
  }

  // "'s" standing alone, "'90s".
  bool is_possessive_or_year(std::size_t b, std::size_t e) const {
    const std::string_view rest = m_text.substr(b + 1, e - b - 1);
    if (rest == "s" || rest == "S") return true;
    return !rest.empty() && rest[0] >= '0' && rest[0] <= '9';
  }

  void split_core(std::size_t b, std::size_t e) {
    const std::string_view core = m_text.substr(b, e - b);
    if (const std::size_t n = glued_abbreviation_length(core); n > 0) {
      emit(b, b + n);
      split_core(b + n, e);
      return;
    }
    static constexpr std::string_view k_clitics[] = {
        "'s", "'S", "\xE2\x80\x99s", "n't", "'re", "'ve", "'ll", "'d", "'m"};
    for (std::string_view clitic : k_clitics) {
      if (core.size() > clitic.size() && core.ends_with(clitic)) {
        emit(b, e - clitic.size());
        emit(e - clitic.size(), e);
        return;
      }
    }
    emit(b, e);
  }

  void emit(std::size_t begin, std::size_t end) {
    const std::string_view token = m_text.substr(begin, end - begin);
    bool boundary = m_new_sentence;
    if (!boundary && m_pending_end) {
      const bool attached = !m_result.tokens.empty() && m_result.tokens.back().end == begin;
      const bool continues = (attached && is_closing(token)) || is_lower(token[0]);
      boundary = !continues;
    }
    if (boundary) {
      m_result.sentence_begin.push_back(static_cast<std::uint32_t>(m_result.tokens.size()));
      m_result.sentence_caps.push_back(m_caps ? 1 : 0);
      m_new_sentence = false;
      m_pending_end = false;
    }
    const bool closes = m_pending_end && is_closing(token) && !m_result.tokens.empty() &&
                        m_result.tokens.back().end == begin;
    m_result.tokens.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
    m_pending_end = is_sentence_final(token) || closes;
  }

  std::string_view m_text;
  TokenizedText m_result;
  bool m_new_sentence = true;
  bool m_pending_end = false;
  bool m_caps = false;
  bool m_previous_caps = false;
};

}  // namespace

bool is_abbreviation(std::string_view token) {
  if (token.size() < 2 || token.back() != '.') return false;
  const std::string_view body = token.substr(0, token.size() - 1);
  if (body.size() == 1) return is_upper(body[0]);
  int groups = 0;
  std::size_t group_length = 0;
  bool letters_and_periods = true;
  for (char c : body) {
    if (is_letter(c)) {
      if (++group_length > 3) letters_and_periods = false;
    } else if (c == '.' && group_length > 0) {
      ++groups;
      group_length = 0;
    } else {
      letters_and_periods = false;
    }
  }
  if (letters_and_periods && group_length > 0 && groups >= 1) return true;
  return std::find(std::begin(k_abbreviations), std::end(k_abbreviations), body) !=
         std::end(k_abbreviations);
}

std::size_t glued_suffix_length(std::string_view token) {
  for (std::string_view suffix : k_glued_suffixes) {
    if (token.size() <= suffix.size() || !token.ends_with(suffix)) continue;
    const std::string_view head = token.substr(0, token.size() - suffix.size());
    if (!std::all_of(head.begin(), head.end(), is_letter) || !is_upper(head[0])) continue;
    const bool all_caps = std::all_of(head.begin(), head.end(), is_upper);
    const bool capitalised =
        std::all_of(head.begin() + 1, head.end(), [](char c) { return is_lower(c); });
    if ((all_caps && head.size() >= 2) || (capitalised && head.size() >= 3)) return suffix.size();
  }
  return 0;
}

TokenizedText tokenize(std::string_view text) { return Tokenizer(text).run(); }

void split_glued_suffixes(std::string_view text, TokenizedText& tokenized,
                          const std::function<bool(std::string_view)>& is_known_word) {
  std::vector<Token> out;
  std::vector<std::uint32_t> remap(tokenized.tokens.size() + 1);
  out.reserve(tokenized.tokens.size() + 8);
  std::string lower;
  for (std::size_t i = 0; i < tokenized.tokens.size(); ++i) {
    remap[i] = static_cast<std::uint32_t>(out.size());
    const Token token = tokenized.tokens[i];
    const std::string_view form = text.substr(token.begin, token.end - token.begin);
    const std::size_t tail = glued_suffix_length(form);
    if (tail > 0) {
      lower.assign(form);
      for (char& c : lower) {
        if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
      }
      if (!is_known_word(lower)) {
        const auto cut = static_cast<std::uint32_t>(token.end - tail);
        out.push_back({token.begin, cut});
        out.push_back({cut, token.end});
        continue;
      }
    }
    out.push_back(token);
  }
  remap[tokenized.tokens.size()] = static_cast<std::uint32_t>(out.size());
  for (std::uint32_t& begin : tokenized.sentence_begin) begin = remap[begin];
  tokenized.tokens = std::move(out);
}

}  // namespace dateline::ner

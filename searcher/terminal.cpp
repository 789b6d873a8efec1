#include "searcher/terminal.hpp"

#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ostream>

#include "searcher/searcher.hpp"

namespace dateline::terminal {
namespace {

std::size_t env_number(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return 0;
  char* end = nullptr;
  const unsigned long number = std::strtoul(value, &end, 10);
  return end != value && *end == '\0' ? number : 0;
}

int char_width(UChar32 c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  const auto type = static_cast<UCharCategory>(u_charType(c));
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  const auto east_asian =
      static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

// The code point at `i` in `text` (U+FFFD for a bad sequence); advances `i`.
UChar32 next_char(std::string_view text, std::size_t& i) {
  UChar32 c = 0;
  int32_t offset = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), offset, static_cast<int32_t>(text.size()),
          c);
  i = static_cast<std::size_t>(offset);
  return c < 0 ? 0xFFFD : c;
}

}  // namespace

Size terminal_size(int fd) {
  Size size;
  winsize window{};
  if (ioctl(fd, TIOCGWINSZ, &window) == 0 && window.ws_col > 0 && window.ws_row > 0) {
    size = {window.ws_col, window.ws_row};
  } else {
    if (const std::size_t columns = env_number("COLUMNS")) size.columns = columns;
    if (const std::size_t rows = env_number("LINES")) size.rows = rows;
  }
  size.columns = std::max<std::size_t>(size.columns, 20);
  size.rows = std::max<std::size_t>(size.rows, 5);
  return size;
}

Color decide_color(ColorChoice choice, int fd) {
  switch (choice) {
    case ColorChoice::always:
      return Color::yes;
    case ColorChoice::never:
      return Color::no;
    case ColorChoice::automatic:
      break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  const bool wanted = no_color == nullptr || *no_color == '\0';
  return wanted && isatty(fd) ? Color::yes : Color::no;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += char_width(next_char(text, i));
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const int w = char_width(next_char(text, i));
    if (used + w > width - 1) break;
    used += w;
    out.append(text.substr(start, i - start));
  }
  return out + "\u2026";
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  width = std::max<std::size_t>(width, 1);
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  const auto end_line = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(std::move(line));
    line.clear();
    line_width = 0;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      end_line();
      ++i;
      continue;
    }
    if (text[i] == ' ') {
      if (line_width > 0 && line_width < width) {
        line += ' ';
        ++line_width;
      }
      ++i;
      continue;
    }
    // One word: up to the next space or newline.
    std::size_t word_end = i;
    while (word_end < text.size() && text[word_end] != ' ' && text[word_end] != '\n') ++word_end;
    const std::string_view word = text.substr(i, word_end - i);
    const std::size_t word_width = display_width(word);
    if (line_width > 0 && line_width + word_width > width) end_line();
    if (word_width <= width) {
      line.append(word);
      line_width += word_width;
    } else {
      // Split a word wider than a line, character by character.
      for (std::size_t j = 0; j < word.size();) {
        const std::size_t start = j;
        const int w = char_width(next_char(word, j));
        if (line_width + w > width) end_line();
        line.append(word.substr(start, j - start));
        line_width += w;
      }
    }
    i = word_end;
  }
  if (!line.empty() || lines.empty()) end_line();
  return lines;
}

void show_paged(const std::string& text, Size size, int out_fd, std::ostream& out) {
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (lines < size.rows - 1 || !isatty(out_fd)) {
    out << text;
    return;
  }
  const char* env_pager = std::getenv("PAGER");
  const std::string pager = env_pager != nullptr && *env_pager != '\0' ? env_pager : "less -R";
  out.flush();
  std::fflush(stdout);
  FILE* pipe = popen(pager.c_str(), "w");
  if (pipe == nullptr) {
    out << text;
    return;
  }
  // The reader may quit before reading everything (q in less).
  struct sigaction ignore {};
  struct sigaction previous {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &previous);
  std::fwrite(text.data(), 1, text.size(), pipe);
  const int status = pclose(pipe);
  sigaction(SIGPIPE, &previous, nullptr);
  // 127: the shell found no such pager; show the text rather than nothing.
  if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    out << "(pager '" << pager << "' not found)\n" << text;
  }
}

}  // namespace dateline::terminal

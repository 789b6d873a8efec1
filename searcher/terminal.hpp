// What dateline-search needs from the terminal: its size, whether to
// colour, text measured and wrapped in display columns, and a pager for
// output longer than the screen. Pure functions except terminal_size,
// decide_color and show_paged, which look at the process's terminal.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/output.hpp"
#include "searcher/search_cli.hpp"

namespace dateline::terminal {

struct Size {
  std::size_t columns = 80;
  std::size_t rows = 24;
};

// The window size of the terminal on `fd` (ioctl TIOCGWINSZ); else
// $COLUMNS and $LINES; else 80 x 24. Never smaller than 20 x 5.
Size terminal_size(int fd);

// --color always / never decide; automatic colours when `fd` is a terminal
// and NO_COLOR is unset or empty (https://no-color.org).
Color decide_color(ColorChoice choice, int fd);

// Columns `text` (UTF-8) takes on a terminal: East Asian wide and
// fullwidth characters take two, combining marks, format and control
// characters (including the snippet highlight markers) none.
std::size_t display_width(std::string_view text);

// `text` cut to at most `width` columns, ending in "…" when it was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

// `text` broken into lines of at most `width` columns at spaces (a word
// longer than a line is split). Newlines in `text` end lines; runs of
// spaces at a break are dropped. Highlight markers (k_highlight_start and
// k_highlight_end) take no room and stay where they were.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

// Writes `text` to `out`, or through the pager ($PAGER, else "less -R")
// when `out_fd` is a terminal and `text` has more lines than fit on the
// screen above the prompt. Falls back to `out` when the pager cannot run.
void show_paged(const std::string& text, Size size, int out_fd, std::ostream& out);

}  // namespace dateline::terminal

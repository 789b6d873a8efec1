// Style: how dateline marks up text for a terminal -- bold, dim and red
// as ANSI SGR sequences, and bar charts of full blocks -- or, with colour
// off (piped output, --color never, NO_COLOR), plain text and bars of '#'.
// The command line's writers (searcher/output.hpp) and the shell's view
// (searcher/shell_view.hpp) both style through it, so the two look alike.
//
// A small value; every member is const and cheap (one string built).
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dateline {

// Whether output is coloured: decided once per run (terminal::decide_color).
enum class Color { yes, no };

class Style {
 public:
  explicit Style(Color color) : m_on(color == Color::yes) {}

  bool on() const { return m_on; }

  // `text` between the style's start and the reset; `text` alone when off.
  std::string bold(std::string_view text) const { return wrap(k_bold, text); }
  std::string dim(std::string_view text) const { return wrap(k_dim, text); }
  std::string red(std::string_view text) const { return wrap(k_red, text); }

  // The sequences alone, for marks that open and close inside a text
  // (a snippet's highlights); empty when off.
  std::string_view bold_start() const { return m_on ? k_bold : ""; }
  std::string_view reset() const { return m_on ? k_reset : ""; }

  // A bar of `units` characters: full blocks (U+2588) on, '#' off.
  std::string bar(std::size_t units) const {
    std::string bar;
    for (std::size_t i = 0; i < units; ++i) bar += m_on ? "\u2588" : "#";
    return bar;
  }

 private:
  static constexpr std::string_view k_bold = "\x1b[1m";
  static constexpr std::string_view k_dim = "\x1b[2m";
  static constexpr std::string_view k_red = "\x1b[31m";
  static constexpr std::string_view k_reset = "\x1b[0m";

  std::string wrap(std::string_view start, std::string_view text) const {
    if (!m_on) return std::string(text);
    std::string styled(start);
    styled += text;
    styled += k_reset;
    return styled;
  }

  bool m_on;
};

}  // namespace dateline

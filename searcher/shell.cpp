#include "searcher/shell.hpp"

#include <unistd.h>

#include <iostream>
#include <optional>
#include <string>

#include "common/cli.hpp"
#include "searcher/line_reader.hpp"
#include "searcher/terminal.hpp"

namespace dateline {
namespace {

// The terminal on stdout, as a session's screen. Its width is asked for
// each time, so that a resized window is filled.
class TerminalScreen : public shell::Screen {
 public:
  std::size_t width() const override { return terminal::terminal_size(STDOUT_FILENO).columns - 1; }
  void show(std::string_view text) override { std::cout << text; }
  void show_paged(const std::string& text) override {
    terminal::show_paged(text, terminal::terminal_size(STDOUT_FILENO), STDOUT_FILENO, std::cout);
  }
};

}  // namespace

int run_shell(Searcher& searcher, const ShellOptions& options) {
  TerminalScreen screen;
  shell::ShellSession session(searcher, options,
                              Style(terminal::decide_color(options.color, STDOUT_FILENO)), screen);
  shell::LineReader reader([&session](shell::CompletionKind kind, Field field) {
    return session.candidates(kind, field);
  });
  session.greet();
  while (!session.finished()) {
    std::cout.flush();
    const std::optional<std::string> line = reader.read(session.prompt());
    if (!line) {
      std::cout << '\n';
      break;
    }
    reader.remember(*line);
    session.execute(*line);
  }
  std::cout.flush();
  return cli::k_exit_ok;
}

}  // namespace dateline

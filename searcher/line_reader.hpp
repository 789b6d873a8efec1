// LineReader: the interactive shell's input, from GNU readline -- line
// editing, history kept across runs (in $XDG_STATE_HOME/dateline/history,
// else ~/.local/state/dateline/history; the last 1,000 lines), and TAB
// bound to the shell's own completion (searcher/shell_completion.hpp).
//
// Signals are handled between keystrokes, not inside readline: Ctrl-C
// abandons the line being typed, a window change is passed on to
// readline, and SIGTERM or SIGHUP end input like Ctrl-D, so that readline
// gives the terminal back in the state it found it. The handlers are
// installed for the reader's lifetime and the previous ones restored.
//
// Not thread-safe; one reader per process at a time (readline and signal
// dispositions are global state). REQUIRES: stdin is a terminal.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "searcher/shell_completion.hpp"

namespace dateline::shell {

class LineReader {
 public:
  // Sets readline up (reading ~/.inputrc first, so that TAB is ours after
  // it), loads the history, and installs the signal handlers. TAB asks
  // `candidates` for the words it may complete to.
  explicit LineReader(CandidateSource candidates);
  // Restores the signal handlers and trims the history file.
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, without its newline; nullopt at end of input (Ctrl-D,
  // SIGTERM, SIGHUP).
  std::optional<std::string> read(const std::string& prompt);

  // Adds `line` to the history (in memory and in the history file), unless
  // it is blank or repeats the last line.
  void remember(const std::string& line);

 private:
  class SignalHandlers;

  std::optional<std::filesystem::path> m_history;
  std::unique_ptr<SignalHandlers> m_signals;
};

}  // namespace dateline::shell

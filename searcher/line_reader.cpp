#include "searcher/line_reader.hpp"

#include <sys/select.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

// After <cstdio>: readline's headers use FILE without including it.
#include <readline/history.h>
#include <readline/readline.h>

#include "common/text.hpp"
#include "searcher/output.hpp"
#include "searcher/terminal.hpp"

namespace dateline::shell {
namespace {

namespace fs = std::filesystem;

constexpr int k_history_size = 1000;
constexpr std::size_t k_max_listed_choices = 100;

// ---------------------------------------------------------------------------
// Signals only set flags; the read loop acts on them between keystrokes.

volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_resized = 0;
volatile std::sig_atomic_t g_terminated = 0;

void on_interrupt(int) { g_interrupted = 1; }
void on_resize(int) { g_resized = 1; }
void on_terminate(int) { g_terminated = 1; }

// ---------------------------------------------------------------------------
// Completion, from readline's TAB into the shell's candidates. Readline
// calls plain functions: the reader's source is kept here while it lives.

CandidateSource g_candidates;

void list_choices(const std::vector<std::string>& choices) {
  std::vector<char*> matches;
  matches.push_back(strdup(""));  // readline's slot for the common prefix, not shown
  int longest = 0;
  for (std::size_t i = 0; i < choices.size() && i < k_max_listed_choices; ++i) {
    const std::string shown = strip_control_characters(choices[i]);
    matches.push_back(strdup(shown.c_str()));
    longest = std::max(longest, static_cast<int>(terminal::display_width(shown)));
  }
  matches.push_back(nullptr);
  rl_display_match_list(matches.data(), static_cast<int>(matches.size() - 2), longest);
  if (choices.size() > k_max_listed_choices) {
    std::fprintf(rl_outstream, "\n... and %zu more; type more letters",
                 choices.size() - k_max_listed_choices);
  }
  std::fputc('\n', rl_outstream);
  for (char* match : matches) std::free(match);
  rl_forced_update_display();
}

// Bound to TAB: insert what the shell's completion says, or list choices.
int complete_key(int, int) {
  try {
    const std::string before(rl_line_buffer, static_cast<std::size_t>(rl_point));
    const Completion completion = complete(before, g_candidates);
    if (completion.text && before.substr(completion.start) != *completion.text) {
      rl_begin_undo_group();
      rl_delete_text(static_cast<int>(completion.start), rl_point);
      rl_point = static_cast<int>(completion.start);
      rl_insert_text(completion.text->c_str());
      rl_end_undo_group();
    } else if (completion.choices.size() > 1) {
      list_choices(completion.choices);
    } else {
      rl_ding();
    }
  } catch (...) {
    // Never let an exception cross readline's C frames.
    rl_ding();
  }
  return 0;
}

// Readline's own completion (M-?, M-*) would complete file names.
char** no_default_completion(const char*, int, int) {
  rl_attempted_completion_over = 1;
  return nullptr;
}

// ---------------------------------------------------------------------------
// Reading lines: readline's callback interface, so that Ctrl-C and window
// changes are handled between keystrokes rather than inside readline.

std::optional<std::string> g_line;  // the line readline handed over
bool g_line_done = false;

void on_line(char* line) {
  if (line != nullptr) {
    g_line = line;
    std::free(line);
  }
  g_line_done = true;
  rl_callback_handler_remove();
}

// Ctrl-C abandons the line being typed, as in a shell.
void abandon_line() {
  rl_free_line_state();
  rl_callback_sigcleanup();
  rl_replace_line("", 0);
  rl_crlf();
  rl_on_new_line();
  rl_redisplay();
}

std::optional<fs::path> history_path() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && state[0] == '/') return fs::path(state) / "dateline" / "history";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return fs::path(home) / ".local" / "state" / "dateline" / "history";
  }
  return std::nullopt;
}

}  // namespace

// SIGINT, SIGWINCH, SIGTERM and SIGHUP set the flags above while it lives.
class LineReader::SignalHandlers {
 public:
  SignalHandlers() {
    install(SIGINT, on_interrupt, m_old_interrupt);
    install(SIGWINCH, on_resize, m_old_resize);
    install(SIGTERM, on_terminate, m_old_terminate);
    install(SIGHUP, on_terminate, m_old_hangup);
  }
  ~SignalHandlers() {
    sigaction(SIGINT, &m_old_interrupt, nullptr);
    sigaction(SIGWINCH, &m_old_resize, nullptr);
    sigaction(SIGTERM, &m_old_terminate, nullptr);
    sigaction(SIGHUP, &m_old_hangup, nullptr);
  }
  SignalHandlers(const SignalHandlers&) = delete;
  SignalHandlers& operator=(const SignalHandlers&) = delete;

 private:
  static void install(int signal, void (*handler)(int), struct sigaction& old) {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: select() must wake up
    sigaction(signal, &action, &old);
  }
  struct sigaction m_old_interrupt {};
  struct sigaction m_old_resize {};
  struct sigaction m_old_terminate {};
  struct sigaction m_old_hangup {};
};

LineReader::LineReader(CandidateSource candidates) : m_history(history_path()) {
  rl_readline_name = "dateline";
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_initialize();  // reads ~/.inputrc first, so that TAB is ours after it
  rl_add_defun("dateline-complete", complete_key, '\t');
  rl_attempted_completion_function = no_default_completion;
  using_history();
  stifle_history(k_history_size);
  if (m_history) {
    std::error_code ec;
    fs::create_directories(m_history->parent_path(), ec);
    read_history(m_history->c_str());
  }
  m_signals = std::make_unique<SignalHandlers>();
  g_candidates = std::move(candidates);
}

LineReader::~LineReader() {
  g_candidates = nullptr;
  m_signals.reset();
  if (m_history) history_truncate_file(m_history->c_str(), k_history_size);
}

std::optional<std::string> LineReader::read(const std::string& prompt) {
  g_line.reset();
  g_line_done = false;
  g_interrupted = 0;
  rl_callback_handler_install(prompt.c_str(), on_line);
  const int fd = fileno(rl_instream != nullptr ? rl_instream : stdin);
  while (!g_line_done) {
    if (g_terminated) {
      rl_callback_handler_remove();
      return std::nullopt;
    }
    if (g_resized) {
      g_resized = 0;
      rl_resize_terminal();
    }
    if (g_interrupted) {
      g_interrupted = 0;
      abandon_line();
      continue;
    }
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fd, &readable);
    if (select(fd + 1, &readable, nullptr, nullptr, nullptr) < 0) {
      if (errno == EINTR) continue;
      rl_callback_handler_remove();
      return std::nullopt;
    }
    rl_callback_read_char();
  }
  return g_line;
}

void LineReader::remember(const std::string& line) {
  if (trim(line).empty()) return;
  const HIST_ENTRY* last =
      history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
  if (last != nullptr && line == last->line) return;
  add_history(line.c_str());
  if (!m_history) return;
  std::error_code ec;
  if (fs::exists(*m_history, ec)) {
    append_history(1, m_history->c_str());
  } else {
    write_history(m_history->c_str());
  }
}

}  // namespace dateline::shell

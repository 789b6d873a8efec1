// Driving an interactive binary from an end-to-end test: it runs on a
// pseudo-terminal (forkpty) of a given size with exactly the environment
// given, receives keystrokes, and its output is read back as screen text
// with escape sequences stripped. Waits have a timeout but return as soon
// as the text appears, so tests never depend on timing.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::test {

struct PtyOptions {
  std::vector<std::string> argv;  // argv[0] is the binary's path
  // The child's whole environment (TERM, HOME, XDG_STATE_HOME, PAGER,
  // NO_COLOR...); nothing is inherited.
  std::map<std::string, std::string> environment;
  unsigned short columns = 80;
  unsigned short rows = 24;
};

inline constexpr std::chrono::milliseconds k_pty_timeout{10000};

class PtyProcess {
 public:
  // Starts the binary. Throws std::runtime_error when forkpty fails.
  explicit PtyProcess(const PtyOptions& options);
  // Kills the child if it still runs, and reaps it.
  ~PtyProcess();
  PtyProcess(const PtyProcess&) = delete;
  PtyProcess& operator=(const PtyProcess&) = delete;

  // Types `keys` (use "\r" for Enter, "\t" for TAB, "\x04" for Ctrl-D).
  void send(std::string_view keys);

  // Waits until `done(screen())` holds; returns whether it did before
  // `timeout` (or the child's exit).
  bool wait_until(const std::function<bool(const std::string& screen)>& done,
                  std::chrono::milliseconds timeout = k_pty_timeout);

  // Waits until the screen text from `from` on contains `text`.
  bool wait_for(std::string_view text, std::size_t from = 0,
                std::chrono::milliseconds timeout = k_pty_timeout);

  // Everything the child wrote, escape sequences, carriage returns and
  // other control characters (but newlines) removed.
  std::string screen() const;
  // Everything the child wrote, as written.
  const std::string& raw() const { return m_raw; }

  // Waits for the child to exit; its exit status, or -1 when it did not
  // exit normally or in time.
  int wait_exit(std::chrono::milliseconds timeout = k_pty_timeout);

 private:
  // Reads what is available within `timeout`; false at end of output.
  bool pump(std::chrono::milliseconds timeout);

  pid_t m_pid = -1;
  int m_master = -1;
  bool m_eof = false;
  int m_status = -1;
  bool m_reaped = false;
  std::string m_raw;
};

// `raw` terminal output as text: CSI, OSC and two-character escape
// sequences, carriage returns and control characters other than newline
// and tab removed.
std::string strip_escapes(std::string_view raw);

}  // namespace dateline::test

#include "searcher/shell.hpp"

#include <sys/select.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// After <cstdio>: readline's headers use FILE without including it.
#include <readline/history.h>
#include <readline/readline.h>

#include "common/canonical.hpp"
#include "common/cli.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/fields.hpp"
#include "searcher/filters.hpp"
#include "searcher/output.hpp"
#include "searcher/query.hpp"
#include "searcher/shell_commands.hpp"
#include "searcher/terminal.hpp"

namespace dateline {
namespace {

using namespace shell;
namespace fs = std::filesystem;

constexpr int k_history_size = 1000;
// Enough to count every value of a facet (FacetCounter keeps this many).
constexpr std::size_t k_all_values = 1'000'000;
// Longer spans are charted per year.
constexpr int k_max_trend_months = 36;
constexpr std::size_t k_max_listed_choices = 100;

// ---------------------------------------------------------------------------
// Signals only set flags; the read loop acts on them between keystrokes.

volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_resized = 0;
volatile std::sig_atomic_t g_terminated = 0;

void on_interrupt(int) { g_interrupted = 1; }
void on_resize(int) { g_resized = 1; }
void on_terminate(int) { g_terminated = 1; }

// SIGTERM and SIGHUP end the shell like Ctrl-D, so that readline gives the
// terminal back in the state it found it.
class SignalHandlers {
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

// ---------------------------------------------------------------------------
// Completion, from readline's TAB into the shell's candidates.

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

std::optional<fs::path> history_path() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && state[0] == '/') return fs::path(state) / "dateline" / "history";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return fs::path(home) / ".local" / "state" / "dateline" / "history";
  }
  return std::nullopt;
}

class LineReader {
 public:
  LineReader() : m_history(history_path()) {
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
  }
  ~LineReader() {
    if (m_history) history_truncate_file(m_history->c_str(), k_history_size);
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, or nullopt at end of input (Ctrl-D).
  std::optional<std::string> read(const std::string& prompt) {
    s_line.reset();
    s_done = false;
    g_interrupted = 0;
    rl_callback_handler_install(prompt.c_str(), on_line);
    const int fd = fileno(rl_instream != nullptr ? rl_instream : stdin);
    while (!s_done) {
      if (g_terminated) {
        rl_callback_handler_remove();
        return std::nullopt;
      }
      if (g_resized) {
        g_resized = 0;
        rl_resize_terminal();
      }
      if (g_interrupted) {
        // Ctrl-C abandons the line being typed, as in a shell.
        g_interrupted = 0;
        rl_free_line_state();
        rl_callback_sigcleanup();
        rl_replace_line("", 0);
        rl_crlf();
        rl_on_new_line();
        rl_redisplay();
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
    return s_line;
  }

  void remember(const std::string& line) {
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

 private:
  static void on_line(char* line) {
    if (line != nullptr) {
      s_line = line;
      std::free(line);
    }
    s_done = true;
    rl_callback_handler_remove();
  }

  static inline std::optional<std::string> s_line;
  static inline bool s_done = false;
  std::optional<fs::path> m_history;
};

// ---------------------------------------------------------------------------
// Rendering helpers.

struct Style {
  bool on = false;
  std::string wrap(std::string_view code, std::string_view text) const {
    return on ? std::string(code) + std::string(text) + "\x1b[0m" : std::string(text);
  }
  std::string bold(std::string_view text) const { return wrap("\x1b[1m", text); }
  std::string dim(std::string_view text) const { return wrap("\x1b[2m", text); }
  std::string red(std::string_view text) const { return wrap("\x1b[31m", text); }
  std::string_view bar() const { return on ? "\u2588" : "#"; }
};

// Article text for one line: no control characters, no line breaks.
std::string one_line(std::string_view text) {
  std::string out = strip_control_characters(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

// A snippet cleaned of everything but its highlight markers.
std::string clean_snippet(std::string_view snippet) {
  std::string out;
  std::size_t i = 0;
  while (i < snippet.size()) {
    const std::size_t marker =
        snippet.find_first_of(std::string{k_highlight_start, k_highlight_end}, i);
    const std::size_t end = marker == std::string_view::npos ? snippet.size() : marker;
    // A paragraph break ("\n\n") reads as one space.
    for (char c : one_line(snippet.substr(i, end - i))) {
      if (c != ' ' || out.empty() || out.back() != ' ') out += c;
    }
    if (marker == std::string_view::npos) break;
    out += snippet[marker];
    i = marker + 1;
  }
  return out;
}

// One wrapped line of a snippet with its markers turned into bold (or
// dropped); `open` carries a highlight across lines.
std::string render_marked(std::string_view line, const Style& style, bool& open) {
  std::string out = open && style.on ? "\x1b[1m" : "";
  for (char c : line) {
    if (c == k_highlight_start) {
      open = true;
      if (style.on) out += "\x1b[1m";
    } else if (c == k_highlight_end) {
      open = false;
      if (style.on) out += "\x1b[0m";
    } else {
      out += c;
    }
  }
  if (open && style.on) out += "\x1b[0m";
  return out;
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t w = terminal::display_width(text);
  return std::string(text) + std::string(w < width ? width - w : 0, ' ');
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t w = terminal::display_width(text);
  return std::string(w < width ? width - w : 0, ' ') + std::string(text);
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// "top people", "top places", "top sources": the :stats label of a facet.
std::string top_label(FacetKind kind) {
  const FacetInfo& info = facet_info(kind);
  if (info.values == FacetValues::entities) {
    return "top " + std::string(entity_type_info(info.entity).plural);
  }
  return "top " + std::string(info.name) + "s";
}

std::string human_size(std::uintmax_t bytes) {
  const char* units[] = {"bytes", "KB", "MB", "GB", "TB"};
  double size = static_cast<double>(bytes);
  int unit = 0;
  while (size >= 1024 && unit < 4) {
    size /= 1024;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", size, units[unit]);
  return buf;
}

std::uintmax_t size_on_disk(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  std::uintmax_t total = 0;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      const std::uintmax_t size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

// "20240314" -> "2024-03-14".
std::string iso_from_sortable(const std::string& value) {
  if (value.size() != 8) return value;
  return value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
}

// ---------------------------------------------------------------------------
// The shell.

struct SearchState {
  std::string query;  // as typed; empty for :like and for filters alone
  std::string like_id;
  std::string like_title;
  std::vector<ActiveFilter> filters;
  std::string since_text;
  std::string until_text;
  DateRange dates;
  SortOrder sort = SortOrder::relevance;
  std::size_t page = 0;  // from 0

  bool active() const {
    return !query.empty() || !like_id.empty() || !filters.empty() || dates.from || dates.to;
  }
};

class Shell {
 public:
  Shell(Searcher& searcher, const ShellOptions& options);
  int run();
  std::vector<std::string> candidates(CompletionKind kind, Field field);

 private:
  void execute_line(const std::string& line);
  void run(const NoCommand&) {}
  void run(const RunQuery& command);
  void run(const ShowFacets& command);
  void run(const FilterByNumber& command);
  void run(const FilterByValue& command) { push_filter(command.filter); }
  void run(const PopFilter& command);
  void run(const ClearFilters& command);
  void run(const NextPage& command);
  void run(const PreviousPage& command);
  void run(const GoToPage& command);
  void run(const SetSort& command);
  void run(const SetSince& command);
  void run(const SetUntil& command);
  void run(const ShowArticle& command);
  void run(const MoreLike& command);
  void run(const ShowDuplicates& command);
  void run(const ShowTrend& command);
  void run(const ShowStats& command);
  void run(const ToggleJson& command);
  void run(const ShowHelp& command);
  void run(const Quit&) { m_quit = true; }

  // Reopens the index when it changed, then runs `body`; once more after
  // reopening if the index changed under it (a running dateline-index).
  template <typename Body>
  auto with_fresh_index(Body body) -> decltype(body()) {
    refresh();
    try {
      return body();
    } catch (const Xapian::DatabaseModifiedError&) {
      refresh();
      return body();
    }
  }
  void refresh();
  SearchResult search(const SearchRequest& request);
  SearchRequest request_for(const SearchState& state) const;
  void search_and_show(SearchState next);
  void push_filter(const ActiveFilter& filter);
  std::size_t page_count() const;
  void require_results() const;
  SearchHit hit(std::size_t number);
  const std::vector<std::string>& index_values(Field field);
  // Throws when no article of the index has a date, saying `consequence`
  // (undated_index_message).
  void require_dates(const std::string& consequence);

  void print_results(const SearchResult& result);
  std::string suggestion_for_user(const SearchResult& result) const;
  std::string prompt() const;
  void say(std::string_view line);
  void error(std::string_view line);
  std::size_t width() const;

  Searcher& m_searcher;
  ShellOptions m_options;
  Style m_style;
  SearchState m_state;
  std::optional<SearchResult> m_last;  // the page shown
  // Counts the searches shown (search_and_show): a facet listing belongs
  // to the search it was made for, and its numbers mean nothing to another.
  std::size_t m_searches = 0;
  std::vector<FacetKind> m_facet_kinds;
  std::size_t m_facet_limit;
  std::vector<ActiveFilter> m_listing;          // the last facet listing, numbered from 1
  std::optional<std::size_t> m_listing_search;  // m_searches when it was listed
  bool m_json;
  std::map<Field, std::vector<std::string>> m_values;  // for completion
  bool m_values_loaded = false;
  bool m_quit = false;
  std::ostream& m_out = std::cout;
};

Shell::Shell(Searcher& searcher, const ShellOptions& options)
    : m_searcher(searcher),
      m_options(options),
      m_style{terminal::decide_color(options.color, STDOUT_FILENO) == Color::yes},
      m_facet_kinds(options.defaults.facets),
      m_facet_limit(options.defaults.facet_limit),
      m_json(options.format == OutputFormat::json) {
  if (m_facet_kinds.empty()) {
    m_facet_kinds.assign(std::begin(k_default_facets), std::end(k_default_facets));
  }
  m_state.sort = options.defaults.sort;
  m_state.dates = options.defaults.dates;
  if (m_state.dates.from) m_state.since_text = m_state.dates.from->iso();
  if (m_state.dates.to) m_state.until_text = m_state.dates.to->iso();
}

int Shell::run() {
  LineReader reader;
  const SignalHandlers signals;
  g_candidates = [this](CompletionKind kind, Field field) { return candidates(kind, field); };
  const std::size_t articles =
      with_fresh_index([&] { return m_searcher.database().get_doccount(); });
  m_out << "dateline: " << plural(articles, "article", "articles") << " in "
        << one_line(m_searcher.path())
        << ". Type words to search, :help for commands, :quit or Ctrl-D to leave.\n";
  while (!m_quit) {
    m_out.flush();
    const std::optional<std::string> line = reader.read(prompt());
    if (!line) {
      m_out << '\n';
      break;
    }
    reader.remember(*line);
    execute_line(*line);
  }
  m_out.flush();
  g_candidates = nullptr;
  return cli::k_exit_ok;
}

void Shell::execute_line(const std::string& line) {
  try {
    const Command command = parse_command(line);
    std::visit([this](const auto& c) { run(c); }, command);
  } catch (const QueryError& e) {
    error(std::string("bad query: ") + e.what());
  } catch (const Error& e) {
    error(e.what());
  } catch (const Xapian::DatabaseModifiedError& e) {
    error("the index changed twice while reading it; try again (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    error(e.get_description());
  } catch (const std::exception& e) {
    error(e.what());
  }
}

void Shell::refresh() {
  if (m_searcher.reopen()) {
    m_values.clear();
    m_values_loaded = false;
  }
}

SearchResult Shell::search(const SearchRequest& request) {
  return with_fresh_index([&] { return m_searcher.search(request); });
}

std::size_t Shell::width() const { return terminal::terminal_size(STDOUT_FILENO).columns - 1; }

SearchRequest Shell::request_for(const SearchState& state) const {
  SearchRequest request = m_options.defaults;
  const std::size_t page_size = std::max<std::size_t>(m_options.defaults.limit, 1);
  request.query = effective_query(state.query, state.filters);
  request.like_id = state.like_id;
  request.dates = state.dates;
  request.sort = state.sort;
  request.offset = state.page * page_size;
  request.limit = page_size;
  request.facets = m_facet_kinds;
  request.facet_limit = m_facet_limit;
  request.filters.clear();
  // Nothing asked: the whole archive (for :facets, :trend, :stats).
  if (!state.active()) request.filters.push_back(Xapian::Query::MatchAll);
  return request;
}

void Shell::search_and_show(SearchState next) {
  if (!next.active()) {
    m_state = std::move(next);
    ++m_searches;
    m_last.reset();
    say("no query and no filters: type words to search, :facets to browse, :help for more");
    return;
  }
  SearchResult result = search(request_for(next));
  m_state = std::move(next);
  ++m_searches;
  m_last = std::move(result);
  print_results(*m_last);
}

std::size_t Shell::page_count() const {
  const std::size_t page_size = std::max<std::size_t>(m_options.defaults.limit, 1);
  const std::size_t total = m_last ? m_last->total : 0;
  return std::max<std::size_t>(1, (total + page_size - 1) / page_size);
}

void Shell::require_results() const {
  if (!m_last || !m_state.active()) throw Error("no results yet: type a query first");
}

SearchHit Shell::hit(std::size_t number) {
  require_results();
  for (const SearchHit& h : m_last->hits) {
    if (h.rank == number) return h;
  }
  if (number > m_last->total) {
    throw Error("no result " + std::to_string(number) + ": the search has " +
                plural(m_last->total, "match", "matches"));
  }
  // A result from another page: fetch just that one.
  SearchRequest request = request_for(m_state);
  request.offset = number - 1;
  request.limit = 1;
  request.facets.clear();
  const SearchResult result = search(request);
  if (result.hits.empty())
    throw Error("result " + std::to_string(number) + " is gone: the index changed");
  return result.hits.front();
}

void Shell::run(const RunQuery& command) {
  // Positions in errors then count in the line as typed.
  check_query_syntax(command.text);
  SearchState next = m_state;
  next.query = command.text;
  next.like_id.clear();
  next.like_title.clear();
  next.page = 0;
  search_and_show(std::move(next));
}

void Shell::run(const ShowFacets& command) {
  if (!command.kinds.empty()) m_facet_kinds = command.kinds;
  if (command.limit) m_facet_limit = *command.limit;
  SearchRequest request = request_for(m_state);
  request.offset = 0;
  request.limit = 0;
  request.snippet_bytes = 0;
  const SearchResult result = search(request);

  const std::size_t line_width = width();
  std::ostringstream text;
  std::vector<ActiveFilter> listing;
  std::size_t number_width = 1;
  std::size_t name_width = 4;
  std::size_t count_width = 1;
  std::size_t values = 0;
  for (const Facet& facet : result.facets) {
    for (const FacetValue& v : facet.values) {
      ++values;
      name_width = std::max(name_width, terminal::display_width(one_line(v.value)));
      count_width = std::max(count_width, std::to_string(v.count).size());
    }
  }
  number_width = std::to_string(std::max<std::size_t>(values, 1)).size();
  // "  N  name  count bar": at least ten columns of bar.
  const std::size_t fixed = 2 + number_width + 2 + 2 + count_width + 1;
  name_width = std::min(name_width, line_width > fixed + 10 ? (line_width - fixed - 10) : 8);
  const std::size_t bar_room = std::min<std::size_t>(
      40, line_width > fixed + name_width ? line_width - fixed - name_width : 1);
  text << (m_state.active()
               ? plural(result.total, "match", "matches") + (result.total_exact ? "" : " (about)")
               : "all " + plural(result.total, "article", "articles"))
       << '\n';
  for (const Facet& facet : result.facets) {
    text << m_style.bold(facet_name(facet.kind)) << '\n';
    if (facet.values.empty()) {
      text << "  " << m_style.dim("(none)") << '\n';
      continue;
    }
    Xapian::doccount top = 1;
    for (const FacetValue& v : facet.values) top = std::max(top, v.count);
    for (const FacetValue& v : facet.values) {
      listing.push_back({facet_info(facet.kind).filter, v.value, Negated::no});
      const std::string name = terminal::truncate_to_width(one_line(v.value), name_width);
      const std::size_t bar = std::max<std::size_t>(1, v.count * bar_room / top);
      std::string bars;
      for (std::size_t i = 0; i < bar; ++i) bars += m_style.bar();
      text << "  " << pad_left(std::to_string(listing.size()), number_width) << "  "
           << pad_right(name, name_width) << "  " << pad_left(std::to_string(v.count), count_width)
           << ' ' << m_style.dim(bars) << '\n';
    }
  }
  if (listing.empty()) {
    text << m_style.dim("no values to list; try :facets year or :facets source") << '\n';
  } else {
    text << m_style.dim(":filter N narrows to value N, :filter -N excludes it") << '\n';
  }
  m_listing = std::move(listing);
  m_listing_search = m_searches;
  terminal::show_paged(text.str(), terminal::terminal_size(STDOUT_FILENO), STDOUT_FILENO, m_out);
}

void Shell::push_filter(const ActiveFilter& filter) {
  for (const ActiveFilter& active : m_state.filters) {
    const bool same = active.field == filter.field && active.negated == filter.negated &&
                      entity_key(active.value) == entity_key(filter.value);
    if (same) throw Error("already filtered by " + one_line(describe_filter(filter)));
  }
  SearchState next = m_state;
  next.filters.push_back(filter);
  next.page = 0;
  search_and_show(std::move(next));
}

void Shell::run(const FilterByNumber& command) {
  if (!m_listing_search) {
    throw Error("no facet values listed yet: :facets lists values to pick from");
  }
  if (*m_listing_search != m_searches) {
    throw Error("the facet values listed were of an earlier search; :facets lists this one's");
  }
  if (m_listing.empty()) throw Error("the last facet listing had no values to pick");
  if (command.number > m_listing.size()) {
    throw Error("no value " + std::to_string(command.number) + " in the last facet listing (1-" +
                std::to_string(m_listing.size()) + ")");
  }
  ActiveFilter filter = m_listing[command.number - 1];
  filter.negated = command.negated;
  push_filter(filter);
}

void Shell::run(const PopFilter&) {
  if (m_state.filters.empty()) throw Error("no filter to drop");
  SearchState next = m_state;
  next.filters.pop_back();
  next.page = 0;
  search_and_show(std::move(next));
}

void Shell::run(const ClearFilters&) {
  if (m_state.filters.empty()) throw Error("no filters to clear");
  SearchState next = m_state;
  next.filters.clear();
  next.page = 0;
  search_and_show(std::move(next));
}

void Shell::run(const NextPage&) {
  require_results();
  if (m_state.page + 1 >= page_count()) {
    throw Error("already on the last page (" + std::to_string(page_count()) + ")");
  }
  SearchState next = m_state;
  ++next.page;
  search_and_show(std::move(next));
}

void Shell::run(const PreviousPage&) {
  require_results();
  if (m_state.page == 0) throw Error("already on the first page");
  SearchState next = m_state;
  --next.page;
  search_and_show(std::move(next));
}

void Shell::run(const GoToPage& command) {
  require_results();
  if (command.page > page_count()) {
    throw Error("no page " + std::to_string(command.page) + ": the results fill " +
                plural(page_count(), "page", "pages"));
  }
  SearchState next = m_state;
  next.page = command.page - 1;
  search_and_show(std::move(next));
}

void Shell::run(const SetSort& command) {
  SearchState next = m_state;
  next.sort = command.order;
  next.page = 0;
  if (!next.active()) {
    m_state = std::move(next);
    say("results will come " + std::string(sort_order_info(command.order).phrase));
    return;
  }
  search_and_show(std::move(next));
}

void Shell::require_dates(const std::string& consequence) {
  if (!with_fresh_index([&] { return m_searcher.has_dates(); })) {
    throw Error(undated_index_message(consequence));
  }
}

void Shell::run(const SetSince& command) {
  if (command.date) require_dates(":since " + command.text + " matches nothing");
  if (command.date && m_state.dates.to && command.date->sortable() > m_state.dates.to->sortable()) {
    throw Error(":since " + command.text + " is after :until " + m_state.until_text);
  }
  SearchState next = m_state;
  next.dates.from = command.date;
  next.since_text = command.text;
  next.page = 0;
  search_and_show(std::move(next));
}

void Shell::run(const SetUntil& command) {
  if (command.date) require_dates(":until " + command.text + " matches nothing");
  if (command.date && m_state.dates.from &&
      command.date->sortable() < m_state.dates.from->sortable()) {
    throw Error(":until " + command.text + " is before :since " + m_state.since_text);
  }
  SearchState next = m_state;
  next.dates.to = command.date;
  next.until_text = command.text;
  next.page = 0;
  search_and_show(std::move(next));
}

void Shell::run(const ShowArticle& command) {
  const SearchHit found = hit(command.number);
  const std::optional<schema::StoredArticle> article =
      with_fresh_index([&] { return m_searcher.find_article(found.id); });
  if (!article) {
    throw Error("result " + std::to_string(command.number) + " is no longer in the index");
  }
  const std::size_t line_width = width();
  std::ostringstream text;
  for (const std::string& line : terminal::wrap(one_line(article->title), line_width)) {
    text << m_style.bold(line) << '\n';
  }
  std::string meta = article->date.empty() ? "undated" : one_line(article->date);
  if (!article->source.empty()) meta += " \u00b7 " + one_line(article->source);
  if (!article->author.empty()) meta += " \u00b7 by " + one_line(article->author);
  text << m_style.dim(terminal::truncate_to_width(meta, line_width)) << '\n';
  text << m_style.dim(terminal::truncate_to_width(one_line(article->path), line_width)) << '\n';
  if (!article->url.empty()) {
    text << m_style.dim(terminal::truncate_to_width(one_line(article->url), line_width)) << '\n';
  }
  for (EntityType type : k_entity_types) {
    std::string names;
    for (const ArticleEntity& entity : article->entities) {
      if (entity.type != type) continue;
      if (!names.empty()) names += ", ";
      names += one_line(entity.value) + " (" + std::to_string(entity.mentions) + ")";
    }
    if (names.empty()) continue;
    const std::string label = std::string(entity_type_info(type).plural) + ": ";
    const std::vector<std::string> lines =
        terminal::wrap(names, line_width > label.size() + 10 ? line_width - label.size() : 10);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      text << (i == 0 ? m_style.dim(label) : std::string(label.size(), ' ')) << lines[i] << '\n';
    }
  }
  text << '\n';
  const std::string body = strip_control_characters(article->body);
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    const std::string_view paragraph = trim(std::string_view(body).substr(start, end - start));
    if (!paragraph.empty()) {
      for (const std::string& line : terminal::wrap(paragraph, line_width)) text << line << '\n';
      text << '\n';
    }
    start = end + 2;
  }
  terminal::show_paged(text.str(), terminal::terminal_size(STDOUT_FILENO), STDOUT_FILENO, m_out);
}

void Shell::run(const MoreLike& command) {
  const SearchHit found = hit(command.number);
  SearchState next = m_state;
  next.query.clear();
  next.like_id = found.id;
  next.like_title = one_line(found.title);
  next.page = 0;
  search_and_show(std::move(next));
}

void Shell::run(const ShowDuplicates& command) {
  const SearchHit found = hit(command.number);
  if (found.similar == 0 || found.collapse_key.empty()) {
    say("result " + std::to_string(command.number) + " has no near-duplicate copies");
    return;
  }
  // Every article of the story: the filter on its collapse key, uncollapsed.
  SearchRequest request;
  request.filters = {Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::k_slot_collapse,
                                   found.collapse_key, found.collapse_key)};
  request.collapse = false;
  request.facets.clear();
  request.limit = 100;
  request.sort = SortOrder::oldest;
  request.snippet_bytes = 0;
  const SearchResult copies = search(request);
  say(std::to_string(copies.total) + " copies of \"" + one_line(found.title) + "\":");
  for (const SearchHit& copy : copies.hits) {
    say("  " + (copy.date.empty() ? std::string("undated   ") : copy.date) + "  " +
        one_line(copy.title) + "  " + one_line(copy.path));
  }
}

void Shell::run(const ShowTrend& command) {
  require_dates(":trend has nothing to chart");
  SearchState state = m_state;
  std::string what = m_state.active() ? "the current search" : "all articles";
  if (command.subject) {
    state = SearchState{};
    state.filters = {*command.subject};
    what = one_line(describe_filter(*command.subject));
  }
  SearchRequest request = request_for(state);
  request.offset = 0;
  request.limit = 0;
  request.snippet_bytes = 0;
  request.facets = {FacetKind::month};
  request.facet_limit = k_all_values;
  SearchResult result = search(request);
  std::vector<FacetValue> months = result.facets.front().values;
  if (months.empty()) {
    say("no dated articles in " + what);
    return;
  }
  std::sort(months.begin(), months.end(),
            [](const FacetValue& a, const FacetValue& b) { return a.value < b.value; });
  const auto month_index = [](const std::string& ym) {
    return std::stoi(ym.substr(0, 4)) * 12 + std::stoi(ym.substr(5, 2)) - 1;
  };
  const int first = month_index(months.front().value);
  const int last = month_index(months.back().value);
  const bool by_year = last - first + 1 > k_max_trend_months;
  std::map<std::string, Xapian::doccount> counts;
  Xapian::doccount dated = 0;
  if (by_year) {
    request.facets = {FacetKind::year};
    result = search(request);
    for (const FacetValue& v : result.facets.front().values) counts[v.value] = v.count;
    for (int year = first / 12; year <= last / 12; ++year)
      counts.try_emplace(std::to_string(year), 0);
  } else {
    for (const FacetValue& v : months) counts[v.value] = v.count;
    for (int m = first; m <= last; ++m) {
      char label[16];
      std::snprintf(label, sizeof label, "%04d-%02d", m / 12, m % 12 + 1);
      counts.try_emplace(label, 0);
    }
  }
  Xapian::doccount top = 1;
  for (const auto& [label, count] : counts) {
    top = std::max(top, count);
    dated += count;
  }
  const std::size_t count_width = std::to_string(top).size();
  const std::size_t label_width = by_year ? 4 : 7;
  const std::size_t line_width = width();
  const std::size_t bar_room =
      line_width > label_width + count_width + 3 ? line_width - label_width - count_width - 3 : 1;
  std::ostringstream text;
  text << terminal::truncate_to_width(
              what + ": " + plural(dated, "dated article", "dated articles") + " per " +
                  (by_year ? "year" : "month") +
                  (result.total > dated
                       ? " (" + plural(result.total - dated, "undated one", "undated ones") +
                             " not shown)"
                       : ""),
              line_width)
       << '\n';
  for (const auto& [label, count] : counts) {
    std::size_t bar = static_cast<std::size_t>(count) * bar_room / top;
    if (count > 0 && bar == 0) bar = 1;
    std::string bars;
    for (std::size_t i = 0; i < bar; ++i) bars += m_style.bar();
    text << one_line(label) << ' ' << pad_left(std::to_string(count), count_width)
         << (bars.empty() ? "" : " " + bars) << '\n';
  }
  terminal::show_paged(text.str(), terminal::terminal_size(STDOUT_FILENO), STDOUT_FILENO, m_out);
}

void Shell::run(const ShowStats&) {
  struct Numbers {
    Xapian::doccount articles = 0;
    Xapian::doccount dated = 0;
    std::string first;
    std::string last;
    std::string language;
  };
  const Numbers numbers = with_fresh_index([&] {
    const Xapian::Database& db = m_searcher.database();
    Numbers n;
    n.articles = db.get_doccount();
    n.dated = db.get_value_freq(schema::k_slot_date);
    n.first = db.get_value_lower_bound(schema::k_slot_date);
    n.last = db.get_value_upper_bound(schema::k_slot_date);
    n.language = db.get_metadata(schema::k_meta_language);
    return n;
  });
  SearchRequest request = request_for(SearchState{});
  request.limit = 0;
  request.snippet_bytes = 0;
  request.facets.clear();
  for (const FacetInfo& info : k_facet_table) {
    if (info.values != FacetValues::year && info.values != FacetValues::month) {
      request.facets.push_back(info.kind);
    }
  }
  request.facet_limit = 5;
  const SearchResult everything = search(request);

  const std::size_t line_width = width();
  std::ostringstream text;
  const auto row = [&](std::string_view label, const std::string& value) {
    text << m_style.dim(pad_right(label, 15))
         << terminal::truncate_to_width(value, line_width > 15 ? line_width - 15 : 5) << '\n';
  };
  row("articles", std::to_string(numbers.articles));
  if (numbers.dated > 0) {
    row("dates", one_line(iso_from_sortable(numbers.first)) + " to " +
                     one_line(iso_from_sortable(numbers.last)) +
                     (numbers.articles > numbers.dated
                          ? " (" + std::to_string(numbers.articles - numbers.dated) + " undated)"
                          : ""));
  } else {
    row("dates", "none");
  }
  row("index", one_line(m_searcher.path()) + ", " + human_size(size_on_disk(m_searcher.path())) +
                   " on disk");
  if (!numbers.language.empty()) row("stemmer", one_line(numbers.language));
  for (const Facet& facet : everything.facets) {
    std::string values;
    for (const FacetValue& v : facet.values) {
      if (!values.empty()) values += ", ";
      values += one_line(v.value) + " (" + std::to_string(v.count) + ")";
    }
    row(top_label(facet.kind), values.empty() ? "none" : values);
  }
  m_out << text.str();
}

void Shell::run(const ToggleJson&) {
  m_json = !m_json;
  say(m_json ? "results as JSON (one object per search); :json again for text" : "results as text");
}

void Shell::run(const ShowHelp& command) {
  const std::size_t line_width = width();
  if (!command.topic.empty()) {
    const CommandInfo* info = find_command(command.topic);
    m_out << m_style.bold(info->usage) << "   (short: :" << info->alias << ")\n";
    for (const std::string& line : terminal::wrap(info->summary, line_width - 2)) {
      m_out << "  " << line << '\n';
    }
    return;
  }
  const std::string intro =
      "A plain line is a query: words, \"a phrase\", AND OR NOT, * for every article, and the "
      "fields " +
      field_list(in_query_language, "and") +
      " (person:\"Name\", date:2024-03, site:bbc.co.uk). Filters stay until :back or :clear. "
      "TAB completes commands and values. Commands (short forms in brackets):";
  for (const std::string& line : terminal::wrap(intro, line_width)) m_out << line << '\n';
  std::size_t name_width = 0;
  for (const CommandInfo& info : commands()) {
    name_width = std::max(name_width, info.name.size() + info.alias.size() + 5);
  }
  for (const CommandInfo& info : commands()) {
    const std::string name = ":" + std::string(info.name) + " (:" + std::string(info.alias) + ")";
    const std::size_t room = line_width > name_width + 4 ? line_width - name_width - 4 : 20;
    const std::vector<std::string> lines = terminal::wrap(info.summary, room);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      m_out << "  "
            << (i == 0 ? m_style.bold(pad_right(name, name_width)) : std::string(name_width, ' '))
            << "  " << lines[i] << '\n';
    }
  }
  m_out << m_style.dim(":help COMMAND shows how to call one") << '\n';
}

void Shell::print_results(const SearchResult& result) {
  if (m_json) {
    write_json(result, m_out);
    return;
  }
  const std::size_t line_width = width();
  std::string header = plural(result.total, "match", "matches");
  if (!result.total_exact) header += " (about)";
  if (!m_state.query.empty()) header += " for " + one_line(m_state.query);
  if (!m_state.like_id.empty()) header += " like \u201c" + m_state.like_title + "\u201d";
  if (!result.hits.empty()) {
    header += "  \u00b7 " + std::to_string(result.hits.front().rank) + "-" +
              std::to_string(result.hits.back().rank);
    if (page_count() > 1) {
      header +=
          ", page " + std::to_string(m_state.page + 1) + " of " + std::to_string(page_count());
    }
  }
  if (m_state.sort != SortOrder::relevance) {
    header += ", " + std::string(sort_order_info(m_state.sort).phrase);
  }
  m_out << terminal::truncate_to_width(header, line_width) << '\n';
  const std::string suggestion = suggestion_for_user(result);
  if (!suggestion.empty()) m_out << "Did you mean: " << m_style.bold(one_line(suggestion)) << '\n';
  if (result.hits.empty() && result.total > 0) m_out << "(no results on this page)\n";

  for (const SearchHit& hit : result.hits) {
    const std::string rank = pad_left(std::to_string(hit.rank), 2) + ". ";
    const std::size_t indent = 4;
    m_out << '\n'
          << rank
          << m_style.bold(terminal::truncate_to_width(
                 one_line(hit.title), line_width > rank.size() ? line_width - rank.size() : 1))
          << '\n';
    std::string meta = hit.date.empty() ? "undated" : one_line(hit.date);
    if (!hit.source.empty()) meta += " \u00b7 " + one_line(hit.source);
    if (!hit.author.empty()) meta += " \u00b7 by " + one_line(hit.author);
    if (hit.score > 0) {
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", hit.score);
      meta += std::string(" \u00b7 score ") + score;
    }
    // As the command line's text says it: copies of the story folded in.
    if (hit.similar > 0) meta += " \u00b7 +" + std::to_string(hit.similar) + " similar";
    const std::size_t room = line_width > indent + 10 ? line_width - indent : 10;
    m_out << std::string(indent, ' ') << m_style.dim(terminal::truncate_to_width(meta, room))
          << '\n';
    if (!hit.snippet.empty()) {
      constexpr std::size_t k_snippet_lines = 3;
      std::vector<std::string> lines = terminal::wrap(clean_snippet(hit.snippet), room);
      if (lines.size() > k_snippet_lines) {
        lines.resize(k_snippet_lines);
        lines.back() = terminal::truncate_to_width(lines.back() + " \u2026", room);
      }
      bool open = false;
      for (const std::string& line : lines) {
        m_out << std::string(indent, ' ') << render_marked(line, m_style, open) << '\n';
      }
    }
    std::string entities;
    for (EntityType type : {EntityType::person, EntityType::location, EntityType::organization}) {
      std::string names;
      std::size_t shown = 0;
      for (const ArticleEntity& entity : hit.entities) {
        if (entity.type != type || shown == 4) continue;
        if (!names.empty()) names += ", ";
        names += one_line(entity.value);
        ++shown;
      }
      if (names.empty()) continue;
      if (!entities.empty()) entities += " \u00b7 ";
      entities += std::string(entity_type_info(type).plural) + ": " + names;
    }
    if (!entities.empty()) {
      m_out << std::string(indent, ' ') << m_style.dim(terminal::truncate_to_width(entities, room))
            << '\n';
    }
  }
}

// The searcher corrects the query it was given, the user's query in
// parentheses followed by the filters; the user wants their own part back.
std::string Shell::suggestion_for_user(const SearchResult& result) const {
  if (result.suggestion.empty() || m_state.query.empty()) return {};
  const std::string effective = effective_query(m_state.query, m_state.filters);
  const std::string head = "(" + std::string(trim(m_state.query)) + ")";
  if (!effective.starts_with(head)) return {};
  const std::string tail = effective.substr(head.size());
  const std::string& s = result.suggestion;
  if (s.size() < tail.size() + 2 || s.front() != '(' || !s.ends_with(tail)) return {};
  std::string inner = s.substr(1, s.size() - tail.size() - 1);
  if (inner.empty() || inner.back() != ')') return {};
  inner.pop_back();
  return inner == m_state.query ? std::string() : inner;
}

std::string Shell::prompt() const {
  std::vector<std::string> parts;
  if (!m_state.like_id.empty()) {
    parts.push_back("[like:" + terminal::truncate_to_width(m_state.like_title, 24) + "]");
  }
  for (const ActiveFilter& filter : m_state.filters) {
    parts.push_back("[" + one_line(describe_filter(filter)) + "]");
  }
  if (!m_state.since_text.empty()) parts.push_back("[since:" + m_state.since_text + "]");
  if (!m_state.until_text.empty()) parts.push_back("[until:" + m_state.until_text + "]");
  std::string count;
  if (m_last && m_state.active()) {
    count = " " + std::to_string(m_last->total) + (m_last->total_exact ? "" : "~");
  }
  // Keep room to type: drop the oldest parts when the prompt grows long.
  const std::size_t room = std::max(width() / 2, width() > 24 ? width() - 24 : 0);
  std::size_t dropped = 0;
  const auto assemble = [&] {
    std::string p = "dateline";
    if (dropped > 0) p += " [+" + std::to_string(dropped) + "]";
    for (std::size_t i = dropped; i < parts.size(); ++i) p += " " + parts[i];
    return p + count + "> ";
  };
  std::string p = assemble();
  while (dropped < parts.size() && terminal::display_width(p) > room) {
    ++dropped;
    p = assemble();
  }
  if (terminal::display_width(p) > room) p = terminal::truncate_to_width(p, room) + "> ";
  return p;
}

void Shell::say(std::string_view line) { m_out << line << '\n'; }

void Shell::error(std::string_view line) { m_out << m_style.red(one_line(line)) << '\n'; }

const std::vector<std::string>& Shell::index_values(Field field) {
  refresh();  // forgets the values when the index changed
  if (!m_values_loaded) {
    SearchRequest request = request_for(SearchState{});
    request.limit = 0;
    request.snippet_bytes = 0;
    request.facets.clear();
    for (const FieldInfo& info : k_field_table) {
      if (const std::optional<FacetKind> kind = facet_of_field(info.field)) {
        request.facets.push_back(*kind);
      }
    }
    request.facet_limit = k_all_values;
    std::map<Field, std::vector<std::string>> loaded;
    for (const Facet& facet : search(request).facets) {
      std::vector<std::string>& values = loaded[facet_info(facet.kind).filter];
      for (const FacetValue& v : facet.values) values.push_back(v.value);
    }
    // Entities past the ones counted per article are filter terms only;
    // their keys (lower case) are the best names there are for them.
    const Xapian::Database& db = m_searcher.database();
    for (EntityType type : k_entity_types) {
      std::vector<std::string>& values = loaded[entity_field(type)];
      std::set<std::string> keys;
      for (const std::string& v : values) keys.insert(entity_key(v));
      const std::string prefix = schema::entity_filter_prefix(type);
      for (Xapian::TermIterator it = db.allterms_begin(prefix); it != db.allterms_end(prefix);
           ++it) {
        const std::string key = (*it).substr(prefix.size());
        // Keys are lower case: anything else is another prefix's term.
        if (key.empty() || std::isupper(static_cast<unsigned char>(key[0]))) continue;
        if (keys.insert(key).second) values.push_back(key);
      }
    }
    m_values = std::move(loaded);
    m_values_loaded = true;
  }
  return m_values[field];
}

std::vector<std::string> Shell::candidates(CompletionKind kind, Field field) {
  if (kind == CompletionKind::value) return index_values(field);
  return candidate_words(kind);
}

}  // namespace

int run_shell(Searcher& searcher, const ShellOptions& options) {
  Shell shell(searcher, options);
  return shell.run();
}

}  // namespace dateline

// The interactive query shell: what `dateline-search --db DIR` runs when it
// is given no query and stdin is a terminal.
//
// A plain line is a query; lines starting with ':' are commands (see
// searcher/shell_commands.hpp for the language). The shell keeps the
// current query, a stack of filters, the page, the sort order, date bounds
// and the facet kinds shown, and answers every search through
// Searcher::search, as the command line does. Line editing, history
// (in $XDG_STATE_HOME/dateline/history, else ~/.local/state/dateline/history)
// and TAB completion of commands and of index values come from GNU readline.
//
// Nothing typed or found stops it: a bad query or command, a number out of
// range or an index changed under it prints one line and the prompt
// returns. The index is reopened before each search, so a running
// dateline-index's commits show up. Article text is always passed through
// strip_control_characters, so it cannot drive the terminal.
//
// Not thread-safe; one shell per process (readline is global state).
#pragma once

#include "searcher/search_cli.hpp"
#include "searcher/searcher.hpp"

namespace dateline {

struct ShellOptions {
  // Starting values from the command line: page size (limit), sort, date
  // bounds, facet kinds and facet limit, match mode. Query, offset and
  // like_id are ignored.
  SearchRequest defaults;
  OutputFormat format = OutputFormat::text;  // :json toggles
  ColorChoice color = ColorChoice::automatic;
};

// Runs the shell on stdin and stdout until :quit or Ctrl-D; returns the
// exit code (cli::k_exit_ok). REQUIRES: stdin is a terminal.
int run_shell(Searcher& searcher, const ShellOptions& options);

}  // namespace dateline

// The interactive query shell: what `dateline-search --db DIR` runs when it
// is given no query and stdin is a terminal.
//
// A plain line is a query; lines starting with ':' are commands (see
// searcher/shell_commands.hpp for the language). The shell is three parts:
// a LineReader (searcher/line_reader.hpp: readline, history, signals, TAB),
// a ShellSession (searcher/shell_session.hpp: the search state and the
// commands, answered through Searcher::search as the command line's are)
// and its view (searcher/shell_view.hpp: results, facets, trends, stats
// and articles rendered to text). run_shell joins them on the terminal:
// output to stdout, fitted to the window's width, long texts through the
// pager.
//
// Not thread-safe; one shell per process (readline is global state).
#pragma once

#include "searcher/searcher.hpp"
#include "searcher/shell_session.hpp"

namespace dateline {

// Runs the shell on stdin and stdout until :quit or Ctrl-D; returns the
// exit code (cli::k_exit_ok). REQUIRES: stdin is a terminal.
int run_shell(Searcher& searcher, const ShellOptions& options);

}  // namespace dateline

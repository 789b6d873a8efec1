// The command line of dateline-search, parsed into a SearchRequest and
// output choices. Kept in the library so tests can parse without a process.
#pragma once

#include <string>
#include <vector>

#include "common/cli.hpp"
#include "searcher/searcher.hpp"

namespace dateline {

enum class OutputFormat { text, json };
enum class ColorChoice { automatic, always, never };

struct SearchCommandLine {
  cli::GeneralFlags general;
  std::string db_path;
  SearchRequest request;
  OutputFormat format = OutputFormat::text;
  ColorChoice color = ColorChoice::automatic;
};

// The query is the positional words joined by spaces; it may be empty (then
// queries are read from stdin, one per line). Throws
// boost::program_options::error for unknown options, bad values, or a
// missing --db (unless --help or --version is set).
SearchCommandLine parse_search_command_line(const std::vector<std::string>& args);

std::string search_usage();

}  // namespace dateline

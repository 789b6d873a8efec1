// The command line of dateline-search, parsed into a SearchRequest and
// output choices. Kept in the library so tests can parse without a process.
// Pure functions and constant tables: thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/cli.hpp"
#include "searcher/searcher.hpp"

namespace dateline {

enum class OutputFormat { text, json };
enum class ColorChoice { automatic, always, never };

// The --color choices, named once: parsing, its errors and --help read
// this table. The first is the default.
struct ColorChoiceInfo {
  ColorChoice choice;
  std::string_view name;     // as --color takes it
  std::string_view meaning;  // for --help; empty when the name says it
};
inline constexpr ColorChoiceInfo k_color_choices[] = {
    {ColorChoice::automatic, "auto", "on a terminal, unless NO_COLOR is set"},
    {ColorChoice::always, "always", ""},
    {ColorChoice::never, "never", ""}};

struct SearchCommandLine {
  cli::GeneralFlags general;
  std::string db_path;
  // --remote HOST:PORT shards, --timeout, --allow-partial; with db_path,
  // what index_source() gives the Searcher.
  std::vector<std::string> remotes;
  std::chrono::milliseconds timeout{10000};
  AllowPartial allow_partial = AllowPartial::no;
  IndexSource index_source() const;
  SearchRequest request;
  // --show ID: print that article whole instead of searching.
  std::string show_id;
  OutputFormat format = OutputFormat::text;
  ColorChoice color = ColorChoice::automatic;
};

// The query is the positional words joined by spaces. With no words, it is
// empty (then queries are read from stdin, one per line); words that are
// all blank are an error. Throws boost::program_options::error, whose
// what() is one line naming the option, for unknown options, bad values
// (numbers out of range say the range; unknown names list the valid
// ones), --show with a query, or neither --db nor --remote (unless --help
// or --version is set).
SearchCommandLine parse_search_command_line(const std::vector<std::string>& args);

// The whole --help text.
std::string search_usage();

}  // namespace dateline

// dateline-search: parses the command line, answers the query (or, with no
// query, runs the interactive shell when stdin is a terminal and answers one
// query per input line when it is not; or, with --show, prints one
// article), prints the results, and maps errors to exit codes (0 done, 1
// failed, 2 bad usage, 3 a shard down or too slow), through cli::run_main.
#include <unistd.h>
#include <xapian.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "searcher/filters.hpp"
#include "searcher/output.hpp"
#include "searcher/search_cli.hpp"
#include "searcher/searcher.hpp"
#include "searcher/shell.hpp"
#include "searcher/terminal.hpp"

namespace {

using namespace dateline;

// Partial results are easy to mistake for whole ones: say so on stderr,
// naming the shards left out, every time.
void warn_missing(const SearchResult& result) {
  if (result.missing_shards.empty()) return;
  std::cerr << "dateline-search: WARNING: PARTIAL RESULTS: " << result.missing_shards.size()
            << (result.missing_shards.size() == 1 ? " shard" : " shards") << " did not answer and "
            << (result.missing_shards.size() == 1 ? "is" : "are") << " left out:";
  for (const MissingShard& shard : result.missing_shards) {
    std::cerr << "\n  " << shard.name << ": " << shard.reason;
  }
  std::cerr << std::endl;
}

void print(const SearchCommandLine& command_line, const SearchResult& result) {
  warn_missing(result);
  if (command_line.format == OutputFormat::json) {
    write_json(result, std::cout);
  } else {
    write_text(result, terminal::decide_color(command_line.color, STDOUT_FILENO), std::cout);
  }
}

void report_batch_error(const SearchCommandLine& command_line, std::size_t line_number,
                        const std::string& query, const std::string& message) {
  if (command_line.format == OutputFormat::json) {
    write_json_error(query, line_number, message, std::cout);
  } else {
    std::cerr << "dateline-search: line " << line_number << ": bad query: " << message << '\n';
  }
}

// Answers each line of stdin as a query; a bad query is reported with its
// line number (as a JSON error object with --json) and the next line is
// answered. Returns the
// exit code: 1 if any query failed.
int run_batch(const SearchCommandLine& command_line, Searcher& searcher) {
  int exit_code = cli::k_exit_ok;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    SearchRequest request = command_line.request;
    request.query = line;
    try {
      print(command_line, searcher.search(request));
    } catch (const ShardError& e) {
      exit_code = cli::k_exit_shard;
      report_batch_error(command_line, line_number, line, e.what());
    } catch (const Error& e) {
      exit_code = cli::k_exit_error;
      report_batch_error(command_line, line_number, line, e.what());
    } catch (const Xapian::Error& e) {
      exit_code = cli::k_exit_error;
      report_batch_error(command_line, line_number, line, e.get_description());
    }
    std::cout.flush();
  }
  return exit_code;
}

// --show ID: the article, or an error naming the id.
int show_article(const SearchCommandLine& command_line, const Searcher& searcher) {
  const std::optional<schema::StoredArticle> article = searcher.find_article(command_line.show_id);
  if (!article) {
    std::cerr << "dateline-search: no article with id '"
              << strip_control_characters(command_line.show_id) << "' in "
              << strip_control_characters(searcher.path()) << '\n';
    return cli::k_exit_error;
  }
  if (command_line.format == OutputFormat::json) {
    write_article_json(*article, std::cout);
  } else {
    write_article_text(*article, terminal::decide_color(command_line.color, STDOUT_FILENO),
                       std::cout);
  }
  return cli::k_exit_ok;
}

// The interactive shell, with the command line's settings. It pages
// through results, so a page of none (--limit 0) is refused.
int start_shell(const SearchCommandLine& command_line, Searcher& searcher) {
  if (command_line.request.limit == 0) {
    std::cerr << cli::usage_error_line("dateline-search",
                                       "the shell shows pages of results: its --limit must be "
                                       "1 or more")
              << '\n';
    return cli::k_exit_usage;
  }
  return run_shell(searcher, {command_line.request, command_line.format, command_line.color});
}

// Searches as the command line says: --show one article, the shell on a
// terminal with no query, one query per line of stdin without one, or the
// query.
int search(SearchCommandLine& command_line) {
  const SearchRequest& request = command_line.request;
  const bool has_query =
      !request.query.empty() || !request.like_id.empty() || request.dates.from || request.dates.to;
  Searcher searcher(command_line.index_source());
  if (!command_line.show_id.empty()) return show_article(command_line, searcher);
  if ((request.dates.from || request.dates.to) && !searcher.has_dates()) {
    throw Error(undated_index_message("--since and --until match nothing"));
  }
  if (!has_query && isatty(STDIN_FILENO)) return start_shell(command_line, searcher);
  if (!has_query) return run_batch(command_line, searcher);
  print(command_line, searcher.search(request));
  return cli::k_exit_ok;
}

// A bad query says so; a shard down or too slow has an exit code of its own.
cli::ErrorPolicy search_errors(const SearchCommandLine&) {
  return {.rules = {cli::error_rule<QueryError>(cli::k_exit_error, "bad query: "),
                    cli::error_rule<ShardError>(cli::k_exit_shard)},
          .xapian_prefix = ""};
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_main<SearchCommandLine>(
      {"dateline-search", parse_search_command_line, search_usage, search, search_errors}, argc,
      argv);
}

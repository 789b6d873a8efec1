#include "searcher/search_cli.hpp"

#include <sstream>

#include "common/error.hpp"

namespace dateline {

namespace po = boost::program_options;

namespace {

// Raw option values, checked and converted after parsing.
struct RawOptions {
  std::vector<std::string> words;
  std::string color = "auto";
  std::string sort = "relevance";
  std::string facets = "person,location,organization";
  std::string since;
  std::string until;
  bool any = false;
  bool json = false;
  bool no_facets = false;
  bool no_collapse = false;
  bool no_suggest = false;
  double timeout_seconds = 10;
  bool allow_partial = false;
};

struct Descriptions {
  po::options_description visible;
  po::options_description all;
  po::positional_options_description positional;
};

constexpr const char* k_usage_head =
    "Usage: dateline-search --db DIR [options] QUERY...\n"
    "       dateline-search --db STUB [options] QUERY...   (a sharded index; shards may be "
    "remote)\n"
    "       dateline-search --db DIR [options] < queries.txt   (one query per line)\n"
    "       dateline-search --db DIR [options]   (on a terminal: the interactive shell)\n\n"
    "Query syntax: words (all must match; --any for either), \"a phrase\",\n"
    "AND, OR, NOT, XOR, NEAR, parentheses, +required, -excluded, title:word,\n"
    "trailing wildcards (negotiat*). Filters: person:\"John Kerry\",\n"
    "location:US, organization:\"European Union\" (or org:), misc:,\n"
    "date:2016, date:2016-07, date:2016-07-01..2016-07-31. Matching ignores\n"
    "case and accents; a query may be only filters.\n";

Descriptions describe(SearchCommandLine& command_line, RawOptions& raw) {
  SearchRequest& request = command_line.request;
  po::options_description query("Query");
  query.add_options()                                                                      //
      ("any", po::bool_switch(&raw.any), "match articles with any of the words, not all")  //
      ("since", po::value(&raw.since)->value_name("DATE"), "only articles from DATE on")   //
      ("until", po::value(&raw.until)->value_name("DATE"), "only articles up to DATE")     //
      ("like", po::value(&request.like_id)->value_name("ID"),
       "articles most like article ID (the query, if any, narrows them)")  //
      ("sort", po::value(&raw.sort)->value_name("ORDER")->default_value("relevance"),
       "relevance, newest or oldest");
  po::options_description output("Results and output");
  output.add_options()  //
      ("limit,n", po::value(&request.limit)->value_name("N")->default_value(10),
       "results per page")  //
      ("offset", po::value(&request.offset)->value_name("N")->default_value(0),
       "skip the first N results (for paging)")  //
      ("facets", po::value(&raw.facets)->value_name("LIST"),
       "facets to count, comma-separated: person, location, organization (org), misc, "
       "source, year (default: person,location,organization)")  //
      ("facet-limit", po::value(&request.facet_limit)->value_name("N")->default_value(10),
       "values shown per facet")  //
      ("no-collapse", po::bool_switch(&raw.no_collapse),
       "show every near-duplicate copy of a story, not one result per story")  //
      ("no-suggest", po::bool_switch(&raw.no_suggest),
       "never look for a spelling correction (for scripts that do not show one)")  //
      ("no-facets", po::bool_switch(&raw.no_facets),
       "count no facets (faster; totals may then be estimates)")               //
      ("json", po::bool_switch(&raw.json), "print one JSON object per query")  //
      ("color", po::value(&raw.color)->value_name("WHEN")->default_value("auto"),
       "highlight with bold: auto (on a terminal, unless NO_COLOR is set), always, never");
  po::options_description sharding("Shards");
  sharding.add_options()  //
      ("remote", po::value(&command_line.remotes)->value_name("HOST:PORT")->composing(),
       "also search the shard xapian-tcpsrv serves at HOST:PORT (repeatable; --db is then "
       "optional)")  //
      ("timeout", po::value(&raw.timeout_seconds)->value_name("SECONDS")->default_value(10),
       "longest wait for any one answer of a remote shard, connecting included")  //
      ("allow-partial", po::bool_switch(&raw.allow_partial),
       "when shards are down or too slow, search the others, warn on stderr and list the "
       "missing in the results");
  po::options_description hidden;
  hidden.add_options()("query-word", po::value(&raw.words)->composing());

  Descriptions d{po::options_description(k_usage_head), po::options_description(),
                 po::positional_options_description()};
  d.visible.add(cli::general_options(command_line.general))
      .add(cli::database_options(command_line.db_path))
      .add(query)
      .add(output)
      .add(sharding);
  d.all.add(d.visible).add(hidden);
  d.positional.add("query-word", -1);
  return d;
}

std::vector<FacetKind> parse_facet_list(const std::string& list) {
  std::vector<FacetKind> kinds;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string name = list.substr(start, end - start);
    if (!name.empty()) {
      const auto kind = parse_facet_kind(name);
      if (!kind) throw po::invalid_option_value("--facets " + name);
      if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) kinds.push_back(*kind);
    }
    start = end + 1;
  }
  return kinds;
}

DateRange parse_date_flag(const std::string& value, const char* flag) {
  try {
    return parse_date_range(value);
  } catch (const Error& e) {
    throw po::error(std::string(flag) + ": " + e.what());
  }
}

}  // namespace

SearchCommandLine parse_search_command_line(const std::vector<std::string>& args) {
  SearchCommandLine command_line;
  RawOptions raw;
  Descriptions d = describe(command_line, raw);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(d.all).positional(d.positional).run(), vm);
  po::notify(vm);

  SearchRequest& request = command_line.request;
  request.mode = raw.any ? MatchMode::any : MatchMode::all;
  command_line.format = raw.json ? OutputFormat::json : OutputFormat::text;
  if (raw.color == "auto") {
    command_line.color = ColorChoice::automatic;
  } else if (raw.color == "always") {
    command_line.color = ColorChoice::always;
  } else if (raw.color == "never") {
    command_line.color = ColorChoice::never;
  } else {
    throw po::invalid_option_value("--color " + raw.color);
  }
  if (raw.sort == "relevance") {
    request.sort = SortOrder::relevance;
  } else if (raw.sort == "newest") {
    request.sort = SortOrder::newest;
  } else if (raw.sort == "oldest") {
    request.sort = SortOrder::oldest;
  } else {
    throw po::invalid_option_value("--sort " + raw.sort);
  }
  if (request.limit == 0 || request.limit > 10000) {
    throw po::error("--limit must be between 1 and 10000");
  }
  if (request.facet_limit == 0 || request.facet_limit > 10000) {
    throw po::error("--facet-limit must be between 1 and 10000");
  }
  request.facets = raw.no_facets ? std::vector<FacetKind>{} : parse_facet_list(raw.facets);
  request.collapse = !raw.no_collapse;
  request.suggest = !raw.no_suggest;
  if (!raw.since.empty()) request.dates.from = parse_date_flag(raw.since, "--since").from;
  if (!raw.until.empty()) request.dates.to = parse_date_flag(raw.until, "--until").to;
  for (const std::string& word : raw.words) {
    if (!request.query.empty()) request.query += ' ';
    request.query += word;
  }
  // Xapian takes whole milliseconds; at least one, at most an hour.
  if (!(raw.timeout_seconds >= 0.001 && raw.timeout_seconds <= 3600)) {
    throw po::error("--timeout must be between 0.001 and 3600 seconds");
  }
  command_line.timeout =
      std::chrono::milliseconds(static_cast<long long>(raw.timeout_seconds * 1000 + 0.5));
  command_line.allow_partial = raw.allow_partial ? AllowPartial::yes : AllowPartial::no;
  for (const std::string& remote : command_line.remotes) {
    try {
      shards::parse_remote(remote);
    } catch (const Error& e) {
      throw po::error(std::string("--remote: ") + e.what());
    }
  }
  if (command_line.general.help || command_line.general.version) return command_line;
  if (command_line.db_path.empty() && command_line.remotes.empty()) {
    throw po::required_option("--db");
  }
  return command_line;
}

IndexSource SearchCommandLine::index_source() const {
  IndexSource source;
  if (!db_path.empty()) source.databases.push_back(db_path);
  source.remotes = remotes;
  source.timeout = timeout;
  source.allow_partial = allow_partial;
  return source;
}

std::string search_usage() {
  SearchCommandLine scratch;
  RawOptions raw;
  std::ostringstream out;
  out << describe(scratch, raw).visible;
  return out.str();
}

}  // namespace dateline

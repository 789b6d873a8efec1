#include "searcher/search_cli.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "common/error.hpp"
#include "common/text.hpp"
#include "searcher/terminal.hpp"

namespace dateline {

namespace po = boost::program_options;

namespace {

// Ranges of the numeric options. A page is at most 10,000 results; the
// offset and the page's end must fit Xapian's 32-bit document counts.
constexpr std::size_t k_max_limit = 10000;
constexpr std::size_t k_max_offset = 1'000'000'000;
constexpr std::size_t k_max_facet_limit = 10000;
// Xapian takes whole milliseconds; at least one, at most an hour.
constexpr double k_min_timeout_seconds = 0.001;
constexpr double k_max_timeout_seconds = 3600;

// Raw option values, checked and converted after parsing.
struct RawOptions {
  std::vector<std::string> words;
  std::string color{k_color_choices[0].name};
  std::string sort{sort_order_info(SortOrder::relevance).name};
  std::string facets;
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

// "person,location,organization": the facets counted unless --facets says.
std::string default_facet_list() {
  std::string list;
  for (const FacetKind kind : k_default_facets) {
    if (!list.empty()) list += ',';
    list += facet_name(kind);
  }
  return list;
}

// "auto (on a terminal, unless NO_COLOR is set), always, never".
std::string color_choice_help() {
  std::string help;
  for (const ColorChoiceInfo& info : k_color_choices) {
    if (!help.empty()) help += ", ";
    help += info.name;
    if (!info.meaning.empty()) help += " (" + std::string(info.meaning) + ")";
  }
  return help;
}

// The usage lines and the query language, before the options.
std::string usage_head() {
  std::string head =
      "Usage: dateline-search --db DIR [options] QUERY...\n"
      "       dateline-search --db STUB [options] QUERY...   (a sharded index; shards may be "
      "remote)\n"
      "       dateline-search --db DIR [options] < queries.txt   (one query per line)\n"
      "       dateline-search --db DIR [options]   (on a terminal: the interactive shell)\n"
      "       dateline-search --db DIR [--json] --show ID   (one whole article)\n\n";
  const std::string syntax =
      "Query syntax: words (all must match; --any for either), \"a phrase\", AND, OR, NOT, "
      "XOR, NEAR, parentheses, +required, -excluded, trailing wildcards (negotiat*), and * "
      "alone for every article (with --limit 0: the facets of the whole archive). Fields: " +
      field_list(in_query_language, "and") +
      ". Examples: title:geneva, person:\"John Kerry\", location:US, org:EU, "
      "author:\"Elin Sandvik\", source:reuters, site:bbc.co.uk (and its subdomains), "
      "date:2016, date:2016-07, date:2016-07-01..2016-07-31. Field names and values ignore "
      "case and accents; a query may be only fields.";
  constexpr std::size_t k_help_width = 78;
  for (const std::string& line : terminal::wrap(syntax, k_help_width)) head += line + "\n";
  return head;
}

// A number of seconds in the option's range, converted when the options
// are notified; anything else is one line naming the option and its range.
po::typed_value<std::string>* seconds(std::string_view option, double& target, double min,
                                      double max, double default_value) {
  target = default_value;
  auto check = [name = std::string(option), &target, min, max](const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value) ||
        value < min || value > max) {
      std::ostringstream range;
      range << "--" << name << " must be a number of seconds from " << min << " to " << max
            << ", not '" << text << "'";
      throw po::error(range.str());
    }
    target = value;
  };
  std::ostringstream shown;
  shown << default_value;
  return po::value<std::string>()
      ->value_name("SECONDS")
      ->default_value(shown.str())
      ->notifier(check);
}

Descriptions describe(SearchCommandLine& command_line, RawOptions& raw) {
  SearchRequest& request = command_line.request;
  raw.facets = default_facet_list();
  po::options_description query("Query");
  query.add_options()                                                                      //
      ("any", po::bool_switch(&raw.any), "match articles with any of the words, not all")  //
      ("since", po::value(&raw.since)->value_name("DATE"), "only articles from DATE on")   //
      ("until", po::value(&raw.until)->value_name("DATE"), "only articles up to DATE")     //
      ("like", po::value(&request.like_id)->value_name("ID"),
       "articles most like article ID (the query, if any, narrows them)")  //
      ("sort", po::value(&raw.sort)->value_name("ORDER")->default_value(raw.sort),
       sort_order_list("or").c_str())  //
      ("show", po::value(&command_line.show_id)->value_name("ID"),
       "print article ID whole (title, date, source, author, URL, path, entities with their "
       "mention counts, body) instead of searching");
  po::options_description output("Results and output");
  output.add_options()  //
      ("limit,n", cli::whole_number("limit", request.limit, 0, k_max_limit, 10),
       "results per page; 0 for the total and the facets only")  //
      ("offset", cli::whole_number("offset", request.offset, 0, k_max_offset, 0),
       "skip the first N results (for paging)")  //
      ("facets", po::value(&raw.facets)->value_name("LIST"),
       ("facets to count, comma-separated: " + facet_kind_list("or") + " (default: " + raw.facets +
        ")")
           .c_str())  //
      ("facet-limit",
       cli::whole_number("facet-limit", request.facet_limit, 1, k_max_facet_limit, 10),
       "values shown per facet")  //
      ("no-collapse", po::bool_switch(&raw.no_collapse),
       "show every near-duplicate copy of a story, not one result per story")  //
      ("no-suggest", po::bool_switch(&raw.no_suggest),
       "never look for a spelling correction (for scripts that do not show one)")  //
      ("no-facets", po::bool_switch(&raw.no_facets),
       "count no facets (faster; totals may then be estimates)")               //
      ("json", po::bool_switch(&raw.json), "print one JSON object per query")  //
      ("color", po::value(&raw.color)->value_name("WHEN")->default_value(raw.color),
       ("highlight with bold: " + color_choice_help()).c_str());
  po::options_description sharding("Shards");
  sharding.add_options()  //
      ("remote", po::value(&command_line.remotes)->value_name("HOST:PORT")->composing(),
       "also search the shard xapian-tcpsrv serves at HOST:PORT (repeatable; --db is then "
       "optional)")  //
      ("timeout",
       seconds("timeout", raw.timeout_seconds, k_min_timeout_seconds, k_max_timeout_seconds, 10),
       "longest wait for any one answer of a remote shard, connecting included")  //
      ("allow-partial", po::bool_switch(&raw.allow_partial),
       "when shards are down or too slow, search the others, warn on stderr and list the "
       "missing in the results");
  po::options_description hidden;
  hidden.add_options()("query-word", po::value(&raw.words)->composing());

  Descriptions d{po::options_description(), po::options_description(),
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
      if (!kind) {
        throw po::error("--facets: no facet '" + name + "'; facets are " + facet_kind_list("and"));
      }
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

ColorChoice parse_color(const std::string& value) {
  std::vector<std::string> names;
  for (const ColorChoiceInfo& info : k_color_choices) {
    if (info.name == value) return info.choice;
    names.emplace_back(info.name);
  }
  throw po::error("--color must be " + join_names(names, "or") + ", not '" + value + "'");
}

SortOrder parse_sort_flag(const std::string& value) {
  const std::optional<SortOrder> order = parse_sort_order(value);
  if (!order) {
    throw po::error("--sort must be " + sort_order_list("or") + ", not '" + value + "'");
  }
  return *order;
}

// The query words joined by spaces; words given but all blank are an
// error, not a silent switch to reading queries from stdin.
std::string query_of(const std::vector<std::string>& words) {
  std::string query;
  for (const std::string& word : words) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  if (!words.empty() && trim(query).empty()) {
    throw po::error(
        "the query is empty; give words to search for, '*' for every article, or no query "
        "at all to read queries from stdin");
  }
  return query;
}

void check_remotes(const std::vector<std::string>& remotes) {
  for (const std::string& remote : remotes) {
    try {
      shards::parse_remote(remote);
    } catch (const Error& e) {
      throw po::error(std::string("--remote: ") + e.what());
    }
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
  command_line.color = parse_color(raw.color);
  request.sort = parse_sort_flag(raw.sort);
  request.facets = raw.no_facets ? std::vector<FacetKind>{} : parse_facet_list(raw.facets);
  request.collapse = !raw.no_collapse;
  request.suggest = !raw.no_suggest;
  if (!raw.since.empty()) request.dates.from = parse_date_flag(raw.since, "--since").from;
  if (!raw.until.empty()) request.dates.to = parse_date_flag(raw.until, "--until").to;
  request.query = query_of(raw.words);
  if (!command_line.show_id.empty() && (!raw.words.empty() || !request.like_id.empty())) {
    throw po::error("--show prints one article: give it no query and no --like");
  }
  command_line.timeout =
      std::chrono::milliseconds(static_cast<long long>(raw.timeout_seconds * 1000 + 0.5));
  command_line.allow_partial = raw.allow_partial ? AllowPartial::yes : AllowPartial::no;
  check_remotes(command_line.remotes);
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
  return cli::help_text(usage_head(), describe(scratch, raw).visible);
}

}  // namespace dateline

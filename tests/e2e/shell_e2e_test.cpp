// End-to-end tests of the interactive shell: the real dateline-search on a
// pseudo-terminal, over the corpus indexed by the real dateline-index.
// They type what a person would and check what the screen shows.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "tests/e2e/process.hpp"
#include "tests/e2e/pty.hpp"

namespace dateline::test {
namespace {

namespace fs = std::filesystem;

// The corpus indexed once for these tests: with entities when the tagger's
// model is installed, without them otherwise. `facet` is the facet the
// drill-down uses: person when the index has people, else year.
class ShellIndex {
 public:
  static ShellIndex& get() {
    static ShellIndex instance;
    return instance;
  }
  std::string db() const { return (m_dir.path() / "index").string(); }
  const std::string& facet() const { return m_facet; }
  const ProcessResult& indexing() const { return m_indexing; }

 private:
  ShellIndex() {
    m_indexing = run_process({k_index_bin, "--quiet", "--db", db(), k_corpus});
    if (m_indexing.exit_code != 0) {
      m_indexing = run_process({k_index_bin, "--quiet", "--no-entities", "--db", db(), k_corpus});
    }
    const ProcessResult people = run_process(
        {k_search_bin, "--db", db(), "--json", "--facets", "person", "date:1900..2100"});
    const bool has_people =
        people.exit_code == 0 && !nlohmann::json::parse(people.out)["facets"]["person"].empty();
    m_facet = has_people ? "person" : "year";
  }
  TempDir m_dir;
  ProcessResult m_indexing;
  std::string m_facet;
};

// One shell on a pseudo-terminal, with its own HOME and state directory.
class ShellSession {
 public:
  struct Settings {
    std::string db;
    std::vector<std::string> arguments;
    std::map<std::string, std::string> environment;  // added to the defaults
    unsigned short rows = 24;
  };

  explicit ShellSession(const Settings& settings) : m_process(options(settings, m_home.path())) {}

  // Waits for the first prompt.
  bool started() {
    if (!wait_prompt(0)) return false;
    const std::string shown = m_process.screen();
    m_prompt = shown.substr(shown.rfind("\ndateline") + 1);
    return true;
  }

  // Types `keys` that end the shell; its exit status.
  int leave(const std::string& keys) {
    m_process.send(keys);
    return m_process.wait_exit();
  }

  // Types `line` and Enter; returns what the shell printed before the
  // next prompt (without the echoed line and without the prompt).
  std::string type(const std::string& line) { return type_keys(line + "\r"); }

  std::string type_keys(const std::string& keys) {
    const std::size_t mark = m_process.screen().size();
    m_process.send(keys);
    const bool prompt = wait_prompt(mark);
    const std::string shown = m_process.screen().substr(mark);
    INFO("typed: " << keys << "\nscreen:\n" << shown);
    REQUIRE(prompt);
    const std::size_t echo_end = shown.find('\n');
    const std::size_t prompt_start = shown.rfind("\ndateline");
    m_prompt = shown.substr(prompt_start + 1);
    if (echo_end == std::string::npos || echo_end >= prompt_start) return {};
    return shown.substr(echo_end + 1, prompt_start - echo_end);
  }

  // The prompt now shown, e.g. "dateline [person:Daniel Okafor] 5> ".
  const std::string& prompt() const { return m_prompt; }
  PtyProcess& process() { return m_process; }
  fs::path state_dir() const { return m_home.path() / "state"; }

 private:
  static PtyOptions options(const Settings& settings, const fs::path& home) {
    PtyOptions o;
    o.argv = {k_search_bin, "--db", settings.db};
    o.argv.insert(o.argv.end(), settings.arguments.begin(), settings.arguments.end());
    const char* path = std::getenv("PATH");
    o.environment = {{"TERM", "xterm"},
                     {"HOME", home.string()},
                     {"XDG_STATE_HOME", (home / "state").string()},
                     {"PATH", path != nullptr ? path : "/usr/bin:/bin"},
                     {"PAGER", "cat"},
                     {"LC_ALL", "C.UTF-8"}};
    for (const auto& [name, value] : settings.environment) o.environment[name] = value;
    o.columns = 100;
    o.rows = settings.rows;
    return o;
  }

  // True once a prompt ends the screen after `from`: readline is waiting.
  bool wait_prompt(std::size_t from) {
    return m_process.wait_until([from](const std::string& shown) {
      if (shown.size() < from) return false;
      const std::size_t start = shown.rfind("dateline", shown.size());
      if (start == std::string::npos || start < from) return false;
      if (start > 0 && shown[start - 1] != '\n') return false;
      const std::string_view line = std::string_view(shown).substr(start);
      return line.find('\n') == std::string_view::npos && line.ends_with("> ");
    });
  }

  TempDir m_home;
  PtyProcess m_process;
  std::string m_prompt;
};

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("a drill-down: query, facets, filter by number, page, show, back, quit", "[e2e][shell]") {
  const ShellIndex& index = ShellIndex::get();
  INFO(index.indexing().err);
  REQUIRE(index.indexing().exit_code == 0);
  // Long articles go through the pager; this one marks each line it shows.
  ShellSession shell({index.db(), {"--limit", "3"}, {{"PAGER", "sed 's/^/paged| /'"}}, 20});
  REQUIRE(shell.started());
  CHECK_THAT(shell.process().screen(), Catch::Contains("articles in"));
  CHECK(shell.prompt() == "dateline> ");

  // A query: the total in the header and in the prompt; a page of three.
  std::string out = shell.type("geneva");
  std::smatch match;
  REQUIRE(std::regex_search(out, match, std::regex(R"((\d+) matches for geneva)")));
  const std::string total = match[1];
  REQUIRE(std::stoi(total) > 3);
  CHECK(shell.prompt() == "dateline " + total + "> ");
  CHECK_THAT(out, Catch::Contains("\n 1. ") && Catch::Contains("\n 3. "));
  CHECK_THAT(out, !Catch::Contains("\n 4. "));
  REQUIRE(std::regex_search(out, match, std::regex(R"(\n 1\. ([^\n]+))")));
  const std::string first_title = match[1];

  // Paging.
  out = shell.type(":next");
  CHECK_THAT(out, Catch::Contains("\n 4. ") && Catch::Contains("page 2 of"));
  CHECK_THAT(out, !Catch::Contains("\n 1. "));
  out = shell.type(":prev");
  CHECK_THAT(out, Catch::Contains("\n 1. ") && Catch::Contains("page 1 of"));
  out = shell.type(":page 2");
  CHECK_THAT(out, Catch::Contains("\n 4. "));
  out = shell.type(":page 1");

  // Numbered facet values with counts and bars; pick the first.
  out = shell.type(":facets " + index.facet());
  CHECK_THAT(out, Catch::Contains("\n" + index.facet() + "\n"));
  REQUIRE(std::regex_search(out, match, std::regex(R"(\n +1  (\S.*?) +(\d+) [#\xe2]+)")));
  const std::string value = match[1];
  const std::string count = match[2];
  INFO("facet value 1: " << value << " (" << count << ")");

  out = shell.type(":filter 1");
  CHECK(shell.prompt() == "dateline [" + index.facet() + ":" + value + "] " + count + "> ");
  CHECK_THAT(out, Catch::StartsWith(count + (count == "1" ? " match" : " matches")));

  // The whole of result 1, longer than the screen: through the pager.
  REQUIRE(std::regex_search(out, match, std::regex(R"(\n 1\. ([^\n…]+))")));
  const std::string filtered_title = match[1];
  out = shell.type(":show 1");
  CHECK_THAT(out, Catch::Contains("paged| " + filtered_title));
  CHECK_THAT(out, Catch::Contains("/corpus/"));
  CHECK(count_lines(out) > 20);

  // Back to the unfiltered query.
  out = shell.type(":back");
  CHECK(shell.prompt() == "dateline " + total + "> ");
  CHECK_THAT(out, Catch::Contains(" 1. " + first_title));

  CHECK(shell.leave(":quit\r") == 0);

  // The history was kept where XDG says.
  const std::string history = slurp(shell.state_dir() / "dateline" / "history");
  CHECK_THAT(history, Catch::Contains("geneva") && Catch::Contains(":filter 1"));
}

TEST_CASE("the other commands", "[e2e][shell]") {
  const ShellIndex& index = ShellIndex::get();
  REQUIRE(index.indexing().exit_code == 0);
  ShellSession shell({index.db(), {}, {}, 60});
  REQUIRE(shell.started());

  SECTION("filters by field, negated filters, :clear") {
    std::string out = shell.type(":filter year 2024");
    std::smatch match;
    REQUIRE(std::regex_search(out, match, std::regex(R"(^(\d+) match)")));
    const int year = std::stoi(match[1]);
    CHECK(shell.prompt() == "dateline [year:2024] " + std::string(match[1]) + "> ");
    out = shell.type(":filter -date 2024-03");
    REQUIRE(std::regex_search(out, match, std::regex(R"(^(\d+) match)")));
    CHECK(std::stoi(match[1]) < year);
    CHECK_THAT(shell.prompt(), Catch::StartsWith("dateline [year:2024] [-date:2024-03] "));
    shell.type(":clear");
    CHECK(shell.prompt() == "dateline> ");
  }
  SECTION(":sort, :since and :until") {
    std::string out = shell.type("okafor");
    shell.type(":sort oldest");
    out = shell.type(":since 2024");
    CHECK_THAT(shell.prompt(), Catch::Contains("[since:2024]"));
    const std::regex date(R"(\n    (\d{4})-\d\d-\d\d)");
    for (std::sregex_iterator it(out.begin(), out.end(), date), end; it != end; ++it) {
      CHECK(std::stoi((*it)[1]) >= 2024);
    }
    out = shell.type(":until 2024");
    for (std::sregex_iterator it(out.begin(), out.end(), date), end; it != end; ++it) {
      CHECK((*it)[1] == "2024");
    }
    shell.type(":since");
    shell.type(":until");
    CHECK_THAT(shell.prompt(), !Catch::Contains("since") && !Catch::Contains("until"));
  }
  SECTION(":like, :dup, :trend, :stats, :json, :help") {
    shell.type("geneva");
    std::string out = shell.type(":like 1");
    CHECK_THAT(out, Catch::Contains(" like \u201c"));
    CHECK_THAT(shell.prompt(), Catch::StartsWith("dateline [like:"));

    out = shell.type(":dup 1");
    CHECK(out == "result 1 has no near-duplicate copies\n");  // the corpus has none

    out = shell.type(":trend");
    CHECK_THAT(out, Catch::Contains("per month") || Catch::Contains("per year"));
    CHECK(std::regex_search(out, std::regex(R"(\n\d{4}(-\d\d)? +\d+ [#\xe2])")));

    out = shell.type(":stats");
    CHECK(std::regex_search(out, std::regex(R"(articles +\d+\n)")));
    CHECK_THAT(out, Catch::Contains("on disk"));

    shell.type(":json");
    out = shell.type("okafor");
    const nlohmann::json result = nlohmann::json::parse(out);
    CHECK(result["total"].get<int>() > 0);
    CHECK(result["query"] == "(okafor)");

    out = shell.type(":help");
    CHECK_THAT(out, Catch::Contains(":facets") && Catch::Contains(":trend"));
    out = shell.type(":help filter");
    CHECK_THAT(out, Catch::StartsWith(":filter [-]N"));
  }
  SECTION("TAB completes commands and values from the index") {
    std::string out = shell.type_keys(":fac\tyear\r");
    CHECK_THAT(out, Catch::Contains("\nyear\n"));
    out = shell.type_keys(":so\tne\t\r");
    CHECK(out == "results will come newest first\n");
    if (index.facet() == "person") {
      // The first person of the archive, completed from all but its last letter.
      out = shell.type(":facets person 1");
      std::smatch match;
      REQUIRE(std::regex_search(out, match, std::regex(R"(\n +1  (\S.*?) +(\d+) )")));
      // Copied out: `match` points into `out`, which the next line replaces.
      const std::string name = match[1];
      const std::string count = match[2];
      out = shell.type_keys(":filter person " + name.substr(0, name.size() - 1) + "\t\r");
      CHECK(shell.prompt() == "dateline [person:" + name + "] " + count + "> ");
      out = shell.type_keys("person:\"" + name.substr(0, name.size() - 1) + "\t\r");
      CHECK_THAT(out, Catch::StartsWith(count + " match"));
    }
  }
  CHECK(shell.leave(":q\r") == 0);
}

TEST_CASE("nothing typed stops the shell, each problem is one line", "[e2e][shell]") {
  const ShellIndex& index = ShellIndex::get();
  REQUIRE(index.indexing().exit_code == 0);
  ShellSession shell({index.db(), {}, {{"NO_COLOR", "1"}}, 24});
  REQUIRE(shell.started());
  struct Case {
    const char* line;
    const char* says;
  };
  const Case cases[] = {
      {":bogus", "unknown command ':bogus'"},
      {"\"unclosed", "'\"' is never closed at position 1"},
      {"kerry AND", "'AND' needs a term on each side at position 7"},
      {"date:2024-13", "bad query"},
      {":show 3", "no results yet"},
      {":next", "no results yet"},
      {":filter 1", "no facet values listed yet"},
      {":back", "no filter to drop"},
      {":page x", "expected a page number, not 'x' at column 7"},
      {":since yesterday", "not a date"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const std::string out = shell.type(c.line);
    CHECK(count_lines(out) == 1);
    CHECK_THAT(out, Catch::Contains(c.says));
  }
  shell.type("okafor");
  const std::string okafor_prompt = shell.prompt();
  const std::string numbered[] = {":show 999", ":like 0", ":page 50", ":dup 1000"};
  for (const std::string& line : numbered) {
    INFO(line);
    CHECK(count_lines(shell.type(line)) == 1);
  }
  // Ctrl-C drops the line being typed; the prompt comes back.
  const std::string out = shell.type_keys("half a query\x03");
  CHECK(out.empty());
  CHECK(shell.prompt() == okafor_prompt);
  // No escape sequence of ours with NO_COLOR (readline's own mode
  // switches aside).
  CHECK(shell.process().raw().find("\x1b[1m") == std::string::npos);
  CHECK(shell.process().raw().find("\x1b[0m") == std::string::npos);
  // Ctrl-D leaves.
  CHECK(shell.leave("\x04") == 0);
}

TEST_CASE("colours on a terminal unless NO_COLOR", "[e2e][shell]") {
  const ShellIndex& index = ShellIndex::get();
  ShellSession shell({index.db(), {}, {}, 24});
  REQUIRE(shell.started());
  shell.type("okafor");
  CHECK(shell.process().raw().find("\x1b[1mOkafor\x1b[0m") != std::string::npos);
  CHECK(shell.leave("\x04") == 0);
}

TEST_CASE("the shell sees what a running indexer commits, and no article can drive the terminal",
          "[e2e][shell]") {
  TempDir dir;
  const fs::path articles = dir.path() / "articles";
  fs::create_directories(articles);
  const std::string db = (dir.path() / "index").string();
  {
    // Escape sequences in a feed: a title that would retitle the window,
    // a body that would clear the screen.
    std::ofstream feed(articles / "feed.jsonl");
    feed << R"({"title": "Zanzibar ferry \u001b]0;pwned\u0007 resumes", )"
         << R"("body": "The Zanzibar ferry \u001b[2J\u009b31m resumed service on Monday.", )"
         << R"("date": "2024-05-01"})" << '\n';
  }
  REQUIRE(run_process({k_index_bin, "--quiet", "--no-entities", "--db", db, articles.string()})
              .exit_code == 0);
  ShellSession shell({db, {}, {}, 24});
  REQUIRE(shell.started());
  std::string out = shell.type("zanzibar");
  CHECK_THAT(out, Catch::StartsWith("1 match for zanzibar"));
  out = shell.type(":show 1");
  CHECK_THAT(out, Catch::Contains("resumed service"));
  const std::string& raw = shell.process().raw();
  CHECK(raw.find("\x1b]") == std::string::npos);
  CHECK(raw.find("\x1b[2J") == std::string::npos);
  CHECK(raw.find("\xc2\x9b") == std::string::npos);
  CHECK(raw.find('\a') == std::string::npos);

  {
    std::ofstream more(articles / "more.txt");
    more << "Date: 2024-05-02\n\nZanzibar ferry operator orders two new boats\n\n"
            "The operator of the Zanzibar ferry said on Thursday it had ordered two boats.\n";
  }
  REQUIRE(run_process({k_index_bin, "--quiet", "--no-entities", "--db", db, articles.string()})
              .exit_code == 0);
  out = shell.type("zanzibar");
  CHECK_THAT(out, Catch::StartsWith("2 matches for zanzibar"));
  CHECK(shell.prompt() == "dateline 2> ");
  CHECK(shell.leave(":q\r") == 0);
}

}  // namespace dateline::test

namespace dateline::test {

TEST_CASE("a month's facet value filters on that month, and an old listing's number is refused",
          "[e2e][shell]") {
  const ShellIndex& index = ShellIndex::get();
  REQUIRE(index.indexing().exit_code == 0);
  // Months counted from the command line's --facets (they once filtered
  // as person:2024-03).
  ShellSession shell({index.db(), {"--facets", "month", "--limit", "50"}, {{"NO_COLOR", "1"}}, 60});
  REQUIRE(shell.started());
  std::string out = shell.type(":facets");
  std::smatch match;
  REQUIRE(std::regex_search(out, match, std::regex(R"(\nmonth\n +1  (\d{4}-\d\d) +(\d+) )")));
  const std::string month = match[1];
  const std::string count = match[2];
  out = shell.type(":filter 1");
  CHECK(shell.prompt() == "dateline [date:" + month + "] " + count + "> ");
  const std::regex date(R"(\n    (\d{4}-\d\d)-\d\d)");
  std::size_t dated = 0;
  for (std::sregex_iterator it(out.begin(), out.end(), date), end; it != end; ++it, ++dated) {
    CHECK((*it)[1] == month);
  }
  CHECK(std::to_string(dated) == count);
  // The listing was of the search before the filter: its numbers are stale.
  out = shell.type(":filter 2");
  CHECK(count_lines(out) == 1);
  CHECK_THAT(out, Catch::Contains("earlier search") && Catch::Contains(":facets"));
  CHECK(shell.prompt() == "dateline [date:" + month + "] " + count + "> ");

  // The same from the shell's own :facets month.
  shell.type(":clear");
  out = shell.type(":facets month 3");
  REQUIRE(std::regex_search(out, match, std::regex(R"(\nmonth\n +1  (\d{4}-\d\d) +(\d+) )")));
  const std::string typed_month = match[1];
  const std::string typed_count = match[2];
  shell.type(":filter 1");
  CHECK(shell.prompt() == "dateline [date:" + typed_month + "] " + typed_count + "> ");

  // Numbers are refused after a new query, a page or a sort.
  shell.type(":clear");
  shell.type("geneva");
  shell.type(":facets " + index.facet());
  for (const char* search : {"okafor", ":sort newest", ":page 1"}) {
    INFO(search);
    shell.type(":facets");
    shell.type(search);
    out = shell.type(":filter 1");
    CHECK(count_lines(out) == 1);
    CHECK_THAT(out, Catch::Contains("earlier search"));
  }
  // A listing of the search shown works.
  shell.type(":facets");
  out = shell.type(":filter 1");
  CHECK_THAT(out, Catch::Contains(" match"));
  CHECK(shell.leave(":q\r") == 0);
}

TEST_CASE("the shell filters and completes by author, source and site", "[e2e][shell]") {
  const ShellIndex& index = ShellIndex::get();
  REQUIRE(index.indexing().exit_code == 0);
  ShellSession shell({index.db(), {}, {{"NO_COLOR", "1"}}, 40});
  REQUIRE(shell.started());
  std::string out = shell.type(":filter author Elin Sandvik");
  CHECK(shell.prompt() == "dateline [author:Elin Sandvik] 2> ");
  CHECK_THAT(out, Catch::Contains("by Elin Sandvik"));
  out = shell.type(":filter -source Rose City Ledger");
  CHECK(shell.prompt() == "dateline [author:Elin Sandvik] [-source:Rose City Ledger] 2> ");
  shell.type(":clear");
  out = shell.type(":facets site,author");
  CHECK_THAT(out, Catch::Contains("\nsite\n") && Catch::Contains("example.com"));
  // TAB completes values of the new fields from the index.
  out = shell.type_keys("author:sandv\t\r");
  CHECK_THAT(out, Catch::StartsWith("2 matches"));
  CHECK(shell.leave(":q\r") == 0);
}

TEST_CASE("the shell shows +N similar, and :dup lists the copies", "[e2e][shell]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  fs::create_directories(archive / "2024" / "03" / "14");
  fs::create_directories(archive / "2024" / "03" / "16");
  const fs::path original = fs::path(k_corpus) / "2024/03/14/marsh-okafor-geneva-talks.txt";
  fs::copy_file(original, archive / "2024" / "03" / "14" / "talks.txt");
  std::string text = slurp(original);
  text.replace(text.find("marathon"), 8, "lengthy");  // another outlet's copy
  std::ofstream(archive / "2024" / "03" / "16" / "copy.txt") << text;
  const std::string db = (dir.path() / "index").string();
  REQUIRE(run_process({k_index_bin, "--quiet", "--no-entities", "--db", db, archive.string()})
              .exit_code == 0);
  ShellSession shell({db, {}, {{"NO_COLOR", "1"}}, 40});
  REQUIRE(shell.started());
  std::string out = shell.type("geneva");
  CHECK_THAT(out, Catch::StartsWith("1 match for geneva"));
  CHECK_THAT(out, Catch::Contains(" \u00b7 +1 similar"));
  out = shell.type(":dup 1");
  CHECK_THAT(out, Catch::StartsWith("2 copies of"));
  CHECK_THAT(out, Catch::Contains("talks.txt") && Catch::Contains("copy.txt"));
  CHECK(shell.leave(":q\r") == 0);
}

TEST_CASE("the shell refuses pages of no results (--limit 0)", "[e2e][shell]") {
  const ShellIndex& index = ShellIndex::get();
  REQUIRE(index.indexing().exit_code == 0);
  PtyProcess shell({{k_search_bin, "--db", index.db(), "--limit", "0"},
                    {{"TERM", "xterm"}, {"HOME", "/nonexistent"}, {"LC_ALL", "C.UTF-8"}}});
  CHECK(shell.wait_exit() == 2);
  CHECK_THAT(shell.screen(), Catch::Contains("its --limit must be 1 or more"));
}

TEST_CASE("on an index without dates, date commands say so", "[e2e][shell]") {
  TempDir dir;
  const fs::path articles = dir.path() / "articles";
  fs::create_directories(articles);
  std::ofstream(articles / "a.txt") << "An okapi story with no date at all\n\nThe okapi slept.\n";
  const std::string db = (dir.path() / "index").string();
  REQUIRE(run_process({k_index_bin, "--quiet", "--no-entities", "--db", db, articles.string()})
              .exit_code == 0);
  ShellSession shell({db, {}, {{"NO_COLOR", "1"}}, 24});
  REQUIRE(shell.started());
  shell.type("okapi");
  const std::pair<const char*, const char*> cases[] = {
      {":since 2024", "no article in this index has a date, so :since 2024 matches nothing"},
      {":until 2024-03", "no article in this index has a date, so :until 2024-03 matches nothing"},
      {":trend", "no article in this index has a date, so :trend has nothing to chart"},
      {":filter year 2024", "no article in this index has a date, so date:2024 matches nothing"},
      {"okapi date:2024", "no article in this index has a date, so date:2024 matches nothing"},
  };
  for (const auto& [line, says] : cases) {
    INFO(line);
    const std::string out = shell.type(line);
    CHECK(count_lines(out) == 1);
    CHECK_THAT(out, Catch::Contains(says));
  }
  CHECK(shell.prompt() == "dateline 1> ");
  CHECK(shell.leave(":q\r") == 0);
}

}  // namespace dateline::test

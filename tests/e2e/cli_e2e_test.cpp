// End-to-end tests: the real dateline-index and dateline-search binaries on
// the project's corpus/, in a temporary directory.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/process.hpp"

namespace dateline::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// "index holds N articles" from the indexer's summary line.
long documents_held(const std::string& summary) {
  std::smatch match;
  if (!std::regex_search(summary, match, std::regex(R"(index holds (\d+) articles)"))) return -1;
  return std::stol(match[1]);
}

// The corpus indexed once for all the tests that only read it.
class CorpusIndex {
 public:
  static CorpusIndex& get() {
    static CorpusIndex instance;
    return instance;
  }
  std::string db() const { return (m_dir.path() / "index").string(); }
  const ProcessResult& first_run() const { return m_first_run; }

 private:
  CorpusIndex() : m_first_run(run_process({k_index_bin, "--db", db(), k_corpus})) {}
  TempDir m_dir;
  ProcessResult m_first_run;
};

ProcessResult search(std::vector<std::string> args) {
  std::vector<std::string> argv = {k_search_bin, "--db", CorpusIndex::get().db()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

Json search_json(std::vector<std::string> args) {
  args.insert(args.begin(), "--json");
  const ProcessResult result = search(args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return Json::parse(result.out);
}

std::string first_path(const Json& result) {
  REQUIRE_FALSE(result["results"].empty());
  return result["results"][0]["path"].get<std::string>();
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("indexing the corpus succeeds and re-running adds nothing", "[e2e][index]") {
  const ProcessResult& first = CorpusIndex::get().first_run();
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const long held = documents_held(first.out);
  CHECK(held >= 40);

  const ProcessResult second =
      run_process({k_index_bin, "--db", CorpusIndex::get().db(), k_corpus});
  REQUIRE(second.exit_code == 0);
  CHECK(documents_held(second.out) == held);
  CHECK(search_json({"--any", "the", "a"})["total"] == held);
}

TEST_CASE("chosen queries return chosen articles first", "[e2e][search]") {
  struct Case {
    std::vector<std::string> query;
    std::string expected_suffix;
  };
  const Case cases[] = {
      {{"geneva", "prisoner", "exchange"}, "geneva-talks-end-with-prisoner-exchange-deal.txt"},
      {{"ruiz", "hat", "trick"}, "ruiz-hat-trick-riverside-united.txt"},
      {{"title:higgs", "width"}, "raman-cern-higgs-boson-width-measurement.txt"},
      {{"pokemon"}, "northwind-pokemon-augmented-reality-partnership.txt"},  // accent-free query
      {{"library", "levy"}, "portland-library-levy-explainer.txt"},          // undated misc/ file
      {{"collider", "collision", "record"}, "wire-2024.jsonl"},              // a JSON Lines article
  };
  for (const Case& c : cases) {
    std::string query;
    for (const auto& word : c.query) query += word + " ";
    INFO("query: " << query);
    CHECK(ends_with(first_path(search_json(c.query)), c.expected_suffix));
  }
}

TEST_CASE("boolean operators, phrases and wildcards behave", "[e2e][search]") {
  const auto total = [](const std::vector<std::string>& q) {
    return search_json(q)["total"].get<long>();
  };
  const long okafor = total({"okafor"});
  REQUIRE(okafor > 1);
  CHECK(total({"okafor", "AND", "geneva"}) + total({"okafor", "NOT", "geneva"}) == okafor);
  CHECK(total({"okafor", "OR", "sorokin"}) >= okafor);
  CHECK(total({"--any", "okafor", "sorokin"}) == total({"okafor", "OR", "sorokin"}));
  CHECK(total({"okafor", "sorokin"}) == total({"okafor", "AND", "sorokin"}));
  CHECK(total({"\"helena marsh\""}) > 0);
  CHECK(total({"\"marsh helena\""}) == 0);
  CHECK(total({"negotiat*"}) >= total({"negotiations"}));
  CHECK(total({"title:higgs"}) <= total({"higgs"}));
  CHECK(total({"zzyzx-not-a-word"}) == 0);
}

TEST_CASE("stems match any form, wildcards expand through words, phrases are highlighted",
          "[e2e][search]") {
  // The index holds stems only (schema 9).
  const auto total = [](const std::vector<std::string>& q) {
    return search_json(q)["total"].get<long>();
  };
  CHECK(total({"\"interest rates\""}) == total({"\"interest rate\""}));
  CHECK(total({"Rates"}) == total({"rate"}));
  // "president" stems to "presid", which does not start with "presiden".
  CHECK(total({"presiden*"}) >= total({"president"}));
  CHECK(total({"presiden*"}) > 0);
  CHECK(total({"title:pandem*"}) > 0);
  CHECK(total({"title:pandem*"}) <= total({"pandem*"}));
  // A phrase is highlighted where it occurs, and so are the other words.
  const Json phrase = search_json({"--limit", "1", "\"interest rates\""});
  REQUIRE_FALSE(phrase["results"].empty());
  CHECK_THAT(phrase["results"][0]["snippet"].get<std::string>(),
             Catch::Contains("**interest rates**") || Catch::Contains("**Interest rates**"));
  const Json wild = search_json({"--limit", "1", "negotiat*"});
  REQUIRE_FALSE(wild["results"].empty());
  CHECK_THAT(wild["results"][0]["snippet"].get<std::string>(), Catch::Contains("**Negotiat"));
}

TEST_CASE("paging walks through the same ranking", "[e2e][search]") {
  const Json all = search_json({"--limit", "4", "--any", "minister", "council"});
  REQUIRE(all["results"].size() == 4);
  const Json page1 = search_json({"--limit", "2", "--any", "minister", "council"});
  const Json page2 = search_json({"--limit", "2", "--offset", "2", "--any", "minister", "council"});
  REQUIRE(page1["results"].size() == 2);
  REQUIRE(page2["results"].size() == 2);
  for (int i = 0; i < 2; ++i) {
    CHECK(page1["results"][i]["id"] == all["results"][i]["id"]);
    CHECK(page2["results"][i]["id"] == all["results"][i + 2]["id"]);
    CHECK(page2["results"][i]["rank"] == i + 3);
  }
  CHECK(page2["offset"] == 2);
  CHECK(page2["total"] == all["total"]);
}

TEST_CASE("JSON output is one object with the documented fields", "[e2e][output]") {
  const Json result = search_json({"okafor"});
  for (const char* key :
       {"query", "parsed", "total", "total_exact", "offset", "limit", "results"}) {
    CHECK(result.contains(key));
  }
  CHECK(result["total_exact"] == true);
  const Json& hit = result["results"][0];
  for (const char* key :
       {"rank", "id", "path", "title", "date", "score", "snippet", "source", "url"}) {
    CHECK(hit.contains(key));
  }
  CHECK(hit["snippet"].get<std::string>().find("**") != std::string::npos);
}

TEST_CASE("text output is plain when piped and bold when asked", "[e2e][output]") {
  const ProcessResult piped = search({"okafor"});
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.out.find("matches for: okafor") != std::string::npos);
  CHECK(piped.out.find('\x1b') == std::string::npos);
  const ProcessResult colored = search({"--color", "always", "okafor"});
  CHECK(colored.out.find("\x1b[1m") != std::string::npos);
}

TEST_CASE("bad options and bad queries exit as documented", "[e2e][errors]") {
  SECTION("unknown option: one line naming it, exit 2") {
    const ProcessResult r = search({"--no-such-option", "x"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("dateline-search: ") && Catch::Contains("no-such-option") &&
                          Catch::EndsWith("; see dateline-search --help\n"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(run_process({k_index_bin, "--frobnicate"}).exit_code == 2);
  }
  SECTION("missing --db or input: exit 2") {
    CHECK(run_process({k_search_bin, "okafor"}).exit_code == 2);
    CHECK(run_process({k_index_bin, "--db", "/tmp/x"}).exit_code == 2);
  }
  SECTION("no query and an empty stdin: batch mode with nothing to do") {
    const ProcessResult r = run_process({k_search_bin, "--db", CorpusIndex::get().db()});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
  }
  SECTION("malformed query: one line naming the position, exit 1") {
    const ProcessResult r = search({"\"unclosed phrase"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("position 1") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(search({"okafor", "AND"}).exit_code == 1);
    CHECK(search({"(okafor"}).exit_code == 1);
  }
  SECTION("missing index: exit 1") {
    TempDir dir;
    const ProcessResult r =
        run_process({k_search_bin, "--db", (dir.path() / "nope").string(), "x"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("does not exist") != std::string::npos);
  }
  SECTION("missing input: exit 1, no index created") {
    TempDir dir;
    const ProcessResult r = run_process(
        {k_index_bin, "--db", (dir.path() / "db").string(), (dir.path() / "nothing").string()});
    CHECK(r.exit_code == 1);
    CHECK_FALSE(fs::exists(dir.path() / "db"));
  }
}

TEST_CASE("an index of another schema version is refused", "[e2e][errors]") {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_process({k_index_bin, "--db", db, k_corpus + "/misc"}).exit_code == 0);
  REQUIRE(run_process({"/usr/bin/xapian-metadata", "set", db, "dateline:schema_version", "999"})
              .exit_code == 0);
  const ProcessResult r = run_process({k_search_bin, "--db", db, "portland"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("schema version 999") != std::string::npos);
}

TEST_CASE("a bad file is reported and skipped without losing the good ones", "[e2e][index]") {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  std::ofstream(dir.path() / "in" / "good.txt")
      << "A headline of some words\n\nBody text about zebras.\n";
  { const std::ofstream empty(dir.path() / "in" / "empty.txt"); }
  std::ofstream(dir.path() / "in" / "feed.jsonl")
      << "{\"title\": \"Zebra census\", \"body\": \"Zebras counted.\"}\n{broken\n"
      << "{\"title\": \"Zebra crossing\", \"body\": \"Zebras cross.\"}\n";
  // A FIFO is never opened (that would hang), and a link loop never followed.
  REQUIRE(mkfifo((dir.path() / "in" / "pipe.txt").c_str(), 0600) == 0);
  fs::create_directory_symlink(dir.path() / "in", dir.path() / "in" / "loop");
  const std::string db = (dir.path() / "db").string();
  const ProcessResult r = run_process({k_index_bin, "--db", db, (dir.path() / "in").string()});
  CHECK(r.exit_code == 0);
  CHECK(documents_held(r.out) == 3);
  CHECK(r.err.find("pipe.txt: not a regular file") != std::string::npos);
  CHECK(r.err.find("empty.txt: empty file") != std::string::npos);
  CHECK(r.err.find("feed.jsonl:2: malformed JSON") != std::string::npos);

  // The same run's summary as JSON (a re-run: everything is unchanged).
  const ProcessResult again =
      run_process({k_index_bin, "--db", db, "--json", "--quiet", (dir.path() / "in").string()});
  REQUIRE(again.exit_code == 0);
  const Json summary = Json::parse(again.out);
  CHECK(summary["documents"] == 3);
  CHECK(summary["unchanged"] == 2);
  CHECK(summary["skipped"]["empty file"] == 1);
  CHECK(summary["skipped"]["not a regular file"] == 1);
  REQUIRE(summary["problems"].size() == 2);
  std::set<std::string> reasons;
  for (const auto& problem : summary["problems"]) reasons.insert(problem["reason"]);
  CHECK(reasons == std::set<std::string>{"empty file", "not a regular file"});
}

TEST_CASE("articles in another language than English get no entities, and the run says so",
          "[e2e][entities]") {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  std::ofstream(dir.path() / "in" / "english.html")
      << "<html lang=\"en-GB\"><head><title>Ferry returns</title></head><body><article>"
         "<p>John Kerry met Sergey Lavrov in Geneva on Thursday to talk about Syria, the State "
         "Department said.</p></article></body></html>";
  std::ofstream(dir.path() / "in" / "french.html")
      << "<html lang=\"fr\"><head><title>Le bac reprend la mer</title></head><body><article>"
         "<p>Le Premier ministre de la France a rencontré les habitants de la Bretagne jeudi, "
         "a indiqué l'Élysée dans un communiqué.</p></article></body></html>";
  // A site that marks its English pages French: the text decides.
  std::ofstream(dir.path() / "in" / "marked.html")
      << "<html lang=\"fr-CA\"><head><title>Bus strike ends</title></head><body><article>"
         "<p>Bus drivers in Montreal returned to work on Thursday after their union accepted a "
         "new contract with the city, ending a strike that left riders to find other ways "
         "across Quebec's largest city, the union said.</p></article></body></html>";
  std::ofstream(dir.path() / "in" / "feed.jsonl")
      << "{\"title\": \"La Comisión Europea\", \"maintext\": \"La Comisión Europea "
         "anunció el lunes en Bruselas un plan.\", \"language\": \"es\"}\n";
  const std::string db = (dir.path() / "db").string();
  const ProcessResult r =
      run_process({k_index_bin, "--db", db, "--json", "--quiet", (dir.path() / "in").string()});
  REQUIRE(r.exit_code == 0);
  const Json summary = Json::parse(r.out);
  CHECK(summary["documents"] == 4);
  CHECK(summary["untagged_languages"] == Json{{"es", 1}, {"fr", 1}});
  const ProcessResult line = run_process(
      {k_index_bin, "--db", (dir.path() / "db2").string(), (dir.path() / "in").string()});
  CHECK(line.out.find("2 articles in other languages than English (es 1, fr 1) indexed without "
                      "entities") != std::string::npos);
  const Json all = Json::parse(run_process({k_search_bin, "--db", db, "--json", "*"}).out);
  REQUIRE(all["total"] == 4);
  for (const Json& hit : all["results"]) {
    INFO(hit["title"]);
    const bool english = hit["title"] == "Ferry returns" || hit["title"] == "Bus strike ends";
    std::size_t entities = 0;
    for (const auto& [type, values] : hit["entities"].items()) entities += values.size();
    CHECK((entities > 0) == english);
  }
}

TEST_CASE("the example article comes out right", "[e2e][example]") {
  if (!fs::exists(k_example)) {
    WARN("skipped: " << k_example << " is not present");
    return;
  }
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_process({k_index_bin, "--db", db, k_example}).exit_code == 0);
  const ProcessResult r = run_process({k_search_bin, "--db", db, "--json", "kerry"});
  REQUIRE(r.exit_code == 0);
  const Json result = Json::parse(r.out);
  REQUIRE(result["total"] == 1);
  const Json& hit = result["results"][0];
  CHECK(hit["title"] == "Lavrov, Kerry hold lengthy talks with Nice terror attack as backdrop");
  CHECK(hit["snippet"].get<std::string>().find("Anuncio") == std::string::npos);
  // Boilerplate is neither in the stored body nor indexed.
  for (const char* word : {"anuncio", "share"}) {
    const ProcessResult none = run_process({k_search_bin, "--db", db, "--json", word});
    CHECK(Json::parse(none.out)["total"] == 0);
  }
  // Its people under their full names, and nothing that is not one.
  std::set<std::string> people;
  for (const auto& person : hit["entities"]["person"]) people.insert(person["value"]);
  CHECK(people == std::set<std::string>{"John Kerry", "Sergey Lavrov", "Vladimir Putin",
                                        "Bashar al-Assad", "Sergey Shoygu"});
  // Groups named by capitalised common words, whole: not "Implementation
  // Group", nor misc "Islamic".
  std::set<std::string> organizations;
  for (const auto& org : hit["entities"]["organization"]) organizations.insert(org["value"]);
  for (const char* org : {"Joint Implementation Group", "Islamic State", "Jabhat al-Nusra"}) {
    INFO(org);
    CHECK(organizations.count(org) == 1);
  }
  std::set<std::string> places;
  for (const auto& place : hit["entities"]["location"]) places.insert(place["value"]);
  for (const char* place : {"United States", "Russia", "Syria", "Nice", "France", "Aleppo"}) {
    CHECK(places.count(place) == 1);
  }
  // The countries it is about: those it names, with Aleppo's, Nice's and
  // Amman's ("an Amman, Jordanbased ... Group").
  std::set<std::string> countries;
  for (const auto& country : result["facets"]["country"]) countries.insert(country["value"]);
  CHECK(countries == std::set<std::string>{"United States", "Russia", "Syria", "France", "Jordan"});
  for (const char* filter : {"country:syria", "country:FR", "country:\"United States\""}) {
    INFO(filter);
    const ProcessResult found = run_process({k_search_bin, "--db", db, "--json", filter});
    CHECK(Json::parse(found.out)["total"] == 1);
  }
  const ProcessResult elsewhere = run_process({k_search_bin, "--db", db, "--json", "country:peru"});
  CHECK(Json::parse(elsewhere.out)["total"] == 0);
  for (const auto& [type, values] : hit["entities"].items()) {
    for (const auto& value : values) {
      for (const char* junk : {"Anuncio", "Share", "Friday", "Thursday", "Kerry", "U.S."}) {
        CHECK(value["value"] != junk);
      }
    }
  }
  const ProcessResult delve = run_process({"/usr/bin/xapian-delve", "-r", "1", "-d", db});
  if (delve.exit_code == 0) {
    CHECK(delve.out.find("Anuncio") == std::string::npos);
    CHECK(delve.out.find("\\nShare") == std::string::npos);
  }
}

}  // namespace dateline::test

namespace dateline::test {

TEST_CASE("date filters and flags restrict by date", "[e2e][dates]") {
  const auto dates_of = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"--limit", "100"});
    std::vector<std::string> dates;
    const Json result = search_json(args);  // kept alive for the loop
    for (const auto& hit : result["results"]) {
      dates.push_back(hit["date"].is_null() ? "" : hit["date"].get<std::string>());
    }
    return dates;
  };
  const auto in_2024 = dates_of({"date:2024"});
  REQUIRE(in_2024.size() > 5);
  for (const auto& d : in_2024) CHECK(d.substr(0, 4) == "2024");
  for (const auto& d : dates_of({"date:2024-03"})) CHECK(d.substr(0, 7) == "2024-03");
  for (const auto& d : dates_of({"date:2024-03-01..2024-08-31", "geneva"})) {
    CHECK(d >= "2024-03-01");
    CHECK(d <= "2024-08-31");
  }
  for (const auto& d : dates_of({"--since", "2025-06", "--until", "2025-08-15"})) {
    CHECK(d >= "2025-06-01");
    CHECK(d <= "2025-08-15");
  }
  // A year filter equals the union of its months.
  long months = 0;
  for (int m = 1; m <= 12; ++m) {
    const std::string month = (m < 10 ? "date:2024-0" : "date:2024-") + std::to_string(m);
    months += search_json({month})["total"].get<long>();
  }
  CHECK(months == static_cast<long>(in_2024.size()));
  CHECK(search({"date:2024-13"}).exit_code == 1);
}

TEST_CASE("a query of filters only lists newest first, pages without overlap", "[e2e][sort]") {
  const Json first = search_json({"--limit", "5", "date:2024"});
  const Json second = search_json({"--limit", "5", "--offset", "5", "date:2024"});
  std::vector<std::string> dates;
  std::set<std::string> ids;
  for (const Json* page : {&first, &second}) {
    for (const auto& hit : (*page)["results"]) {
      dates.push_back(hit["date"].get<std::string>());
      ids.insert(hit["id"].get<std::string>());
    }
  }
  REQUIRE(dates.size() == 10);
  CHECK(ids.size() == 10);
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
  CHECK(first["total"] == second["total"]);
}

TEST_CASE("sort orders put dated articles in order and undated last", "[e2e][sort]") {
  for (const char* order : {"newest", "oldest"}) {
    const Json result = search_json({"--sort", order, "--limit", "100", "--any", "the", "a"});
    std::vector<std::string> dates;
    for (const auto& hit : result["results"]) {
      dates.push_back(hit["date"].is_null() ? "" : hit["date"].get<std::string>());
    }
    REQUIRE(dates.size() > 40);
    CHECK(dates.back().empty());  // the undated article comes last
    dates.pop_back();
    INFO(order);
    if (std::string(order) == "newest") {
      CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
    } else {
      CHECK(std::is_sorted(dates.begin(), dates.end()));
    }
  }
}

TEST_CASE("a misspelt query gets a suggestion that finds more", "[e2e][spelling]") {
  const Json result = search_json({"sorokn"});
  CHECK(result["total"] == 0);
  CHECK(result["suggestion"] == "sorokin");
  CHECK(search_json({"sorokin"})["suggestion"].is_null());
  // Scripts can skip the check.
  CHECK(search_json({"--no-suggest", "sorokn"})["suggestion"].is_null());
}

TEST_CASE("more-like-this finds related articles, never the article itself", "[e2e][like]") {
  const Json seed = search_json({"geneva", "prisoner", "exchange"});
  const std::string id = seed["results"][0]["id"];
  const Json like = search_json({"--like", id, "--limit", "3"});
  REQUIRE(like["results"].size() == 3);
  for (const auto& hit : like["results"]) CHECK(hit["id"] != id);
  // The companion story on the same talks ranks first.
  CHECK(ends_with(first_path(like), "marsh-okafor-geneva-talks.txt"));
  CHECK(search({"--like", "0000000000000000"}).exit_code == 1);
}

TEST_CASE("batch mode answers one query per stdin line", "[e2e][batch]") {
  TempDir dir;
  const fs::path queries = dir.path() / "queries.txt";
  std::ofstream(queries) << "okafor\n\n\"unclosed\ngeneva talks\n";
  const ProcessResult r = run_process(
      {k_search_bin, "--db", CorpusIndex::get().db(), "--json", "--limit", "1"}, queries.string());
  CHECK(r.exit_code == 1);  // one query failed
  std::vector<Json> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["query"] == "okafor");
  CHECK(lines[0]["total"].get<long>() > 0);
  CHECK(lines[1].contains("error"));
  CHECK(lines[1]["line"] == 3);  // counting the blank line
  CHECK(lines[2]["query"] == "geneva talks");

  // As text, the error names the line on stderr.
  const ProcessResult text = run_process(
      {k_search_bin, "--db", CorpusIndex::get().db(), "--limit", "1"}, queries.string());
  CHECK(text.exit_code == 1);
  CHECK(text.err.find("dateline-search: line 3: bad query: '\"' is never closed at position 1") !=
        std::string::npos);
}

}  // namespace dateline::test

namespace dateline::test {
namespace {

// A small archive written for one test: `count` articles in a dated tree.
void write_archive(const fs::path& root, int count, const std::string& word = "zebra") {
  for (int i = 0; i < count; ++i) {
    const fs::path day =
        root / "2024" / "05" / ((i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1));
    fs::create_directories(day);
    std::ofstream(day / ("story-" + std::to_string(i) + ".txt"))
        << "Advertisement\n\nHeadline number " << i << " about the " << word << " count\n\n"
        << "Paragraph one tells of " << word << "s seen near river " << i << ".\n\n"
        << "Paragraph two adds detail " << i * 7 << ".\n";
  }
}

struct IndexRun {
  ProcessResult process;
  long held;
};

IndexRun index_into(const std::string& db, const fs::path& input,
                    std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {k_index_bin, "--db", db, "--no-entities"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(input.string());
  ProcessResult r = run_process(argv);
  const long held = documents_held(r.out);
  return {std::move(r), held};
}

long count_query(const std::string& db, const std::string& query) {
  // Facets on: they make the total exact (without them it may be an estimate).
  const ProcessResult r = run_process({k_search_bin, "--db", db, "--json", query});
  REQUIRE(r.exit_code == 0);
  const Json result = Json::parse(r.out);
  REQUIRE(result["total_exact"] == true);
  return result["total"].get<long>();
}

}  // namespace

TEST_CASE("re-runs skip unchanged files, re-read changed ones, drop deleted ones",
          "[e2e][incremental]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  write_archive(archive, 40);
  const std::string db = (dir.path() / "db").string();

  const IndexRun first = index_into(db, archive);
  REQUIRE(first.process.exit_code == 0);
  CHECK(first.held == 40);

  const IndexRun again = index_into(db, archive);
  CHECK(again.held == 40);
  CHECK(again.process.out.find("40 unchanged files skipped") != std::string::npos);
  CHECK(again.process.out.find("indexed 0 articles") != std::string::npos);

  // Touched but identical: still unchanged (the content hash decides).
  const fs::path some = archive / "2024" / "05" / "01" / "story-0.txt";
  fs::last_write_time(some, fs::last_write_time(some) + std::chrono::hours(1));
  CHECK(index_into(db, archive).process.out.find("40 unchanged") != std::string::npos);

  // Edited: re-read, and the old words are gone from the index.
  std::ofstream(some) << "Headline about a giraffe census\n\nGiraffes were counted.\n";
  const IndexRun edited = index_into(db, archive);
  CHECK(edited.held == 40);
  CHECK(edited.process.out.find("indexed 1 articles") != std::string::npos);
  CHECK(count_query(db, "giraffe") == 1);
  CHECK(count_query(db, "zebra") == 39);

  // Deleted: its article goes.
  fs::remove(archive / "2024" / "05" / "02" / "story-1.txt");
  const IndexRun deleted = index_into(db, archive);
  CHECK(deleted.held == 39);
  CHECK(deleted.process.out.find("removed 1 articles of 1 deleted files") != std::string::npos);

  // Files outside this run's inputs are left alone.
  const fs::path other = dir.path() / "other";
  write_archive(other, 3, "okapi");
  CHECK(index_into(db, other).held == 42);
  CHECK(index_into(db, archive).held == 42);

  // --rebuild starts afresh: the same articles as a clean run.
  CHECK(index_into(db, archive, {"--rebuild"}).held == 39);
}

namespace {

// Writes article number `n` of a small archive, naming finance minister
// `who`; articles of different numbers differ enough not to be
// near-duplicates of each other.
void write_minister_article(const fs::path& archive, const std::string& name, int n,
                            const std::string& who) {
  const char* const topics[] = {"rice harvest", "steel exports",       "bond yields",
                                "car sales",    "shipbuilding orders", "tourism receipts",
                                "chip output",  "fishing quotas",      "rail freight"};
  const std::string topic = topics[static_cast<std::size_t>(n) % std::size(topics)];
  std::ofstream(archive / (name + ".txt"))
      << "Japan reviews " << topic << "\n\nFinance Minister " << who << " said on Tuesday that "
      << topic << " figure " << n * 37 << " would shape the budget.\n\nOfficials expect " << topic
      << " to recover by " << 1990 + n << ", a spokesman added.\n";
}

// The person facet (as JSON text) and the total of `query` on `db`.
std::pair<std::string, long> person_facet(const std::string& db, const std::string& query) {
  const ProcessResult r =
      run_process({k_search_bin, "--db", db, "--json", "--facets", "person", query});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Json result = Json::parse(r.out);
  return std::pair{result["facets"]["person"].dump(), result["total"].get<long>()};
}

}  // namespace

TEST_CASE("updates re-resolve names across the archive as a clean build does",
          "[e2e][incremental][resolution]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  fs::create_directories(archive);
  int written = 0;
  const auto write = [&](const std::string& name, const std::string& who) {
    write_minister_article(archive, name, written++, who);
  };
  for (int i = 0; i < 4; ++i) write("short-" + std::to_string(i), "Nakamura");
  const auto index = [&](const std::string& db) {
    const ProcessResult r = run_process({k_index_bin, "--db", db, archive.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  };
  const auto people = person_facet;
  const std::string db = (dir.path() / "db").string();
  index(db);
  CHECK(people(db, "*").first == R"([{"count":4,"value":"Nakamura"}])");

  // Five articles bring the full name: every short form now counts as it.
  for (int i = 0; i < 5; ++i) write("full-" + std::to_string(i), "Hiroshi Nakamura");
  index(db);
  CHECK(people(db, "*").first == R"([{"count":9,"value":"Hiroshi Nakamura"}])");
  CHECK(people(db, "person:nakamura").second == 9);
  CHECK(people(db, "person:\"Hiroshi Nakamura\"").second == 9);
  CHECK(people(db, "person:\"Minister Nakamura\"").second == 9);
  const std::string clean = (dir.path() / "clean").string();
  index(clean);
  CHECK(people(db, "*") == people(clean, "*"));
  CHECK(people(db, "budget") == people(clean, "budget"));

  // And when they go, the short form is its own name again.
  for (int i = 0; i < 5; ++i) fs::remove(archive / ("full-" + std::to_string(i) + ".txt"));
  index(db);
  CHECK(people(db, "*").first == R"([{"count":4,"value":"Nakamura"}])");
}

TEST_CASE("the user's alias file applies to an indexed archive without re-reading it",
          "[e2e][incremental][resolution][aliases]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  fs::create_directories(archive);
  for (int i = 0; i < 9; ++i) {
    write_minister_article(archive, "a" + std::to_string(i), i,
                           i < 4 ? "Nakamura" : "Hiroshi Nakamura");
  }
  const fs::path aliases = dir.path() / "aliases.tsv";
  const auto index = [&](const std::string& db, std::vector<std::string> extra) {
    std::vector<std::string> args = {k_index_bin, "--db", db, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(archive.string());
    const ProcessResult r = run_process(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return Json::parse(r.out);
  };
  const auto people = person_facet;
  const std::string db = (dir.path() / "db").string();
  index(db, {});
  CHECK(people(db, "*").first == R"([{"count":9,"value":"Hiroshi Nakamura"}])");

  // Two different people: learning no longer merges them, and no article
  // is read again.
  std::ofstream(aliases) << "# ours\ndistinct\tperson\tNakamura\tHiroshi Nakamura\n";
  const Json rerun = index(db, {"--aliases", aliases.string()});
  CHECK(rerun["indexed"] == 0);
  CHECK(rerun["unchanged"] == 9);
  CHECK(people(db, "*").first ==
        R"([{"count":5,"value":"Hiroshi Nakamura"},{"count":4,"value":"Nakamura"}])");
  CHECK(people(db, "person:\"Hiroshi Nakamura\"").second == 5);
  // Kept in the index: a run without --aliases uses them still.
  index(db, {});
  CHECK(people(db, "person:\"Hiroshi Nakamura\"").second == 5);
  // A clean build with the same file gives the same facets.
  const std::string clean = (dir.path() / "clean").string();
  index(clean, {"--aliases", aliases.string()});
  CHECK(people(db, "*") == people(clean, "*"));

  // "Nakamura" alone is no value; an alias joins a name the archive lacks.
  std::ofstream(aliases) << "never\tperson\tNakamura\nperson\tHiroshi Nakamura\tFinance Chief\n";
  index(db, {"--aliases", aliases.string()});
  CHECK(people(db, "*").first == R"([{"count":5,"value":"Hiroshi Nakamura"}])");
  // An empty file takes the rules away.
  std::ofstream(aliases, std::ios::trunc).flush();
  index(db, {"--aliases", aliases.string()});
  CHECK(people(db, "*").first == R"([{"count":9,"value":"Hiroshi Nakamura"}])");

  // A bad rule stops the run before it starts, naming the file and line.
  std::ofstream(aliases) << "person\tHiroshi Nakamura\tNakamura\nplace\tTokyo\tEdo\n";
  const ProcessResult bad =
      run_process({k_index_bin, "--db", db, "--aliases", aliases.string(), archive.string()});
  CHECK(bad.exit_code != 0);
  CHECK_THAT(bad.err, Catch::Contains(aliases.string() + ":2: unknown type 'place'"));
}

TEST_CASE("a fresh build with several workers equals a one-worker build", "[e2e][incremental]") {
  TempDir dir;
  const std::string one = (dir.path() / "one").string();
  const std::string many = (dir.path() / "many").string();
  REQUIRE(index_into(one, k_corpus, {"--jobs", "1"}).process.exit_code == 0);
  REQUIRE(index_into(many, k_corpus, {"--jobs", "3"}).process.exit_code == 0);
  // Workers that start a new database every few articles, into one
  // database and into shards: the same index once merged.
  const std::string parts = (dir.path() / "parts").string();
  const std::string sharded_parts = (dir.path() / "sharded-parts").string();
  REQUIRE(index_into(parts, k_corpus, {"--jobs", "2", "--part-size", "4"}).process.exit_code == 0);
  REQUIRE(index_into(sharded_parts, k_corpus, {"--jobs", "2", "--part-size", "3", "--shards", "2"})
              .process.exit_code == 0);
  for (const char* query : {"okafor", "geneva talks", "date:2024", "portland OR tokyo", "zzz"}) {
    INFO(query);
    CHECK(count_query(one, query) == count_query(many, query));
    CHECK(count_query(one, query) == count_query(parts, query));
    CHECK(count_query(one, query) == count_query(sharded_parts, query));
  }
  // Spelling data and near-duplicate groups span the parts too.
  const auto suggestion = [&](const std::string& db) {
    const ProcessResult r = run_process(
        {k_search_bin, "--db", db, "--json", "--facets", "person,location", "goverment"});
    REQUIRE(r.exit_code == 0);
    const Json result = Json::parse(r.out);
    return result.value("suggestion", std::string()) + " " + result["facets"].dump();
  };
  CHECK(suggestion(one) == suggestion(parts));
  CHECK(suggestion(one) == suggestion(sharded_parts));
}

TEST_CASE("a fresh build writes the same index whatever the workers and parts",
          "[e2e][incremental]") {
  // index-dump prints terms, values (collapse keys among them), spelling
  // data, metadata (the name resolution among them) and every document,
  // apart from document ids: the merge's steps that run side by side, or
  // split among threads, must not change any of it.
  TempDir dir;
  const auto dump = [&](const std::string& name, std::vector<std::string> options) {
    const std::string db = (dir.path() / name).string();
    std::vector<std::string> argv = {k_index_bin, "--db", db};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.push_back(k_corpus);
    REQUIRE(run_process(argv).exit_code == 0);
    const ProcessResult dumped = run_process({DATELINE_INDEX_DUMP_BIN, db});
    REQUIRE(dumped.exit_code == 0);
    return dumped.out;
  };
  const std::string one = dump("one", {"--jobs", "1"});
  CHECK(one.find("spelling") != std::string::npos);
  CHECK(dump("two", {"--jobs", "2"}) == one);
  CHECK(dump("four", {"--jobs", "4"}) == one);
  CHECK(dump("parts", {"--jobs", "3", "--part-size", "3"}) == one);
  const std::string sharded = dump("sharded-one", {"--jobs", "1", "--shards", "3"});
  CHECK(dump("sharded-four", {"--jobs", "4", "--part-size", "3", "--shards", "3"}) == sharded);
}

TEST_CASE("a feed of many articles is built by every worker and replaced whole",
          "[e2e][incremental]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  fs::create_directories(archive);
  // Chunks of a file's articles go to whichever worker is free: a feed of
  // 300 (several chunks), beside small files.
  auto write_feed = [&](int count, int edited) {
    std::ofstream feed(archive / "feed.jsonl", std::ios::trunc);
    for (int i = 0; i < count; ++i) {
      const std::string word = i < edited ? "walrus" : "pelican";
      feed << Json{{"id", "feed-" + std::to_string(i)},
                   {"title", "Feed item " + std::to_string(i) + " on the " + word},
                   {"date",
                    "2024-06-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1)},
                   {"body", "The " + word + " was seen " + std::to_string(i) +
                                " times near the harbour wall this spring."}}
                  .dump()
           << '\n';
    }
  };
  write_feed(300, 0);
  write_archive(archive / "small", 10);
  const std::string one = (dir.path() / "one").string();
  const std::string many = (dir.path() / "many").string();
  REQUIRE(index_into(one, archive, {"--jobs", "1"}).held == 310);
  REQUIRE(index_into(many, archive, {"--jobs", "3", "--part-size", "50"}).held == 310);
  for (const char* query : {"pelican", "harbour", "zebra", "date:2024-06-03"}) {
    INFO(query);
    CHECK(count_query(one, query) == count_query(many, query));
  }
  CHECK(count_query(many, "pelican") == 300);

  // The feed changes: an update writes it whole (all its chunks, none
  // twice), as a clean build of the new feed would.
  write_feed(250, 120);
  const IndexRun update = index_into(many, archive, {"--jobs", "3"});
  CHECK(update.held == 260);
  CHECK(update.process.out.find("indexed 250 articles") != std::string::npos);
  const std::string clean = (dir.path() / "clean").string();
  REQUIRE(index_into(clean, archive, {"--jobs", "1"}).held == 260);
  for (const char* query : {"pelican", "walrus", "harbour", "zebra", "date:2024-06-03"}) {
    INFO(query);
    CHECK(count_query(many, query) == count_query(clean, query));
  }
  CHECK(count_query(many, "walrus") == 120);
  CHECK(count_query(many, "pelican") == 130);
}

TEST_CASE("SIGINT stops a run cleanly, and a re-run completes it", "[e2e][incremental]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  write_archive(archive, 3000);
  const std::string db = (dir.path() / "db").string();
  const std::string clean = (dir.path() / "clean").string();
  REQUIRE(index_into(clean, archive).held == 3000);

  // Interrupt a run partway (it may also finish first: both must be fine).
  const pid_t pid = start_process(
      {k_index_bin, "--db", db, "--no-entities", "--batch-size", "50", archive.string()});
  // Not before the run has started: its lock file is made after its
  // signal handler is set (a loaded machine may take longer than 300 ms to
  // start a sanitizer build, and a signal then kills it the default way).
  const fs::path lock = dir.path() / ".db.dateline-lock";
  for (int waited = 0; waited < 30000 && !fs::exists(lock); waited += 10) usleep(10 * 1000);
  usleep(300 * 1000);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK((WEXITSTATUS(status) == 130 || WEXITSTATUS(status) == 0));
  // The index opens, and a re-run brings it to the clean run's state.
  const IndexRun rerun = index_into(db, archive);
  CHECK(rerun.process.exit_code == 0);
  CHECK(rerun.held == 3000);
  CHECK(count_query(db, "zebra") == count_query(clean, "zebra"));
  CHECK(count_query(db, "\"river 2999\"") == 1);
}

}  // namespace dateline::test

namespace dateline::test {

TEST_CASE("a searcher keeps working while the indexer writes", "[e2e][concurrent]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  write_archive(archive, 1500);
  const std::string db = (dir.path() / "db").string();
  REQUIRE(index_into(db, archive).held == 1500);
  write_archive(dir.path() / "more", 3000, "okapi");

  // Its error, if any, is shown: a reader must never make the writer fail.
  const fs::path errors = dir.path() / "index.err";
  const pid_t pid = start_process({k_index_bin, "--db", db, "--no-entities", "--batch-size", "50",
                                   archive.string(), (dir.path() / "more").string()},
                                  errors.string());
  long last = 0;
  int searches = 0;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    const ProcessResult r = run_process({k_search_bin, "--db", db, "--json", "okapi OR zebra"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const long total = Json::parse(r.out)["total"].get<long>();
    CHECK(total >= last);  // commits only ever add here
    last = total;
    ++searches;
  }
  std::ifstream error_file(errors);
  INFO("the indexer's stderr: " << std::string(std::istreambuf_iterator<char>(error_file), {}));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(searches > 0);
  CHECK(count_query(db, "okapi OR zebra") == 4500);
}

}  // namespace dateline::test

namespace dateline::test {

TEST_CASE("near-duplicate copies collapse into one result", "[e2e][duplicates]") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  fs::create_directories(archive / "2024" / "03" / "14");
  fs::create_directories(archive / "2024" / "03" / "16");
  const fs::path original = fs::path(k_corpus) / "2024/03/14/marsh-okafor-geneva-talks.txt";
  fs::copy_file(original, archive / "2024" / "03" / "14" / "talks.txt");
  // Another outlet's copy, two days later, with a few words changed.
  std::ifstream in(original);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("marathon"), 8, "lengthy");
  std::ofstream(archive / "2024" / "03" / "16" / "copy.txt") << text;
  const std::string db = (dir.path() / "db").string();
  REQUIRE(index_into(db, archive).held == 2);

  auto query = [&](std::vector<std::string> extra) {
    std::vector<std::string> argv = {k_search_bin, "--db", db, "--json", "geneva"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const ProcessResult r = run_process(argv);
    REQUIRE(r.exit_code == 0);
    return Json::parse(r.out);
  };
  const Json collapsed = query({});
  REQUIRE(collapsed["results"].size() == 1);
  CHECK(collapsed["results"][0]["similar"] == 1);
  // The better-ranked copy stands for the story; --no-collapse shows both.
  const Json all = query({"--no-collapse"});
  CHECK(all["results"].size() == 2);
  // Copies written by different workers into different databases are
  // found once those are merged.
  const std::string parts = (dir.path() / "parts").string();
  REQUIRE(index_into(parts, archive, {"--jobs", "2", "--part-size", "1"}).held == 2);
  const ProcessResult in_parts =
      run_process({k_search_bin, "--db", parts, "--json", "--no-facets", "geneva"});
  REQUIRE(in_parts.exit_code == 0);
  CHECK(Json::parse(in_parts.out)["results"].size() == 1);
  CHECK(Json::parse(in_parts.out)["results"][0]["similar"] == 1);

  // A third copy arriving in a later run joins the story.
  fs::create_directories(archive / "2024" / "03" / "18");
  std::ofstream(archive / "2024" / "03" / "18" / "late.txt") << text;
  REQUIRE(index_into(db, archive).held == 3);
  const Json later = query({});
  REQUIRE(later["results"].size() == 1);
  CHECK(later["results"][0]["similar"] == 2);
}

}  // namespace dateline::test

namespace dateline::test {

TEST_CASE("a directory of every kind of bad file: each reported once, good ones kept",
          "[e2e][bad-input]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  fs::create_directories(in);
  const auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(in / name, std::ios::binary) << bytes;
  };
  write("good.txt", "A good headline stays here\n\nThe okapi is a good article.\n");
  write("empty.txt", "");
  write("binary.txt", std::string("\x7f"
                                  "ELF\0\0\0\x01 junk",
                                  12));
  write("latin1.txt", "Headline in old bytes caf\xe9 here\n\nThe okapi drank caf\xe9.\n");
  // UTF-8 ("é" twice) with two damaged bytes: UTF-8 still, the bytes replaced.
  write("damaged.txt",
        "Damaged bytes in a story of the caf\xc3\xa9 trade\n\nAn okapi \xff grazed by a "
        "caf\xc3\xa9 terrace \xfe on the square, far from any forest.\n");
  std::string giant;  // a whole article on one 3 MB line
  while (giant.size() < 3'000'000) giant += "okapi herds graze ";
  write("giant.txt", giant);
  write("feed.jsonl",
        "{\"title\": \"Okapi feed story\", \"body\": \"An okapi.\"}\n{oops\n[1, 2]\n");
  write("cut.sgm",
        "<REUTERS NEWID=\"1\"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>OKAPI SEEN</TITLE>"
        "<BODY>An okapi was seen.\n Reuter\n&#3;</BODY></TEXT></REUTERS>\n"
        "<REUTERS NEWID=\"2\"><DATE>26-FEB-1987</DATE><TEXT><TITLE>CUT OFF");
  std::ofstream(in / "huge.txt").close();
  fs::resize_file(in / "huge.txt", std::uintmax_t{300} << 20);  // sparse: uses no disk
  REQUIRE(mkfifo((in / "pipe.txt").c_str(), 0600) == 0);
  fs::create_directory_symlink(in, in / "loop");
  fs::path deep = in;
  for (int level = 0; level < 60; ++level) deep /= "d";
  fs::create_directories(deep);
  std::ofstream(deep / "deep.txt") << "A deep headline for okapi\n\nDeep okapi.\n";

  const std::string db = (dir.path() / "db").string();
  const ProcessResult r =
      run_process({k_index_bin, "--db", db, "--no-entities", "--json", in.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);  // only files were skipped
  const Json summary = Json::parse(r.out);
  // good, latin1, damaged, giant, deep, one feed line, one SGML element.
  CHECK(summary["documents"] == 7);
  CHECK(count_query(db, "okapi") == 7);
  std::map<std::string, int> reported;  // file name -> problems reported
  for (const auto& problem : summary["problems"]) {
    ++reported[fs::path(problem["path"].get<std::string>()).filename().string()];
  }
  CHECK(reported == std::map<std::string, int>{{"empty.txt", 1},
                                               {"binary.txt", 1},
                                               {"feed.jsonl", 2},
                                               {"cut.sgm", 1},
                                               {"huge.txt", 1},
                                               {"latin1.txt", 1},
                                               {"damaged.txt", 1},
                                               {"pipe.txt", 1}});
  // Every problem line on stderr names its file (and line, inside a file).
  CHECK(r.err.find("feed.jsonl:2: malformed JSON") != std::string::npos);
  CHECK(r.err.find("feed.jsonl:3: not a JSON object") != std::string::npos);
  CHECK(r.err.find("cut.sgm:4: truncated") != std::string::npos);
  CHECK(r.err.find("huge.txt: file too large") != std::string::npos);
  CHECK(r.err.find("latin1.txt: read as Windows-1252 (not UTF-8)") != std::string::npos);
  CHECK(summary["encodings"] == Json({{"Windows-1252", 1}}));
  CHECK(count_query(db, "café") == 2);  // latin1.txt read right, damaged.txt's UTF-8 kept
  CHECK(r.err.find("damaged.txt:3: 2 invalid UTF-8 sequences replaced") != std::string::npos);
  CHECK(summary["invalid_utf8"].get<int>() == 2);
}

}  // namespace dateline::test

namespace dateline::test {

TEST_CASE("page furniture repeated across a site is learnt and kept out", "[e2e][boilerplate]") {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  fs::create_directories(site);
  for (int i = 0; i < 20; ++i) {
    // A four-word header the built-in list does not know would otherwise
    // be taken for the headline.
    std::ofstream(site / ("story-" + std::to_string(i) + ".txt"))
        << "Harbour Wire Morning Edition\n\nOkapi sighting number " << i
        << " reported downriver\n\nRangers counted an okapi near camp " << i << ".\n\n"
        << "Sign up for the Daily Digest newsletter\n";
  }
  const std::string db = (dir.path() / "db").string();
  REQUIRE(index_into(db, site).held == 20);
  CHECK(count_query(db, "okapi") == 20);
  CHECK(count_query(db, "newsletter") == 0);
  CHECK(count_query(db, "harbour") == 0);
  const ProcessResult r =
      run_process({k_search_bin, "--db", db, "--json", "\"sighting number 7\""});
  REQUIRE(r.exit_code == 0);
  const Json result = Json::parse(r.out);
  REQUIRE(result["results"].size() == 1);
  CHECK(result["results"][0]["title"] == "Okapi sighting number 7 reported downriver");
  // An update reuses what the build learnt.
  std::ofstream(site / "late.txt") << "Harbour Wire Morning Edition\n\nA late okapi story for "
                                      "the record\n\nOne more okapi.\n\nSign up for the Daily "
                                      "Digest newsletter\n";
  REQUIRE(index_into(db, site).held == 21);
  CHECK(count_query(db, "newsletter") == 0);
}

}  // namespace dateline::test

namespace dateline::test {
namespace {

// `r`'s stderr is one line.
bool one_line(const ProcessResult& r) {
  return std::count(r.err.begin(), r.err.end(), '\n') == 1 && r.err.back() == '\n';
}

long total_of(std::vector<std::string> args) { return search_json(args)["total"].get<long>(); }

}  // namespace

TEST_CASE("a numeric option out of range is one line naming it and its range, exit 2",
          "[e2e][errors]") {
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  const Case cases[] = {
      {{"--offset", "-5"}, "--offset must be a whole number from 0 to 1000000000, not '-5'"},
      {{"--limit", "10001"}, "--limit must be a whole number from 0 to 10000, not '10001'"},
      {{"--facet-limit", "0"}, "--facet-limit must be a whole number from 1 to 10000, not '0'"},
      {{"--timeout", "-1"}, "--timeout must be a number of seconds from 0.001 to 3600"},
      {{"--facets", "colour"},
       "no facet 'colour'; facets are person, location, country, organization (org), misc, author, "
       "source, site, year and month"},
      {{"--sort", "sideways"}, "--sort must be relevance, newest or oldest"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.push_back("okafor");
    INFO(c.args.front() << " " << c.args.back());
    const ProcessResult r = search(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(one_line(r));
    CHECK_THAT(r.err, Catch::StartsWith("dateline-search: ") && Catch::Contains(c.says));
  }
}

TEST_CASE("the --help text shows the usage head, not a stray ':' line, and the new vocabulary",
          "[e2e][errors]") {
  const ProcessResult r = run_process({k_search_bin, "--help"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("Usage: dateline-search"));
  CHECK(r.out.find("\n:\n") == std::string::npos);
  for (const char* needed : {"author", "site", "--show", "--limit", "* alone"}) {
    INFO(needed);
    CHECK(r.out.find(needed) != std::string::npos);
  }
}

TEST_CASE("an unknown field is an error naming it, look-alikes are text", "[e2e][errors]") {
  const ProcessResult people = search({"people:okafor"});
  CHECK(people.exit_code == 1);
  CHECK(people.err ==
        "dateline-search: bad query: unknown field 'people:' at position 1; fields are title, "
        "person, location, country, organization (org), misc, author, source, site and date; did "
        "you mean 'person:'?\n");
  for (const auto& [query, suggestion] :
       std::vector<std::pair<std::string, std::string>>{{"geneva place:geneva", "location:"},
                                                        {"year:2024", "date:"},
                                                        {"byline:sandvik", "author:"}}) {
    INFO(query);
    const ProcessResult r = search({query});
    CHECK(r.exit_code == 1);
    CHECK(one_line(r));
    CHECK_THAT(r.err, Catch::Contains("did you mean '" + suggestion + "'?"));
  }
  // Field names ignore case.
  const long okafor = total_of({"person:\"Daniel Okafor\""});
  CHECK(okafor > 0);
  CHECK(total_of({"Person:\"Daniel Okafor\""}) == okafor);
  CHECK(total_of({"TITLE:geneva"}) == total_of({"title:geneva"}));
  // Times, ratios and URLs are words.
  for (const char* text : {"10:30", "3:1", "http://example.com/a", "Re: talks"}) {
    INFO(text);
    CHECK(search({text}).exit_code == 0);
  }
}

TEST_CASE("every format the corpus holds is read, each article with its metadata",
          "[e2e][formats]") {
  // (query, title, date, source): a .txt, a JSON Lines record, a saved
  // page, the two pages of a WARC, a NITF file and a gzipped .txt.
  struct Case {
    const char* query;
    const char* title;
    const char* date;
    const char* source;
  };
  const Case cases[] = {
      {"title:galway", "Galway harbour ferry returns after winter storm damage", "2024-05-02",
       "The Western Ledger"},
      {"title:rotterdam", "Rotterdam tests a floating tidal barrier in the Nieuwe Maas",
       "2025-02-11", "Delta Gazette"},
      {"title:montreal", "Montr\u00e9al bus drivers end a three-day strike", "2024-11-21",
       "The North Shore Post"},
      {"title:olive", "Drought cuts the olive harvest in Andalusia", "2024-11-04",
       "The Coastline Courier"},
      {"title:glasgow", "Glasgow opens a heat pump network under the Clyde", "2024-09-18", ""},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    const Json result = search_json({c.query});
    REQUIRE(result["total"] == 1);
    const Json& hit = result["results"][0];
    CHECK(hit["title"] == c.title);
    CHECK(hit["date"] == c.date);
    if (*c.source) CHECK(hit["source"] == c.source);
  }
  // The web archive's other records are counted, not indexed, and its
  // pages' furniture is not in the index.
  CHECK(search_json({"subscribe newsletter"})["total"] == 0);
  CHECK(search_json({"\"page not found\""})["total"] == 0);
  TempDir dir;
  const ProcessResult r = run_process({k_index_bin, "--json", "--no-entities", "--db",
                                       (dir.path() / "db").string(), k_corpus + "/archive"});
  REQUIRE(r.exit_code == 0);
  const Json summary = Json::parse(r.out);
  CHECK(summary["indexed"] == 4);
  CHECK(summary["records_skipped"] == Json({{"error responses", 1},
                                            {"records not in HTML", 1},
                                            {"redirects", 1},
                                            {"request, metadata and other records", 2}}));
  CHECK(summary["problems"].empty());
}

TEST_CASE("author:, source: and site: filter, and their facets count", "[e2e][fields]") {
  // The corpus feed's bylines and outlets.
  CHECK(total_of({"author:\"Elin Sandvik\""}) == 2);
  CHECK(total_of({"AUTHOR:\"ELIN SANDVIK\""}) == 2);
  CHECK(total_of({"author:sandvik"}) == 2);
  CHECK(total_of({"source:\"harbour wire\""}) == 3);
  CHECK(total_of({"source:Harbour"}) == 3);
  CHECK(total_of({"site:example.com"}) == 6);
  CHECK(total_of({"geneva -site:example.com"}) + total_of({"geneva site:example.com"}) ==
        total_of({"geneva"}));
  CHECK(total_of({"geneva site:example.com"}) > 0);
  const Json all = search_json({"--limit", "0", "--facets", "author,source,site", "*"});
  CHECK(all["facets"]["author"][0] == Json({{"value", "Elin Sandvik"}, {"count", 2}}));
  CHECK(all["facets"]["source"][0] == Json({{"value", "Harbour Wire"}, {"count", 3}}));
  // The feed's six, the saved pages' canonical URLs (corpus/web/), and
  // the pages of the web archive and the NITF file (corpus/archive/).
  CHECK(all["facets"]["site"] == Json::parse(R"([{"value": "example.com", "count": 6},
                                                 {"value": "courier.example.org", "count": 1},
                                                 {"value": "dispatch.example.org", "count": 1},
                                                 {"value": "gazette.example.net", "count": 1},
                                                 {"value": "ledger.example.net", "count": 1},
                                                 {"value": "northshore.example.org", "count": 1}])"));

  // Several authors in one byline, subdomains and www.
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  std::ofstream(dir.path() / "in" / "feed.jsonl")
      << R"({"title": "Okapi census begins in the forest", "body": "Okapi counted.", )"
      << R"("url": "https://www.bbc.co.uk/news/okapi", "author": "Ann Lee and Bo Chan", )"
      << R"("source": "BBC News", "date": "2024-05-01"})" << '\n'
      << R"({"title": "Okapi census ends with a surprise", "body": "More okapi.", )"
      << R"("url": "http://news.bbc.co.uk/2/okapi", "byline": "ANN LEE, Cy Dorn", )"
      << R"("source": "bbc news", "date": "2024-05-09"})" << '\n'
      << R"({"title": "Okapi numbers rise in reserve", "body": "Okapi again.", )"
      << R"("url": "https://example.org/okapi", "source": "Daily Okapi", "date": "2024-06-01"})"
      << '\n';
  const std::string db = (dir.path() / "db").string();
  REQUIRE(index_into(db, dir.path() / "in").held == 3);
  const auto total = [&](const std::string& query) { return count_query(db, query); };
  CHECK(total("site:bbc.co.uk") == 2);
  CHECK(total("site:www.bbc.co.uk") == 2);
  CHECK(total("site:news.bbc.co.uk") == 1);
  CHECK(total("site:https://news.bbc.co.uk/") == 1);
  CHECK(total("site:example.org") == 1);
  CHECK(total("author:\"ann lee\"") == 2);
  CHECK(total("author:\"Bo Chan\"") == 1);
  CHECK(total("source:\"BBC NEWS\"") == 2);
  const ProcessResult r =
      run_process({k_search_bin, "--db", db, "--json", "--facets", "author,site,source", "okapi"});
  REQUIRE(r.exit_code == 0);
  const Json facets = Json::parse(r.out)["facets"];
  CHECK(facets["author"] == Json::parse(R"([{"value": "Ann Lee", "count": 2},
      {"value": "Bo Chan", "count": 1}, {"value": "Cy Dorn", "count": 1}])"));
  CHECK(facets["site"] == Json::parse(R"([{"value": "bbc.co.uk", "count": 1},
      {"value": "example.org", "count": 1}, {"value": "news.bbc.co.uk", "count": 1}])"));
  CHECK(facets["source"][0]["count"] == 2);
}

TEST_CASE("* is every article, --limit 0 gives the total and the facets, a blank query is an error",
          "[e2e][search]") {
  const long held = documents_held(CorpusIndex::get().first_run().out);
  const Json all = search_json({"--limit", "0", "--facets", "person", "*"});
  CHECK(all["total"] == held);
  CHECK(all["total_exact"] == true);
  CHECK(all["results"].empty());
  CHECK_FALSE(all["facets"]["person"].empty());
  // Exact without facets too: counting is all such a request asks for.
  const Json bare = search_json({"--limit", "0", "--no-facets", "*"});
  CHECK(bare["total"] == held);
  CHECK(bare["total_exact"] == true);
  const ProcessResult text = search({"--limit", "0", "--facets", "year", "*"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::StartsWith(std::to_string(held) + " matches for: *\n"));
  CHECK_THAT(text.out, !Catch::Contains("no results on this page") && Catch::Contains("year\n"));
  // With filters, * adds nothing; alone it lists newest first.
  CHECK(total_of({"*", "date:2024"}) == total_of({"date:2024"}));
  const Json newest = search_json({"--limit", "5", "*"});
  REQUIRE(newest["results"].size() == 5);
  std::vector<std::string> dates;
  for (const auto& hit : newest["results"]) dates.push_back(hit["date"].get<std::string>());
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));

  for (const char* blank : {"", "   "}) {
    const ProcessResult r = search({blank});
    CHECK(r.exit_code == 2);
    CHECK(one_line(r));
    CHECK_THAT(r.err, Catch::StartsWith("dateline-search: the query is empty"));
  }
}

TEST_CASE("an index without dates says so when asked for dates", "[e2e][dates]") {
  TempDir dir;
  fs::create_directories(dir.path() / "undated");
  for (int i = 0; i < 3; ++i) {
    std::ofstream(dir.path() / "undated" / ("story-" + std::to_string(i) + ".txt"))
        << "An okapi story without any date " << i << "\n\nThe okapi slept.\n";
  }
  const std::string db = (dir.path() / "db").string();
  REQUIRE(index_into(db, dir.path() / "undated").held == 3);
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {k_search_bin, "--db", db});
    return run_process(args);
  };
  CHECK(run({"okapi"}).exit_code == 0);
  const ProcessResult since = run({"--since", "2024", "okapi"});
  CHECK(since.exit_code == 1);
  CHECK(since.err ==
        "dateline-search: no article in this index has a date, so --since and --until match "
        "nothing\n");
  const ProcessResult date = run({"okapi", "date:2024"});
  CHECK(date.exit_code == 1);
  CHECK(one_line(date));
  CHECK_THAT(date.err, Catch::Contains("no article in this index has a date, so date:2024 "
                                       "matches nothing"));
}

TEST_CASE("a --show prints one article whole, as text or JSON", "[e2e][show]") {
  const Json found = search_json({"collider", "collision", "record"});
  const std::string id = found["results"][0]["id"];
  const ProcessResult text = search({"--show", id});
  REQUIRE(text.exit_code == 0);
  for (const char* needed :
       {"CERN collider sets collision record as Raman's team eyes Higgs pairs\n",
        "\ndate: 2024-09-12\n", "\nsource: Harbour Wire\n", "\nauthor: Elin Sandvik\n",
        "\nurl: https://example.com/science/2024/09/12/cern-collision-record-higgs-pairs\n",
        "wire-2024.jsonl\n", "Priya Raman (", "\n\nThe collider has recorded about 120"}) {
    INFO(needed);
    CHECK(text.out.find(needed) != std::string::npos);
  }
  const Json json = Json::parse(search({"--json", "--show", id}).out);
  CHECK(json["id"] == id);
  CHECK(json["author"] == "Elin Sandvik");
  CHECK(json["date"] == "2024-09-12");
  CHECK_FALSE(json["entities"]["person"].empty());
  CHECK(json["entities"]["person"][0].contains("mentions"));
  CHECK_THAT(json["body"].get<std::string>(), Catch::Contains("Higgs pairs are the key"));

  const ProcessResult unknown = search({"--show", "0000000000000000"});
  CHECK(unknown.exit_code == 1);
  CHECK(one_line(unknown));
  CHECK_THAT(unknown.err,
             Catch::StartsWith("dateline-search: no article with id '0000000000000000'"));
  CHECK(search({"--show", id, "geneva"}).exit_code == 2);
}

}  // namespace dateline::test

// End-to-end tests of the mains every binary and tool shares (cli::run_main
// in common/cli.hpp): --version prints the project's version, a bad
// command line is one line pointing at --help with exit status 2, and a
// failure is one line with exit status 1, never an abort. Then what
// facet-audit (tools/check/facet_audit.cpp) reports, on corpus/ and on a
// small archive in Reuters-21578's format written here.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/process.hpp"

namespace dateline::test {
namespace {

using Json = nlohmann::json;

const std::string k_gen_corpus = DATELINE_GEN_CORPUS_BIN;
const std::string k_index_dump = DATELINE_INDEX_DUMP_BIN;
const std::string k_facet_audit = DATELINE_FACET_AUDIT_BIN;

}  // namespace

TEST_CASE("every binary and tool prints the project's version", "[cli][tools]") {
  struct Case {
    std::string binary;
    std::string name;
  };
  const Case cases[] = {
      {k_index_bin, "dateline-index"}, {k_search_bin, "dateline-search"},
      {k_gen_corpus, "gen-corpus"},    {k_index_dump, "index-dump"},
      {k_facet_audit, "facet-audit"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const ProcessResult result = run_process({c.binary, "--version"});
    CHECK(result.exit_code == 0);
    // "dateline-index 0.1.0 (Xapian 1.4.22)"; this test does not link Xapian.
    CHECK_THAT(result.out,
               Catch::Matchers::StartsWith(c.name + " " DATELINE_PROJECT_VERSION " (Xapian ") &&
                   Catch::Matchers::EndsWith(")\n"));
    CHECK(result.err.empty());
  }
}

TEST_CASE("tools refuse a bad command line in one line, with exit status 2", "[cli][tools]") {
  struct Case {
    std::vector<std::string> argv;
    std::string err;
  };
  const std::string most = "18446744073709551615";
  const Case cases[] = {
      {{k_gen_corpus, "abc", "dir"},
       "gen-corpus: N must be a whole number from 0 to " + most +
           ", not 'abc'; see gen-corpus --help\n"},
      {{k_gen_corpus, "-5", "dir"},
       "gen-corpus: unrecognised option '-5'; see gen-corpus --help\n"},
      {{k_gen_corpus, "5", "dir", "--seed", "x"},
       "gen-corpus: --seed must be a whole number from 0 to " + most +
           ", not 'x'; see gen-corpus --help\n"},
      {{k_gen_corpus, "5"}, "gen-corpus: expected N and DIR; see gen-corpus --help\n"},
      {{k_index_dump}, "index-dump: expected DB; see index-dump --help\n"},
      {{k_facet_audit}, "facet-audit: expected --db INDEX; see facet-audit --help\n"},
      {{k_facet_audit, "--db", "dir", "--top", "0"},
       "facet-audit: --top must be a whole number from 1 to 100000, not '0'; see facet-audit "
       "--help\n"},
  };
  const TempDir dir;
  for (const Case& c : cases) {
    CAPTURE(c.argv);
    std::vector<std::string> argv = c.argv;
    for (std::string& arg : argv) {
      if (arg == "dir") arg = (dir.path() / "archive").string();
    }
    const ProcessResult result = run_process(argv);
    CHECK(result.signal == 0);
    CHECK(result.exit_code == 2);
    CHECK(result.err == c.err);
    CHECK(result.out.empty());
  }
}

TEST_CASE("a tool that fails says why in one line, with exit status 1", "[cli][tools]") {
  const TempDir dir;
  const std::string absent = (dir.path() / "absent").string();
  const ProcessResult result = run_process({k_index_dump, absent});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Matchers::StartsWith("index-dump: "));
  CHECK_THAT(result.err, Catch::Matchers::Contains("DatabaseNotFoundError"));
}

namespace {

// An index of `inputs` in `dir`/index, made by dateline-index.
std::string index_of(const TempDir& dir, const std::string& inputs) {
  std::string db = (dir.path() / "index").string();  // not const: returned by move
  const ProcessResult indexed = run_process({k_index_bin, "--quiet", "--db", db, inputs});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  return db;
}

Json run_json(const std::vector<std::string>& argv) {
  const ProcessResult result = run_process(argv);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return Json::parse(result.out);
}

// One article of Reuters-21578: its tags as the SGML writes them, its
// headline, and its body, or none for a headline alone.
struct ReutersItem {
  int newid;
  std::string places;
  std::string people;
  std::string title;
  std::string body;  // empty: a TYPE="BRIEF" item
};

// Six articles: two tagged reagan (one naming him in full), two tagged
// japan, one uk, one untagged naming Ronald Reagan, and a headline alone
// tagged reagan that names him in full, which the audit must leave out.
const ReutersItem k_small_reuters[] = {
    {1, "<D>usa</D><D>japan</D>", "<D>reagan</D>", "REAGAN URGES JAPAN TO OPEN MARKETS",
     "President Ronald Reagan said on Thursday that Japan must open its\n"
     "markets to American goods, and his spokesman said talks would go on."},
    {2, "<D>usa</D>", "<D>reagan</D>", "REAGAN SIGNS FARM BILL",
     "Reagan signed a farm bill on Friday that raises support prices for\n"
     "wheat and corn growers, the White House said."},
    {3, "<D>japan</D>", "", "TOKYO STOCKS CLOSE HIGHER",
     "Share prices in Japan closed higher on Friday as exporters gained on a\n"
     "weaker yen, dealers in Tokyo said."},
    {4, "<D>uk</D>", "", "BRITISH RETAIL SALES RISE",
     "Retail sales in the United Kingdom rose 1.2 pct in January, the\n"
     "Department of Trade and Industry said in London."},
    {5, "", "", "HISTORIAN PUBLISHES BIOGRAPHY",
     "A new biography of Ronald Reagan was published on Monday by a New\n"
     "York house, its editor said."},
    {6, "<D>usa</D>", "<D>reagan</D>", "RONALD REAGAN TO VISIT JAPAN", ""},
};

// k_small_reuters as one .sgm file's content.
std::string small_reuters_archive() {
  std::ostringstream out;
  out << "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";
  for (const ReutersItem& item : k_small_reuters) {
    out << "<REUTERS TOPICS=\"NO\" LEWISSPLIT=\"TRAIN\" NEWID=\"" << item.newid << "\">\n"
        << "<DATE> 5-MAR-1987 09:1" << item.newid << ":00.00</DATE>\n"
        << "<TOPICS></TOPICS>\n<PLACES>" << item.places << "</PLACES>\n<PEOPLE>" << item.people
        << "</PEOPLE>\n<ORGS></ORGS>\n<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
        << (item.body.empty() ? "<TEXT TYPE=\"BRIEF\">&#2;\n" : "<TEXT>&#2;\n") << "<TITLE>"
        << item.title << "</TITLE>\n";
    if (!item.body.empty()) out << "<BODY>" << item.body << "\n Reuter\n&#3;</BODY>";
    out << "</TEXT>\n</REUTERS>\n";
  }
  return out.str();
}

// The line of `text` that follows the line `heading`; empty if none.
std::string line_after(const std::string& text, const std::string& heading) {
  const std::size_t start = text.find("\n" + heading + "\n");
  if (start == std::string::npos) return {};
  const std::size_t line = start + heading.size() + 2;
  return text.substr(line, text.find('\n', line) - line);
}

}  // namespace

TEST_CASE("facet-audit lists the archive's facets as dateline-search counts them",
          "[tools][facet-audit]") {
  const TempDir dir;
  const std::string db = index_of(dir, k_corpus);
  const Json search = run_json({k_search_bin, "--db", db, "--json", "--limit", "0", "--facets",
                                "person,location,organization,misc", "--facet-limit", "7", "*"});
  const Json audit = run_json({k_facet_audit, "--db", db, "--json", "--top", "7"});
  CHECK(audit["index"] == db);
  CHECK(audit["articles"] == search["articles"]);
  CHECK(audit["articles"].get<int>() > 50);
  CHECK_FALSE(audit.contains("reuters"));
  for (const std::string kind : {"person", "location", "organization", "misc"}) {
    CAPTURE(kind);
    REQUIRE_FALSE(search["facets"][kind].empty());
    CHECK(audit["facets"][kind] == search["facets"][kind]);
  }

  // The text: a block per facet, ranked, each value with its count.
  const ProcessResult text = run_process({k_facet_audit, "--db", db, "--top", "3"});
  REQUIRE(text.exit_code == 0);
  const Json& top_person = search["facets"]["person"][0];
  const std::string first = line_after(text.out, "person");
  CHECK_THAT(first,
             Catch::Matchers::StartsWith("    1  " + top_person["value"].get<std::string>()) &&
                 Catch::Matchers::EndsWith(" " + std::to_string(top_person["count"].get<int>())));
  CHECK(line_after(text.out, "misc").starts_with("    1  "));
}

TEST_CASE("facet-audit holds filters against Reuters tags over articles with a body",
          "[tools][facet-audit]") {
  const TempDir dir;
  const std::filesystem::path reuters = dir.path() / "reuters";
  std::filesystem::create_directory(reuters);
  std::ofstream(reuters / "reut2-000.sgm") << small_reuters_archive();
  const std::string db = index_of(dir, reuters.string());
  const Json audit = run_json({k_facet_audit, "--db", db, "--json", "--reuters", reuters.string()});
  const Json& tags = audit["reuters"];
  CHECK(tags["articles"] == 5);
  CHECK(tags["without_body"] == 1);

  // reagan: the full name comes from the articles tagged reagan; the text
  // query finds the biography (untagged) and not the headline alone.
  const Json& people = tags["people"];
  CHECK(people["filter_field"] == "person");
  REQUIRE(people["tags"].size() == 1);
  const Json& reagan = people["tags"][0];
  CHECK(reagan["tag"] == "reagan");
  CHECK(reagan["tagged"] == 2);
  CHECK(reagan["name"] == "Ronald Reagan");
  CHECK(reagan["filter"]["query"] == "person:\"Ronald Reagan\"");
  CHECK(reagan["text"] == Json({{"query", "\"Ronald Reagan\""},
                                {"matches", 2},
                                {"found", 1},
                                {"recall", 0.5},
                                {"precision", 0.5}}));
  CHECK(people["averages"]["text"]["min_recall"] == 0.5);

  // Places but usa, most tagged first, named as the tables name them.
  const Json& places = tags["places"];
  const std::string field = places["filter_field"];
  CHECK((field == "country" || field == "location"));
  REQUIRE(places["tags"].size() == 2);
  const Json& japan = places["tags"][0];
  CHECK(japan["tag"] == "japan");
  CHECK(japan["tagged"] == 2);
  CHECK(japan["filter"]["query"] == field + ":\"Japan\"");
  CHECK(japan["text"]["matches"] == 2);
  CHECK(japan["text"]["recall"] == 1.0);
  const Json& uk = places["tags"][1];
  CHECK(uk["tag"] == "uk");
  CHECK(uk["name"] == "United Kingdom");
  CHECK(uk["text"]["found"] == 1);
  CHECK(places["averages"]["text"]["mean_recall"] == 1.0);
  for (const Json& row : {reagan, japan, uk}) {
    CAPTURE(row.dump());
    CHECK(row["filter"]["found"] <= row["filter"]["matches"]);
    CHECK(row["filter"]["found"] <= row["tagged"]);
  }

  // The text output names the queries it ran.
  const ProcessResult text =
      run_process({k_facet_audit, "--db", db, "--reuters", reuters.string()});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Matchers::Contains("filter: person:\"NAME\"") &&
                           Catch::Matchers::Contains("filter: " + field + ":\"NAME\""));
}

TEST_CASE("facet-audit names the index or the directory it cannot use", "[tools][facet-audit]") {
  const TempDir dir;
  const std::string absent = (dir.path() / "absent").string();
  const ProcessResult no_index = run_process({k_facet_audit, "--db", absent});
  CHECK(no_index.exit_code == 1);
  CHECK_THAT(no_index.err, Catch::Matchers::StartsWith("facet-audit: ") &&
                               Catch::Matchers::Contains("'" + absent + "'"));
  CHECK(no_index.out.empty());

  // An index that was not built from the directory: nothing to compare.
  const std::string db = index_of(dir, k_corpus + "/misc");
  const std::filesystem::path reuters = dir.path() / "reuters";
  std::filesystem::create_directory(reuters);
  std::ofstream(reuters / "reut2-000.sgm") << small_reuters_archive();
  const ProcessResult other =
      run_process({k_facet_audit, "--db", db, "--reuters", reuters.string()});
  CHECK(other.exit_code == 1);
  CHECK_THAT(other.err, Catch::Matchers::Contains("no article of the index") &&
                            Catch::Matchers::Contains(reuters.string()));
  const ProcessResult none = run_process({k_facet_audit, "--db", db, "--reuters", absent});
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.err, Catch::Matchers::Contains("'" + absent + "'"));
}

}  // namespace dateline::test

// What dateline-index says of the files it meets, end to end: every file it
// skips is listed with its path and reason and counted by reason and
// extension, documentation left in an archive folder is not taken for an
// article, a file with invalid UTF-8 is named, and character references
// in scraped text are decoded before anything is indexed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/process.hpp"

namespace dateline::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// An archive folder as users have them: articles, and what else lands in
// such a folder.
void write_mixed_archive(const fs::path& root) {
  write_file(root / "2024/03/summit.txt",
             "Date: 2024-03-14\n\nLeaders meet in Geneva for the climate summit\n\n"
             "Prime Minister Tony Blair&#8217;s envoy met Jean Pap&#233; in Geneva on "
             "Thursday.\n\nThe talks, held at the Palais des Nations, ran late &amp; ended "
             "without a statement.\n");
  write_file(root / "2024/03/harbour.txt",
             "Date: 2024-03-15\n\nFishermen protest the new harbour fees in Marseille\n\n"
             "Fishermen blocked the port of Marseille on Friday over the fees.\n");
  // Latin-1 bytes where UTF-8 belongs.
  write_file(root / "2024/03/latin.txt",
             "Date: 2024-03-16\n\nCaf\xe9 owners protest new rules in Lyon\n\n"
             "The caf\xe9 owners of Lyon met on Monday.\n");
  // A spreadsheet's export of two articles, and a table that holds none.
  write_file(root / "2024/export.csv",
             "title,date,text\r\n"
             "\"Vineyards in Porto count, then sell\",2024-03-17,\"Growers met on Sunday.\r\n\r\n"
             "They said \"\"enough\"\".\"\r\n"
             "Rain returns to the Douro valley,2024-03-18,The river rose overnight.\r\n");
  write_file(root / "2024/stats.csv", "year,gdp\n2020,1.2\n");
  // A saved news feed of one item.
  write_file(root / "2024/feed.rss",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Delta Wire</title>"
             "<item><title>Lock gates close on the Rhine</title>"
             "<description>&lt;p&gt;Barges waited at Duisburg.&lt;/p&gt;</description>"
             "<pubDate>Tue, 19 Mar 2024 06:00:00 GMT</pubDate></item></channel></rss>\n");
  write_file(root / "README.md", "# My archive\n\nScraped in March from three sites.\n");
  write_file(root / "LICENSE", "Copyright the authors. All rights reserved, more or less.\n");
  write_file(root / "2024/COPYING.txt", "You may copy these notes freely, said the archivist.\n");
  // A gzip file cut off inside its header: damage, and nothing left.
  write_file(root / "2024/03/page.html.gz", std::string("\x1f\x8b\x08\x00", 4));
  write_file(root / "2024/03/photo.jpg", std::string("\xff\xd8\xff\xe0", 4));
  write_file(root / "2024/03/empty.txt", "");
}

}  // namespace

TEST_CASE("every skipped file is listed with its reason and counted by extension",
          "[e2e][report]") {
  TempDir dir;
  write_mixed_archive(dir.path() / "archive");
  const std::string archive = (dir.path() / "archive").string();
  const ProcessResult r = run_process(
      {k_index_bin, "--json", "--no-entities", "--db", (dir.path() / "db").string(), archive});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Json summary = Json::parse(r.out);
  CHECK(summary["indexed"] == 6);
  std::map<std::string, std::string> reasons;  // file name -> reason
  for (const Json& problem : summary["problems"]) {
    reasons[fs::path(problem["path"].get<std::string>()).filename().string()] = problem["reason"];
  }
  const std::string documentation = "documentation file, not an article";
  CHECK(reasons["README.md"] == documentation);
  CHECK(reasons["LICENSE"] == documentation);
  CHECK(reasons["COPYING.txt"] == documentation);
  CHECK(reasons["page.html.gz"] == "empty file");
  CHECK(reasons["photo.jpg"] == "unsupported file type");
  CHECK(reasons["empty.txt"] == "empty file");
  CHECK(reasons["stats.csv"] == "no title or body column (the header names: year, gdp)");
  CHECK(reasons.count("export.csv") == 0);
  CHECK(reasons["latin.txt"] == "read as Windows-1252 (not UTF-8)");
  CHECK(summary["encodings"] == Json({{"Windows-1252", 1}}));
  CHECK(summary["skipped"]["unsupported file type"] == 1);
  CHECK(summary["skipped"]["empty file"] == 2);
  const auto damage =
      std::find_if(summary["problems"].begin(), summary["problems"].end(), [](const Json& p) {
        return p["reason"] == "byte 0: truncated gzip member: the file ends inside it";
      });
  CHECK(damage != summary["problems"].end());
  CHECK(summary["skipped"][documentation] == 3);
  CHECK(summary["skipped_by_extension"]["unsupported file type"] == Json({{".jpg", 1}}));
  CHECK(summary["skipped_by_extension"]["empty file"] == Json({{".html.gz", 1}, {".txt", 1}}));
  CHECK(summary["skipped_by_extension"][documentation] ==
        Json({{".md", 1}, {"no extension", 1}, {".txt", 1}}));

  // The export's rows are articles, with their dates and paragraphs.
  const std::string db = (dir.path() / "db").string();
  const ProcessResult found = run_process({k_search_bin, "--db", db, "--json", "title:vineyards"});
  REQUIRE(found.exit_code == 0);
  const Json hits = Json::parse(found.out);
  REQUIRE(hits["total"] == 1);
  CHECK(hits["results"][0]["title"] == "Vineyards in Porto count, then sell");
  CHECK(hits["results"][0]["date"] == "2024-03-17");
  const ProcessResult shown = run_process(
      {k_search_bin, "--db", db, "--json", "--show", hits["results"][0]["id"].get<std::string>()});
  REQUIRE(shown.exit_code == 0);
  CHECK(Json::parse(shown.out)["body"] == "Growers met on Sunday.\n\nThey said \"enough\".");
  // The feed's item, its markup rendered.
  const Json feed =
      Json::parse(run_process({k_search_bin, "--db", db, "--json", "title:rhine"}).out);
  REQUIRE(feed["total"] == 1);
  CHECK(feed["results"][0]["date"] == "2024-03-19");
  CHECK(feed["results"][0]["source"] == "Delta Wire");
  const Json item = Json::parse(run_process({k_search_bin, "--db", db, "--json", "--show",
                                             feed["results"][0]["id"].get<std::string>()})
                                    .out);
  CHECK(item["body"] == "Barges waited at Duisburg.");
  // On a terminal's summary line: the same, by reason and extension, and
  // the file read as Windows-1252 named on stderr and counted.
  const ProcessResult text = run_process(
      {k_index_bin, "--no-entities", "--rebuild", "--db", (dir.path() / "db").string(), archive});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("1 unsupported file type: 1 .jpg") != std::string::npos);
  CHECK(text.out.find("2 empty file: 1 .html.gz, 1 .txt") != std::string::npos);
  CHECK(text.out.find("3 documentation file, not an article") != std::string::npos);
  CHECK(text.err.find("latin.txt: read as Windows-1252 (not UTF-8)") != std::string::npos);
  CHECK(text.out.find("; 1 file read as Windows-1252;") != std::string::npos);
}

TEST_CASE("character references in scraped text are decoded before indexing", "[e2e][report]") {
  TempDir dir;
  write_mixed_archive(dir.path() / "archive");
  const std::string db = (dir.path() / "db").string();
  const ProcessResult indexed =
      run_process({k_index_bin, "--quiet", "--db", db, (dir.path() / "archive").string()});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  const ProcessResult found =
      run_process({k_search_bin, "--db", db, "--json", "--facets", "person", "Papé"});
  INFO(found.err);
  REQUIRE(found.exit_code == 0);
  const Json result = Json::parse(found.out);
  REQUIRE(result["total"] == 1);
  const std::string snippet = result["results"][0]["snippet"];
  CHECK(snippet.find("&#") == std::string::npos);
  CHECK(snippet.find("&amp;") == std::string::npos);
  // No facet value carries a reference or its remains.
  bool blair = false;
  for (const Json& value : result["facets"]["person"]) {
    const std::string name = value["value"];
    CAPTURE(name);
    CHECK(name.find('&') == std::string::npos);
    CHECK(name.find("8217") == std::string::npos);
    if (name.find("Blair") != std::string::npos) blair = true;
  }
  CHECK(blair);
}

}  // namespace dateline::test

// Unit tests for indexer/index_summary.cpp: the run's summary as one line
// and as JSON.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "indexer/indexer.hpp"

namespace dateline {

TEST_CASE("the summary line says what a run did, and only what it did", "[indexer][summary]") {
  IndexSummary plain;
  plain.articles_indexed = 46;
  plain.files_indexed = 45;
  plain.seconds = 0.24;
  plain.documents_in_index = 46;

  IndexSummary busy = plain;
  busy.interrupted = true;
  busy.files_resumed = 3;
  busy.files_unchanged = 7;
  busy.files_removed = 2;
  busy.articles_removed = 5;
  busy.skipped_by_reason = {{"empty file", 1}, {"unsupported file type", 188}};
  busy.skipped_by_extension = {
      {"unsupported file type",
       {{".jpg", 1}, {".html.gz", 180}, {".png", 2}, {".css", 2}, {".js", 2}, {".pdf", 1}}}};
  busy.bad_entries = 4;
  busy.invalid_utf8 = 9;
  busy.untagged_languages = {{"fr", 3}, {"zh", 1}};
  busy.build_kept = true;

  IndexSummary dry = plain;
  dry.dry_run = true;

  struct Case {
    const IndexSummary& summary;
    const char* line;
  };
  const Case cases[] = {
      {plain, "indexed 46 articles from 45 files in 0.2 s; index holds 46 articles"},
      {busy,
       "interrupted; indexed 46 articles from 45 files in 0.2 s; resumed an interrupted build "
       "that had done 3 of the files; 7 unchanged files skipped; removed 5 articles of 2 "
       "deleted files; skipped 189 files (1 empty file; 188 unsupported file type: 180 "
       ".html.gz, 2 .css, 2 .js, 2 .png, 1 .jpg, ...); 4 bad entries skipped; 9 invalid UTF-8 "
       "sequences replaced; 4 articles in other languages than English (fr 3, zh 1) indexed "
       "without entities; the build so far is kept: run the same command again to finish "
       "it; index holds 46 articles"},
      {dry, "indexed 46 articles from 45 files in 0.2 s; dry run, nothing written"},
  };
  for (const Case& c : cases) CHECK(c.summary.one_line() == c.line);
  CHECK(busy.files_skipped() == 189);
}

TEST_CASE("the summary as JSON has every count and every listed problem", "[indexer][summary]") {
  IndexSummary summary;
  summary.articles_indexed = 2;
  summary.skipped_by_reason = {{"empty file", 1}};
  summary.skipped_by_extension = {{"empty file", {{".txt", 1}}}};
  summary.problems = {{"/a/empty.txt", 0, "empty file"}, {"/a/feed.jsonl", 3, "bad \xff line"}};
  summary.phases = {{"index", 2.5, true}, {"model", 0.5, false}, {"compact", 1.0, true}};
  summary.serial_seconds = 1.25;
  summary.untagged_languages = {{"fr", 3}, {"zh", 1}};
  summary.files_by_encoding = {{"Windows-1252", 2}};
  const nlohmann::json json = nlohmann::json::parse(summary.to_json());
  for (const char* key :
       {"indexed",         "files_indexed",    "unchanged",   "resumed_files",
        "removed_files",   "removed_articles", "skipped",     "skipped_by_extension",
        "bad_entries",     "invalid_utf8",     "encodings",   "untagged_languages",
        "records_skipped", "problems",         "seconds",     "serial_seconds",
        "phases",          "documents",        "interrupted", "build_kept",
        "dry_run"}) {
    INFO(key);
    CHECK(json.contains(key));
  }
  CHECK(json.size() == 21);
  CHECK(json["serial_seconds"] == 1.25);
  CHECK(json["encodings"]["Windows-1252"] == 2);
  REQUIRE(json["phases"].size() == 3);
  CHECK(json["phases"][1]["phase"] == "model");
  CHECK(json["phases"][1]["seconds"] == 0.5);
  CHECK(json["phases"][1]["beside"] == true);
  CHECK(json["phases"][2]["beside"] == false);
  CHECK(json["indexed"] == 2);
  CHECK(json["untagged_languages"]["fr"] == 3);
  CHECK(json["skipped"]["empty file"] == 1);
  CHECK(json["skipped_by_extension"]["empty file"][".txt"] == 1);
  CHECK(json["problems"][1]["line"] == 3);
  CHECK(json["problems"][1]["reason"] == "bad \xef\xbf\xbd line");  // invalid UTF-8 replaced
}

}  // namespace dateline

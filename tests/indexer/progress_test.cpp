// Unit tests for indexer/progress.cpp: the run's tally of files, articles
// and problems, the lines it shows, and the progress display.
#include "indexer/progress.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>

#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

// How many times `part` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("times, extensions and the progress line read as a user expects", "[indexer][progress]") {
  CHECK(clock_text(0) == "0:00");
  CHECK(clock_text(42.4) == "0:42");
  CHECK(clock_text(59.6) == "1:00");
  CHECK(clock_text(3723) == "1:02:03");

  struct Case {
    const char* path;
    const char* label;
  };
  const Case cases[] = {
      {"/a/story.TXT", ".txt"},         {"/a/page.html.gz", ".html.gz"},
      {"/a/dump.tar.bz2", ".tar.bz2"},  {"/a/archive.verylongname.gz", ".gz"},  // not an extension
      {"/a/Makefile", "no extension"},  {"/a/.hidden", "no extension"},
      {"/a/v1.2/notes", "no extension"}};
  for (const Case& c : cases) {
    INFO(c.path);
    CHECK(extension_label(c.path) == c.label);
  }

  CHECK(progress_line({0, 0, 0, 0}, 0, 0) == "0/? files  0 articles  0 articles/s  0.0 MB/s");
  // Half the files in 10 s: as long again to go.
  CHECK(progress_line({28, 300, 5000000, 2}, 10, 56) ==
        "28/56 files  300 articles  30 articles/s  0.5 MB/s  ETA 0:10  2 problems");
  // A total counted before new files came: no ETA past it.
  CHECK(progress_line({60, 60, 0, 0}, 10, 56) ==
        "60/56 files  60 articles  6 articles/s  0.0 MB/s");
}

TEST_CASE("skipped files are counted by reason and extension, and shown if unexpected",
          "[indexer][progress]") {
  IndexParams params;
  std::ostringstream report;
  std::ostringstream listing;
  Progress progress(params, report, listing);
  progress.skip_file({"/a/photo.jpg", 0, std::string(k_reason_unsupported)});
  progress.skip_file({"/a/README", 0, std::string(k_reason_documentation)});
  progress.skip_file({"/a/empty.txt", 0, "empty file"});
  progress.skip_file({"/a/big.json", 0, "file too large (300 MB)"});
  progress.skip_file({"/a/locked.txt", 0, "cannot open: Permission denied"});
  progress.bad_entry({"/a/feed.jsonl", 7, "not a JSON object"});
  progress.note({"/a/latin.txt", 3, "2 invalid UTF-8 sequences replaced"});

  IndexSummary& summary = progress.summary();
  CHECK(summary.skipped_by_reason ==
        std::map<std::string, std::size_t>{{std::string(k_reason_unsupported), 1},
                                           {std::string(k_reason_documentation), 1},
                                           {"empty file", 1},
                                           {"file too large", 1},
                                           {"cannot open", 1}});
  CHECK(summary.skipped_by_extension["cannot open"] ==
        std::map<std::string, std::size_t>{{".txt", 1}});
  CHECK(summary.skipped_by_extension[std::string(k_reason_documentation)] ==
        std::map<std::string, std::size_t>{{"no extension", 1}});
  CHECK(summary.bad_entries == 1);
  CHECK(summary.problems.size() == 7);  // every one listed
  // Expected kinds (images, documentation) are counted, not shown a line each.
  CHECK(report.str() ==
        "/a/empty.txt: empty file\n"
        "/a/big.json: file too large (300 MB)\n"
        "/a/locked.txt: cannot open: Permission denied\n"
        "/a/feed.jsonl:7: not a JSON object\n"
        "/a/latin.txt:3: 2 invalid UTF-8 sequences replaced\n");
  const ProgressCounts counts = progress.counts();
  CHECK(counts.files_done == 5);
  CHECK(counts.problems == 6);

  // Quiet: listed and counted, not shown.
  params.verbosity = Verbosity::quiet;
  std::ostringstream quiet_report;
  Progress quiet(params, quiet_report, listing);
  quiet.skip_file({"/a/empty.txt", 0, "empty file"});
  quiet.bad_entry({"/a/feed.jsonl", 7, "not a JSON object"});
  CHECK(quiet_report.str().empty());
  CHECK(quiet.summary().problems.size() == 2);
}

TEST_CASE("at most k_max_listed_problems problems are listed, all are counted",
          "[indexer][progress]") {
  IndexParams params;
  params.verbosity = Verbosity::quiet;
  std::ostringstream report;
  Progress progress(params, report, report);
  for (std::size_t i = 0; i < IndexSummary::k_max_listed_problems + 5; ++i) {
    progress.bad_entry({"/a/feed.jsonl", i + 1, "not a JSON object"});
  }
  CHECK(progress.summary().problems.size() == IndexSummary::k_max_listed_problems);
  CHECK(progress.summary().bad_entries == IndexSummary::k_max_listed_problems + 5);
}

TEST_CASE("files the run already held are told apart by where they were found",
          "[indexer][progress]") {
  IndexParams params;
  std::ostringstream out;
  Progress progress(params, out, out);
  progress.mark_seen("XFa");
  progress.mark_seen("XFb");
  progress.mark_seen("XFc");
  progress.file_unchanged("XFa", FileOrigin::index);
  progress.file_unchanged("XFb", FileOrigin::resumed_build);
  progress.file_changed("XFc");
  CHECK(progress.seen_files() == std::unordered_set<std::string>{"XFa", "XFb", "XFc"});
  CHECK(progress.unchanged_files() == std::set<std::string>{"XFa", "XFb"});
  CHECK(progress.changed_files() == std::set<std::string>{"XFc"});
  CHECK(progress.summary().files_unchanged == 1);
  CHECK(progress.summary().files_resumed == 1);
  CHECK(progress.counts().files_done == 1);  // resumed files are not this run's
}

TEST_CASE("a live progress line is cleared before a problem is shown", "[indexer][progress]") {
  IndexParams params;
  params.progress = ProgressStyle::live_line;
  std::ostringstream report;
  std::ostringstream listing;
  Progress progress(params, report, listing);
  progress.show_progress("1/2 files");
  progress.bad_entry({"/a/feed.jsonl", 7, "not a JSON object"});
  progress.show_progress("2/2 files");
  progress.clear_progress();
  progress.clear_progress();  // nothing shown: nothing to clear
  CHECK(report.str() ==
        "\r\x1b[K1/2 files\r\x1b[K/a/feed.jsonl:7: not a JSON object\n"
        "\r\x1b[K2/2 files\r\x1b[K");

  params.progress = ProgressStyle::log_lines;
  std::ostringstream log;
  Progress logged(params, log, listing);
  logged.show_progress("1/2 files");
  logged.bad_entry({"/a/feed.jsonl", 7, "not a JSON object"});
  CHECK(log.str() == "1/2 files\n/a/feed.jsonl:7: not a JSON object\n");
}

TEST_CASE("articles are counted, and listed with their entities when asked",
          "[indexer][progress]") {
  Article article;
  article.id = "00000000000000ab";
  article.source_path = "/a/story.txt";
  article.title = "Kerry meets Lavrov";
  article.date = parse_date("2024-03-14");
  article.entities = {{EntityType::person, "John Kerry", 2, true, false},
                      {EntityType::location, "Geneva", 1, false, true}};
  IndexParams params;
  std::ostringstream report;
  std::ostringstream listing;
  Progress silent(params, report, listing);
  silent.article_done(article);
  CHECK(silent.counts().articles == 1);
  CHECK(listing.str().empty());

  params.list_entities = ListEntities::yes;
  Progress listed(params, report, listing);
  listed.article_done(article);
  const std::string line = listing.str();
  REQUIRE(occurrences(line, "\n") == 1);
  const nlohmann::json json = nlohmann::json::parse(line);
  CHECK(json["id"] == "00000000000000ab");
  CHECK(json["path"] == "/a/story.txt");
  CHECK(json["date"] == "2024-03-14");
  CHECK(json["entities"]["person"] ==
        nlohmann::json::parse(
            R"([{"value":"John Kerry","mentions":2,"in_title":true,"in_lead":false}])"));
  CHECK(json["entities"]["location"][0]["in_lead"] == true);
  CHECK(json["entities"]["organization"].empty());
  CHECK(json["entities"]["misc"].empty());
  article.date.reset();
  CHECK(nlohmann::json::parse(entities_json_line(article))["date"].is_null());
}

TEST_CASE("the progress display draws the files done of those the inputs hold",
          "[indexer][progress]") {
  const test::TempDir dir;
  for (int i = 0; i < 3; ++i) dir.write("story-" + std::to_string(i) + ".txt", "text");
  IndexParams params;
  params.inputs = {dir.path().string()};
  params.progress = ProgressStyle::live_line;
  std::ostringstream report;
  std::ostringstream listing;
  Progress progress(params, report, listing);
  progress.skip_file({(dir.path() / "story-0.txt").string(), 0, "empty file"});
  {
    ProgressDisplay display(params, progress);
    // The drawer redraws every 250 ms; the counting walk of three files is
    // done well before its second line.
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    display.finish();
    display.finish();  // once is enough
  }
  const std::string shown = report.str();
  CHECK_THAT(shown, Catch::Contains("\r\x1b[K1/3 files  0 articles") &&
                        Catch::Contains("1 problems") && Catch::EndsWith("\r\x1b[K"));

  // No display: nothing drawn, and finishing costs nothing.
  params.progress = ProgressStyle::none;
  std::ostringstream quiet;
  Progress untouched(params, quiet, listing);
  ProgressDisplay none(params, untouched);
  none.finish();
  CHECK(quiet.str().empty());
}

}  // namespace dateline

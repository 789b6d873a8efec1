// dateline-index never destroys what it did not create, end to end: a --db
// that names a folder of someone's files, an input, or a file that is not a
// stub is refused with every byte left as it was; two first builds of one
// index cannot spoil each other; a refused or failed run leaves nothing
// behind; and an interrupted first build keeps its work for the re-run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/index_state.hpp"
#include "tests/e2e/process.hpp"

namespace dateline::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace std::chrono_literals;

const std::string k_gen_corpus = DATELINE_GEN_CORPUS_BIN;

// Every file and directory below `root` with its bytes ("" for a
// directory): what must come out of a refused run unchanged.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> tree;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
    const std::string name = fs::relative(entry.path(), root).string();
    if (entry.is_directory()) {
      tree[name + "/"] = "";
    } else {
      std::ifstream in(entry.path(), std::ios::binary);
      tree[name] = std::string(std::istreambuf_iterator<char>(in), {});
    }
  }
  return tree;
}

// Someone's folder of notes: files, a subfolder, bytes that are not text.
void write_notes(const fs::path& dir) {
  fs::create_directories(dir / "drafts");
  std::ofstream(dir / "todo.md") << "- call the archive\n- renew the licence\n";
  std::ofstream(dir / "drafts" / "letter.txt") << "Dear editor,\n\nThank you.\n";
  std::ofstream(dir / "photo.jpg", std::ios::binary) << std::string("\xff\xd8\xff\xe0\0\x10", 6);
}

// A few articles of our own, in a folder.
void write_articles(const fs::path& dir, int count) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    std::ofstream(dir / ("story-" + std::to_string(i) + ".txt"))
        << "Date: 2024-05-0" << (i % 9 + 1) << "\n\nHeadline number " << i
        << " about the okapi census\n\nThe okapi count rose near river " << i << ".\n";
  }
}

std::size_t lines_in(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// The summary of a run with --json (the last line of its stdout).
Json summary_of(const ProcessResult& run) {
  std::string out = run.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  const std::size_t start = out.rfind('\n');
  return Json::parse(start == std::string::npos ? out : out.substr(start + 1));
}

// A run refused with one line that says `why`, exit status 1.
void check_refused(const ProcessResult& run, const std::string& why) {
  INFO(run.err);
  CHECK(run.exit_code == 1);
  CHECK(lines_in(run.err) == 1);
  CHECK(run.err.find(why) != std::string::npos);
}

}  // namespace

TEST_CASE("a --db naming a folder that is not an index is refused, every file left as it was",
          "[e2e][safety]") {
  TempDir dir;
  const fs::path notes = dir.path() / "notes";
  write_notes(notes);
  write_articles(dir.path() / "articles", 3);
  const auto before = snapshot(dir.path());
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{}, {"--rebuild"}, {"--shards", "2"}, {"--no-entities"}}) {
    INFO("flags: " << (flags.empty() ? "" : flags.front()));
    std::vector<std::string> argv = {k_index_bin, "--db", notes.string()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.push_back((dir.path() / "articles").string());
    const ProcessResult r = run_process(argv);
    check_refused(r, "'" + notes.string() + "' is a directory that is not a dateline index");
    // Byte for byte, and nothing added beside it (no lock, no build).
    CHECK(snapshot(dir.path()) == before);
  }
}

TEST_CASE("a new sharded index never writes into a folder that is not its own", "[e2e][safety]") {
  TempDir dir;
  // The shards of `--db news --shards 2` would go in news.shards/.
  write_notes(dir.path() / "news.shards");
  write_articles(dir.path() / "articles", 3);
  const auto before = snapshot(dir.path());
  const ProcessResult r =
      run_process({k_index_bin, "--db", (dir.path() / "news").string(), "--shards", "2",
                   "--no-entities", (dir.path() / "articles").string()});
  check_refused(r, "which is not a shard");
  CHECK(snapshot(dir.path()) == before);
}

TEST_CASE("a --db that is an input or lies inside one is refused", "[e2e][safety]") {
  TempDir dir;
  const fs::path archive = dir.path() / "news";
  write_articles(archive, 4);
  const auto before = snapshot(dir.path());
  struct Case {
    fs::path db;
    const char* expected;
  };
  const Case cases[] = {
      {archive, "is also an input"},
      {archive / "index", "lies inside the input"},
      {archive / "deeper" / "index", "lies inside the input"},
  };
  for (const Case& c : cases) {
    INFO(c.db);
    const ProcessResult r =
        run_process({k_index_bin, "--db", c.db.string(), "--no-entities", archive.string()});
    check_refused(r, c.expected);
    CHECK(snapshot(dir.path()) == before);
  }
}

TEST_CASE("a --db that is a file but not a shard stub is refused and kept", "[e2e][safety]") {
  TempDir dir;
  const fs::path file = dir.write("minutes.txt", "Minutes of the meeting\n\nNothing decided.\n");
  write_articles(dir.path() / "articles", 2);
  const auto before = snapshot(dir.path());
  for (const char* flag : {"--quiet", "--rebuild"}) {
    const ProcessResult r = run_process({k_index_bin, flag, "--db", file.string(), "--no-entities",
                                         (dir.path() / "articles").string()});
    check_refused(r, "not the stub of a sharded dateline index");
    CHECK(snapshot(dir.path()) == before);
  }
}

TEST_CASE("an empty directory may become an index", "[e2e][safety]") {
  TempDir dir;
  fs::create_directory(dir.path() / "index");
  write_articles(dir.path() / "articles", 5);
  const ProcessResult r =
      run_process({k_index_bin, "--db", (dir.path() / "index").string(), "--no-entities", "--json",
                   (dir.path() / "articles").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(summary_of(r)["documents"] == 5);
}

TEST_CASE("rebuilding replaces only a dateline index, and never a file put inside it",
          "[e2e][safety]") {
  TempDir dir;
  const std::string db = (dir.path() / "index").string();
  write_articles(dir.path() / "articles", 5);
  const std::string articles = (dir.path() / "articles").string();
  REQUIRE(run_process({k_index_bin, "--db", db, "--no-entities", articles}).exit_code == 0);
  std::ofstream(dir.path() / "index" / "NOTES.txt") << "who built this index, and why\n";
  const auto before = snapshot(dir.path());
  const ProcessResult refused =
      run_process({k_index_bin, "--db", db, "--no-entities", "--rebuild", articles});
  check_refused(refused, "holds 'NOTES.txt'");
  CHECK(snapshot(dir.path()) == before);
  // Updating in place leaves the file alone, and so is allowed.
  CHECK(run_process({k_index_bin, "--db", db, "--no-entities", articles}).exit_code == 0);
  CHECK(fs::exists(dir.path() / "index" / "NOTES.txt"));
}

TEST_CASE("two first builds of one index at once: the second is refused, the first finishes",
          "[e2e][safety]") {
  TempDir dir;
  const std::string archive = (dir.path() / "archive").string();
  REQUIRE(run_process({k_gen_corpus, "1500", archive, "--seed", "4"}).exit_code == 0);
  const std::string db = (dir.path() / "db").string();
  const fs::path lock_file = dir.path() / ".db.dateline-lock";
  // One worker, entities on: slow enough to still be running when the
  // second one starts.
  const std::vector<std::string> argv = {k_index_bin, "--quiet", "--jobs", "1",
                                         "--db",      db,        archive};
  const pid_t first = start_process(argv);
  // Under way: its work has begun beside the index.
  const fs::path build = dir.path() / ".db.dateline-build";
  for (int i = 0; i < 2000 && !fs::exists(build); ++i) std::this_thread::sleep_for(5ms);
  REQUIRE(fs::exists(build));
  int status = 0;
  REQUIRE(waitpid(first, &status, WNOHANG) == 0);  // still running
  const ProcessResult second = run_process(argv);
  check_refused(second, "dateline-index: index '" + db + "' is being written by another process\n");
  REQUIRE(waitpid(first, &status, 0) == first);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // The first one's index is whole: what a run on its own builds.
  const std::string alone = (dir.path() / "alone").string();
  REQUIRE(run_process({k_index_bin, "--quiet", "--db", alone, archive}).exit_code == 0);
  CHECK(whole_index_state(db) == whole_index_state(alone));
  CHECK_FALSE(fs::exists(lock_file));
  CHECK_FALSE(fs::exists(dir.path() / ".db.dateline-build"));
}

TEST_CASE("a refused or failed run leaves nothing behind", "[e2e][safety]") {
  TempDir dir;
  write_articles(dir.path() / "articles", 3);
  const std::string articles = (dir.path() / "articles").string();
  const std::string db = (dir.path() / "db").string();
  // A model that cannot be read fails the run while the workers read
  // ahead: its failure reaches them.
  const fs::path garbled = dir.path() / "garbled.model";
  std::ofstream(garbled) << "not a model\n";
  const auto before = snapshot(dir.path());
  struct Case {
    std::vector<std::string> flags;
    int exit_code;
  };
  const Case cases[] = {
      {{"--jobs", "-1"}, 2},
      {{"--batch-size", "-1"}, 2},
      {{"--ner-model", (dir.path() / "no-such.model").string()}, 1},
      {{"--ner-model", garbled.string()}, 1},
      {{"--language", "klingon"}, 1},
  };
  for (const Case& c : cases) {
    INFO(c.flags.front());
    std::vector<std::string> argv = {k_index_bin, "--db", db};
    argv.insert(argv.end(), c.flags.begin(), c.flags.end());
    argv.push_back(articles);
    const ProcessResult r = run_process(argv);
    CHECK(r.exit_code == c.exit_code);
    CHECK(lines_in(r.err) == 1);
    CHECK(snapshot(dir.path()) == before);
  }
}

TEST_CASE("an interrupted first build keeps its work, and the re-run does only the rest",
          "[e2e][safety]") {
  TempDir dir;
  const std::string archive = (dir.path() / "archive").string();
  REQUIRE(run_process({k_gen_corpus, "1500", archive, "--seed", "5"}).exit_code == 0);
  const std::string clean = (dir.path() / "clean").string();
  const ProcessResult clean_run =
      run_process({k_index_bin, "--json", "--batch-size", "50", "--db", clean, archive});
  REQUIRE(clean_run.exit_code == 0);
  const long total = summary_of(clean_run)["indexed"].get<long>();

  // Interrupt partway; on a busy machine the moment may miss the workers'
  // phase, so a few moments are tried until one lands in it.
  const std::string db = (dir.path() / "db").string();
  bool resumed = false;
  for (const double fraction : {0.5, 0.3, 0.7, 0.4, 0.6, 0.2}) {
    INFO("interrupted at " << fraction);
    fs::remove_all(db);
    const pid_t pid =
        start_process({k_index_bin, "--quiet", "--batch-size", "50", "--db", db, archive});
    std::this_thread::sleep_for(std::chrono::duration<double>(fraction * clean_run.seconds));
    kill(pid, SIGINT);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) != 130) continue;  // it had finished
    // Nothing at the index's place yet; the work done kept beside it.
    CHECK_FALSE(fs::exists(db));
    CHECK(fs::exists(dir.path() / ".db.dateline-build" / "resume"));
    const ProcessResult rerun =
        run_process({k_index_bin, "--json", "--batch-size", "50", "--db", db, archive});
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    const Json summary = summary_of(rerun);
    CHECK(whole_index_state(db) == whole_index_state(clean));
    CHECK(summary["documents"] == summary_of(clean_run)["documents"]);
    CHECK_FALSE(fs::exists(dir.path() / ".db.dateline-build"));
    CHECK_FALSE(fs::exists(dir.path() / ".db.dateline-lock"));
    if (summary.value("resumed_files", 0L) > 0 && summary["indexed"].get<long>() > 0) {
      CHECK(summary["indexed"].get<long>() < total);  // only the rest
      resumed = true;
      break;
    }
  }
  CHECK(resumed);
}

TEST_CASE("an interrupted --rebuild leaves the old index searchable", "[e2e][safety]") {
  TempDir dir;
  const std::string archive = (dir.path() / "archive").string();
  REQUIRE(run_process({k_gen_corpus, "1500", archive, "--seed", "6"}).exit_code == 0);
  const std::string db = (dir.path() / "db").string();
  const ProcessResult first = run_process({k_index_bin, "--quiet", "--db", db, archive});
  REQUIRE(first.exit_code == 0);
  const Json before = whole_index_state(db);
  const pid_t pid = start_process({k_index_bin, "--quiet", "--rebuild", "--db", db, archive});
  std::this_thread::sleep_for(std::chrono::duration<double>(0.4 * first.seconds));
  kill(pid, SIGINT);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(whole_index_state(db) == before);
  const ProcessResult rerun =
      run_process({k_index_bin, "--quiet", "--rebuild", "--db", db, archive});
  REQUIRE(rerun.exit_code == 0);
  CHECK(whole_index_state(db) == before);
}

}  // namespace dateline::test

// Fault injection for dateline-index: killed with SIGKILL at random moments,
// and writing to a disk that fills up. After each fault the index must
// pass xapian-check and open, and a re-run must reach what a clean run
// reaches.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/index_state.hpp"
#include "tests/e2e/mounts.hpp"
#include "tests/e2e/process.hpp"

namespace dateline::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string k_gen_corpus = DATELINE_GEN_CORPUS_BIN;
const std::string k_xapian_check = "/usr/bin/xapian-check";

// What must come out the same after a fault and a re-run as after a clean
// run: the number of articles and stories, and every facet's counts.
struct IndexState {
  long documents = -1;  // from the indexer's summary
  Json articles;        // matching articles, stories, and the facets' values and counts

  bool operator==(const IndexState&) const = default;
};

IndexState state_of(const std::string& db, long documents) {
  return {documents, whole_index_state(db)};
}

long documents_held(const ProcessResult& run) {
  const std::string marker = "index holds ";
  const std::size_t at = run.out.find(marker);
  return at == std::string::npos ? -1 : std::stol(run.out.substr(at + marker.size()));
}

// Indexes `inputs` into `db` to completion, entities on.
ProcessResult index(const std::string& db, const std::vector<std::string>& inputs) {
  std::vector<std::string> argv = {k_index_bin, "--quiet", "--batch-size", "20", "--db", db};
  argv.insert(argv.end(), inputs.begin(), inputs.end());
  return run_process(argv);
}

void check_index(const std::string& db) {
  const ProcessResult check = run_process({k_xapian_check, db});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

// The seed: $DATELINE_FAULT_SEED to repeat a run, else a fresh one.
std::uint64_t fault_seed() {
  if (const char* given = std::getenv("DATELINE_FAULT_SEED")) return std::stoull(given);
  return std::random_device{}();
}

}  // namespace

TEST_CASE(
    "killed with SIGKILL at 20 random moments, the index checks clean and a re-run completes it",
    "[e2e][crash]") {
  const std::uint64_t seed = fault_seed();
  // Printed (not only on failure) so that a crash of the test itself can be
  // repeated too.
  std::cout << "kill moments from seed " << seed << " (DATELINE_FAULT_SEED=" << seed
            << " repeats them)" << std::endl;
  INFO("DATELINE_FAULT_SEED=" << seed);
  std::mt19937_64 random(seed);

  TempDir dir;
  // Two generated archives: `first` alone is the index an update starts
  // from; both are what every run indexes. Entities on, so facets count.
  const std::string first = (dir.path() / "first").string();
  const std::string second = (dir.path() / "second").string();
  REQUIRE(run_process({k_gen_corpus, "120", first, "--seed", "1"}).exit_code == 0);
  REQUIRE(run_process({k_gen_corpus, "120", second, "--seed", "2"}).exit_code == 0);
  const std::vector<std::string> inputs = {first, second};

  // Clean runs: a fresh build of both, and an update of `first`'s index
  // with both. They also time a run, which scales the kill moments.
  const std::string clean = (dir.path() / "clean").string();
  const ProcessResult clean_run = index(clean, inputs);
  INFO(clean_run.err);
  REQUIRE(clean_run.exit_code == 0);
  const IndexState expected = state_of(clean, documents_held(clean_run));
  REQUIRE(expected.documents > 200);
  const std::string base = (dir.path() / "base").string();
  REQUIRE(index(base, {first}).exit_code == 0);
  const std::string updated = (dir.path() / "updated").string();
  fs::copy(base, updated, fs::copy_options::recursive);
  const ProcessResult update_run = index(updated, inputs);
  REQUIRE(update_run.exit_code == 0);
  CHECK(state_of(updated, documents_held(update_run)) == expected);

  const std::string db = (dir.path() / "db").string();
  for (int round = 0; round < 20; ++round) {
    // Even rounds kill a fresh build (shards, merge, renames), odd ones an
    // update of `first`'s index (commits of the single writer).
    const bool fresh = round % 2 == 0;
    const double run_seconds = fresh ? clean_run.seconds : update_run.seconds;
    const auto delay = std::chrono::microseconds(static_cast<long>(
        std::uniform_real_distribution<double>(0, 1.2 * run_seconds)(random) * 1e6));
    INFO("round " << round << (fresh ? ", fresh build" : ", update") << ", killed after "
                  << delay.count() / 1000 << " ms");
    fs::remove_all(db);
    if (!fresh) fs::copy(base, db, fs::copy_options::recursive);

    std::vector<std::string> argv = {k_index_bin, "--quiet", "--batch-size", "20", "--db", db};
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    const pid_t pid = start_process(argv);
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);

    // Whatever was left checks clean (or is absent: between the two
    // renames that put a fresh build in place; a re-run creates it).
    if (fs::exists(db)) check_index(db);
    const ProcessResult rerun = index(db, inputs);
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    check_index(db);
    CHECK(state_of(db, documents_held(rerun)) == expected);
  }
}

// A full disk: a small tmpfs where the machine allows mounting one, else a
// file size limit (RLIMIT_FSIZE) on the indexer, which makes Xapian's
// writes fail the same way with EFBIG instead of ENOSPC.
TEST_CASE("a disk that fills up mid-run: a clear error, nothing left behind or lost",
          "[e2e][crash]") {
  TempDir dir;
  const std::string big = (dir.path() / "big").string();
  REQUIRE(run_process({k_gen_corpus, "600", big, "--seed", "3"}).exit_code == 0);
  const fs::path disk = dir.path() / "disk";
  fs::create_directories(disk);
  std::optional<Mount> small = Mount::tmpfs(disk, 3 << 20);
  if (!small) WARN("no tmpfs (" << last_mount_error() << "): a file size limit stands in");
  const std::string expected_error = small ? "No space left on device" : "File too large";
  // The cause, or (when Xapian gives up through std::terminate, which
  // indexer/main.cpp turns into this line) the indexer's own words for it.
  const auto names_cause = [&](const std::string& err) {
    return err.find(expected_error) != std::string::npos ||
           err.find("which could not recover (is the disk full?)") != std::string::npos;
  };
  // Xapian 1.4.22 leaks a few hundred bytes inside WritableDatabase::commit
  // when a write fails (LeakSanitizer, in the sanitizer build), so the runs
  // made to fail are the only ones without leak detection.
  const auto run_filling = [&](const std::vector<std::string>& argv) {
    const char* options = std::getenv("ASAN_OPTIONS");
    const std::string saved = options != nullptr ? options : "";
    setenv("ASAN_OPTIONS", (saved + (saved.empty() ? "" : ":") + "detect_leaks=0").c_str(), 1);
    ProcessResult r = small ? run_process(argv) : run_process_with_file_limit(512 << 10, argv);
    if (options != nullptr) {
      setenv("ASAN_OPTIONS", saved.c_str(), 1);
    } else {
      unsetenv("ASAN_OPTIONS");
    }
    return r;
  };

  SECTION("a fresh build") {
    const std::string db = (disk / "db").string();
    const ProcessResult r = run_filling({k_index_bin, "--quiet", "--db", db, big});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind("dateline-index: index '" + db + "': ", 0) == 0);
    CHECK(names_cause(r.err));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    // A failed run leaves nothing behind: no index (a new one is put in
    // place only when built), and neither the build's databases, which
    // would go on filling the disk, nor its lock file.
    CHECK_FALSE(fs::exists(db));
    CHECK(fs::is_empty(disk));
  }
  SECTION("an update") {
    const std::string db = (disk / "db").string();
    const ProcessResult first =
        run_process({k_index_bin, "--quiet", "--db", db, k_corpus + "/2024/03"});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    const long before = documents_held(first);
    REQUIRE(before > 0);
    const ProcessResult r =
        run_filling({k_index_bin, "--quiet", "--db", db, k_corpus + "/2024/03", big});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind("dateline-index: index '" + db + "': ", 0) == 0);
    CHECK(names_cause(r.err));
    // As at its last commit: everything it held, perhaps some new articles.
    check_index(db);
    const ProcessResult search =
        run_process({k_search_bin, "--db", db, "--json", "--no-collapse", "NOT qqqq"});
    INFO(search.err);
    REQUIRE(search.exit_code == 0);
    CHECK(Json::parse(search.out)["articles"].get<long>() >= before);
  }
}

}  // namespace dateline::test

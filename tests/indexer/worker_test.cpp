// Unit tests for indexer/worker.cpp: files cut into chunks, a file's
// chunks put back together for the update writer, and a worker's run in a
// dry run, an update and a fresh build.
#include "indexer/worker.hpp"

#include <xapian.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::vector<Article> numbered_articles(std::size_t count) {
  std::vector<Article> articles(count);
  for (std::size_t i = 0; i < count; ++i) articles[i].id = std::to_string(i);
  return articles;
}

std::vector<BuiltDocument> documents_named(std::vector<std::string> ids) {
  std::vector<BuiltDocument> documents;
  for (std::string& id : ids) documents.push_back({std::move(id), 0, {}, {}});
  return documents;
}

std::vector<std::string> id_terms_of(const FileUpdate& update) {
  std::vector<std::string> terms;
  for (const BuiltDocument& document : update.documents) terms.push_back(document.id_term);
  return terms;
}

// A text article whose headline is `title`.
std::string text_article(const std::string& title) {
  return title +
         "\n\nThe cocoa harvest in the Ivory Coast was larger than expected this "
         "season, traders said on Monday.\n";
}

// What the workers of a test share: the run's parameters, its tally and
// its queues, with the files given already listed.
class Rig {
 public:
  // `load_step`, when given, is the entity tools' loading (see
  // EntityTools); without, entities are off and loaded at once.
  Rig(Strategy strategy, const std::vector<fs::path>& paths, std::vector<std::string> known = {},
      const BuildDirectory* build = nullptr, std::function<void()> load_step = {})
      : entities(load_step ? EntityTools(clock, std::move(load_step)) : EntityTools(params, clock)),
        context{.params = params,
                .strategy = strategy,
                .language = "english",
                .shard_count = 1,
                .sharded = false,
                .boilerplate = boilerplate,
                .entities = entities,
                .clock = clock,
                .read_ahead_chunks = k_chunks_read_ahead_per_worker,
                .build = build,
                .known_databases = std::move(known),
                .progress = progress,
                .files = files,
                .chunks = chunks,
                .updates = updates} {
    for (const fs::path& path : paths) files.push(path);
    files.close();
  }

  // The updates the workers sent, by file term. REQUIRES: they are done.
  std::map<std::string, FileUpdate> sent_updates() {
    updates.close();
    std::map<std::string, FileUpdate> sent;
    while (std::optional<FileUpdate> update = updates.pop()) {
      sent[update->file_term] = std::move(*update);
    }
    return sent;
  }

  IndexParams params = [] {
    IndexParams p;
    p.entities = EntityMode::skip;
    return p;
  }();
  RunClock clock;
  const EntityTools entities;
  std::ostringstream report;
  Progress progress{params, report, report};
  BoilerplateSet boilerplate;
  WorkQueue<fs::path> files{1024};
  SharedWork<Chunk> chunks;
  WorkQueue<FileUpdate> updates{1024};
  WorkerContext context;
};

// The state a worker records of the file at `path`, as it is now.
schema::FileState state_of(const fs::path& path, const std::string& bytes) {
  schema::FileState state;
  state.size = fs::file_size(path);
  state.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       fs::last_write_time(path).time_since_epoch())
                       .count();
  state.content_hash = schema::content_hash(bytes);
  return state;
}

}  // namespace

TEST_CASE("a file's articles are cut into chunks of k_articles_per_chunk", "[indexer][worker]") {
  for (std::size_t count : {1, 64, 65, 130}) {
    INFO(count);
    const std::vector<Chunk> chunks = split_into_chunks(numbered_articles(count), "XFf", "state");
    REQUIRE(chunks.size() == (count + 63) / 64);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      CHECK(chunks[i].index == i);
      CHECK(chunks[i].file == chunks.front().file);  // one file
      CHECK(chunks[i].articles.size() == std::min<std::size_t>(64, count - i * 64));
      for (const Article& article : chunks[i].articles) ids.push_back(article.id);
    }
    CHECK(ids == [&] {
      std::vector<std::string> expected;
      for (const Article& article : numbered_articles(count)) expected.push_back(article.id);
      return expected;
    }());
    CHECK(chunks.front().file->term() == "XFf");
    CHECK(chunks.front().file->encoded_state() == "state");
  }
}

TEST_CASE("a file goes to the writer whole, in order, when its last chunk is built",
          "[indexer][worker]") {
  FileJob file("XFf", "state", 3);
  CHECK_FALSE(file.chunk_built(2, documents_named({"Q5"})).has_value());
  CHECK_FALSE(file.chunk_built(0, documents_named({"Q1", "Q2"})).has_value());
  const std::optional<FileUpdate> update = file.chunk_built(1, documents_named({"Q3", "Q4"}));
  REQUIRE(update.has_value());
  CHECK(update->file_term == "XFf");
  CHECK(id_terms_of(*update) == std::vector<std::string>{"Q1", "Q2", "Q3", "Q4", "Q5"});
}

TEST_CASE("a streamed file goes to the writer whole only once it is closed", "[indexer][worker]") {
  SECTION("its chunks built while it is read") {
    FileJob file("XFw", "state");
    CHECK(file.add_chunk() == 0);
    CHECK(file.add_chunk() == 1);
    CHECK_FALSE(file.chunk_built(1, documents_named({"Q3"})).has_value());
    CHECK_FALSE(file.chunk_built(0, documents_named({"Q1", "Q2"})).has_value());  // not closed
    CHECK(file.add_chunk() == 2);
    CHECK_FALSE(file.close().has_value());  // chunk 2 is not built
    const std::optional<FileUpdate> update = file.chunk_built(2, documents_named({"Q4"}));
    REQUIRE(update.has_value());
    CHECK(id_terms_of(*update) == std::vector<std::string>{"Q1", "Q2", "Q3", "Q4"});
  }
  SECTION("every chunk built before it is closed") {
    FileJob file("XFw", "state");
    file.add_chunk();
    CHECK_FALSE(file.chunk_built(0, documents_named({"Q1"})).has_value());
    const std::optional<FileUpdate> update = file.close();
    REQUIRE(update.has_value());
    CHECK(id_terms_of(*update) == std::vector<std::string>{"Q1"});
  }
}

TEST_CASE("a dry run's worker reads every file and reports what it skipped", "[indexer][worker]") {
  const TempDir dir;
  Rig rig(Strategy::dry_run, {dir.write("story.txt", text_article("Cocoa harvest beats forecasts")),
                              dir.write("photo.jpg", "\xff\xd8"), dir.write("empty.txt", "")});
  Worker worker(rig.context, 0);
  worker.run();
  const IndexSummary& summary = rig.progress.summary();
  CHECK(summary.articles_indexed == 1);
  CHECK(summary.files_indexed == 1);
  CHECK(summary.files_skipped() == 2);
  CHECK(summary.skipped_by_reason.count(std::string(k_reason_unsupported)) == 1);
  CHECK(worker.output().parts == 0);
  CHECK(rig.sent_updates().empty());
}

TEST_CASE("an update's worker skips unchanged files and sends changed ones whole",
          "[indexer][worker]") {
  const TempDir dir;
  const std::string same_text = text_article("Cocoa harvest beats forecasts");
  const fs::path same = dir.write("same.txt", same_text);
  const fs::path touched = dir.write("touched.txt", same_text);
  const fs::path changed = dir.write("changed.txt", text_article("Sugar prices fall again"));
  const fs::path emptied = dir.write("emptied.txt", "");
  const fs::path added = dir.write("added.txt", text_article("Coffee exports rise sharply"));
  // What the index recorded of them: two as they are (one touched since),
  // two as they were.
  const fs::path db = dir.path() / "index";
  {
    Xapian::WritableDatabase index(db.string(), Xapian::DB_CREATE);
    schema::FileState touched_state = state_of(touched, same_text);
    touched_state.mtime_ns -= 1000;
    schema::FileState old_state = state_of(changed, "an older text");
    old_state.size += 1;
    const std::pair<fs::path, schema::FileState> recorded[] = {{same, state_of(same, same_text)},
                                                               {touched, touched_state},
                                                               {changed, old_state},
                                                               {emptied, old_state}};
    for (const auto& [path, state] : recorded) {
      Xapian::Document document;
      document.add_boolean_term(schema::file_term(path.string()));
      document.add_value(schema::k_slot_file_state, schema::encode_file_state(state));
      index.add_document(document);
    }
    index.commit();
  }
  Rig rig(Strategy::update, {added, changed, emptied, same, touched}, {db.string()});
  Worker worker(rig.context, 0);
  worker.run();

  CHECK(rig.progress.summary().files_unchanged == 2);
  CHECK(
      rig.progress.unchanged_files() ==
      std::set<std::string>{schema::file_term(same.string()), schema::file_term(touched.string())});
  CHECK(rig.progress.changed_files() == std::set<std::string>{schema::file_term(emptied.string())});
  CHECK(rig.progress.seen_files().size() == 5);
  std::map<std::string, FileUpdate> sent = rig.sent_updates();
  CHECK(sent.size() == 3);
  CHECK(sent[schema::file_term(added.string())].documents.size() == 1);
  CHECK(sent[schema::file_term(changed.string())].documents.size() == 1);
  CHECK(sent[schema::file_term(emptied.string())].documents.empty());  // its articles go
  const BuiltDocument& document = sent[schema::file_term(changed.string())].documents.front();
  CHECK(schema::decode_file_state(document.document.get_value(schema::k_slot_file_state)) ==
        state_of(changed, text_article("Sugar prices fall again")));
  CHECK(std::find(document.words.begin(), document.words.end(), "sugar") != document.words.end());
}

TEST_CASE("a fresh build's worker writes its articles into its own part", "[indexer][worker]") {
  const TempDir dir;
  const BuildDirectory build(dir.path() / "index", {"english", 1, false, true, ""});
  Rig rig(Strategy::fresh,
          {dir.write("a.txt", text_article("Cocoa harvest beats forecasts")),
           dir.write("b.txt", text_article("Sugar prices fall again"))},
          {}, &build);
  Worker worker(rig.context, 2);
  worker.run();
  WorkerOutput output = worker.output();
  CHECK(output.parts == 1);
  CHECK(output.word_counts.size() > 0);  // held for the merge
  CHECK(Xapian::Database(build.part_database(2, 0, 0).string()).get_doccount() == 2);
  CHECK(rig.sent_updates().empty());
}

TEST_CASE("workers share the chunks of a large file", "[indexer][worker]") {
  const TempDir dir;
  std::string feed;
  for (int i = 0; i < 300; ++i) {
    feed +=
        R"({"title": "Story number )" + std::to_string(i) +
        R"( of the feed", "body": "Cocoa prices rose again today.", "url": "https://example.com/)" +
        std::to_string(i) + "\"}\n";
  }
  Rig rig(Strategy::dry_run, {dir.write("feed.jsonl", feed)});
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < 3; ++i) {
    threads.emplace_back([&rig, i] {
      Worker worker(rig.context, i);
      worker.run();
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(rig.progress.summary().articles_indexed == 300);
  CHECK(rig.progress.summary().files_indexed == 1);
  CHECK_FALSE(rig.chunks.try_pop().has_value());
}

TEST_CASE("a worker reads files ahead while the model loads and builds them once it is loaded",
          "[indexer][worker]") {
  const TempDir dir;
  std::promise<void> open_gate;
  const std::shared_future<void> gate = open_gate.get_future().share();
  Rig rig(Strategy::dry_run,
          {dir.write("a.txt", text_article("Cocoa harvest beats forecasts")),
           dir.write("b.txt", text_article("Sugar prices fall again")),
           dir.write("c.txt", text_article("Coffee exports rise sharply"))},
          {}, nullptr, [gate] { gate.wait(); });
  Worker worker(rig.context, 0);
  std::thread running([&] { worker.run(); });
  // While the gate is shut, every file is read and its chunk shared, and
  // none built: a build would wait for the model.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (rig.chunks.waiting() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(rig.chunks.waiting() == 3);
  CHECK_FALSE(rig.entities.loaded());
  open_gate.set_value();
  running.join();
  CHECK(rig.chunks.waiting() == 0);
  CHECK(rig.progress.summary().articles_indexed == 3);
}

TEST_CASE("a model that fails to load fails the worker that waits for it", "[indexer][worker]") {
  const TempDir dir;
  Rig rig(Strategy::dry_run, {dir.write("a.txt", text_article("Cocoa harvest beats forecasts"))},
          {}, nullptr, [] { throw Error("model.bin: not a dateline entity-tagger model"); });
  Worker worker(rig.context, 0);
  CHECK_THROWS_WITH(worker.run(), "model.bin: not a dateline entity-tagger model");
  CHECK(rig.progress.summary().articles_indexed == 0);
}

TEST_CASE("a stopping run's worker takes no new file", "[indexer][worker]") {
  const TempDir dir;
  Rig rig(Strategy::dry_run, {dir.write("a.txt", text_article("Cocoa harvest beats forecasts"))});
  const std::atomic<bool> stop{true};
  rig.params.stop = &stop;
  Worker worker(rig.context, 0);
  worker.run();
  CHECK(rig.progress.summary().articles_indexed == 0);
  CHECK_FALSE(rig.files.pop().has_value());  // drained all the same
}

}  // namespace dateline

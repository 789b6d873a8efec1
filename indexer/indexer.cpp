#include "indexer/indexer.hpp"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <future>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "common/error.hpp"
#include "common/ner/tagger.hpp"
#include "common/reader.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "indexer/boilerplate.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/duplicates.hpp"
#include "indexer/entity_extractor.hpp"
#include "indexer/fresh_build.hpp"
#include "indexer/index_location.hpp"
#include "indexer/spelling.hpp"
#include "indexer/walker.hpp"
#include "indexer/work_queue.hpp"

namespace dateline {

std::size_t IndexSummary::files_skipped() const {
  std::size_t total = 0;
  for (const auto& [reason, count] : skipped_by_reason) total += count;
  return total;
}

namespace {

// "181 unsupported file type: 180 .html.gz, 1 .jpg": a reason's files by
// extension, the most common first, at most five named.
std::string reason_with_extensions(const std::string& reason, std::size_t count,
                                   const std::map<std::string, std::size_t>& extensions) {
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& [extension, n] : extensions) ranked.emplace_back(n, extension);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string text = std::to_string(count) + " " + reason;
  constexpr std::size_t k_named = 5;
  for (std::size_t i = 0; i < ranked.size() && i < k_named; ++i) {
    text += (i == 0 ? ": " : ", ") + std::to_string(ranked[i].first) + " " + ranked[i].second;
  }
  if (ranked.size() > k_named) text += ", ...";
  return text;
}

}  // namespace

std::string IndexSummary::one_line() const {
  char seconds_text[32];
  std::snprintf(seconds_text, sizeof seconds_text, "%.1f", seconds);
  std::string line = std::string(interrupted ? "interrupted; " : "") + "indexed " +
                     std::to_string(articles_indexed) + " articles from " +
                     std::to_string(files_indexed) + " files in " + seconds_text + " s";
  if (files_resumed > 0) {
    line += "; resumed an interrupted build that had done " + std::to_string(files_resumed) +
            " of the files";
  }
  if (files_unchanged > 0)
    line += "; " + std::to_string(files_unchanged) + " unchanged files skipped";
  if (files_removed > 0) {
    line += "; removed " + std::to_string(articles_removed) + " articles of " +
            std::to_string(files_removed) + " deleted files";
  }
  if (files_skipped() > 0) {
    line += "; skipped " + std::to_string(files_skipped()) + " files (";
    bool first = true;
    for (const auto& [reason, count] : skipped_by_reason) {
      if (!first) line += "; ";
      first = false;
      const auto extensions = skipped_by_extension.find(reason);
      line += extensions == skipped_by_extension.end()
                  ? std::to_string(count) + " " + reason
                  : reason_with_extensions(reason, count, extensions->second);
    }
    line += ")";
  }
  if (bad_entries > 0) line += "; " + std::to_string(bad_entries) + " bad entries skipped";
  if (invalid_utf8 > 0)
    line += "; " + std::to_string(invalid_utf8) + " invalid UTF-8 sequences replaced";
  if (build_kept) line += "; the build so far is kept: run the same command again to finish it";
  if (dry_run) {
    line += "; dry run, nothing written";
  } else {
    line += "; index holds " + std::to_string(documents_in_index) + " articles";
  }
  return line;
}

std::string IndexSummary::to_json() const {
  nlohmann::json listed = nlohmann::json::array();
  for (const ReadProblem& p : problems) {
    listed.push_back({{"path", p.path}, {"line", p.line}, {"reason", p.reason}});
  }
  const nlohmann::json json = {
      {"indexed", articles_indexed},     {"files_indexed", files_indexed},
      {"unchanged", files_unchanged},    {"resumed_files", files_resumed},
      {"removed_files", files_removed},  {"removed_articles", articles_removed},
      {"skipped", skipped_by_reason},    {"skipped_by_extension", skipped_by_extension},
      {"bad_entries", bad_entries},      {"invalid_utf8", invalid_utf8},
      {"problems", std::move(listed)},   {"seconds", seconds},
      {"documents", documents_in_index}, {"interrupted", interrupted},
      {"build_kept", build_kept},        {"dry_run", dry_run}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

namespace fs = std::filesystem;

// Creates a new, empty database at `db_path` (which does not exist) beside
// it and renames it into place, so that a kill never leaves half of one
// there. REQUIRES: the index's lock is held (no one else creates it).
void create_in_one_step(const std::string& db_path) {
  const fs::path fresh = beside_index(db_path, ".dateline-new");
  std::error_code ec;
  fs::remove_all(fresh, ec);  // left by a run killed here
  Xapian::WritableDatabase(fresh.string(), Xapian::DB_CREATE).close();
  fs::rename(fresh, db_path);
}

// True when the database at `path` is a creation cut short, which may be
// created again (indexer/index_location.hpp).
bool unfinished(const std::string& path) {
  try {
    return inspect_index_path(path).kind == IndexPathKind::unfinished;
  } catch (const Error&) {
    return false;
  }
}

Xapian::WritableDatabase open_for_writing(const std::string& db_path, int flags) {
  try {
    std::error_code ec;
    if (flags != Xapian::DB_OPEN && !fs::exists(db_path, ec)) create_in_one_step(db_path);
    return Xapian::WritableDatabase(db_path, flags);
  } catch (const Xapian::DatabaseLockError& e) {
    // Xapian reports every failure to take the lock this way; only "already
    // locked" means another writer (a read-only file system is another).
    if (e.get_msg().ends_with(": already locked")) {
      throw Error("index '" + db_path + "' is being written by another process");
    }
    throw Error("cannot lock index '" + db_path + "' for writing: " + e.get_msg());
  } catch (const Xapian::DatabaseError& e) {
    if (unfinished(db_path)) {
      try {
        return Xapian::WritableDatabase(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
      } catch (const Xapian::DatabaseLockError&) {
        throw Error("index '" + db_path + "' is being written by another process");
      } catch (const Xapian::DatabaseError&) {
      }
    }
    throw Error("cannot open index '" + db_path + "' for writing: " + e.get_description());
  }
}

// The tagger and extractor an indexing run uses, when entities are on.
struct EntityTools {
  std::optional<ner::Tagger> tagger;
  std::optional<EntityExtractor> extractor;
};

void load_entity_tools(const IndexParams& params, EntityTools& tools) {
  if (params.entities == EntityMode::skip) return;
  std::filesystem::path model = params.ner_model;
  if (model.empty()) model = ner::default_model_path();
  if (model.empty()) {
    throw Error(
        "no entity model found; give one with --ner-model FILE, or index without "
        "entities with --no-entities");
  }
  tools.tagger.emplace(ner::Tagger::load(model));
  tools.extractor.emplace(*tools.tagger);
}

// One line of `--entities` output: the article and its entities by type.
std::string entities_json_line(const Article& article) {
  nlohmann::json by_type = nlohmann::json::object();
  for (EntityType type : k_entity_types) {
    by_type[std::string(type_name(type))] = nlohmann::json::array();
  }
  for (const ArticleEntity& entity : article.entities) {
    by_type[std::string(type_name(entity.type))].push_back({{"value", entity.value},
                                                            {"mentions", entity.mentions},
                                                            {"in_title", entity.in_title},
                                                            {"in_lead", entity.in_lead}});
  }
  const nlohmann::json line = {
      {"id", article.id},
      {"path", article.source_path},
      {"title", article.title},
      {"date", article.date ? nlohmann::json(article.date->iso()) : nlohmann::json(nullptr)},
      {"entities", std::move(by_type)}};
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// How an index is written.
//  - fresh: the index is new or empty. Each worker writes its own shard
//    database beside it; at the end the shards are merged with Xapian's
//    compactor into a new database that is renamed into place. Writing, the
//    bottleneck, runs on every core.
//  - update: the index holds articles. Workers build documents and one
//    writer replaces them in the index by id term, so re-runs never add
//    copies.
//  - dry_run: nothing is written.
enum class Strategy { fresh, update, dry_run };

// A built document on its way to the update writer.
struct BuiltDocument {
  std::string id_term;
  std::size_t shard = 0;  // of the index's databases, the one it belongs to
  Xapian::Document document;
  std::vector<std::string> words;  // its distinct words, for the spelling data
};

// A new or changed source file for the update writer: its old articles go,
// its new ones (possibly none) come in.
struct FileUpdate {
  std::string file_term;
  std::vector<BuiltDocument> documents;
};

// ".html.gz", ".jpg", or "no extension": how the summary groups skipped
// files. Lower case; a compressed file's inner extension is kept.
std::string extension_label(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return "no extension";
  static constexpr std::string_view k_compressed[] = {".gz", ".bz2", ".xz", ".zst", ".zip"};
  const std::string_view last = std::string_view(name).substr(dot);
  if (std::find(std::begin(k_compressed), std::end(k_compressed), last) != std::end(k_compressed)) {
    const std::size_t inner = name.rfind('.', dot - 1);
    if (inner != std::string::npos && inner > 0 && dot - inner <= 6) dot = inner;
  }
  return name.substr(dot);
}

// Where a run found a file it had seen before: in the index it updates, or
// in the parts of an interrupted build it resumes.
enum class FileOrigin { index, resumed_build };

// Everything the pipeline's threads share, behind one mutex.
class Progress {
 public:
  Progress(const IndexParams& params, std::ostream& report, std::ostream& listing)
      : m_params(params), m_report(report), m_listing(listing) {}

  void file_seen() {
    std::lock_guard lock(m_mutex);
    ++m_summary.files_seen;
  }
  // A whole file skipped; `problem` says why. Every one is listed in the
  // JSON summary and counted by reason and extension.
  void skip_file(const ReadProblem& problem) {
    std::lock_guard lock(m_mutex);
    const std::string reason =
        problem.reason.substr(0, problem.reason.find(" (")).substr(0, problem.reason.find(':'));
    ++m_summary.skipped_by_reason[reason];
    ++m_summary.skipped_by_extension[reason][extension_label(problem.path)];
    list(problem);
    // Files of other kinds (images, READMEs) are expected in an archive:
    // the terminal gets their counts by extension, not a line each.
    if (problem.reason != k_reason_unsupported && problem.reason != k_reason_documentation) {
      show(problem);
    }
  }
  // Something repaired in a file whose articles all count (invalid UTF-8
  // replaced): listed and shown, counted as nothing else.
  void note(const ReadProblem& problem) {
    std::lock_guard lock(m_mutex);
    list(problem);
    show(problem);
  }
  // A bad line or element inside a file whose other articles count.
  void bad_entry(const ReadProblem& problem) {
    std::lock_guard lock(m_mutex);
    ++m_summary.bad_entries;
    list(problem);
    show(problem);
  }
  // The file with `term` is as the index (or a resumed build) holds it.
  void file_unchanged(const std::string& term, FileOrigin origin) {
    std::lock_guard lock(m_mutex);
    ++(origin == FileOrigin::resumed_build ? m_summary.files_resumed : m_summary.files_unchanged);
    m_unchanged.insert(term);
  }
  // The file with `term`, which the index (or a resumed build) holds, has
  // changed or can no longer be read: its old articles go.
  void file_changed(const std::string& term) {
    std::lock_guard lock(m_mutex);
    m_changed.insert(term);
  }
  // Files found unchanged, and changed, by their terms. REQUIRES: the
  // workers are done.
  const std::set<std::string>& unchanged_files() const { return m_unchanged; }
  const std::set<std::string>& changed_files() const { return m_changed; }
  void bytes_read(std::uintmax_t bytes) {
    std::lock_guard lock(m_mutex);
    m_summary.bytes_read += bytes;
  }
  // Counters for the progress display.
  struct Snapshot {
    std::size_t files_done;
    std::size_t articles;
    std::uintmax_t bytes;
    std::size_t problems;
  };
  Snapshot snapshot() {
    std::lock_guard lock(m_mutex);
    return {m_summary.files_indexed + m_summary.files_unchanged + m_summary.files_skipped(),
            m_summary.articles_indexed, m_summary.bytes_read,
            m_summary.bad_entries + m_summary.files_skipped()};
  }
  // Draws `line` in place of the last progress line (live) or as a new line.
  void show_progress(const std::string& line) {
    std::lock_guard lock(m_mutex);
    if (m_params.progress == ProgressStyle::live_line) {
      m_report << "\r\x1b[K" << line << std::flush;
      m_line_shown = true;
    } else {
      m_report << line << '\n' << std::flush;
    }
  }
  void clear_progress() {
    std::lock_guard lock(m_mutex);
    clear_line();
  }
  void file_read(const ReadResult& result) {
    std::lock_guard lock(m_mutex);
    m_summary.invalid_utf8 += result.invalid_utf8;
    if (!result.articles.empty()) ++m_summary.files_indexed;
  }
  void article_done(const Article& article) {
    std::lock_guard lock(m_mutex);
    ++m_summary.articles_indexed;
    if (m_params.list_entities == ListEntities::yes) {
      m_listing << entities_json_line(article) << '\n';
    }
  }
  // Remembers that the file with `term` is still there (for updates).
  void mark_seen(const std::string& term) {
    std::lock_guard lock(m_mutex);
    m_seen.insert(term);
  }
  bool was_seen(const std::string& term) {
    std::lock_guard lock(m_mutex);
    return m_seen.count(term) > 0;
  }
  IndexSummary& summary() { return m_summary; }

 private:
  void list(const ReadProblem& problem) {
    if (m_summary.problems.size() < IndexSummary::k_max_listed_problems) {
      m_summary.problems.push_back(problem);
    }
  }
  void show(const ReadProblem& problem) {
    if (m_params.verbosity == Verbosity::quiet) return;
    clear_line();
    m_report << problem.to_string() << '\n';
  }
  void clear_line() {
    if (m_line_shown) m_report << "\r\x1b[K" << std::flush;
    m_line_shown = false;
  }

  const IndexParams& m_params;
  std::ostream& m_report;
  std::ostream& m_listing;
  std::mutex m_mutex;
  IndexSummary m_summary;
  std::unordered_set<std::string> m_seen;
  std::set<std::string> m_unchanged;
  std::set<std::string> m_changed;
  bool m_line_shown = false;
};

// "0:42" or "1:02:03".
std::string clock_text(double seconds) {
  const auto total = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (total >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", total / 60, total % 60);
  }
  return buf;
}

// The progress display: files done of the total (counted by a walk of its
// own, running ahead), articles/s, MB/s, ETA and problems, redrawn a few
// times a second on a terminal or logged every ten seconds otherwise.
class ProgressReporter {
 public:
  ProgressReporter(const IndexParams& params, Progress& progress) : m_progress(progress) {
    if (params.progress == ProgressStyle::none) return;
    m_interval = params.progress == ProgressStyle::live_line ? std::chrono::milliseconds(250)
                                                             : std::chrono::milliseconds(10000);
    m_counter = std::thread([this, inputs = params.inputs] {
      WalkCallbacks count;
      std::size_t files = 0;
      count.on_file = [&](const fs::path&) {
        if (!m_done.load()) ++files;
      };
      count.on_problem = [&](const ReadProblem&) { ++files; };
      try {
        walk_inputs(inputs, count);
        m_total.store(files);
      } catch (...) {
      }
    });
    m_drawer = std::thread([this] { draw_loop(); });
  }
  ~ProgressReporter() { finish(); }

  void finish() {
    if (!m_drawer.joinable()) return;
    {
      std::lock_guard lock(m_mutex);
      m_done.store(true);
    }
    m_wake.notify_all();
    m_drawer.join();
    m_counter.join();
    m_progress.clear_progress();
  }

 private:
  void draw_loop() {
    const auto started = std::chrono::steady_clock::now();
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_interval, [this] { return m_done.load(); })) {
      const Progress::Snapshot now = m_progress.snapshot();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const std::size_t total = m_total.load();
      char line[256];
      std::snprintf(line, sizeof line, "%zu/%s files  %zu articles  %.0f articles/s  %.1f MB/s",
                    now.files_done, total ? std::to_string(total).c_str() : "?", now.articles,
                    static_cast<double>(now.articles) / std::max(seconds, 1e-3),
                    static_cast<double>(now.bytes) / 1e6 / std::max(seconds, 1e-3));
      std::string text = line;
      if (total > 0 && now.files_done > 0 && now.files_done <= total) {
        const double left = seconds * static_cast<double>(total - now.files_done) /
                            static_cast<double>(now.files_done);
        text += "  ETA " + clock_text(left);
      }
      if (now.problems > 0) text += "  " + std::to_string(now.problems) + " problems";
      lock.unlock();
      m_progress.show_progress(text);
      lock.lock();
    }
  }

  Progress& m_progress;
  std::chrono::milliseconds m_interval{0};
  std::atomic<std::size_t> m_total{0};
  std::atomic<bool> m_done{false};
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::thread m_counter;
  std::thread m_drawer;
};

// Parses one file's bytes into articles, reporting its problems. Their
// entities are extracted later, chunk by chunk.
std::vector<Article> read_articles(FileKind kind, std::string_view bytes,
                                   const ReaderContext& context, Progress& progress) {
  ReadResult result = parse_content(kind, bytes, context);
  progress.file_read(result);
  if (result.invalid_utf8 > 0) progress.note(invalid_utf8_note(result, context.source_path));
  if (result.articles.empty()) {
    // The whole file is skipped: its first problem says why.
    if (result.problems.empty()) result.problems.push_back({context.source_path, 0, "no articles"});
    progress.skip_file(result.problems.front());
    for (std::size_t i = 1; i < result.problems.size(); ++i) progress.bad_entry(result.problems[i]);
    return {};
  }
  for (const ReadProblem& problem : result.problems) progress.bad_entry(problem);
  return std::move(result.articles);
}

// A file whose articles are being built, chunk by chunk, perhaps by several
// workers. An update's writer gets them all at once, in file order, when
// the last chunk is built, so that it replaces the file whole.
struct FileJob {
  std::string term;
  std::string encoded_state;
  std::mutex mutex;
  std::vector<std::vector<BuiltDocument>> built;  // per chunk
  std::size_t chunks_left = 0;
};

// Articles of one file, a chunk at most k_articles_per_chunk long.
struct Chunk {
  std::shared_ptr<FileJob> file;
  std::size_t index = 0;
  std::vector<Article> articles;
};
constexpr std::size_t k_articles_per_chunk = 64;

std::int64_t mtime_ns(const fs::path& path) {
  std::error_code ec;
  const auto time = fs::last_write_time(path, ec);
  if (ec) return 0;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

// What the index last recorded of the file with `term`, if anything.
// `db` is a worker's reader of the index the writer is committing to; when
// the revision it reads has been discarded, it moves to the latest one
// (which is as good: the writer only writes files already read).
std::optional<schema::FileState> recorded_state(Xapian::Database& db, const std::string& term) {
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::PostingIterator posting = db.postlist_begin(term);
      if (posting == db.postlist_end(term)) return std::nullopt;
      return schema::decode_file_state(
          db.get_document(*posting).get_value(schema::k_slot_file_state));
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 10) throw;
      db.reopen();
    }
  }
}

std::size_t worker_count(const IndexParams& params) {
  if (params.jobs > 0) return params.jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

// The index a run writes, opened under its lock: how it is written, where
// its databases are, and its language.
//  - update: `databases` are the index's own, open for writing (Xapian's
//    lock held), and `all` is them as one (deleting by term spans shards);
//    a sharded index's spelling database is `spelling`.
//  - fresh: `databases` are those already at the index's place (an empty
//    or old index), held open so that no other writer comes in and so that
//    a read-only one fails now rather than after the build; they are
//    closed before the merge replaces them.
struct OpenIndex {
  Strategy strategy = Strategy::dry_run;
  IndexTargets targets;
  bool sharded = false;
  std::vector<Xapian::WritableDatabase> databases;
  std::optional<Xapian::WritableDatabase> spelling;
  std::optional<Xapian::WritableDatabase> all;
  std::string language;
};

// The language of an existing index: --language if given, else its own.
std::string language_of(const IndexParams& params, const Xapian::Database& db) {
  if (!params.language.empty()) return params.language;
  const std::string stored = db.get_metadata(schema::k_meta_language);
  return stored.empty() ? "english" : stored;
}

// An index that holds articles is updated; an empty one, or any with
// --rebuild, is built afresh. Without --rebuild, an index of another
// schema or language is refused (stamp_database says how to proceed).
Strategy choose_strategy(const IndexParams& params, std::vector<Xapian::WritableDatabase>& dbs,
                         const std::string& language) {
  Xapian::doccount documents = 0;
  for (const Xapian::WritableDatabase& db : dbs) documents += db.get_doccount();
  if (params.rebuild == Rebuild::yes) return Strategy::fresh;
  for (Xapian::WritableDatabase& db : dbs) schema::stamp_database(db, language);
  return documents > 0 ? Strategy::update : Strategy::fresh;
}

// A new index: nothing at --db yet, an empty directory, or a database
// whose creation was cut short. With --shards, --db becomes the stub file,
// and its ".shards" directory must hold nothing but a killed run's shards.
void open_new_index(const IndexParams& params, const IndexPathState& state, OpenIndex& index) {
  index.strategy = Strategy::fresh;
  index.language = params.language.empty() ? "english" : params.language;
  if (params.shards == 0) {
    index.targets.shards = {params.db_path};
    return;
  }
  if (state.kind != IndexPathKind::missing) {
    throw Error("--db '" + params.db_path +
                "' is a directory, but --shards makes --db the stub file of a new sharded index: "
                "give a path that does not exist yet");
  }
  index.sharded = true;
  index.targets.stub = params.db_path;
  for (std::size_t i = 0; i < params.shards; ++i) {
    index.targets.shards.push_back(shards::shard_path(params.db_path, i));
  }
  index.targets.spelling = shards::spelling_path(params.db_path);
  const fs::path shard_dir = index.targets.spelling.parent_path();
  std::error_code ec;
  if (fs::exists(shard_dir, ec)) {
    if (!fs::is_directory(shard_dir, ec)) {
      throw Error("'" + shard_dir.string() + "', where the shards would go, is not a directory");
    }
    for (const fs::directory_entry& entry : fs::directory_iterator(shard_dir)) {
      const std::string name = entry.path().filename().string();
      if (name != "spelling" && !name.starts_with("shard-")) {
        throw Error("'" + shard_dir.string() + "', where the shards would go, holds '" + name +
                    "', which is not a shard; give another --db");
      }
      require_replaceable(entry.path(), inspect_index_path(entry.path()));
    }
  }
}

// One dateline database at --db.
void open_database_index(const IndexParams& params, const IndexPathState& state, OpenIndex& index) {
  if (params.shards > 0) {
    throw Error("index '" + params.db_path +
                "' is one database; --shards builds a new sharded index: give a --db that does "
                "not exist yet");
  }
  index.targets.shards = {params.db_path};
  index.databases.push_back(open_for_writing(params.db_path, Xapian::DB_OPEN));
  index.language = language_of(params, index.databases.front());
  index.strategy = choose_strategy(params, index.databases, index.language);
  if (index.strategy == Strategy::fresh) require_replaceable(params.db_path, state);
}

// A sharded index: the stub at --db and the databases it lists.
void open_sharded_index(const IndexParams& params, OpenIndex& index) {
  const std::vector<shards::ShardLocation> listed = shards::read_stub(params.db_path);
  const fs::path spelling = shards::spelling_path(params.db_path);
  index.sharded = true;
  index.targets.stub = params.db_path;
  index.targets.spelling = spelling;
  for (const shards::ShardLocation& shard : listed) {
    if (shard.kind != shards::ShardLocation::Kind::local) {
      throw Error("index '" + params.db_path + "' lists the remote shard " + shard.name() +
                  "; dateline-index writes local shards only: run it where the shards are");
    }
    if (shard.path != spelling.string()) index.targets.shards.emplace_back(shard.path);
  }
  const std::size_t count = index.targets.shards.size();
  if (params.shards > 0 && params.shards != count) {
    throw Error("index '" + params.db_path + "' has " + std::to_string(count) + " shards, not " +
                std::to_string(params.shards) +
                "; to split the articles another way, build a new index: --db NEW --shards " +
                std::to_string(params.shards));
  }
  std::vector<fs::path> paths = index.targets.shards;
  paths.push_back(spelling);
  std::vector<IndexPathState> states;
  for (const fs::path& path : paths) {
    states.push_back(inspect_index_path(path));
    if (states.back().kind == IndexPathKind::shard_stub) {
      throw Error("index '" + params.db_path + "' lists '" + path.string() +
                  "', which is a stub, not a shard");
    }
  }
  for (const fs::path& path : index.targets.shards) {
    index.databases.push_back(open_for_writing(path, Xapian::DB_CREATE_OR_OPEN));
  }
  index.spelling.emplace(open_for_writing(spelling, Xapian::DB_CREATE_OR_OPEN));
  index.language = language_of(params, index.databases.front());
  index.strategy = choose_strategy(params, index.databases, index.language);
  if (index.strategy == Strategy::fresh) {
    for (std::size_t i = 0; i < paths.size(); ++i) require_replaceable(paths[i], states[i]);
    return;
  }
  schema::stamp_database(*index.spelling, index.language);
  index.spelling->set_metadata(shards::k_meta_shard, shards::k_spelling_shard);
  index.spelling->commit();
}

// Opens the index at --db for the run. REQUIRES: its IndexLock is held.
OpenIndex open_index(const IndexParams& params) {
  OpenIndex index;
  const IndexPathState state = inspect_index_path(params.db_path);
  switch (state.kind) {
    case IndexPathKind::missing:
    case IndexPathKind::empty_directory:
    case IndexPathKind::unfinished:
      open_new_index(params, state, index);
      break;
    case IndexPathKind::dateline_index:
      open_database_index(params, state, index);
      break;
    case IndexPathKind::shard_stub:
      open_sharded_index(params, index);
      break;
  }
  make_stemmer(index.language);  // reject a bad language before writing anything
  if (index.strategy != Strategy::update) return index;
  index.all.emplace();
  for (std::size_t shard = 0; shard < index.databases.size(); ++shard) {
    if (index.sharded) stamp_shard(index.databases[shard], shard, index.databases.size());
    index.all->add_database(index.databases[shard]);
  }
  index.all->commit();
  return index;
}

// Page furniture for the run: learnt from a sample of the corpus's text
// files when an index is built, read from the index when it is updated,
// taken from the interrupted build a fresh build resumes.
BoilerplateSet furniture_for(const IndexParams& params, Strategy strategy, const OpenIndex& index,
                             const BuildDirectory* build) {
  if (strategy == Strategy::update) {
    return decode_boilerplate(index.databases.front().get_metadata(schema::k_meta_boilerplate));
  }
  if (build != nullptr && build->resuming())
    return decode_boilerplate(build->resumed_boilerplate());
  std::vector<fs::path> sample;
  WalkCallbacks collect;
  collect.on_file = [&sample](const fs::path& path) {
    if (sample.size() < k_boilerplate_sample && file_kind(path) == FileKind::text) {
      sample.push_back(path);
    }
  };
  collect.on_problem = [](const ReadProblem&) {};
  collect.done = [&sample] { return sample.size() >= k_boilerplate_sample; };
  walk_inputs(params.inputs, collect);
  return learn_boilerplate(sample, worker_count(params));
}

// The lock and the fresh build of the run in progress, for
// abandon_run_in_progress; set while run_index, whose frame holds them,
// runs.
std::atomic<IndexLock*> g_lock_in_progress{nullptr};
std::atomic<BuildDirectory*> g_build_in_progress{nullptr};

// Marks `lock` as the run's lock for its lifetime.
class LockMark {
 public:
  explicit LockMark(IndexLock* lock) { g_lock_in_progress = lock; }
  ~LockMark() { g_lock_in_progress = nullptr; }
  LockMark(const LockMark&) = delete;
  LockMark& operator=(const LockMark&) = delete;
};

// Owns a fresh build's directory for run_index: marks it as the build in
// progress, and removes it when the run ends, unless the build was sealed
// for resuming or merged into place (keep()).
class BuildGuard {
 public:
  explicit BuildGuard(BuildDirectory* build) : m_build(build) {
    if (m_build) g_build_in_progress = m_build;
  }
  ~BuildGuard() {
    if (!m_build) return;
    g_build_in_progress = nullptr;
    if (!m_kept) m_build->remove();
  }
  BuildGuard(const BuildGuard&) = delete;
  BuildGuard& operator=(const BuildGuard&) = delete;
  void keep() { m_kept = true; }

 private:
  BuildDirectory* m_build;
  bool m_kept = false;
};

// True when `path` is one of `roots` or lies below one.
bool under_any(const std::string& path, const std::vector<std::string>& roots) {
  for (const std::string& root : roots) {
    if (path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                         (root.back() == '/' || path[root.size()] == '/'))) {
      return true;
    }
  }
  return false;
}

// Deletes the articles of files that were indexed from below the run's
// inputs but no longer exist. Returns {files, articles} removed.
std::pair<std::size_t, std::size_t> remove_deleted_files(Xapian::WritableDatabase& db,
                                                         const std::vector<std::string>& inputs,
                                                         Progress& progress) {
  std::vector<std::string> roots;
  for (const std::string& input : inputs) {
    roots.push_back(fs::absolute(input).lexically_normal().string());
  }
  std::vector<std::pair<std::string, Xapian::doccount>> gone;
  for (Xapian::TermIterator it = db.allterms_begin(schema::k_prefix_file);
       it != db.allterms_end(schema::k_prefix_file); ++it) {
    const std::string term = *it;
    if (progress.was_seen(term)) continue;
    Xapian::PostingIterator posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) continue;
    const std::string path =
        schema::decode_summary(db.get_document(*posting).get_value(schema::k_slot_summary)).path;
    std::error_code ec;
    if (under_any(path, roots) && !fs::exists(path, ec)) gone.emplace_back(term, it.get_termfreq());
  }
  std::size_t articles = 0;
  for (const auto& [term, count] : gone) {
    db.delete_document(term);
    articles += count;
  }
  return {gone.size(), articles};
}

}  // namespace

IndexSummary run_index(const IndexParams& params, std::ostream& report, std::ostream& listing) {
  const auto started = std::chrono::steady_clock::now();
  if (params.batch_size == 0) throw Error("batch size must be at least 1");
  if (params.part_size == 0) throw Error("part size must be at least 1");
  if (params.inputs.empty()) throw Error("no input files or directories given");
  check_inputs_exist(params.inputs);
  auto stopping = [&params] { return params.stop != nullptr && params.stop->load(); };

  // Nothing is created or moved before the lock is held, and nothing is
  // written where dateline did not create it. The path is looked at once
  // before the lock (so that a refused run leaves not even a lock file)
  // and again under it (another run may have finished meanwhile).
  std::optional<IndexLock> lock;
  std::optional<LockMark> lock_mark;
  OpenIndex index;
  if (params.write == WriteMode::index) {
    check_index_apart_from_inputs(params.db_path, params.inputs);
    inspect_index_path(params.db_path);
    lock.emplace(params.db_path);
    lock_mark.emplace(&*lock);
    index = open_index(params);
  } else {
    index.language = params.language.empty() ? "english" : params.language;
    make_stemmer(index.language);
  }
  const Strategy strategy = index.strategy;
  const std::string& language = index.language;
  const std::size_t shard_count = std::max<std::size_t>(index.targets.shards.size(), 1);

  // The entity model loads while boilerplate is learnt.
  EntityTools entity_tools;
  std::future<void> model_loaded =
      std::async(std::launch::async, [&] { load_entity_tools(params, entity_tools); });

  std::optional<BuildDirectory> build;
  if (strategy == Strategy::fresh) {
    build.emplace(params.db_path, BuildSettings{language, shard_count, index.sharded,
                                                params.entities == EntityMode::extract});
  }
  BuildGuard guard(build ? &*build : nullptr);
  const BoilerplateSet learned = furniture_for(params, strategy, index, build ? &*build : nullptr);
  model_loaded.get();  // its failure (no model) is the run's

  const std::size_t jobs = worker_count(params);
  Progress progress(params, report, listing);
  WorkQueue<fs::path> files(1024);
  WorkQueue<FileUpdate> updates(64);
  SharedWork<Chunk> chunks_to_share;
  std::vector<std::exception_ptr> failures(jobs);
  std::vector<std::size_t> parts(jobs, 0);        // parts each worker of a fresh build wrote
  std::vector<SpellingCounts> word_counts(jobs);  // each worker's, not yet added
  // What the run already holds of the files it meets: the index it
  // updates, or the parts of the interrupted build it resumes.
  const std::vector<std::string> known_databases = strategy == Strategy::update
                                                       ? std::vector<std::string>{params.db_path}
                                                   : build ? build->sealed_databases()
                                                           : std::vector<std::string>{};
  const FileOrigin origin =
      strategy == Strategy::update ? FileOrigin::index : FileOrigin::resumed_build;

  auto worker = [&](std::size_t worker_index) {
    try {
      DocumentBuilder builder(language);
      // A fresh build's worker writes one database per index shard.
      std::vector<Xapian::WritableDatabase> own;
      // Where its articles' words go: its database, or (sharded) a database
      // of spelling data only.
      std::optional<Xapian::WritableDatabase> own_spelling;
      SpellingCounts spelling;
      std::optional<Xapian::Database> known;  // read-only, this thread's own
      if (!known_databases.empty()) {
        known.emplace();
        for (const std::string& path : known_databases) known->add_database(Xapian::Database(path));
      }
      // Opens the worker's next part. Each commit rewrites the last chunk of
      // every term of its batch, and in a large database those are spread
      // over ever more blocks: at a million articles (500,000 per worker)
      // kernel time had grown 22-fold for 10 times the articles. Small
      // databases keep commits cheap; the compactor merges any number.
      auto open_part = [&] {
        own.clear();
        for (std::size_t shard = 0; shard < shard_count; ++shard) {
          // Scratch databases, merged at the end (a crash means a fresh
          // build): no need to sync each commit to disk.
          own.emplace_back(build->part_database(worker_index, parts[worker_index], shard).string(),
                           Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        }
        ++parts[worker_index];
        if (!index.sharded) own_spelling = own.front();
      };
      if (strategy == Strategy::fresh) {
        open_part();
        if (index.sharded) {
          own_spelling.emplace(build->spelling_database(worker_index).string(),
                               Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        }
      }
      // The words' counts stay in memory and go to the merge at the end,
      // which adds all workers' at once. Each addition to a spelling table
      // rewrites (and recompresses) its lists of words by fragment: adding
      // every batch's words cost more than the rest of the spelling work
      // (Reuters: zlib 6% -> 14% of CPU), and each worker adding its own,
      // merged by the compactor, still cost 5% of the build. Only a
      // vocabulary too large to hold goes into the worker's database.
      constexpr std::size_t k_spelling_words_held = 200000;
      auto commit_own = [&] {
        const bool add_spelling = own_spelling && spelling.size() >= k_spelling_words_held;
        if (add_spelling) spelling.add_to(*own_spelling);
        for (Xapian::WritableDatabase& db : own) db.commit();
        if (add_spelling && index.sharded) own_spelling->commit();
      };
      std::size_t uncommitted = 0;
      std::size_t in_part = 0;
      // Extracts a chunk's entities and writes its articles (a fresh build)
      // or hands them to the writer with the rest of their file (an update).
      auto build_chunk = [&](Chunk& chunk) {
        std::vector<BuiltDocument> built;
        for (Article& article : chunk.articles) {
          if (entity_tools.extractor) article.entities = entity_tools.extractor->extract(article);
          progress.article_done(article);
          if (strategy == Strategy::dry_run) continue;
          Xapian::Document document = builder.build(article, chunk.file->encoded_state);
          const std::size_t shard = shards::shard_for(article.id, shard_count);
          if (own.empty()) {
            built.push_back(
                {schema::id_term(article.id), shard, std::move(document), builder.words()});
            continue;
          }
          own[shard].add_document(document);
          spelling.add_article(builder.words());
          // Small batches write fastest: Xapian's change buffer is the
          // bottleneck (measured on Reuters: 500 beats 100,000 by 2x, and
          // with stems only and no syncing, 250 beats 500 by 5%).
          if (++uncommitted >= params.batch_size) {
            commit_own();
            uncommitted = 0;
          }
          if (++in_part >= params.part_size) {
            if (uncommitted > 0) commit_own();
            uncommitted = 0;
            in_part = 0;
            open_part();
          }
        }
        if (strategy != Strategy::update) return;
        // The file goes to the writer, whole, with its last chunk.
        FileJob& file = *chunk.file;
        std::unique_lock file_lock(file.mutex);
        file.built[chunk.index] = std::move(built);
        if (--file.chunks_left > 0) return;
        FileUpdate update{file.term, {}};
        for (std::vector<BuiltDocument>& part : file.built) {
          std::move(part.begin(), part.end(), std::back_inserter(update.documents));
        }
        file_lock.unlock();
        updates.push(std::move(update));
      };
      // What the run knew of a file is gone: in an update its old articles
      // go now; in a resumed build, at the merge.
      auto forget_file = [&](const std::string& term) {
        progress.file_changed(term);
        if (strategy == Strategy::update) updates.push({term, {}});
      };
      // Reads a file and splits its articles into chunks: the first is
      // returned, the others shared with the other workers.
      auto take_file = [&](const fs::path& path) -> std::optional<Chunk> {
        ReaderContext context;
        context.source_path = fs::absolute(path).lexically_normal().string();
        context.language = language;
        context.learned_boilerplate = &learned;
        const FileKind kind = file_kind(path);
        if (const std::optional<std::string_view> reason = skip_reason(kind)) {
          progress.skip_file({context.source_path, 0, std::string(*reason)});
          return std::nullopt;
        }
        const std::string term = schema::file_term(context.source_path);
        std::optional<schema::FileState> before;
        if (known) {
          progress.mark_seen(term);
          before = recorded_state(*known, term);
        }
        std::error_code ec;
        schema::FileState state;
        state.size = fs::file_size(path, ec);
        state.mtime_ns = mtime_ns(path);
        if (before && before->size == state.size && before->mtime_ns == state.mtime_ns) {
          progress.file_unchanged(term, origin);  // not even read
          return std::nullopt;
        }
        FileBytes file = read_file_bytes(path, context.source_path);
        if (file.problem) {
          progress.skip_file(*file.problem);
          if (before) forget_file(term);
          return std::nullopt;
        }
        progress.bytes_read(file.bytes.size());
        state.content_hash = schema::content_hash(file.bytes);
        if (before && before->size == state.size && before->content_hash == state.content_hash) {
          progress.file_unchanged(term, origin);  // touched, not changed
          return std::nullopt;
        }
        std::vector<Article> articles = read_articles(kind, file.bytes, context, progress);
        if (before && (articles.empty() || strategy == Strategy::fresh)) {
          // An update replaces a file's old articles with its new ones as
          // one; with none new, the old ones go on their own.
          forget_file(term);
        }
        if (articles.empty()) return std::nullopt;
        auto job = std::make_shared<FileJob>();
        job->term = term;
        job->encoded_state = schema::encode_file_state(state);
        job->chunks_left = (articles.size() + k_articles_per_chunk - 1) / k_articles_per_chunk;
        job->built.resize(job->chunks_left);
        std::vector<Chunk> chunks;
        for (std::size_t begin = 0; begin < articles.size(); begin += k_articles_per_chunk) {
          const std::size_t end = std::min(articles.size(), begin + k_articles_per_chunk);
          Chunk chunk{job, chunks.size(), {}};
          chunk.articles.assign(std::make_move_iterator(articles.begin() + begin),
                                std::make_move_iterator(articles.begin() + end));
          chunks.push_back(std::move(chunk));
        }
        for (std::size_t i = 1; i < chunks.size(); ++i) chunks_to_share.push(std::move(chunks[i]));
        return std::move(chunks.front());
      };
      // Chunks others split come first, so a file of many articles (a feed,
      // a Reuters .sgm of a thousand) keeps every core busy to its end.
      for (;;) {
        if (std::optional<Chunk> chunk = chunks_to_share.try_pop()) {
          build_chunk(*chunk);
          continue;
        }
        SharedWork<Chunk>::Producer producing(chunks_to_share);
        std::optional<fs::path> path = files.pop();
        if (!path) break;
        if (stopping()) continue;  // drain without work
        std::optional<Chunk> first = take_file(*path);
        producing.release();
        if (first) build_chunk(*first);
      }
      // The walk is over: help with the chunks of files still being read.
      while (std::optional<Chunk> chunk = chunks_to_share.wait_pop()) build_chunk(*chunk);
      commit_own();
      word_counts[worker_index] = std::move(spelling);
    } catch (...) {
      failures[worker_index] = std::current_exception();
      files.close();  // stop the walk: the run has failed
    }
  };

  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < jobs; ++i) workers.emplace_back(worker, i);
  ProgressReporter reporter(params, progress);
  std::exception_ptr walk_failure;
  std::thread walker([&] {
    try {
      WalkCallbacks callbacks;
      callbacks.on_problem = [&](const ReadProblem& problem) {
        progress.file_seen();
        progress.skip_file(problem);
      };
      callbacks.on_file = [&](const fs::path& path) {
        if (stopping()) return;
        progress.file_seen();
        files.push(path);
      };
      walk_inputs(params.inputs, callbacks);
    } catch (...) {
      walk_failure = std::current_exception();
    }
    files.close();
  });
  // Whether the run was stopped is decided once the workers are done: a
  // stop that comes later (during the merge) finds every file done.
  std::atomic<bool> stopped_before_end{false};
  std::thread closer([&] {
    for (std::thread& t : workers) t.join();
    stopped_before_end = stopping();
    updates.close();
  });
  // The update writer runs here: one file at a time, committing only
  // between files, so an interrupted run never leaves half a file.
  std::exception_ptr write_failure;
  std::vector<Signature> added;  // of the articles written by this update
  try {
    std::size_t uncommitted = 0;
    while (std::optional<FileUpdate> update = updates.pop()) {
      index.all->delete_document(update->file_term);
      for (BuiltDocument& built : update->documents) {
        added.push_back(decode_signature(built.document.get_value(schema::k_slot_signature)));
        index.databases[built.shard].replace_document(built.id_term, built.document);
        SpellingCounts words;
        words.add_article(built.words);
        words.add_to(index.spelling ? *index.spelling : index.databases[built.shard]);
        ++uncommitted;
      }
      if (uncommitted >= params.batch_size) {
        index.all->commit();
        uncommitted = 0;
      }
    }
  } catch (...) {
    write_failure = std::current_exception();
    files.close();
    while (updates.pop()) {
    }
  }
  walker.join();
  closer.join();
  reporter.finish();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (walk_failure) std::rethrow_exception(walk_failure);
  if (write_failure) std::rethrow_exception(write_failure);

  IndexSummary& summary = progress.summary();
  summary.dry_run = strategy == Strategy::dry_run;
  summary.interrupted = stopped_before_end;
  if (strategy == Strategy::update) {
    if (!summary.interrupted) {
      std::tie(summary.files_removed, summary.articles_removed) =
          remove_deleted_files(*index.all, params.inputs, progress);
    }
    if (!added.empty()) assign_collapse_keys(*index.all, added);
    index.all->commit();
    if (index.spelling) index.spelling->commit();
    summary.documents_in_index = index.all->get_doccount();
  } else if (strategy == Strategy::fresh) {
    // The entity model (tens of MB) is done with: the merge's memory reuses
    // it, so the run's peak does not grow with the archive.
    entity_tools.extractor.reset();
    entity_tools.tagger.reset();
    Xapian::doccount before = 0;
    for (const Xapian::WritableDatabase& db : index.databases) before += db.get_doccount();
    if (summary.interrupted) {
      build->seal(parts, word_counts, encode_boilerplate(learned), progress.changed_files());
      guard.keep();
      summary.build_kept = true;
      summary.documents_in_index = before;
    } else {
      // What is at the index's place now is replaced: let it go.
      index.databases.clear();
      index.spelling.reset();
      SpellingCounts words;
      for (SpellingCounts& counts : word_counts) words.add_from(std::move(counts));
      summary.documents_in_index = build->merge_into(
          index.targets, parts, words, progress.unchanged_files(), encode_boilerplate(learned));
      guard.keep();
    }
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

void abandon_run_in_progress() noexcept {
  if (BuildDirectory* build = g_build_in_progress.exchange(nullptr)) build->remove();
  if (IndexLock* lock = g_lock_in_progress.exchange(nullptr)) lock->release();
}

}  // namespace dateline

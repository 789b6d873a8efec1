#include "indexer/indexer.hpp"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
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
#include "indexer/spelling.hpp"
#include "indexer/walker.hpp"
#include "indexer/work_queue.hpp"

namespace dateline {

std::size_t IndexSummary::files_skipped() const {
  std::size_t total = 0;
  for (const auto& [reason, count] : skipped_by_reason) total += count;
  return total;
}

std::string IndexSummary::one_line() const {
  char seconds_text[32];
  std::snprintf(seconds_text, sizeof seconds_text, "%.1f", seconds);
  std::string line = std::string(interrupted ? "interrupted; " : "") + "indexed " +
                     std::to_string(articles_indexed) + " articles from " +
                     std::to_string(files_indexed) + " files in " + seconds_text + " s";
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
      if (!first) line += ", ";
      first = false;
      line += std::to_string(count) + " " + reason;
    }
    line += ")";
  }
  if (bad_entries > 0) line += "; " + std::to_string(bad_entries) + " bad entries skipped";
  if (invalid_utf8 > 0)
    line += "; " + std::to_string(invalid_utf8) + " invalid UTF-8 sequences replaced";
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
  const nlohmann::json json = {{"indexed", articles_indexed},
                               {"files_indexed", files_indexed},
                               {"unchanged", files_unchanged},
                               {"removed_files", files_removed},
                               {"removed_articles", articles_removed},
                               {"skipped", skipped_by_reason},
                               {"bad_entries", bad_entries},
                               {"invalid_utf8", invalid_utf8},
                               {"problems", std::move(listed)},
                               {"seconds", seconds},
                               {"documents", documents_in_index},
                               {"interrupted", interrupted},
                               {"dry_run", dry_run}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

namespace fs = std::filesystem;

// True when `path` is what a run killed while Xapian was creating a
// database leaves: Xapian's files but no revision file (iamglass), which
// every database that ever committed has. Nothing was stored there.
bool creation_cut_short(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return false;
  bool any = false;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == "iamglass" || name == "iamchert") return false;
    const bool xapian_file = name == "flintlock" || name.ends_with(".glass") ||
                             name.ends_with(".tmp") || name.ends_with(".baseA") ||
                             name.ends_with(".baseB");
    if (!xapian_file) return false;
    any = true;
  }
  return any && !ec;
}

// Creates a new, empty database at `db_path` (which does not exist) beside
// it and renames it into place, so that a kill never leaves half of one
// there.
void create_in_one_step(const std::string& db_path) {
  fs::path path = fs::absolute(db_path).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  const fs::path fresh = path.parent_path() / ("." + path.filename().string() + ".dateline-new");
  std::error_code ec;
  fs::remove_all(fresh, ec);  // left by a run killed here
  Xapian::WritableDatabase(fresh.string(), Xapian::DB_CREATE).close();
  fs::rename(fresh, path, ec);
  if (ec) fs::remove_all(fresh, ec);  // someone else created it meanwhile: use theirs
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
    if (creation_cut_short(db_path)) {
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

// Everything the pipeline's threads share, behind one mutex.
class Progress {
 public:
  Progress(const IndexParams& params, std::ostream& report, std::ostream& listing)
      : m_params(params), m_report(report), m_listing(listing) {}

  void file_seen() {
    std::lock_guard lock(m_mutex);
    ++m_summary.files_seen;
  }
  // A whole file skipped; `problem` says why.
  void skip_file(const ReadProblem& problem) {
    std::lock_guard lock(m_mutex);
    ++m_summary.skipped_by_reason[problem.reason.substr(0, problem.reason.find(" ("))
                                      .substr(0, problem.reason.find(':'))];
    // Files of other types (images, READMEs) are expected in an archive:
    // counted in the summary, not listed one by one.
    if (problem.reason != k_reason_unsupported) print(problem);
  }
  // A bad line or element inside a file whose other articles count.
  void bad_entry(const ReadProblem& problem) {
    std::lock_guard lock(m_mutex);
    ++m_summary.bad_entries;
    print(problem);
  }
  void file_unchanged() {
    std::lock_guard lock(m_mutex);
    ++m_summary.files_unchanged;
  }
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
  void print(const ReadProblem& problem) {
    if (m_summary.problems.size() < IndexSummary::k_max_listed_problems) {
      m_summary.problems.push_back(problem);
    }
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

// The workers' databases of a fresh build live here, beside the index, and are
// removed when the build ends (or by the next run, after a crash).
fs::path build_dir(const std::string& db_path) {
  fs::path path = fs::absolute(db_path).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  return path.parent_path() / ("." + path.filename().string() + ".dateline-build");
}

// The databases an index is made of: its directory, or the shards its
// stub file lists and the spelling database beside them.
struct Layout {
  std::vector<std::string> shards;
  std::string spelling;  // empty for one database, which holds its own
};

// Marks a database as shard `shard` of `count`.
void stamp_shard(Xapian::WritableDatabase& db, std::size_t shard, std::size_t count) {
  db.set_metadata(shards::k_meta_shard, std::to_string(shard) + "/" + std::to_string(count));
}

// Gives a sharded index's spelling database the metadata every shard has:
// it is listed first in the stub, and a set of databases answers metadata
// questions from its first.
void stamp_spelling(Xapian::WritableDatabase& db, const std::string& language,
                    const BoilerplateSet& learned) {
  schema::write_stamp(db, language);
  db.set_metadata(schema::k_meta_boilerplate, encode_boilerplate(learned));
  db.set_metadata(shards::k_meta_shard, shards::k_spelling_shard);
}

// The databases a fresh build's worker writes for the index's shard
// `shard`, in the build directory: a new part every --part-size articles.
fs::path worker_database(const fs::path& build_root, std::size_t worker, std::size_t part,
                         std::size_t shard) {
  return build_root / ("worker-" + std::to_string(worker) + "-part-" + std::to_string(part) +
                       "-shard-" + std::to_string(shard));
}

// The database a fresh build's worker keeps its words' spelling data in,
// for a sharded index (which keeps it apart from the shards).
fs::path worker_spelling_database(const fs::path& build_root, std::size_t worker) {
  return build_root / ("worker-" + std::to_string(worker) + "-spelling");
}

// Groups near-duplicates across the workers' databases of a fresh build,
// merges them into one database per index shard, stamps each, adds the
// spelling data (to the one database, or a sharded index's spelling
// database), and renames them into place. Returns the number of articles
// they hold.
std::size_t merge_shards(const fs::path& build_root, const std::vector<std::size_t>& parts,
                         std::vector<SpellingCounts>& word_counts, const Layout& layout,
                         const std::string& language, const BoilerplateSet& learned) {
  const std::vector<std::string>& db_paths = layout.shards;
  const std::size_t jobs = parts.size();
  // Near-duplicates first, in the workers' databases, all shards as one (so
  // copies in different shards join one story): the compactor then writes
  // their collapse keys in place. Set in the merged index instead, they
  // rewrote blocks of it (Reuters: 23% larger, and 0.3 s more).
  {
    std::vector<std::string> sources;
    for (std::size_t shard = 0; shard < db_paths.size(); ++shard) {
      for (std::size_t worker = 0; worker < jobs; ++worker) {
        for (std::size_t part = 0; part < parts[worker]; ++part) {
          sources.push_back(worker_database(build_root, worker, part, shard).string());
        }
      }
    }
    assign_collapse_keys(sources);
  }
  std::vector<fs::path> merged_paths;
  for (std::size_t shard = 0; shard < db_paths.size(); ++shard) {
    Xapian::Database sources;
    for (std::size_t worker = 0; worker < jobs; ++worker) {
      for (std::size_t part = 0; part < parts[worker]; ++part) {
        sources.add_database(
            Xapian::Database(worker_database(build_root, worker, part, shard).string()));
      }
    }
    merged_paths.push_back(build_root / ("merged-" + std::to_string(shard)));
    sources.compact(merged_paths.back().string(), Xapian::DBCOMPACT_MULTIPASS);
  }
  // The workers' word counts, added once to the index's spelling data.
  SpellingCounts words;
  for (SpellingCounts& counts : word_counts) words.add_from(std::move(counts));
  std::size_t documents = 0;
  {
    Xapian::WritableDatabase all;
    for (std::size_t shard = 0; shard < db_paths.size(); ++shard) {
      Xapian::WritableDatabase db(merged_paths[shard].string(), Xapian::DB_OPEN);
      schema::write_stamp(db, language);
      db.set_metadata(schema::k_meta_boilerplate, encode_boilerplate(learned));
      // One database holds its own spelling data; shards share theirs.
      if (layout.spelling.empty()) words.add_to(db);
      if (!layout.spelling.empty()) stamp_shard(db, shard, db_paths.size());
      all.add_database(db);
    }
    if (!layout.spelling.empty()) {
      // The words of all shards with their frequencies in the whole archive,
      // in a database of no documents searched with the shards: the stock
      // xapian-tcpsrv gives no spelling data, so shards keep none.
      Xapian::WritableDatabase spelling(layout.spelling, Xapian::DB_OPEN);
      stamp_spelling(spelling, language, learned);
      for (std::size_t worker = 0; worker < jobs; ++worker) {
        copy_spelling(Xapian::Database(worker_spelling_database(build_root, worker).string()),
                      spelling);
      }
      words.add_to(spelling);
      spelling.commit();
    }
    all.commit();
    documents = all.get_doccount();
  }
  // The index was empty (that is why the build was fresh): replace each of
  // its databases with two renames, so that a kill at any moment leaves
  // either the empty database, none (the next run creates one), or the
  // merged one -- never half of a directory.
  for (std::size_t shard = 0; shard < db_paths.size(); ++shard) {
    const fs::path old_database = build_root / ("replaced-" + std::to_string(shard));
    fs::rename(db_paths[shard], old_database);
    fs::rename(merged_paths[shard], db_paths[shard]);
  }
  fs::remove_all(build_root);
  return documents;
}

// The index's layout. A new sharded index is created here, stub included.
Layout index_layout(const IndexParams& params) {
  std::error_code ec;
  const fs::file_status status = fs::status(params.db_path, ec);
  if (fs::is_regular_file(status)) {
    const std::vector<shards::ShardLocation> listed = shards::read_stub(params.db_path);
    const std::string spelling = shards::spelling_path(params.db_path).string();
    std::vector<std::string> paths;
    for (const shards::ShardLocation& shard : listed) {
      if (shard.kind != shards::ShardLocation::Kind::local) {
        throw Error("index '" + params.db_path + "' lists the remote shard " + shard.name() +
                    "; dateline-index writes local shards only: run it where the shards are");
      }
      if (shard.path != spelling) paths.push_back(shard.path);
    }
    if (params.shards > 0 && params.shards != paths.size()) {
      throw Error("index '" + params.db_path + "' has " + std::to_string(paths.size()) +
                  " shards, not " + std::to_string(params.shards) +
                  "; to split the articles another way, build a new index: --db NEW --shards " +
                  std::to_string(params.shards));
    }
    return {paths, spelling};
  }
  if (fs::exists(status) && params.shards > 0) {
    throw Error("index '" + params.db_path +
                "' is one database; --shards builds a new sharded index: give a --db that does "
                "not exist yet");
  }
  if (params.shards == 0) return {{params.db_path}, {}};
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < params.shards; ++i) {
    const fs::path path = shards::shard_path(params.db_path, i);
    fs::create_directories(path.parent_path());
    paths.push_back(path.string());
  }
  // Written first, as an empty single database's directory would be: a
  // searcher opening the index meanwhile sees empty shards, not an error.
  const std::string spelling = shards::spelling_path(params.db_path).string();
  for (const std::string& path : paths) open_for_writing(path, Xapian::DB_CREATE_OR_OPEN).close();
  open_for_writing(spelling, Xapian::DB_CREATE_OR_OPEN).close();
  shards::write_local_stub(params.db_path, params.shards);
  return {paths, spelling};
}

// Removes the databases of a build that failed: they are of no use (the
// next run starts afresh) and, when the disk filled up, they are what
// filled it. Kept if one of the index's databases is missing, i.e. moved
// aside there by a merge that failed between its two renames.
void remove_failed_build(const fs::path& build_root, const Layout& layout) {
  std::error_code ec;
  for (const std::string& path : layout.shards) {
    if (!fs::exists(path, ec)) return;
  }
  fs::remove_all(build_root, ec);
}

// The fresh build in progress, for abandon_build_in_progress; set while
// run_index, whose frame holds it, writes one.
struct BuildInProgress {
  fs::path build_root;
  Layout layout;
};
std::atomic<const BuildInProgress*> g_build_in_progress{nullptr};

// Sets g_build_in_progress for its lifetime.
class BuildInProgressMark {
 public:
  explicit BuildInProgressMark(const BuildInProgress& build) { g_build_in_progress = &build; }
  ~BuildInProgressMark() { g_build_in_progress = nullptr; }
  BuildInProgressMark(const BuildInProgressMark&) = delete;
  BuildInProgressMark& operator=(const BuildInProgressMark&) = delete;
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
  // The entity model loads while the index is opened and boilerplate learnt.
  EntityTools entity_tools;
  std::future<void> model_loaded =
      std::async(std::launch::async, [&] { load_entity_tools(params, entity_tools); });
  auto stopping = [&params] { return params.stop != nullptr && params.stop->load(); };

  // Decide how to write, and with which stemmer. `shards` holds the
  // index's databases (one, unless it is sharded) and `target` all of them
  // as one, for what spans shards: deleting by term, near-duplicates.
  Strategy strategy = Strategy::dry_run;
  Layout layout;
  std::vector<Xapian::WritableDatabase> shard_dbs;
  std::optional<Xapian::WritableDatabase> spelling_db;  // a sharded index's
  std::optional<Xapian::WritableDatabase> target;
  std::string language = params.language;
  if (params.write == WriteMode::index) {
    layout = index_layout(params);
    target.emplace();
    for (const std::string& path : layout.shards) {
      if (params.rebuild == Rebuild::yes) {
        // Keep the old index's language unless told otherwise. Overwriting
        // takes the write lock, so a running indexer's index is never
        // removed under it.
        if (language.empty() && fs::exists(path)) {
          try {
            language = Xapian::Database(path).get_metadata(schema::k_meta_language);
          } catch (const Xapian::DatabaseOpeningError&) {
          }
        }
        shard_dbs.push_back(open_for_writing(path, Xapian::DB_CREATE_OR_OVERWRITE));
      } else {
        shard_dbs.push_back(open_for_writing(path, Xapian::DB_CREATE_OR_OPEN));
        if (language.empty()) language = shard_dbs.back().get_metadata(schema::k_meta_language);
      }
      target->add_database(shard_dbs.back());
    }
    strategy = target->get_doccount() == 0 ? Strategy::fresh : Strategy::update;
    if (!layout.spelling.empty()) {
      spelling_db.emplace(open_for_writing(layout.spelling, params.rebuild == Rebuild::yes
                                                                ? Xapian::DB_CREATE_OR_OVERWRITE
                                                                : Xapian::DB_CREATE_OR_OPEN));
    }
  }
  if (language.empty()) language = "english";
  make_stemmer(language);  // reject a bad language before writing anything
  for (std::size_t shard = 0; shard < shard_dbs.size(); ++shard) {
    schema::stamp_database(shard_dbs[shard], language);
    if (spelling_db) stamp_shard(shard_dbs[shard], shard, shard_dbs.size());
  }
  if (spelling_db) {
    schema::stamp_database(*spelling_db, language);
    spelling_db->set_metadata(shards::k_meta_shard, shards::k_spelling_shard);
    spelling_db->commit();
  }
  if (target) target->commit();
  if (strategy == Strategy::fresh) {  // the workers' databases are merged into place later
    target.reset();
    shard_dbs.clear();
    spelling_db.reset();
  }
  const std::size_t shard_count = std::max<std::size_t>(layout.shards.size(), 1);

  // Page furniture learnt from the corpus: from a sample of its text files
  // when the index is built, from the index when it is updated.
  BoilerplateSet learned;
  if (strategy == Strategy::update) {
    learned = decode_boilerplate(shard_dbs.front().get_metadata(schema::k_meta_boilerplate));
  } else {
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
    learned = learn_boilerplate(sample, worker_count(params));
  }

  model_loaded.get();  // its failure (no model) is the run's

  const std::size_t jobs = worker_count(params);
  const fs::path build_root = strategy == Strategy::fresh ? build_dir(params.db_path) : fs::path();
  if (strategy == Strategy::fresh) {
    fs::remove_all(build_root);  // left over from a run that was killed
    fs::create_directories(build_root);
  }
  const BuildInProgress in_progress{build_root, layout};
  std::optional<BuildInProgressMark> mark;
  if (strategy == Strategy::fresh) mark.emplace(in_progress);

  Progress progress(params, report, listing);
  WorkQueue<fs::path> files(1024);
  WorkQueue<FileUpdate> updates(64);
  SharedWork<Chunk> chunks_to_share;
  std::vector<std::exception_ptr> failures(jobs);
  std::vector<std::size_t> parts(jobs, 0);        // parts each worker of a fresh build wrote
  std::vector<SpellingCounts> word_counts(jobs);  // each worker's, not yet added

  auto worker = [&](std::size_t index) {
    try {
      DocumentBuilder builder(language);
      // A fresh build's worker writes one database per index shard.
      std::vector<Xapian::WritableDatabase> own;
      // Where its articles' words go: its database, or (sharded) a database
      // of spelling data only.
      std::optional<Xapian::WritableDatabase> own_spelling;
      SpellingCounts spelling;
      std::optional<Xapian::Database> existing;
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
          own.emplace_back(worker_database(build_root, index, parts[index], shard).string(),
                           Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        }
        ++parts[index];
        if (layout.spelling.empty()) own_spelling = own.front();
      };
      if (strategy == Strategy::fresh) {
        open_part();
        if (!layout.spelling.empty()) {
          own_spelling.emplace(worker_spelling_database(build_root, index).string(),
                               Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        }
      } else if (strategy == Strategy::update) {
        existing.emplace(params.db_path);  // committed state, read-only, this thread's own
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
        if (add_spelling && !layout.spelling.empty()) own_spelling->commit();
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
        std::unique_lock lock(file.mutex);
        file.built[chunk.index] = std::move(built);
        if (--file.chunks_left > 0) return;
        FileUpdate update{file.term, {}};
        for (std::vector<BuiltDocument>& part : file.built) {
          std::move(part.begin(), part.end(), std::back_inserter(update.documents));
        }
        lock.unlock();
        updates.push(std::move(update));
      };
      // Reads a file and splits its articles into chunks: the first is
      // returned, the others shared with the other workers.
      auto take_file = [&](const fs::path& path) -> std::optional<Chunk> {
        ReaderContext context;
        context.source_path = fs::absolute(path).lexically_normal().string();
        context.language = language;
        context.learned_boilerplate = &learned;
        const FileKind kind = file_kind(path);
        if (kind == FileKind::unsupported) {
          progress.skip_file({context.source_path, 0, std::string(k_reason_unsupported)});
          return std::nullopt;
        }
        const std::string term = schema::file_term(context.source_path);
        std::optional<schema::FileState> before;
        if (existing) {
          progress.mark_seen(term);
          before = recorded_state(*existing, term);
        }
        std::error_code ec;
        schema::FileState state;
        state.size = fs::file_size(path, ec);
        state.mtime_ns = mtime_ns(path);
        if (before && before->size == state.size && before->mtime_ns == state.mtime_ns) {
          progress.file_unchanged();  // not even read
          return std::nullopt;
        }
        FileBytes file = read_file_bytes(path, context.source_path);
        if (file.problem) {
          progress.skip_file(*file.problem);
          if (before) updates.push({term, {}});  // its old articles go
          return std::nullopt;
        }
        progress.bytes_read(file.bytes.size());
        state.content_hash = schema::content_hash(file.bytes);
        if (before && before->size == state.size && before->content_hash == state.content_hash) {
          progress.file_unchanged();  // touched, not changed
          return std::nullopt;
        }
        std::vector<Article> articles = read_articles(kind, file.bytes, context, progress);
        if (articles.empty()) {
          if (before) updates.push({term, {}});  // its old articles go
          return std::nullopt;
        }
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
      word_counts[index] = std::move(spelling);
    } catch (...) {
      failures[index] = std::current_exception();
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
  std::thread closer([&] {
    for (std::thread& t : workers) t.join();
    updates.close();
  });
  // The update writer runs here: one file at a time, committing only
  // between files, so an interrupted run never leaves half a file.
  std::exception_ptr write_failure;
  std::vector<Signature> added;  // of the articles written by this update
  try {
    std::size_t uncommitted = 0;
    while (std::optional<FileUpdate> update = updates.pop()) {
      target->delete_document(update->file_term);
      for (BuiltDocument& built : update->documents) {
        added.push_back(decode_signature(built.document.get_value(schema::k_slot_signature)));
        shard_dbs[built.shard].replace_document(built.id_term, built.document);
        SpellingCounts words;
        words.add_article(built.words);
        words.add_to(spelling_db ? *spelling_db : shard_dbs[built.shard]);
        ++uncommitted;
      }
      if (uncommitted >= params.batch_size) {
        target->commit();
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
  const bool failed = walk_failure || write_failure ||
                      std::any_of(failures.begin(), failures.end(),
                                  [](const std::exception_ptr& failure) { return bool(failure); });
  if (failed && strategy == Strategy::fresh) remove_failed_build(build_root, layout);
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (walk_failure) std::rethrow_exception(walk_failure);
  if (write_failure) std::rethrow_exception(write_failure);

  IndexSummary& summary = progress.summary();
  summary.dry_run = strategy == Strategy::dry_run;
  summary.interrupted = stopping();
  if (strategy == Strategy::update) {
    if (!summary.interrupted) {
      std::tie(summary.files_removed, summary.articles_removed) =
          remove_deleted_files(*target, params.inputs, progress);
    }
    if (!added.empty()) assign_collapse_keys(*target, added);
    target->commit();
    if (spelling_db) spelling_db->commit();
    summary.documents_in_index = target->get_doccount();
  } else if (strategy == Strategy::fresh) {
    // The entity model (tens of MB) is done with: the merge's memory reuses
    // it, so the run's peak does not grow with the archive.
    entity_tools.extractor.reset();
    entity_tools.tagger.reset();
    try {
      summary.documents_in_index =
          merge_shards(build_root, parts, word_counts, layout, language, learned);
    } catch (...) {
      remove_failed_build(build_root, layout);
      throw;
    }
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

void abandon_build_in_progress() noexcept {
  try {
    if (const BuildInProgress* build = g_build_in_progress.exchange(nullptr)) {
      remove_failed_build(build->build_root, build->layout);
    }
  } catch (...) {  // nothing more can be done
  }
}

}  // namespace dateline

#include "indexer/indexer.hpp"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

#include "common/error.hpp"
#include "common/ner/tagger.hpp"
#include "common/reader.hpp"
#include "common/schema.hpp"
#include "indexer/document_builder.hpp"
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
  std::string line = "indexed " + std::to_string(articles_indexed) + " articles from " +
                     std::to_string(files_indexed) + " files in " + seconds_text + " s";
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

namespace {

namespace fs = std::filesystem;

Xapian::WritableDatabase open_for_writing(const std::string& db_path, int flags) {
  try {
    return Xapian::WritableDatabase(db_path, flags);
  } catch (const Xapian::DatabaseLockError&) {
    throw Error("index '" + db_path + "' is being written by another process");
  } catch (const Xapian::DatabaseError& e) {
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
  Xapian::Document document;
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
    ++m_summary.skipped_by_reason[problem.reason.substr(0, problem.reason.find(':'))];
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
  IndexSummary& summary() { return m_summary; }

 private:
  void print(const ReadProblem& problem) {
    if (m_params.verbosity != Verbosity::quiet) m_report << problem.to_string() << '\n';
  }

  const IndexParams& m_params;
  std::ostream& m_report;
  std::ostream& m_listing;
  std::mutex m_mutex;
  IndexSummary m_summary;
};

// Reads one file into articles with their entities, reporting its problems.
std::vector<Article> read_articles(const fs::path& path, const std::string& language,
                                   const EntityTools& entity_tools, Progress& progress) {
  ReaderContext context;
  context.source_path = fs::absolute(path).lexically_normal().string();
  context.language = language;
  ReadResult result = read_file(path, context);
  progress.file_read(result);
  if (result.articles.empty()) {
    // The whole file is skipped: its first problem says why.
    if (result.problems.empty()) result.problems.push_back({context.source_path, 0, "no articles"});
    progress.skip_file(result.problems.front());
    for (std::size_t i = 1; i < result.problems.size(); ++i) progress.bad_entry(result.problems[i]);
    return {};
  }
  for (const ReadProblem& problem : result.problems) progress.bad_entry(problem);
  for (Article& article : result.articles) {
    if (entity_tools.extractor) article.entities = entity_tools.extractor->extract(article);
    progress.article_done(article);
  }
  return std::move(result.articles);
}

std::size_t worker_count(const IndexParams& params) {
  if (params.jobs > 0) return params.jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

// The shard databases of a fresh build live here, beside the index, and are
// removed when the build ends (or by the next run, after a crash).
fs::path build_dir(const std::string& db_path) {
  fs::path path = fs::absolute(db_path).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  return path.parent_path() / ("." + path.filename().string() + ".dateline-build");
}

void merge_max(std::array<unsigned, std::size(k_entity_types)>& into,
               const std::array<unsigned, std::size(k_entity_types)>& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] = std::max(into[i], from[i]);
}

// Merges the shards of a fresh build into one database, stamps it, adds
// its spelling data, and renames it into place as the index. Returns the
// number of articles it holds.
std::size_t merge_shards(const fs::path& shard_root, std::size_t jobs, const std::string& db_path,
                         const std::string& language,
                         const std::array<unsigned, std::size(k_entity_types)>& slots) {
  Xapian::Database shards;
  for (std::size_t i = 0; i < jobs; ++i) {
    shards.add_database(Xapian::Database((shard_root / ("shard-" + std::to_string(i))).string()));
  }
  const fs::path merged = shard_root / "merged";
  shards.compact(merged.string(), Xapian::DBCOMPACT_MULTIPASS);
  std::size_t documents = 0;
  {
    Xapian::WritableDatabase db(merged.string(), Xapian::DB_OPEN);
    schema::write_stamp(db, language);
    schema::record_facet_slots(db, slots.data());
    add_spelling_from_vocabulary(db);
    db.commit();
    documents = db.get_doccount();
  }
  // The index was empty (that is why the build was fresh): replace it.
  fs::remove_all(db_path);
  fs::rename(merged, db_path);
  fs::remove_all(shard_root);
  return documents;
}

}  // namespace

IndexSummary run_index(const IndexParams& params, std::ostream& report, std::ostream& listing) {
  const auto started = std::chrono::steady_clock::now();
  if (params.batch_size == 0) throw Error("batch size must be at least 1");
  if (params.inputs.empty()) throw Error("no input files or directories given");
  check_inputs_exist(params.inputs);
  EntityTools entity_tools;
  load_entity_tools(params, entity_tools);

  // Decide how to write, and with which stemmer.
  Strategy strategy = Strategy::dry_run;
  std::optional<Xapian::WritableDatabase> target;
  std::string language = params.language;
  if (params.write == WriteMode::index) {
    target.emplace(open_for_writing(params.db_path, Xapian::DB_CREATE_OR_OPEN));
    if (language.empty()) language = target->get_metadata(schema::k_meta_language);
    strategy = target->get_doccount() == 0 ? Strategy::fresh : Strategy::update;
  }
  if (language.empty()) language = "english";
  make_stemmer(language);  // reject a bad language before writing anything
  if (target) schema::stamp_database(*target, language);
  if (strategy == Strategy::fresh) target.reset();  // the shards are merged into place later

  const std::size_t jobs = worker_count(params);
  const fs::path shard_root = build_dir(params.db_path);
  if (strategy == Strategy::fresh) {
    fs::remove_all(shard_root);  // left over from a run that was killed
    fs::create_directories(shard_root);
  }

  Progress progress(params, report, listing);
  WorkQueue<fs::path> files(1024);
  WorkQueue<BuiltDocument> built(256);
  std::vector<std::array<unsigned, std::size(k_entity_types)>> slots_used(jobs);
  std::vector<std::exception_ptr> failures(jobs);

  auto worker = [&](std::size_t index) {
    try {
      DocumentBuilder builder(language);
      std::optional<Xapian::WritableDatabase> shard;
      if (strategy == Strategy::fresh) {
        shard.emplace((shard_root / ("shard-" + std::to_string(index))).string(),
                      Xapian::DB_CREATE_OR_OVERWRITE);
      }
      std::size_t uncommitted = 0;
      while (std::optional<fs::path> path = files.pop()) {
        for (const Article& article : read_articles(*path, language, entity_tools, progress)) {
          if (strategy == Strategy::dry_run) continue;
          Xapian::Document document = builder.build(article);
          if (shard) {
            shard->add_document(document);
            if (++uncommitted >= params.batch_size) {
              shard->commit();
              uncommitted = 0;
            }
          } else {
            built.push({schema::id_term(article.id), std::move(document)});
          }
        }
      }
      if (shard) shard->commit();
      slots_used[index] = builder.facet_slots_used();
    } catch (...) {
      failures[index] = std::current_exception();
      files.close();  // stop the walk: the run has failed
    }
  };

  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < jobs; ++i) workers.emplace_back(worker, i);
  std::exception_ptr walk_failure;
  std::thread walker([&] {
    try {
      WalkCallbacks callbacks;
      callbacks.on_problem = [&](const ReadProblem& problem) {
        progress.file_seen();
        progress.skip_file(problem);
      };
      callbacks.on_file = [&](const fs::path& path) {
        progress.file_seen();
        files.push(path);
      };
      walk_inputs(params.inputs, callbacks);
    } catch (...) {
      walk_failure = std::current_exception();
    }
    files.close();
  });
  // The update writer runs here; in the other strategies this loop ends
  // when the workers close `built`.
  std::thread closer([&] {
    for (std::thread& t : workers) t.join();
    built.close();
  });
  std::exception_ptr write_failure;
  try {
    std::size_t uncommitted = 0;
    while (std::optional<BuiltDocument> item = built.pop()) {
      target->replace_document(item->id_term, item->document);
      add_spelling_from_document(*target, item->document);
      if (++uncommitted >= params.batch_size) {
        target->commit();
        uncommitted = 0;
      }
    }
  } catch (...) {
    write_failure = std::current_exception();
    files.close();
    while (built.pop()) {
    }
  }
  walker.join();
  closer.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (walk_failure) std::rethrow_exception(walk_failure);
  if (write_failure) std::rethrow_exception(write_failure);

  std::array<unsigned, std::size(k_entity_types)> slots{};
  for (const auto& used : slots_used) merge_max(slots, used);
  IndexSummary& summary = progress.summary();
  summary.dry_run = strategy == Strategy::dry_run;
  if (strategy == Strategy::update) {
    schema::record_facet_slots(*target, slots.data());
    target->commit();
    summary.documents_in_index = target->get_doccount();
  } else if (strategy == Strategy::fresh) {
    summary.documents_in_index = merge_shards(shard_root, jobs, params.db_path, language, slots);
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace dateline

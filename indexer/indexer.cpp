#include "indexer/indexer.hpp"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <ostream>

#include "common/error.hpp"
#include "common/ner/tagger.hpp"
#include "common/reader.hpp"
#include "common/schema.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/entity_extractor.hpp"
#include "indexer/walker.hpp"

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

Xapian::WritableDatabase open_for_writing(const std::string& db_path) {
  try {
    return Xapian::WritableDatabase(db_path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw Error("index '" + db_path + "' is being written by another process");
  } catch (const Xapian::DatabaseError& e) {
    throw Error("cannot open index '" + db_path + "' for writing: " + e.get_description());
  }
}

}  // namespace

namespace {

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
  for (EntityType type : k_entity_types)
    by_type[std::string(type_name(type))] = nlohmann::json::array();
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

}  // namespace

IndexSummary run_index(const IndexParams& params, std::ostream& report, std::ostream& listing) {
  const auto started = std::chrono::steady_clock::now();
  if (params.batch_size == 0) throw Error("batch size must be at least 1");
  if (params.inputs.empty()) throw Error("no input files or directories given");
  check_inputs_exist(params.inputs);
  EntityTools entity_tools;
  load_entity_tools(params, entity_tools);

  std::optional<Xapian::WritableDatabase> db;
  std::string language = params.language;
  if (params.write == WriteMode::index) {
    db.emplace(open_for_writing(params.db_path));
    if (language.empty()) language = db->get_metadata(schema::k_meta_language);
  }
  if (language.empty()) language = "english";
  make_stemmer(language);  // reject a bad language before touching the index
  if (db) schema::stamp_database(*db, language);
  DocumentBuilder builder(language);
  if (db) builder.record_spelling(*db);

  IndexSummary summary;
  summary.dry_run = !db.has_value();
  std::size_t uncommitted = 0;
  auto print_problem = [&](const ReadProblem& problem) {
    if (params.verbosity != Verbosity::quiet) report << problem.to_string() << '\n';
  };
  auto bad_entry = [&](const ReadProblem& problem) {
    ++summary.bad_entries;
    print_problem(problem);
  };
  auto skip_file = [&](const ReadProblem& problem) {
    ++summary.skipped_by_reason[problem.reason.substr(0, problem.reason.find(':'))];
    // Files of other types (images, READMEs) are expected in an archive:
    // counted in the summary, not listed one by one.
    if (problem.reason != k_reason_unsupported) print_problem(problem);
  };

  WalkCallbacks callbacks;
  callbacks.on_problem = [&](const ReadProblem& problem) {
    ++summary.files_seen;
    skip_file(problem);
  };
  callbacks.on_file = [&](const std::filesystem::path& path) {
    ++summary.files_seen;
    ReaderContext context;
    context.source_path = std::filesystem::absolute(path).lexically_normal().string();
    context.language = language;
    ReadResult result = read_file(path, context);
    summary.invalid_utf8 += result.invalid_utf8;
    if (result.articles.empty()) {
      // The whole file is skipped: its first problem says why.
      if (result.problems.empty())
        result.problems.push_back({context.source_path, 0, "no articles"});
      skip_file(result.problems.front());
      for (std::size_t i = 1; i < result.problems.size(); ++i) bad_entry(result.problems[i]);
      return;
    }
    for (const ReadProblem& problem : result.problems) bad_entry(problem);
    ++summary.files_indexed;
    for (Article& article : result.articles) {
      if (entity_tools.extractor) article.entities = entity_tools.extractor->extract(article);
      if (params.list_entities == ListEntities::yes) listing << entities_json_line(article) << '\n';
      ++summary.articles_indexed;
      if (!db) continue;
      db->replace_document(schema::id_term(article.id), builder.build(article));
      if (++uncommitted >= params.batch_size) {
        schema::record_facet_slots(*db, builder.facet_slots_used().data());
        db->commit();
        uncommitted = 0;
      }
    }
  };
  walk_inputs(params.inputs, callbacks);
  if (db) {
    schema::record_facet_slots(*db, builder.facet_slots_used().data());
    db->commit();
    summary.documents_in_index = db->get_doccount();
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace dateline

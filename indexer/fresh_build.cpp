#include "indexer/fresh_build.hpp"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <future>
#include <sstream>
#include <string_view>

#include "common/error.hpp"
#include "common/name_resolution.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "common/user_aliases.hpp"
#include "indexer/duplicates.hpp"
#include "indexer/index_location.hpp"
#include "indexer/parallel.hpp"

namespace dateline {

namespace fs = std::filesystem;

namespace {

// Names in the build directory that a later run reads back: the resume
// record, and the parts and spelling databases it lists by name. They are
// on disk: changing any of them (or the record's fields) needs
// k_record_format bumped, so that a build sealed by an older dateline is
// discarded rather than misread.
constexpr const char* k_record_name = "resume";
constexpr int k_record_format = 1;
constexpr std::string_view k_run_prefix = "run-";

// "run-2-worker-0-": what names the databases of one worker of one run.
std::string worker_prefix(std::size_t run, std::size_t worker) {
  return std::string(k_run_prefix) + std::to_string(run) + "-worker-" + std::to_string(worker) +
         "-";
}

// "run-2-worker-0-part-3": a worker's part, one database per index shard
// (shard_of).
std::string part_name(std::size_t run, std::size_t worker, std::size_t part) {
  return worker_prefix(run, worker) + "part-" + std::to_string(part);
}

// "run-2-worker-0-spelling": a worker's spelling database (sharded index).
std::string spelling_name(std::size_t run, std::size_t worker) {
  return worker_prefix(run, worker) + "spelling";
}

// Deletes from the database at `path` the articles of every file whose
// term `drop` picks, and any collapse key (a merge recomputes them all:
// one left from a merge that was killed may name a group that no longer
// exists).
template <typename Drop>
void drop_files(const fs::path& path, Drop drop) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  std::vector<std::string> dropped;
  for (Xapian::TermIterator it = db.allterms_begin(schema::k_prefix_file);
       it != db.allterms_end(schema::k_prefix_file); ++it) {
    if (drop(*it)) dropped.push_back(*it);
  }
  for (const std::string& term : dropped) db.delete_document(term);
  std::vector<Xapian::docid> keyed;
  for (Xapian::ValueIterator v = db.valuestream_begin(schema::k_slot_collapse);
       v != db.valuestream_end(schema::k_slot_collapse); ++v) {
    keyed.push_back(v.get_docid());
  }
  for (Xapian::docid id : keyed) {
    Xapian::Document document = db.get_document(id);
    document.remove_value(schema::k_slot_collapse);
    db.replace_document(id, document);
  }
  db.commit();
}

// Stamps a merged database of the index: schema, language, boilerplate.
void stamp_merged(Xapian::WritableDatabase& db, const std::string& language,
                  const std::string& boilerplate) {
  schema::write_stamp(db, language);
  db.set_metadata(schema::k_meta_boilerplate, boilerplate);
}

// Puts `made` at `target`: what is there (an empty directory, an
// unfinished or empty database, the old index of a rebuild) is first moved
// to `aside`, so that a kill at any moment leaves the old database, none,
// or the new one at `target` -- never half of a directory.
// If the second rename fails, the first is undone.
void install(const fs::path& made, const fs::path& target, const fs::path& aside) {
  std::error_code ec;
  const bool replacing = fs::exists(fs::symlink_status(target, ec));
  if (replacing) {
    fs::rename(target, aside);
  } else {
    fs::create_directories(fs::absolute(target).parent_path());
  }
  try {
    fs::rename(made, target);
  } catch (...) {
    if (replacing) fs::rename(aside, target, ec);
    throw;
  }
}

}  // namespace

void stamp_shard(Xapian::WritableDatabase& db, std::size_t shard, std::size_t count) {
  db.set_metadata(shards::k_meta_shard, std::to_string(shard) + "/" + std::to_string(count));
}

BuildDirectory::BuildDirectory(const fs::path& db_path, const BuildSettings& settings)
    : m_root(beside_index(db_path, ".dateline-build")), m_settings(settings) {
  fs::create_directories(m_root);
  read_record(settings);
  // Whatever the record does not list is a killed run's, or of a build
  // that cannot be resumed.
  std::vector<std::string> keep;
  if (resuming()) {
    keep.emplace_back(k_record_name);
    for (const std::string& part : m_sealed_parts) {
      for (std::size_t shard = 0; shard < m_settings.shard_count; ++shard) {
        keep.push_back(shard_of(part, shard).filename().string());
      }
    }
    keep.insert(keep.end(), m_sealed_spelling.begin(), m_sealed_spelling.end());
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(m_root)) {
    const std::string name = entry.path().filename().string();
    if (std::find(keep.begin(), keep.end(), name) == keep.end()) fs::remove_all(entry.path());
  }
}

void BuildDirectory::read_record(const BuildSettings& settings) {
  std::ifstream in(m_root / k_record_name);
  if (!in) return;
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(in);
    const bool same = record.at("format").get<int>() == k_record_format &&
                      record.at("schema_version").get<int>() == schema::k_schema_version &&
                      record.at("language").get<std::string>() == settings.language &&
                      record.at("shards").get<std::size_t>() == settings.shard_count &&
                      record.at("sharded").get<bool>() == settings.sharded &&
                      record.at("entities").get<bool>() == settings.entities;
    if (!same) return;
    std::vector<std::string> parts = record.at("parts").get<std::vector<std::string>>();
    std::vector<std::string> spelling = record.at("spelling").get<std::vector<std::string>>();
    // Every database it lists must be there, and be what the names say.
    for (const std::string& name : parts) {
      if (name.find('/') != std::string::npos || !name.starts_with(k_run_prefix)) return;
      for (std::size_t shard = 0; shard < settings.shard_count; ++shard) {
        if (!fs::is_directory(shard_of(name, shard))) return;
      }
    }
    for (const std::string& name : spelling) {
      if (name.find('/') != std::string::npos || !fs::is_directory(m_root / name)) return;
    }
    m_run = record.at("runs").get<std::size_t>() + 1;
    m_boilerplate = record.at("boilerplate").get<std::string>();
    m_sealed_parts = std::move(parts);
    m_sealed_spelling = std::move(spelling);
  } catch (const nlohmann::json::exception&) {
    // A record that does not parse resumes nothing.
  }
}

void BuildDirectory::write_record(const std::vector<std::string>& parts,
                                  const std::vector<std::string>& spelling,
                                  const std::string& boilerplate) const {
  const nlohmann::json record = {{"format", k_record_format},
                                 {"schema_version", schema::k_schema_version},
                                 {"language", m_settings.language},
                                 {"shards", m_settings.shard_count},
                                 {"sharded", m_settings.sharded},
                                 {"entities", m_settings.entities},
                                 {"runs", m_run},
                                 {"boilerplate", boilerplate},
                                 {"parts", parts},
                                 {"spelling", spelling}};
  const fs::path fresh = m_root / (std::string(k_record_name) + ".new");
  {
    std::ofstream out(fresh, std::ios::trunc);
    out << record.dump() << '\n';
    out.close();
    if (!out) throw Error("cannot write '" + fresh.string() + "'");
  }
  fs::rename(fresh, m_root / k_record_name);
}

std::vector<std::string> BuildDirectory::sealed_databases() const {
  std::vector<std::string> paths;
  for (const std::string& part : m_sealed_parts) {
    for (std::size_t shard = 0; shard < m_settings.shard_count; ++shard) {
      paths.push_back(shard_of(part, shard).string());
    }
  }
  return paths;
}

// "run-2-worker-0-part-3-shard-1": a name on disk, like part_name's.
fs::path BuildDirectory::shard_of(const std::string& part, std::size_t shard) const {
  return m_root / (part + "-shard-" + std::to_string(shard));
}

fs::path BuildDirectory::part_database(std::size_t worker, std::size_t part,
                                       std::size_t shard) const {
  return shard_of(part_name(m_run, worker, part), shard);
}

fs::path BuildDirectory::spelling_database(std::size_t worker) const {
  return m_root / spelling_name(m_run, worker);
}

std::vector<std::string> BuildDirectory::part_names(
    const std::vector<std::size_t>& parts_per_worker) const {
  std::vector<std::string> names;
  for (std::size_t worker = 0; worker < parts_per_worker.size(); ++worker) {
    for (std::size_t part = 0; part < parts_per_worker[worker]; ++part) {
      names.push_back(part_name(m_run, worker, part));
    }
  }
  return names;
}

std::vector<std::string> BuildDirectory::spelling_names(std::size_t workers) const {
  std::vector<std::string> names;
  if (!m_settings.sharded) return names;
  for (std::size_t worker = 0; worker < workers; ++worker) {
    names.push_back(spelling_name(m_run, worker));
  }
  return names;
}

void BuildDirectory::seal(const std::vector<std::size_t>& parts_per_worker,
                          std::vector<SpellingCounts>& word_counts, const std::string& boilerplate,
                          const std::set<std::string>& superseded) {
  for (std::size_t worker = 0; worker < parts_per_worker.size(); ++worker) {
    if (parts_per_worker[worker] == 0) continue;
    const fs::path words = m_settings.sharded
                               ? spelling_database(worker)
                               : part_database(worker, parts_per_worker[worker] - 1, 0);
    Xapian::WritableDatabase db(words.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    word_counts[worker].add_to(db);
    db.commit();
  }
  if (!superseded.empty()) {
    for (const std::string& path : sealed_databases()) {
      drop_files(path, [&](const std::string& term) { return superseded.count(term) > 0; });
    }
  }
  std::vector<std::string> parts = m_sealed_parts;
  for (std::string& name : part_names(parts_per_worker)) parts.push_back(std::move(name));
  std::vector<std::string> spelling = m_sealed_spelling;
  for (std::string& name : spelling_names(parts_per_worker.size())) {
    spelling.push_back(std::move(name));
  }
  write_record(parts, spelling, boilerplate);
}

std::size_t BuildDirectory::merge_into(const IndexTargets& targets,
                                       const std::vector<std::size_t>& parts_per_worker,
                                       SpellingCounts& words, const std::set<std::string>& kept,
                                       const std::string& boilerplate, std::size_t threads,
                                       RunClock& clock) {
  // Of the sealed parts, the files this run found unchanged stay; files
  // that changed were read again into this run's parts, and files no longer
  // there (or no longer among the inputs) go. Their words stay counted in
  // the spelling data, which only ranks suggestions.
  for (const std::string& path : sealed_databases()) {
    drop_files(path, [&](const std::string& term) { return kept.count(term) == 0; });
  }
  if (resuming()) clock.end_step("drop_superseded");
  std::vector<std::string> parts = m_sealed_parts;
  for (std::string& name : part_names(parts_per_worker)) parts.push_back(std::move(name));
  const std::size_t shard_count = targets.shards.size();

  // The steps run side by side where their inputs allow. The spelling data
  // needs none of the parts' articles: it is written beside the
  // near-duplicate pass (one database: for the compaction to take in;
  // sharded: the index's spelling database, beside the compaction too).
  std::future<fs::path> words_written;
  std::future<fs::path> spelling_merged;
  if (m_settings.sharded) {
    spelling_merged = std::async(std::launch::async, [&] {
      const RunClock::Busy working = clock.busy();
      return merge_spelling(parts_per_worker.size(), words, boilerplate);
    });
  } else {
    words_written = std::async(std::launch::async, [&] {
      const RunClock::Busy working = clock.busy();
      return write_words(words);
    });
  }
  group_near_copies(parts, shard_count, threads, clock);
  clock.end_step("near_duplicates");
  // One database's name resolution is learnt from the parts beside their
  // compaction (not before: the near-duplicate pass writes to them).
  std::future<std::string> resolution;
  if (!m_settings.sharded) {
    resolution = std::async(std::launch::async, [&] {
      const RunClock::Busy working = clock.busy();
      return learn_resolution(parts);
    });
  }
  fs::path words_database;
  if (!m_settings.sharded) {
    const RunClock::Waiting waiting = clock.waiting();
    words_database = words_written.get();
  }
  if (!m_settings.sharded) clock.end_step("spelling");
  const std::vector<fs::path> merged =
      compact_shards(parts, shard_count, words_database, threads, clock);
  clock.end_step("compact");
  // What ran beside the compaction, waited for while its failure still
  // leaves the build resumable.
  std::string names;
  fs::path merged_spelling;
  {
    const RunClock::Waiting waiting = clock.waiting();
    if (m_settings.sharded) {
      merged_spelling = spelling_merged.get();
    } else {
      names = resolution.get();
    }
  }
  clock.end_step(m_settings.sharded ? "spelling" : "names");

  // From here on the parts are spent: a kill leaves nothing to resume, and
  // they are deleted while the merged databases are stamped and installed.
  fs::remove(m_root / k_record_name);
  std::future<void> deleted = std::async(std::launch::async, [&] {
    const RunClock::Busy working = clock.busy();
    remove_spent(parts, words_database);
  });
  std::vector<std::size_t> documents(shard_count, 0);
  parallel_for(shard_count, threads, clock, [&](std::size_t shard) {
    documents[shard] = stamp_merged_shard(merged[shard], shard, shard_count, names, boilerplate);
  });
  clock.end_step("stamp");
  for (std::size_t shard = 0; shard < shard_count; ++shard) {
    install(merged[shard], targets.shards[shard], m_root / ("replaced-" + std::to_string(shard)));
  }
  if (m_settings.sharded) {
    install(merged_spelling, targets.spelling, m_root / "replaced-spelling");
    std::error_code ec;
    if (!fs::exists(targets.stub, ec)) shards::write_local_stub(targets.stub, shard_count);
  }
  {
    const RunClock::Waiting waiting = clock.waiting();
    deleted.get();
  }
  fs::remove_all(m_root);
  clock.end_step("install");
  std::size_t total = 0;
  for (std::size_t count : documents) total += count;
  return total;
}

void BuildDirectory::group_near_copies(const std::vector<std::string>& parts,
                                       std::size_t shard_count, std::size_t threads,
                                       RunClock& clock) const {
  // In the parts, all shards as one (so copies in different shards join
  // one story): the compactor then writes their collapse keys in place.
  // Set in the merged index instead, they rewrote blocks of it (Reuters:
  // 23% larger, and 0.3 s more).
  std::vector<std::string> sources;
  for (std::size_t shard = 0; shard < shard_count; ++shard) {
    for (const std::string& part : parts) sources.push_back(shard_of(part, shard).string());
  }
  assign_collapse_keys(sources, threads, clock);
}

fs::path BuildDirectory::write_words(SpellingCounts& words) const {
  // One database: written in pieces side by side, the compactor merged
  // the pieces' fragment lists, which cost more time on its one thread
  // than the pieces saved (Reuters, 2 cores: 0.67 s with one, 0.84 s with
  // two, 0.89 s with eight of serial time).
  const fs::path path = m_root / "words";
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  words.add_to(db);
  db.commit();
  return path;
}

std::string BuildDirectory::learn_resolution(const std::vector<std::string>& parts) const {
  Xapian::Database all;
  for (const std::string& part : parts)
    all.add_database(Xapian::Database(shard_of(part, 0).string()));
  ArchiveNames names = NameResolution::read(all);
  // The parts carry no metadata: the index's alias rules are the build's.
  names.user = UserAliases::parse(m_settings.aliases, "the build's alias rules");
  return NameResolution::stored_form(names);
}

std::vector<fs::path> BuildDirectory::compact_shards(const std::vector<std::string>& parts,
                                                     std::size_t shard_count,
                                                     const fs::path& words_database,
                                                     std::size_t threads, RunClock& clock) const {
  std::vector<fs::path> merged;
  for (std::size_t shard = 0; shard < shard_count; ++shard) {
    merged.push_back(m_root / ("merged-" + std::to_string(shard)));
  }
  parallel_for(shard_count, threads, clock, [&](std::size_t shard) {
    Xapian::Database sources;
    for (const std::string& part : parts) {
      sources.add_database(Xapian::Database(shard_of(part, shard).string()));
    }
    // A database of spelling data alone: no articles, so no docids to shift.
    if (!words_database.empty()) sources.add_database(Xapian::Database(words_database.string()));
    sources.compact(merged[shard].string(), Xapian::DBCOMPACT_MULTIPASS);
  });
  return merged;
}

void BuildDirectory::remove_spent(const std::vector<std::string>& parts,
                                  const fs::path& words_database) const {
  for (const std::string& part : parts) {
    for (std::size_t shard = 0; shard < m_settings.shard_count; ++shard) {
      fs::remove_all(shard_of(part, shard));
    }
  }
  if (!words_database.empty()) fs::remove_all(words_database);
}

std::size_t BuildDirectory::stamp_merged_shard(const fs::path& merged, std::size_t shard,
                                               std::size_t shard_count, const std::string& names,
                                               const std::string& boilerplate) const {
  Xapian::WritableDatabase db(merged.string(), Xapian::DB_OPEN);
  stamp_merged(db, m_settings.language, boilerplate);
  if (!m_settings.aliases.empty()) db.set_metadata(schema::k_meta_aliases, m_settings.aliases);
  // One database holds its own spelling data; shards share theirs.
  if (m_settings.sharded) {
    stamp_shard(db, shard, shard_count);
  } else {
    // A sharded index's resolution spans its shards: searches learn it.
    db.set_metadata(schema::k_meta_names, names);
  }
  db.commit();
  return db.get_doccount();
}

fs::path BuildDirectory::merge_spelling(std::size_t workers, SpellingCounts& words,
                                        const std::string& boilerplate) const {
  // The words of all shards with their frequencies in the whole archive,
  // in a database of no documents searched with the shards: the stock
  // xapian-tcpsrv gives no spelling data, so shards keep none.
  fs::path merged = m_root / "merged-spelling";
  Xapian::WritableDatabase spelling(merged.string(), Xapian::DB_CREATE);
  stamp_merged(spelling, m_settings.language, boilerplate);
  spelling.set_metadata(shards::k_meta_shard, shards::k_spelling_shard);
  std::vector<std::string> sources = m_sealed_spelling;
  for (std::string& name : spelling_names(workers)) sources.push_back(std::move(name));
  for (const std::string& name : sources) {
    copy_spelling(Xapian::Database((m_root / name).string()), spelling);
  }
  words.add_to(spelling);
  spelling.commit();
  return merged;
}

void BuildDirectory::remove() noexcept {
  std::error_code ec;
  fs::remove_all(m_root, ec);
}

}  // namespace dateline

#include "indexer/update_writer.hpp"

#include <filesystem>
#include <utility>

#include "common/name_resolution.hpp"
#include "common/schema.hpp"
#include "indexer/spelling.hpp"
#include "indexer/walker.hpp"

namespace dateline {

namespace fs = std::filesystem;

UpdateWriter::UpdateWriter(OpenIndex& index, std::size_t batch_size)
    : m_index(index), m_batch_size(batch_size) {}

void UpdateWriter::write(FileUpdate& update) {
  m_index.all->delete_document(update.file_term);
  for (BuiltDocument& built : update.documents) {
    m_added.push_back(decode_signature(built.document.get_value(schema::k_slot_signature)));
    m_index.databases[built.shard].replace_document(built.id_term, built.document);
    SpellingCounts words;
    words.add_article(built.words);
    words.add_to(m_index.spelling ? *m_index.spelling : m_index.databases[built.shard]);
    ++m_uncommitted;
  }
  if (m_uncommitted >= m_batch_size) {
    m_index.all->commit();
    m_uncommitted = 0;
  }
}

std::size_t UpdateWriter::finish() {
  if (!m_added.empty()) assign_collapse_keys(*m_index.all, m_added);
  // One database keeps the archive's name resolution for searches (see
  // BuildDirectory::stamp_merged_shard).
  if (!m_index.sharded && m_index.databases.size() == 1) {
    NameResolution::store(m_index.databases.front());
  }
  m_index.all->commit();
  if (m_index.spelling) m_index.spelling->commit();
  return m_index.all->get_doccount();
}

namespace {

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

}  // namespace

RemovedFiles remove_deleted_files(Xapian::WritableDatabase& db,
                                  const std::vector<std::string>& inputs,
                                  const std::unordered_set<std::string>& seen) {
  std::vector<std::string> roots;
  for (const std::string& input : inputs) {
    roots.push_back(source_path(walk_root(input)));
  }
  std::vector<std::pair<std::string, Xapian::doccount>> gone;
  for (Xapian::TermIterator it = db.allterms_begin(schema::k_prefix_file);
       it != db.allterms_end(schema::k_prefix_file); ++it) {
    const std::string term = *it;
    if (seen.count(term) > 0) continue;
    Xapian::PostingIterator posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) continue;
    const std::string path =
        schema::decode_summary(db.get_document(*posting).get_value(schema::k_slot_summary)).path;
    std::error_code ec;
    if (under_any(path, roots) && !fs::exists(path, ec)) gone.emplace_back(term, it.get_termfreq());
  }
  RemovedFiles removed;
  for (const auto& [term, count] : gone) {
    db.delete_document(term);
    removed.articles += count;
  }
  removed.files = gone.size();
  return removed;
}

}  // namespace dateline

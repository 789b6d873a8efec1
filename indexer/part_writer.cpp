#include "indexer/part_writer.hpp"

namespace dateline {

PartWriter::PartWriter(const BuildDirectory& build, const PartSettings& settings)
    : m_build(build), m_settings(settings) {
  open_part();
  if (m_settings.sharded) {
    m_spelling.emplace(m_build.spelling_database(m_settings.worker).string(),
                       Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  }
}

void PartWriter::add(const Xapian::Document& document, std::size_t shard,
                     const std::vector<std::string>& words) {
  m_part[shard].add_document(document);
  m_word_counts.add_article(words);
  if (++m_uncommitted >= m_settings.batch_size) commit();
  if (++m_in_part >= m_settings.part_size) {
    if (m_uncommitted > 0) commit();
    m_in_part = 0;
    open_part();
  }
}

void PartWriter::commit() {
  const bool add_spelling = m_word_counts.size() >= m_settings.spelling_words_held;
  if (add_spelling) m_word_counts.add_to(*m_spelling);
  for (Xapian::WritableDatabase& db : m_part) db.commit();
  if (add_spelling && m_settings.sharded) m_spelling->commit();
  m_uncommitted = 0;
}

void PartWriter::open_part() {
  m_part.clear();
  for (std::size_t shard = 0; shard < m_settings.shard_count; ++shard) {
    m_part.emplace_back(m_build.part_database(m_settings.worker, m_parts, shard).string(),
                        Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  }
  ++m_parts;
  if (!m_settings.sharded) m_spelling = m_part.front();
}

}  // namespace dateline

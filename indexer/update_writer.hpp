// The update writer: in an update (an index that already holds articles),
// the one writer of the index. The workers build documents; the writer
// gets each new or changed source file whole (FileUpdate) and replaces it
// in the index: the file's old articles go, its new ones come in, each by
// its id term (so a re-run replaces rather than duplicates), each into the
// shard its id picks, with its words added to the spelling data. It
// commits only between files, so an interrupted run never leaves half a
// file in the index.
//
// After the last file, the articles of files that were deleted since the
// last run go (remove_deleted_files), and finish() groups the written
// articles with their near-copies (indexer/duplicates.hpp) and commits.
//
// Thread-safety: an UpdateWriter is used by one thread (the run's main
// thread); the workers reach it only through the run's queue of
// FileUpdates.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "indexer/duplicates.hpp"
#include "indexer/open_index.hpp"

namespace dateline {

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

class UpdateWriter {
 public:
  // REQUIRES: index.strategy is Strategy::update; `index` outlives the
  // writer; batch_size >= 1.
  UpdateWriter(OpenIndex& index, std::size_t batch_size);
  UpdateWriter(const UpdateWriter&) = delete;
  UpdateWriter& operator=(const UpdateWriter&) = delete;

  // Deletes the articles of update.file_term from every shard and writes
  // update.documents (moved from). Commits once batch_size or more articles
  // are uncommitted, after the file. Costs a delete and a replace per
  // article, and the spelling data's update per article.
  void write(FileUpdate& update);

  // Groups the articles written with their near-copies across the index
  // (collapse keys), commits everything, and returns how many articles
  // the index holds. Call once, after the last write().
  std::size_t finish();

 private:
  OpenIndex& m_index;
  std::size_t m_batch_size;
  std::size_t m_uncommitted = 0;
  std::vector<Signature> m_added;  // of the articles written
};

// Files the index held that are gone, and how many articles they had.
struct RemovedFiles {
  std::size_t files = 0;
  std::size_t articles = 0;
};

// Deletes from `db` the articles of files indexed from below the run's
// `inputs` (a file one of them names, or one below a directory one names)
// that no longer exist. `seen` holds the terms (schema::file_term) of the
// files the run's walk met, which are not looked at. Costs a pass over the
// index's file terms and a stored summary read for each file not seen.
RemovedFiles remove_deleted_files(Xapian::WritableDatabase& db,
                                  const std::vector<std::string>& inputs,
                                  const std::unordered_set<std::string>& seen);

}  // namespace dateline

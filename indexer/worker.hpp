// Worker: one of an indexing run's worker threads (--jobs of them), steps
// 3-5 of an article's path (ARCHITECTURE.md). A worker takes a chunk
// another worker shared if one is waiting, else the next file of the walk.
// A file the run already holds unchanged (the index it updates, or the
// interrupted build it resumes) is skipped: same size and time, or same
// size and content hash. Otherwise its articles are read and cut into
// chunks of k_articles_per_chunk; the worker keeps the first and shares
// the rest, so one feed of thousands of articles keeps every core busy.
// For each chunk it extracts the entities and builds the documents, which
// go to its own part databases (a fresh build: indexer/part_writer.hpp),
// or with the rest of their file to the update writer (an update:
// indexer/update_writer.hpp), or nowhere (a dry run).
//
// Thread-safety: each Worker is made, run and read by one thread; the
// WorkerContext they share holds only thread-safe or read-only things.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.hpp"
#include "common/gazetteer.hpp"
#include "common/reader.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/entity_tools.hpp"
#include "indexer/fresh_build.hpp"
#include "indexer/indexer.hpp"
#include "indexer/open_index.hpp"
#include "indexer/part_writer.hpp"
#include "indexer/progress.hpp"
#include "indexer/run_clock.hpp"
#include "indexer/spelling.hpp"
#include "indexer/update_writer.hpp"
#include "indexer/work_queue.hpp"

namespace dateline {

// A file whose articles are being built, chunk by chunk, perhaps by
// several workers. An update's writer gets them all at once, in file
// order, when the last chunk is built, so that it replaces the file whole.
// A file read as a stream (a web archive) adds its chunks as it reads them
// and closes the job at its end; its update is whole only then.
// Thread-safety: every member may be called from any thread.
class FileJob {
 public:
  // A file of `chunks` chunks, with its file term and encoded
  // schema::FileState: all added, the job closed.
  FileJob(std::string term, std::string encoded_state, std::size_t chunks);
  // A file whose chunks are still to be added (add_chunk), then close().
  FileJob(std::string term, std::string encoded_state);

  // One more chunk of the file: its index. REQUIRES: not closed.
  std::size_t add_chunk();
  // No chunk will be added. Returns the file's update when every chunk
  // added is built already (as chunk_built would have).
  std::optional<FileUpdate> close();

  const std::string& term() const { return m_term; }
  const std::string& encoded_state() const { return m_encoded_state; }

  // Keeps the documents built of chunk `index`; once every chunk's are in
  // and the job is closed,
  // returns the file's update, its documents in file order (and nullopt
  // for the others). REQUIRES: each index < chunks given once.
  std::optional<FileUpdate> chunk_built(std::size_t index, std::vector<BuiltDocument> documents);

 private:
  const std::string m_term;
  const std::string m_encoded_state;
  std::mutex m_mutex;
  std::optional<FileUpdate> update_if_done();  // REQUIRES: m_mutex held

  std::vector<std::vector<BuiltDocument>> m_built;  // per chunk
  std::size_t m_chunks_left;
  bool m_closed;
};

// Articles of one file, a chunk at most k_articles_per_chunk long.
struct Chunk {
  std::shared_ptr<FileJob> file;
  std::size_t index = 0;  // of the file's chunks
  std::vector<Article> articles;
  // A web archive's pages, read for their articles (in `context`) by the
  // worker that builds the chunk, so that the archive's HTML is parsed on
  // every core while one worker reads the file.
  std::vector<ArchivedPage> pages;
  ReaderContext context;
};
inline constexpr std::size_t k_articles_per_chunk = 64;
// Chunks read ahead per worker while the model loads: a few hundred
// milliseconds of saved pages' parsing, a few MB of a feed's articles.
inline constexpr std::size_t k_chunks_read_ahead_per_worker = 32;

// A file's articles (moved from) in chunks of k_articles_per_chunk, in
// order, sharing one FileJob. REQUIRES: `articles` is not empty.
std::vector<Chunk> split_into_chunks(std::vector<Article> articles, std::string file_term,
                                     std::string encoded_state);

// True once the run has been asked to stop (IndexParams::stop).
inline bool stop_requested(const IndexParams& params) {
  return params.stop != nullptr && params.stop->load();
}

// What the workers of a run share. All must outlive the workers.
struct WorkerContext {
  const IndexParams& params;  // batch_size, part_size, stop
  Strategy strategy;
  std::string language;
  std::size_t shard_count;  // of the index: documents go to shard shards::shard_for(id)
  bool sharded;
  const BoilerplateSet& boilerplate;  // learnt page furniture, for the readers
  // The extractor and gazetteer (null when entities are off), perhaps
  // still loading when the workers start.
  const EntityTools& entities;
  RunClock& clock;  // each worker holds a Busy of it for its life
  // While the entity model loads, workers read files ahead until this many
  // chunks wait (k_chunks_read_ahead_per_worker for each worker).
  std::size_t read_ahead_chunks;
  const BuildDirectory* build;  // a fresh build's, where the parts go; else null
  // What the run already holds of the files it meets: the index it
  // updates, or the parts of the interrupted build it resumes (empty when
  // neither).
  std::vector<std::string> known_databases;
  Progress& progress;
  WorkQueue<std::filesystem::path>& files;  // the walk's, closed at its end
  SharedWork<Chunk>& chunks;                // chunks any worker may build
  WorkQueue<FileUpdate>& updates;           // to the update writer
};

// What a worker of a fresh build leaves for the merge (or the seal).
struct WorkerOutput {
  std::size_t parts = 0;       // parts written (PartWriter::parts)
  SpellingCounts word_counts;  // counts not yet in a database
};

class Worker {
 public:
  // Worker number `index` (< --jobs; it names the worker's parts). Opens
  // what the worker reads (the databases the run already holds, as one
  // reader of its own) and writes (a fresh build's first part).
  // REQUIRES: `context` outlives the worker.
  Worker(const WorkerContext& context, std::size_t index);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Works until the walk's queue is closed and no shared chunk is left or
  // can come, then commits its part. While the entity model loads, it
  // reads files and shares their chunks unbuilt (up to
  // context.read_ahead_chunks waiting), so the model's load and the
  // files' reading and parsing (a saved page's HTML) overlap. Once the run
  // is stopping (params.stop) it takes no new file, but builds the chunks
  // of those begun. Throws what loading the model threw, and what reading
  // an index or writing a part throws; problems with single files are
  // reported to the Progress. Costs, per file, a lookup in the
  // databases the run holds (and a read and a hash unless its size and
  // time are unchanged); per article, the tagger's pass over its text (the
  // larger part, with entities on), its document's build and its write.
  void run();

  // What the worker leaves for the merge (handed over). REQUIRES: run()
  // returned.
  WorkerOutput output();

 private:
  void read_ahead();
  void wait_for_entities();
  std::optional<Chunk> take_file(const std::filesystem::path& path);
  std::optional<Chunk> take_web_archive(const std::filesystem::path& path,
                                        const ReaderContext& context, const std::string& term,
                                        const std::optional<schema::FileState>& before,
                                        schema::FileState state);
  ReaderContext reader_context(const std::filesystem::path& path) const;
  std::optional<schema::FileState> held_state(const std::string& term);
  void forget_file(const std::string& term);
  void build_chunk(Chunk& chunk);
  void read_pages(Chunk& chunk);

  const WorkerContext& m_context;
  const FileOrigin m_origin;  // where a file it already holds comes from
  DocumentBuilder m_builder;
  std::optional<Xapian::Database> m_known;  // context.known_databases as one
  std::optional<PartWriter> m_parts;        // a fresh build's
};

}  // namespace dateline

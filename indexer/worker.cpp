#include "indexer/worker.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <string_view>
#include <utility>

#include "common/latest_revision.hpp"
#include "common/shards.hpp"
#include "indexer/walker.hpp"

namespace dateline {

namespace fs = std::filesystem;

FileJob::FileJob(std::string term, std::string encoded_state, std::size_t chunks)
    : m_term(std::move(term)),
      m_encoded_state(std::move(encoded_state)),
      m_built(chunks),
      m_chunks_left(chunks),
      m_closed(true) {}

FileJob::FileJob(std::string term, std::string encoded_state)
    : m_term(std::move(term)),
      m_encoded_state(std::move(encoded_state)),
      m_chunks_left(0),
      m_closed(false) {}

std::size_t FileJob::add_chunk() {
  std::lock_guard lock(m_mutex);
  m_built.emplace_back();
  ++m_chunks_left;
  return m_built.size() - 1;
}

std::optional<FileUpdate> FileJob::close() {
  std::lock_guard lock(m_mutex);
  m_closed = true;
  return update_if_done();
}

std::optional<FileUpdate> FileJob::chunk_built(std::size_t index,
                                               std::vector<BuiltDocument> documents) {
  std::lock_guard lock(m_mutex);
  m_built[index] = std::move(documents);
  --m_chunks_left;
  return update_if_done();
}

std::optional<FileUpdate> FileJob::update_if_done() {
  if (!m_closed || m_chunks_left > 0) return std::nullopt;
  FileUpdate update{m_term, {}};
  for (std::vector<BuiltDocument>& chunk : m_built) {
    std::move(chunk.begin(), chunk.end(), std::back_inserter(update.documents));
  }
  return update;
}

std::vector<Chunk> split_into_chunks(std::vector<Article> articles, std::string file_term,
                                     std::string encoded_state) {
  const std::size_t count = (articles.size() + k_articles_per_chunk - 1) / k_articles_per_chunk;
  auto file = std::make_shared<FileJob>(std::move(file_term), std::move(encoded_state), count);
  std::vector<Chunk> chunks;
  for (std::size_t begin = 0; begin < articles.size(); begin += k_articles_per_chunk) {
    const std::size_t end = std::min(articles.size(), begin + k_articles_per_chunk);
    Chunk chunk{file, chunks.size(), {}, {}, {}};
    chunk.articles.assign(std::make_move_iterator(articles.begin() + begin),
                          std::make_move_iterator(articles.begin() + end));
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

namespace {

std::int64_t mtime_ns(const fs::path& path) {
  std::error_code ec;
  const auto time = fs::last_write_time(path, ec);
  if (ec) return 0;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

// What `db` last recorded of the file with `term`, if anything. `db` is a
// worker's reader of an index the writer is committing to; when the
// revision it reads has been discarded, it moves to the latest one (which
// is as good: the writer only writes files already read).
std::optional<schema::FileState> recorded_state(Xapian::Database& db, const std::string& term) {
  return latest_revision::read(db, [&]() -> std::optional<schema::FileState> {
    Xapian::PostingIterator posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) return std::nullopt;
    return schema::decode_file_state(
        db.get_document(*posting).get_value(schema::k_slot_file_state));
  });
}

// Parses one file's bytes into articles, reporting its problems: a file
// that gives no article is skipped for its first problem. The articles'
// entities are extracted later, chunk by chunk.
std::vector<Article> read_articles(FileKind kind, std::string_view bytes,
                                   const ReaderContext& context, Progress& progress) {
  ReadResult result = parse_content(kind, bytes, context);
  progress.file_read(result);
  if (result.invalid_utf8 > 0) progress.note(invalid_utf8_note(result, context.source_path));
  if (!result.encoding.empty()) progress.note(encoding_note(result, context.source_path));
  if (result.articles.empty()) {
    if (result.problems.empty()) result.problems.push_back({context.source_path, 0, "no articles"});
    progress.skip_file(result.problems.front());
    for (std::size_t i = 1; i < result.problems.size(); ++i) progress.bad_entry(result.problems[i]);
    return {};
  }
  for (const ReadProblem& problem : result.problems) progress.bad_entry(problem);
  return std::move(result.articles);
}

// Opens `paths` as one read-only database, or nullopt for none.
std::optional<Xapian::Database> open_known(const std::vector<std::string>& paths) {
  if (paths.empty()) return std::nullopt;
  std::optional<Xapian::Database> known(std::in_place);
  for (const std::string& path : paths) known->add_database(latest_revision::open(path));
  return known;
}

}  // namespace

Worker::Worker(const WorkerContext& context, std::size_t index)
    : m_context(context),
      m_origin(context.strategy == Strategy::update ? FileOrigin::index
                                                    : FileOrigin::resumed_build),
      m_builder(context.language),
      m_known(open_known(context.known_databases)) {
  if (context.strategy == Strategy::fresh) {
    m_parts.emplace(*context.build,
                    PartSettings{index, context.shard_count, context.sharded,
                                 context.params.batch_size, context.params.part_size});
  }
}

void Worker::run() {
  read_ahead();
  // Chunks others split come first, so a file of many articles (a feed, a
  // Reuters .sgm of a thousand) keeps every core busy to its end.
  for (;;) {
    if (std::optional<Chunk> chunk = m_context.chunks.try_pop()) {
      build_chunk(*chunk);
      continue;
    }
    SharedWork<Chunk>::Producer producing(m_context.chunks);
    std::optional<fs::path> path = m_context.files.pop();
    if (!path) break;
    if (stop_requested(m_context.params)) continue;  // drain without work
    std::optional<Chunk> first = take_file(*path);
    producing.release();
    if (first) build_chunk(*first);
  }
  // The walk is over: help with the chunks of files still being read.
  while (std::optional<Chunk> chunk = m_context.chunks.wait_pop()) build_chunk(*chunk);
  if (m_parts) m_parts->commit();
}

WorkerOutput Worker::output() {
  if (!m_parts) return {};
  return {m_parts->parts(), m_parts->take_word_counts()};
}

// While the entity model loads: takes files and shares all their chunks
// for later, until the model is loaded, the walk is over or enough chunks
// wait; then waits for the model.
void Worker::read_ahead() {
  while (!m_context.entities.loaded() && m_context.chunks.waiting() < m_context.read_ahead_chunks) {
    SharedWork<Chunk>::Producer producing(m_context.chunks);
    std::optional<fs::path> path = m_context.files.pop();
    if (!path) break;
    if (stop_requested(m_context.params)) continue;  // drain without work
    if (std::optional<Chunk> first = take_file(*path)) m_context.chunks.push(std::move(*first));
  }
  wait_for_entities();
}

// Returns once the entity model is loaded, the time spent waiting not
// counted as working; throws what its loading threw.
void Worker::wait_for_entities() {
  if (m_context.entities.loaded()) {
    m_context.entities.wait_until_loaded();  // at once; throws a failure
    return;
  }
  const RunClock::Waiting waiting = m_context.clock.waiting();
  m_context.entities.wait_until_loaded();
}

// Reads a file and splits its articles into chunks: the first is
// returned, the others shared with the other workers. Nothing for a file
// skipped, unchanged, or without articles.
std::optional<Chunk> Worker::take_file(const fs::path& path) {
  const ReaderContext context = reader_context(path);
  const FileKind kind = file_kind(path);
  if (const std::optional<std::string_view> reason = skip_reason(kind)) {
    m_context.progress.skip_file({context.source_path, 0, std::string(*reason)});
    return std::nullopt;
  }
  const std::string term = schema::file_term(context.source_path);
  const std::optional<schema::FileState> before = held_state(term);
  std::error_code ec;
  schema::FileState state;
  state.size = fs::file_size(path, ec);
  state.mtime_ns = mtime_ns(path);
  if (before && before->size == state.size && before->mtime_ns == state.mtime_ns) {
    m_context.progress.file_unchanged(term, m_origin);  // not even read
    return std::nullopt;
  }
  if (kind == FileKind::warc) return take_web_archive(path, context, term, before, state);
  FileBytes file = read_file_bytes(path, context.source_path);
  if (file.problem) {
    m_context.progress.skip_file(*file.problem);
    if (before) forget_file(term);
    return std::nullopt;
  }
  m_context.progress.bytes_read(file.bytes.size());
  for (const ReadProblem& damage : file.damage) m_context.progress.bad_entry(damage);
  state.content_hash = schema::content_hash(file.bytes);
  if (before && before->size == state.size && before->content_hash == state.content_hash) {
    m_context.progress.file_unchanged(term, m_origin);  // touched, not changed
    return std::nullopt;
  }
  std::vector<Article> articles = read_articles(kind, file.bytes, context, m_context.progress);
  // An update replaces a file's old articles with its new ones as one;
  // with none new, the old ones go on their own.
  if (before && (articles.empty() || m_context.strategy == Strategy::fresh)) forget_file(term);
  if (articles.empty()) return std::nullopt;
  std::vector<Chunk> chunks =
      split_into_chunks(std::move(articles), term, schema::encode_file_state(state));
  for (std::size_t i = 1; i < chunks.size(); ++i) m_context.chunks.push(std::move(chunks[i]));
  return std::move(chunks.front());
}

// A web archive is read as a stream, whatever its size: its content hash
// in a first pass, then its articles, a chunk at a time, shared as they
// come. While more than k_most_waiting_chunks chunks wait for a worker,
// the reader builds one itself before it reads on, so memory holds a few
// chunks and one record, never the archive. A run asked to stop still
// reads the archive to its end: a file is indexed whole or not at all (an
// interrupted build resumes file by file).
std::optional<Chunk> Worker::take_web_archive(const fs::path& path, const ReaderContext& context,
                                              const std::string& term,
                                              const std::optional<schema::FileState>& before,
                                              schema::FileState state) {
  static constexpr std::size_t k_most_waiting_chunks = 4;
  // Pages are a few hundred kilobytes of HTML each: smaller chunks than
  // articles' keep the waiting ones small.
  static constexpr std::size_t k_pages_per_chunk = 16;
  std::ifstream in(path, std::ios::binary);
  std::uint64_t hash = schema::k_content_hash_seed;
  std::vector<char> buffer(std::size_t{1} << 20);
  std::uintmax_t bytes = 0;
  while (in &&
         (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)) {
    const auto got = static_cast<std::size_t>(in.gcount());
    hash = schema::content_hash(std::string_view(buffer.data(), got), hash);
    bytes += got;
  }
  if (!in.eof() || in.bad()) {
    m_context.progress.skip_file(
        {context.source_path, 0,
         bytes == 0 && !in.eof() ? "cannot open for reading" : "read error"});
    if (before) forget_file(term);
    return std::nullopt;
  }
  m_context.progress.bytes_read(bytes);
  state.content_hash = hash;
  if (before && before->size == state.size && before->content_hash == state.content_hash) {
    m_context.progress.file_unchanged(term, m_origin);  // touched, not changed
    return std::nullopt;
  }
  in.clear();
  in.seekg(0);
  if (before && m_context.strategy == Strategy::fresh) forget_file(term);
  WebArchiveStream stream(in, context);
  auto job = std::make_shared<FileJob>(term, schema::encode_file_state(state));
  std::optional<Chunk> first;
  for (std::vector<ArchivedPage> pages; !(pages = stream.next(k_pages_per_chunk)).empty();) {
    Chunk chunk{job, job->add_chunk(), {}, std::move(pages), context};
    if (!first) {
      first = std::move(chunk);
      continue;
    }
    m_context.chunks.push(std::move(chunk));
    while (m_context.chunks.waiting() > k_most_waiting_chunks) {
      if (std::optional<Chunk> waiting = m_context.chunks.try_pop()) build_chunk(*waiting);
    }
  }
  const ReadResult& tally = stream.tally();
  m_context.progress.file_read(tally, first.has_value());
  std::size_t listed = 0;
  if (!first) {
    m_context.progress.skip_file(
        tally.problems.empty() ? ReadProblem{context.source_path, 0, "no web pages in the archive"}
                               : tally.problems.front());
    listed = 1;
    if (before && m_context.strategy == Strategy::update) forget_file(term);
  }
  for (std::size_t i = listed; i < tally.problems.size(); ++i) {
    m_context.progress.bad_entry(tally.problems[i]);
  }
  // With articles, the first chunk is not built yet, so closing gives no
  // update (the chunk that completes the file hands it over); without,
  // forget_file has handed over the file's removal.
  (void)job->close();
  return first;
}

ReaderContext Worker::reader_context(const fs::path& path) const {
  ReaderContext context;
  context.source_path = source_path(path);
  context.language = m_context.language;
  context.learned_boilerplate = &m_context.boilerplate;
  return context;
}

// What the run already holds of the file with `term` (nothing when it
// holds no databases), marking the file as seen.
std::optional<schema::FileState> Worker::held_state(const std::string& term) {
  if (!m_known) return std::nullopt;
  m_context.progress.mark_seen(term);
  return recorded_state(*m_known, term);
}

// What the run knew of a file is gone: in an update its old articles go
// now; in a resumed build, at the merge.
void Worker::forget_file(const std::string& term) {
  m_context.progress.file_changed(term);
  if (m_context.strategy == Strategy::update) m_context.updates.push({term, {}});
}

// Reads an archive chunk's pages for their articles, reporting the pages
// without article text and replaced ill-formed bytes.
void Worker::read_pages(Chunk& chunk) {
  ReadResult read;
  for (const ArchivedPage& page : chunk.pages) {
    if (std::optional<Article> article = archived_page_article(page, chunk.context, read)) {
      chunk.articles.push_back(std::move(*article));
    }
  }
  chunk.pages.clear();
  for (const ReadProblem& problem : read.problems) m_context.progress.bad_entry(problem);
  if (read.invalid_utf8 > 0) {
    m_context.progress.note(invalid_utf8_note(read, chunk.context.source_path));
  }
}

// Extracts a chunk's entities and writes its articles (a fresh build) or
// hands them to the writer with the rest of their file (an update).
void Worker::build_chunk(Chunk& chunk) {
  if (!chunk.pages.empty()) read_pages(chunk);
  wait_for_entities();
  const EntityExtractor* const extractor = m_context.entities.extractor();
  const Gazetteer* const gazetteer = m_context.entities.gazetteer();
  std::vector<BuiltDocument> built;
  for (Article& article : chunk.articles) {
    if (extractor) article.entities = extractor->extract(article);
    if (gazetteer) article.countries = gazetteer->countries_of(article.entities, article.date);
    m_context.progress.article_done(article);
    if (m_context.strategy == Strategy::dry_run) continue;
    Xapian::Document document = m_builder.build(article, chunk.file->encoded_state());
    const std::size_t shard = shards::shard_for(article.id, m_context.shard_count);
    if (m_parts) {
      m_parts->add(document, shard, m_builder.words());
      continue;
    }
    built.push_back({schema::id_term(article.id), shard, std::move(document), m_builder.words()});
  }
  if (m_context.strategy != Strategy::update) return;
  // The file goes to the writer, whole, with its last chunk.
  if (std::optional<FileUpdate> update = chunk.file->chunk_built(chunk.index, std::move(built))) {
    m_context.updates.push(std::move(*update));
  }
}

}  // namespace dateline

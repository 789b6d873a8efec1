#include "indexer/progress.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <string_view>

#include "common/entity.hpp"
#include "common/text.hpp"
#include "indexer/entity_extractor.hpp"
#include "indexer/walker.hpp"

namespace dateline {

namespace fs = std::filesystem;

void Progress::file_seen() {
  std::lock_guard lock(m_mutex);
  ++m_summary.files_seen;
}

void Progress::skip_file(const ReadProblem& problem) {
  std::lock_guard lock(m_mutex);
  const std::string reason =
      problem.reason.substr(0, problem.reason.find(" (")).substr(0, problem.reason.find(':'));
  ++m_summary.skipped_by_reason[reason];
  ++m_summary.skipped_by_extension[reason][extension_label(problem.path)];
  list(problem);
  if (problem.reason != k_reason_unsupported && problem.reason != k_reason_documentation) {
    show(problem);
  }
}

void Progress::note(const ReadProblem& problem) {
  std::lock_guard lock(m_mutex);
  list(problem);
  show(problem);
}

void Progress::bad_entry(const ReadProblem& problem) {
  std::lock_guard lock(m_mutex);
  ++m_summary.bad_entries;
  list(problem);
  show(problem);
}

void Progress::file_read(const ReadResult& result) { file_read(result, !result.articles.empty()); }

void Progress::file_read(const ReadResult& result, bool gave_articles) {
  std::lock_guard lock(m_mutex);
  m_summary.invalid_utf8 += result.invalid_utf8;
  if (!result.encoding.empty()) ++m_summary.files_by_encoding[result.encoding];
  for (const auto& [why, count] : result.records_skipped) m_summary.records_skipped[why] += count;
  if (gave_articles) ++m_summary.files_indexed;
}

void Progress::bytes_read(std::uintmax_t bytes) {
  std::lock_guard lock(m_mutex);
  m_summary.bytes_read += bytes;
}

void Progress::article_done(const Article& article) {
  const bool untagged =
      m_params.entities == EntityMode::extract && !extracts_entities_from(article);
  std::lock_guard lock(m_mutex);
  ++m_summary.articles_indexed;
  if (untagged) {
    const std::string_view language = article_language(article);
    ++m_summary.untagged_languages[ascii_lower(language.substr(0, language.find_first_of("-_")))];
  }
  if (m_params.list_entities == ListEntities::yes) {
    m_listing << entities_json_line(article) << '\n';
  }
}

void Progress::mark_seen(const std::string& term) {
  std::lock_guard lock(m_mutex);
  m_seen.insert(term);
}

void Progress::file_unchanged(const std::string& term, FileOrigin origin) {
  std::lock_guard lock(m_mutex);
  ++(origin == FileOrigin::resumed_build ? m_summary.files_resumed : m_summary.files_unchanged);
  m_unchanged.insert(term);
}

void Progress::file_changed(const std::string& term) {
  std::lock_guard lock(m_mutex);
  m_changed.insert(term);
}

ProgressCounts Progress::counts() {
  std::lock_guard lock(m_mutex);
  return {m_summary.files_indexed + m_summary.files_unchanged + m_summary.files_skipped(),
          m_summary.articles_indexed, m_summary.bytes_read,
          m_summary.bad_entries + m_summary.files_skipped()};
}

void Progress::show_progress(const std::string& line) {
  std::lock_guard lock(m_mutex);
  if (m_params.progress == ProgressStyle::live_line) {
    m_report << "\r\x1b[K" << line << std::flush;
    m_line_shown = true;
  } else {
    m_report << line << '\n' << std::flush;
  }
}

void Progress::clear_progress() {
  std::lock_guard lock(m_mutex);
  clear_line();
}

void Progress::list(const ReadProblem& problem) {
  if (m_summary.problems.size() < IndexSummary::k_max_listed_problems) {
    m_summary.problems.push_back(problem);
  }
}

void Progress::show(const ReadProblem& problem) {
  if (m_params.verbosity == Verbosity::quiet) return;
  clear_line();
  m_report << problem.to_string() << '\n';
}

void Progress::clear_line() {
  if (m_line_shown) m_report << "\r\x1b[K" << std::flush;
  m_line_shown = false;
}

ProgressDisplay::ProgressDisplay(const IndexParams& params, Progress& progress)
    : m_progress(progress) {
  if (params.progress == ProgressStyle::none) return;
  m_interval = params.progress == ProgressStyle::live_line ? std::chrono::milliseconds(250)
                                                           : std::chrono::milliseconds(10000);
  m_counter = std::thread([this, inputs = params.inputs] { count_files(inputs); });
  m_drawer = std::thread([this] { draw_loop(); });
}

void ProgressDisplay::finish() {
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

void ProgressDisplay::count_files(const std::vector<std::string>& inputs) {
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
    // The total stays unknown ("?"); the run itself reports the walk's
    // errors.
  }
}

void ProgressDisplay::draw_loop() {
  const auto started = std::chrono::steady_clock::now();
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, m_interval, [this] { return m_done.load(); })) {
    const ProgressCounts counts = m_progress.counts();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::string line = progress_line(counts, seconds, m_total.load());
    lock.unlock();
    m_progress.show_progress(line);
    lock.lock();
  }
}

std::string progress_line(const ProgressCounts& counts, double seconds, std::size_t total) {
  char line[256];
  std::snprintf(line, sizeof line, "%zu/%s files  %zu articles  %.0f articles/s  %.1f MB/s",
                counts.files_done, total ? std::to_string(total).c_str() : "?", counts.articles,
                static_cast<double>(counts.articles) / std::max(seconds, 1e-3),
                static_cast<double>(counts.bytes) / 1e6 / std::max(seconds, 1e-3));
  std::string text = line;
  if (total > 0 && counts.files_done > 0 && counts.files_done <= total) {
    const double left = seconds * static_cast<double>(total - counts.files_done) /
                        static_cast<double>(counts.files_done);
    text += "  ETA " + clock_text(left);
  }
  if (counts.problems > 0) text += "  " + std::to_string(counts.problems) + " problems";
  return text;
}

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
      {"entities", std::move(by_type)},
      {"countries", article.countries}};
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace dateline

// IndexSummary (indexer/indexer.hpp): what a run reports at its end, as one
// line for the terminal and as JSON for --json.
#include "indexer/indexer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace dateline {

std::size_t IndexSummary::files_skipped() const {
  std::size_t total = 0;
  for (const auto& [reason, count] : skipped_by_reason) total += count;
  return total;
}

namespace {

// "181 unsupported file type: 180 .html.gz, 1 .jpg": a reason's files by
// extension, the most common first, at most five named.
std::string reason_with_extensions(const std::string& reason, std::size_t count,
                                   const std::map<std::string, std::size_t>& extensions) {
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& [extension, n] : extensions) ranked.emplace_back(n, extension);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string text = std::to_string(count) + " " + reason;
  constexpr std::size_t k_named = 5;
  for (std::size_t i = 0; i < ranked.size() && i < k_named; ++i) {
    text += (i == 0 ? ": " : ", ") + std::to_string(ranked[i].first) + " " + ranked[i].second;
  }
  if (ranked.size() > k_named) text += ", ...";
  return text;
}

}  // namespace

std::string IndexSummary::one_line() const {
  char seconds_text[32];
  std::snprintf(seconds_text, sizeof seconds_text, "%.1f", seconds);
  std::string line = std::string(interrupted ? "interrupted; " : "") + "indexed " +
                     std::to_string(articles_indexed) + " articles from " +
                     std::to_string(files_indexed) + " files in " + seconds_text + " s";
  if (files_resumed > 0) {
    line += "; resumed an interrupted build that had done " + std::to_string(files_resumed) +
            " of the files";
  }
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
      if (!first) line += "; ";
      first = false;
      const auto extensions = skipped_by_extension.find(reason);
      line += extensions == skipped_by_extension.end()
                  ? std::to_string(count) + " " + reason
                  : reason_with_extensions(reason, count, extensions->second);
    }
    line += ")";
  }
  if (bad_entries > 0) line += "; " + std::to_string(bad_entries) + " bad entries skipped";
  if (!records_skipped.empty()) {
    std::size_t total = 0;
    std::string parts;
    for (const auto& [why, count] : records_skipped) {
      total += count;
      parts += (parts.empty() ? "" : "; ") + std::to_string(count) + " " + why;
    }
    line += "; " + std::to_string(total) + " web archive records not pages (" + parts + ")";
  }
  if (invalid_utf8 > 0)
    line += "; " + std::to_string(invalid_utf8) + " invalid UTF-8 sequences replaced";
  for (const auto& [encoding, count] : files_by_encoding) {
    line +=
        "; " + std::to_string(count) + (count == 1 ? " file" : " files") + " read as " + encoding;
  }
  if (!untagged_languages.empty()) {
    std::size_t total = 0;
    std::string parts;
    for (const auto& [language, count] : untagged_languages) {
      total += count;
      parts += (parts.empty() ? "" : ", ") + language + " " + std::to_string(count);
    }
    line += "; " + std::to_string(total) + " articles in other languages than English (" + parts +
            ") indexed without entities";
  }
  if (build_kept) line += "; the build so far is kept: run the same command again to finish it";
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
  nlohmann::json steps = nlohmann::json::array();
  for (const PhaseTime& phase : phases) {
    steps.push_back(
        {{"phase", phase.name}, {"seconds", phase.seconds}, {"beside", !phase.in_sequence}});
  }
  const nlohmann::json json = {{"indexed", articles_indexed},
                               {"files_indexed", files_indexed},
                               {"unchanged", files_unchanged},
                               {"resumed_files", files_resumed},
                               {"removed_files", files_removed},
                               {"removed_articles", articles_removed},
                               {"skipped", skipped_by_reason},
                               {"skipped_by_extension", skipped_by_extension},
                               {"bad_entries", bad_entries},
                               {"invalid_utf8", invalid_utf8},
                               {"encodings", files_by_encoding},
                               {"untagged_languages", untagged_languages},
                               {"records_skipped", records_skipped},
                               {"problems", std::move(listed)},
                               {"seconds", seconds},
                               {"serial_seconds", serial_seconds},
                               {"phases", std::move(steps)},
                               {"documents", documents_in_index},
                               {"interrupted", interrupted},
                               {"build_kept", build_kept},
                               {"dry_run", dry_run}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace dateline

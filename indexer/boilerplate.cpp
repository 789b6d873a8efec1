#include "indexer/boilerplate.hpp"

#include <algorithm>
#include <cctype>
#include <thread>
#include <unordered_map>

#include "common/reader.hpp"
#include "indexer/walker.hpp"

namespace dateline {
namespace {

bool has_letter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

BoilerplateSet learn_boilerplate(const std::vector<std::filesystem::path>& text_files,
                                 std::size_t threads, RunClock* clock) {
  BoilerplateSet learnt;
  const std::size_t sampled = std::min(text_files.size(), k_boilerplate_sample);
  if (sampled < 10) return learnt;
  // Each thread counts, for every line key near the edges of its share of
  // the files, how many files have it; the counts then add up.
  threads = std::clamp<std::size_t>(threads, 1, sampled / 10);
  std::vector<std::unordered_map<std::string, std::size_t>> counts(threads);
  auto count_files = [&](std::size_t first) {
    const RunClock::Busy working = clock != nullptr ? clock->busy() : RunClock::Busy();
    std::unordered_map<std::string, std::size_t>& files_with = counts[first];
    for (std::size_t i = first; i < sampled; i += threads) {
      const FileBytes file = read_file_bytes(text_files[i], text_files[i].string());
      if (file.problem || file.bytes.find('\0') != std::string::npos) continue;
      const std::string text = normalize_text(decode_text(file.bytes).text);
      std::vector<std::string_view> lines;
      for (std::string_view line : split_lines(text)) {
        if (!trim(line).empty()) lines.push_back(line);
      }
      BoilerplateSet keys;  // each line once per file
      for (std::size_t j = 0; j < lines.size(); ++j) {
        if (j >= k_boilerplate_edge_lines && j + k_boilerplate_edge_lines < lines.size()) continue;
        const std::string key = boilerplate_key(lines[j]);
        if (!key.empty() && has_letter(key)) keys.insert(key);
      }
      for (const std::string& key : keys) ++files_with[key];
    }
  };
  {
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(count_files, t);
    count_files(0);
    for (std::thread& helper : helpers) helper.join();
  }
  for (std::size_t t = 1; t < threads; ++t) {
    for (const auto& [key, count] : counts[t]) counts[0][key] += count;
  }
  const std::size_t threshold = std::max<std::size_t>(3, sampled / 50);
  for (const auto& [key, count] : counts[0]) {
    // The built-in list already has its own labels.
    if (count >= threshold && !is_boilerplate_line(key)) learnt.insert(key);
  }
  return learnt;
}

std::vector<std::filesystem::path> boilerplate_sample(const std::vector<std::string>& inputs) {
  std::vector<std::filesystem::path> sample;
  WalkCallbacks collect;
  collect.on_file = [&sample](const std::filesystem::path& path) {
    if (sample.size() < k_boilerplate_sample && file_kind(path) == FileKind::text) {
      sample.push_back(path);
    }
  };
  collect.on_problem = [](const ReadProblem&) {};
  collect.done = [&sample] { return sample.size() >= k_boilerplate_sample; };
  walk_inputs(inputs, collect);
  return sample;
}

std::string encode_boilerplate(const BoilerplateSet& set) {
  std::vector<std::string> keys(set.begin(), set.end());
  std::sort(keys.begin(), keys.end());
  std::string out;
  for (const std::string& key : keys) {
    if (!out.empty()) out += '\n';
    out += key;
  }
  return out;
}

BoilerplateSet decode_boilerplate(std::string_view stored) {
  BoilerplateSet set;
  for (std::string_view line : split_lines(stored)) {
    if (!line.empty()) set.emplace(line);
  }
  return set;
}

}  // namespace dateline

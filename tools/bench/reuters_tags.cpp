#include "tools/bench/reuters_tags.hpp"

#include <algorithm>
#include <system_error>

#include "common/article.hpp"
#include "common/error.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline::bench {
namespace {

namespace fs = std::filesystem;

// What stands between <NAME> and </NAME> in `element`; empty when either
// is missing.
std::string_view element_content(std::string_view element, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">";
  const std::size_t start = element.find(open);
  if (start == std::string_view::npos) return {};
  const std::size_t end = element.find("</" + std::string(name) + ">", start);
  if (end == std::string_view::npos) return {};
  return element.substr(start + open.size(), end - start - open.size());
}

// The NEWID attribute of the <REUTERS ...> tag that starts `element`.
std::string_view newid_of(std::string_view element) {
  const std::string_view tag = element.substr(0, element.find('>'));
  constexpr std::string_view k_key = "NEWID=\"";
  const std::size_t start = tag.find(k_key);
  if (start == std::string_view::npos) return {};
  const std::size_t value = start + k_key.size();
  const std::size_t end = tag.find('"', value);
  if (end == std::string_view::npos) return {};
  return tag.substr(value, end - value);
}

}  // namespace

std::vector<std::string> tag_list(std::string_view element, std::string_view name) {
  std::vector<std::string> values;
  std::string_view list = element_content(element, name);
  while (true) {
    const std::size_t open = list.find("<D>");
    if (open == std::string_view::npos) break;
    const std::size_t close = list.find("</D>", open);
    if (close == std::string_view::npos) break;
    std::string value(list.substr(open + 3, close - open - 3));
    std::replace(value.begin(), value.end(), '-', ' ');
    values.push_back(std::move(value));
    list.remove_prefix(close + 4);
  }
  return values;
}

std::map<std::string, ReutersTags> parse_reuters_tags(std::string_view sgml) {
  std::map<std::string, ReutersTags> tags;
  std::size_t position = 0;
  while ((position = sgml.find("<REUTERS", position)) != std::string_view::npos) {
    const std::size_t end = sgml.find("</REUTERS>", position);
    if (end == std::string_view::npos) break;
    const std::string_view element = sgml.substr(position, end - position);
    position = end;
    const std::string_view newid = newid_of(element);
    if (newid.empty()) continue;
    tags[std::string(newid)] = {tag_list(element, "PEOPLE"), tag_list(element, "PLACES"),
                                !trim(element_content(element, "BODY")).empty()};
  }
  return tags;
}

std::map<std::string, ReutersTags> read_reuters_tags(const fs::path& file) {
  const FileBytes bytes = read_file_bytes(file, file.string());
  if (bytes.problem) throw Error(bytes.problem->to_string());
  return parse_reuters_tags(bytes.bytes);
}

std::unordered_map<std::string, ReutersTags> tags_by_article_id(
    const std::map<std::string, ReutersTags>& tags, std::string_view source_path) {
  std::unordered_map<std::string, ReutersTags> by_id;
  for (const auto& [newid, article_tags] : tags) {
    by_id.emplace(make_article_id(source_path, newid), article_tags);
  }
  return by_id;
}

std::vector<fs::path> reuters_files(const fs::path& directory) {
  std::error_code error;
  fs::directory_iterator entries(directory, error);
  if (error)
    throw Error("cannot list Reuters directory '" + directory.string() + "': " + error.message());
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : entries) {
    if (entry.path().extension() == ".sgm") files.push_back(entry.path());
  }
  if (files.empty()) throw Error("no .sgm file in Reuters directory '" + directory.string() + "'");
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace dateline::bench

#include "indexer/walker.hpp"

#include <algorithm>
#include <system_error>

#include "common/error.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;

void walk_path(const fs::path& path, const WalkCallbacks& callbacks) {
  if (callbacks.done && callbacks.done()) return;
  std::error_code ec;
  const fs::file_status link_status = fs::symlink_status(path, ec);
  if (ec) {
    callbacks.on_problem({source_path(path), 0, "cannot stat: " + ec.message()});
    return;
  }
  const bool is_link = fs::is_symlink(link_status);
  const fs::file_status status = is_link ? fs::status(path, ec) : link_status;
  if (ec) {
    callbacks.on_problem({source_path(path), 0, "broken symbolic link"});
    return;
  }
  if (fs::is_directory(status)) {
    if (is_link) return;  // never followed: avoids loops and double counting
    std::vector<fs::path> children;
    fs::directory_iterator it(path, fs::directory_options::none, ec);
    if (ec) {
      callbacks.on_problem({source_path(path), 0, "cannot read directory: " + ec.message()});
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') continue;
      children.push_back(it->path());
    }
    if (ec)
      callbacks.on_problem({source_path(path), 0, "error listing directory: " + ec.message()});
    std::sort(children.begin(), children.end());
    for (const fs::path& child : children) walk_path(child, callbacks);
    return;
  }
  if (!fs::is_regular_file(status)) {
    callbacks.on_problem({source_path(path), 0, "not a regular file"});
    return;
  }
  callbacks.on_file(path);
}

}  // namespace

std::string source_path(const fs::path& path) {
  return fs::absolute(path).lexically_normal().string();
}

fs::path walk_root(const std::string& input) {
  const fs::path path(input);
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path, ec)) && fs::is_directory(path, ec)) {
    fs::path target = fs::canonical(path, ec);
    if (!ec) return target;
  }
  return path;
}

void check_inputs_exist(const std::vector<std::string>& inputs) {
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(input, ec)) || ec) {
      throw Error("input '" + input + "' does not exist");
    }
  }
}

void walk_inputs(const std::vector<std::string>& inputs, const WalkCallbacks& callbacks) {
  check_inputs_exist(inputs);
  for (const std::string& input : inputs) {
    if (callbacks.done && callbacks.done()) return;
    walk_path(walk_root(input), callbacks);
  }
}

}  // namespace dateline

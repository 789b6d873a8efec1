#include "common/data_files.hpp"

#include <cstdlib>
#include <system_error>

namespace dateline {

std::filesystem::path shipped_data_file(const char* variable, std::string_view name) {
  std::error_code error;
  if (const char* env = std::getenv(variable); env != nullptr && *env != '\0') {
    std::filesystem::path path(env);  // not const: returned by move
    if (std::filesystem::is_regular_file(path, error)) return path;
  }
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path path = exe.parent_path() / ".." / "share" / "dateline" / name;
    if (std::filesystem::is_regular_file(path, error)) return path.lexically_normal();
  }
  return {};
}

}  // namespace dateline

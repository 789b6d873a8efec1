// TempDir: a fresh, empty directory under the system temp directory,
// removed with everything in it when the object goes away. Shared by all
// of dateline's test executables.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace dateline::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "dateline-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }

  // Writes `content` to `name` inside the directory; returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    std::filesystem::path path = m_path / name;  // not const: returned by move
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

 private:
  std::filesystem::path m_path;
};

}  // namespace dateline::test

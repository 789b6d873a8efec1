// File systems made for one end-to-end test: a read-only view of a
// directory, or a small tmpfs that fills up. They are mounted in a mount
// namespace of the test process's own, so they vanish with the process
// however it ends, and nothing else on the machine sees them.
//
// REQUIRES: root with CAP_SYS_ADMIN, and a single-threaded test process
// (unshare refuses otherwise). Where the machine does not allow it, the
// factories return std::nullopt and the test falls back or skips.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace dateline::test {

class Mount {
 public:
  // `path` (an existing directory) seen read-only: a read-only bind mount
  // of itself over itself.
  static std::optional<Mount> read_only(const std::filesystem::path& path);
  // A tmpfs of `bytes` at `path` (an existing, empty directory).
  static std::optional<Mount> tmpfs(const std::filesystem::path& path, std::size_t bytes);

  Mount(Mount&& other) noexcept : m_path(std::move(other.m_path)) { other.m_path.clear(); }
  Mount& operator=(Mount&&) = delete;
  Mount(const Mount&) = delete;
  ~Mount();

 private:
  explicit Mount(std::filesystem::path path) : m_path(std::move(path)) {}
  std::filesystem::path m_path;
};

// Why the last factory call returned nothing, for the skip message.
const std::string& last_mount_error();

}  // namespace dateline::test

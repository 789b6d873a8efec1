#include "tests/e2e/mounts.hpp"

#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

namespace dateline::test {
namespace {

std::string g_error;

bool fail(const std::string& what) {
  g_error = what + ": " + std::strerror(errno);
  return false;
}

// Moves this process into a mount namespace of its own, once, with no
// propagation back to the parent namespace.
bool private_namespace() {
  static const bool entered = [] {
    if (unshare(CLONE_NEWNS) != 0) return fail("unshare(CLONE_NEWNS)");
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      return fail("making / private");
    }
    return true;
  }();
  return entered;
}

}  // namespace

std::optional<Mount> Mount::read_only(const std::filesystem::path& path) {
  if (!private_namespace()) return std::nullopt;
  if (mount(path.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    fail("bind mount of " + path.string());
    return std::nullopt;
  }
  Mount bound(path);
  if (mount(nullptr, path.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
    fail("read-only remount of " + path.string());
    return std::nullopt;  // `bound` unmounts it
  }
  return bound;
}

std::optional<Mount> Mount::tmpfs(const std::filesystem::path& path, std::size_t bytes) {
  if (!private_namespace()) return std::nullopt;
  const std::string options = "size=" + std::to_string(bytes);
  if (mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    fail("tmpfs at " + path.string());
    return std::nullopt;
  }
  return Mount(path);
}

Mount::~Mount() {
  if (!m_path.empty()) umount2(m_path.c_str(), MNT_DETACH);
}

const std::string& last_mount_error() { return g_error; }

}  // namespace dateline::test

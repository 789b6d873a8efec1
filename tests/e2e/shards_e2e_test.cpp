// Shards: an index split into several databases, searched through a stub
// file locally and through Xapian's stock xapian-tcpsrv, must give the same
// totals and facet counts as one database of the same articles.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/process.hpp"

namespace dateline::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string k_tcpsrv = "/usr/bin/xapian-tcpsrv";

// A port nothing listens on now (the kernel's choice for port 0).
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // Unchecked, a failed bind left port 0 to be "free" (found by clang-tidy).
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// A stock xapian-tcpsrv serving one database on loopback, stopped with the
// object.
class Server {
 public:
  explicit Server(const std::string& db) : m_port(free_port()) {
    m_pid = fork();
    if (m_pid == 0) {
      // Its own process group: on SIGTERM the server signals its group to
      // stop the connection handlers it forked, which must not include us.
      setpgid(0, 0);
      const std::string port = std::to_string(m_port);
      execl(k_tcpsrv.c_str(), k_tcpsrv.c_str(), "--quiet", "--interface", "127.0.0.1", "--port",
            port.c_str(), db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 200 && !accepts(m_port); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ~Server() {
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
  }
  int port() const { return m_port; }

 private:
  int m_port;
  pid_t m_pid = -1;
};

Json search(const std::string& db, const std::string& query) {
  const ProcessResult r =
      run_process({k_search_bin, "--db", db, "--json", "--limit", "5", "--facets",
                   "person,location,organization,year", "--facet-limit", "50", query});
  INFO(db << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

}  // namespace

TEST_CASE("sharded and remote indexes count exactly like one database", "[e2e][shards]") {
  if (!fs::exists(k_tcpsrv)) {
    WARN("skipped: " << k_tcpsrv << " is not installed");
    return;
  }
  TempDir dir;
  const std::string whole = (dir.path() / "whole").string();
  const std::string shard_a = (dir.path() / "shard-a").string();
  const std::string shard_b = (dir.path() / "shard-b").string();
  REQUIRE(run_process({k_index_bin, "--quiet", "--db", whole, k_corpus}).exit_code == 0);
  REQUIRE(
      run_process({k_index_bin, "--quiet", "--db", shard_a, k_corpus + "/2023", k_corpus + "/misc"})
          .exit_code == 0);
  REQUIRE(run_process({k_index_bin, "--quiet", "--db", shard_b, k_corpus + "/2024",
                       k_corpus + "/2025", k_corpus + "/feeds"})
              .exit_code == 0);

  const fs::path local_stub = dir.path() / "local.stub";
  std::ofstream(local_stub) << "auto " << shard_a << "\nauto " << shard_b << "\n";
  const Server server_a(shard_a);
  const Server server_b(shard_b);
  const fs::path remote_stub = dir.path() / "remote.stub";
  std::ofstream(remote_stub) << "remote 127.0.0.1:" << server_a.port()
                             << "\nremote 127.0.0.1:" << server_b.port() << "\n";

  for (const char* query : {"talks", "geneva OR tokyo", "person:\"Daniel Okafor\"",
                            "location:US date:2024", "minister -geneva", "zzyzx"}) {
    INFO(query);
    const Json expected = search(whole, query);
    for (const fs::path& stub : {local_stub, remote_stub}) {
      INFO(stub.filename());
      const Json got = search(stub.string(), query);
      CHECK(got["total"] == expected["total"]);
      CHECK(got["total_exact"] == true);
      CHECK(got["facets"] == expected["facets"]);
    }
  }
}

}  // namespace dateline::test

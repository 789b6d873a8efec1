// Shards: an index split into several databases, searched through a stub
// file locally and through Xapian's stock xapian-tcpsrv, must give the same
// totals and facet counts as one database of the same articles.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
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
// object. The port is picked free by the kernel; should another process
// take it before the server binds it (the server then exits), another port
// is tried.
class Server {
 public:
  explicit Server(const std::string& db) {
    for (int attempt = 0; attempt < 20 && m_pid < 0; ++attempt) start(db);
    REQUIRE(m_pid > 0);
  }
  ~Server() { stop(); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return m_port; }
  pid_t pid() const { return m_pid; }
  void stop() {
    if (m_pid <= 0) return;
    kill(m_pid, SIGCONT);
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }

 private:
  void start(const std::string& db) {
    m_port = free_port();
    const pid_t pid = fork();
    if (pid == 0) {
      // Its own process group: on SIGTERM the server signals its group to
      // stop the connection handlers it forked, which must not include us.
      setpgid(0, 0);
      const int null = open("/dev/null", O_RDWR);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);  // it reports every probe that hangs up
      const std::string port = std::to_string(m_port);
      execl(k_tcpsrv.c_str(), k_tcpsrv.c_str(), "--quiet", "--interface", "127.0.0.1", "--port",
            port.c_str(), db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 400; ++i) {
      if (waitpid(pid, nullptr, WNOHANG) == pid) return;  // exited: the port was taken
      if (accepts(m_port)) {
        m_pid = pid;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }

  int m_port = 0;
  pid_t m_pid = -1;
};

const std::vector<std::string> k_facet_args = {
    "--facets", "person,location,organization,misc,author,source,site,year,month", "--facet-limit",
    "50"};

ProcessResult run_search(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {k_search_bin, "--db", db, "--json", "--limit", "8"};
  argv.insert(argv.end(), k_facet_args.begin(), k_facet_args.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// The search's JSON without its timing, the one field that may differ.
// dateline-search's JSON answer, without the time it took and with scores
// to 9 significant digits: summing a query's term weights shard by shard
// may change the last bits of a score, never the order. Articles of equal
// score are listed by id with their ranks in that order: ties stay in
// docid order, which differs between one database and its shards
// (Searcher::set_order).
Json search(const std::string& db, const std::vector<std::string>& args) {
  const ProcessResult r = run_search(db, args);
  INFO(db << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  Json json = Json::parse(r.out);
  json.erase("took_ms");
  if (json.contains("results")) {
    Json& hits = json["results"];
    for (Json& hit : hits) {
      if (!hit.contains("score")) continue;
      std::ostringstream rounded;
      rounded << std::setprecision(9) << hit["score"].get<double>();
      hit["score"] = rounded.str();
    }
    for (std::size_t begin = 0; begin < hits.size();) {
      std::size_t end = begin + 1;
      while (end < hits.size() && hits[begin].contains("score") &&
             hits[end].value("score", "") == hits[begin]["score"]) {
        ++end;
      }
      std::vector<Json> run(hits.begin() + static_cast<std::ptrdiff_t>(begin),
                            hits.begin() + static_cast<std::ptrdiff_t>(end));
      std::vector<Json> ranks;
      for (const Json& hit : run) ranks.push_back(hit.value("rank", Json()));
      std::sort(run.begin(), run.end(),
                [](const Json& a, const Json& b) { return a.value("id", "") < b.value("id", ""); });
      for (std::size_t i = 0; i < run.size(); ++i) {
        if (!ranks[i].is_null()) run[i]["rank"] = ranks[i];
        hits[begin + i] = run[i];
      }
      begin = end;
    }
  }
  return json;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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
  REQUIRE(
      run_process({k_index_bin, "--quiet", "--db", shard_b, k_corpus + "/2024", k_corpus + "/2025",
                   k_corpus + "/feeds", k_corpus + "/web", k_corpus + "/archive"})
          .exit_code == 0);

  const fs::path local_stub = dir.path() / "local.stub";
  std::ofstream(local_stub) << "auto " << shard_a << "\nauto " << shard_b << "\n";
  const Server server_a(shard_a);
  const Server server_b(shard_b);
  const fs::path remote_stub = dir.path() / "remote.stub";
  std::ofstream(remote_stub) << "remote 127.0.0.1:" << server_a.port()
                             << "\nremote 127.0.0.1:" << server_b.port() << "\n";

  for (const char* query :
       {"talks", "geneva OR tokyo", "person:\"Daniel Okafor\"", "location:US date:2024",
        "country:japan", "minister -geneva", "zzyzx", "*", "author:sandvik",
        "source:\"Harbour Wire\" OR "
        "site:example.com"}) {
    INFO(query);
    const Json expected = search(whole, {query});
    for (const fs::path& stub : {local_stub, remote_stub}) {
      INFO(stub.filename());
      const Json got = search(stub.string(), {query});
      CHECK(got["total"] == expected["total"]);
      CHECK(got["total_exact"] == true);
      CHECK(got["facets"] == expected["facets"]);
    }
  }
}

}  // namespace dateline::test

namespace dateline::test {
namespace {

// The queries the three layouts must answer alike: words, phrases,
// operators, filters, dates, sorting, paging, collapsing, a misspelling
// (the suggestion) and --like.
std::vector<std::vector<std::string>> comparison_queries(const std::string& like_id) {
  return {{"talks"},
          {"\"trade talks\""},
          {"geneva OR tokyo"},
          {"minister -geneva"},
          {"title:geneva"},
          {"person:\"Daniel Okafor\""},
          {"location:US date:2024"},
          {"date:2024-03"},
          {"--any", "geneva", "tokyo", "ceasefire"},
          {"--sort", "newest", "talks"},
          {"--sort", "oldest", "--since", "2024-01", "minister"},
          {"--offset", "3", "talks"},
          {"--no-collapse", "talks"},
          {"minsiter"},
          {"talsk geneve"},
          {"zzyzx"},
          {"--like", like_id},
          {"--like", like_id, "talks"}};
}

}  // namespace

TEST_CASE("an index split into shards answers like one database, locally and through xapian-tcpsrv",
          "[e2e][shards]") {
  if (!fs::exists(k_tcpsrv)) {
    WARN("skipped: " << k_tcpsrv << " is not installed");
    return;
  }
  TempDir dir;
  const std::string whole = (dir.path() / "whole").string();
  const std::string stub = (dir.path() / "sharded").string();
  REQUIRE(run_process({k_index_bin, "--quiet", "--db", whole, k_corpus}).exit_code == 0);
  const ProcessResult built =
      run_process({k_index_bin, "--quiet", "--json", "--db", stub, "--shards", "3", k_corpus});
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  CHECK(Json::parse(built.out)["documents"] == 62);

  // The stub lists the spelling database and three shards, each holding
  // some of the articles and together all of them.
  std::ifstream stub_in(stub);
  const std::string stub_text((std::istreambuf_iterator<char>(stub_in)),
                              std::istreambuf_iterator<char>());
  CHECK(stub_text.find("auto sharded.shards/spelling\n") != std::string::npos);
  std::vector<std::string> shard_dirs;
  for (int i = 0; i < 3; ++i) {
    CHECK(stub_text.find("auto sharded.shards/shard-" + std::to_string(i) + "\n") !=
          std::string::npos);
    shard_dirs.push_back((dir.path() / "sharded.shards" / ("shard-" + std::to_string(i))).string());
  }
  int articles_in_shards = 0;
  for (const std::string& shard : shard_dirs) {
    const Json one = search(shard, {"--since", "1900", "--no-collapse"});
    CHECK(one["articles"] > 0);
    articles_in_shards += one["articles"].get<int>();
  }
  CHECK(articles_in_shards == search(whole, {"--since", "1900", "--no-collapse"})["articles"]);

  Server server_a(shard_dirs[0]);
  Server server_b(shard_dirs[1]);
  Server server_c(shard_dirs[2]);
  const fs::path remote_stub = dir.path() / "remote.stub";
  std::ofstream(remote_stub) << "auto sharded.shards/spelling\n"
                             << "remote :tcp 127.0.0.1:" << server_a.port() << "\n"
                             << "remote 127.0.0.1:" << server_b.port() << "\n"
                             << "remote :tcp 127.0.0.1:" << server_c.port() << "\n";

  const std::string like_id = search(whole, {"talks"})["results"][0]["id"];
  for (const std::vector<std::string>& query : comparison_queries(like_id)) {
    INFO(Json(query).dump());
    const Json expected = search(whole, query);
    CHECK(expected["missing_shards"] == Json::array());
    for (const std::string& db : {stub, remote_stub.string()}) {
      INFO(db);
      CHECK(search(db, query) == expected);
    }
  }
  // A wildcard expands in each shard on its own, so its weights differ
  // from one database's (a known gap); what matches and the counts do not.
  for (const std::string& db : {stub, remote_stub.string()}) {
    const Json got = search(db, {"negotiat*"});
    const Json expected = search(whole, {"negotiat*"});
    CHECK(got["total"] == expected["total"]);
    CHECK(got["facets"] == expected["facets"]);
  }
  // The comparison covers what it claims to: suggestions, copies, facets.
  CHECK(search(whole, {"minsiter"})["suggestion"] == "minister");
  CHECK_FALSE(search(whole, {"talks"})["facets"]["person"].empty());
  CHECK(search(whole, {"--like", like_id})["total"] > 0);

  // The searcher fans out to --remote shards too.
  const Json by_option = Json::parse(
      run_process({k_search_bin, "--remote", "127.0.0.1:" + std::to_string(server_a.port()),
                   "--remote", "127.0.0.1:" + std::to_string(server_b.port()), "--remote",
                   "127.0.0.1:" + std::to_string(server_c.port()), "--json", "--limit", "8",
                   "location:US"})
          .out);
  CHECK(by_option["total"] == search(whole, {"location:US"})["total"]);

  SECTION("a shard that is down is named at once, or left out with --allow-partial") {
    const std::string down = "127.0.0.1:" + std::to_string(server_b.port());
    server_b.stop();
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult failed = run_search(remote_stub.string(), {"--timeout", "2", "talks"});
    CHECK(seconds_since(start) < 2.0);
    CHECK(failed.exit_code == 3);
    CHECK(failed.out.empty());
    CHECK(failed.err.find(down) != std::string::npos);
    CHECK(failed.err.find("--allow-partial") != std::string::npos);

    const ProcessResult partial =
        run_search(remote_stub.string(), {"--timeout", "2", "--allow-partial", "talks"});
    INFO(partial.err);
    REQUIRE(partial.exit_code == 0);
    CHECK(partial.err.find("WARNING: PARTIAL RESULTS") != std::string::npos);
    CHECK(partial.err.find(down) != std::string::npos);
    const Json json = Json::parse(partial.out);
    REQUIRE(json["missing_shards"].size() == 1);
    CHECK(json["missing_shards"][0]["shard"] == down);
    CHECK(json["articles"] < search(whole, {"talks"})["articles"]);
    CHECK(json["articles"] > 0);
  }

  SECTION("a shard that does not answer is reported within --timeout") {
    const std::string hung = "127.0.0.1:" + std::to_string(server_c.port());
    kill(server_c.pid(), SIGSTOP);  // accepts connections (the kernel does), answers nothing
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult failed = run_search(remote_stub.string(), {"--timeout", "0.5", "talks"});
    const double took = seconds_since(start);
    CHECK(took >= 0.5);
    CHECK(took < 3.0);
    CHECK(failed.exit_code == 3);
    CHECK(failed.err.find(hung) != std::string::npos);
    CHECK(failed.err.find("no answer within 0.5 s") != std::string::npos);

    const ProcessResult partial =
        run_search(remote_stub.string(), {"--timeout", "0.5", "--allow-partial", "talks"});
    CHECK(partial.exit_code == 0);
    CHECK(Json::parse(partial.out)["missing_shards"][0]["shard"] == hung);
    kill(server_c.pid(), SIGCONT);
  }
}

TEST_CASE("a remote shard that dies between two searches is dropped with --allow-partial",
          "[e2e][shards]") {
  if (!fs::exists(k_tcpsrv)) {
    WARN("skipped: " << k_tcpsrv << " is not installed");
    return;
  }
  TempDir dir;
  const std::string stub = (dir.path() / "sharded").string();
  REQUIRE(
      run_process({k_index_bin, "--quiet", "--db", stub, "--shards", "2", k_corpus}).exit_code ==
      0);
  Server first((dir.path() / "sharded.shards" / "shard-0").string());
  Server second((dir.path() / "sharded.shards" / "shard-1").string());
  const std::string gone = "127.0.0.1:" + std::to_string(second.port());
  const fs::path remote_stub = dir.path() / "remote.stub";
  std::ofstream(remote_stub) << "remote :tcp 127.0.0.1:" << first.port() << "\nremote :tcp " << gone
                             << "\n";

  // Batch mode keeps its connections open from one query to the next.
  int input[2];
  REQUIRE(pipe(input) == 0);
  const std::string out_path = (dir.path() / "out").string();
  const std::string err_path = (dir.path() / "err").string();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(input[0], STDIN_FILENO);
    close(input[1]);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execl(k_search_bin.c_str(), k_search_bin.c_str(), "--db", remote_stub.c_str(), "--json",
          "--timeout", "2", "--allow-partial", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(input[0]);
  auto lines_in = [](const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  };
  const std::string query = "talks\n";
  REQUIRE(write(input[1], query.data(), query.size()) == static_cast<ssize_t>(query.size()));
  for (int i = 0; i < 500 && lines_in(out_path).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  second.stop();
  // The second query finds the shard gone; the third expands a wildcard,
  // which needs the parser to know the shards that are left.
  const std::string queries = query + "talk*\n";
  REQUIRE(write(input[1], queries.data(), queries.size()) == static_cast<ssize_t>(queries.size()));
  close(input[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  const std::vector<std::string> lines = lines_in(out_path);
  REQUIRE(lines.size() == 3);
  const Json before = Json::parse(lines[0]);
  const Json after = Json::parse(lines[1]);
  const Json wildcard = Json::parse(lines[2]);
  CHECK(wildcard["missing_shards"] == after["missing_shards"]);
  CHECK(wildcard["articles"] > 0);
  CHECK(before["missing_shards"] == Json::array());
  REQUIRE(after["missing_shards"].size() == 1);
  CHECK(after["missing_shards"][0]["shard"] == gone);
  CHECK(after["articles"] < before["articles"]);
  CHECK(after["articles"] > 0);
  std::ifstream err_in(err_path);
  const std::string err((std::istreambuf_iterator<char>(err_in)), std::istreambuf_iterator<char>());
  CHECK(err.find("WARNING: PARTIAL RESULTS") != std::string::npos);
  CHECK(err.find(gone) != std::string::npos);
}

TEST_CASE("re-running the indexer updates a sharded index like one database", "[e2e][shards]") {
  TempDir dir;
  const fs::path corpus = dir.path() / "corpus";
  fs::copy(k_corpus, corpus, fs::copy_options::recursive);
  const std::string whole = (dir.path() / "whole").string();
  const std::string stub = (dir.path() / "sharded").string();
  REQUIRE(run_process({k_index_bin, "--quiet", "--db", whole, corpus.string()}).exit_code == 0);
  REQUIRE(run_process({k_index_bin, "--quiet", "--db", stub, "--shards", "2", corpus.string()})
              .exit_code == 0);

  // A changed file, a deleted one and a new copy of a story.
  fs::path changed;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() == ".txt") {
      if (changed.empty()) {
        changed = entry.path();
      } else {
        fs::remove(entry.path());
        break;
      }
    }
  }
  std::ofstream(changed, std::ios::app) << "\nThe quixotic zeppelin landed near the harbour.\n";
  // (With a line more, so it does not tie with the original on score:
  // exact copies of equal score are ordered by docid, which differs.)
  fs::copy_file(changed, changed.parent_path() / "copy-of-story.txt");
  std::ofstream(changed.parent_path() / "copy-of-story.txt", std::ios::app)
      << "\nA wire editor added this closing line to the story.\n";
  for (const std::string& db : {whole, stub}) {
    const ProcessResult r =
        run_process({k_index_bin, "--quiet", "--json", "--db", db, corpus.string()});
    INFO(db << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(Json::parse(r.out)["removed_files"] == 1);
  }
  for (const std::vector<std::string>& query : {std::vector<std::string>{"zeppelin"},
                                                {"--no-collapse", "zeppelin"},
                                                {"talks"},
                                                {"quixotik"},
                                                {"date:2024"}}) {
    INFO(Json(query).dump());
    CHECK(search(stub, query) == search(whole, query));
  }
  CHECK(search(stub, {"zeppelin"})["results"][0]["similar"] == 1);

  // Running again changes nothing; a different shard count is refused.
  const ProcessResult again =
      run_process({k_index_bin, "--quiet", "--json", "--db", stub, corpus.string()});
  CHECK(Json::parse(again.out)["indexed"] == 0);
  const ProcessResult reshard =
      run_process({k_index_bin, "--quiet", "--db", stub, "--shards", "3", corpus.string()});
  CHECK(reshard.exit_code == 1);
  CHECK(reshard.err.find("has 2 shards, not 3") != std::string::npos);
}

}  // namespace dateline::test

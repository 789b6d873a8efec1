#include "common/gzip_stream.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace dateline {
namespace {

// Everything a GzipStream reads from `compressed`, and where each member
// the bytes came from starts.
struct Read {
  std::string text;
  std::vector<std::uint64_t> members;
  std::vector<GzipProblem> problems;
};

Read read_all(const std::string& compressed, std::size_t piece = 7) {
  std::istringstream in(compressed);
  GzipStream stream(in);
  Read read;
  std::string buffer(piece, '\0');
  while (const std::size_t got = stream.read(buffer.data(), buffer.size())) {
    read.text.append(buffer, 0, got);
    if (read.members.empty() || read.members.back() != stream.member_offset()) {
      read.members.push_back(stream.member_offset());
    }
  }
  read.problems = stream.take_problems();
  return read;
}

}  // namespace

TEST_CASE("gzip members are read in turn, each with its offset", "[common][gzip]") {
  const std::string a = gzip_member("first member\n");
  const std::string b = gzip_member(std::string(5000, 'x'));
  const std::string c = gzip_member("third\n");
  const Read read = read_all(a + b + c);
  CHECK(read.text == "first member\n" + std::string(5000, 'x') + "third\n");
  CHECK(read.members == std::vector<std::uint64_t>{0, a.size(), a.size() + b.size()});
  CHECK(read.problems.empty());
  CHECK(read_all("").text.empty());
  CHECK(read_all("").problems.empty());
}

TEST_CASE("a truncated gzip member keeps what it held and says so", "[common][gzip]") {
  const std::string a = gzip_member("whole\n");
  std::string b = gzip_member(std::string(20000, 'y') + "tail");
  b.resize(b.size() / 2);
  const Read read = read_all(a + b, 4096);
  CHECK(read.text.starts_with("whole\n"));
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].offset == a.size());
  CHECK(read.problems[0].reason.find("truncated") != std::string::npos);
}

TEST_CASE("a damaged gzip member is skipped and the next one read", "[common][gzip]") {
  const std::string a = gzip_member("before\n");
  std::string b = gzip_member("the damaged member's text, long enough to hold deflate blocks\n");
  for (std::size_t i = 12; i < b.size() - 8; ++i) b[i] = static_cast<char>(0xff);
  const std::string c = gzip_member("after\n");
  const Read read = read_all(a + b + c);
  CHECK(read.text.starts_with("before\n"));
  CHECK(read.text.ends_with("after\n"));
  REQUIRE_FALSE(read.problems.empty());
  CHECK(read.problems[0].offset == a.size());
  CHECK(read.problems[0].reason.find("damaged") != std::string::npos);
}

TEST_CASE("gunzip bounds what it inflates", "[common][gzip]") {
  std::vector<GzipProblem> problems;
  CHECK(gunzip(gzip_member("hello"), 100, problems) == "hello");
  CHECK(problems.empty());
  CHECK(gunzip(gzip_member(std::string(1000, 'z')), 10, problems) == std::string(10, 'z'));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].reason.find("larger than 10 bytes") != std::string::npos);
  CHECK(looks_gzipped(gzip_member("x")));
  CHECK_FALSE(looks_gzipped("plain text"));
}

}  // namespace dateline

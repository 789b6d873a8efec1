#include "common/shards.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "common/error.hpp"
#include "tests/temp_dir.hpp"

namespace dateline::shards {

using Kind = ShardLocation::Kind;

TEST_CASE("stub files: local paths relative to the stub, remote shards with or without :tcp",
          "[common][shards]") {
  const std::vector<ShardLocation> got = parse_stub(
      "# a comment\n\nauto idx.shards/shard-0\nglass /abs/shard-1\n"
      "remote :tcp 10.0.0.7:33333\nremote  host.example:1 \r\nremote [::1]:4000\n",
      "/srv/news", "news.stub");
  REQUIRE(got.size() == 5);
  CHECK(got[0].kind == Kind::local);
  CHECK(got[0].path == "/srv/news/idx.shards/shard-0");
  CHECK(got[1].path == "/abs/shard-1");
  CHECK(got[2].kind == Kind::remote);
  CHECK(got[2].host == "10.0.0.7");
  CHECK(got[2].port == 33333);
  CHECK(got[2].name() == "10.0.0.7:33333");
  CHECK(got[3].host == "host.example");
  CHECK(got[3].port == 1);
  CHECK(got[4].host == "::1");
  CHECK(got[4].name() == "[::1]:4000");
}

TEST_CASE("stub files: a bad line is an error naming the file and line", "[common][shards]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"auto a\nflint b\n", "news.stub:2: expected 'auto PATH'"},
      {"remote :tcp host\n", "news.stub:1: 'host' is not HOST:PORT"},
      {"remote :tcp host:0\n", "news.stub:1: 'host:0' is not HOST:PORT with a port"},
      {"remote :tcp host:70000\n", "port from 1 to 65535"},
      {"remote :tcp host:12x\n", "port from 1 to 65535"},
      {"remote :prog xapian-progsrv db\n", "news.stub:1: remote :prog shards are not supported"},
      {"remote :tcp a:1 extra\n", "news.stub:1: expected 'remote :tcp HOST:PORT'"},
      {"auto\n", "news.stub:1: 'auto' names no database"},
      {"# nothing\n\n", "news.stub: the stub file lists no database"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse_stub(c.text, "/srv", "news.stub"), Catch::Contains(c.message));
  }
}

TEST_CASE("the stub dateline-index writes lists the spelling database and the shards",
          "[common][shards]") {
  test::TempDir dir;
  const auto stub = dir.path() / "news";
  write_local_stub(stub, 3);
  const std::vector<ShardLocation> got = read_stub(stub);
  REQUIRE(got.size() == 4);
  CHECK(got[0].path == spelling_path(stub).string());
  for (std::size_t i = 0; i < 3; ++i) CHECK(got[i + 1].path == shard_path(stub, i).string());
  CHECK(shard_path(stub, 2) == dir.path() / "news.shards" / "shard-2");
  std::ifstream in(stub);
  std::string first_line;
  std::getline(in, first_line);
  CHECK(first_line.rfind('#', 0) == 0);
}

TEST_CASE("articles are spread over shards by a stable hash of their id", "[common][shards]") {
  // Fixed values: a change would move every article of existing indexes.
  CHECK(shard_for("4f1c2a9b00d3e8f1", 3) == shard_for("4f1c2a9b00d3e8f1", 3));
  CHECK(shard_for("anything", 1) == 0);
  std::vector<std::size_t> per_shard(4);
  for (int i = 0; i < 4000; ++i) ++per_shard[shard_for(std::to_string(i * 7919), 4)];
  for (std::size_t count : per_shard) {
    CHECK(count > 850);
    CHECK(count < 1150);
  }
  CHECK(shard_for("", 5) == 0xcbf29ce484222325ULL % 5);
  CHECK_THROWS_AS(parse_remote("nohost"), Error);
}

}  // namespace dateline::shards

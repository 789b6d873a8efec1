#include "indexer/index_cli.hpp"

#include <catch2/catch.hpp>

namespace dateline {

namespace po = boost::program_options;

TEST_CASE("dateline-index parses its options into IndexParams", "[indexer][cli]") {
  const IndexCommandLine c =
      parse_index_command_line({"--db", "idx", "-l", "french", "--batch-size", "50", "-q", "-j",
                                "3", "--no-entities", "--entities", "a", "b"});
  CHECK(c.params.db_path == "idx");
  CHECK(c.params.language == "french");
  CHECK(c.params.batch_size == 50);
  CHECK(c.params.verbosity == Verbosity::quiet);
  CHECK(c.params.inputs == std::vector<std::string>{"a", "b"});
  CHECK(c.params.jobs == 3);
  CHECK(c.params.entities == EntityMode::skip);
  CHECK(c.params.list_entities == ListEntities::yes);
  CHECK(c.params.write == WriteMode::index);
}

TEST_CASE("a dry run needs no index directory", "[indexer][cli]") {
  const IndexCommandLine c = parse_index_command_line({"--dry-run", "--entities", "corpus"});
  CHECK(c.params.write == WriteMode::dry_run);
  CHECK(c.params.db_path.empty());
  CHECK_THROWS_AS(parse_index_command_line({"--ner-model", "m", "--no-entities", "--dry-run", "c"}),
                  po::error);
}

TEST_CASE("dateline-index defaults", "[indexer][cli]") {
  const IndexCommandLine c = parse_index_command_line({"-d", "idx", "corpus"});
  CHECK(c.params.language.empty());
  CHECK(c.params.batch_size == 250);
  CHECK(c.params.verbosity == Verbosity::normal);
  CHECK(c.params.jobs == 0);
  CHECK(c.params.entities == EntityMode::extract);
  CHECK(c.params.ner_model.empty());
}

TEST_CASE("dateline-index rejects bad command lines", "[indexer][cli]") {
  CHECK_THROWS_AS(parse_index_command_line({"--bogus"}), po::error);
  CHECK_THROWS_AS(parse_index_command_line({"corpus"}), po::error);       // no --db
  CHECK_THROWS_AS(parse_index_command_line({"--db", "idx"}), po::error);  // no input
  CHECK_THROWS_AS(parse_index_command_line({"--db", "idx", "--batch-size", "x", "c"}), po::error);
}

TEST_CASE("dateline-index checks every numeric option's range, naming it", "[indexer][cli]") {
  struct Case {
    std::vector<std::string> args;
    const char* message;  // empty: accepted
  };
  const Case cases[] = {
      {{"--jobs", "-1"}, "--jobs must be a whole number from 0 to 256, not '-1'"},
      {{"--jobs", "257"}, "--jobs must be a whole number from 0 to 256, not '257'"},
      {{"--jobs", "256"}, ""},
      {{"--batch-size", "-1"}, "--batch-size must be a whole number from 1 to 1000000, not '-1'"},
      {{"--batch-size", "0"}, "--batch-size must be a whole number from 1 to 1000000, not '0'"},
      {{"--part-size", "-3"}, "--part-size must be a whole number from 1 to 100000000, not '-3'"},
      {{"--part-size", "1"}, ""},
      {{"--shards", "5000"}, "--shards must be a whole number from 0 to 1024, not '5000'"},
      {{"--shards", "1024"}, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args);
    std::vector<std::string> args = {"--db", "idx"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back("corpus");
    if (std::string(c.message).empty()) {
      CHECK_NOTHROW(parse_index_command_line(args));
      continue;
    }
    try {
      parse_index_command_line(args);
      FAIL("accepted");
    } catch (const po::error& e) {
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("dateline-index --help has no stray caption line", "[indexer][cli]") {
  const std::string usage = index_usage();
  CHECK(usage.find("\n:\n") == std::string::npos);
  CHECK(usage.rfind("Usage: dateline-index --db DIR PATH...\n", 0) == 0);
}

TEST_CASE("help and version flags need nothing else", "[indexer][cli]") {
  CHECK(parse_index_command_line({"--help"}).general.help);
  CHECK(parse_index_command_line({"--version"}).general.version);
  const std::string usage = index_usage();
  CHECK_THAT(usage, Catch::Contains("--db") && Catch::Contains("--language") &&
                        Catch::Contains("english"));
}

TEST_CASE("dateline-index --shards", "[indexer][cli]") {
  CHECK(parse_index_command_line({"--db", "idx", "a"}).params.shards == 0);
  CHECK(parse_index_command_line({"--db", "idx", "--shards", "4", "a"}).params.shards == 4);
  CHECK_THROWS_AS(parse_index_command_line({"--db", "idx", "--shards", "5000", "a"}), po::error);
  CHECK_THROWS_AS(parse_index_command_line({"--dry-run", "--shards", "2", "a"}), po::error);
  CHECK_THROWS_AS(parse_index_command_line({"--db", "idx", "--shards", "x", "a"}), po::error);
}

}  // namespace dateline

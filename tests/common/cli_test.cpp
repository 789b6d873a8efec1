// Unit tests for common/cli.cpp: the shared option groups, parsed from
// argument vectors without starting a process.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <string>
#include <vector>

#include "common/cli.hpp"

namespace dateline::cli {
namespace {

namespace po = boost::program_options;

struct Parsed {
  GeneralFlags flags;
  std::string db_path;
};

// Parses `args` (without the program name) against both groups the way the
// binaries do: parse, store, notify.
Parsed parse(const std::vector<std::string>& args) {
  Parsed parsed;
  po::options_description options;
  options.add(general_options(parsed.flags)).add(database_options(parsed.db_path));
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).run(), vm);
  po::notify(vm);
  return parsed;
}

}  // namespace

TEST_CASE("general_options parses --help and --version", "[cli]") {
  struct Case {
    std::vector<std::string> args;
    bool help;
    bool version;
  };
  const Case cases[] = {
      {{}, false, false},
      {{"--help"}, true, false},
      {{"-h"}, true, false},
      {{"--version"}, false, true},
      {{"--help", "--version"}, true, true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const Parsed parsed = parse(c.args);
    CHECK(parsed.flags.help == c.help);
    CHECK(parsed.flags.version == c.version);
    CHECK(parsed.db_path.empty());
  }
}

TEST_CASE("database_options parses --db and -d", "[cli]") {
  struct Case {
    std::vector<std::string> args;
    const char* expected;
  };
  const Case cases[] = {
      {{"--db", "X"}, "X"},
      {{"-d", "X"}, "X"},
      {{"--db=/var/index"}, "/var/index"},
      {{"-d/var/index"}, "/var/index"},
      {{"--db", "dir with space"}, "dir with space"},
      {{"--help", "--db", "idx"}, "idx"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    CHECK(parse(c.args).db_path == c.expected);
  }
}

TEST_CASE("general_options parses help without a database option", "[cli]") {
  const Parsed parsed = parse({"--help"});
  CHECK(parsed.flags.help);
  CHECK(parsed.db_path.empty());
}

TEST_CASE("general_options and database_options reject bad command lines", "[cli]") {
  const std::vector<std::vector<std::string>> cases = {
      {"--db"},              // missing value
      {"--no-such-option"},  // unknown
      {"--help=yes"},        // a switch takes no value
      {"--db", "a", "--db", "b"},
  };
  for (const auto& args : cases) {
    CAPTURE(args);
    CHECK_THROWS_AS(parse(args), po::error);
  }
}

TEST_CASE("general_options and database_options describe their options", "[cli]") {
  GeneralFlags flags;
  std::string db_path;
  const po::options_description general = general_options(flags);
  const po::options_description database = database_options(db_path);
  CHECK(general.find_nothrow("help", false) != nullptr);
  CHECK(general.find_nothrow("version", false) != nullptr);
  CHECK(database.find_nothrow("db", false) != nullptr);
  CHECK(general.find_nothrow("db", false) == nullptr);
}

TEST_CASE("version_line names the program, its version and Xapian's", "[cli]") {
  const std::string line = version_line("dateline-index");
  CHECK_THAT(line, Catch::Matchers::StartsWith("dateline-index "));
  CHECK_THAT(line, Catch::Matchers::Contains("Xapian"));
  CHECK_THAT(line, Catch::Matchers::Contains(Xapian::version_string()));
  CHECK(line == "dateline-index 0.1.0 (Xapian " + std::string(Xapian::version_string()) + ")");
}

TEST_CASE("whole_number accepts digits within its range and names the option otherwise", "[cli]") {
  struct Case {
    std::vector<std::string> args;
    bool ok;
    std::size_t value;
  };
  const Case cases[] = {
      {{}, true, 7},                                       // the default
      {{"--count", "0"}, true, 0},                         // the minimum
      {{"--count", "64"}, true, 64},                       // the maximum
      {{"--count=12"}, true, 12},                          //
      {{"--count", "-1"}, false, 0},                       // Boost alone wraps this round
      {{"--count", "-5"}, false, 0},                       //
      {{"--count", "65"}, false, 0},                       // past the maximum
      {{"--count", "1e3"}, false, 0},                      // Boost alone reads 1
      {{"--count", "12abc"}, false, 0},                    //
      {{"--count", " 3"}, false, 0},                       //
      {{"--count", ""}, false, 0},                         //
      {{"--count", "99999999999999999999999"}, false, 0},  // past size_t
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    std::size_t target = 0;
    po::options_description options;
    options.add_options()("count", whole_number("count", target, 0, 64, 7), "a count");
    po::variables_map vm;
    auto run = [&] {
      po::store(po::command_line_parser(c.args).options(options).run(), vm);
      po::notify(vm);
    };
    if (c.ok) {
      run();
      CHECK(target == c.value);
    } else {
      try {
        run();
        FAIL("accepted");
      } catch (const po::error& e) {
        const std::string expected = "--count must be a whole number from 0 to 64, not '" +
                                     (c.args.size() > 1 ? c.args[1] : std::string()) + "'";
        CHECK(std::string(e.what()) == expected);
      }
    }
  }
}

TEST_CASE("usage_error_line is one line that points at --help", "[cli]") {
  CHECK(usage_error_line("dateline-index",
                         "--jobs must be a whole number from 0 to 1024, not '-1'") ==
        "dateline-index: --jobs must be a whole number from 0 to 1024, not '-1'; see "
        "dateline-index --help");
}

TEST_CASE("cli exit codes are distinct", "[cli]") {
  CHECK(k_exit_ok == 0);
  CHECK(k_exit_error != k_exit_ok);
  CHECK(k_exit_usage != k_exit_ok);
  CHECK(k_exit_usage != k_exit_error);
}

}  // namespace dateline::cli

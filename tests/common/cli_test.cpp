// Unit tests for common/cli.cpp: the shared option groups, parsed from
// argument vectors without starting a process, and run_main, the main() of
// every binary and tool, run on a program made up here.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "common/error.hpp"

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

TEST_CASE("version_line names the program, the project's version and Xapian's", "[cli]") {
  // DATELINE_PROJECT_VERSION is CMake's project(VERSION), passed to the
  // tests by tests/CMakeLists.txt: the version is written there alone.
  CHECK(version() == DATELINE_PROJECT_VERSION);
  CHECK(version_line("dateline-index") == "dateline-index " DATELINE_PROJECT_VERSION " (Xapian " +
                                              std::string(Xapian::version_string()) + ")");
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

TEST_CASE("parse_whole_number takes plain digits within the range", "[cli]") {
  struct Case {
    const char* text;
    std::optional<std::size_t> expected;
  };
  const Case cases[] = {
      {"0", 0},
      {"5", 5},
      {"10", 10},
      {"11", std::nullopt},
      {"", std::nullopt},
      {"-1", std::nullopt},
      {"+3", std::nullopt},
      {" 3", std::nullopt},
      {"3 ", std::nullopt},
      {"1e3", std::nullopt},
      {"0x10", std::nullopt},
      {"99999999999999999999999", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(parse_whole_number(c.text, 0, 10) == c.expected);
  }
  CHECK(parse_whole_number("2", 3, 10) == std::nullopt);
  CHECK(whole_number_error("N", 0, 9, "x") == "N must be a whole number from 0 to 9, not 'x'");
}

TEST_CASE("parse_arguments fills the options and the positional arguments", "[cli]") {
  std::size_t count = 0;
  std::vector<std::string> files;
  po::options_description options;
  options.add_options()("count", whole_number("count", count, 1, 9, 3), "a count")(
      "file", po::value(&files)->composing(), "files");
  po::positional_options_description positional;
  positional.add("file", -1);
  const po::variables_map vm = parse_arguments({"a", "--count", "4", "b"}, options, positional);
  CHECK(count == 4);
  CHECK(files == std::vector<std::string>{"a", "b"});
  CHECK(vm.count("count") == 1);
  CHECK_THROWS_AS(parse_arguments({"a"}, options), po::error);  // no positional arguments
  CHECK_THROWS_AS(parse_arguments({"--count", "0"}, options), po::error);
}

namespace {

class OwnError : public Error {
 public:
  using Error::Error;
};

// Throws what `kind` names, as a program's parse or run might.
[[noreturn]] void throw_kind(const std::string& kind) {
  if (kind == "usage") throw po::error("--x must be 1");
  if (kind == "dateline") throw Error("index 'i' is not a dateline index");
  if (kind == "own") throw OwnError("shard a is down");
  if (kind == "xapian") throw Xapian::DatabaseOpeningError("Couldn't detect type of database");
  if (kind == "std") throw std::runtime_error("disk full");
  throw 42;
}

}  // namespace

TEST_CASE("current_failure maps each kind of exception to its status and message", "[cli]") {
  struct Case {
    const char* kind;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"usage", k_exit_usage, "--x must be 1"},
      {"dateline", k_exit_error, "index 'i' is not a dateline index"},
      {"own", k_exit_shard, "shards: shard a is down"},
      {"xapian", k_exit_error, "db 'd': DatabaseOpeningError: Couldn't detect type of database"},
      {"std", k_exit_error, "disk full"},
      {"int", k_exit_error, "unknown error"},
  };
  const ErrorPolicy policy{.rules = {error_rule<OwnError>(k_exit_shard, "shards: ")},
                           .xapian_prefix = "db 'd': "};
  for (const Case& c : cases) {
    CAPTURE(c.kind);
    Failure failure;
    try {
      throw_kind(c.kind);
    } catch (...) {
      failure = current_failure(policy);
    }
    CHECK(failure.status == c.status);
    CHECK(failure.message == c.message);
  }
  // Without the program's rule, its error is a dateline::Error like another.
  try {
    throw_kind("own");
  } catch (...) {
    const Failure failure = current_failure({});
    CHECK(failure.status == k_exit_error);
    CHECK(failure.message == "shard a is down");
  }
}

TEST_CASE("failure_line points a usage failure at --help", "[cli]") {
  CHECK(failure_line("tool", {k_exit_usage, "--x must be 1"}) ==
        "tool: --x must be 1; see tool --help");
  CHECK(failure_line("tool", {k_exit_error, "disk full"}) == "tool: disk full");
  CHECK(failure_line("tool", {k_exit_shard, "shard a is down"}) == "tool: shard a is down");
}

namespace {

// A program made up for run_main: --help, --version, and "--fail KIND",
// which makes its run throw that kind of exception.
struct ToyCommandLine {
  GeneralFlags general;
  std::string fail;
  std::string fail_in_parse;
};

ToyCommandLine parse_toy(const std::vector<std::string>& args) {
  ToyCommandLine c;
  po::options_description options = general_options(c.general);
  options.add_options()("fail", po::value(&c.fail), "")("fail-in-parse",
                                                        po::value(&c.fail_in_parse), "");
  parse_arguments(args, options);
  if (!c.fail_in_parse.empty()) throw_kind(c.fail_in_parse);
  return c;
}

struct Ran {
  int status = -1;
  std::string out;
  std::string err;
  bool ran = false;
};

Ran run_toy(const std::vector<std::string>& args) {
  Ran ran;
  const Program<ToyCommandLine> toy{
      .name = "toy",
      .parse = parse_toy,
      .usage = [] { return std::string("Usage: toy\n"); },
      .run =
          [&](ToyCommandLine& c) {
            ran.ran = true;
            if (!c.fail.empty()) throw_kind(c.fail);
            return k_exit_interrupted;  // a status of the program's own
          },
      .errors =
          [](const ToyCommandLine&) {
            return ErrorPolicy{.rules = {error_rule<OwnError>(k_exit_shard)},
                               .xapian_prefix = "db: "};
          }};
  std::ostringstream out;
  std::ostringstream err;
  ran.status = run_main(toy, args, out, err);
  ran.out = out.str();
  ran.err = err.str();
  return ran;
}

}  // namespace

TEST_CASE("run_main parses, answers --help and --version, runs, and maps errors", "[cli]") {
  struct Case {
    std::vector<std::string> args;
    int status;
    std::string out;
    std::string err;
    bool ran;
  };
  const std::string version =
      "toy " DATELINE_PROJECT_VERSION " (Xapian " + std::string(Xapian::version_string()) + ")\n";
  const Case cases[] = {
      {{}, k_exit_interrupted, "", "", true},
      {{"--help"}, k_exit_ok, "Usage: toy\n", "", false},
      {{"--version"}, k_exit_ok, version, "", false},
      {{"--help", "--version"}, k_exit_ok, "Usage: toy\n", "", false},
      {{"--colour"},
       k_exit_usage,
       "",
       "toy: unrecognised option '--colour'; see toy --help\n",
       false},
      {{"--fail-in-parse", "dateline"},
       k_exit_error,
       "",
       "toy: index 'i' is not a dateline index\n",
       false},
      {{"--fail", "usage"}, k_exit_usage, "", "toy: --x must be 1; see toy --help\n", true},
      {{"--fail", "dateline"}, k_exit_error, "", "toy: index 'i' is not a dateline index\n", true},
      {{"--fail", "own"}, k_exit_shard, "", "toy: shard a is down\n", true},
      {{"--fail", "xapian"},
       k_exit_error,
       "",
       "toy: db: DatabaseOpeningError: Couldn't detect type of database\n",
       true},
      {{"--fail", "std"}, k_exit_error, "", "toy: disk full\n", true},
      {{"--fail", "int"}, k_exit_error, "", "toy: unknown error\n", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args);
    const Ran ran = run_toy(c.args);
    CHECK(ran.status == c.status);
    CHECK(ran.out == c.out);
    CHECK(ran.err == c.err);
    CHECK(ran.ran == c.ran);
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

// Hostile input, end to end: articles that try to drive the terminal or
// break JSON, queries built to exhaust the parser, an index that cannot be
// written or is of another schema version, and inputs that are not files.
// What cli_e2e_test.cpp already covers (a FIFO inside a walked directory,
// malformed files, the searcher refusing another schema version, the
// shell's escape sequences) is not repeated here.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/mounts.hpp"
#include "tests/e2e/process.hpp"

namespace dateline::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace std::chrono_literals;

// A hang guard, not a speed test: generous enough for a sanitizer build
// on a busy machine, far below "a minute of CPU".
constexpr auto k_hang_guard = 20s;

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// The first byte sequence in `text` a terminal would act on or that is not
// UTF-8, described for the failure message; empty when there is none.
// `allowed` escape sequences (dateline's own bold, dim and reset) are
// skipped.
std::string first_raw_control(const std::string& text, const std::vector<std::string>& allowed) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\x1b') {
      bool ours = false;
      for (const std::string& sequence : allowed) {
        if (text.compare(i, sequence.size(), sequence) == 0) {
          i += sequence.size() - 1;
          ours = true;
          break;
        }
      }
      if (ours) continue;
    }
    std::ostringstream where;
    where << "byte " << i << " near '" << text.substr(i > 20 ? i - 20 : 0, 40) << "'";
    if ((c < 0x20 && c != '\n') || c == 0x7f)
      return "control " + std::to_string(c) + " at " + where.str();
    if (c < 0x80) continue;
    // A UTF-8 sequence: its length from the lead byte, then continuations.
    const std::size_t length = c >= 0xf0 && c <= 0xf4   ? 4
                               : c >= 0xe0 && c <= 0xef ? 3
                               : c >= 0xc2 && c <= 0xdf ? 2
                                                        : 0;
    if (length == 0 || i + length > text.size()) return "invalid UTF-8 at " + where.str();
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) {
        return "invalid UTF-8 at " + where.str();
      }
    }
    // C1 controls U+0080..U+009F (0x9b is CSI, an escape by itself).
    if (c == 0xc2 && static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      return "C1 control at " + where.str();
    }
    i += length - 1;
  }
  return "";
}

const std::vector<std::string> k_our_styles = {"\x1b[0m", "\x1b[1m", "\x1b[2m"};

// An archive whose every field holds escape sequences: OSC (retitle the
// window, hyperlinks), CSI (clear the screen, move the cursor, ask the
// terminal to answer), C1 CSI both as UTF-8 and as a latin-1 byte, BEL,
// backspace and DEL. One file name holds an escape too, and so does the
// name of a file the indexer reports as bad.
fs::path write_escape_archive(const fs::path& root) {
  fs::path in = root / "in";
  fs::create_directories(in);
  write_bytes(in / "esc.txt",
              "Date: 2024-05-01\n"
              "Source: Evil \x1b]0;pwned\x07 Wire\n"
              "Author: \x1b[31mRed\x1b[0m Writer\n"
              "URL: http://example.com/\x1b[2J\n\n"
              "Zanzibar \x1b[2J\x1b[H ferry \x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\ back "
              "in service\n\n"
              "The Zanzibar ferry \x1b[6n resumed \xc2\x9b"
              "31m service on Monday \x07\x08\x7f said Daniel Okafor in Geneva.\n");
  write_bytes(in / "feed.jsonl",
              R"({"title": "Zanzibar port \u001b]2;owned\u0007 reopens", )"
              R"("body": "Zanzibar port \u009b2J reopened \u001b[5n today.", )"
              R"("source": "Wire \u001b[41m", "author": "\u001bc", "url": "x\u009d0;t\u009c", )"
              R"("date": "2024-05-02"})"
              "\n");
  write_bytes(in / "wire.sgm",
              "<REUTERS NEWID=\"7\"><DATE>2-MAY-2024</DATE><TEXT><TITLE>ZANZIBAR \x9b"
              "2J TRADE</TITLE><BODY>Zanzibar trade \x1b[2J grew.\n Reuter\n</BODY></TEXT>"
              "</REUTERS>\n");
  write_bytes(in / "named-\x1b]0;x\x07.txt", "Zanzibar name headline here\n\nZanzibar again.\n");
  write_bytes(in / "bad-\x1b[2J\xc2\x9b.txt", "");  // empty: reported on stderr by name
  return in;
}

}  // namespace

TEST_CASE("escape sequences in articles never reach the terminal raw", "[e2e][hostile]") {
  TempDir dir;
  const fs::path in = write_escape_archive(dir.path());
  const std::string db = (dir.path() / "db").string();
  const ProcessResult index = run_process({k_index_bin, "--db", db, in.string()});
  INFO(index.err);
  REQUIRE(index.exit_code == 0);
  CHECK(first_raw_control(index.out, {}).empty());
  CHECK(first_raw_control(index.err, {}).empty());
  CHECK(index.err.find("empty file") != std::string::npos);  // reported, name made safe

  for (const char* color : {"never", "always"}) {
    INFO("--color " << color);
    const ProcessResult r =
        run_process({k_search_bin, "--db", db, "--color", color, "--limit", "10", "--facets",
                     "person,location,organization,source", "zanzibar"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("4 matches") != std::string::npos);  // every article was found
    CHECK(r.out.find("resumed") != std::string::npos);
    CHECK(first_raw_control(
              r.out, std::string(color) == "always" ? k_our_styles : std::vector<std::string>{})
              .empty());
    CHECK(first_raw_control(r.err, {}).empty());
    if (std::string(color) == "always") CHECK(r.out.find("\x1b[1m") != std::string::npos);
  }
  // The same articles as JSON: escapes are escaped, never raw.
  const ProcessResult json = run_process({k_search_bin, "--db", db, "--json", "zanzibar"});
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.find('\x1b') == std::string::npos);
  CHECK(Json::parse(json.out)["total"] == 4);
}

TEST_CASE("JSON output is valid whatever control characters and bytes the articles hold",
          "[e2e][hostile]") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  fs::create_directories(in);
  std::string controls;
  for (int c = 1; c < 0x20; ++c) {
    if (c != '\n') controls += static_cast<char>(c);
  }
  controls += '\x7f';
  write_bytes(in / "controls.txt",
              "Okapi controls " + controls + " headline\n\nOkapi body " + controls + " ends.\n");
  // Bytes that are not UTF-8: stray continuation and lead bytes, a cut
  // sequence, an overlong '/', a UTF-16 surrogate, a code point over
  // U+10FFFF.
  const std::string invalid = "\xff\xfe \x80 caf\xc3 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80";
  write_bytes(in / "invalid.txt",
              "Okapi invalid " + invalid + " headline\n\nOkapi body " + invalid + " ends.\n");
  write_bytes(in / "feed.jsonl",
              R"({"title": "Okapi escaped \u0000\u0001\u001f\u007f\u0085 title", )"
              R"("body": "Okapi body \u0008\u000c.", "source": "S\u0002", "author": "A\u0003"})"
              "\n"
              "{\"title\": \"Okapi raw " +
                  invalid + "\", \"body\": \"x\"}\n" +
                  R"({"title": "Okapi lone surrogate \ud800", "body": "x"})" + "\n");
  // A file name that is no UTF-8 and holds a control.
  write_bytes(in / "caf\xe9-\x01.txt", "Okapi latin name headline\n\nOkapi named.\n");

  const std::string db = (dir.path() / "db").string();
  const ProcessResult index =
      run_process({k_index_bin, "--db", db, "--json", "--quiet", in.string()});
  INFO(index.err);
  REQUIRE(index.exit_code == 0);
  const Json summary = Json::parse(index.out);  // throws on anything invalid
  CHECK(summary["documents"].get<int>() >= 4);
  CHECK(summary["invalid_utf8"].get<int>() > 0);

  const ProcessResult entities = run_process({k_index_bin, "--dry-run", "--entities", in.string()});
  REQUIRE(entities.exit_code == 0);
  std::istringstream entity_lines(entities.out);
  int listed = 0;
  for (std::string line; std::getline(entity_lines, line); ++listed) {
    INFO(line);
    CHECK_NOTHROW(Json::parse(line));
  }
  CHECK(listed >= 4);

  const ProcessResult search =
      run_process({k_search_bin, "--db", db, "--json", "--limit", "20", "okapi"});
  INFO(search.err);
  REQUIRE(search.exit_code == 0);
  const Json result = Json::parse(search.out);
  REQUIRE(result["total"].get<int>() >= 4);
  for (const Json& hit : result["results"]) {
    // Text from articles holds no controls at all, escaped or not (the
    // path is the file's true name, \u0001 and all).
    for (const char* field : {"title", "snippet", "source"}) {
      const std::string value = hit[field].get<std::string>();
      INFO(field << ": " << value);
      CHECK(first_raw_control(value, {}).empty());
    }
    CHECK(hit["path"].is_string());
  }

  // Queries holding the same bytes, one per line in batch mode: one JSON
  // object per line, answer or error.
  const fs::path queries = dir.path() / "queries";
  write_bytes(queries, "okapi " + invalid + "\nokapi " + controls.substr(0, 8) + "\n\"okapi " +
                           invalid + "\n" + invalid + "\n");
  const ProcessResult batch = run_process({k_search_bin, "--db", db, "--json"}, queries.string());
  CHECK((batch.exit_code == 0 || batch.exit_code == 1));
  std::istringstream batch_lines(batch.out);
  int answered = 0;
  for (std::string line; std::getline(batch_lines, line); ++answered) {
    INFO(line);
    const Json object = Json::parse(line);
    CHECK((object.contains("error") || object.contains("total")));
  }
  CHECK(answered == 4);
  // And as a command-line argument.
  const ProcessResult argument = run_process({k_search_bin, "--db", db, "--json", "okapi\xff\x01"});
  REQUIRE(argument.exit_code == 0);
  CHECK_NOTHROW(Json::parse(argument.out));
}

TEST_CASE("huge and deeply nested queries give an error or an answer, quickly", "[e2e][hostile]") {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_process({k_index_bin, "--db", db, "--no-entities", k_corpus}).exit_code == 0);
  const auto nested = [](std::size_t depth, const std::string& inner) {
    return std::string(depth, '(') + inner + std::string(depth, ')');
  };
  std::string alternating;  // (okafor AND (okafor OR (okafor AND ... okafor)))
  for (int i = 0; i < 600; ++i) alternating += i % 2 ? "(okafor OR " : "(okafor AND ";
  alternating += "okafor" + std::string(600, ')');
  std::string wildcards;  // within the length limit, over the wildcard limit
  for (int i = 0; i < 1600; ++i)
    wildcards += std::string(1, static_cast<char>('a' + i % 26)) + "* ";
  std::string some_wildcards;
  for (int i = 0; i < 64; ++i) {
    some_wildcards += std::string(i > 0 ? " OR " : "") + static_cast<char>('a' + i % 26) + "*";
  }

  struct Case {
    std::string name;
    std::string query;
    int exit_code;
    const char* message;  // on stderr when it fails
  };
  const Case cases[] = {
      {"100,000 characters", std::string(100'000, 'a'), 1, "longer than 8192 bytes"},
      {"100,000 characters of operators",
       [] {
         std::string q;
         while (q.size() < 100'000) q += "okafor OR ";
         return q + "okafor";
       }(),
       1, "longer than 8192 bytes"},
      {"10,000 nested parentheses", nested(10'000, "okafor"), 1, "longer than 8192 bytes"},
      {"4,000 nested parentheses", nested(4'000, "okafor"), 0, nullptr},
      {"4,000 unclosed parentheses", std::string(4'000, '(') + "okafor", 1, "never closed"},
      {"4,000 unopened parentheses", "okafor" + std::string(4'000, ')'), 1, "without a matching"},
      {"600 alternating nested operators", alternating, 0, nullptr},
      {"1,600 wildcards", wildcards, 1, "more than 64 wildcards"},
      {"64 wildcards", some_wildcards, 0, nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const ProcessResult r =
        run_process_within(k_hang_guard, {k_search_bin, "--db", db, "--json", "--", c.query});
    INFO(r.err.substr(0, 300) << " (" << r.seconds << " s)");
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == c.exit_code);
    if (c.message != nullptr) {
      CHECK(r.err.find(c.message) != std::string::npos);
      CHECK(r.err.rfind("dateline-search: bad query: ", 0) == 0);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    } else {
      CHECK(Json::parse(r.out)["total"].get<int>() > 0);
    }
  }
  // The same queries one per line in batch mode: a JSON object for each.
  const fs::path lines = dir.path() / "queries";
  {
    std::ofstream out(lines, std::ios::binary);
    for (const Case& c : cases) out << c.query << '\n';
  }
  const ProcessResult batch =
      run_process_within(k_hang_guard, {k_search_bin, "--db", db, "--json"}, lines.string());
  CHECK_FALSE(batch.timed_out);
  CHECK(batch.exit_code == 1);
  std::istringstream answers(batch.out);
  std::size_t n = 0;
  for (std::string line; std::getline(answers, line); ++n) {
    REQUIRE(n < std::size(cases));
    INFO(cases[n].name);
    CHECK(Json::parse(line).contains("error") == (cases[n].exit_code == 1));
  }
  CHECK(n == std::size(cases));
}

TEST_CASE("the indexer refuses an index of another schema version, and --rebuild replaces it",
          "[e2e][hostile]") {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  const std::string misc = k_corpus + "/misc";
  REQUIRE(run_process({k_index_bin, "--db", db, "--no-entities", misc}).exit_code == 0);
  REQUIRE(run_process({"/usr/bin/xapian-metadata", "set", db, "dateline:schema_version", "999"})
              .exit_code == 0);
  const ProcessResult refused = run_process({k_index_bin, "--db", db, "--no-entities", k_corpus});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("schema version 999") != std::string::npos);
  CHECK(refused.err.find("--rebuild") != std::string::npos);
  // Untouched: still version 999, still only misc/'s articles.
  const ProcessResult version =
      run_process({"/usr/bin/xapian-metadata", "get", db, "dateline:schema_version"});
  CHECK(version.out == "999\n");
  const ProcessResult rebuilt =
      run_process({k_index_bin, "--db", db, "--no-entities", "--rebuild", k_corpus});
  INFO(rebuilt.err);
  CHECK(rebuilt.exit_code == 0);
  const ProcessResult search = run_process({k_search_bin, "--db", db, "--json", "okafor"});
  REQUIRE(search.exit_code == 0);
  CHECK(Json::parse(search.out)["total"].get<int>() > 0);
}

// Root ignores file permissions, so a read-only index is made with a
// read-only bind mount when the machine allows one, and with chmod when
// not running as root; as root without mounts, this part is skipped.
TEST_CASE("a read-only index is searched, and the indexer says it cannot write it",
          "[e2e][hostile]") {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_process({k_index_bin, "--db", db, "--no-entities", k_corpus}).exit_code == 0);
  const ProcessResult before = run_process({k_search_bin, "--db", db, "--json", "okafor"});
  REQUIRE(before.exit_code == 0);

  std::optional<Mount> read_only = Mount::read_only(db);
  if (!read_only) {
    if (geteuid() == 0) {
      WARN("read-only part skipped: " << last_mount_error());
      return;
    }
    for (const auto& entry : fs::directory_iterator(db)) {
      fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::remove);
    }
    fs::permissions(db, fs::perms::owner_write, fs::perm_options::remove);
  }
  const ProcessResult search = run_process({k_search_bin, "--db", db, "--json", "okafor"});
  INFO(search.err);
  REQUIRE(search.exit_code == 0);
  CHECK(Json::parse(search.out)["total"] == Json::parse(before.out)["total"]);

  for (const char* mode : {"--quiet", "--rebuild"}) {
    INFO(mode);
    const ProcessResult r = run_process({k_index_bin, mode, "--db", db, "--no-entities", k_corpus});
    CHECK(r.exit_code == 1);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("'" + db + "'") != std::string::npos);
    // Not mistaken for another writer holding the lock.
    CHECK(r.err.find("another process") == std::string::npos);
  }
  const ProcessResult after = run_process({k_search_bin, "--db", db, "--json", "okafor"});
  REQUIRE(after.exit_code == 0);
  CHECK(Json::parse(after.out)["total"] == Json::parse(before.out)["total"]);
  if (!read_only) fs::permissions(db, fs::perms::owner_write, fs::perm_options::add);
}

TEST_CASE("an index path below a regular file is a clear error", "[e2e][hostile]") {
  TempDir dir;
  const fs::path file = dir.write("file", "not a directory");
  const ProcessResult r =
      run_process({k_index_bin, "--db", (file / "db").string(), "--no-entities", k_corpus});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("Not a directory") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("a FIFO or a device named on the command line is skipped, not hung on",
          "[e2e][hostile]") {
  TempDir dir;
  const fs::path fifo = dir.path() / "pipe.txt";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path zero_link = dir.path() / "zero.txt";  // read by its extension, were it opened
  fs::create_symlink("/dev/zero", zero_link);
  const fs::path good = dir.write("good.txt", "A good headline about okapis\n\nOkapis here.\n");

  for (const std::string& input :
       {fifo.string(), std::string("/dev/zero"), std::string("/dev/null"), zero_link.string()}) {
    INFO(input);
    const std::string db = (dir.path() / "db").string();
    const ProcessResult r = run_process_within(
        k_hang_guard, {k_index_bin, "--db", db, "--no-entities", input, good.string()});
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find(input + ": not a regular file") != std::string::npos);
    CHECK(r.out.find("index holds 1 articles") != std::string::npos);
    // With --dry-run too (it walks the same way).
    const ProcessResult dry =
        run_process_within(k_hang_guard, {k_index_bin, "--dry-run", "--no-entities", input});
    CHECK_FALSE(dry.timed_out);
    CHECK(dry.exit_code == 0);
    CHECK(dry.err.find("not a regular file") != std::string::npos);
  }
}

}  // namespace dateline::test

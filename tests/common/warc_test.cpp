#include "common/warc.hpp"
#include "common/gzip_stream.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "tests/common/warc_test_support.hpp"

namespace dateline {
namespace {

using test::http;
using test::record;

const std::string k_page = "<html><head><title>T</title></head><body><p>Story.</p></body></html>";
const std::string k_http = "application/http; msgtype=response";

struct Walk {
  std::vector<WarcRecord> records;
  std::vector<WarcProblem> problems;
};

Walk walk(const std::string& bytes) {
  std::istringstream in(bytes);
  WarcReader reader(in);
  Walk walked;
  while (std::optional<WarcRecord> r = reader.next()) walked.records.push_back(std::move(*r));
  walked.problems = reader.take_problems();
  return walked;
}

}  // namespace

TEST_CASE("WARC records are read by their framing, 1.0 and 1.1", "[common][warc]") {
  const std::string first = record("warcinfo", "", "application/warc-fields", "software: test\r\n");
  const std::string second = record(
      "response", "<http://example.com/news/>", k_http,
      http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", k_page), 0, "WARC/1.0");
  const std::string third = record("resource", "http://example.com/a", "text/html", k_page);
  const Walk walked = walk(first + second + third);
  CHECK(walked.problems.empty());
  REQUIRE(walked.records.size() == 3);
  CHECK(walked.records[0].type == "warcinfo");
  CHECK(walked.records[0].offset == 0);
  CHECK(walked.records[1].version == "WARC/1.0");
  CHECK(walked.records[1].target_uri == "http://example.com/news/");  // a URI ending in '/' stays
  CHECK(walked.records[1].date == "2016-07-15T10:04:31Z");
  CHECK(walked.records[1].offset == first.size());
  CHECK(walked.records[2].offset == first.size() + second.size());
  CHECK(walked.records[2].block == k_page);
}

TEST_CASE("only HTML responses with a 2xx status and HTML resources are pages", "[common][warc]") {
  const std::vector<std::pair<std::string, WarcVerdict>> cases = {
      {record("request", "http://e.com/", "application/http; msgtype=request",
              "GET / HTTP/1.1\r\n\r\n"),
       WarcVerdict::not_response},
      {record("metadata", "http://e.com/", "application/warc-fields", "via: x\r\n"),
       WarcVerdict::not_response},
      {record("response", "http://e.com/", k_http,
              http("200 OK", "Content-Type: text/html\r\n", k_page)),
       WarcVerdict::page},
      {record("response", "http://e.com/x", k_http,
              http("200 OK", "Content-Type: application/xhtml+xml\r\n", k_page)),
       WarcVerdict::page},
      {record("response", "http://e.com/", k_http,
              http("301 Moved Permanently", "Location: http://e.com/a\r\n", "")),
       WarcVerdict::redirect},
      {record("response", "http://e.com/", k_http,
              http("404 Not Found", "Content-Type: text/html\r\n", k_page)),
       WarcVerdict::error_status},
      {record("response", "http://e.com/i.png", k_http,
              http("200 OK", "Content-Type: image/png\r\n", "\x89PNG")),
       WarcVerdict::not_html},
      {record("resource", "file:///a.pdf", "application/pdf", "%PDF"), WarcVerdict::not_html},
  };
  for (const auto& [bytes, verdict] : cases) {
    INFO(bytes);
    const Walk walked = walk(bytes);
    REQUIRE(walked.records.size() == 1);
    WarcPage page;
    CHECK(page_of(walked.records[0], page) == verdict);
  }
}

TEST_CASE("a page's HTTP charset, chunks and content encoding are read", "[common][warc]") {
  WarcPage page;
  SECTION("charset from the HTTP header") {
    const Walk walked = walk(
        record("response", "http://e.com/", k_http,
               http("200 OK", "Content-Type: text/html; charset=\"Windows-1252\"\r\n", k_page)));
    REQUIRE(page_of(walked.records.at(0), page) == WarcVerdict::page);
    CHECK(page.charset == "windows-1252");
    CHECK(page.html == k_page);
    CHECK(page.url == "http://e.com/");
    CHECK(page.date == "2016-07-15T10:04:31Z");
  }
  SECTION("chunked transfer") {
    const std::string chunked = "10\r\n" + k_page.substr(0, 16) + "\r\n" +
                                [] {
                                  char size[16];
                                  std::snprintf(size, sizeof size, "%zx", k_page.size() - 16);
                                  return std::string(size);
                                }() +
                                "\r\n" + k_page.substr(16) + "\r\n0\r\n\r\n";
    const Walk walked = walk(record(
        "response", "http://e.com/", k_http,
        http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked)));
    REQUIRE(page_of(walked.records.at(0), page) == WarcVerdict::page);
    CHECK(page.html == k_page);
  }
  SECTION("gzip content encoding, as wget stores it") {
    const Walk walked =
        walk(record("response", "http://e.com/", k_http,
                    http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                         gzip_member(k_page))));
    REQUIRE(page_of(walked.records.at(0), page) == WarcVerdict::page);
    CHECK(page.html == k_page);
  }
}

TEST_CASE("a record with a wrong length is reported and the next one read", "[common][warc]") {
  const std::string good = record("resource", "http://e.com/1", "text/html", k_page);
  for (long error : {-10L, 10L, 200L}) {
    INFO(error);
    const std::string bad = record("resource", "http://e.com/2", "text/html", k_page, error);
    const std::string last = record("resource", "http://e.com/3", "text/html", k_page);
    const Walk walked = walk(good + bad + last);
    REQUIRE(walked.problems.size() == 1);
    CHECK(walked.problems[0].offset == good.size());
    CHECK(walked.problems[0].reason.find("Content-Length") != std::string::npos);
    REQUIRE(walked.records.size() == 2);
    CHECK(walked.records[0].target_uri == "http://e.com/1");
    CHECK(walked.records[1].target_uri == "http://e.com/3");
  }
}

TEST_CASE("damage before, between and after records loses only what it touches", "[common][warc]") {
  const std::string good = record("resource", "http://e.com/1", "text/html", k_page);
  SECTION("junk before the first record") {
    const Walk walked = walk("not a warc line\r\n" + good);
    REQUIRE(walked.records.size() == 1);
    REQUIRE(walked.problems.size() == 1);
    CHECK(walked.problems[0].offset == 0);
  }
  SECTION("a record cut off by the end of the file") {
    const std::string cut = record("resource", "http://e.com/2", "text/html", k_page);
    const Walk walked = walk(good + cut.substr(0, cut.size() - 40));
    REQUIRE(walked.records.size() == 1);
    REQUIRE(walked.problems.size() == 1);
    CHECK(walked.problems[0].offset == good.size());
    CHECK(walked.problems[0].reason.find("cut off") != std::string::npos);
  }
}

TEST_CASE("a .warc.gz is read member by member, offsets being the members'", "[common][warc]") {
  const std::string a = gzip_member(record("warcinfo", "", "application/warc-fields", "x: y\r\n"));
  const std::string b = gzip_member(record("resource", "http://e.com/1", "text/html", k_page));
  std::string damaged = gzip_member(record("resource", "http://e.com/2", "text/html", k_page));
  for (std::size_t i = 12; i < damaged.size() - 8; ++i) damaged[i] = static_cast<char>(0xff);
  const std::string c = gzip_member(record("resource", "http://e.com/3", "text/html", k_page));
  const Walk walked = walk(a + b + damaged + c);
  REQUIRE(walked.records.size() == 3);
  CHECK(walked.records[0].offset == 0);
  CHECK(walked.records[1].offset == a.size());
  CHECK(walked.records[1].block == k_page);
  CHECK(walked.records[2].target_uri == "http://e.com/3");
  CHECK(walked.records[2].offset == a.size() + b.size() + damaged.size());
  REQUIRE_FALSE(walked.problems.empty());
  CHECK(walked.problems[0].offset == a.size() + b.size());
}

}  // namespace dateline

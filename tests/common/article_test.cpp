// Unit tests for common/article.cpp: date parsing, dates implied by paths,
// Date formatting, article ids and Article::body_text.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "common/article.hpp"

namespace dateline {
namespace {

// "2024-03-14", or "none" for nullopt, so a table row states its expectation
// as one short string and a failure prints something readable.
std::string iso_or_none(const std::optional<Date>& date) { return date ? date->iso() : "none"; }

struct DateCase {
  const char* input;
  const char* expected;  // ISO date, or "none"
};

}  // namespace

TEST_CASE("parse_date accepts the documented forms", "[article][date]") {
  const DateCase cases[] = {
      // ISO 8601 and its slash variant.
      {"2024-03-14", "2024-03-14"},
      {"2024-03-14T08:30:00Z", "2024-03-14"},
      {"2024-03-14T08:30:00+05:00", "2024-03-14"},
      {"2024-03-14 08:30", "2024-03-14"},
      {"2024/03/14", "2024-03-14"},
      {"  2024-03-14", "2024-03-14"},
      {"1999-12-31", "1999-12-31"},
      // Day, month name, year.
      {"14 March 2024", "2024-03-14"},
      {"14 Mar 2024", "2024-03-14"},
      {"1 january 2024", "2024-01-01"},
      {"5 Sept 2023", "2023-09-05"},
      {"5 Sep 2023", "2023-09-05"},
      {"Thu, 14 Mar 2024 08:00:00 GMT", "2024-03-14"},
      {"Mon, 04 Nov 2024 17:45:10 +0000", "2024-11-04"},
      {"26-FEB-1987 15:01:01.79", "1987-02-26"},
      {"3-MAR-1987 09:12:00.00", "1987-03-03"},
      // Month name, day, year.
      {"March 14, 2024", "2024-03-14"},
      {"Dec. 25, 2023", "2023-12-25"},
      {"Thu Mar 14 08:00:00 2024", "2024-03-14"},
  };
  for (const auto& c : cases) {
    INFO("input: \"" << c.input << "\"");
    CHECK(iso_or_none(parse_date(c.input)) == c.expected);
  }
}

TEST_CASE("parse_date rejects impossible dates and other text", "[article][date]") {
  const char* const cases[] = {
      "",           "   ",        "yesterday",   "2023-02-30",   "2024-13-01",       "2024-00-10",
      "2024-04-31", "2024/02/30", "2024-03-145", "31 June 2024", "30 February 2024", "March 2024",
      "14 March",
      "14/03/2024",  // day-first numeric dates are ambiguous, not guessed
      "0999-01-01", "Thursday",
  };
  for (const char* input : cases) {
    INFO("input: \"" << input << "\"");
    CHECK(iso_or_none(parse_date(input)) == "none");
  }
}

TEST_CASE("parse_date knows leap years", "[article][date]") {
  const DateCase cases[] = {
      {"2024-02-29", "2024-02-29"},  // divisible by 4
      {"2023-02-29", "none"},
      {"2000-02-29", "2000-02-29"},  // divisible by 400
      {"1900-02-29", "none"},        // divisible by 100 only
      {"29 February 2024", "2024-02-29"},
      {"29-FEB-1987 10:00:00.00", "none"},
      {"2023-02-28", "2023-02-28"},
  };
  for (const auto& c : cases) {
    INFO("input: \"" << c.input << "\"");
    CHECK(iso_or_none(parse_date(c.input)) == c.expected);
  }
}

TEST_CASE("date_from_path reads directory runs and file names", "[article][date]") {
  const DateCase cases[] = {
      {"corpus/2024/03/14/x.txt", "2024-03-14"},
      {"/data/news/2023/11/05/story.txt", "2023-11-05"},
      {"2024/03/14/x.txt", "2024-03-14"},
      {"corpus/2024-03-14-rates.txt", "2024-03-14"},
      {"corpus/rates_2024-03-14.txt", "2024-03-14"},
      {"2024-03-14T0800.json", "2024-03-14"},
      // A directory run wins over the file name.
      {"corpus/2023/01/02/2024-03-14.txt", "2023-01-02"},
      // An impossible directory run is passed over for the file name.
      {"corpus/2023/02/30/2024-03-14.txt", "2024-03-14"},
      // No date.
      {"corpus/misc/story.txt", "none"},
      {"story.txt", "none"},
      {"", "none"},
      // Impossible dates.
      {"corpus/2024/02/30/x.txt", "none"},
      {"corpus/2024/13/01/x.txt", "none"},
      {"corpus/2023-02-29.txt", "none"},
      // Not the right shape.
      {"corpus/2024/3/14/x.txt", "none"},
      {"corpus/2024/03/14.txt", "none"},  // the day is the file, not a directory
      {"corpus/x12024-03-14.txt", "none"},
      {"corpus/2024-03-145.txt", "none"},
  };
  for (const auto& c : cases) {
    INFO("path: \"" << c.input << "\"");
    CHECK(iso_or_none(date_from_path(c.input)) == c.expected);
  }
}

TEST_CASE("Date formats as ISO and as a sortable value", "[article][date]") {
  const Date date{2024, 3, 14};
  CHECK(date.iso() == "2024-03-14");
  CHECK(date.sortable() == "20240314");

  const Date padded{1987, 2, 6};
  CHECK(padded.iso() == "1987-02-06");
  CHECK(padded.sortable() == "19870206");

  // Sortable values order like the dates they stand for.
  CHECK(Date{2023, 12, 31}.sortable() < Date{2024, 1, 1}.sortable());
  CHECK(Date{2024, 2, 9}.sortable() < Date{2024, 2, 10}.sortable());
}

TEST_CASE("make_article_id is a stable 64-bit FNV-1a hash in hex", "[article][id]") {
  // Reference values of FNV-1a 64: the offset basis, and the hash of "a".
  CHECK(make_article_id("", "") == "cbf29ce484222325");
  CHECK(make_article_id("a", "") == "af63dc4c8601ec8c");

  const std::string id = make_article_id("corpus/2024/03/14/x.txt", "");
  CHECK(id.size() == 16);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(make_article_id("corpus/2024/03/14/x.txt", "") == id);
}

TEST_CASE("make_article_id differs by path and by part", "[article][id]") {
  const std::string base = make_article_id("feed.jsonl", "");
  const std::string line1 = make_article_id("feed.jsonl", "line 1");
  const std::string line2 = make_article_id("feed.jsonl", "line 2");
  const std::string other = make_article_id("other.jsonl", "line 1");

  CHECK(base != line1);
  CHECK(line1 != line2);
  CHECK(line1 != other);
  CHECK(make_article_id("a.txt", "") != make_article_id("b.txt", ""));
  CHECK(make_article_id("feed.jsonl", "line 1") == line1);
  for (const std::string& id : {base, line1, line2, other}) {
    CHECK(id.size() == 16);
  }
}

TEST_CASE("Article::body_text joins paragraphs with blank lines", "[article]") {
  Article article;
  CHECK(article.body_text().empty());

  article.paragraphs = {"One."};
  CHECK(article.body_text() == "One.");

  article.paragraphs = {"One.", "Two two.", "Three."};
  CHECK(article.body_text() == "One.\n\nTwo two.\n\nThree.");
}

}  // namespace dateline

// Unit tests for common/reader.cpp: file kinds, read_file on real files,
// split_paragraphs and make_article.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/gzip_stream.hpp"
#include "common/reader.hpp"
#include "tests/temp_dir.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using Paragraphs = std::vector<std::string>;

using dateline::test::TempDir;

ReaderContext context_for(const fs::path& path) {
  ReaderContext context;
  context.source_path = path.string();
  return context;
}

}  // namespace

TEST_CASE("file_kind goes by extension, ignoring case", "[reader][kind]") {
  struct Case {
    const char* path;
    FileKind expected;
  };
  const Case cases[] = {
      {"a.txt", FileKind::text},
      {"dir/A.TXT", FileKind::text},
      {"a.text", FileKind::text},
      {"a.Text", FileKind::text},
      {"feed.jsonl", FileKind::json_lines},
      {"feed.JSONL", FileKind::json_lines},
      {"feed.ndjson", FileKind::json_lines},
      {"doc.json", FileKind::json},
      {"doc.JSON", FileKind::json},
      {"reut2-000.sgm", FileKind::reuters_sgml},
      {"reut2-000.SGM", FileKind::reuters_sgml},
      {"x.sgml", FileKind::reuters_sgml},
      {"corpus/2024/03/14/story.txt", FileKind::text},
      {"notes.md", FileKind::unsupported},
      {"page.html", FileKind::html},
      {"page.HTM", FileKind::html},
      {"page.xhtml", FileKind::html},
      // Gzipped: the kind of the name without ".gz".
      {"page.html.gz", FileKind::html},
      {"archive.txt.GZ", FileKind::text},
      {"feed.jsonl.gz", FileKind::json_lines},
      {"courier.rss", FileKind::news_xml},
      {"post.ATOM", FileKind::news_xml},
      {"feed.rss.gz", FileKind::news_xml},
      {"articles1.csv", FileKind::csv},
      {"bbc-news.TSV", FileKind::csv},
      {"export.csv.gz", FileKind::csv},
      {"crawl.warc", FileKind::warc},
      {"crawl.warc.gz", FileKind::warc},
      {"CRAWL.WARC.GZ", FileKind::warc},
      {"data.gz", FileKind::unsupported},
      {"notes.md.gz", FileKind::unsupported},
      {"data.tar.gz", FileKind::unsupported},
      {"Makefile", FileKind::unsupported},
      {"dir.txt/file", FileKind::unsupported},
      {"", FileKind::unsupported},
  };
  for (const auto& c : cases) {
    INFO("path: \"" << c.path << "\"");
    CHECK(file_kind(c.path) == c.expected);
  }
}

TEST_CASE("file_kind knows documentation by name, whatever its extension", "[reader][kind]") {
  struct Case {
    const char* path;
    FileKind expected;
  };
  const Case cases[] = {
      // The word alone, in any case, with any extension.
      {"archive/README", FileKind::documentation},
      {"archive/README.md", FileKind::documentation},
      {"archive/readme.txt", FileKind::documentation},
      {"archive/ReadMe.TXT", FileKind::documentation},
      {"archive/LICENSE.txt", FileKind::documentation},
      {"archive/license", FileKind::documentation},
      {"archive/LICENCE.json", FileKind::documentation},
      {"archive/COPYING", FileKind::documentation},
      {"archive/COPYING.LESSER", FileKind::documentation},
      {"archive/ChangeLog", FileKind::documentation},
      {"archive/CHANGELOG.md", FileKind::documentation},
      // In capitals with a suffix.
      {"archive/LICENSE-MIT", FileKind::documentation},
      {"archive/README_fr.txt", FileKind::documentation},
      {"archive/README-ja.md", FileKind::documentation},
      // A story's slug that starts with the word is read.
      {"archive/license-fees-rise.txt", FileKind::text},
      {"archive/readme_first_story.txt", FileKind::text},
      {"archive/licensed-to-drive.txt", FileKind::text},
      {"archive/readmes.txt", FileKind::text},
      // Ordinary words are articles' names too.
      {"archive/notice.txt", FileKind::text},
      {"archive/NOTICE.txt", FileKind::text},
      {"archive/news.txt", FileKind::text},
      {"archive/AUTHORS.txt", FileKind::text},
      {"archive/changes.jsonl", FileKind::json_lines},
      {"archive/history.json", FileKind::json},
      // Only the file's own name counts.
      {"README/story.txt", FileKind::text},
      {"license/2024/03/14/a.txt", FileKind::text},
  };
  for (const auto& c : cases) {
    INFO("path: \"" << c.path << "\"");
    CHECK(file_kind(c.path) == c.expected);
  }
}

TEST_CASE("skip_reason names why a kind is not read", "[reader][kind]") {
  CHECK(skip_reason(FileKind::documentation) == k_reason_documentation);
  CHECK(skip_reason(FileKind::unsupported) == k_reason_unsupported);
  for (FileKind kind : {FileKind::text, FileKind::json_lines, FileKind::json,
                        FileKind::reuters_sgml, FileKind::html}) {
    CHECK_FALSE(skip_reason(kind).has_value());
  }
}

TEST_CASE("read_file parses a text file", "[reader][file]") {
  const TempDir dir;
  const fs::path path = dir.write("story.txt",
                                  "Date: 2024-03-14\nAdvertisement\n\nCouncil approves "
                                  "new budget\n\nThe vote was close.\n\nShare\n");
  const ReadResult result = read_file(path, context_for(path));

  CHECK(result.problems.empty());
  REQUIRE(result.articles.size() == 1);
  const Article& article = result.articles.front();
  CHECK(article.title == "Council approves new budget");
  CHECK(article.paragraphs == Paragraphs{"The vote was close."});
  REQUIRE(article.date);
  CHECK(article.date->iso() == "2024-03-14");
  CHECK(article.source_path == path.string());
  CHECK(article.id == make_article_id(path.string(), ""));
}

TEST_CASE("read_file parses JSON lines, JSON and SGML files", "[reader][file]") {
  const TempDir dir;
  const fs::path jsonl = dir.write("feed.JSONL",
                                   "{\"title\": \"First story here\"}\n"
                                   "not json\n"
                                   "{\"title\": \"Second story here\"}\n");
  const ReadResult lines = read_file(jsonl, context_for(jsonl));
  REQUIRE(lines.articles.size() == 2);
  CHECK(lines.articles[1].title == "Second story here");
  REQUIRE(lines.problems.size() == 1);
  CHECK(lines.problems[0].line == 2);

  const fs::path json = dir.write("doc.json", "[{\"title\": \"A b c\"}, {\"title\": \"D e f\"}]");
  CHECK(read_file(json, context_for(json)).articles.size() == 2);

  const fs::path sgml = dir.write("r.sgm",
                                  "<REUTERS NEWID=\"5\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
                                  "<TEXT><TITLE>WHEAT UP</TITLE><BODY>Wheat rose.\n Reuter"
                                  "</BODY></TEXT>\n</REUTERS>\n");
  const ReadResult reuters = read_file(sgml, context_for(sgml));
  REQUIRE(reuters.articles.size() == 1);
  CHECK(reuters.articles[0].title == "WHEAT UP");
  CHECK(reuters.articles[0].source == "Reuters");
}

TEST_CASE("read_file reports files it cannot use", "[reader][file][problem]") {
  const TempDir dir;
  struct Case {
    const char* name;
    fs::path path;
    const char* reason;
  };
  const Case cases[] = {
      {"unsupported extension", dir.write("notes.md", "Council approves new budget\n"),
       "unsupported file type"},
      {"no extension", dir.write("NOTES", "Council approves new budget\n"),
       "unsupported file type"},
      {"README", dir.write("README", "Council approves new budget\n"),
       "documentation file, not an article"},
      {"readme.txt", dir.write("readme.txt", "How to use this archive of stories\n"),
       "documentation file, not an article"},
      {"LICENSE.txt", dir.write("LICENSE.txt", "Permission is hereby granted to all\n"),
       "documentation file, not an article"},
      {"COPYING", dir.write("COPYING", "Copying and sharing are allowed here\n"),
       "documentation file, not an article"},
      {"missing file", dir.path() / "missing.txt", "cannot open for reading"},
      {"empty text file", dir.write("empty.txt", ""), "empty file"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const ReadResult result = read_file(c.path, context_for(c.path));
    CHECK(result.articles.empty());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].reason == c.reason);
    CHECK(result.problems[0].path == c.path.string());
    CHECK(result.problems[0].line == 0);
  }
}

TEST_CASE("parse_content reads no documentation", "[reader][kind][problem]") {
  const ReadResult result = parse_content(
      FileKind::documentation, "Council approves new budget\n\nText.\n", context_for("README"));
  CHECK(result.articles.empty());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].reason == k_reason_documentation);
  CHECK(result.problems[0].path == "README");
}

TEST_CASE("invalid_utf8_note names the file, line and count", "[reader][problem][utf8]") {
  ReadResult result;
  result.invalid_utf8 = 3;
  result.invalid_utf8_line = 12;
  CHECK(invalid_utf8_note(result, "news/a.txt").to_string() ==
        "news/a.txt:12: 3 invalid UTF-8 sequences replaced");
  result.invalid_utf8 = 1;
  result.invalid_utf8_line = 1;
  CHECK(invalid_utf8_note(result, "bad\x1bname.txt").to_string() ==
        "bad?name.txt:1: 1 invalid UTF-8 sequence replaced");
}

TEST_CASE("ReadProblem::to_string names path and line", "[reader][problem]") {
  CHECK(ReadProblem{"a.jsonl", 3, "malformed JSON"}.to_string() == "a.jsonl:3: malformed JSON");
  CHECK(ReadProblem{"a.txt", 0, "empty file"}.to_string() == "a.txt: empty file");
}

TEST_CASE("ReadProblem::to_string shows a path's control characters as '?'", "[reader][problem]") {
  CHECK(ReadProblem{"in/\x1b]0;x\x07.txt", 0, "empty file"}.to_string() ==
        "in/?]0;x?.txt: empty file");
  CHECK(ReadProblem{"\xc2\x9b"
                    "2J\x7f.txt",
                    2, "r"}
            .to_string() == "?2J?.txt:2: r");
  // Other UTF-8 and bytes that are not UTF-8 are left as they are.
  CHECK(ReadProblem{"caf\xc3\xa9-\xe9.txt", 0, "r"}.to_string() == "caf\xc3\xa9-\xe9.txt: r");
}

TEST_CASE("split_paragraphs splits on blank lines and drops boilerplate", "[reader][paragraphs]") {
  struct Case {
    const char* name;
    const char* text;
    Paragraphs expected;
  };
  const Case cases[] = {
      {"empty", "", {}},
      {"blank lines only", "\n  \n\t\n", {}},
      {"one line", "One.", {"One."}},
      {"two paragraphs", "One.\n\nTwo.", {"One.", "Two."}},
      {"wrapped lines joined", "One line\nwrapped.\n\nTwo.", {"One line wrapped.", "Two."}},
      {"whitespace collapsed", "  a   b \n\t c  ", {"a b c"}},
      {"many blank lines", "\n\n\nOne.\n\n\n\nTwo.\n\n", {"One.", "Two."}},
      {"whitespace-only line separates", "One.\n   \nTwo.", {"One.", "Two."}},
      {"boilerplate paragraph", "One.\n\nAdvertisement\n\nTwo.", {"One.", "Two."}},
      {"boilerplate inside a paragraph", "One\nShare\ncontinues.", {"One continues."}},
      {"only boilerplate", "Share\n\nRead more\n", {}},
      {"real text kept",
       "Share prices fell.\n\nPrint media is dying.",
       {"Share prices fell.", "Print media is dying."}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(split_paragraphs(c.text) == c.expected);
  }
}

TEST_CASE("make_article cleans fields and assigns the id", "[reader][make_article]") {
  RawArticle raw;
  raw.title = "  \xE2\x80\x9CRates\xE2\x80\x9D   rise\tagain ";
  raw.body = "First\nparagraph.\r\n\r\nAnuncio\n\nSecond.";
  raw.date = "14 March 2024";
  raw.url = " https://e.com/a ";
  raw.source = "Daily\nPlanet";
  raw.author = "Caf\xE9 Writer";  // not UTF-8: read as Windows-1252
  ReaderContext context;
  context.source_path = "feeds/a.jsonl";
  context.language = "french";

  const Article article = make_article(raw, "line 3", context);
  CHECK(article.id == make_article_id("feeds/a.jsonl", "line 3"));
  CHECK(article.source_path == "feeds/a.jsonl");
  CHECK(article.language == "french");
  CHECK(article.title == "\"Rates\" rise again");
  CHECK(article.paragraphs == Paragraphs{"First paragraph.", "Second."});
  REQUIRE(article.date);
  CHECK(article.date->iso() == "2024-03-14");
  CHECK(article.url == "https://e.com/a");
  CHECK(article.source == "Daily Planet");
  CHECK(article.author == "Caf\xC3\xA9 Writer");
}

TEST_CASE("make_article leaves an unparsable or missing date empty", "[reader][make_article]") {
  RawArticle raw;
  raw.title = "A title here";
  ReaderContext context;
  context.source_path = "corpus/2024/03/14/a.json";  // paths are the text reader's business
  CHECK_FALSE(make_article(raw, "", context).date);
  raw.date = "soon";
  CHECK_FALSE(make_article(raw, "", context).date);
}

TEST_CASE("make_article takes a missing title from the body", "[reader][make_article]") {
  ReaderContext context;
  context.source_path = "a.jsonl";

  RawArticle short_body;
  short_body.body = "Short first paragraph.\n\nSecond paragraph.";
  CHECK(make_article(short_body, "", context).title == "Short first paragraph.");

  // A long first paragraph is cut at a word boundary, within 80 bytes.
  RawArticle long_body;
  for (int i = 0; i < 30; ++i) long_body.body += "word" + std::to_string(i) + " ";
  const Article article = make_article(long_body, "", context);
  const std::string& first = article.paragraphs.front();
  CAPTURE(article.title);
  CHECK_FALSE(article.title.empty());
  CHECK(article.title.size() <= 80);
  CHECK(article.title.size() < first.size());
  CHECK(first.compare(0, article.title.size(), article.title) == 0);
  CHECK(first[article.title.size()] == ' ');
  CHECK(article.title ==
        "word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 "
        "word12");

  // One long word has no boundary to cut at: it is kept whole.
  RawArticle one_word;
  one_word.body = std::string(100, 'x');
  CHECK(make_article(one_word, "", context).title == std::string(100, 'x'));

  // Neither title nor body: nothing to take.
  CHECK(make_article(RawArticle{}, "", context).title.empty());
}

}  // namespace dateline

namespace dateline {

TEST_CASE("read_file inflates gzipped files of every kind", "[reader][file][gzip]") {
  const TempDir dir;
  const std::string story = "Council approves new budget\n\nThe vote was close.\n";
  const fs::path text = dir.write("story.txt.gz", gzip_member(story));
  const ReadResult read = read_file(text, context_for(text));
  CHECK(read.problems.empty());
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Council approves new budget");
  CHECK(read.articles[0].id == make_article_id(text.string(), ""));

  const fs::path feed =
      dir.write("feed.jsonl.gz", gzip_member("{\"title\": \"First story here\"}\n") +
                                     gzip_member("{\"title\": \"Second story here\"}\n"));
  CHECK(read_file(feed, context_for(feed)).articles.size() == 2);

  // A ".gz" that holds plain text is read as it is.
  const fs::path plain = dir.write("plain.txt.gz", story);
  CHECK(read_file(plain, context_for(plain)).articles.size() == 1);
}

TEST_CASE("a truncated gzip file keeps what it held and names the damage",
          "[reader][file][gzip][problem]") {
  const TempDir dir;
  std::string lines;
  for (int i = 0; i < 400; ++i) {
    lines += "{\"title\": \"Story number " + std::to_string(i) + " of the feed\"}\n";
  }
  std::string compressed = gzip_member(lines);
  compressed.resize(compressed.size() * 2 / 3);
  const fs::path feed = dir.write("feed.jsonl.gz", compressed);
  const ReadResult read = read_file(feed, context_for(feed));
  CHECK(read.articles.size() > 100);
  CHECK(read.articles.size() < 400);
  REQUIRE_FALSE(read.problems.empty());
  CHECK(read.problems[0].reason == "byte 0: truncated gzip member: the file ends inside it");
  CHECK(read.problems[0].path == feed.string());
}

}  // namespace dateline

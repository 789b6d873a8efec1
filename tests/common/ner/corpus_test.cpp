// Unit tests for common/ner/corpus.cpp: CoNLL (IOB1) and GMB (CSV, cp1252,
// IOB2) reading, Reuters-21578 bodies and category lists, and the
// all-capitals sentence test.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/ner/corpus.hpp"
#include "tests/common/ner/test_support.hpp"

namespace dateline::ner {
namespace {

std::vector<std::string> names(const std::vector<Label>& labels) {
  std::vector<std::string> out;
  for (Label l : labels) out.push_back(label_name(l));
  return out;
}

}  // namespace

TEST_CASE("parse_conll reads documents, sentences and IOB1 tags", "[ner][corpus]") {
  const std::string text =
      "-DOCSTART- -X- O O\n\n"
      "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\n"
      "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n"
      "-DOCSTART- -X- O O\n\n"
      "Paris NNP I-NP I-LOC\nLyon NNP I-NP B-LOC\r\n";
  const std::vector<LabelledDocument> docs = parse_conll(text, "t.conll");
  REQUIRE(docs.size() == 2);
  REQUIRE(docs[0].sentences.size() == 2);
  CHECK(docs[0].sentences[0].tokens == std::vector<std::string>{"EU", "rejects", "German"});
  CHECK(names(docs[0].sentences[0].labels) == std::vector<std::string>{"B-ORG", "O", "B-MISC"});
  CHECK(names(docs[0].sentences[1].labels) == std::vector<std::string>{"B-PER", "I-PER"});
  REQUIRE(docs[1].sentences.size() == 1);
  CHECK(names(docs[1].sentences[0].labels) == std::vector<std::string>{"B-LOC", "B-LOC"});

  CHECK_THROWS_WITH(parse_conll("word\n", "bad.conll"), Catch::Contains("bad.conll:1"));
  CHECK_THROWS_WITH(parse_conll("a X X PER\n\n", "bad.conll"), Catch::Contains("bad.conll"));
}

TEST_CASE("parse_gmb maps GMB tags to CoNLL types", "[ner][corpus]") {
  const std::string csv =
      "Sentence #,Word,POS,Tag\r\n"
      "Sentence: 1,Iraqi,JJ,B-gpe\r\n"
      ",officials,NNS,O\r\n"
      ",in,IN,O\r\n"
      ",Baghdad,NNP,B-geo\r\n"
      ",met,VBD,O\r\n"
      ",George,NNP,B-per\r\n"
      ",Bush,NNP,I-per\r\n"
      ",on,IN,O\r\n"
      ",Monday,NNP,B-tim\r\n"
      ",\"1,000\",CD,O\r\n"
      ",\"\"\"\",``,O\r\n"
      ",\x93"
      "quoted\x94,NN,O\r\n"
      "Sentence: 2,Iran,NNP,B-gpe\r\n"
      ",and,CC,O\r\n"
      ",Iran,NNP,B-geo\r\n"
      ",and,CC,O\r\n"
      ",Iran,NNP,B-geo\r\n"
      ",at,IN,O\r\n"
      ",the,DT,O\r\n"
      ",U.N.,NNP,B-org\r\n";
  const std::vector<LabelledDocument> docs = parse_gmb(csv, GmbGpe::by_majority, "g.csv");
  REQUIRE(docs.size() == 2);
  const LabelledSentence& first = docs[0].sentences.at(0);
  CHECK(first.tokens.size() == 12);
  CHECK(first.tokens[9] == "1,000");
  CHECK(first.tokens[10] == "\"");
  CHECK(first.tokens[11] == "\"quoted\"");  // cp1252 curly quotes, normalised
  CHECK(names(first.labels) == std::vector<std::string>{"B-MISC", "O", "O", "B-LOC", "O", "B-PER",
                                                        "I-PER", "O", "O", "O", "O", "O"});
  // "Iran" is tagged geo more often than gpe, so its gpe use is a location.
  CHECK(label_name(docs[1].sentences[0].labels[0]) == "B-LOC");
  CHECK(label_name(docs[1].sentences[0].labels[7]) == "B-ORG");

  CHECK(label_name(parse_gmb(csv, GmbGpe::misc, "g").at(1).sentences[0].labels[0]) == "B-MISC");
  CHECK(label_name(parse_gmb(csv, GmbGpe::location, "g").at(0).sentences[0].labels[0]) == "B-LOC");
  CHECK_THROWS_WITH(parse_gmb("h\nonly,two\n", GmbGpe::misc, "g.csv"), Catch::Contains("g.csv:2"));
}

TEST_CASE("Reuters bodies and category lists are read", "[ner][corpus]") {
  const test::TempDir dir;
  dir.write("reut2-000.sgm",
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
            "<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
            "<TEXT>\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n"
            "<BODY>Showers continued in the Bahia cocoa zone.\n"
            "    Comissaria Smith said so.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n");
  dir.write("all-places-strings.lc.txt", "west-germany\nusa\n");
  dir.write("all-people-strings.lc.txt", "de-la-madrid\n");
  const std::vector<UnlabelledSentence> sentences = read_reuters_bodies(dir.path());
  REQUIRE(sentences.size() >= 2);
  CHECK(sentences[0].tokens == std::vector<std::string>{"Showers", "continued", "in", "the",
                                                        "Bahia", "cocoa", "zone", "."});
  CHECK_FALSE(sentences[0].caps);

  const std::vector<ListPhrase> lists = read_reuters_lists(dir.path());
  REQUIRE(lists.size() == 3);
  CHECK(lists[0].tokens == std::vector<std::string>{"de", "la", "madrid"});
  CHECK(lists[0].type == 0);
  CHECK(lists[1].tokens == std::vector<std::string>{"west", "germany"});
  CHECK(lists[1].type == 1);

  const test::TempDir empty;
  CHECK_THROWS_AS(read_reuters_bodies(empty.path()), Error);
}

TEST_CASE("is_caps_sentence", "[ner][corpus]") {
  CHECK(is_caps_sentence({"SOCCER", "-", "JAPAN", "WIN"}));
  CHECK(is_caps_sentence({"BRUSSELS", "1996-08-22"}));
  CHECK_FALSE(is_caps_sentence({"Japan", "WIN"}));
  CHECK_FALSE(is_caps_sentence({"A", "1"}));  // one capital is not enough
  CHECK_FALSE(is_caps_sentence({}));
}

}  // namespace dateline::ner

#include "indexer/document_builder.hpp"

#include <catch2/catch.hpp>

#include <map>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/schema.hpp"

namespace dateline {
namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  return terms;
}

Article sample_article() {
  Article article;
  article.id = "00000000000000aa";
  article.source_path = "/archive/2024/03/14/talks.txt";
  article.title = "Pokémon talks in São Paulo";
  article.paragraphs = {"Negotiators met on Tuesday.", "They agreed."};
  article.date = Date{2024, 3, 14};
  article.language = "english";
  return article;
}

}  // namespace

TEST_CASE("DocumentBuilder writes the schema's terms, value and data", "[indexer]") {
  DocumentBuilder builder("english");
  const Xapian::Document doc = builder.build(sample_article());
  const std::set<std::string> terms = terms_of(doc);

  struct Expected {
    const char* term;
    bool present;
  };
  const Expected expected[] = {
      {"Q00000000000000aa", true},  // unique id
      {"D20240314", true},          // day, month and year filters
      {"M202403", true},
      {"Y2024", true},
      {"ZSpokemon", true},  // title, prefixed, stemmed and accent-folded
      {"Zpokemon", true},   // title also as body text
      {"Ztalk", true},
      {"Zsao", true},     // "São" folded
      {"Znegoti", true},  // stemmed body word
      {"Zpokémon", false},
      {"ZSnegoti", false},  // body words are not title words
      // Stems only: no unstemmed copies.
      {"negotiators", false},
      {"Spokemon", false},
      {"talks", false},
  };
  for (const Expected& e : expected) {
    INFO(e.term);
    CHECK(terms.count(e.term) == (e.present ? 1u : 0u));
  }
  CHECK(doc.get_value(schema::k_slot_date) == "20240314");
  // Phrases need positions: stems have them.
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if (*it == "Znegoti") CHECK(it.positionlist_count() == 1);
    if (*it == "ZSpokemon") CHECK(it.positionlist_count() == 1);
  }

  // The words behind the stems, for the spelling data: each once, unstemmed.
  const std::vector<std::string>& words = builder.words();
  const std::set<std::string> distinct(words.begin(), words.end());
  CHECK(distinct.size() == words.size());
  for (const char* word : {"pokemon", "talks", "sao", "paulo", "negotiators", "agreed"}) {
    INFO(word);
    CHECK(distinct.count(word) == 1);
  }
  CHECK(distinct.count("negoti") == 0);

  const schema::StoredArticle stored = schema::load_article(doc);
  CHECK(stored.title == "Pokémon talks in São Paulo");
  CHECK(stored.date == "2024-03-14");
  CHECK(stored.body == "Negotiators met on Tuesday.\n\nThey agreed.");
}

TEST_CASE("each document's words are listed once, however many it has", "[indexer]") {
  DocumentBuilder builder("english");
  // Thousands of distinct words, each twice: past any first table size.
  Article big = sample_article();
  big.paragraphs.clear();
  std::set<std::string> expected;
  for (int i = 0; i < 3000; ++i) {
    std::string word = "w";
    for (int n = i; n > 0; n /= 26) word += static_cast<char>('a' + n % 26);
    expected.insert(word);
    big.paragraphs.push_back(word + " " + word);
  }
  big.title = "w";
  builder.build(big);
  const std::vector<std::string>& words = builder.words();
  CHECK(std::set<std::string>(words.begin(), words.end()) == expected);
  CHECK(words.size() == expected.size());
  // The next document starts afresh.
  builder.build(sample_article());
  const std::set<std::string> next(builder.words().begin(), builder.words().end());
  CHECK(next.size() == builder.words().size());
  CHECK(next.count("w") == 0);
  CHECK(next.count("negotiators") == 1);
}

TEST_CASE("title words weigh more than body words", "[indexer]") {
  DocumentBuilder builder("english");
  Article article = sample_article();
  article.paragraphs = {"talks again"};
  const Xapian::Document doc = builder.build(article);
  Xapian::termcount title_wdf = 0;
  Xapian::termcount body_only_wdf = 0;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if (*it == "Zpokemon") title_wdf = it.get_wdf();
    if (*it == "Zagain") body_only_wdf = it.get_wdf();
  }
  CHECK(title_wdf == schema::k_title_wdf);
  CHECK(body_only_wdf == 1);
}

TEST_CASE("entities become filter terms, facet values and a boost", "[indexer][entities]") {
  DocumentBuilder builder("english");
  Article article = sample_article();
  article.entities = {{EntityType::person, "José Pereira", 3, true, true},
                      {EntityType::location, "Geneva", 1, false, false},
                      {EntityType::person, "Mateo Ruiz", 1, false, false}};
  const Xapian::Document doc = builder.build(article);
  const std::set<std::string> terms = terms_of(doc);
  for (const char* term : {"XPjose pereira", "XLgeneva", "XPmateo ruiz"}) {
    INFO(term);
    CHECK(terms.count(term) == 1);
  }
  // No term per word of a name (the searcher scans the filter terms).
  CHECK(terms.count("XPNpereira") == 0);
  // All values in one slot, grouped by type in the article's order.
  std::string_view groups[schema::k_entity_slot_groups];
  const std::string packed = doc.get_value(schema::k_slot_entities);
  schema::split_entity_groups(packed, groups);
  const std::string sep(1, schema::k_facet_value_separator);
  CHECK(groups[static_cast<std::size_t>(EntityType::person)] ==
        "José Pereira" + sep + "Mateo Ruiz");
  CHECK(groups[static_cast<std::size_t>(EntityType::location)] == "Geneva");
  CHECK(groups[static_cast<std::size_t>(EntityType::organization)].empty());
  // The salient entity's name is boosted among the body's stems; the
  // passing one is not.
  Xapian::termcount pereira = 0;
  Xapian::termcount ruiz = 0;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if (*it == "Zpereira") pereira = it.get_wdf();
    if (*it == "Zruiz") ruiz = it.get_wdf();
  }
  CHECK(pereira == schema::k_salient_entity_wdf);
  CHECK(ruiz == 0);
  const schema::StoredArticle stored = schema::load_article(doc);
  CHECK(stored.entities == article.entities);
}

TEST_CASE("an article of many entities keeps them all in one facet slot", "[indexer][entities]") {
  DocumentBuilder builder("english");
  Article article = sample_article();
  std::string expected;
  for (unsigned i = 0; i < 60; ++i) {
    const std::string name = "Person " + std::to_string(i);
    article.entities.push_back({EntityType::person, name, 1, false, false});
    if (!expected.empty()) expected += schema::k_facet_value_separator;
    expected += name;
  }
  const Xapian::Document doc = builder.build(article);
  std::string_view groups[schema::k_entity_slot_groups];
  const std::string packed = doc.get_value(schema::k_slot_entities);
  schema::split_entity_groups(packed, groups);
  CHECK(groups[static_cast<std::size_t>(EntityType::person)] == expected);
}

TEST_CASE("an article's countries are filter terms by rank and the entity slot's last group",
          "[indexer][entities]") {
  DocumentBuilder builder("english");
  Article article = sample_article();
  article.countries = {"Switzerland", "United States"};
  const Xapian::Document doc = builder.build(article);
  std::map<std::string, Xapian::termcount> wdf;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) wdf[*it] = it.get_wdf();
  REQUIRE(wdf.count("XCswitzerland") == 1);
  REQUIRE(wdf.count("XCunited states") == 1);
  CHECK(wdf["XCswitzerland"] > wdf["XCunited states"]);
  std::string_view groups[schema::k_entity_slot_groups];
  const std::string packed = doc.get_value(schema::k_slot_entities);
  schema::split_entity_groups(packed, groups);
  CHECK(groups[schema::k_country_group] ==
        "Switzerland" + std::string(1, schema::k_facet_value_separator) + "United States");
  CHECK(doc.get_value(11).empty());  // schema 13's country slot is gone
  // Countries alone still fill the slot.
  article.entities.clear();
  const Xapian::Document bare = builder.build(article);
  const std::string only = bare.get_value(schema::k_slot_entities);
  schema::split_entity_groups(only, groups);
  CHECK(groups[0].empty());
  CHECK(groups[schema::k_country_group] ==
        "Switzerland" + std::string(1, schema::k_facet_value_separator) + "United States");
}

TEST_CASE("title and legal-form evidence become terms archive-wide resolution reads",
          "[indexer][entities]") {
  DocumentBuilder builder("english");
  Article article = sample_article();
  article.entities = {{EntityType::person, "Suharto", 2, false, true, true},
                      {EntityType::person, "Brown", 1, false, false},
                      {EntityType::organization, "James Capel", 1, false, false, false, true},
                      {EntityType::organization, "Reuters", 1, false, false}};
  const std::set<std::string> terms = terms_of(builder.build(article));
  const std::string titled = schema::k_prefix_titled;
  const std::string firm = schema::k_prefix_firm;
  CHECK(terms.count(titled + "suharto") == 1);
  CHECK(terms.count(titled + "brown") == 0);
  CHECK(terms.count(firm + "james capel") == 1);
  CHECK(terms.count(firm + "reuters") == 0);
}

TEST_CASE("an undated article has no date terms or value", "[indexer]") {
  DocumentBuilder builder("english");
  Article article = sample_article();
  article.date.reset();
  const Xapian::Document doc = builder.build(article);
  CHECK(doc.get_value(schema::k_slot_date).empty());
  for (const std::string& term : terms_of(doc)) {
    CHECK_FALSE(term.starts_with("D2"));
    CHECK_FALSE(term.starts_with("Y2"));
  }
}

TEST_CASE("an unknown language is a clear error", "[indexer]") {
  CHECK_THROWS_AS(DocumentBuilder("klingon"), Error);
  CHECK_THROWS_WITH(make_stemmer("klingon"), Catch::Contains("english"));
  CHECK_NOTHROW(DocumentBuilder("french"));
  CHECK_NOTHROW(DocumentBuilder("none"));
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a byline names one author or several", "[indexer][authors]") {
  using Names = std::vector<std::string>;
  struct Case {
    const char* byline;
    const char* source;
    Names authors;
  };
  const Case cases[] = {
      {"Elin Sandvik", "", {"Elin Sandvik"}},
      {"By Elin Sandvik", "", {"Elin Sandvik"}},
      {"Elin Sandvik and Kenji Mori", "", {"Elin Sandvik", "Kenji Mori"}},
      {"Elin Sandvik, Kenji Mori", "", {"Elin Sandvik", "Kenji Mori"}},
      {"by A. Smith, B. Jones & C. Brown", "", {"A. Smith", "B. Jones", "C. Brown"}},
      {"Elin Sandvik; Kenji Mori AND Rafael Nunes",
       "",
       {"Elin Sandvik", "Kenji Mori", "Rafael Nunes"}},
      // Reuters-21578's bylines end with the agency, as "Reuters" or "Reuter".
      {"    By Cal Mankowski, Reuters", "Reuters", {"Cal Mankowski"}},
      {"By Patti Domm, Reuter", "Reuters", {"Patti Domm"}},
      {"BY TED D'AFFLISIO, Reuters", "Reuters", {"Ted D'Afflisio"}},
      {"BY NAILENE CHOU WIEST, Reuters", "Reuters", {"Nailene Chou Wiest"}},
      // "and" inside a name, and a name given twice.
      {"Alexander Anderson and Sandy Andrews", "", {"Alexander Anderson", "Sandy Andrews"}},
      {"Elin Sandvik and ELIN SANDVIK", "", {"Elin Sandvik"}},
      {"Reuters", "Reuters", {}},
      {"", "", {}},
      {" , and ", "", {}},
  };
  for (const Case& c : cases) {
    INFO(c.byline);
    CHECK(byline_authors(c.byline, c.source) == c.authors);
  }
}

TEST_CASE("authors, source and site become filter terms and facet values", "[indexer][authors]") {
  DocumentBuilder builder("english");
  Article article = sample_article();
  article.author = "By Elin Sandvik and José Pereira";
  article.source = "Harbour Wire";
  article.url = "https://www.news.example.co.uk/science/2024/record";
  const Xapian::Document doc = builder.build(article);
  const std::set<std::string> terms = terms_of(doc);
  for (const char* term : {"XAelin sandvik", "XAjose pereira", "XSharbour wire",
                           "XHnews.example.co.uk", "XHexample.co.uk", "XHco.uk"}) {
    INFO(term);
    CHECK(terms.count(term) == 1);
  }
  CHECK(doc.get_value(schema::k_slot_authors) == "Elin Sandvik\x1fJosé Pereira");
  CHECK(doc.get_value(schema::k_slot_source) == "Harbour Wire");
  CHECK(doc.get_value(schema::k_slot_site) == "news.example.co.uk");
  // A result shows the byline's names, not its wording.
  CHECK(schema::load_article(doc).author == "Elin Sandvik, José Pereira");

  const Xapian::Document bare = builder.build(sample_article());
  CHECK(bare.get_value(schema::k_slot_authors).empty());
  CHECK(bare.get_value(schema::k_slot_site).empty());
  for (const std::string& term : terms_of(bare)) {
    CHECK_FALSE(term.starts_with("XA"));
    CHECK_FALSE(term.starts_with("XS"));
    CHECK_FALSE(term.starts_with("XH"));
  }
}

}  // namespace dateline

#include "indexer/entity_extractor.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <sstream>

#include "common/gazetteer.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

// Builds the mentions a tagger would return for `text`, from (type,
// surface) pairs located by search, in order.
std::vector<Mention> mentions_in(const std::string& text,
                                 const std::vector<std::pair<EntityType, std::string>>& found) {
  std::vector<Mention> mentions;
  std::size_t from = 0;
  for (auto& [type, surface] : found) {
    const std::size_t at = text.find(surface, from);
    REQUIRE(at != std::string::npos);
    mentions.push_back({type, at, at + surface.size(), surface});
    from = at + surface.size();
  }
  return mentions;
}

// The texts of `mentions`, each checked to cover its own text in `text`
// (a rule that moves a mention's edges must move its offsets too).
std::vector<std::string> texts_of(const std::string& text, const std::vector<Mention>& mentions) {
  std::vector<std::string> texts;
  for (const Mention& mention : mentions) {
    CHECK(collapse_whitespace(text.substr(mention.begin, mention.end - mention.begin)) ==
          mention.text);
    texts.push_back(mention.text);
  }
  return texts;
}

const ArticleEntity* find(const std::vector<ArticleEntity>& entities, EntityType type,
                          const std::string& value) {
  for (const ArticleEntity& e : entities) {
    if (e.type == type && e.value == value) return &e;
  }
  return nullptr;
}

constexpr EntityType PER = EntityType::person;
constexpr EntityType LOC = EntityType::location;
constexpr EntityType ORG = EntityType::organization;
constexpr EntityType MISC = EntityType::misc;

}  // namespace

TEST_CASE("the tagger reads English, and text whose language is not told", "[indexer][entities]") {
  for (const char* language : {"", "en", "EN", "en-GB", "en_US", "eng", "und", "mul", "x-default",
                               "English", "english", "porter", "none", "*"}) {
    INFO(language);
    CHECK(tagger_reads_language(language));
  }
  for (const char* language :
       {"fr", "fr-FR", "pt-BR", "zh-TW", "de", "ja", "deu", "es_419", "french", "German"}) {
    INFO(language);
    CHECK_FALSE(tagger_reads_language(language));
  }
}

TEST_CASE("entities come from English articles, whatever language their source states",
          "[indexer][entities]") {
  const std::vector<std::string> english = {
      "The harbour ferry ran again on Thursday, three months after a winter storm tore away part "
      "of its pier, the operator said. Commuters queued from dawn, and the first crossing was "
      "full; the company said it would add a second boat in the summer."};
  const std::vector<std::string> french = {
      "Le bac a repris la mer jeudi, trois mois apres la tempete qui avait emporte une partie du "
      "ponton, a indique l'exploitant. Les usagers ont fait la queue des l'aube, et la premiere "
      "traversee etait complete; la compagnie ajoutera un second bateau cet ete."};
  Article article;
  article.language = "english";
  article.title = "Ferry returns";
  article.paragraphs = english;
  CHECK(reads_as_english(article));
  CHECK(extracts_entities_from(article));
  article.stated_language = "fr-CA";  // an English page its site marks French
  CHECK(extracts_entities_from(article));
  CHECK(article_language(article) == "fr-CA");
  article.paragraphs = french;
  CHECK_FALSE(reads_as_english(article));
  CHECK_FALSE(extracts_entities_from(article));
  article.stated_language = "";  // nothing stated, an English index: read as English
  CHECK(extracts_entities_from(article));
  article.language = "french";  // the index's --language says French
  CHECK(article_language(article) == "french");
  CHECK_FALSE(extracts_entities_from(article));
  article.paragraphs = english;
  CHECK(extracts_entities_from(article));
  // Too few words to tell: the stated language stands.
  article.stated_language = "de";
  article.paragraphs = {"The ferry ran again on Thursday."};
  CHECK_FALSE(extracts_entities_from(article));
}

TEST_CASE("short mentions resolve to the full name in the article", "[indexer][entities]") {
  Article article;
  article.title = "Lavrov, Kerry hold talks";
  article.paragraphs = {
      "Russian Foreign Minister Sergey Lavrov and U.S. Secretary of State John Kerry met.",
      "Kerry's talks with President Vladimir Putin went on. Mr. Putin said Kerry was right."};
  TextRegions regions;
  const std::string text = tagging_text(article, regions);
  const auto mentions = mentions_in(text, {{PER, "Lavrov"},
                                           {PER, "Kerry"},
                                           {PER, "Sergey Lavrov"},
                                           {LOC, "U.S."},
                                           {PER, "John Kerry"},
                                           {PER, "Kerry's"},
                                           {PER, "President Vladimir Putin"},
                                           {PER, "Mr. Putin"},
                                           {LOC, "Kerry"}});  // a tagger slip
  const std::vector<ArticleEntity> entities = resolve_mentions(mentions, regions);

  const ArticleEntity* kerry = find(entities, PER, "John Kerry");
  REQUIRE(kerry != nullptr);
  CHECK(kerry->mentions == 4);
  CHECK(kerry->in_title);
  CHECK(kerry->in_lead);
  const ArticleEntity* putin = find(entities, PER, "Vladimir Putin");
  REQUIRE(putin != nullptr);
  CHECK(putin->mentions == 2);
  CHECK_FALSE(putin->in_lead);
  CHECK(find(entities, PER, "Sergey Lavrov") != nullptr);
  CHECK(find(entities, LOC, "United States") != nullptr);
  // Nothing short or titled survives on its own.
  for (const char* stray : {"Kerry", "Putin", "Lavrov", "Mr. Putin", "President Vladimir Putin"}) {
    CHECK(find(entities, PER, stray) == nullptr);
  }
  CHECK(find(entities, LOC, "Kerry") == nullptr);
  // Most salient first: headline entities lead.
  REQUIRE(entities.size() >= 2);
  CHECK(entities[0].in_title);
}

TEST_CASE("organisation short forms and aliases", "[indexer][entities]") {
  Article article;
  article.title = "Northwind Systems profit climbs";
  article.paragraphs = {"Northwind said the EU and the European Union rules differ from Nato's."};
  TextRegions regions;
  const std::string text = tagging_text(article, regions);
  const auto entities = resolve_mentions(mentions_in(text, {{ORG, "Northwind Systems"},
                                                            {ORG, "Northwind"},
                                                            {ORG, "EU"},
                                                            {ORG, "European Union"},
                                                            {ORG, "Nato's"}}),
                                         regions);
  const ArticleEntity* northwind = find(entities, ORG, "Northwind Systems");
  // (and two-word short forms resolve the same way: see below)
  REQUIRE(northwind != nullptr);
  CHECK(northwind->mentions == 2);
  const ArticleEntity* eu = find(entities, ORG, "European Union");
  REQUIRE(eu != nullptr);
  CHECK(eu->mentions == 2);
  CHECK(find(entities, ORG, "NATO") != nullptr);
  CHECK(entities.size() == 3);
}

TEST_CASE("junk mentions never become entities", "[indexer][entities]") {
  const std::string text = "Friday Share Mr. 1996 X";
  const auto entities = resolve_mentions(
      mentions_in(text, {{PER, "Friday"}, {ORG, "Share"}, {PER, "Mr."}, {LOC, "1996"}, {PER, "X"}}),
      TextRegions{0, 0});
  CHECK(entities.empty());
}

TEST_CASE("code, addresses, lists and words without a capital are no entities",
          "[indexer][entities]") {
  const std::string text =
      "fetch(\"/data.json\") status_code db=# ann@example.com http://x.org browser day "
      "AT&T Procter & Gamble O'Neill Zürich <Trimac Ltd> Keogh, Brian; Goodliffe";
  const auto entities = resolve_mentions(mentions_in(text, {{ORG, "fetch(\"/data.json\")"},
                                                            {ORG, "status_code"},
                                                            {ORG, "db=#"},
                                                            {LOC, "ann@example.com"},
                                                            {MISC, "http://x.org"},
                                                            {MISC, "browser"},
                                                            {MISC, "day"},
                                                            {ORG, "AT&T"},
                                                            {ORG, "Procter & Gamble"},
                                                            {PER, "O'Neill"},
                                                            {LOC, "Zürich"},
                                                            {ORG, "Trimac Ltd>"},
                                                            {PER, "Brian; Goodliffe"}}),
                                         TextRegions{0, 0});
  std::set<std::string> values;
  for (const ArticleEntity& entity : entities) values.insert(entity.value);
  // A symbol's bracket glued to a name is cut off ("Trimac Ltd>").
  CHECK(values == std::set<std::string>{"AT&T", "Procter & Gamble", "O'Neill", "Zürich", "Trimac"});
}

TEST_CASE("the same surname shared by two people goes to the more frequent",
          "[indexer][entities]") {
  const std::string text =
      "Ed Miliband and David Miliband met. David Miliband spoke. Miliband left.";
  const auto entities = resolve_mentions(mentions_in(text, {{PER, "Ed Miliband"},
                                                            {PER, "David Miliband"},
                                                            {PER, "David Miliband"},
                                                            {PER, "Miliband"}}),
                                         TextRegions{0, 0});
  const ArticleEntity* david = find(entities, PER, "David Miliband");
  REQUIRE(david != nullptr);
  CHECK(david->mentions == 3);
  CHECK(find(entities, PER, "Miliband") == nullptr);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a one-word person is the one person of the article whose name it opens",
          "[indexer][entities]") {
  SECTION("a family name written first, even where the tagger also typed it otherwise") {
    const std::string text = "Zhao Ziyang spoke. Zhao said; Zhao left.";
    const auto entities = resolve_mentions(
        mentions_in(text, {{PER, "Zhao Ziyang"}, {PER, "Zhao"}, {ORG, "Zhao"}}), TextRegions{0, 0});
    REQUIRE(entities.size() == 1);
    CHECK(entities[0].value == "Zhao Ziyang");
    CHECK(entities[0].mentions == 3);
  }
  SECTION("two people it opens, an organisation it opens, or no person mention: unchanged") {
    const std::string two = "Ali Khamenei and Ali Bozer met. Ali said.";
    CHECK(find(resolve_mentions(
                   mentions_in(two, {{PER, "Ali Khamenei"}, {PER, "Ali Bozer"}, {PER, "Ali"}}),
                   TextRegions{0, 0}),
               PER, "Ali") != nullptr);
    const std::string org = "Kunthon Narkprom of Kunthon Group spoke. Kunthon said.";
    CHECK(find(resolve_mentions(
                   mentions_in(
                       org, {{PER, "Kunthon Narkprom"}, {ORG, "Kunthon Group"}, {PER, "Kunthon"}}),
                   TextRegions{0, 0}),
               PER, "Kunthon Narkprom")
              ->mentions == 1);
    const std::string untyped = "Teledial America said. Teledial agreed.";
    CHECK(
        find(resolve_mentions(mentions_in(untyped, {{PER, "Teledial America"}, {ORG, "Teledial"}}),
                              TextRegions{0, 0}),
             ORG, "Teledial") != nullptr);
  }
}

TEST_CASE("an organisation's last word alone is the one organisation of the article it ends",
          "[indexer][entities]") {
  SECTION("whatever type each mention got, once one was an organisation") {
    const std::string text =
        "The European Community met. The Community agreed; the Community said; Eastman Kodak "
        "and Kodak rose.";
    const auto entities = resolve_mentions(mentions_in(text, {{ORG, "European Community"},
                                                              {ORG, "Community"},
                                                              {MISC, "Community"},
                                                              {ORG, "Eastman Kodak"},
                                                              {ORG, "Kodak"}}),
                                           TextRegions{0, 0});
    const ArticleEntity* community = find(entities, ORG, "European Community");
    REQUIRE(community != nullptr);
    CHECK(community->mentions == 3);
    CHECK(find(entities, MISC, "Community") == nullptr);
    const ArticleEntity* kodak = find(entities, ORG, "Eastman Kodak");
    REQUIRE(kodak != nullptr);
    CHECK(kodak->mentions == 2);
  }
  SECTION("two organisations ending in it, or no mention typed an organisation: unchanged") {
    const std::string two = "Bank of Tokyo, Mitsui Bank and Fuji Bank; the Bank said.";
    const auto banks = resolve_mentions(
        mentions_in(two, {{ORG, "Mitsui Bank"}, {ORG, "Fuji Bank"}, {ORG, "Bank"}}),
        TextRegions{0, 0});
    CHECK(find(banks, ORG, "Mitsui Bank")->mentions == 1);
    const std::string untyped = "Liberal Alliance polls. The Alliance gained.";
    CHECK(
        find(resolve_mentions(mentions_in(untyped, {{ORG, "Liberal Alliance"}, {LOC, "Alliance"}}),
                              TextRegions{0, 0}),
             ORG, "Liberal Alliance")
            ->mentions == 1);
  }
}

TEST_CASE("one name gets one type, the one most of its mentions have", "[indexer][entities]") {
  const std::string text = "Jabhat alNusra fighters; Jabhat alNusra said; Jabhat alNusra left.";
  const auto entities = resolve_mentions(
      mentions_in(text,
                  {{ORG, "Jabhat alNusra"}, {PER, "Jabhat alNusra"}, {ORG, "Jabhat alNusra"}}),
      TextRegions{0, 0});
  REQUIRE(entities.size() == 1);
  CHECK(entities[0].type == ORG);
  CHECK(entities[0].value == "Jabhat al-Nusra");  // the stripped hyphen restored
  CHECK(entities[0].mentions == 3);
}

TEST_CASE("a surname with a glued Arabic article still resolves", "[indexer][entities]") {
  const std::string text = "President Bashar alAssad spoke. Assad left.";
  const auto entities = resolve_mentions(
      mentions_in(text, {{PER, "President Bashar alAssad"}, {PER, "Assad"}}), TextRegions{0, 0});
  REQUIRE(entities.size() == 1);
  CHECK(entities[0].value == "Bashar al-Assad");
  CHECK(entities[0].mentions == 2);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a company's legal form is not part of its facet value", "[indexer][entities]") {
  const std::string text =
      "Standard Oil Co and Standard Oil said; British Petroleum Co Plc owns it.";
  const auto entities = resolve_mentions(mentions_in(text, {{ORG, "Standard Oil Co"},
                                                            {ORG, "Standard Oil"},
                                                            {ORG, "British Petroleum Co Plc"}}),
                                         TextRegions{0, 0});
  REQUIRE(entities.size() == 2);
  CHECK(find(entities, ORG, "Standard Oil")->mentions == 2);
  CHECK(find(entities, ORG, "British Petroleum") != nullptr);
  // "and Co" goes whole, and a comma inside the name is house style.
  const std::string partners =
      "Goldman, Sachs and Co and Goldman Sachs and Co said; Kidder, Peabody and Co agreed.";
  const auto firms = resolve_mentions(mentions_in(partners, {{ORG, "Goldman, Sachs and Co"},
                                                             {ORG, "Goldman Sachs and Co"},
                                                             {ORG, "Kidder, Peabody and Co"}}),
                                      TextRegions{0, 0});
  REQUIRE(firms.size() == 2);
  CHECK(find(firms, ORG, "Goldman Sachs")->mentions == 2);
  CHECK(find(firms, ORG, "Kidder Peabody") != nullptr);
  // A lone legal form names no company: no value, rather than an empty one.
  const std::string co = "Co said.";
  CHECK(resolve_mentions(mentions_in(co, {{ORG, "Co"}}), TextRegions{0, 0}).empty());
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a leading part of one longer organisation name resolves to it", "[indexer][entities]") {
  const std::string text =
      "The International Committee of the Red Cross said the International Committee would "
      "help; the International Olympic Committee did not.";
  const auto entities =
      resolve_mentions(mentions_in(text, {{ORG, "International Committee of the Red Cross"},
                                          {ORG, "International Committee"},
                                          {ORG, "International Olympic Committee"}}),
                       TextRegions{0, 0});
  // "International Committee" leads only the Red Cross name; "International"
  // alone would lead both and stay ambiguous.
  CHECK(entities.size() == 2);
  const ArticleEntity* red_cross = find(entities, ORG, "International Committee of the Red Cross");
  REQUIRE(red_cross != nullptr);
  CHECK(red_cross->mentions == 2);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a short form of an organisation's canonical name resolves to it",
          "[indexer][entities]") {
  const std::string text = "The Red Cross said the International Committee would visit.";
  const auto entities = resolve_mentions(
      mentions_in(text, {{ORG, "Red Cross"}, {ORG, "International Committee"}}), TextRegions{0, 0});
  REQUIRE(entities.size() == 1);
  CHECK(entities[0].value == "International Committee of the Red Cross");
  CHECK(entities[0].mentions == 2);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a possessive short form of an organisation resolves to its full name",
          "[indexer][entities]") {
  const std::string text =
      "Moody's Investors Service Inc cut the bonds. Moody's said the outlook was negative.";
  const auto entities = resolve_mentions(
      mentions_in(text, {{ORG, "Moody's Investors Service Inc"}, {ORG, "Moody's"}}),
      TextRegions{0, 0});
  REQUIRE(entities.size() == 1);
  CHECK(entities[0].value == "Moody's Investors Service");
  CHECK(entities[0].mentions == 2);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("labels of table rows are not names, names in prose and results rows are",
          "[indexer][entities]") {
  const std::string text =
      "ACME CORP QTLY DIVIDEND\n\n"
      "Qtly div 35 cts vs 35 cts prior\n\n"
      "Oper shr profit 442,000 vs profit 2,986,000\n\n"
      "Nine mths\n\n"
      "Shr 3.95 dlrs vs 3.78 dlrs\n\n"
      "Nine Mths\n\n"
      "Net 750.5 mln vs 718.4 mln\n\n"
      "John Smith\n\n"
      "Reagan said the dividend was fair.\n\n"
      "Arsenal 2 Chelsea 1\n\n"
      "Shares rose, and Reagan\nsaid nothing.";
  const TextRegions regions{text.find('\n'), text.find('\n')};
  struct Case {
    const char* surface;
    std::size_t from;  // where to look for it
    bool label;
  };
  const Case cases[] = {
      {"QTLY", 0, false},  // the headline is never a table
      {"Qtly", 1, true},
      {"Oper", 0, true},
      {"Nine", 0, true},
      {"Nine Mths", 0, true},                        // a heading between rows
      {"John Smith", 0, false},                      // a line of its own, but not between rows
      {"Reagan", 0, false},                          // a sentence
      {"Arsenal", 0, false},                         // a number follows
      {"Chelsea", 0, false},                         // not at the line's start
      {"Reagan", text.find("Reagan\nsaid"), false},  // not at the line's start
  };
  for (const Case& k : cases) {
    INFO(k.surface << " from " << k.from);
    const std::size_t at = text.find(k.surface, k.from);
    REQUIRE(at != std::string::npos);
    const Mention mention{PER, at, at + std::strlen(k.surface), k.surface};
    CHECK(is_listing_label(text, mention, regions) == k.label);
  }
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a name read as a table's label goes from the whole article", "[indexer][entities]") {
  const std::string text =
      "CITIZENS BANKING REG QTLY DIV\n\n"
      "FLINT, Mich., Oct 20 - Qtly div 24 cts vs 24 cts prior\n\n"
      "Pay November 10. The bank's chairman, Smith, said Michigan was strong.";
  const TextRegions regions{text.find('\n'), text.find('\n')};
  std::vector<Mention> mentions = mentions_in(text, {{ORG, "CITIZENS BANKING"},
                                                     {PER, "QTLY"},
                                                     {LOC, "FLINT"},
                                                     {LOC, "Mich."},
                                                     {PER, "Qtly"},
                                                     {PER, "Smith"},
                                                     {LOC, "Michigan"}});
  drop_listing_labels(text, regions, mentions);
  std::vector<std::string> kept;
  for (const Mention& mention : mentions) kept.push_back(mention.text);
  CHECK(kept ==
        std::vector<std::string>{"CITIZENS BANKING", "FLINT", "Mich.", "Smith", "Michigan"});
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a lone generic head is no organisation unless it stands for a fuller name",
          "[indexer][entities]") {
  const std::string text =
      "The Bank of England said the Bank would act. The Central Bank of another country, "
      "the Commission and Ltd were not named; the Federal Court ruled.";
  const auto entities = resolve_mentions(mentions_in(text, {{ORG, "Bank of England"},
                                                            {ORG, "Bank"},
                                                            {ORG, "Central Bank"},
                                                            {ORG, "Commission"},
                                                            {ORG, "Ltd"},
                                                            {ORG, "Federal Court"}}),
                                         TextRegions{0, 0});
  REQUIRE(entities.size() == 1);
  CHECK(entities[0].value == "Bank of England");
  CHECK(entities[0].mentions == 2);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("the places of a wire dateline are locations whatever the tagger said",
          "[indexer][entities]") {
  struct Case {
    const char* lead;
    std::vector<std::pair<EntityType, std::string>> tagged;
    std::vector<EntityType> expected;
  };
  const Case cases[] = {
      {"DENVER, COLO., Oct 20 - Shr 1.46 dlrs vs 1.41 dlrs", {{PER, "DENVER"}}, {LOC}},
      {"SALT LAKE CITY, Utah, March 3 - Utah Power said so.",
       {{LOC, "SALT"}, {LOC, "LAKE CITY"}, {LOC, "Utah"}, {ORG, "Utah Power"}},
       {LOC, LOC, ORG}},  // one place cut in two
      {"SALT LAKE CITY, March 9 - BSD Medical Corp said so.",
       {{LOC, "LAKE CITY"}, {ORG, "BSD Medical Corp"}},
       {LOC, ORG}},                                                 // its first word missed
      {"PRS PARIS COCOA 18.30 - APR 07", {{LOC, "PARIS"}}, {LOC}},  // no comma: a heading
      {"ELKHART, IND., March 4 - CTS Corp said so.",
       {{LOC, "ELKHART"}, {ORG, "IND"}, {ORG, "CTS"}},
       {LOC, LOC, ORG}},  // a state's abbreviation with its period
      {"BEVERLY HILLS, Calif. -- Smith said the deal was off.",
       {{PER, "BEVERLY HILLS"}, {PER, "Smith"}},
       {LOC, PER}},  // after the dash: the story
      {"WASHINGTON (Reuters) - Denver said so.",
       {{MISC, "WASHINGTON"}, {ORG, "Reuters"}, {PER, "Denver"}},
       {LOC, ORG, PER}},
      {"Denver said on Monday - in a statement - that it would sell.", {{PER, "Denver"}}, {PER}},
      {"By Denver Smith - the wire", {{PER, "Denver Smith"}}, {PER}},  // a byline
      {"Denver said it, with no dash at all", {{PER, "Denver"}}, {PER}},
  };
  for (const Case& k : cases) {
    INFO(k.lead);
    const std::string text = std::string("HEADLINE\n\n") + k.lead;
    const TextRegions regions{8, text.size()};
    std::vector<Mention> mentions = mentions_in(text, k.tagged);
    retype_dateline_places(text, regions, mentions);
    std::vector<EntityType> types;
    for (const Mention& mention : mentions) types.push_back(mention.type);
    CHECK(types == k.expected);
    if (k.lead[0] == 'S') CHECK(texts_of(text, mentions).front() == "SALT LAKE CITY");
    if (k.lead[0] == 'P') CHECK(texts_of(text, mentions).front() == "PARIS");
  }
}

TEST_CASE("a title written before a person's name marks it as a person's", "[indexer][entities]") {
  const std::string text =
      "SUHARTO SPEAKS\n\nPresident Suharto met Mr. Subroto and Brown, of Wagner and Brown. "
      "The chairman Smith, Indonesia's Suharto and oil minister Subroto spoke; Jakarta Ali "
      "did not.";
  const TextRegions regions{14, text.size()};
  std::vector<Mention> mentions = mentions_in(text, {{PER, "SUHARTO"},
                                                     {PER, "Suharto"},
                                                     {PER, "Subroto"},
                                                     {PER, "Brown"},
                                                     {PER, "Wagner"},
                                                     {PER, "Brown"},
                                                     {PER, "Smith"},
                                                     {LOC, "Indonesia"},
                                                     {PER, "Suharto"},
                                                     {PER, "Subroto"},
                                                     {LOC, "Jakarta"},
                                                     {PER, "Ali"}});
  attach_titles(text, mentions);
  CHECK(mentions[1].text == "President Suharto");
  CHECK(text.substr(mentions[1].begin, 9) == "President");
  CHECK(mentions[2].text == "Mr. Subroto");
  CHECK(mentions[3].text == "Brown");
  CHECK(mentions[6].text == "chairman Smith");
  CHECK(mentions[9].text == "minister Subroto");
  CHECK(mentions[11].text == "Ali");  // "Jakarta" is no title
  const std::vector<ArticleEntity> entities = resolve_mentions(mentions, regions);
  const auto titled = [&](const std::string& name) {
    const ArticleEntity* entity = find(entities, PER, name);
    REQUIRE(entity != nullptr);
    return entity->titled;
  };
  CHECK(titled("Suharto"));
  CHECK(titled("Subroto"));
  CHECK(titled("Smith"));
  CHECK_FALSE(titled("Brown"));
  CHECK_FALSE(titled("Wagner"));
  CHECK_FALSE(titled("Ali"));
  // The title is no part of the value.
  CHECK(find(entities, PER, "President Suharto") == nullptr);
}

TEST_CASE("a firm's name the tagger cut at \"and\" is one organisation", "[indexer][entities]") {
  struct Case {
    const char* text;
    std::vector<std::pair<EntityType, std::string>> tagged;
    std::vector<std::pair<EntityType, std::string>> expected;
  };
  const Case cases[] = {
      // Both halves tagged, the second with the legal form.
      {"Standard and Poor's Corp said it cut the rating.",
       {{ORG, "Standard"}, {ORG, "Poor's Corp"}},
       {{ORG, "Standard and Poor's Corp"}}},
      // Only the first half tagged (as a place).
      {"It was rated AA by Standard and Poor's.",
       {{LOC, "Standard"}},
       {{ORG, "Standard and Poor's"}}},
      // Only the second half tagged.
      {"Standard and Poor's Corp said so.",
       {{ORG, "Poor's Corp"}},
       {{ORG, "Standard and Poor's Corp"}}},
      // A partner word, and a first name before the surname.
      {"underwriters led by Alex. Brown and Sons Inc and PaineWebber",
       {{PER, "Alex"}, {PER, "Brown"}, {ORG, "Sons Inc"}, {ORG, "PaineWebber"}},
       {{ORG, "Alex. Brown and Sons Inc"}, {ORG, "PaineWebber"}}},
      // A one-word name and a firm with its legal form, and one more name.
      {"through Donaldson, Lufkin and Jenrette Securities Corp.",
       {{ORG, "Donaldson"}, {PER, "Lufkin"}, {ORG, "Jenrette Securities Corp"}},
       {{ORG, "Donaldson, Lufkin and Jenrette Securities Corp"}}},
      // A name with a comma before a firm the tagger found as "Y and Co".
      {"CHICAGO - Sears, Roebuck and Co said sales rose.",
       {{LOC, "CHICAGO"}, {ORG, "Sears"}, {ORG, "Roebuck and Co"}},
       {{LOC, "CHICAGO"}, {ORG, "Sears, Roebuck and Co"}}},
      // Coordinated names that are no firm stay apart.
      {"Britain and France's ministers met.",
       {{LOC, "Britain"}, {LOC, "France"}},
       {{LOC, "Britain"}, {LOC, "France"}}},
      {"Reagan and Shultz's talks",
       {{PER, "Reagan"}, {PER, "Shultz"}},
       {{PER, "Reagan"}, {PER, "Shultz"}}},
      {"IBM and Digital Equipment Corp agreed.",
       {{ORG, "IBM"}, {ORG, "Digital Equipment Corp"}},
       {{ORG, "IBM"}, {ORG, "Digital Equipment Corp"}}},
      {"Smith and Jones said.", {{PER, "Smith"}, {PER, "Jones"}}, {{PER, "Smith"}, {PER, "Jones"}}},
  };
  for (const Case& k : cases) {
    INFO(k.text);
    std::vector<Mention> mentions = mentions_in(k.text, k.tagged);
    join_coordinated_firms(k.text, mentions);
    std::vector<std::pair<EntityType, std::string>> got;
    for (const Mention& mention : mentions) got.emplace_back(mention.type, mention.text);
    CHECK(got == k.expected);
  }
  // The firm keeps its possessive and loses its legal form as a value.
  const std::string text = "Standard and Poor's Corp said it cut the rating.";
  std::vector<Mention> mentions = mentions_in(text, {{ORG, "Standard"}, {ORG, "Poor's Corp"}});
  join_coordinated_firms(text, mentions);
  const auto entities = resolve_mentions(mentions, TextRegions{0, text.size()});
  REQUIRE(entities.size() == 1);
  CHECK(entities[0].value == "Standard and Poor's");
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a one-word person that opens a firm's name in the article is that firm",
          "[indexer][entities]") {
  SECTION("the firm written with its legal form takes the bare name") {
    const std::string text =
        "Baker International Corp said it would merge. Baker said the merger with Hughes Tool "
        "Co would close.";
    const auto entities = resolve_mentions(
        mentions_in(text,
                    {{ORG, "Baker International Corp"}, {PER, "Baker"}, {ORG, "Hughes Tool Co"}}),
        TextRegions{0, 0});
    CHECK(find(entities, PER, "Baker") == nullptr);
    const ArticleEntity* baker = find(entities, ORG, "Baker International");
    REQUIRE(baker != nullptr);
    CHECK(baker->mentions == 2);
  }
  SECTION("a title, a full name or no legal form keeps the person") {
    const std::string titled = "Baker International Corp fell as Secretary Baker spoke.";
    auto mentions = mentions_in(titled, {{ORG, "Baker International Corp"}, {PER, "Baker"}});
    attach_titles(titled, mentions);
    CHECK(find(resolve_mentions(mentions, TextRegions{0, 0}), PER, "Baker") != nullptr);

    const std::string full = "James Baker spoke. Baker International Corp fell. Baker left.";
    CHECK(find(resolve_mentions(mentions_in(full, {{PER, "James Baker"},
                                                   {ORG, "Baker International Corp"},
                                                   {PER, "Baker"}}),
                                TextRegions{0, 0}),
               PER, "James Baker")
              ->mentions == 2);

    // "Reagan administration" is no firm: Reagan stays a person.
    const std::string administration = "The Reagan Administration said Reagan would veto it.";
    CHECK(find(resolve_mentions(
                   mentions_in(administration, {{ORG, "Reagan Administration"}, {PER, "Reagan"}}),
                   TextRegions{0, 0}),
               PER, "Reagan") != nullptr);
  }
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a firm written with its legal form is no short form of a longer firm",
          "[indexer][entities]") {
  const std::string text =
      "Chrysler Corp extended the program. Chrysler said loans come through Chrysler Credit "
      "Corp.";
  const auto entities = resolve_mentions(
      mentions_in(text, {{ORG, "Chrysler Corp"}, {ORG, "Chrysler"}, {ORG, "Chrysler Credit Corp"}}),
      TextRegions{0, 0});
  REQUIRE(find(entities, ORG, "Chrysler") != nullptr);
  CHECK(find(entities, ORG, "Chrysler")->mentions == 2);
  CHECK(find(entities, ORG, "Chrysler Credit")->mentions == 1);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a name in a capitals-only headline is shown as the body writes it",
          "[indexer][entities]") {
  const std::string text = "MEAD CORP SETS DIVIDEND\n\nMead Corp said its board met. IBM did too.";
  const auto entities =
      resolve_mentions(mentions_in(text, {{ORG, "MEAD CORP"}, {ORG, "Mead Corp"}, {ORG, "IBM"}}),
                       TextRegions{23, 23});
  REQUIRE(entities.size() == 2);
  CHECK(find(entities, ORG, "Mead") != nullptr);
  CHECK(find(entities, ORG, "Mead")->mentions == 2);
  CHECK(find(entities, ORG, "IBM") != nullptr);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("an acronym's expansion in the text before it is one mention", "[indexer][entities]") {
  SECTION("pieces the tagger cut join, with the acronym's type") {
    const std::string text =
        "China must join the General Agreement on Tariffs and Trade (GATT), it said.";
    auto mentions =
        mentions_in(text, {{MISC, "General Agreement"}, {MISC, "Tariffs"}, {ORG, "GATT"}});
    join_acronym_expansions(text, mentions);
    REQUIRE(mentions.size() == 2);
    CHECK(mentions[0].type == ORG);
    CHECK(mentions[0].text == "General Agreement on Tariffs and Trade");
    CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == mentions[0].text);
    CHECK(mentions[1].text == "GATT");
  }
  SECTION("an acronym the tagger missed still joins the pieces it found") {
    const std::string text = "The General Agreement on Tariffs and Trade (GATT) will meet.";
    auto mentions = mentions_in(text, {{MISC, "Tariffs"}});
    join_acronym_expansions(text, mentions);
    REQUIRE(mentions.size() == 1);
    CHECK(mentions[0].type == MISC);
    CHECK(mentions[0].text == "General Agreement on Tariffs and Trade");
    // The acronym tagged elsewhere gives its type.
    const std::string again = text + " GATT rules.";
    auto typed = mentions_in(again, {{MISC, "Tariffs"}});
    const std::size_t later = again.rfind("GATT");
    typed.push_back({ORG, later, later + 4, "GATT"});
    join_acronym_expansions(again, typed);
    REQUIRE(typed.size() == 2);
    CHECK(typed[0].type == ORG);
    CHECK(typed[0].text == "General Agreement on Tariffs and Trade");
    // Nothing tagged, no name: a bracketed acronym alone is not evidence.
    const std::string bare = "Gross Domestic Product (GDP) rose.";
    std::vector<Mention> none;
    join_acronym_expansions(bare, none);
    CHECK(none.empty());
  }
  SECTION("the expansion written again later joins too") {
    const std::string text =
        "the General Agreement on Tariffs and Trade (GATT) met. Later the General Agreement "
        "on Tariffs and\nTrade said no.";
    auto mentions = mentions_in(text, {{MISC, "General Agreement"},
                                       {MISC, "Tariffs"},
                                       {ORG, "GATT"},
                                       {MISC, "General Agreement"},
                                       {MISC, "Tariffs"}});
    join_acronym_expansions(text, mentions);
    REQUIRE(mentions.size() == 3);
    CHECK(mentions[2].type == ORG);
    CHECK(mentions[2].text == "General Agreement on Tariffs and Trade");
    CHECK(text.substr(mentions[2].end - 5, 5) == "Trade");
  }
  SECTION("an expansion the tagger missed is added; one it found whole stays") {
    const std::string text =
        "the Securities and Exchange Commission (SEC) and the Federal Reserve Board (FRB).";
    auto mentions = mentions_in(text, {{ORG, "SEC"}, {ORG, "Federal Reserve Board"}, {ORG, "FRB"}});
    join_acronym_expansions(text, mentions);
    REQUIRE(mentions.size() == 4);
    CHECK(mentions[0].text == "Securities and Exchange Commission");
    CHECK(mentions[0].type == ORG);
    CHECK(mentions[2].text == "Federal Reserve Board");
  }
  SECTION("no expansion: initials that do not spell it, lower case, a crossing mention") {
    const std::string text =
        "shares of Reuters Holdings (RTRS) rose; talks on trade (GATT) and John Smith Trade "
        "(ST) went on.";
    auto mentions = mentions_in(text, {{ORG, "Reuters Holdings"},
                                       {ORG, "RTRS"},
                                       {ORG, "GATT"},
                                       {PER, "John Smith"},
                                       {ORG, "ST"}});
    const auto before = mentions;
    join_acronym_expansions(text, mentions);
    REQUIRE(mentions.size() == before.size());
    for (std::size_t i = 0; i < mentions.size(); ++i) CHECK(mentions[i].text == before[i].text);
  }
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a time zone written after a time is no name", "[indexer][entities]") {
  const std::string text =
      "Trading opens at 1500 GMT, at 10 a.m. EDT (1400 GMT) and at 15:30 CET in the EEC; "
      "GMT said 1987 IBM results.";
  auto mentions = mentions_in(text, {{MISC, "GMT"},
                                     {MISC, "EDT"},
                                     {MISC, "GMT"},
                                     {MISC, "CET"},
                                     {ORG, "EEC"},
                                     {ORG, "GMT"},
                                     {ORG, "IBM"}});
  drop_time_zones(text, mentions);
  REQUIRE(mentions.size() == 3);
  CHECK(mentions[0].text == "EEC");
  CHECK(mentions[1].text == "GMT");  // no time before it
  CHECK(mentions[2].text == "IBM");  // no zone, whatever number is before it
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a leader's name before \"administration\" names the body, not the person",
          "[indexer][entities]") {
  const std::string text =
      "The Reagan administration said Reagan would veto it; the Thatcher\ngovernment agreed, "
      "and Kohl governments past did not. Smith said.";
  auto mentions = mentions_in(
      text, {{PER, "Reagan"}, {PER, "Reagan"}, {PER, "Thatcher"}, {PER, "Kohl"}, {PER, "Smith"}});
  retype_governments(text, mentions);
  REQUIRE(mentions.size() == 5);
  CHECK(mentions[0].type == ORG);
  CHECK(mentions[0].text == "Reagan administration");
  CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) ==
        "Reagan administration");
  CHECK(mentions[1].type == PER);
  CHECK(mentions[2].type == ORG);
  CHECK(mentions[2].text == "Thatcher government");
  CHECK(mentions[3].type == PER);  // "governments" is another word
  CHECK(mentions[4].type == PER);
  const auto entities = resolve_mentions(mentions, TextRegions{0, 0});
  CHECK(find(entities, PER, "Reagan")->mentions == 1);
  CHECK(find(entities, ORG, "Reagan administration") != nullptr);

  // Typed as an organisation from the head, the same; a country is not.
  const std::string org = "the Reagan administration and the Japan government agreed.";
  auto orgs = mentions_in(org, {{ORG, "Reagan"}, {ORG, "Japan"}});
  retype_governments(org, orgs);
  CHECK(orgs[0].text == "Reagan administration");
  CHECK(orgs[1].text == "Japan");

  // Typed as a place: before "administration" only.
  const std::string place = "the Reagan administration and the Moscow government spoke.";
  auto places = mentions_in(place, {{LOC, "Reagan"}, {LOC, "Moscow"}});
  retype_governments(place, places);
  CHECK(places[0].type == ORG);
  CHECK(places[0].text == "Reagan administration");
  CHECK(places[1].type == LOC);
  CHECK(places[1].text == "Moscow");

  // Typed misc: before "administration", when the gazetteer knows it as no
  // nationality.
  std::istringstream file("# dateline gazetteer 1\ndemonym\tamerican\tUS\n");
  const Gazetteer gazetteer = Gazetteer::parse(file, "g.tsv");
  const std::string adjective = "the Reagan administration and the American administration";
  for (const Gazetteer* known : {static_cast<const Gazetteer*>(nullptr), &gazetteer}) {
    auto misc = mentions_in(adjective, {{MISC, "Reagan"}, {MISC, "American"}});
    retype_governments(adjective, misc, known);
    CHECK(misc[0].type == (known != nullptr ? ORG : MISC));
    CHECK(misc[1].type == MISC);
  }
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a name hyphened to a lower-case word is the name alone", "[indexer][entities]") {
  const std::string text =
      "a U.S.-led force, London-based firms, Soviet-era plants and al-Qaida; Li Ka-shing and a "
      "Reagan-appointed judge; Claude Debussy-all evening.";
  auto mentions = mentions_in(text, {{MISC, "U.S.-led"},
                                     {MISC, "London-based"},
                                     {MISC, "Soviet-era"},
                                     {MISC, "al-Qaida"},
                                     {PER, "Li Ka-shing"},
                                     {PER, "Reagan-appointed"},
                                     {PER, "Claude Debussy-all"}});
  trim_compound_modifiers(mentions);
  REQUIRE(mentions.size() == 7);
  CHECK(mentions[6].text == "Claude Debussy");
  CHECK(mentions[4].text == "Li Ka-shing");  // a given name's syllables
  CHECK(mentions[5].text == "Reagan");
  CHECK(mentions[0].text == "U.S.");
  CHECK(mentions[0].type == LOC);
  CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "U.S.");
  CHECK(mentions[1].text == "London");
  CHECK(mentions[1].type == MISC);  // no country: the archive's type decides
  CHECK(mentions[2].text == "Soviet");
  CHECK(mentions[3].text == "al-Qaida");  // a capital after the hyphen: a name
}

TEST_CASE("a country's or state's name typed misc or organisation is a place",
          "[indexer][entities]") {
  const std::string text =
      "USSR BUYS CORN\n\nU.S. sales rose, the U.S. Treasury said. U.K. And Irish banks, "
      "U.S. And\nCanada, Calif. growers, Georgia Gulf and Britain and Baker. The EC and the ECU. "
      "Miss Fetter of La Scala.";
  auto mentions = mentions_in(text, {{MISC, "USSR"},
                                     {ORG, "U.S."},
                                     {ORG, "U.S. Treasury"},
                                     {ORG, "U.K. And"},
                                     {MISC, "Irish"},
                                     {ORG, "U.S. And\nCanada"},
                                     {MISC, "Calif."},
                                     {ORG, "Georgia Gulf"},
                                     {ORG, "Britain and Baker"},
                                     {ORG, "EC"},
                                     {MISC, "ECU"},
                                     {MISC, "Miss"},
                                     {ORG, "La"}});
  retype_country_names(text, mentions);
  texts_of(text, mentions);  // every mention still covers its own text
  std::vector<std::pair<EntityType, std::string>> got;
  for (const Mention& mention : mentions) got.emplace_back(mention.type, mention.text);
  const std::vector<std::pair<EntityType, std::string>> expected = {
      {LOC, "USSR"},
      {LOC, "U.S."},
      {ORG, "U.S. Treasury"},
      {LOC, "U.K."},
      {MISC, "Irish"},
      {LOC, "U.S."},
      {LOC, "Canada"},
      {LOC, "Calif."},
      {ORG, "Georgia Gulf"},       // contains a state: a firm's name
      {ORG, "Britain and Baker"},  // not every piece is a place
      {ORG, "EC"},                 // codes: Ecuador's, and an acronym of the
      {MISC, "ECU"},               // European Community and its currency unit
      {MISC, "Miss"},              // a title, not Mississippi
      {ORG, "La"}};                // a word of "La Scala", not Louisiana
  CHECK(got == expected);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a body's name that goes on with \"on\" and a subject is one name",
          "[indexer][entities]") {
  const std::string text =
      "Talks under the General Agreement on Tariffs and Trade resumed. The Agriculture "
      "Subcommittee on Conservation met the Council on Foreign Relations. The Commission on "
      "Monday and the Stock Exchange on March 3 spoke in Geneva on Tuesday; the Treaty on "
      "European Union, the Group on 12 points.\nCOMMITTEE ON TRADE MEETS TODAY";
  auto mentions = mentions_in(text, {{MISC, "General Agreement"},
                                     {ORG, "Tariffs and Trade"},
                                     {ORG, "Agriculture Subcommittee"},
                                     {LOC, "Conservation"},
                                     {ORG, "Council"},
                                     {ORG, "Commission"},
                                     {ORG, "Stock Exchange"},
                                     {LOC, "Geneva"},
                                     {MISC, "Treaty"},
                                     {ORG, "European Union"},
                                     {ORG, "Group"},
                                     {ORG, "COMMITTEE"}});
  join_subject_bodies(text, mentions);
  std::vector<std::pair<EntityType, std::string>> got;
  for (const Mention& mention : mentions) got.emplace_back(mention.type, mention.text);
  const std::vector<std::pair<EntityType, std::string>> expected = {
      {ORG, "General Agreement on Tariffs and Trade"},
      {ORG, "Agriculture Subcommittee on Conservation"},
      {ORG, "Council on Foreign Relations"},  // the sentence's stop left out
      {ORG, "Commission"},                    // "on Monday": a day
      {ORG, "Stock Exchange"},                // "on March 3": a date
      {LOC, "Geneva"},                        // no body
      {MISC, "Treaty on European Union"},     // a treaty is a misc name
      {ORG, "Group"},                         // "on 12 points": no name
      {ORG, "COMMITTEE"}};                    // a line in capitals tells nothing
  CHECK(got == expected);
  texts_of(text, mentions);
}

TEST_CASE("two names a lower-case particle parts are one", "[indexer][entities]") {
  const std::string text =
      "Ministers met in Punta del Este and Dar es Salaam, by the Rio de la Plata; Javier de "
      "Cuellar, Brazil de Pele, the Banco do Brasil. Iran and Iraq, Canada De Beers.";
  auto mentions = mentions_in(text, {{LOC, "Punta"},
                                     {LOC, "Este"},
                                     {LOC, "Dar"},
                                     {LOC, "Salaam"},
                                     {LOC, "Rio"},
                                     {LOC, "Plata"},
                                     {PER, "Javier"},
                                     {PER, "Cuellar"},
                                     {LOC, "Brazil"},
                                     {PER, "Pele"},
                                     {ORG, "Banco"},
                                     {ORG, "Brasil"},
                                     {LOC, "Iran"},
                                     {LOC, "Iraq"},
                                     {LOC, "Canada"},
                                     {ORG, "De Beers"}});
  join_particle_names(text, mentions);
  CHECK(texts_of(text, mentions) ==
        std::vector<std::string>{"Punta del Este", "Dar es Salaam", "Rio de la Plata",
                                 "Javier de Cuellar", "Brazil", "Pele",  // two types
                                 "Banco do Brasil", "Iran", "Iraq",      // "and": no particle
                                 "Canada", "De Beers"});
}

TEST_CASE("a place's mention ending in a party's members names the place", "[indexer][entities]") {
  const std::string text =
      "Texas Democrat Lloyd Bentsen and Illinois\nRepublicans, the Democrat, Democrat Smith, "
      "U.S. Democrats, Young Republicans.";
  auto mentions = mentions_in(text, {{LOC, "Texas Democrat"},
                                     {PER, "Lloyd Bentsen"},
                                     {LOC, "Illinois\nRepublicans"},
                                     {LOC, "Democrat"},
                                     {PER, "Democrat Smith"},
                                     {ORG, "U.S. Democrats"},
                                     {ORG, "Young Republicans"}});
  drop_party_members(text, mentions);
  CHECK(texts_of(text, mentions) == std::vector<std::string>{"Texas", "Lloyd Bentsen", "Illinois",
                                                             "Democrat", "Democrat Smith", "U.S.",
                                                             "Young Republicans"});
  CHECK(mentions[5].type == LOC);  // "U.S.": a country
  CHECK(mentions[6].type == ORG);  // "Young": no place
}

TEST_CASE("a name that opens with a body's noun in another language is an organisation",
          "[indexer][entities]") {
  const std::string text =
      "Gruppo Ferruzzi and Usines Renault, the Société Générale, Banco; Sociedad Iberica; "
      "Banks Smith.";
  auto mentions = mentions_in(text, {{PER, "Gruppo Ferruzzi"},
                                     {PER, "Usines Renault"},
                                     {LOC, "Société Générale"},
                                     {LOC, "Banco"},
                                     {LOC, "Sociedad Iberica"},
                                     {PER, "Banks Smith"}});
  retype_foreign_bodies(mentions);
  std::vector<EntityType> types;
  for (const Mention& mention : mentions) types.push_back(mention.type);
  // The noun alone names nothing; "Banks" is English, and a surname.
  CHECK(types == std::vector<EntityType>{ORG, ORG, ORG, LOC, ORG, PER});
}

TEST_CASE("a place's or person's name that ends in a body's noun is an organisation",
          "[indexer][entities]") {
  const std::string text =
      "The Paris Club, Tokyo University and the Max Planck Foundation; the West Bank, "
      "Washington State, the Russian Federation; Club; Labour Party.";
  auto mentions = mentions_in(text, {{LOC, "Paris Club"},
                                     {LOC, "Tokyo University"},
                                     {PER, "Max Planck Foundation"},
                                     {LOC, "West Bank"},
                                     {LOC, "Washington State"},
                                     {LOC, "Russian Federation"},
                                     {LOC, "Club"},
                                     {MISC, "Labour Party"}});
  retype_body_names(mentions);
  std::vector<EntityType> types;
  for (const Mention& mention : mentions) types.push_back(mention.type);
  // Places are named with banks, states and federations; the noun alone
  // names nothing; a misc mention is left to the rules for misc.
  CHECK(types == std::vector<EntityType>{ORG, ORG, ORG, LOC, LOC, LOC, LOC, MISC});
}

TEST_CASE("an office's title is no name, alone or after a country", "[indexer][entities]") {
  const std::string text =
      "U.K. Chancellor Nigel Lawson, Chancellor of the Exchequer, met the Finance Ministry's "
      "Finance officials and the MX team.";
  const auto entities = resolve_mentions(mentions_in(text, {{ORG, "U.K. Chancellor"},
                                                            {PER, "Nigel Lawson"},
                                                            {MISC, "Chancellor"},
                                                            {ORG, "Finance Ministry"},
                                                            {ORG, "Finance"},
                                                            {MISC, "MX"}}),
                                         TextRegions{0, 0});
  std::vector<std::string> values;
  for (const ArticleEntity& entity : entities) values.push_back(entity.value);
  std::sort(values.begin(), values.end());
  // A portfolio's word is a body's short name; capitals are no title.
  CHECK(values == std::vector<std::string>{"Finance Ministry", "MX", "Nigel Lawson"});
}

TEST_CASE("credit ratings are no names where the article speaks of ratings",
          "[indexer][entities]") {
  const std::string rated =
      "Standard and Poor's Corp cut the debt to BBB-minus from BBB, the paper to A-2 and "
      "Moody's rated it Baa-2; AA and CCC grades; Boeing's B-1 order.";
  auto mentions = mentions_in(rated, {{ORG, "Standard and Poor's Corp"},
                                      {MISC, "BBB-minus"},
                                      {MISC, "BBB"},
                                      {MISC, "A-2"},
                                      {ORG, "Moody's"},
                                      {MISC, "Baa-2"},
                                      {ORG, "AA"},
                                      {ORG, "CCC"},
                                      {ORG, "Boeing"},
                                      {MISC, "B-1"}});
  drop_credit_ratings(rated, mentions);
  std::vector<std::string> kept;
  for (const Mention& mention : mentions) kept.push_back(mention.text);
  CHECK(kept == std::vector<std::string>{"Standard and Poor's Corp", "Moody's", "Boeing"});

  // No word of ratings: the bomber and the corporation stay.
  const std::string unrated = "The CCC paid for wheat; the B-1 flew.";
  auto others = mentions_in(unrated, {{ORG, "CCC"}, {MISC, "B-1"}});
  drop_credit_ratings(unrated, others);
  CHECK(others.size() == 2);
  // Ratings but no agency: bare grades in capitals may be acronyms.
  const std::string no_agency = "The CCC was rated highly; AA said its rating rose to A-1.";
  auto acronyms = mentions_in(no_agency, {{ORG, "CCC"}, {ORG, "AA"}, {MISC, "A-1"}});
  drop_credit_ratings(no_agency, acronyms);
  REQUIRE(acronyms.size() == 2);
  CHECK(acronyms[0].text == "CCC");
  CHECK(acronyms[1].text == "AA");
}

TEST_CASE("a person's or misc name that ends in a natural feature is a place",
          "[indexer][entities]") {
  const std::string text =
      "Stewart Island, Muskeg Lake, Aleutian Islands; James River Corp; Lake; Rocky Mountain "
      "Ventures.";
  auto mentions = mentions_in(text, {{PER, "Stewart Island"},
                                     {PER, "Muskeg Lake"},
                                     {MISC, "Aleutian Islands"},
                                     {ORG, "James River"},
                                     {PER, "Lake"},
                                     {PER, "Rocky Mountain Ventures"}});
  retype_natural_features(mentions);
  std::vector<EntityType> types;
  for (const Mention& mention : mentions) types.push_back(mention.type);
  // Firms keep the places they are named after; the noun alone names
  // nothing; a name that goes on past the noun is not the feature.
  CHECK(types == std::vector<EntityType>{LOC, LOC, LOC, ORG, PER, PER});
}

TEST_CASE("a name that ends in a legal form is a company's", "[indexer][entities]") {
  const std::string text =
      "John Labatt Ltd, Outokumpu Oy and Investban SA; Illinois Co; Co; Mark Inc; Labatt; "
      "the Iowa Co-op; <Trimac Ltd>.";
  auto mentions = mentions_in(text, {{PER, "John Labatt Ltd"},
                                     {MISC, "Outokumpu Oy"},
                                     {LOC, "Investban SA"},
                                     {MISC, "Illinois Co"},
                                     {LOC, "Co"},
                                     {ORG, "Mark Inc"},
                                     {PER, "Labatt"},
                                     {MISC, "Iowa Co"},
                                     {PER, "Trimac Ltd>"}});
  retype_legal_forms(text, mentions);
  std::vector<std::pair<EntityType, std::string>> got;
  for (const Mention& mention : mentions) got.emplace_back(mention.type, mention.text);
  const std::vector<std::pair<EntityType, std::string>> expected = {
      {ORG, "John Labatt Ltd"}, {ORG, "Outokumpu Oy"}, {ORG, "Investban SA"},
      {ORG, "Illinois Co"},     {LOC, "Co"},  // the form alone names no company
      {ORG, "Mark Inc"},        {PER, "Labatt"},       {MISC, "Iowa Co"},  // "Co-op": no legal form
      {ORG, "Trimac Ltd>"}};
  CHECK(got == expected);
}

TEST_CASE("a party's members and adjective tagged misc name the party", "[indexer][entities]") {
  const std::string text =
      "Democrats and Democratic senators met Republicans; Labour MPs and Kurdish ones.";
  const auto entities = resolve_mentions(mentions_in(text, {{MISC, "Democrats"},
                                                            {MISC, "Democratic"},
                                                            {MISC, "Republicans"},
                                                            {MISC, "Labour"},
                                                            {MISC, "Kurdish"}}),
                                         TextRegions{0, 0});
  REQUIRE(find(entities, ORG, "Democratic Party") != nullptr);
  CHECK(find(entities, ORG, "Democratic Party")->mentions == 2);
  CHECK(find(entities, ORG, "Republican Party") != nullptr);
  CHECK(find(entities, ORG, "Labour Party") != nullptr);
  CHECK(find(entities, MISC, "Kurdish") != nullptr);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a person's name the article never shortens is a group's", "[indexer][entities]") {
  const std::string text =
      "Jabhat alNusra fought on. Jabhat alNusra held Aleppo. John Kerry met Sergey Lavrov. "
      "Kerry spoke. Jabhat alNusra left. Sergey Lavrov and Sergey Lavrov and Sergey Lavrov. "
      "Zorvan Tahir, Zorvan Tahir, Zorvan Tahir and President Zorvan Tahir.";
  auto mentions = mentions_in(text, {{PER, "Jabhat alNusra"},
                                     {PER, "Jabhat alNusra"},
                                     {PER, "John Kerry"},
                                     {PER, "Sergey Lavrov"},
                                     {PER, "Kerry"},
                                     {PER, "Jabhat alNusra"},
                                     {PER, "Sergey Lavrov"},
                                     {PER, "Sergey Lavrov"},
                                     {PER, "Sergey Lavrov"},
                                     {PER, "Zorvan Tahir"},
                                     {PER, "Zorvan Tahir"},
                                     {PER, "Zorvan Tahir"},
                                     {PER, "Zorvan Tahir"}});
  attach_titles(text, mentions);
  retype_unreferred_names(mentions);
  REQUIRE(mentions.size() == 13);
  // Three times in full, never shortened, no given name first.
  CHECK(mentions[0].type == ORG);
  CHECK(mentions[1].type == ORG);
  CHECK(mentions[5].type == ORG);
  // Shortened to "Kerry": a person.
  CHECK(mentions[2].type == PER);
  CHECK(mentions[4].type == PER);
  // Four times in full, but "Sergey" is a given name.
  CHECK(mentions[3].type == PER);
  // Once with a title ("President Zorvan Tahir"): a person.
  CHECK(mentions[12].text == "President Zorvan Tahir");
  CHECK(mentions[9].type == PER);

  // Twice only: too few to tell.
  const std::string twice = "Jabhat alNusra fought. Jabhat alNusra left.";
  auto two = mentions_in(twice, {{PER, "Jabhat alNusra"}, {PER, "Jabhat alNusra"}});
  retype_unreferred_names(two);
  CHECK(two[0].type == PER);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a run of capitalised words ending in a body's noun is one organisation",
          "[indexer][entities]") {
  // (text, tagger's mentions, the mentions after the rule as type:text).
  struct Case {
    std::string text;
    std::vector<std::pair<EntityType, std::string>> tagged;
    std::vector<std::string> expected;
  };
  const auto show = [](const std::vector<Mention>& mentions) {
    std::vector<std::string> out;
    for (const Mention& m : mentions) {
      out.push_back(std::to_string(static_cast<int>(m.type)) + ":" + m.text);
    }
    return out;
  };
  const std::string org = std::to_string(static_cast<int>(ORG)) + ":";
  const std::string loc = std::to_string(static_cast<int>(LOC)) + ":";
  const std::string per = std::to_string(static_cast<int>(PER)) + ":";
  const std::vector<Case> cases = {
      // Missed whole, after a place glued to its suffix.
      {"an Amman, Jordanbased Joint Implementation Group consisting of officials",
       {{LOC, "Amman"}, {LOC, "Jordan"}},
       {loc + "Amman", loc + "Jordan", org + "Joint Implementation Group"}},
      // A misc adjective and the noun it opens.
      {"the positions of Islamic State and the Nusra Front.",
       {{MISC, "Islamic"}},
       {org + "Islamic State", org + "Nusra Front"}},
      {"a Russian Foreign Ministry source said",
       {{MISC, "Russian"}},
       {org + "Russian Foreign Ministry"}},
      {"Japanese Finance Ministry officials said",
       {{MISC, "Japanese"}, {ORG, "Finance Ministry"}},
       {org + "Japanese Finance Ministry"}},
      // People and places keep themselves; the run starts after them.
      {"said U.S. Defense Department officials",
       {{LOC, "U.S."}},
       {loc + "U.S.", org + "Defense Department"}},
      {"fans of Ohio State cheered", {{LOC, "Ohio"}}, {loc + "Ohio"}},
      // Openers, dates, titles and possessives are no part of it.
      {"Meanwhile, The Islamic State said so.", {}, {org + "Islamic State"}},
      {"in September International Coffee Organization talks",
       {},
       {org + "International Coffee Organization"}},
      {"a Deputy State Department spokesman", {}, {org + "State Department"}},
      {"said USDA's Foreign Agricultural Service",
       {{ORG, "USDA"}},
       {org + "USDA", org + "Foreign Agricultural Service"}},
      // Not a run of two words ending in the head.
      {"Secretary of State John Kerry met the State team.",
       {{PER, "John Kerry"}},
       {per + "John Kerry"}},
      {"the Islamic State Group fighters", {}, {org + "Islamic State Group"}},
      {"the Islamic State's fighters and the Islamic State\u2019s",
       {},
       {org + "Islamic State", org + "Islamic State"}},
      {"a group of states", {}, {}},
      {"the Group said", {}, {}},
      // A blank line parts two words.
      {"Joint\n\nImplementation Group", {}, {org + "Implementation Group"}},
      // A headline in title case says nothing by its capitals.
      {"Kerry Meets Lavrov As Joint Implementation Group Forms Plans For Syria\nText.", {}, {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto mentions = mentions_in(c.text, c.tagged);
    join_named_bodies(c.text, mentions);
    CHECK(show(mentions) == c.expected);
    for (const Mention& m : mentions) {
      CHECK(c.text.substr(m.begin, m.end - m.begin) == m.text);
    }
  }
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a name after \"St.\", \"Mt.\" or \"Ft.\" takes the abbreviation in",
          "[indexer][entities]") {
  const std::string text =
      "ST. LOUIS, March 2 - Ralston of St. Paul and Ste.\nTherese met Mt. Hood's FIRST. Louis "
      "said; in the West. Paul spoke, as did Ft. Lauderdale's. SAINT PAUL, ST PAUL HOGS; 50 MT "
      "Gulf";
  auto mentions = mentions_in(text, {{LOC, "LOUIS"},
                                     {PER, "Ralston"},
                                     {LOC, "St."},
                                     {LOC, "Paul"},
                                     {LOC, "Therese"},
                                     {LOC, "Hood"},
                                     {PER, "Louis"},
                                     {LOC, "West"},
                                     {PER, "Paul"},
                                     {ORG, "Lauderdale"},
                                     {PER, "PAUL"},
                                     {PER, "PAUL"},
                                     {LOC, "Gulf"}});
  join_abbreviated_prefixes(text, mentions);
  const std::vector<std::string> got = texts_of(text, mentions);
  // "FIRST." and "West." end words of their own: no abbreviation; "MT"
  // without a period is a tonne.
  CHECK(got == std::vector<std::string>{"ST. LOUIS", "Ralston", "St. Paul", "Ste. Therese",
                                        "Mt. Hood", "Louis", "West", "Paul", "Ft. Lauderdale",
                                        "SAINT PAUL", "ST PAUL", "Gulf"});
  CHECK(mentions[0].type == LOC);
  CHECK(mentions[8].type == ORG);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a month beside a number, or two months joined, is no name", "[indexer][entities]") {
  const std::string text =
      "SOYBEANMEAL CLOSING - APR 7 APR 120.0 JUN 115.5; Sept. 30; Nov/Jan and AUG-SEP; Theresa May "
      "said; May 2024 cuts; Dec/Feb-Jan/Mar; Nov-Smith; Apr.";
  auto mentions = mentions_in(text, {{ORG, "APR"},
                                     {ORG, "APR"},
                                     {MISC, "JUN"},
                                     {MISC, "Sept."},
                                     {MISC, "Nov/Jan"},
                                     {MISC, "AUG-SEP"},
                                     {PER, "Theresa May"},
                                     {PER, "May"},
                                     {MISC, "Dec/Feb-Jan/Mar"},
                                     {PER, "Nov-Smith"},
                                     {ORG, "Apr."}});
  drop_months(text, mentions);
  const std::vector<std::string> kept = texts_of(text, mentions);
  // "Apr." ends the text with no number beside it: a name, as far as this
  // rule can tell.
  CHECK(kept == std::vector<std::string>{"Theresa May", "Nov-Smith", "Apr."});
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a stock's symbol beside its company's name is no name", "[indexer][entities]") {
  const std::string text =
      "EXXON CORP <XON> SETS PAYOUT; <PAUL'S PLACE INC> SOLD; Berkshire (NYSE: BRK.A) and Apple "
      "(Nasdaq:AAPL) rose; IBM said; the NYSE: a market.";
  auto mentions = mentions_in(text, {{ORG, "EXXON CORP"},
                                     {ORG, "XON"},
                                     {ORG, "PAUL'S PLACE INC"},
                                     {ORG, "Berkshire"},
                                     {ORG, "BRK.A"},
                                     {ORG, "Apple"},
                                     {ORG, "AAPL"},
                                     {ORG, "IBM"},
                                     {ORG, "NYSE"}});
  drop_stock_symbols(text, mentions);
  const std::vector<std::string> kept = texts_of(text, mentions);
  CHECK(kept == std::vector<std::string>{"EXXON CORP", "PAUL'S PLACE INC", "Berkshire", "Apple",
                                         "IBM", "NYSE"});
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a surname written with its particle resolves to the full name", "[indexer][entities]") {
  const std::string text =
      "Willy de Clercq met Barend du Plessis. De Clercq said Du Plessis and De Mel agreed.";
  const auto entities = resolve_mentions(mentions_in(text, {{PER, "Willy de Clercq"},
                                                            {PER, "Barend du Plessis"},
                                                            {PER, "De Clercq"},
                                                            {PER, "Du Plessis"},
                                                            {PER, "De Mel"}}),
                                         TextRegions{0, 0});
  REQUIRE(find(entities, PER, "Willy de Clercq") != nullptr);
  CHECK(find(entities, PER, "Willy de Clercq")->mentions == 2);
  REQUIRE(find(entities, PER, "Barend du Plessis") != nullptr);
  CHECK(find(entities, PER, "Barend du Plessis")->mentions == 2);
  CHECK(find(entities, PER, "De Clercq") == nullptr);
  // No full name ends in it: it stays as written.
  CHECK(find(entities, PER, "De Mel") != nullptr);
}

}  // namespace dateline

namespace dateline {

TEST_CASE("a name the tagger took \"The\" into starts after it, a place's apart",
          "[indexer][entities]") {
  const std::string text =
      "The World Bank said. THE NEW YORK TIMES reported. The Hague. Theodore Cross and The Bank "
      "as in The Lord of the Rings.\nThe Post said: \"The Times is\".\nThe Dead Lands\nA film.";
  auto mentions = mentions_in(text, {{ORG, "The World Bank"},
                                     {ORG, "THE NEW YORK TIMES"},
                                     {LOC, "The Hague"},
                                     {PER, "Theodore Cross"},
                                     {ORG, "The Bank"},
                                     {MISC, "The Lord of the Rings"},
                                     {ORG, "The Post"},
                                     {ORG, "The Times"},
                                     {MISC, "The Dead Lands"}});
  drop_leading_the(text, mentions);
  const std::vector<std::string> got = texts_of(text, mentions);
  // "The Bank" and "The Lord of the Rings" follow words of a sentence.
  CHECK(got == std::vector<std::string>{"World Bank", "NEW YORK TIMES", "The Hague",
                                        "Theodore Cross", "The Bank", "The Lord of the Rings",
                                        "Post", "Times", "The Dead Lands"});
}

}  // namespace dateline

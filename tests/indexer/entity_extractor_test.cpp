#include "indexer/entity_extractor.hpp"

#include <catch2/catch.hpp>

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

}  // namespace

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
  // A lone legal form is left alone rather than emptied.
  const std::string co = "Co said.";
  CHECK(resolve_mentions(mentions_in(co, {{ORG, "Co"}}), TextRegions{0, 0}).size() == 1);
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

#include "common/name_resolution.hpp"

#include <catch2/catch.hpp>

#include <optional>

#include "common/person_names.hpp"
#include "common/schema.hpp"

namespace dateline {
namespace {

constexpr EntityType k_person = EntityType::person;
constexpr EntityType k_location = EntityType::location;
constexpr EntityType k_org = EntityType::organization;

EntityCount value(EntityType type, std::string key, Xapian::doccount articles) {
  return {{type, std::move(key)}, articles};
}

// Where (type, key) resolves: the entity itself when no rule applies.
EntityRef where(const NameResolution& names, EntityType type, const std::string& key) {
  const EntityRef* to = names.resolve(type, key);
  return to != nullptr ? *to : EntityRef{type, key};
}

// Every target resolves to itself, and lists its aliases: resolution is
// idempotent and its two directions agree.
void check_consistent(const NameResolution& names, const ArchiveNames& archive) {
  for (const EntityCount& count : archive.values) {
    const EntityRef* to = names.resolve(count.entity.type, count.entity.key);
    if (to == nullptr) continue;
    INFO(count.entity.key << " -> " << to->key);
    CHECK(names.resolve(to->type, to->key) == nullptr);
    const std::vector<EntityRef>& aliases = names.aliases_of(to->type, to->key);
    CHECK(std::find(aliases.begin(), aliases.end(), count.entity) != aliases.end());
  }
}

}  // namespace

TEST_CASE("a surname alone resolves to the full name that dominates it in the archive",
          "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_person, "reagan", 404),      value(k_person, "ronald reagan", 24),
                    value(k_person, "nancy reagan", 1),  value(k_person, "michael reagan", 1),
                    value(k_person, "baker", 22),        value(k_person, "james baker", 100),
                    value(k_person, "howard baker", 29), value(k_person, "lee", 9),
                    value(k_person, "ann lee", 4),       value(k_person, "poehl", 4),
                    value(k_person, "karl poehl", 6),    value(k_person, "karl otto poehl", 34),
                    value(k_person, "lawson", 3)};
  // Each surname is introduced somewhere ("Mr. Baker"): rule 5 keeps them.
  archive.titled = {value(k_person, "baker", 3), value(k_person, "lee", 1),
                    value(k_person, "lawson", 2)};
  const NameResolution names = NameResolution::learn(archive);
  CHECK(where(names, k_person, "reagan") == EntityRef{k_person, "ronald reagan"});
  // 100 is under five times 29: two people share the name, so it stays.
  CHECK(names.resolve(k_person, "baker") == nullptr);
  // One candidate, but with fewer articles than a full name needs.
  CHECK(names.resolve(k_person, "lee") == nullptr);
  // First and last name to the longer name, and the surname through it.
  CHECK(where(names, k_person, "karl poehl") == EntityRef{k_person, "karl otto poehl"});
  CHECK(where(names, k_person, "poehl") == EntityRef{k_person, "karl otto poehl"});
  // A name with no fuller form is its own.
  CHECK(names.resolve(k_person, "lawson") == nullptr);
  CHECK(names.resolve(k_person, "ronald reagan") == nullptr);
  const std::vector<EntityRef>& aliases = names.aliases_of(k_person, "ronald reagan");
  CHECK(aliases == std::vector<EntityRef>{{k_person, "reagan"}});
  check_consistent(names, archive);
}

TEST_CASE("a name of several words resolves to the longer name ending in it, or that to it",
          "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {
      // Multi-word surnames and initials: the short form is the full one's.
      value(k_person, "febres cordero", 4), value(k_person, "leon febres cordero", 11),
      value(k_person, "bra kanon", 8), value(k_person, "denis bra kanon", 12),
      value(k_person, "hugh liedtke", 3), value(k_person, "j. hugh liedtke", 5),
      // A title the extractor does not know, misspelt or not: the longer
      // name is the shorter one with a word too many.
      value(k_person, "clayton yeutter", 88), value(k_person, "represenative clayton yeutter", 2),
      value(k_person, "adm. john poindexter", 1), value(k_person, "john poindexter", 16),
      // Neither dominates: two names as written.
      value(k_person, "paul stevens", 1), value(k_person, "john paul stevens", 1),
      // The longer name opens with a given name: a fuller name, kept.
      value(k_person, "onno ruding", 40), value(k_person, "peter onno ruding", 2),
      // Too few articles for a full name.
      value(k_person, "ortiz mena", 3), value(k_person, "antonio ortiz mena", 4)};
  const NameResolution names = NameResolution::learn(archive);
  CHECK(where(names, k_person, "febres cordero") == EntityRef{k_person, "leon febres cordero"});
  CHECK(where(names, k_person, "bra kanon") == EntityRef{k_person, "denis bra kanon"});
  CHECK(where(names, k_person, "hugh liedtke") == EntityRef{k_person, "j. hugh liedtke"});
  CHECK(where(names, k_person, "represenative clayton yeutter") ==
        EntityRef{k_person, "clayton yeutter"});
  CHECK(names.resolve(k_person, "clayton yeutter") == nullptr);
  CHECK(where(names, k_person, "adm. john poindexter") == EntityRef{k_person, "john poindexter"});
  CHECK(names.resolve(k_person, "paul stevens") == nullptr);
  CHECK(names.resolve(k_person, "john paul stevens") == nullptr);
  CHECK(names.resolve(k_person, "peter onno ruding") == nullptr);
  CHECK(names.resolve(k_person, "onno ruding") == nullptr);
  CHECK(names.resolve(k_person, "ortiz mena") == nullptr);
  check_consistent(names, archive);
}

TEST_CASE("a firm named after people is an organisation, a person stays a person",
          "[common][resolution]") {
  REQUIRE(is_given_name("james"));
  REQUIRE_FALSE(is_given_name("smith"));
  ArchiveNames archive;
  archive.values = {
      value(k_person, "smith barney", 48), value(k_org, "smith barney harris upham", 4),
      value(k_person, "james capel", 24),  value(k_org, "james capel and co", 3),
      value(k_person, "bear stearns", 4),  value(k_org, "bear stearns", 9),
      value(k_person, "walter lufkin", 2), value(k_person, "clayton yeutter", 73),
      value(k_org, "clayton yeutter", 1)};
  const NameResolution names = NameResolution::learn(archive);
  CHECK(where(names, k_person, "smith barney") == EntityRef{k_org, "smith barney"});
  CHECK(where(names, k_person, "bear stearns") == EntityRef{k_org, "bear stearns"});
  // "James" is a given name: the evidence is not enough.
  CHECK(names.resolve(k_person, "james capel") == nullptr);
  // No organisation of that name.
  CHECK(names.resolve(k_person, "walter lufkin") == nullptr);
  // One article's slip against 73 of the person is no firm.
  CHECK(where(names, k_person, "clayton yeutter") == EntityRef{k_person, "clayton yeutter"});
  check_consistent(names, archive);

  SECTION("a given name's firm moves when articles write it with its legal form") {
    archive.values.push_back(value(k_org, "james capel", 6));
    archive.values.push_back(value(k_person, "john smith", 50));
    archive.values.push_back(value(k_org, "john smith", 1));
    archive.firms = {value(k_org, "james capel", 6), value(k_org, "john smith", 1)};
    const NameResolution firms = NameResolution::learn(archive);
    CHECK(where(firms, k_person, "james capel") == EntityRef{k_org, "james capel"});
    // One small firm's "John Smith Ltd" does not make every John Smith one.
    CHECK(where(firms, k_person, "john smith") == EntityRef{k_person, "john smith"});
    check_consistent(firms, archive);
  }
  SECTION("or when it opens a firm's name written so in at least as many articles") {
    REQUIRE(is_given_name("dean"));
    archive.values.push_back(value(k_person, "dean witter", 11));
    archive.values.push_back(value(k_org, "dean witter reynolds", 30));
    archive.values.push_back(value(k_person, "john smith", 50));
    archive.values.push_back(value(k_org, "john smith holdings", 2));
    archive.firms = {value(k_org, "dean witter reynolds", 30),
                     value(k_org, "john smith holdings", 2)};
    const NameResolution firms = NameResolution::learn(archive);
    CHECK(where(firms, k_person, "dean witter").type == k_org);
    CHECK(where(firms, k_person, "john smith") == EntityRef{k_person, "john smith"});
    check_consistent(firms, archive);
  }
}

TEST_CASE("a name takes the type most of its articles give it, and places stay places",
          "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_person, "denver", 29),
                    value(k_location, "denver", 277),
                    value(k_person, "jordan", 40),
                    value(k_location, "jordanville", 3),
                    value(k_org, "newmont", 30),
                    value(k_person, "newmont", 20),
                    value(k_org, "philippines", 82),
                    value(k_location, "philippines", 32),
                    value(k_org, "ussr", 7),
                    value(k_location, "ussr", 6),
                    value(k_location, "soviet union", 200)};
  archive.titled = {value(k_person, "jordan", 4), value(k_person, "newmont", 1)};
  const NameResolution names = NameResolution::learn(archive);
  CHECK(where(names, k_person, "denver") == EntityRef{k_location, "denver"});
  // 30 against 20 is too close to call.
  CHECK(names.resolve(k_person, "newmont") == nullptr);
  CHECK(names.resolve(k_org, "newmont") == nullptr);
  // A country is a location even where the organisation side has more.
  CHECK(where(names, k_org, "philippines") == EntityRef{k_location, "philippines"});
  // Moved, a name is canonical in its new type: the USSR is the Soviet Union.
  CHECK(where(names, k_org, "ussr") == EntityRef{k_location, "soviet union"});
  CHECK(where(names, k_location, "ussr") == EntityRef{k_location, "soviet union"});
  CHECK(names.resolve(k_person, "jordan") == nullptr);
  check_consistent(names, archive);
}

TEST_CASE("an acronym resolves to what articles spell it out as, not to any initials",
          "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_org, "cftc", 54),
                    value(k_org, "commodity futures trading commission", 30),
                    value(k_org, "cbs", 23),
                    value(k_org, "central bureau of statistics", 9),
                    value(k_org, "ec", 300),
                    value(k_org, "european community", 350),
                    value(k_org, "european commission", 283)};
  archive.acronyms = {{"cftc", "commodity futures trading commission", 12},
                      {"ec", "european community", 20},
                      {"ec", "european commission", 15}};
  const NameResolution names = NameResolution::learn(archive);
  CHECK(where(names, k_org, "cftc") == EntityRef{k_org, "commodity futures trading commission"});
  // Its initials match, but no article spells CBS out that way.
  CHECK(names.resolve(k_org, "cbs") == nullptr);
  // Spelt out both ways about as often: left as written.
  CHECK(names.resolve(k_org, "ec") == nullptr);
  check_consistent(names, archive);
}

TEST_CASE("an acronym's expansion in British and American spelling is one candidate",
          "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_org, "ico", 58),
                    value(k_org, "international coffee organization", 49),
                    value(k_org, "international coffee organisation", 22),
                    value(k_org, "interafrican coffee organization", 1),
                    value(k_org, "opec", 143),
                    value(k_org, "organization of petroleum exporting countries", 11),
                    value(k_org, "organisation of petroleum exporting countries", 11)};
  archive.acronyms = {{"ico", "international coffee organization", 35},
                      {"ico", "international coffee organisation", 15},
                      {"ico", "interafrican coffee organization", 4},
                      {"opec", "organization of petroleum exporting countries", 6},
                      {"opec", "organisation of petroleum exporting countries", 6}};
  const NameResolution names = NameResolution::learn(archive);
  // 35 against 15 is no dominance; the two spellings together, 50 against
  // 4, are.
  CHECK(where(names, k_org, "ico") == EntityRef{k_org, "international coffee organization"});
  CHECK(where(names, k_org, "international coffee organisation") ==
        EntityRef{k_org, "international coffee organization"});
  CHECK(names.resolve(k_org, "interafrican coffee organization") == nullptr);
  // OPEC is the name the organisation table gives it: what spells it out
  // counts as OPEC, not the other way round.
  CHECK(names.resolve(k_org, "opec") == nullptr);
  CHECK(where(names, k_org, "organization of petroleum exporting countries") ==
        EntityRef{k_org, "opec"});
  CHECK(where(names, k_org, "organisation of petroleum exporting countries") ==
        EntityRef{k_org, "opec"});
  check_consistent(names, archive);
}

TEST_CASE("an organisation's variants count as its dominant name", "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_org, "us agriculture department", 238),
                    value(k_org, "us department of agriculture", 15),
                    value(k_org, "agriculture department", 52),
                    value(k_org, "treasury", 403),
                    value(k_org, "us treasury", 179),
                    value(k_org, "british treasury", 12),
                    value(k_org, "moody", 69),
                    value(k_org, "moody's investors service", 152),
                    value(k_org, "moody's investors", 11),
                    value(k_org, "federal reserve", 368),
                    value(k_org, "federal reserve bank of new york", 30),
                    value(k_org, "usda", 183),
                    value(k_org, "federal deposit insurance", 32),
                    value(k_org, "federal deposit insurance corporation", 22),
                    value(k_org, "ford motor company", 3),
                    value(k_org, "ford motor", 104),
                    value(k_org, "company", 5),
                    value(k_org, "trust company", 2),
                    value(k_org, "standard and poor's", 245),
                    value(k_org, "standard and poor", 28)};
  archive.acronyms = {{"usda", "us department of agriculture", 9}};
  const NameResolution names = NameResolution::learn(archive);
  const EntityRef agriculture{k_org, "us agriculture department"};
  CHECK(where(names, k_org, "us department of agriculture") == agriculture);
  CHECK(where(names, k_org, "agriculture department") == agriculture);
  // The acronym resolves through its spelt-out form.
  CHECK(where(names, k_org, "usda") == agriculture);
  CHECK(where(names, k_org, "treasury") == EntityRef{k_org, "us treasury"});
  CHECK(where(names, k_org, "moody") == EntityRef{k_org, "moody's investors service"});
  CHECK(where(names, k_org, "moody's investors") == EntityRef{k_org, "moody's investors service"});
  // The longer name has fewer articles than the short one: another entity.
  CHECK(names.resolve(k_org, "federal reserve") == nullptr);
  // A legal form spelt out at the end ("Corp" is left off as written).
  CHECK(where(names, k_org, "federal deposit insurance corporation") ==
        EntityRef{k_org, "federal deposit insurance"});
  CHECK(where(names, k_org, "ford motor company") == EntityRef{k_org, "ford motor"});
  // Not to a lone word: "Trust Company" is no variant of "Trust".
  CHECK(names.resolve(k_org, "trust company") == nullptr);
  // A possessive at the end, kept or not as written.
  CHECK(where(names, k_org, "standard and poor") == EntityRef{k_org, "standard and poor's"});
  check_consistent(names, archive);
}

TEST_CASE("the user's alias rules win over what learning decides", "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_person, "reagan", 404),      value(k_person, "ronald reagan", 24),
                    value(k_person, "the gipper", 3),    value(k_location, "gipper", 1),
                    value(k_person, "brown", 29),        value(k_person, "wagner", 29),
                    value(k_person, "james baker", 100), value(k_person, "baker", 22),
                    value(k_person, "howard baker", 29)};
  archive.user = UserAliases::parse(
      "distinct\tperson\tReagan\tRonald Reagan\n"
      "person\tJames Baker\tBaker\n"
      "person\tRonald Reagan\tThe Gipper\tGipper\n"
      "never\tperson\tBrown\n"
      "never\t*\tWagner\n",
      "aliases");
  const NameResolution names = NameResolution::learn(archive);
  // Learning would merge these; the user says they differ.
  CHECK(names.resolve(k_person, "reagan") == nullptr);
  // Too close for learning (James 100, Howard 29), the user's alias
  // decides; an alias matches a value of any type.
  CHECK(where(names, k_person, "baker") == EntityRef{k_person, "james baker"});
  CHECK(where(names, k_person, "the gipper") == EntityRef{k_person, "ronald reagan"});
  CHECK(where(names, k_location, "gipper") == EntityRef{k_person, "ronald reagan"});
  // No value: an empty key.
  CHECK(where(names, k_person, "brown") == EntityRef{k_person, ""});
  CHECK(where(names, k_person, "wagner") == EntityRef{k_person, ""});
  check_consistent(names, archive);

  // Without the rules, learning merges Reagan as before, and leaves Baker
  // (introduced as "Mr. Baker").
  archive.user = {};
  archive.titled = {value(k_person, "baker", 2)};
  const NameResolution learnt = NameResolution::learn(archive);
  CHECK(where(learnt, k_person, "reagan") == EntityRef{k_person, "ronald reagan"});
  CHECK(learnt.resolve(k_person, "baker") == nullptr);
}

TEST_CASE("a bare one-word name is a value only when some article writes it after a title",
          "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_person, "suharto", 16),       value(k_person, "brown", 29),
                    value(k_person, "qtly", 16),          value(k_person, "reagan", 404),
                    value(k_person, "ronald reagan", 24), value(k_person, "paul", 9),
                    value(k_person, "gabelli", 3),        value(k_person, "john smith", 2),
                    value(k_location, "brown", 4),        value(k_org, "glaxo", 30),
                    value(k_location, "adelaide", 40),    value(k_person, "adelaide", 3)};
  archive.titled = {value(k_person, "suharto", 12)};
  archive.user = UserAliases::parse("person\tGabelli\tMario\n", "aliases");
  const NameResolution names = NameResolution::learn(archive);
  // Introduced as "President Suharto": a value.
  CHECK(names.resolve(k_person, "suharto") == nullptr);
  // Never introduced: no value.
  CHECK(where(names, k_person, "brown") == EntityRef{k_person, ""});
  CHECK(where(names, k_person, "qtly") == EntityRef{k_person, ""});
  CHECK(where(names, k_person, "paul") == EntityRef{k_person, ""});
  // A surname the rules resolve is not bare; nor is a full name, another
  // type's value or a value the user's alias file names.
  CHECK(where(names, k_person, "reagan") == EntityRef{k_person, "ronald reagan"});
  CHECK(names.resolve(k_person, "john smith") == nullptr);
  // What the rules send to a bare name is none too (here the type rule).
  CHECK(where(names, k_location, "brown") == EntityRef{k_person, ""});
  CHECK(names.resolve(k_org, "glaxo") == nullptr);
  CHECK(where(names, k_person, "adelaide") == EntityRef{k_location, "adelaide"});
  CHECK(names.resolve(k_person, "gabelli") == nullptr);
  check_consistent(names, archive);
}

TEST_CASE("a misc plural counts as its singular when the archive has it", "[common][resolution]") {
  const EntityType misc = EntityType::misc;
  ArchiveNames archive;
  archive.values = {value(misc, "palestinian", 476), value(misc, "palestinians", 174),
                    value(misc, "democrats", 60),    value(misc, "swiss", 213),
                    value(misc, "swis", 1),          value(k_person, "reagans", 1),
                    value(k_person, "reagan", 400)};
  const NameResolution names = NameResolution::learn(archive);
  CHECK(where(names, misc, "palestinians") == EntityRef{misc, "palestinian"});
  CHECK(names.resolve(misc, "democrats") == nullptr);  // no "democrat"
  CHECK(names.resolve(misc, "swiss") == nullptr);      // "ss" is no plural
  CHECK(where(names, k_person, "reagans").type == k_person);
  CHECK(where(names, k_person, "reagans").key != "reagan");  // people are not misc
  check_consistent(names, archive);
}

TEST_CASE("an archive with nothing to resolve resolves nothing", "[common][resolution]") {
  ArchiveNames archive;
  archive.values = {value(k_person, "john kerry", 5), value(k_location, "paris", 3)};
  const NameResolution names = NameResolution::learn(archive);
  CHECK(names.empty());
  CHECK(names.resolve(k_person, "john kerry") == nullptr);
  CHECK(names.aliases_of(k_person, "john kerry").empty());
  CHECK(NameResolution().resolve(k_person, "kerry") == nullptr);
}

TEST_CASE("acronym_pairs finds an article's acronyms written out", "[common][resolution]") {
  const std::vector<ArticleEntity> entities = {
      {k_org, "SEC"},
      {k_org, "Securities and Exchange Commission"},
      {k_org, "U.S.D.A."},
      {k_org, "U.S. Department of Agriculture"},
      {k_org, "Sec"},  // not in capitals: a word, not an acronym
      {k_person, "Sam Ellis Cole"},
  };
  CHECK(acronym_pairs(entities) == std::vector<std::pair<std::string, std::string>>{
                                       {"sec", "securities and exchange commission"},
                                       {"usda", "us department of agriculture"}});
  CHECK(acronym_pairs({{k_org, "IBM"}, {k_org, "General Motors"}}).empty());
}

TEST_CASE("learning from an index reads its filter and acronym terms", "[common][resolution]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 6; ++i) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::entity_filter_term(k_person, "Ronald Reagan"));
    doc.add_boolean_term(schema::entity_filter_term(k_org, "CFTC"));
    doc.add_boolean_term(schema::entity_filter_term(k_org, "Commodity Futures Trading Commission"));
    doc.add_boolean_term(schema::acronym_term("cftc", "commodity futures trading commission"));
    db.add_document(doc);
  }
  Xapian::Document other;
  other.add_boolean_term(schema::entity_filter_term(k_person, "Reagan"));
  db.add_document(other);
  ArticleEntity suharto{k_person, "Suharto", 2, false, true, true};
  ArticleEntity brown{k_person, "Brown", 1, false, true, false};
  Xapian::Document bare;
  for (const ArticleEntity& entity : {suharto, brown}) {
    bare.add_boolean_term(schema::entity_filter_term(k_person, entity.value));
    const std::string titled = schema::titled_name_term(entity);
    if (!titled.empty()) bare.add_boolean_term(titled);
  }
  db.add_document(bare);
  // A firm's name written with its legal form, and as a person's.
  ArticleEntity capel_firm{k_org, "James Capel", 1, false, false, false, true};
  CHECK(schema::firm_name_term(capel_firm) == std::string(schema::k_prefix_firm) + "james capel");
  for (int i = 0; i < 2; ++i) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::entity_filter_term(k_org, capel_firm.value));
    doc.add_boolean_term(schema::firm_name_term(capel_firm));
    doc.add_boolean_term(schema::entity_filter_term(k_person, "James Capel"));
    db.add_document(doc);
  }
  const NameResolution names = NameResolution::learn(db);
  CHECK(where(names, k_person, "james capel") == EntityRef{k_org, "james capel"});
  CHECK(where(names, k_person, "reagan") == EntityRef{k_person, "ronald reagan"});
  CHECK(where(names, k_org, "cftc") == EntityRef{k_org, "commodity futures trading commission"});
  CHECK(schema::titled_name_term(brown).empty());
  CHECK(names.resolve(k_person, "suharto") == nullptr);
  CHECK(where(names, k_person, "brown") == EntityRef{k_person, ""});
}

TEST_CASE("titles come off a person's name, given names are known", "[common][names]") {
  CHECK(without_titles({"President", "Ronald", "Reagan"}) ==
        std::vector<std::string>{"Ronald", "Reagan"});
  CHECK(without_titles({"Mr.", "Jobs"}) == std::vector<std::string>{"Jobs"});
  CHECK(without_titles({"Treasurer", "Paul", "Keating"}) ==
        std::vector<std::string>{"Paul", "Keating"});
  // The last word stays, whatever it is.
  CHECK(without_titles({"President"}) == std::vector<std::string>{"President"});
  CHECK(is_person_title("gen"));
  CHECK_FALSE(is_person_title("ronald"));
  CHECK(is_given_name("ronald"));
  CHECK_FALSE(is_given_name("bear"));
  CHECK_FALSE(is_given_name("president"));
}

}  // namespace dateline

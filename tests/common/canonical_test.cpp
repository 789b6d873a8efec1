#include "common/canonical.hpp"

#include <catch2/catch.hpp>

namespace dateline {
namespace {

// A location name, where it is read, and the value it must become.
struct Case {
  const char* name;
  NameOrigin origin;
  const char* expected;
};

template <std::size_t N>
void check_locations(const Case (&cases)[N]) {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  for (const Case& k : cases) {
    INFO(k.name);
    CHECK(c.canonical(EntityType::location, k.name, k.origin) == k.expected);
  }
}

}  // namespace

TEST_CASE("country aliases from ICU and the table meet in one value", "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  const Case cases[] = {
      {"U.S.", NameOrigin::article, "United States"},
      {"US", NameOrigin::article, "United States"},
      {"USA", NameOrigin::article, "United States"},
      {"United States", NameOrigin::article, "United States"},
      {"America", NameOrigin::article, "United States"},
      {"UNITED STATES", NameOrigin::article, "United States"},
      {"UK", NameOrigin::article, "United Kingdom"},
      {"Britain", NameOrigin::article, "United Kingdom"},
      {"Great Britain", NameOrigin::article, "United Kingdom"},
      {"Burma", NameOrigin::article, "Myanmar"},  // ICU's "Myanmar (Burma)"
      {"Ivory Coast", NameOrigin::article, "Côte d'Ivoire"},
      {"Cote d'Ivoire", NameOrigin::article, "Côte d'Ivoire"},  // accent-insensitive
      {"Russia's", NameOrigin::article, "Russia"},              // possessive
      {"us", NameOrigin::query, "United States"},               // a user's filter value
      {"us", NameOrigin::article, "us"},                        // a pronoun in text
      {"Geneva", NameOrigin::article, "Geneva"},                // no alias: as written
      {"São Paulo", NameOrigin::article, "São Paulo"},
  };
  check_locations(cases);
  CHECK(c.alias_count(EntityType::location) > 500);
}

TEST_CASE("wire abbreviations of US states become the states' names", "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  const Case cases[] = {
      {"Calif.", NameOrigin::article, "California"},
      {"Calif", NameOrigin::article, "California"},
      {"N.J.", NameOrigin::article, "New Jersey"},
      {"N.Y.", NameOrigin::article, "New York"},
      {"Fla", NameOrigin::article, "Florida"},
      {"Mass.", NameOrigin::article, "Massachusetts"},
      {"Conn", NameOrigin::article, "Connecticut"},
      {"W.Va.", NameOrigin::article, "West Virginia"},
      {"Calif.'s", NameOrigin::article, "California"},  // possessive
      // Postal codes are also countries' codes; in capitals they stay so.
      {"CA", NameOrigin::article, "Canada"},
      {"LA", NameOrigin::article, "Laos"},
      {"PA", NameOrigin::article, "Panama"},
      // A wire dateline's capitals.
      {"MICH.", NameOrigin::article, "Michigan"},
      {"CALIF", NameOrigin::article, "California"},
      {"N.J.", NameOrigin::article, "New Jersey"},
      // Only the agencies' spelling, not any word of that shape.
      {"CALIFORNIAN", NameOrigin::article, "Californian"},
      {"calif", NameOrigin::article, "calif"},
      // A user may type a long form in any case, without dots.
      {"calif", NameOrigin::query, "California"},
      {"nj", NameOrigin::query, "New Jersey"},
      {"la", NameOrigin::query, "Laos"},
  };
  check_locations(cases);
  // Not a location, not an abbreviation.
  CHECK(c.canonical(EntityType::person, "Calif.", NameOrigin::article) != "California");
}

TEST_CASE("a country that no longer exists is one value under its own name",
          "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  for (const char* name : {"USSR", "U.S.S.R.", "Soviet Union", "Ussr"}) {
    INFO(name);
    CHECK(c.canonical(EntityType::location, name, NameOrigin::article) == "Soviet Union");
  }
  CHECK(c.canonical(EntityType::location, "W. Germany", NameOrigin::article) == "West Germany");
  CHECK(c.canonical(EntityType::location, "West Germany", NameOrigin::article) == "West Germany");
  CHECK(c.canonical(EntityType::location, "Germany", NameOrigin::article) == "Germany");
  CHECK(c.canonical(EntityType::location, "ussr", NameOrigin::query) == "Soviet Union");
}

TEST_CASE("party and agency variants are one organisation", "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  const std::pair<const char*, const char*> cases[] = {
      {"Lib Dems", "Liberal Democrats"},
      {"Liberal Democrat", "Liberal Democrats"},
      {"Liberal Democrats", "Liberal Democrats"},
      {"Labour", "Labour Party"},
      {"Labour Party", "Labour Party"},
      {"Tories", "Conservative Party"},
      {"Conservatives", "Conservative Party"},
      {"SEC", "Securities and Exchange Commission"},
      {"Federal Reserve Board", "Federal Reserve"},
  };
  for (const auto& [name, expected] : cases) {
    INFO(name);
    CHECK(c.canonical(EntityType::organization, name, NameOrigin::article) == expected);
  }
}

TEST_CASE("organisation aliases", "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  struct Case {
    const char* name;
    const char* expected;
  };
  const Case cases[] = {
      {"EU", "European Union"},
      {"E.U.", "European Union"},
      {"UN", "United Nations"},
      {"U.N.", "United Nations"},
      {"Nato", "NATO"},
      {"OPEC", "OPEC"},
      {"WHO", "World Health Organization"},
      {"World Health Organisation", "World Health Organization"},
      {"Fed", "Federal Reserve"},
      {"EC Commission", "European Commission"},  // as wires wrote it before 1993
      {"Northwind Systems", "Northwind Systems"},
      {"NORTHWIND SYSTEMS", "Northwind Systems"},  // capitals recapitalised
  };
  for (const Case& k : cases) {
    INFO(k.name);
    CHECK(c.canonical(EntityType::organization, k.name, NameOrigin::article) == k.expected);
  }
  // Lower-case short forms in text are words, not organisations.
  CHECK(c.canonical(EntityType::organization, "who", NameOrigin::article) == "who");
  CHECK(c.is_known(EntityType::organization, "who", NameOrigin::query));
}

TEST_CASE("aliases do not cross types", "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  CHECK(c.canonical(EntityType::person, "US", NameOrigin::article) == "US");
  CHECK(c.canonical(EntityType::person, "John Kerry", NameOrigin::article) == "John Kerry");
  CHECK(c.canonical(EntityType::person, "JOHN KERRY", NameOrigin::article) == "John Kerry");
  CHECK(c.canonical(EntityType::organization, "BANK OF JAPAN", NameOrigin::article) ==
        "Bank of Japan");
  CHECK(c.canonical(EntityType::organization, "IBM", NameOrigin::article) == "IBM");
  CHECK(c.canonical(EntityType::location, "OSLO", NameOrigin::article) == "Oslo");
  // A two-letter abbreviation with its period, in a name in capitals.
  CHECK(c.canonical(EntityType::location, "ST. LOUIS", NameOrigin::article) == "St. Louis");
  CHECK(c.canonical(EntityType::location, "FT. LAUDERDALE", NameOrigin::article) ==
        "Ft. Lauderdale");
  CHECK(c.canonical(EntityType::location, "N.Y. CITY", NameOrigin::article) == "N.Y. City");
  // Particles of names in capitals: lower case within the name, capitalised
  // opening it; "LE" and "LA" within it are a surname's or a place's own.
  CHECK(c.canonical(EntityType::location, "RIO DE JANEIRO", NameOrigin::article) ==
        "Rio de Janeiro");
  CHECK(c.canonical(EntityType::location, "LA PAZ", NameOrigin::article) == "La Paz");
  CHECK(c.canonical(EntityType::location, "EL PASO", NameOrigin::article) == "El Paso");
  CHECK(c.canonical(EntityType::organization, "DE BEERS", NameOrigin::article) == "De Beers");
  CHECK(c.canonical(EntityType::organization, "GENERALE DE BANQUE", NameOrigin::article) ==
        "Generale de Banque");
  CHECK(c.canonical(EntityType::person, "LUDWIG VAN BEETHOVEN", NameOrigin::article) ==
        "Ludwig van Beethoven");
  CHECK(c.canonical(EntityType::person, "EDWIN VAN DER SAR", NameOrigin::article) ==
        "Edwin van der Sar");
  CHECK(c.canonical(EntityType::person, "JEAN-MARIE LE PEN", NameOrigin::article) ==
        "Jean-Marie Le Pen");
  CHECK(c.canonical(EntityType::location, "RIO DE LA PLATA", NameOrigin::article) ==
        "Rio de la Plata");
  CHECK(c.canonical(EntityType::location, "PUERTO LA CRUZ", NameOrigin::article) ==
        "Puerto La Cruz");
  CHECK(c.canonical(EntityType::location, "WEST DES MOINES", NameOrigin::article) ==
        "West Des Moines");
  CHECK(c.canonical(EntityType::location, "DAR ES SALAAM", NameOrigin::article) == "Dar es Salaam");
  // Written in mixed case, a name keeps its particles as written.
  CHECK(c.canonical(EntityType::organization, "Banco de la Nacion", NameOrigin::article) ==
        "Banco de la Nacion");
  CHECK(c.canonical(EntityType::person, "KERRY", NameOrigin::article) == "Kerry");
  CHECK(c.canonical(EntityType::organization, "OPEC", NameOrigin::article) == "OPEC");
  CHECK_FALSE(c.is_known(EntityType::location, "Kerry", NameOrigin::article));
}

TEST_CASE("a name loses a wiki's reference markers and a stray slash", "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  CHECK(c.canonical(EntityType::location, "El Alamein[112", NameOrigin::article) == "El Alamein");
  CHECK(c.canonical(EntityType::location, "Lake Taupo,[150]", NameOrigin::article) == "Lake Taupo");
  CHECK(c.canonical(EntityType::person, "Edmund Hillary.[354][355", NameOrigin::article) ==
        "Edmund Hillary");
  CHECK(c.canonical(EntityType::location, "Hauraki Gulf),[139", NameOrigin::article) ==
        "Hauraki Gulf");
  CHECK(c.canonical(EntityType::location, "Washington, D.C.[3]", NameOrigin::article) ==
        "Washington, D.C.");
  CHECK(c.canonical(EntityType::person, "Desmond Kwande/", NameOrigin::article) ==
        "Desmond Kwande");
  // Brackets that are part of a name, or hold no number, stay.
  CHECK(c.canonical(EntityType::misc, "Windows [95", NameOrigin::article) == "Windows [95");
  CHECK(c.canonical(EntityType::organization, "Group of 20", NameOrigin::article) == "Group of 20");
}

TEST_CASE("entity_key folds case, accents, full stops and spaces", "[common][canonical]") {
  CHECK(entity_key("São  Paulo") == "sao paulo");
  CHECK(entity_key("U.S.") == "us");
  CHECK(entity_key("ZÜRICH") == "zurich");
  CHECK(entity_key("John Kerry") == entity_key("JOHN KERRY"));
  CHECK(entity_key("al-Assad") == entity_key("alAssad"));
}

TEST_CASE("hyphens stripped from Arabic articles come back for display", "[common][canonical]") {
  const EntityCanonicalizer& c = EntityCanonicalizer::instance();
  CHECK(c.canonical(EntityType::person, "Bashar alAssad", NameOrigin::article) ==
        "Bashar al-Assad");
  CHECK(c.canonical(EntityType::organization, "Jabhat alNusra", NameOrigin::article) ==
        "Jabhat al-Nusra");
  CHECK(c.canonical(EntityType::person, "Alan Smith", NameOrigin::article) == "Alan Smith");
  CHECK(c.canonical(EntityType::location, "Atlanta", NameOrigin::article) == "Atlanta");
}

TEST_CASE("recapitalise_word only touches long all-capital words", "[common][canonical]") {
  CHECK(recapitalise_word("KERRY") == "Kerry");
  CHECK(recapitalise_word("O'NEILL") == "O'Neill");
  CHECK(recapitalise_word("NASA") == "NASA");
  CHECK(recapitalise_word("McDonald") == "McDonald");
  CHECK(recapitalise_word("iPhone") == "iPhone");
}

}  // namespace dateline

// gazetteer: writes common/geo/gazetteer-en.tsv, the places and demonyms
// the indexer reads to find the countries an article is about
// (common/gazetteer.hpp, whose header states the file's format).
//
//   gazetteer --cities cities1000.tsv --countries countries.json
//       > common/geo/gazetteer-en.tsv   (one command line)
//
// From GeoNames' cities of 1,000 inhabitants or more: each place's
// entity_key, country code, first-order region code and population; a name
// held by several places of one country and region keeps the most populous
// (the others cannot be told apart by the evidence the indexer uses), and
// a place is also found under the short name news text gives it
// ("Frankfurt am Main", "Washington, D.C.", "Halle (Saale)", "New York
// City", "Newcastle upon Tyne": Frankfurt, Washington, Halle, New York,
// Newcastle). From
// the world-countries list: each country's English demonyms. A demonym two
// countries share goes to the one that is independent when only one is
// ("French": France, not the French Southern Territories); otherwise to
// neither ("Congolese").
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/canonical.hpp"
#include "common/cli.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace {

namespace cli = dateline::cli;
namespace fs = std::filesystem;
namespace po = boost::program_options;
using dateline::Error;

struct GazetteerCommandLine {
  cli::GeneralFlags general;
  fs::path cities;
  fs::path countries;
};

po::options_description gazetteer_options(GazetteerCommandLine& c) {
  po::options_description group("Data");
  group.add_options()  //
      ("cities", po::value(&c.cities)->value_name("FILE"),
       "GeoNames cities of 1,000+ inhabitants, as ../shared/data/geo/cities1000.tsv")  //
      ("countries", po::value(&c.countries)->value_name("FILE"), "world-countries' countries.json");
  return cli::with_general_options(c.general, group);
}

GazetteerCommandLine parse_gazetteer_command_line(const std::vector<std::string>& args) {
  GazetteerCommandLine c;
  po::options_description options = gazetteer_options(c);
  cli::parse_arguments(args, options, {});
  if (c.general.help_or_version()) return c;
  if (c.cities.empty() || c.countries.empty()) {
    throw po::error("both --cities and --countries are needed");
  }
  return c;
}

std::string gazetteer_usage() {
  GazetteerCommandLine c;
  return cli::help_text(
      "Usage: gazetteer --cities FILE --countries FILE > common/geo/gazetteer-en.tsv\n\n"
      "Writes the gazetteer the indexer finds articles' countries with.\n",
      gazetteer_options(c));
}

// One place line's fields.
struct PlaceRow {
  std::string country;
  std::string admin1;
  unsigned long population = 0;
};

// `name` and the short names news text writes for it (see the top).
std::vector<std::string> names_of(const std::string& name) {
  std::vector<std::string> names = {name};
  std::string shorter = name;
  for (const char* tail : {", ", " (", " am ", " an der ", " upon ", " on "}) {
    const std::size_t at = shorter.find(tail);
    if (at != std::string::npos && at > 0) shorter.erase(at);
  }
  constexpr std::string_view k_city = " City";
  if (shorter.ends_with(k_city) && shorter.size() > k_city.size()) {
    shorter.erase(shorter.size() - k_city.size());
  }
  if (shorter != name) names.push_back(shorter);
  return names;
}

// key -> (country, admin1) -> the most populous place of that name there.
using Places = std::map<std::string, std::map<std::pair<std::string, std::string>, unsigned long>>;

// Columns: geonameid, name, alt_name, country, admin1, feature_code,
// population, latitude, longitude (a header line first).
Places read_places(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open '" + path.string() + "'");
  Places places;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    if (++number == 1) continue;
    const std::vector<std::string_view> fields = dateline::split_on(line, '\t');
    if (fields.size() != 9) {
      throw Error(path.string() + ":" + std::to_string(number) + ": expected 9 fields, found " +
                  std::to_string(fields.size()));
    }
    const std::string country(fields[3]);
    if (country.size() != 2) continue;
    unsigned long population = 0;
    try {
      population = std::stoul(std::string(fields[6]));
    } catch (const std::exception&) {
      throw Error(path.string() + ":" + std::to_string(number) + ": bad population '" +
                  std::string(fields[6]) + "'");
    }
    for (const std::string& name : names_of(std::string(fields[1]))) {
      const std::string key = dateline::entity_key(name);
      if (key.empty()) continue;
      unsigned long& kept = places[key][{country, std::string(fields[4])}];
      kept = std::max(kept, population);
    }
  }
  return places;
}

// The demonyms a countries.json entry gives, split where one string holds
// two ("Antiguan, Barbudan", "Kittitian or Nevisian").
std::set<std::string> demonyms_of(const nlohmann::json& country) {
  std::set<std::string> out;
  const nlohmann::json* english = nullptr;
  if (country.contains("demonyms") && country["demonyms"].contains("eng")) {
    english = &country["demonyms"]["eng"];
  }
  if (english == nullptr) return out;
  for (const char* form : {"m", "f"}) {
    if (!english->contains(form) || !(*english)[form].is_string()) continue;
    std::string text = (*english)[form].get<std::string>();
    for (std::size_t at; (at = text.find(" or ")) != std::string::npos;) text.replace(at, 4, ",");
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      const std::string key = dateline::entity_key(text.substr(start, comma - start));
      if (!key.empty()) out.insert(key);
      start = comma + 1;
    }
  }
  return out;
}

// demonym key -> the one country it names (see the file's header).
std::map<std::string, std::string> read_demonyms(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open '" + path.string() + "'");
  nlohmann::json countries;
  try {
    countries = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path.string() + ": " + e.what());
  }
  struct Claim {
    std::vector<std::string> independent;
    std::vector<std::string> other;
  };
  std::map<std::string, Claim> claims;
  for (const nlohmann::json& country : countries) {
    const std::string code = country.value("cca2", "");
    if (code.size() != 2) continue;
    const bool independent = country.contains("independent") &&
                             country["independent"].is_boolean() &&
                             country["independent"].get<bool>();
    for (const std::string& demonym : demonyms_of(country)) {
      (independent ? claims[demonym].independent : claims[demonym].other).push_back(code);
    }
  }
  std::map<std::string, std::string> demonyms;
  for (const auto& [demonym, claim] : claims) {
    if (claim.independent.size() == 1) {
      demonyms[demonym] = claim.independent.front();
    } else if (claim.independent.empty() && claim.other.size() == 1) {
      demonyms[demonym] = claim.other.front();
    }
  }
  return demonyms;
}

int write_gazetteer(const GazetteerCommandLine& c) {
  const Places places = read_places(c.cities);
  const std::map<std::string, std::string> demonyms = read_demonyms(c.countries);
  std::cout << "# dateline gazetteer 1\n"
               "# Generated by tools/gen/gazetteer.cpp; do not edit. Rebuild with\n"
               "#   build/tools/gazetteer --cities ../shared/data/geo/cities1000.tsv \\\n"
               "#     --countries ../shared/data/geo/countries.json > common/geo/gazetteer-en.tsv\n"
               "# Places: GeoNames (geonames.org), CC BY 4.0, from its cities of 1,000 or\n"
               "# more inhabitants. Demonyms: world-countries 5.1.0 (countries.json),\n"
               "# ODbL 1.0; this file, as a database derived from it, is under ODbL 1.0 too\n"
               "# (common/geo/README.md).\n";
  for (const auto& [demonym, code] : demonyms) {
    std::cout << "demonym\t" << demonym << '\t' << code << '\n';
  }
  std::size_t rows = 0;
  for (const auto& [key, where] : places) {
    for (const auto& [place, population] : where) {
      std::cout << "place\t" << key << '\t' << place.first << '\t' << place.second << '\t'
                << population << '\n';
      ++rows;
    }
  }
  std::cerr << "gazetteer: " << demonyms.size() << " demonyms, " << rows << " places\n";
  return cli::k_exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  return dateline::cli::run_main<GazetteerCommandLine>(
      {"gazetteer", parse_gazetteer_command_line, gazetteer_usage, write_gazetteer}, argc, argv);
}

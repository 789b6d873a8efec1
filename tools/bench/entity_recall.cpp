// entity-recall: a rough recall check of dateline's entity facets against
// the editors' PEOPLE and PLACES tags of Reuters-21578, and the time entity
// extraction takes.
//
//   entity-recall [--model FILE] REUTERS_DIR
//
// A PEOPLE tag ("james-baker", "reagan") counts as found when a person
// facet of the article has the tag's words as its name or surname; a PLACES
// tag ("usa", "west-germany") when a location facet equals the tag read as a
// place name or country code ("usa" -> United States). Tags name what a
// story is about, not only what it says (a New York story is tagged "usa"
// without naming the country), so 100% is not reachable; the figure is for
// comparing taggers and resolution rules, not a score.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/canonical.hpp"
#include "common/cli.hpp"
#include "common/ner/tagger.hpp"
#include "common/reader.hpp"
#include "indexer/entity_extractor.hpp"
#include "tools/bench/bench_support.hpp"
#include "tools/bench/reuters_tags.hpp"

namespace {

using namespace dateline;
namespace fs = std::filesystem;
namespace po = boost::program_options;

struct EntityRecallCommandLine {
  cli::GeneralFlags general;
  std::string model;
  std::string reuters;
};

po::options_description entity_recall_options(EntityRecallCommandLine& c) {
  po::options_description group("Check");
  group.add_options()  //
      ("model", po::value(&c.model)->value_name("FILE"),
       "tagger model (default: the installed one)");
  return cli::with_general_options(c.general, group);
}

EntityRecallCommandLine parse_entity_recall_command_line(const std::vector<std::string>& args) {
  EntityRecallCommandLine c;
  po::options_description options = entity_recall_options(c);
  options.add_options()("reuters", po::value(&c.reuters), "Reuters-21578 directory");
  po::positional_options_description positional;
  positional.add("reuters", 1);
  cli::parse_arguments(args, options, positional);
  if (!c.general.help_or_version() && c.reuters.empty()) {
    throw po::error("expected REUTERS_DIR");
  }
  return c;
}

std::string entity_recall_usage() {
  EntityRecallCommandLine c;
  return cli::help_text(
      "Usage: entity-recall [--model FILE] REUTERS_DIR\n\n"
      "How many of Reuters-21578's PEOPLE and PLACES tags are among the entity\n"
      "facets dateline extracts, and how long extraction takes.\n",
      entity_recall_options(c));
}

// Tags found among the facets, of tags given.
struct Count {
  std::size_t found = 0;
  std::size_t tags = 0;
  double percent() const {
    return tags ? 100.0 * static_cast<double>(found) / static_cast<double>(tags) : 0.0;
  }
};

struct Recall {
  std::size_t articles = 0;
  Count people;
  Count places;
  Count usa;  // the editors' catch-all tag, counted apart
  double extract_seconds = 0;
  std::map<std::string, int> missed_places;
};

// The keys of an article's person facets (and their surnames) and of its
// location facets.
struct FacetKeys {
  std::set<std::string> persons;
  std::set<std::string> surnames;
  std::set<std::string> places;
};

// The last word of a key: "james baker" -> "baker".
std::string surname_of(const std::string& key) { return key.substr(key.rfind(' ') + 1); }

FacetKeys facet_keys(const std::vector<ArticleEntity>& entities) {
  FacetKeys keys;
  for (const ArticleEntity& e : entities) {
    const std::string key = entity_key(e.value);
    if (e.type == EntityType::person) {
      keys.persons.insert(key);
      keys.surnames.insert(surname_of(key));
    } else if (e.type == EntityType::location) {
      keys.places.insert(key);
    }
  }
  return keys;
}

// Counts an article's tags found among its facets into `recall`.
void count_tags(const bench::ReutersTags& tags, const FacetKeys& keys, Recall& recall) {
  const EntityCanonicalizer& canonicalizer = EntityCanonicalizer::instance();
  for (const std::string& person : tags.people) {
    ++recall.people.tags;
    const std::string key = entity_key(person);
    if (keys.persons.count(key) || keys.surnames.count(surname_of(key))) ++recall.people.found;
  }
  for (const std::string& place : tags.places) {
    ++recall.places.tags;
    const std::string canonical =
        canonicalizer.canonical(EntityType::location, place, NameOrigin::query);
    const bool usa = place == "usa";
    if (usa) ++recall.usa.tags;
    if (keys.places.count(entity_key(canonical))) {
      ++recall.places.found;
      if (usa) ++recall.usa.found;
    } else {
      ++recall.missed_places[place];
    }
  }
}

// Every Reuters article with a body and tags: its entities extracted
// (timed) and its tags counted.
Recall measure_recall(const EntityExtractor& extractor, const fs::path& reuters) {
  Recall recall;
  for (const fs::path& file : bench::reuters_files(reuters)) {
    ReaderContext context;
    context.source_path = fs::absolute(file).string();
    const std::unordered_map<std::string, bench::ReutersTags> tags =
        bench::tags_by_article_id(bench::read_reuters_tags(file), context.source_path);
    for (const Article& article : read_file(file, context).articles) {
      if (article.paragraphs.empty()) continue;
      const auto article_tags = tags.find(article.id);
      if (article_tags == tags.end()) continue;
      ++recall.articles;
      const bench::Stopwatch stopwatch;
      const std::vector<ArticleEntity> entities = extractor.extract(article);
      recall.extract_seconds += stopwatch.seconds();
      count_tags(article_tags->second, facet_keys(entities), recall);
    }
  }
  return recall;
}

void print_recall(const Recall& recall) {
  const Count other_places{recall.places.found - recall.usa.found,
                           recall.places.tags - recall.usa.tags};
  std::printf("entity-recall: %zu Reuters-21578 articles with a body\n", recall.articles);
  std::printf("PEOPLE tags found among person facets:   %zu of %zu (%.1f%%)\n", recall.people.found,
              recall.people.tags, recall.people.percent());
  std::printf("PLACES tags found among location facets: %zu of %zu (%.1f%%)\n", recall.places.found,
              recall.places.tags, recall.places.percent());
  std::printf("PLACES tags other than usa found:        %zu of %zu (%.1f%%)\n", other_places.found,
              other_places.tags, other_places.percent());
  std::printf("entity extraction: %.2f s on one core (%.0f articles/s)\n", recall.extract_seconds,
              static_cast<double>(recall.articles) / recall.extract_seconds);
  std::printf("most missed PLACES tags:");
  std::vector<std::pair<int, std::string>> missed;
  for (const auto& [place, count] : recall.missed_places) missed.emplace_back(count, place);
  std::sort(missed.rbegin(), missed.rend());
  for (std::size_t i = 0; i < std::min<std::size_t>(8, missed.size()); ++i) {
    std::printf(" %s (%d)", missed[i].second.c_str(), missed[i].first);
  }
  std::printf("\n");
}

int run_entity_recall(const EntityRecallCommandLine& c) {
  const std::string model = c.model.empty() ? ner::default_model_path().string() : c.model;
  const ner::Tagger tagger = ner::Tagger::load(model);
  const EntityExtractor extractor(tagger);
  print_recall(measure_recall(extractor, c.reuters));
  return cli::k_exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_main<EntityRecallCommandLine>(
      {"entity-recall", parse_entity_recall_command_line, entity_recall_usage, run_entity_recall},
      argc, argv);
}

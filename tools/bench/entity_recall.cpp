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
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/canonical.hpp"
#include "common/ner/tagger.hpp"
#include "common/reader.hpp"
#include "indexer/entity_extractor.hpp"

namespace {

namespace fs = std::filesystem;

struct Tags {
  std::vector<std::string> people;
  std::vector<std::string> places;
};

// "<PEOPLE><D>a</D><D>b</D></PEOPLE>" -> {"a", "b"}
std::vector<std::string> tag_list(std::string_view element, std::string_view name) {
  std::vector<std::string> values;
  const std::string open = "<" + std::string(name) + ">";
  const std::size_t start = element.find(open);
  const std::size_t end = element.find("</" + std::string(name) + ">");
  if (start == std::string_view::npos || end == std::string_view::npos) return values;
  std::string_view list = element.substr(start + open.size(), end - start - open.size());
  while (true) {
    const std::size_t d = list.find("<D>");
    if (d == std::string_view::npos) break;
    const std::size_t close = list.find("</D>", d);
    std::string value(list.substr(d + 3, close - d - 3));
    for (char& c : value) {
      if (c == '-') c = ' ';
    }
    values.push_back(value);
    list.remove_prefix(close + 4);
  }
  return values;
}

// NEWID -> tags, for every <REUTERS> element of `file`.
std::map<std::string, Tags> read_tags(const fs::path& file) {
  const dateline::FileBytes bytes = dateline::read_file_bytes(file, file.string());
  std::map<std::string, Tags> tags;
  std::string_view all = bytes.bytes;
  std::size_t position = 0;
  while ((position = all.find("<REUTERS", position)) != std::string_view::npos) {
    const std::size_t end = all.find("</REUTERS>", position);
    if (end == std::string_view::npos) break;
    const std::string_view element = all.substr(position, end - position);
    const std::size_t id = element.find("NEWID=\"");
    if (id != std::string_view::npos) {
      const std::string newid(element.substr(id + 7, element.find('"', id + 7) - id - 7));
      tags[newid] = {tag_list(element, "PEOPLE"), tag_list(element, "PLACES")};
    }
    position = end;
  }
  return tags;
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string model;
  std::string reuters;
  po::options_description options("Usage: entity-recall [--model FILE] REUTERS_DIR");
  options.add_options()("model", po::value(&model), "tagger model (default: the installed one)")(
      "reuters", po::value(&reuters)->required(), "Reuters-21578 directory");
  po::positional_options_description positional;
  positional.add("reuters", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "entity-recall: " << e.what() << "\n" << options;
    return 2;
  }
  if (model.empty()) model = dateline::ner::default_model_path().string();
  const dateline::ner::Tagger tagger = dateline::ner::Tagger::load(model);
  const dateline::EntityExtractor extractor(tagger);
  const dateline::EntityCanonicalizer& canonicalizer = dateline::EntityCanonicalizer::instance();

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(reuters)) {
    if (entry.path().extension() == ".sgm") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t articles = 0;
  std::size_t people_tags = 0, people_found = 0, place_tags = 0, places_found = 0;
  std::size_t usa_tags = 0, usa_found = 0;  // the editors' catch-all tag, counted apart
  double extract_seconds = 0;
  std::map<std::string, int> missed_places;
  for (const fs::path& file : files) {
    const std::map<std::string, Tags> tags = read_tags(file);
    dateline::ReaderContext context;
    context.source_path = fs::absolute(file).string();
    for (const dateline::Article& article : dateline::read_file(file, context).articles) {
      if (article.paragraphs.empty()) continue;
      // The reader's id is a hash of path and NEWID: find the NEWID back.
      const Tags* article_tags = nullptr;
      for (const auto& [newid, t] : tags) {
        if (dateline::make_article_id(context.source_path, newid) == article.id) {
          article_tags = &t;
          break;
        }
      }
      if (article_tags == nullptr) continue;
      ++articles;
      const auto start = std::chrono::steady_clock::now();
      const std::vector<dateline::ArticleEntity> entities = extractor.extract(article);
      extract_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::set<std::string> person_keys, surname_keys, place_keys;
      for (const auto& e : entities) {
        const std::string key = dateline::entity_key(e.value);
        if (e.type == dateline::EntityType::person) {
          person_keys.insert(key);
          surname_keys.insert(key.substr(key.rfind(' ') + 1));
        } else if (e.type == dateline::EntityType::location) {
          place_keys.insert(key);
        }
      }
      for (const std::string& person : article_tags->people) {
        ++people_tags;
        const std::string key = dateline::entity_key(person);
        if (person_keys.count(key) || surname_keys.count(key.substr(key.rfind(' ') + 1))) {
          ++people_found;
        }
      }
      for (const std::string& place : article_tags->places) {
        ++place_tags;
        const std::string canonical = canonicalizer.canonical(dateline::EntityType::location, place,
                                                              dateline::NameOrigin::query);
        if (place == "usa") ++usa_tags;
        if (place_keys.count(dateline::entity_key(canonical))) {
          ++places_found;
          if (place == "usa") ++usa_found;
        } else {
          ++missed_places[place];
        }
      }
    }
  }
  auto percent = [](std::size_t a, std::size_t b) { return b ? 100.0 * a / b : 0.0; };
  std::printf("entity-recall: %zu Reuters-21578 articles with a body\n", articles);
  std::printf("PEOPLE tags found among person facets:   %zu of %zu (%.1f%%)\n", people_found,
              people_tags, percent(people_found, people_tags));
  std::printf("PLACES tags found among location facets: %zu of %zu (%.1f%%)\n", places_found,
              place_tags, percent(places_found, place_tags));
  std::printf("PLACES tags other than usa found:        %zu of %zu (%.1f%%)\n",
              places_found - usa_found, place_tags - usa_tags,
              percent(places_found - usa_found, place_tags - usa_tags));
  std::printf("entity extraction: %.2f s on one core (%.0f articles/s)\n", extract_seconds,
              articles / extract_seconds);
  std::printf("most missed PLACES tags:");
  std::vector<std::pair<int, std::string>> missed;
  for (const auto& [place, count] : missed_places) missed.emplace_back(count, place);
  std::sort(missed.rbegin(), missed.rend());
  for (std::size_t i = 0; i < std::min<std::size_t>(8, missed.size()); ++i) {
    std::printf(" %s (%d)", missed[i].second.c_str(), missed[i].first);
  }
  std::printf("\n");
  return 0;
}

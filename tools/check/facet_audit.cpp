// facet-audit: how far an index's entity facets can be trusted, measured
// as a user meets them (issue 17's "Measure it, side by side").
//
//   facet-audit --db INDEX [--top N] [--reuters DIR] [--people N]
//               [--places N] [--json]
//
// First the top N values of each entity facet (and of the country facet,
// when searcher/facets.hpp has one) over the whole archive: the query '*'
// through the Searcher, counted as dateline-search --limit 0 counts them.
//
// With --reuters, the Reuters-21578 directory the index was built from, the
// filters are held against the editors' tags. An index article is matched
// to its Reuters article through its id: make_article_id of the path its
// summary stores and the NEWID (the file found in DIR by name). Only
// articles whose <BODY> is not empty count (Reuters also tags items that
// are a headline, which the reader indexes with an empty body), and
// matches are counted among those same articles, each copy of a story on
// its own. For the --people most frequent PEOPLE tags: the tag's full name
// in this archive (the most frequent person value of two or more words
// ending in the tag's last word, among the articles carrying the tag; else
// the tag's words), then recall and precision of person:"NAME" and of the
// phrase "NAME" as text. For the --places most frequent PLACES tags but
// "usa" (which tags most stories without their naming the country): the
// place the tag names, then country:"NAME" (location:"NAME" on an index
// without a country facet) beside the text "NAME".
//
// A benchmark, not a test: it prints figures to compare before and after
// a change. Cost: one facet count over every article, a pass over every
// summary, and two matches per tag, each collecting all its documents.
#include <xapian.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/canonical.hpp"
#include "common/cli.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "searcher/facets.hpp"
#include "searcher/query.hpp"
#include "searcher/searcher.hpp"
#include "searcher/terminal.hpp"
#include "tools/bench/reuters_tags.hpp"

namespace {

using namespace dateline;
namespace fs = std::filesystem;
namespace po = boost::program_options;
using bench::ReutersTags;

// --- Command line -----------------------------------------------------------

struct FacetAuditCommandLine {
  cli::GeneralFlags general;
  std::string db_path;
  std::string reuters;
  std::size_t top = 30;
  std::size_t people = 15;
  std::size_t places = 15;
  bool json = false;
};

po::options_description facet_audit_options(FacetAuditCommandLine& c) {
  po::options_description group("Audit");
  group.add(cli::database_options(c.db_path));
  group.add_options()  //
      ("top", cli::whole_number("top", c.top, 1, 100'000, c.top),
       "values listed of each facet")  //
      ("reuters", po::value(&c.reuters)->value_name("DIR"),
       "the Reuters-21578 directory the index was built from: hold the filters "
       "against its PEOPLE and PLACES tags")  //
      ("people", cli::whole_number("people", c.people, 0, 10'000, c.people),
       "PEOPLE tags measured, the most frequent")  //
      ("places", cli::whole_number("places", c.places, 0, 10'000, c.places),
       "PLACES tags measured, the most frequent but usa")  //
      ("json", po::bool_switch(&c.json), "print one JSON object, for scripts");
  return cli::with_general_options(c.general, group);
}

FacetAuditCommandLine parse_facet_audit_command_line(const std::vector<std::string>& args) {
  FacetAuditCommandLine c;
  cli::parse_arguments(args, facet_audit_options(c));
  if (!c.general.help_or_version() && c.db_path.empty()) throw po::error("expected --db INDEX");
  return c;
}

std::string facet_audit_usage() {
  FacetAuditCommandLine c;
  return cli::help_text(
      "Usage: facet-audit --db INDEX [--top N] [--reuters DIR] [--people N]\n"
      "                   [--places N] [--json]\n\n"
      "The top values of each entity facet over the whole archive and, with\n"
      "--reuters, the recall and precision of person: and country: (or location:)\n"
      "filters against Reuters-21578's PEOPLE and PLACES tags, beside a text\n"
      "query of the same name. A benchmark: its figures are for comparing.\n",
      facet_audit_options(c));
}

// --- What the audit finds ---------------------------------------------------

// A query's matches among the audited articles, against the articles
// carrying a tag.
struct Score {
  std::string query;
  std::size_t matches = 0;  // audited articles the query finds
  std::size_t found = 0;    // of those, the ones carrying the tag
  double recall = 0;        // found / articles carrying the tag
  double precision = 0;     // found / matches; 0 when it finds none
};

struct TagRow {
  std::string tag;  // as Reuters spells it: "james-baker"
  std::string name;
  std::size_t tagged = 0;  // audited articles carrying the tag
  Score filter;
  Score text;
};

struct TagGroup {
  std::string label;         // "PEOPLE"
  std::string filter_field;  // "person"; "country" or "location"
  std::string excluded;      // the tag left out ("usa"), or empty
  std::vector<TagRow> rows;  // most tagged first
};

struct ReutersAudit {
  std::string directory;
  // Index articles from the directory's files whose <BODY> is not empty:
  // the audited ones; and those left out, whose <BODY> is (a headline
  // alone, or unprocessed text the reader takes as the body).
  std::size_t articles = 0;
  std::size_t without_body = 0;
  TagGroup people;
  TagGroup places;
};

struct Audit {
  std::string index;
  std::size_t articles = 0;
  std::size_t top = 0;
  std::vector<Facet> facets;
  std::optional<ReutersAudit> reuters;
};

// --- The whole archive's facets ---------------------------------------------

// The entity types' facets, and the country facet where the table has one.
std::vector<FacetKind> audited_facets() {
  std::vector<FacetKind> kinds;
  for (const EntityTypeInfo& info : k_entity_type_table) {
    if (const std::optional<FacetKind> kind = parse_facet_kind(info.name)) kinds.push_back(*kind);
  }
  if (const std::optional<FacetKind> country = parse_facet_kind("country")) {
    kinds.push_back(*country);
  }
  return kinds;
}

Audit audit_archive(Searcher& searcher, std::size_t top) {
  SearchRequest request;
  request.query = "*";
  request.limit = 0;
  request.facets = audited_facets();
  request.facet_limit = top;
  request.suggest = false;
  const SearchResult result = searcher.search(request);
  return {searcher.path(), result.articles, top, result.facets, std::nullopt};
}

// --- Reuters articles in the index ------------------------------------------

// An audited article: from Reuters, with a body.
struct TaggedArticle {
  Xapian::docid docid = 0;
  ReutersTags tags;
  std::vector<std::string> persons;  // its person values
};

struct ReutersArticles {
  std::vector<TaggedArticle> articles;  // in docid order
  std::size_t without_body = 0;
};

// Reuters tags by the article ids of the files of one directory, read as
// index summaries name the files (by the path as indexed).
class TagsByPath {
 public:
  explicit TagsByPath(const fs::path& directory) {
    for (const fs::path& file : bench::reuters_files(directory)) {
      m_files[file.filename().string()] = file;
    }
  }

  // The tags of the article `id` read from `indexed_path`; null for an
  // article of another file or without a NEWID. Reads each file once.
  const ReutersTags* find(const std::string& indexed_path, const std::string& id) {
    auto by_id = m_by_path.find(indexed_path);
    if (by_id == m_by_path.end()) {
      const auto file = m_files.find(fs::path(indexed_path).filename().string());
      std::unordered_map<std::string, ReutersTags> tags;
      if (file != m_files.end()) {
        tags = bench::tags_by_article_id(bench::read_reuters_tags(file->second), indexed_path);
      }
      by_id = m_by_path.emplace(indexed_path, std::move(tags)).first;
    }
    const auto tags = by_id->second.find(id);
    return tags == by_id->second.end() ? nullptr : &tags->second;
  }

 private:
  std::map<std::string, fs::path> m_files;  // file name -> path in the directory
  std::unordered_map<std::string, std::unordered_map<std::string, ReutersTags>> m_by_path;
};

std::vector<std::string> person_values(const std::vector<ArticleEntity>& entities) {
  std::vector<std::string> values;
  for (const ArticleEntity& entity : entities) {
    if (entity.type == EntityType::person) values.push_back(entity.value);
  }
  return values;
}

// Every index article read from an .sgm file of `directory`, from the
// summaries in docid order. Throws dateline::Error when none is.
ReutersArticles reuters_articles(const Xapian::Database& db, const std::string& directory) {
  TagsByPath tags_by_path(directory);
  ReutersArticles found;
  for (Xapian::ValueIterator value = db.valuestream_begin(schema::k_slot_summary);
       value != db.valuestream_end(schema::k_slot_summary); ++value) {
    const schema::StoredArticle stored = schema::decode_summary(*value);
    const ReutersTags* tags = tags_by_path.find(stored.path, stored.id);
    if (tags == nullptr) continue;
    if (!tags->has_body) {
      ++found.without_body;
      continue;
    }
    found.articles.push_back({value.get_docid(), *tags, person_values(stored.entities)});
  }
  if (found.articles.empty()) {
    throw Error("no article of the index with a body comes from the .sgm files of '" + directory +
                "'");
  }
  return found;
}

// --- Tags and the names they stand for --------------------------------------

using Carriers = std::vector<const TaggedArticle*>;  // in docid order

// Each tag of the list `list` (people or places) with the articles carrying it.
std::map<std::string, Carriers> carriers_by_tag(const std::vector<TaggedArticle>& articles,
                                                std::vector<std::string> ReutersTags::*list) {
  std::map<std::string, Carriers> carriers;
  for (const TaggedArticle& article : articles) {
    for (const std::string& tag : article.tags.*list) carriers[tag].push_back(&article);
  }
  return carriers;
}

// The `count` tags carried by the most articles (ties by name), but
// `excluded`.
std::vector<std::string> most_carried(const std::map<std::string, Carriers>& carriers,
                                      std::size_t count, std::string_view excluded) {
  std::vector<std::string> tags;
  for (const auto& [tag, articles] : carriers) {
    if (tag != excluded) tags.push_back(tag);
  }
  std::stable_sort(tags.begin(), tags.end(), [&](const std::string& a, const std::string& b) {
    return carriers.at(a).size() > carriers.at(b).size();
  });
  if (tags.size() > count) tags.resize(count);
  return tags;
}

std::string last_word(const std::string& words) { return words.substr(words.rfind(' ') + 1); }

// "west germany" -> "West Germany" (tags are ASCII).
std::string title_case(std::string words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == 0 || words[i - 1] == ' ') {
      words[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[i])));
    }
  }
  return words;
}

// The full name a PEOPLE tag stands for in this archive, chosen from the
// data: among the person values of the articles carrying the tag, the most
// frequent of two or more words whose last word is the tag's (compared by
// entity_key: case and accents folded); ties go to the first by key. The
// tag's words title-cased when no value qualifies.
std::string person_name(const std::string& tag, const Carriers& carriers) {
  const std::string surname = last_word(entity_key(tag));
  struct Candidate {
    std::size_t articles = 0;
    std::string spelling;  // the first seen
  };
  std::map<std::string, Candidate> candidates;  // by entity_key
  for (const TaggedArticle* article : carriers) {
    for (const std::string& value : article->persons) {
      const std::string key = entity_key(value);
      if (key.find(' ') == std::string::npos || last_word(key) != surname) continue;
      Candidate& candidate = candidates[key];
      if (candidate.articles++ == 0) candidate.spelling = value;
    }
  }
  const Candidate* best = nullptr;
  for (const auto& [key, candidate] : candidates) {
    if (best == nullptr || candidate.articles > best->articles) best = &candidate;
  }
  return best ? best->spelling : title_case(tag);
}

// The place a PLACES tag names: the canonical location value of the tag
// read as a user's query ("uk" -> "United Kingdom"). A tag the tables do
// not know keeps its words, title-cased ("west germany" -> "West
// Germany"), or in capitals when it is one word of four letters or fewer,
// which is how the tags write abbreviations ("ussr" -> "USSR"); the case
// shows only in the output, as filters and text ignore it.
std::string place_name(const std::string& tag, const Carriers&) {
  constexpr std::size_t k_abbreviation_letters = 4;
  std::string canonical =  // not const: returned by move
      EntityCanonicalizer::instance().canonical(EntityType::location, tag, NameOrigin::query);
  if (canonical != tag) return canonical;
  if (tag.find(' ') != std::string::npos || tag.size() > k_abbreviation_letters) {
    return title_case(tag);
  }
  std::string capitals = tag;
  for (char& c : capitals) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return capitals;
}

// The field place filters use: country where the index has a country
// facet, else location.
std::string place_filter_field() {
  const std::optional<FacetKind> country = parse_facet_kind("country");
  return std::string(field_name(facet_info(country.value_or(FacetKind::location)).filter));
}

// --- Matching and scoring ---------------------------------------------------

// Every document a query matches, parsed as dateline-search parses it
// (query.hpp) and matched without ranking or collapsing copies. REQUIRES:
// the Searcher outlives it. Not thread-safe.
class Matcher {
 public:
  explicit Matcher(Searcher& searcher)
      : m_db(searcher.database()),
        m_parser(make_query_parser({&m_db, Xapian::Stem(searcher.shards().language()),
                                    MatchMode::all, &searcher.names()})) {}

  // In docid order. Throws QueryError for a query that cannot be parsed.
  std::vector<Xapian::docid> match(const std::string& query) {
    Xapian::Enquire enquire(m_db);
    enquire.set_query(parse_query(query, m_parser));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, m_db.get_doccount());
    std::vector<Xapian::docid> docids(mset.begin(), mset.end());
    std::sort(docids.begin(), docids.end());
    return docids;
  }

 private:
  const Xapian::Database& m_db;
  Xapian::QueryParser m_parser;
};

double ratio(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// `query` scored against `carriers`, counting only the matches that are
// `audited` (both in docid order).
Score score(Matcher& matcher, const std::string& query, const Carriers& carriers,
            const std::vector<Xapian::docid>& audited) {
  Score s{query};
  std::vector<Xapian::docid> all;
  try {
    all = matcher.match(query);
  } catch (const QueryError& e) {
    throw Error("cannot run the query " + query + ": " + e.what());
  }
  std::vector<Xapian::docid> matched;
  for (Xapian::docid docid : all) {
    if (std::binary_search(audited.begin(), audited.end(), docid)) matched.push_back(docid);
  }
  s.matches = matched.size();
  for (const TaggedArticle* article : carriers) {
    if (std::binary_search(matched.begin(), matched.end(), article->docid)) ++s.found;
  }
  s.recall = ratio(s.found, carriers.size());
  s.precision = ratio(s.found, s.matches);
  return s;
}

// `name` as a text query: a phrase.
std::string text_query(std::string name) {
  std::erase(name, '"');
  return '"' + name + '"';
}

// What measuring one kind of tag takes.
struct GroupSpec {
  std::string label;
  std::vector<std::string> ReutersTags::*list;
  std::size_t count;
  std::string_view excluded;  // a tag left out; empty for none
  std::string filter_field;
  std::function<std::string(const std::string&, const Carriers&)> name;
};

TagGroup measure_group(const GroupSpec& spec, const ReutersArticles& reuters, Matcher& matcher) {
  std::vector<Xapian::docid> audited;
  for (const TaggedArticle& article : reuters.articles) audited.push_back(article.docid);
  const std::map<std::string, Carriers> carriers = carriers_by_tag(reuters.articles, spec.list);
  TagGroup group{spec.label, spec.filter_field, std::string(spec.excluded), {}};
  for (const std::string& tag : most_carried(carriers, spec.count, spec.excluded)) {
    const Carriers& carrying = carriers.at(tag);
    TagRow row{tag, spec.name(tag, carrying), carrying.size(), {}, {}};
    std::replace(row.tag.begin(), row.tag.end(), ' ', '-');
    const std::string filter =
        spec.filter_field + ":" + quote_field_value(row.name, Quotes::always);
    row.filter = score(matcher, filter, carrying, audited);
    row.text = score(matcher, text_query(row.name), carrying, audited);
    group.rows.push_back(std::move(row));
  }
  return group;
}

ReutersAudit audit_reuters(Searcher& searcher, const FacetAuditCommandLine& c) {
  const ReutersArticles reuters = reuters_articles(searcher.database(), c.reuters);
  Matcher matcher(searcher);
  const GroupSpec people{
      "PEOPLE",   &ReutersTags::people, c.people, "", std::string(field_name(Field::person)),
      person_name};
  const GroupSpec places{"PLACES", &ReutersTags::places, c.places,
                         "usa",    place_filter_field(), place_name};
  return {c.reuters, reuters.articles.size(), reuters.without_body,
          measure_group(people, reuters, matcher), measure_group(places, reuters, matcher)};
}

// --- Output -----------------------------------------------------------------

struct Averages {
  double mean_recall = 0;
  double mean_precision = 0;
  double min_recall = 0;
};

// The averages of one column of scores (filter or text) over `rows`.
Averages averages(const std::vector<TagRow>& rows, Score TagRow::*column) {
  Averages a;
  if (rows.empty()) return a;
  a.min_recall = 1;
  for (const TagRow& row : rows) {
    a.mean_recall += (row.*column).recall;
    a.mean_precision += (row.*column).precision;
    a.min_recall = std::min(a.min_recall, (row.*column).recall);
  }
  a.mean_recall /= static_cast<double>(rows.size());
  a.mean_precision /= static_cast<double>(rows.size());
  return a;
}

// `text` in `width` columns: cut with "…", or padded with spaces.
std::string cell(std::string_view text, std::size_t width) {
  std::string out = terminal::truncate_to_width(text, width);
  out.append(width - std::min(width, terminal::display_width(out)), ' ');
  return out;
}

void print_facets(const Audit& audit) {
  std::printf("facet-audit: %s, %zu articles; the top %zu values of each facet (query '*')\n",
              audit.index.c_str(), audit.articles, audit.top);
  for (const Facet& facet : audit.facets) {
    std::printf("\n%s\n", std::string(facet_name(facet.kind)).c_str());
    std::size_t rank = 0;
    for (const FacetValue& value : facet.values) {
      std::printf("  %3zu  %s %7u\n", ++rank, cell(value.value, 40).c_str(), value.count);
    }
    if (facet.values.empty()) std::printf("  (no values)\n");
  }
}

void print_score(const Score& s) {
  std::printf("  %7zu %7.3f %9.3f", s.matches, s.recall, s.precision);
}

void print_averages(const char* label, const Averages& a) {
  std::printf("  %-6s mean recall %.3f  mean precision %.3f  min recall %.3f\n", label,
              a.mean_recall, a.mean_precision, a.min_recall);
}

void print_group(const TagGroup& group, std::size_t articles) {
  const std::string but = group.excluded.empty() ? "" : " but " + group.excluded;
  std::printf("\n%s: %zu tags, the most frequent%s, over %zu Reuters articles with a body\n",
              group.label.c_str(), group.rows.size(), but.c_str(), articles);
  std::printf("filter: %s:\"NAME\"   text: \"NAME\" (the name as a phrase)\n\n",
              group.filter_field.c_str());
  std::printf("%s %s %7s  %-25s  %s\n", cell("tag", 18).c_str(), cell("name", 26).c_str(), "tagged",
              (group.filter_field + ":\"NAME\"").c_str(), "text \"NAME\"");
  std::printf("%s %s %7s  %7s %7s %9s  %7s %7s %9s\n", cell("", 18).c_str(), cell("", 26).c_str(),
              "", "matches", "recall", "precision", "matches", "recall", "precision");
  for (const TagRow& row : group.rows) {
    std::printf("%s %s %7zu", cell(row.tag, 18).c_str(), cell(row.name, 26).c_str(), row.tagged);
    print_score(row.filter);
    print_score(row.text);
    std::printf("\n");
  }
  std::printf("\n");
  print_averages("filter", averages(group.rows, &TagRow::filter));
  print_averages("text", averages(group.rows, &TagRow::text));
}

void print_text(const Audit& audit) {
  print_facets(audit);
  if (!audit.reuters) return;
  const ReutersAudit& reuters = *audit.reuters;
  std::printf(
      "\nReuters-21578 tags (%s): %zu articles with a <BODY> audited; %zu without "
      "one (a headline, or unprocessed text) left out\n",
      reuters.directory.c_str(), reuters.articles, reuters.without_body);
  print_group(reuters.people, reuters.articles);
  print_group(reuters.places, reuters.articles);
}

nlohmann::json score_json(const Score& s) {
  return {{"query", s.query},
          {"matches", s.matches},
          {"found", s.found},
          {"recall", s.recall},
          {"precision", s.precision}};
}

nlohmann::json averages_json(const Averages& a) {
  return {{"mean_recall", a.mean_recall},
          {"mean_precision", a.mean_precision},
          {"min_recall", a.min_recall}};
}

nlohmann::json group_json(const TagGroup& group) {
  nlohmann::json rows = nlohmann::json::array();
  for (const TagRow& row : group.rows) {
    rows.push_back({{"tag", row.tag},
                    {"name", row.name},
                    {"tagged", row.tagged},
                    {"filter", score_json(row.filter)},
                    {"text", score_json(row.text)}});
  }
  return {{"filter_field", group.filter_field},
          {"excluded", group.excluded},
          {"tags", rows},
          {"averages",
           {{"filter", averages_json(averages(group.rows, &TagRow::filter))},
            {"text", averages_json(averages(group.rows, &TagRow::text))}}}};
}

void print_json(const Audit& audit) {
  nlohmann::json facets = nlohmann::json::object();
  for (const Facet& facet : audit.facets) {
    nlohmann::json values = nlohmann::json::array();
    for (const FacetValue& value : facet.values) {
      values.push_back({{"value", value.value}, {"count", value.count}});
    }
    facets[std::string(facet_name(facet.kind))] = values;
  }
  nlohmann::json out = {
      {"index", audit.index}, {"articles", audit.articles}, {"top", audit.top}, {"facets", facets}};
  if (audit.reuters) {
    const ReutersAudit& reuters = *audit.reuters;
    out["reuters"] = {{"directory", reuters.directory},
                      {"articles", reuters.articles},
                      {"without_body", reuters.without_body},
                      {"people", group_json(reuters.people)},
                      {"places", group_json(reuters.places)}};
  }
  std::cout << out.dump(2) << '\n';
}

int run_facet_audit(const FacetAuditCommandLine& c) {
  Searcher searcher(c.db_path);
  Audit audit = audit_archive(searcher, c.top);
  if (!c.reuters.empty()) audit.reuters = audit_reuters(searcher, c);
  if (c.json) {
    print_json(audit);
  } else {
    print_text(audit);
  }
  return cli::k_exit_ok;
}

// Xapian's errors concern the index (a missing or damaged one).
cli::ErrorPolicy facet_audit_errors(const FacetAuditCommandLine& c) {
  return {.rules = {}, .xapian_prefix = "index '" + c.db_path + "': "};
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_main<FacetAuditCommandLine>(
      {"facet-audit", parse_facet_audit_command_line, facet_audit_usage, run_facet_audit,
       facet_audit_errors},
      argc, argv);
}

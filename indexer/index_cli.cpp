#include "indexer/index_cli.hpp"

#include <xapian.h>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_usage_head =
    "Usage: dateline-index --db DIR PATH...\n"
    "       dateline-index --dry-run --entities PATH...\n\n"
    "Indexes the articles in files and directories (recursively) into DIR, which\n"
    "must be new, an empty directory or an index of dateline's: anything else is\n"
    "refused, never overwritten. Re-running updates DIR: unchanged files are\n"
    "skipped, changed ones re-read, deleted ones removed. An interrupted first\n"
    "build (Ctrl-C) keeps its work, and re-running the command finishes it.\n"
    "Formats: .txt articles, .jsonl/.ndjson/.json feeds, .csv/.tsv tables, Reuters\n"
    ".sgm, saved web pages (.html/.htm/.xhtml), web archives (.warc), NITF and\n"
    "NewsML .xml, RSS and Atom feeds (.rss/.atom/.xml); any of them gzipped (.gz).\n";

// The numeric options' ranges.
constexpr std::size_t k_max_jobs = 256;
constexpr std::size_t k_max_shards = 1024;
constexpr std::size_t k_max_batch = 1000000;
constexpr std::size_t k_max_part = 100000000;

struct Descriptions {
  po::options_description visible;
  po::options_description all;
  po::positional_options_description positional;
};

Descriptions describe(IndexCommandLine& command_line) {
  IndexParams& params = command_line.params;
  po::options_description indexing("Indexing");
  indexing.add_options()  //
      ("language,l", po::value(&params.language)->value_name("NAME"),
       "stemmer language for a new index (default: english); any name Xapian knows, "
       "see --help output below")  //
      ("jobs,j", cli::whole_number("jobs", params.jobs, 0, k_max_jobs, 0),
       "worker threads, 0 to 256 (default 0: one per core)")  //
      ("shards", cli::whole_number("shards", params.shards, 0, k_max_shards, 0),
       "split a new index into N shard databases, 0 to 1024; --db then names a stub file "
       "listing them (default 0: one database)")  //
      ("batch-size", cli::whole_number("batch-size", params.batch_size, 1, k_max_batch, 250),
       "commit after every N articles, 1 to 1000000")  //
      ("part-size", cli::whole_number("part-size", params.part_size, 1, k_max_part, 25000),
       "in a new index, each worker starts a new database every N articles, 1 to 100000000 "
       "(merged at the end)")                                                            //
      ("rebuild", "start the index afresh instead of updating it")                       //
      ("quiet,q", "no progress display, and do not list skipped files and bad entries")  //
      ("json", "print the summary as one JSON object");
  po::options_description entities("Entities");
  entities.add_options()  //
      ("ner-model", po::value(&params.ner_model)->value_name("FILE"),
       "entity tagger model (default: the one installed with dateline)")  //
      ("aliases", po::value(&params.aliases)->value_name("FILE"),
       "the alias file: names that are one entity, no value, or two entities (format in "
       "the README); kept in the index, so later runs use it until given another")  //
      ("gazetteer", po::value(&params.gazetteer)->value_name("FILE"),
       "places and nationalities for the country facet (default: the one installed with "
       "dateline)")                                                                       //
      ("no-entities", "skip entity extraction (no person/location/organization facets)")  //
      ("entities", "print each article's entities as one JSON line on stdout")            //
      ("dry-run", "read and extract, but write no index (--db not needed)");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&params.inputs)->composing());

  Descriptions d{po::options_description(), po::options_description(),
                 po::positional_options_description()};
  d.visible.add(cli::general_options(command_line.general))
      .add(cli::database_options(params.db_path))
      .add(indexing)
      .add(entities);
  d.all.add(d.visible).add(hidden);
  d.positional.add("input", -1);
  return d;
}

}  // namespace

IndexCommandLine parse_index_command_line(const std::vector<std::string>& args) {
  IndexCommandLine command_line;
  Descriptions d = describe(command_line);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(d.all).positional(d.positional).run(), vm);
  po::notify(vm);
  IndexParams& params = command_line.params;
  if (vm.count("quiet")) params.verbosity = Verbosity::quiet;
  if (vm.count("no-entities")) params.entities = EntityMode::skip;
  if (vm.count("entities")) params.list_entities = ListEntities::yes;
  if (vm.count("dry-run")) params.write = WriteMode::dry_run;
  if (vm.count("rebuild")) params.rebuild = Rebuild::yes;
  if (vm.count("json")) command_line.summary = SummaryFormat::json;
  if (params.entities == EntityMode::skip && !params.ner_model.empty()) {
    throw po::error("--ner-model and --no-entities contradict each other");
  }
  if (params.entities == EntityMode::skip && !params.gazetteer.empty()) {
    throw po::error("--gazetteer and --no-entities contradict each other");
  }
  if (params.shards > 0 && params.write == WriteMode::dry_run) {
    throw po::error("--shards and --dry-run contradict each other");
  }
  if (command_line.general.help || command_line.general.version) return command_line;
  if (params.db_path.empty() && params.write == WriteMode::index) {
    throw po::required_option("--db");
  }
  if (command_line.params.inputs.empty()) {
    throw po::error("no input files or directories given");
  }
  return command_line;
}

std::string index_usage() {
  IndexCommandLine scratch;
  return cli::help_text(k_usage_head, describe(scratch).visible) +
         "\nLanguages: " + Xapian::Stem::get_available_languages() + "\n";
}

}  // namespace dateline

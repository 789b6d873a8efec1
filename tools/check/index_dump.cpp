// index-dump: prints what a Xapian database holds in a form that does not
// depend on document ids, so that two indexes of the same articles built by
// two builds of dateline (or by one build twice) can be compared with diff.
//
//   index-dump DB
//
// Lines, each section sorted: the document count; each metadata key with
// a hash of its value; each term with its document and collection
// frequencies; each value slot with how many documents have a value there;
// each spelling word with its frequency; and one fingerprint per document
// (a hash of its terms, their wdf and positions, its values and its data),
// as a sorted list. Not a test: tools/compare-builds runs it.
#include <xapian.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "common/schema.hpp"

namespace {

// FNV-1a 64 of `bytes` continued from `hash`.
std::uint64_t mix(std::uint64_t hash, const std::string& bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::uint64_t fingerprint(const Xapian::Database& db, Xapian::docid id) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (Xapian::TermIterator term = db.termlist_begin(id); term != db.termlist_end(id); ++term) {
    hash = mix(hash, *term + '\0' + std::to_string(term.get_wdf()));
    for (Xapian::PositionIterator p = term.positionlist_begin(); p != term.positionlist_end();
         ++p) {
      hash = mix(hash, std::to_string(*p) + ',');
    }
  }
  const Xapian::Document document = db.get_document(id);
  for (Xapian::ValueIterator v = document.values_begin(); v != document.values_end(); ++v) {
    hash = mix(hash, std::to_string(v.get_valueno()) + '=' + *v + '\0');
  }
  return mix(hash, document.get_data());
}

void dump(const Xapian::Database& db) {
  std::printf("documents %u\n", db.get_doccount());
  std::vector<std::string> keys;
  for (Xapian::TermIterator key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
    keys.push_back(*key);
  }
  std::sort(keys.begin(), keys.end());
  for (const std::string& key : keys) {
    std::printf("metadata %s %016" PRIx64 "\n", key.c_str(),
                dateline::schema::content_hash(db.get_metadata(key)));
  }
  for (Xapian::TermIterator term = db.allterms_begin(); term != db.allterms_end(); ++term) {
    std::printf("term %s %u %u\n", (*term).c_str(), term.get_termfreq(),
                db.get_collection_freq(*term));
  }
  for (Xapian::valueno slot = 0; slot < 64; ++slot) {
    if (const Xapian::doccount n = db.get_value_freq(slot); n > 0) {
      std::printf("slot %u %u\n", slot, n);
    }
  }
  for (Xapian::TermIterator word = db.spellings_begin(); word != db.spellings_end(); ++word) {
    std::printf("spelling %s %u\n", (*word).c_str(), word.get_termfreq());
  }
  std::vector<std::uint64_t> documents;
  for (Xapian::PostingIterator id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    documents.push_back(fingerprint(db, *id));
  }
  std::sort(documents.begin(), documents.end());
  for (std::uint64_t document : documents) std::printf("document %016" PRIx64 "\n", document);
}

struct IndexDumpCommandLine {
  dateline::cli::GeneralFlags general;
  std::string db_path;
};

IndexDumpCommandLine parse_index_dump_command_line(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  IndexDumpCommandLine c;
  po::options_description options = dateline::cli::general_options(c.general);
  options.add_options()("db", po::value(&c.db_path));
  po::positional_options_description positional;
  positional.add("db", 1);
  dateline::cli::parse_arguments(args, options, positional);
  if (!c.general.help_or_version() && c.db_path.empty()) throw po::error("expected DB");
  return c;
}

std::string index_dump_usage() {
  IndexDumpCommandLine c;
  return dateline::cli::help_text(
      "Usage: index-dump DB\n\n"
      "What a Xapian database holds, independent of document ids, for diff.\n",
      dateline::cli::general_options(c.general));
}

int run_index_dump(const IndexDumpCommandLine& c) {
  dump(Xapian::Database(c.db_path));
  return dateline::cli::k_exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  return dateline::cli::run_main<IndexDumpCommandLine>(
      {"index-dump", parse_index_dump_command_line, index_dump_usage, run_index_dump}, argc, argv);
}

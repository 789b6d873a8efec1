// Reading the data ner-train and ner-eval use: CoNLL-2003 files (IOB1),
// the GMB "Annotated Corpus for NER" CSV, and unlabelled Reuters-21578 text.
// Problems with the files throw dateline::Error naming the file and line.
// Functions only, no shared state: thread-safe. Each reads its files whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/ner/labels.hpp"

namespace dateline::ner {

// The bytes of a data file. Throws dateline::Error naming a file that
// cannot be opened.
std::string read_whole_file(const std::filesystem::path& path);

struct LabelledSentence {
  std::vector<std::string> tokens;
  std::vector<Label> labels;  // IOB2, one per token
};

struct LabelledDocument {
  std::vector<LabelledSentence> sentences;
};

// CoNLL-2003: one token per line, the tag in the last column, blank lines
// between sentences, "-DOCSTART-" lines between documents. IOB1 tags are
// converted by conlleval's rules, so chunks are the ones conlleval sees.
std::vector<LabelledDocument> read_conll_file(const std::filesystem::path& path);
std::vector<LabelledDocument> parse_conll(const std::string& text, const std::string& what);

// How GMB's "gpe" tags (mostly nationalities, "Iraqi", sometimes countries)
// become CoNLL types.
enum class GmbGpe { location, misc, by_majority };

// GMB CSV ("Sentence #,Word,POS,Tag", cp1252, IOB2 over geo, gpe, per, org,
// tim, art, eve, nat): geo -> LOC, per -> PER, org -> ORG, gpe as `gpe`
// says (by_majority: LOC for phrases tagged geo more often than gpe in the
// corpus, else MISC), the rest O. There are no document boundaries: each
// sentence is its own document.
std::vector<LabelledDocument> read_gmb_file(const std::filesystem::path& path, GmbGpe gpe);
std::vector<LabelledDocument> parse_gmb(const std::string& text, GmbGpe gpe,
                                        const std::string& what);

// Sentences of unlabelled text: the bodies of the Reuters-21578 .sgm files
// in `directory` (sorted by name), tokenised with the tagger's tokeniser.
struct UnlabelledSentence {
  std::vector<std::string> tokens;
  bool caps = false;  // an all-capitals line
};
std::vector<UnlabelledSentence> read_reuters_bodies(const std::filesystem::path& directory);

// Reuters-21578's category lists (all-people-strings.lc.txt, ...) as
// phrases: "west-germany" -> {"west", "germany"}, with their type id.
struct ListPhrase {
  std::vector<std::string> tokens;
  int type = 0;
};
std::vector<ListPhrase> read_reuters_lists(const std::filesystem::path& directory);

// True for a sentence written in capitals only: no lower-case letter and at
// least two capitals (a headline or a dateline in CoNLL data).
bool is_caps_sentence(const std::vector<std::string>& tokens);

}  // namespace dateline::ner

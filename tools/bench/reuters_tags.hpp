// Reuters-21578's editors' tags: the PEOPLE and PLACES of each article of a
// .sgm file, by NEWID, and whether the article has a body. The tools that
// hold dateline's entities against them (entity-recall, facet-audit) read
// the tags here, and find an indexed article's tags through the id the
// reader gave it (make_article_id of the file's path and the NEWID).
//
// Tags name what a story is about, not only what it says (a New York story
// is tagged "usa" without naming the country), and Reuters also tags items
// that are a headline only: which is why has_body is kept.
//
// Thread-safety: the functions keep no state. Cost: one pass over a file's
// bytes per read; tags_by_article_id hashes each NEWID once.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline::bench {

// One article's tags, each written with the hyphens of the tag as spaces
// ("james-baker" is "james baker"), in the order the article lists them.
struct ReutersTags {
  std::vector<std::string> people;  // "reagan", "james baker"
  std::vector<std::string> places;  // "usa", "west germany"
  bool has_body = false;            // its <BODY> holds more than white space

  friend bool operator==(const ReutersTags&, const ReutersTags&) = default;
};

// The <D> values of the element `name` ("PEOPLE") inside `element`,
// hyphens read as spaces: "<PEOPLE><D>james-baker</D><D>reagan</D>
// </PEOPLE>" gives {"james baker", "reagan"}. Empty when `element` has no
// such element or it is not closed; an unclosed <D> ends the list.
std::vector<std::string> tag_list(std::string_view element, std::string_view name);

// NEWID -> tags, for every complete <REUTERS ...>...</REUTERS> element of
// `sgml` that has a NEWID attribute (others are skipped).
std::map<std::string, ReutersTags> parse_reuters_tags(std::string_view sgml);

// parse_reuters_tags of the file `file`. Throws dateline::Error naming the
// file when it cannot be read.
std::map<std::string, ReutersTags> read_reuters_tags(const std::filesystem::path& file);

// The same tags by article id: make_article_id(source_path, NEWID) for each
// entry of `tags`, where `source_path` is the file's path as the reader was
// given it (the absolute path the indexer stores in each article's summary).
std::unordered_map<std::string, ReutersTags> tags_by_article_id(
    const std::map<std::string, ReutersTags>& tags, std::string_view source_path);

// The .sgm files directly inside `directory`, sorted by name. Throws
// dateline::Error naming the directory when it cannot be listed or holds
// no .sgm file.
std::vector<std::filesystem::path> reuters_files(const std::filesystem::path& directory);

}  // namespace dateline::bench

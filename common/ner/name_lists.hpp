// Name lists ner-train turns into gazetteers, read from public data sets
// (../shared/data; none of it ships): GeoNames places, the world's
// countries with their demonyms, a list of personal names, and firm names
// mined from unlabelled news by their legal forms ("Chrysler Corp").
//
// Each reader returns phrases as tokens the tagger's tokeniser would give
// (ListPhrase, corpus.hpp) with a type id (0 PER, 1 LOC, 2 ORG, 3 MISC).
// Problems with a file throw dateline::Error naming the file and line.
// Functions only, no shared state: thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "common/ner/corpus.hpp"

namespace dateline::ner {

// GeoNames cities (cities1000.tsv: a header line, then geonameid, name,
// alt_name, country, admin1, feature_code, population, ...): the name and
// alternative name of every place of at least `min_population`, as LOC.
std::vector<ListPhrase> read_geonames_places(const std::filesystem::path& path,
                                             std::uint64_t min_population);

// world-countries' countries.json: each country's common and official
// English names and its alternative spellings of three letters or more as
// LOC, and its English demonyms ("Canadian") as MISC.
std::vector<ListPhrase> read_country_names(const std::filesystem::path& path);

// A list of personal names, one per line: the one-word names of two
// letters or more whose first letter is a capital, as PER. The caller
// filters out common words (the list holds "Will" and "Long").
std::vector<ListPhrase> read_person_names(const std::filesystem::path& path);

// Firm names in `sentences`: a run of one to four capitalised words ("&"
// and "and" may join them), not starting with "The", right before a legal
// form (Corp, Inc, Ltd, Co, Plc, AG, SA, NV, GmbH, ...). A name written so
// at least `min_count` times, whatever its legal forms ("Pirelli SpA",
// "Pirelli SA"), gives ORG phrases with each legal form it had and without.
// All-capitals sentences are skipped. Sorted by name.
std::vector<ListPhrase> mine_firm_names(const std::vector<UnlabelledSentence>& sentences,
                                        std::size_t min_count);

// True for a legal form word ("Corp", "Inc.", "plc", "GmbH"), any case.
bool is_legal_form(std::string_view word);

}  // namespace dateline::ner

// The words around people's names: titles that introduce a name without
// being part of it ("President", "Mr."), and given names, which a person's
// full name opens and a firm named after its founders usually does not
// ("James Baker", not "Smith Barney").
//
// The given names are a list derived from labelled news text
// (common/given_names.inc, rebuilt by tools/gen/given_names.cpp; its
// header states the sources). Both sets are compiled in and read-only:
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// Whether `key` (entity_key of one word) is a title or honorific that may
// precede a name: "mr", "president", "gen", "sheikh"...
bool is_person_title(std::string_view key);

// Whether `key` (entity_key of one word) is a title that names its holder
// and nothing else ("chancellor", "senator", "ambassador"): not the words
// of a portfolio or rank that also name bodies ("finance", "defence",
// "state", "general") nor honorifics. A subset of is_person_title.
bool is_office_title(std::string_view key);

// Whether `key` (entity_key of one word) is in the given-name list.
bool is_given_name(std::string_view key);

// `words` without the titles that open it ("President Ronald Reagan" ->
// "Ronald Reagan"); the last word always stays.
std::vector<std::string> without_titles(std::vector<std::string> words);

}  // namespace dateline

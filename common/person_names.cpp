#include "common/person_names.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_set>

#include "common/canonical.hpp"

namespace dateline {
namespace {

const std::unordered_set<std::string_view>& titles() {
  static const std::unordered_set<std::string_view> k_titles = {
      "mr",          "mrs",           "ms",         "miss",       "mx",           "dr",
      "prof",        "professor",     "sir",        "dame",       "lord",         "lady",
      "president",   "vice",          "prime",      "minister",   "secretary",    "chancellor",
      "premier",     "foreign",       "defense",    "defence",    "finance",      "interior",
      "judge",       "justice",       "senator",    "sen",        "rep",          "representative",
      "congressman", "congresswoman", "gov",        "governor",   "mayor",        "gen",
      "general",     "col",           "colonel",    "capt",       "captain",      "lt",
      "sgt",         "admiral",       "king",       "queen",      "prince",       "princess",
      "pope",        "rev",           "reverend",   "father",     "sheikh",       "chairman",
      "chairwoman",  "chief",         "executive",  "ceo",        "commissioner", "ambassador",
      "coach",       "striker",       "midfielder", "goalkeeper", "spokesman",    "spokeswoman",
      "officer",     "inspector",     "detective",  "state",      "deputy",       "acting",
      "former",      "late",          "saint",      "treasurer"};
  return k_titles;
}

// Sorted, so that a lookup is a binary search.
constexpr std::string_view k_given_names[] = {
#include "common/given_names.inc"
};

}  // namespace

bool is_person_title(std::string_view key) { return titles().count(key) != 0; }

bool is_office_title(std::string_view key) {
  static const std::unordered_set<std::string_view> k_offices = {
      "president",     "minister",       "secretary", "chancellor", "senator",   "congressman",
      "congresswoman", "representative", "rep",       "governor",   "mayor",     "ambassador",
      "commissioner",  "treasurer",      "chairman",  "chairwoman", "spokesman", "spokeswoman",
      "king",          "queen",          "prince",    "princess",   "pope",      "judge"};
  return k_offices.count(key) != 0 && is_person_title(key);
}

bool is_given_name(std::string_view key) {
  return std::binary_search(std::begin(k_given_names), std::end(k_given_names), key);
}

std::vector<std::string> without_titles(std::vector<std::string> words) {
  std::size_t first = 0;
  while (first + 1 < words.size() && is_person_title(entity_key(words[first]))) ++first;
  words.erase(words.begin(), words.begin() + static_cast<long>(first));
  return words;
}

}  // namespace dateline

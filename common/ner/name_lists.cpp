#include "common/ner/name_lists.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string>

#include "common/error.hpp"
#include "common/ner/features.hpp"
#include "common/ner/tokenizer.hpp"
#include "common/text.hpp"

namespace dateline::ner {
namespace {

constexpr int k_per = 0;
constexpr int k_loc = 1;
constexpr int k_org = 2;
constexpr int k_misc = 3;

// `name` as the tagger's tokeniser splits it, as a phrase of `type`; no
// tokens for an empty name.
ListPhrase phrase_of(std::string_view name, int type) {
  ListPhrase phrase;
  phrase.type = type;
  const TokenizedText tokenized = tokenize(name);
  for (const Token& token : tokenized.tokens)
    phrase.tokens.emplace_back(name.substr(token.begin, token.end - token.begin));
  return phrase;
}

void add_name(std::string_view name, int type, std::vector<ListPhrase>& out) {
  ListPhrase phrase = phrase_of(trim(name), type);
  if (!phrase.tokens.empty()) out.push_back(std::move(phrase));
}

std::vector<std::string_view> tab_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

bool starts_with_capital(std::string_view word) {
  return (word_flags(word) & k_flag_initial_upper) != 0;
}

}  // namespace

std::vector<ListPhrase> read_geonames_places(const std::filesystem::path& path,
                                             std::uint64_t min_population) {
  const std::string content = read_whole_file(path);
  std::vector<ListPhrase> phrases;
  std::size_t line_number = 0;
  for (std::string_view line : split_lines(content)) {
    ++line_number;
    if (line_number == 1 || trim(line).empty()) continue;  // the header
    const std::vector<std::string_view> fields = tab_fields(line);
    if (fields.size() < 7) {
      throw Error(path.string() + ":" + std::to_string(line_number) +
                  ": expected at least 7 tab-separated fields");
    }
    std::uint64_t population = 0;
    const std::string_view p = fields[6];
    if (!p.empty() &&
        std::from_chars(p.data(), p.data() + p.size(), population).ec != std::errc{}) {
      throw Error(path.string() + ":" + std::to_string(line_number) + ": bad population '" +
                  std::string(p) + "'");
    }
    if (population < min_population) continue;
    add_name(fields[1], k_loc, phrases);
    if (!fields[2].empty() && fields[2] != fields[1]) add_name(fields[2], k_loc, phrases);
  }
  return phrases;
}

std::vector<ListPhrase> read_country_names(const std::filesystem::path& path) {
  nlohmann::json countries;
  try {
    countries = nlohmann::json::parse(read_whole_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(path.string() + ": " + e.what());
  }
  if (!countries.is_array()) throw Error(path.string() + ": expected an array of countries");
  std::vector<ListPhrase> phrases;
  auto add_string = [&](const nlohmann::json& value, int type) {
    if (value.is_string()) add_name(value.get<std::string>(), type, phrases);
  };
  for (const nlohmann::json& country : countries) {
    if (!country.is_object()) continue;
    if (const auto name = country.find("name"); name != country.end() && name->is_object()) {
      if (name->contains("common")) add_string((*name)["common"], k_loc);
      if (name->contains("official")) add_string((*name)["official"], k_loc);
    }
    if (const auto spellings = country.find("altSpellings");
        spellings != country.end() && spellings->is_array()) {
      for (const nlohmann::json& spelling : *spellings) {
        if (spelling.is_string() && spelling.get<std::string>().size() >= 3)
          add_string(spelling, k_loc);
      }
    }
    if (const auto demonyms = country.find("demonyms");
        demonyms != country.end() && demonyms->is_object() && demonyms->contains("eng")) {
      const nlohmann::json& english = (*demonyms)["eng"];
      if (english.is_object()) {
        for (const char* gender : {"m", "f"}) {
          if (english.contains(gender)) add_string(english[gender], k_misc);
        }
      }
    }
  }
  return phrases;
}

std::vector<ListPhrase> read_person_names(const std::filesystem::path& path) {
  const std::string content = read_whole_file(path);
  std::vector<ListPhrase> phrases;
  for (std::string_view line : split_lines(content)) {
    const std::string_view name = trim(line);
    if (name.size() < 2 || !starts_with_capital(name)) continue;
    ListPhrase phrase = phrase_of(name, k_per);
    if (phrase.tokens.size() == 1) phrases.push_back(std::move(phrase));
  }
  return phrases;
}

bool is_legal_form(std::string_view word) {
  static const std::set<std::string> k_forms = {
      "ab",  "ag",  "asa", "bhd",          "bv",      "co",  "corp",  "corporation", "gmbh",
      "inc", "kk",  "llc", "lp",           "ltd",     "nv",  "oy",    "plc",         "pty",
      "sa",  "spa", "s.a", "incorporated", "limited", "n.v", "s.p.a", "a.g",         "b.v"};
  if (word.ends_with('.')) word.remove_suffix(1);
  if (word.empty() || word.size() > 12) return false;
  std::string lower(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return k_forms.count(lower) > 0;
}

std::vector<ListPhrase> mine_firm_names(const std::vector<UnlabelledSentence>& sentences,
                                        std::size_t min_count) {
  // Per name (without its legal form): how often it was written with one,
  // and the forms it was written with ("Pirelli SpA", "Pirelli SA").
  struct Seen {
    std::size_t count = 0;
    std::set<std::string> forms;
  };
  std::map<std::vector<std::string>, Seen> names;
  for (const UnlabelledSentence& sentence : sentences) {
    if (sentence.caps) continue;
    const std::vector<std::string>& tokens = sentence.tokens;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
      if (!is_legal_form(tokens[i]) || !starts_with_capital(tokens[i])) continue;
      // Walk back over capitalised words, joined by "&" or "and".
      std::size_t begin = i;
      std::size_t words = 0;
      while (begin > 0 && words < 4) {
        const std::string& previous = tokens[begin - 1];
        if (starts_with_capital(previous) && !is_legal_form(previous)) {
          --begin;
          ++words;
        } else if ((previous == "&" || previous == "and") && begin >= 2 &&
                   starts_with_capital(tokens[begin - 2]) && words > 0) {
          --begin;
        } else {
          break;
        }
      }
      if (begin < i && (tokens[begin] == "The" || tokens[begin] == "&" || tokens[begin] == "and"))
        ++begin;
      if (words == 0 || begin >= i) continue;
      Seen& seen =
          names[std::vector<std::string>(tokens.begin() + static_cast<std::ptrdiff_t>(begin),
                                         tokens.begin() + static_cast<std::ptrdiff_t>(i))];
      ++seen.count;
      seen.forms.insert(tokens[i]);
    }
  }
  std::vector<ListPhrase> phrases;
  for (const auto& [name, seen] : names) {
    if (seen.count < min_count) continue;
    phrases.push_back({name, k_org});
    for (const std::string& form : seen.forms) {
      phrases.push_back({name, k_org});
      phrases.back().tokens.push_back(form);
    }
  }
  return phrases;
}

}  // namespace dateline::ner

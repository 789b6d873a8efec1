#include "searcher/shell_completion.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace dateline::shell {

TEST_CASE("what TAB completes where", "[searcher][shell]") {
  struct Case {
    const char* line;
    CompletionKind kind;
    std::size_t start;
    const char* prefix;
    bool quoted;
  };
  const Case cases[] = {
      {":fa", CompletionKind::command, 0, ":fa", false},
      {"  :", CompletionKind::command, 2, ":", false},
      {":facets pe", CompletionKind::facet_kind, 8, "pe", false},
      {":facets person,ye", CompletionKind::facet_kind, 15, "ye", false},
      {":sort n", CompletionKind::sort_order, 6, "n", false},
      {":help fi", CompletionKind::help_topic, 6, "fi", false},
      {":filter pe", CompletionKind::filter_field, 8, "pe", false},
      {":filter -lo", CompletionKind::filter_field, 9, "lo", false},
      {":trend or", CompletionKind::trend_field, 7, "or", false},
      {":filter person Jo", CompletionKind::value, 15, "Jo", false},
      {":filter person John K", CompletionKind::value, 15, "John K", false},
      {":filter -location \"Sa", CompletionKind::value, 18, "Sa", true},
      {":trend org Eu", CompletionKind::value, 11, "Eu", false},
      {":filter person:Jo", CompletionKind::value, 15, "Jo", false},
      {"person:Jo", CompletionKind::value, 7, "Jo", false},
      {"geneva person:\"John K", CompletionKind::value, 14, "John K", true},
      {"kerry -location:Sy", CompletionKind::value, 16, "Sy", false},
      {"(org:", CompletionKind::value, 5, "", false},
      {"person:\"John Kerry\" location:", CompletionKind::value, 29, "", false},
      {"author:Eli", CompletionKind::value, 7, "Eli", false},
      {"source:\"Har", CompletionKind::value, 7, "Har", true},
      {"Site:bb", CompletionKind::value, 5, "bb", false},
      {":filter author Eli", CompletionKind::value, 15, "Eli", false},
      {":trend source Har", CompletionKind::value, 14, "Har", false},
      {"geneva", CompletionKind::none, 0, "", false},
      {"title:gen", CompletionKind::none, 0, "", false},
      {"date:20", CompletionKind::none, 0, "", false},
      {":filter year 20", CompletionKind::none, 0, "", false},
      {":show 1", CompletionKind::none, 0, "", false},
      {":bogus x", CompletionKind::none, 0, "", false},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const CompletionContext context = completion_context(c.line);
    CHECK(context.kind == c.kind);
    if (c.kind == CompletionKind::none) continue;
    CHECK(context.start == c.start);
    CHECK(context.prefix == c.prefix);
    CHECK(context.quoted == c.quoted);
  }
  CHECK(completion_context(":filter -location Sy").field == Field::location);
  CHECK(completion_context(":filter person Jo").syntax == ValueSyntax::rest_of_line);
  CHECK(completion_context("org:Eu").field == Field::organization);
  CHECK(completion_context("author:Eli").field == Field::author);
  CHECK(completion_context(":trend source Har").field == Field::source);
  CHECK(completion_context("org:Eu").syntax == ValueSyntax::query_field);
}

TEST_CASE("completing inserts one match whole, or what several share", "[searcher][shell]") {
  const CandidateSource source = [](CompletionKind kind, Field field) {
    if (kind == CompletionKind::command) return std::vector<std::string>{":facets", ":filter"};
    if (kind == CompletionKind::value && field == Field::person) {
      return std::vector<std::string>{"John Kerry", "John Kirby", "Sergey Lavrov", "Okafor"};
    }
    if (kind == CompletionKind::value && field == Field::location) {
      return std::vector<std::string>{"São Paulo", "Syria"};
    }
    return std::vector<std::string>{};
  };
  struct Case {
    const char* line;
    std::optional<std::string> text;
    std::vector<std::string> choices;
  };
  const Case cases[] = {
      {":fa", ":facets ", {}},
      {":f", std::nullopt, {":facets", ":filter"}},  // ":f" is already all they share
      {"person:lav", "\"Sergey Lavrov\" ", {}},      // case-insensitive
      {"person:oka", "Okafor ", {}},                 // no quotes needed
      {"person:\"Oka", "\"Okafor\" ", {}},           // but kept when typed
      {"person:jo", "\"John K", {"John Kerry", "John Kirby"}},
      {"person:kerr", "\"John Kerry\" ", {}},  // a later word of the name
      {":filter person jo", "John K", {"John Kerry", "John Kirby"}},
      {":filter person \"John Ke", "\"John Kerry\"", {}},
      {":filter person John Ke", "John Kerry", {}},
      {":filter location sao", "São Paulo", {}},  // accents ignored
      {"location:s", std::nullopt, {"Syria", "São Paulo"}},
      {"person:zz", std::nullopt, {}},
      {"geneva", std::nullopt, {}},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const Completion completion = complete(c.line, source);
    CHECK(completion.text == c.text);
    std::vector<std::string> choices = completion.choices;
    std::vector<std::string> expected = c.choices;
    std::sort(choices.begin(), choices.end());
    std::sort(expected.begin(), expected.end());
    CHECK(choices == expected);
  }
  CHECK(complete("person:kerr", source).start == 7);
  CHECK(complete(":filter person \"John Ke", source).start == 15);
}

TEST_CASE("TAB offers the words of the vocabulary tables", "[searcher][shell]") {
  using Words = std::vector<std::string>;
  CHECK(candidate_words(CompletionKind::filter_field) == Words{"person", "location", "country",
                                                               "organization", "misc", "author",
                                                               "source", "site", "date", "year"});
  CHECK(candidate_words(CompletionKind::trend_field) ==
        Words{"person", "location", "country", "organization", "misc", "author", "source", "site"});
  CHECK(candidate_words(CompletionKind::facet_kind) == Words{"person", "location", "country",
                                                             "organization", "misc", "author",
                                                             "source", "site", "year", "month"});
  CHECK(candidate_words(CompletionKind::sort_order) == Words{"relevance", "newest", "oldest"});
  const Words commands = candidate_words(CompletionKind::command);
  CHECK(std::find(commands.begin(), commands.end(), ":facets") != commands.end());
  CHECK(candidate_words(CompletionKind::value).empty());
}

}  // namespace dateline::shell

// Unit tests for common/ner/features.cpp: word shapes and flags, word
// analysis against a lexicon, document preparation (form repair,
// re-casing of capitals lines, document evidence, gazetteer matches) and
// the second stage's prediction summary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/ner/features.hpp"
#include "tests/common/ner/test_support.hpp"

namespace dateline::ner {
namespace {

Lexicon small_lexicon() {
  auto word = [](std::string lower, std::string usual, Casing casing, std::uint8_t cap_ratio) {
    Lexicon::Word w;
    w.lower = std::move(lower);
    w.usual = std::move(usual);
    w.entry.casing = casing;
    w.entry.cap_ratio = cap_ratio;
    w.entry.frequency = 5;
    w.entry.cluster = 0b1011;
    w.entry.cluster_depth = 4;
    return w;
  };
  return Lexicon({word("cocoa", "cocoa", Casing::lower, 1),
                  word("review", "review", Casing::lower, 1),
                  word("japan", "Japan", Casing::title, 4), word("u.s.", "U.S.", Casing::upper, 4),
                  word("win", "win", Casing::lower, 1)});
}

using test::PlainLookup;

struct Sentences {
  std::vector<std::string> storage;
  std::vector<std::string_view> forms;
  std::vector<std::uint32_t> begin;
  std::vector<std::uint8_t> caps;
};

Sentences make(const std::vector<std::pair<std::vector<std::string>, bool>>& sentences) {
  Sentences s;
  for (const auto& [tokens, caps] : sentences) {
    s.begin.push_back(static_cast<std::uint32_t>(s.storage.size()));
    s.caps.push_back(caps ? 1 : 0);
    s.storage.insert(s.storage.end(), tokens.begin(), tokens.end());
  }
  for (const std::string& t : s.storage) s.forms.emplace_back(t);
  return s;
}

}  // namespace

TEST_CASE("word shapes and forms", "[ner][features]") {
  struct Case {
    const char* form;
    const char* shortened;
    const char* full;
    const char* lower;
  };
  const Case cases[] = {
      {"Reuters", "Xx", "Xxxxx", "reuters"},
      {"U.S.", "X.X.", "X.X.", "u.s."},
      {"1,750", "d,d", "d,ddd", "0,000"},
      {"al-Nusra", "x-Xx", "xx-Xxxxx", "al-nusra"},
      {"IBM", "X", "XXX", "ibm"},
      {"S\xC3\xA3o", "Xx", "Xxx", "s\xC3\xA3o"},
      {"\xC3\x89lys\xC3\xA9"
       "e",
       "Xx", "Xxxxx",
       "\xC3\xA9lys\xC3\xA9"
       "e"},
  };
  for (const Case& c : cases) {
    INFO(c.form);
    CHECK(short_shape(c.form) == c.shortened);
    CHECK(long_shape(c.form) == c.full);
    CHECK(lower_form(c.form) == c.lower);
  }
  CHECK(digit_form("F16 1996") == "F00 0000");
  CHECK(form_key("1996") == form_key("2024"));
  CHECK(form_key("Japan") != form_key("japan"));
}

TEST_CASE("word_flags describe letters and capitals", "[ner][features]") {
  CHECK(word_flags("Reuters") == (k_flag_initial_upper | k_flag_has_lower | k_flag_has_alpha));
  CHECK(word_flags("IBM") == (k_flag_initial_upper | k_flag_all_upper | k_flag_has_alpha));
  CHECK(word_flags("al-Nusra") == (k_flag_has_lower | k_flag_has_alpha));
  CHECK(word_flags("1,750") == k_flag_has_digit);
  CHECK(word_flags("--") == k_flag_no_alnum);
}

TEST_CASE("analyse_word consults the lexicon and lists features with offsets", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  WordInfo known;
  std::vector<WordFeature> known_features;
  analyse_word("Japan", lexicon, k_default_groups, known, &known_features);
  CHECK(known.lexicon == lexicon.find_word("japan"));
  CHECK((known.flags & k_flag_known) != 0);
  CHECK(known.lower_hash == word_hash("japan"));

  WordInfo unknown;
  std::vector<WordFeature> unknown_features;
  analyse_word("Zorblat", lexicon, k_default_groups, unknown, &unknown_features);
  CHECK(unknown.lexicon == -1);
  CHECK((unknown.flags & k_flag_known) == 0);

  // Every feature is used at the token itself or around it, and the word's
  // own identity is visible to its neighbours.
  for (const WordFeature& f : known_features) CHECK(f.offsets != 0);
  const auto at_offset = [](const std::vector<WordFeature>& fs, int k) {
    return std::count_if(fs.begin(), fs.end(),
                         [k](const WordFeature& f) { return f.offsets & (1u << (k + k_window)); });
  };
  CHECK(at_offset(known_features, 0) > at_offset(known_features, 1));
  CHECK(at_offset(known_features, -2) > 0);
  // Without the wide window nothing is used two tokens away.
  std::vector<WordFeature> narrow;
  analyse_word("Japan", lexicon, k_default_groups & ~k_group_wide, known, &narrow);
  CHECK(at_offset(narrow, -2) == 0);
  CHECK(at_offset(narrow, 2) == 0);
}

TEST_CASE("prepare_document re-cases capitals sentences from the document and the lexicon",
          "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  const Sentences s = make({{{"BAHIA", "COCOA", "REVIEW", "ZORBLATS"}, true},
                            {{"Showers", "hit", "the", "Bahia", "zone", "."}, false},
                            {{"SOCCER", "-", "JAPAN", "WIN", "IN", "U.S."}, true}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, Gazetteer(), k_default_groups, lookup, doc);
  const std::vector<std::string_view> expected = {
      "Bahia",   "cocoa", "review", "Zorblats",  // document, lexicon, unknown
      "Showers", "hit",   "the",    "Bahia",
      "zone",    ".",  // untouched
      "Soccer",  "-",     "Japan",  "win",
      "IN",      "U.S."};  // unknown: Title when long, kept when short
  CHECK(doc.forms == expected);
  CHECK(doc.recase[0] == k_recase_document);
  CHECK(doc.recase[1] == k_recase_lexicon);
  CHECK(doc.recase[3] == k_recase_unknown);
  CHECK(doc.recase[4] == k_recase_none);
  for (std::size_t i = 0; i < doc.forms.size(); ++i) {
    INFO(i);
    REQUIRE(doc.words[i] != nullptr);
    CHECK(doc.words[i]->lower_hash == word_hash(lower_form(doc.forms[i])));
  }
}

TEST_CASE("prepare_document repairs glued Arabic articles", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  const Sentences s = make({{{"Jabhat", "alNusra", "and", "also", "eBay"}, false}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, Gazetteer(), k_default_groups, lookup, doc);
  CHECK(doc.forms[1] == "al-Nusra");
  CHECK(doc.forms[4] == "eBay");
}

TEST_CASE("prepare_document records how the document writes a word", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  // "Bush" first in a sentence, then capitalised and in lower case elsewhere.
  const Sentences s = make({{{"Bush", "spoke", "."}, false},
                            {{"They", "met", "Bush", "."}, false},
                            {{"A", "bush", "burned", "."}, false},
                            {{"Rain", "fell", "."}, false}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, Gazetteer(), k_default_groups, lookup, doc);
  CHECK(doc.evidence[0] != 0);                // sentence-initial Bush: evidence from elsewhere
  CHECK(doc.evidence[0] != doc.evidence[5]);  // differs from the mid-sentence one
  CHECK(doc.evidence[8] == 0);                // lower-case words get none
  // "Rain" appears nowhere else: evidence says only where it stands.
  PreparedDocument alone;
  const Sentences r = make({{{"Rain", "fell", "."}, false}});
  prepare_document(r.forms, r.begin, r.caps, lexicon, Gazetteer(), k_default_groups, lookup, alone);
  CHECK(doc.evidence[11] == alone.evidence[0]);
  CHECK(doc.evidence[11] != doc.evidence[0]);
}

TEST_CASE("a capitalised word gets the words beside its other occurrences", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  const Sentences s = make({{{"Shares", "of", "Pirelli", "rose", "."}, false},
                            {{"Pirelli", "said", "sales", "fell", "."}, false},
                            {{"PIRELLI", "TO", "SELL", "UNIT"}, true},
                            {{"Rain", "fell", "on", "Pirelli", "said", "."}, false}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, Gazetteer(), k_default_groups, lookup, doc);
  auto contexts_of = [&](std::size_t i) {
    return std::vector<std::uint64_t>(doc.contexts.begin() + doc.context_begin[i],
                                      doc.contexts.begin() + doc.context_begin[i + 1]);
  };
  // Pirelli at 2 ("of _ rose", two off "Shares" and ".") is also at 5
  // ("<s> _ said", "<s>" and "sales") and 17 ("on _ said", "fell" and
  // "."): one before, {<s>, on}; one after, {said} once; two before,
  // {<s>, fell}; two after, {sales} ("." is its own). So for the others.
  const std::vector<std::uint64_t> first = contexts_of(2);
  CHECK(first.size() == 6);
  CHECK(contexts_of(5).size() == 6);
  CHECK(contexts_of(17).size() == 6);
  CHECK(contexts_of(0).empty());   // "Shares" occurs once
  CHECK(contexts_of(1).empty());   // lower case
  CHECK(contexts_of(10).empty());  // in the capitals line, which counts for nothing
  CHECK(std::set<std::uint64_t>(first.begin(), first.end()).size() == first.size());
  std::vector<std::uint64_t> keys;
  position_features(doc, 0, 2, k_default_groups, keys);
  for (const std::uint64_t key : first) {
    CHECK(std::find(keys.begin(), keys.end(), key) != keys.end());
  }
  std::vector<std::uint64_t> without;
  position_features(doc, 0, 2, k_default_groups & ~k_group_contexts, without);
  CHECK(without.size() + first.size() == keys.size());
  PreparedDocument off;
  prepare_document(s.forms, s.begin, s.caps, lexicon, Gazetteer(),
                   k_default_groups & ~k_group_contexts, lookup, off);
  CHECK(off.contexts.empty());
}

TEST_CASE("a wire's topic word before its headline's dash marks capitalised words",
          "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  const Sentences sport = make({{{"SOCCER", "-", "PIRELLI", "WIN"}, true},
                                {{"Pirelli", "beat", "Rain", "2-1", "."}, false}});
  PreparedDocument doc;
  prepare_document(sport.forms, sport.begin, sport.caps, lexicon, Gazetteer(), k_default_groups,
                   lookup, doc);
  CHECK(doc.topic != 0);
  std::vector<std::uint64_t> with;
  position_features(doc, 1, 4, k_default_groups, with);  // "Pirelli"
  std::vector<std::uint64_t> without;
  position_features(doc, 1, 4, k_default_groups & ~k_group_topic, without);
  CHECK(with.size() > without.size());
  std::vector<std::uint64_t> lower;
  position_features(doc, 1, 5, k_default_groups, lower);  // "beat": no capital, no topic
  std::vector<std::uint64_t> lower_without;
  position_features(doc, 1, 5, k_default_groups & ~k_group_topic, lower_without);
  CHECK(lower.size() == lower_without.size());
  // No dash after the headline's first word, or a headline in lower case:
  // no topic.
  const Sentences late_dash =
      make({{{"PIRELLI", "WINS", "-", "SOURCES"}, true}, {{"Pirelli", "won", "."}, false}});
  const Sentences lower_case =
      make({{{"Soccer", "-", "Pirelli", "win"}, false}, {{"Pirelli", "won", "."}, false}});
  for (const Sentences* other : {&late_dash, &lower_case}) {
    PreparedDocument plain;
    prepare_document(other->forms, other->begin, other->caps, lexicon, Gazetteer(),
                     k_default_groups, lookup, plain);
    CHECK(plain.topic == 0);
  }
  PreparedDocument off;
  prepare_document(sport.forms, sport.begin, sport.caps, lexicon, Gazetteer(),
                   k_default_groups & ~k_group_topic, lookup, off);
  CHECK(off.topic == 0);
}

TEST_CASE("prepare_document marks the longest gazetteer match", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  Gazetteer gazetteer;
  gazetteer.add(Gazetteer::phrase_hash({"new", "york"}), Gazetteer::gmb, 1);
  gazetteer.add(Gazetteer::phrase_hash({"new", "york", "stock", "exchange"}), Gazetteer::gmb, 2);
  gazetteer.add(Gazetteer::phrase_hash({"york"}), Gazetteer::gmb, 1);
  const Sentences s =
      make({{{"the", "New", "York", "Stock", "Exchange", "in", "new", "York"}, false}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, gazetteer, k_default_groups, lookup, doc);
  const auto code = [&](std::size_t i, int type) {
    return (doc.gazetteer[i] >> (2 * (Gazetteer::gmb * 4 + type))) & 3u;
  };
  CHECK(doc.gazetteer[0] == 0);
  CHECK(code(1, 2) == 1);  // ORG: first of four
  CHECK(code(4, 2) == 2);
  CHECK(code(1, 1) == 1);  // LOC: "New York"
  CHECK(code(2, 1) == 2);
  CHECK(code(6, 1) == 0);  // matches start only at capitalised tokens
  CHECK(code(7, 1) == 3);  // "York" alone
  // Without the group nothing is marked.
  prepare_document(s.forms, s.begin, s.caps, lexicon, gazetteer,
                   k_default_groups & ~k_group_gazetteer, lookup, doc);
  CHECK(std::all_of(doc.gazetteer.begin(), doc.gazetteer.end(), [](auto c) { return c == 0; }));
}

TEST_CASE("capitalised words carry their roles in gazetteer phrases", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  Gazetteer gazetteer;
  gazetteer.add_phrase({"joint", "working", "group"}, Gazetteer::training, 2);
  gazetteer.add_phrase({"islamic", "jihad"}, Gazetteer::training, 2);
  const Sentences s =
      make({{{"the", "Joint", "Implementation", "Group", "met", "a", "group", "."}, false}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, gazetteer, k_default_groups, lookup, doc);
  CHECK(doc.roles[1] == gazetteer.word_roles(word_hash("joint")));
  CHECK(doc.roles[1] != 0);
  CHECK(doc.roles[2] == 0);                                         // in no phrase
  CHECK(doc.roles[3] == gazetteer.word_roles(word_hash("group")));  // ends one
  CHECK(doc.roles[6] == 0);                                         // not capitalised
  // A token with roles gets features the same token without them lacks.
  std::vector<std::uint64_t> with_roles;
  position_features(doc, 0, 3, k_default_groups, with_roles);
  std::vector<std::uint64_t> without_roles;
  position_features(doc, 0, 3, k_default_groups & ~k_group_word_roles, without_roles);
  CHECK(with_roles.size() == without_roles.size() + 1);
  // Without the group nothing is looked up.
  prepare_document(s.forms, s.begin, s.caps, lexicon, gazetteer,
                   k_default_groups & ~k_group_word_roles, lookup, doc);
  CHECK(std::all_of(doc.roles.begin(), doc.roles.end(), [](auto r) { return r == 0; }));
}

TEST_CASE("set_predictions summarises the other occurrences of a word", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  const Sentences s = make({{{"Kerry", "met", "Lavrov"}, false},
                            {{"Kerry", "left"}, false},
                            {{"Kerry", "spoke"}, false}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, Gazetteer(), k_default_groups, lookup, doc);
  // Kerry is PER, PER, then O.
  const std::vector<Label> labels = {begin_label(0), k_outside, begin_label(0), begin_label(0),
                                     k_outside,      k_outside, k_outside};
  set_predictions(labels, doc);
  // The first two Kerrys each see one PER and one O elsewhere: majority PER
  // (ties go to the lower type), both present.
  CHECK(doc.predicted[0] == ((1u << 5) | 0b10001u));
  CHECK(doc.predicted[3] == doc.predicted[0]);
  // The last sees two PER.
  CHECK(doc.predicted[5] == ((1u << 5) | 0b00001u));
  CHECK(doc.predicted[2] == 0);  // Lavrov occurs once
  CHECK(doc.predicted[1] == 0);  // lower case
  std::vector<std::uint64_t> keys;
  prediction_features(doc, 0, 0, keys);
  CHECK(keys.size() == 5);
  keys.clear();
  prediction_features(doc, 0, 2, keys);
  CHECK(keys.empty());
}

TEST_CASE("token_features uses padding at sentence edges and is deterministic", "[ner][features]") {
  const Lexicon lexicon = small_lexicon();
  PlainLookup lookup(lexicon);
  const Sentences s = make({{{"Japan", "win"}, false}});
  PreparedDocument doc;
  prepare_document(s.forms, s.begin, s.caps, lexicon, Gazetteer(), k_default_groups, lookup, doc);
  auto features_of = [&](std::size_t j) -> const std::vector<WordFeature>& {
    return lookup.features(*doc.words[j]);
  };
  std::vector<std::uint64_t> first;
  std::vector<std::uint64_t> again;
  token_features(doc, 0, 0, k_default_groups, features_of, first);
  token_features(doc, 0, 0, k_default_groups, features_of, again);
  CHECK(first == again);
  const WordFeature before = padding_feature(-1, k_default_groups);
  CHECK(std::find(first.begin(), first.end(), offset_key(before.key, -1)) != first.end());
  CHECK(std::find(first.begin(), first.end(), offset_key(before.key, -2)) != first.end());
  const WordFeature after = padding_feature(1, k_default_groups);
  CHECK(std::find(first.begin(), first.end(), offset_key(after.key, 2)) != first.end());
  CHECK(std::find(first.begin(), first.end(), offset_key(after.key, 1)) == first.end());
}

}  // namespace dateline::ner

#include "common/ner/features.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "common/text.hpp"

namespace dateline::ner {
namespace {

// Template ids. Never renumber: they are part of every stored feature key.
enum Template : std::uint64_t {
  t_bias = 1,
  t_lower = 2,
  t_form = 3,
  t_long_shape = 4,
  t_short_shape = 5,
  t_prefix = 6,  // + length 1..4 combined in the value
  t_suffix = 7,
  t_cap_ratio = 8,
  t_casing = 9,
  t_unknown = 10,
  t_cluster = 11,
  t_frequency = 12,
  t_padding = 13,
  p_bigram_left = 32,
  p_bigram_right = 33,
  p_shape_trigram = 34,
  p_previous_word_shape = 35,
  p_shape_next_word = 36,
  p_first_shape = 37,
  p_first_word = 38,
  p_caps = 39,
  p_gazetteer = 40,
  p_evidence = 41,
  p_predicted_majority = 42,
  p_predicted_has = 43,
  p_predicted_majority_shape = 44,
  p_predicted_majority_position = 45,
  p_word_role = 46,
  p_usage = 47,
  p_context_left = 48,
  p_context_right = 49,
  p_context_left2 = 50,
  p_context_right2 = 51,
  p_topic_shape = 52,
  p_topic_gazetteer = 53,
};

constexpr std::uint64_t key2(Template t, std::uint64_t a) { return hash_pair(t, a); }
constexpr std::uint64_t key3(Template t, std::uint64_t a, std::uint64_t b) {
  return hash_pair(hash_pair(t, a), b);
}
constexpr std::uint64_t key4(Template t, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return hash_pair(hash_pair(hash_pair(t, a), b), c);
}

constexpr std::uint64_t k_before_sentence = 0x3C733EULL;  // "<s>"
constexpr std::uint64_t k_after_sentence = 0x3C2F733EULL;

constexpr std::uint8_t k_offset_0 = 1u << k_window;
constexpr std::uint8_t k_offsets_near =
    k_offset_0 | (1u << (k_window - 1)) | (1u << (k_window + 1));
constexpr std::uint8_t k_offsets_all = (1u << k_offsets) - 1;

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Character classes for shapes: 'X', 'x', 'd', or the character itself.
template <typename Emit>
void for_each_class(std::string_view form, Emit&& emit) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(form.data());
  const auto length = static_cast<std::int32_t>(form.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::uint8_t byte = s[i];
    if (byte < 0x80) {
      ++i;
      if (byte >= 'A' && byte <= 'Z') {
        emit('X');
      } else if (byte >= 'a' && byte <= 'z') {
        emit('x');
      } else if (byte >= '0' && byte <= '9') {
        emit('d');
      } else {
        emit(static_cast<char>(byte));
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      emit('?');
    } else if (u_isupper(c) || u_istitle(c)) {
      emit('X');
    } else if (u_isalpha(c)) {
      emit('x');
    } else if (u_isdigit(c)) {
      emit('d');
    } else {
      emit('?');
    }
  }
}

std::string shape(std::string_view form, std::size_t max_run) {
  std::string out;
  char last = 0;
  std::size_t run = 0;
  for_each_class(form, [&](char c) {
    run = c == last ? run + 1 : 1;
    last = c;
    if (run <= max_run) out += c;
  });
  return out;
}

}  // namespace

std::uint16_t word_flags(std::string_view form) {
  bool first_letter_seen = false;
  bool initial_upper = false;
  bool has_upper = false;
  bool has_lower = false;
  bool has_alpha = false;
  bool has_digit = false;
  bool has_alnum = false;
  for_each_class(form, [&](char c) {
    if (c == 'X' || c == 'x') {
      if (!first_letter_seen) initial_upper = c == 'X';
      first_letter_seen = true;
      has_alpha = has_alnum = true;
      (c == 'X' ? has_upper : has_lower) = true;
    } else if (c == 'd') {
      has_digit = has_alnum = true;
    }
  });
  std::uint16_t flags = 0;
  // A word counts as capitalised when its first character is a capital
  // ("Reuters", "U.S."), not when a capital comes later ("al-Nusra", "iPhone").
  if (initial_upper && !form.empty() && !(form[0] >= 'a' && form[0] <= 'z')) {
    flags |= k_flag_initial_upper;
  }
  if (has_upper && !has_lower) flags |= k_flag_all_upper;
  if (has_lower) flags |= k_flag_has_lower;
  if (has_alpha) flags |= k_flag_has_alpha;
  if (has_digit) flags |= k_flag_has_digit;
  if (!has_alnum) flags |= k_flag_no_alnum;
  return flags;
}

namespace {

// "alNusra", "alAssad": an Arabic article glued to a name by a converter
// that dropped the hyphen. Returns the article's length or 0.
std::size_t glued_particle_length(std::string_view form) {
  static constexpr std::string_view k_particles[] = {"al", "el", "ad", "ar",  "as",  "ash",
                                                     "at", "az", "an", "bin", "ibn", "abu"};
  for (std::string_view p : k_particles) {
    if (form.size() >= p.size() + 3 && form.starts_with(p) && form[p.size()] >= 'A' &&
        form[p.size()] <= 'Z' && form[p.size() + 1] >= 'a' && form[p.size() + 1] <= 'z') {
      return p.size();
    }
  }
  return 0;
}

std::string title_case(std::string_view lower) {
  std::string out(lower);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string ascii_lower(std::string_view form) {
  std::string out(form);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::size_t letter_count(std::string_view form) {
  return static_cast<std::size_t>(std::count_if(form.begin(), form.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           static_cast<unsigned char>(c) >= 0x80;
  }));
}

}  // namespace

std::string digit_form(std::string_view form) {
  std::string out(form);
  for (char& c : out) {
    if (c >= '1' && c <= '9') c = '0';
  }
  return out;
}

std::string lower_form(std::string_view form) {
  if (is_ascii(form)) {
    std::string out(form);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c + 32);
      } else if (c >= '1' && c <= '9') {
        c = '0';
      }
    }
    return out;
  }
  return fold_case(digit_form(form));
}

std::uint64_t form_key(std::string_view form) {
  const bool has_digit =
      std::any_of(form.begin(), form.end(), [](char c) { return c >= '1' && c <= '9'; });
  if (!has_digit) return hash_bytes(form, 0x666F726DULL);
  return hash_bytes(digit_form(form), 0x666F726DULL);
}

std::string short_shape(std::string_view form) { return shape(form, 1); }
std::string long_shape(std::string_view form) { return shape(form, 4); }

void analyse_word(std::string_view form, const Lexicon& lexicon, std::uint32_t groups,
                  WordInfo& info, std::vector<WordFeature>* features) {
  const std::string lower = lower_form(form);
  const std::string shape_short = short_shape(form);
  info.flags = word_flags(form);
  info.lower_hash = word_hash(lower);
  info.shape_hash = hash_bytes(shape_short, 0x7368617065ULL);
  info.lexicon = lexicon.find(info.lower_hash);
  if (info.lexicon >= 0) info.flags |= k_flag_known;
  if (features == nullptr) return;

  const std::uint8_t context = (groups & k_group_wide) ? k_offsets_all : k_offsets_near;
  auto add = [&](Template t, std::uint64_t value, std::uint8_t offsets) {
    features->push_back({key2(t, value), offsets});
  };
  add(t_bias, 0, k_offset_0);
  add(t_lower, info.lower_hash, context);
  add(t_form, hash_bytes(digit_form(form)), k_offset_0);
  add(t_long_shape, hash_bytes(long_shape(form)), k_offset_0);
  add(t_short_shape, info.shape_hash, context);
  if (groups & k_group_affixes) {
    for (std::size_t n = 1; n <= 4 && n <= lower.size(); ++n) {
      add(t_prefix, hash_pair(n, hash_bytes(lower.substr(0, n))), k_offset_0);
      add(t_suffix, hash_pair(n, hash_bytes(lower.substr(lower.size() - n))), k_offset_0);
    }
  }
  const std::uint64_t capital_class = (info.flags & k_flag_initial_upper)
                                          ? ((info.flags & k_flag_all_upper) ? 2 : 1)
                                          : ((info.flags & k_flag_has_alpha) ? 0 : 3);
  if (info.lexicon >= 0) {
    const LexiconEntry& entry = lexicon.word(static_cast<std::size_t>(info.lexicon)).entry;
    if (groups & k_group_lexicon) {
      add(t_cap_ratio, entry.cap_ratio * 4 + capital_class, k_offsets_near);
      add(t_casing, static_cast<std::uint64_t>(entry.casing) * 4 + capital_class, k_offset_0);
      add(t_frequency, std::min<std::uint64_t>(entry.frequency, 12) * 4 + capital_class,
          k_offset_0);
    }
    if ((groups & k_group_clusters) && entry.cluster_depth > 0) {
      struct Prefix {
        std::uint8_t length;
        std::uint8_t offsets;
      };
      const Prefix prefixes[] = {{4, k_offset_0},
                                 {6, context},
                                 {10, k_offsets_near},
                                 {14, k_offset_0},
                                 {32, k_offsets_near}};
      for (const Prefix& p : prefixes) {
        const std::uint8_t length = std::min(p.length, entry.cluster_depth);
        const std::uint32_t prefix = entry.cluster >> (entry.cluster_depth - length);
        add(t_cluster, hash_pair(p.length, hash_pair(length, prefix)), p.offsets);
      }
    }
  } else if (groups & k_group_lexicon) {
    add(t_unknown, info.shape_hash, k_offsets_near);
  }
}

WordFeature padding_feature(int side, std::uint32_t groups) {
  const std::uint8_t context = (groups & k_group_wide) ? k_offsets_all : k_offsets_near;
  const std::uint8_t before = context & static_cast<std::uint8_t>((1u << k_window) - 1);
  const std::uint8_t after = context & static_cast<std::uint8_t>(~((1u << (k_window + 1)) - 1));
  return side < 0 ? WordFeature{key2(t_padding, k_before_sentence), before}
                  : WordFeature{key2(t_padding, k_after_sentence), after};
}

namespace {

// How the document writes a word outside all-capitals sentences.
struct CaseEvidence {
  std::uint32_t capital = 0;  // capitalised, not first in its sentence
  std::uint32_t lower = 0;    // in lower case
  std::string_view capital_form;
};
using CaseEvidenceMap = std::unordered_map<std::uint64_t, CaseEvidence>;

// Copies the tokens into `doc` and clears what an earlier document left.
inline void start_document(const std::vector<std::string_view>& forms,
                           const std::vector<std::uint32_t>& sentence_begin,
                           const std::vector<std::uint8_t>& sentence_caps, PreparedDocument& doc) {
  const std::size_t n = forms.size();
  doc.forms = forms;
  doc.sentence_begin = sentence_begin;
  doc.sentence_caps = sentence_caps;
  doc.words.assign(n, nullptr);
  doc.recase.assign(n, k_recase_none);
  doc.evidence.assign(n, 0);
  doc.gazetteer.assign(n, 0);
  doc.roles.assign(n, 0);
  doc.usage.assign(n, 0);
  doc.topic = 0;
  doc.predicted.clear();
  doc.context_begin.assign(n + 1, 0);
  doc.contexts.clear();
  doc.arena.clear();
}

// Repairs forms whose hyphen a converter dropped ("alNusra" -> "al-Nusra").
inline void repair_glued_particles(PreparedDocument& doc) {
  for (std::string_view& form : doc.forms) {
    if (const std::size_t p = glued_particle_length(form); p > 0) {
      std::string repaired(form.substr(0, p));
      repaired += '-';
      repaired += form.substr(p);
      form = doc.arena.emplace_back(std::move(repaired));
    }
  }
}

// Looks up the words of the sentences that are not all capitals, counts
// their capitalised occurrences into `evidence`, and returns each
// sentence's first word (its end when it has none or is all capitals).
// The first word of a sentence (after any opening quote or bracket) is
// capitalised whatever it is, so it says nothing about the word's case.
inline std::vector<std::uint32_t> look_up_mixed_case_words(PreparedDocument& doc,
                                                           WordLookup& lookup,
                                                           CaseEvidenceMap& evidence) {
  std::vector<std::uint32_t> first_word(doc.sentence_count());
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    first_word[s] = static_cast<std::uint32_t>(doc.sentence_end(s));
    if (doc.sentence_caps[s]) continue;
    for (std::size_t i = doc.sentence_begin[s]; i < doc.sentence_end(s); ++i) {
      const WordInfo* w = lookup.find(doc.forms[i]);
      doc.words[i] = w;
      if (first_word[s] == doc.sentence_end(s) && !(w->flags & k_flag_no_alnum)) {
        first_word[s] = static_cast<std::uint32_t>(i);
        continue;
      }
      if (i > first_word[s] && (w->flags & k_flag_initial_upper)) {
        CaseEvidence& e = evidence[w->lower_hash];
        if (e.capital++ == 0) e.capital_form = doc.forms[i];
      }
    }
  }
  return first_word;
}

// Counts the lower-case occurrences of the words `evidence` already holds.
inline void count_lower(const PreparedDocument& doc, CaseEvidenceMap& evidence) {
  for (std::size_t i = 0; i < doc.forms.size(); ++i) {
    const WordInfo* w = doc.words[i];
    if (w == nullptr || (w->flags & (k_flag_initial_upper | k_flag_all_upper)) ||
        !(w->flags & k_flag_has_lower)) {
      continue;
    }
    if (auto it = evidence.find(w->lower_hash); it != evidence.end()) ++it->second.lower;
  }
}

// An all-capitals word in mixed case, and how that was decided (k_recase_*).
struct RecasedWord {
  std::string form;
  std::uint8_t how = k_recase_unknown;
};

// The mixed-case form of the all-capitals word `form` (analysed as `raw`):
// as the document writes it, else the lexicon's usual form, else title case
// for a long unknown ASCII word, else unchanged.
inline RecasedWord recased_form(std::string_view form, const WordInfo& raw,
                                const CaseEvidenceMap& evidence, const Lexicon& lexicon,
                                std::uint32_t groups) {
  const auto it = evidence.find(raw.lower_hash);
  if (it != evidence.end() && it->second.capital >= it->second.lower) {
    return {std::string(it->second.capital_form), k_recase_document};
  }
  // "G7", "F16": lower_form would lose the digits.
  if (raw.flags & k_flag_has_digit) return {std::string(form), k_recase_unknown};
  if (it != evidence.end()) return {lower_form(form), k_recase_document_lower};
  if (raw.lexicon >= 0) {
    return {lexicon.word(static_cast<std::size_t>(raw.lexicon)).usual, k_recase_lexicon};
  }
  if ((groups & k_group_title_unknown) && letter_count(form) >= 4 && is_ascii(form)) {
    return {title_case(ascii_lower(form)), k_recase_unknown};
  }
  return {std::string(form), k_recase_unknown};
}

// Re-cases the words of all-capitals sentences and looks them up.
inline void recase_caps_sentences(const CaseEvidenceMap& evidence, const Lexicon& lexicon,
                                  std::uint32_t groups, WordLookup& lookup, PreparedDocument& doc) {
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    if (!doc.sentence_caps[s]) continue;
    const std::size_t begin = doc.sentence_begin[s];
    for (std::size_t i = begin; i < doc.sentence_end(s); ++i) {
      // The capitals form only matters for re-casing; no features needed.
      WordInfo raw;
      analyse_word(doc.forms[i], lexicon, groups, raw, nullptr);
      if ((raw.flags & k_flag_has_alpha) && !(raw.flags & k_flag_has_lower)) {
        RecasedWord cased = recased_form(doc.forms[i], raw, evidence, lexicon, groups);
        if (i == begin) cased.form = title_case(cased.form);
        doc.recase[i] = cased.how;
        if (cased.form != doc.forms[i]) {
          doc.forms[i] = doc.arena.emplace_back(std::move(cased.form));
        }
      }
      doc.words[i] = lookup.find(doc.forms[i]);
    }
  }
}

// Sets doc.evidence for each capitalised word: what the rest of the
// document says about its case, and where the word stands.
inline void set_case_evidence(const CaseEvidenceMap& evidence,
                              const std::vector<std::uint32_t>& first_word, PreparedDocument& doc) {
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    const std::size_t begin = doc.sentence_begin[s];
    for (std::size_t i = begin; i < doc.sentence_end(s); ++i) {
      const WordInfo* w = doc.words[i];
      if (!(w->flags & k_flag_initial_upper)) continue;
      std::uint32_t capital = 0;
      std::uint32_t lower = 0;
      if (auto it = evidence.find(w->lower_hash); it != evidence.end()) {
        capital = it->second.capital;
        lower = it->second.lower;
      }
      const bool counted_self = !doc.sentence_caps[s] && i > first_word[s];
      if (counted_self && capital > 0) --capital;
      const std::uint8_t position = doc.sentence_caps[s] ? 2 : (i <= first_word[s] ? 1 : 0);
      doc.evidence[i] =
          static_cast<std::uint8_t>(1 + (lower > 0 ? 1 : 0) + (capital > 0 ? 2 : 0) + 4 * position);
    }
  }
}

// Fills `longest` (one entry per token of [begin, end)) with the length of
// the longest gazetteer phrase starting at each capitalised token, per
// (source, type) bit. Returns the bits any phrase matched with.
inline std::uint32_t find_gazetteer_phrases(
    const PreparedDocument& doc, std::size_t begin, std::size_t end, const Gazetteer& gazetteer,
    std::vector<std::array<std::uint8_t, Gazetteer::k_bits>>& longest) {
  longest.assign(end - begin, {});
  std::uint32_t matched = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (!(doc.words[i]->flags & k_flag_initial_upper)) continue;
    std::uint64_t phrase = Gazetteer::k_phrase_start;
    for (std::size_t len = 1; len <= Gazetteer::k_max_length && i + len <= end; ++len) {
      phrase = Gazetteer::extend(phrase, doc.words[i + len - 1]->lower_hash);
      const std::uint32_t mask = gazetteer.find(phrase);
      matched |= mask;
      for (int bit = 0; mask != 0 && bit < Gazetteer::k_bits; ++bit) {
        if (mask & (1u << bit))
          longest[i - begin][static_cast<std::size_t>(bit)] = static_cast<std::uint8_t>(len);
      }
    }
  }
  return matched;
}

// Marks doc.gazetteer with the matches `longest` found in [begin, end) for
// the bits of `matched`: for each, the longest match from the left; 1 marks
// the first token of a longer match, 2 the others, 3 a match of one token.
inline void mark_gazetteer_matches(
    const std::vector<std::array<std::uint8_t, Gazetteer::k_bits>>& longest, std::uint32_t matched,
    std::size_t begin, std::size_t end, PreparedDocument& doc) {
  for (std::size_t bit = 0; bit < Gazetteer::k_bits; ++bit) {
    if (!(matched & (1u << bit))) continue;
    std::size_t covered = begin;
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t len = longest[i - begin][bit];
      if (len == 0 || i < covered) continue;
      for (std::size_t j = i; j < i + len; ++j) {
        const std::uint64_t code = len == 1 ? 3 : (j == i ? 1 : 2);
        doc.gazetteer[j] |= code << (2 * bit);
      }
      covered = i + len;
    }
  }
}

// Sets doc.usage for the capitalised tokens of mixed-case sentences (not
// first in theirs): bit 0 when the document writes the same word elsewhere
// alone (no capitalised neighbour: "Kerry said"), bit 1 when elsewhere next
// to another capitalised word ("John Kerry"), bit 2 when this occurrence
// has a capitalised neighbour, plus 1 (0: not such a token). A person's
// surname stands alone after the first mention; the words of a group's
// name ("Jabhat al-Nusra") rarely do.
inline void mark_usage(PreparedDocument& doc) {
  struct Counts {
    std::uint32_t alone = 0;
    std::uint32_t joined = 0;
  };
  std::unordered_map<std::uint64_t, Counts> counts;
  auto capitalised = [&](std::size_t j) {
    return (doc.words[j]->flags & k_flag_initial_upper) && (doc.words[j]->flags & k_flag_has_lower);
  };
  auto for_each_token = [&](auto&& visit) {
    for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
      if (doc.sentence_caps[s]) continue;
      const std::size_t begin = doc.sentence_begin[s];
      const std::size_t end = doc.sentence_end(s);
      for (std::size_t i = begin + 1; i < end; ++i) {
        if (!capitalised(i)) continue;
        const bool joined = capitalised(i - 1) || (i + 1 < end && capitalised(i + 1));
        visit(i, joined);
      }
    }
  };
  for_each_token([&](std::size_t i, bool joined) {
    Counts& c = counts[doc.words[i]->lower_hash];
    ++(joined ? c.joined : c.alone);
  });
  for_each_token([&](std::size_t i, bool joined) {
    Counts c = counts[doc.words[i]->lower_hash];
    --(joined ? c.joined : c.alone);
    doc.usage[i] = static_cast<std::uint8_t>(1 + (c.alone > 0 ? 1 : 0) + (c.joined > 0 ? 2 : 0) +
                                             (joined ? 4 : 0));
  });
}

// Context aggregation: for each capitalised token (outside all-capitals
// lines) that the document writes capitalised elsewhere too, the words one
// and two before and after those other occurrences, each once where it
// differs from this occurrence's, at most k_most_contexts per offset
// (chosen by cross-validation: 4, 8 and 16 tried). "Pirelli said" here and
// "shares of Pirelli" there tell each occurrence what the other's
// neighbours say.
inline void aggregate_contexts(PreparedDocument& doc) {
  constexpr std::size_t k_most_contexts = 8;
  // The offsets looked at, in the order their keys are added.
  constexpr int k_offsets[] = {-1, 1, -2, 2};
  constexpr Template k_templates[] = {p_context_left, p_context_right, p_context_left2,
                                      p_context_right2};
  using Around = std::array<std::uint64_t, std::size(k_offsets)>;
  const std::size_t n = doc.forms.size();
  std::vector<std::uint8_t> candidate(n, 0);
  std::vector<Around> around(n);  // the words at k_offsets of each candidate
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> occurrences;
  for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
    if (doc.sentence_caps[s]) continue;
    const auto begin = static_cast<std::ptrdiff_t>(doc.sentence_begin[s]);
    const auto end = static_cast<std::ptrdiff_t>(doc.sentence_end(s));
    for (std::ptrdiff_t i = begin; i < end; ++i) {
      const WordInfo& w = *doc.words[static_cast<std::size_t>(i)];
      if (!(w.flags & k_flag_initial_upper) || !(w.flags & k_flag_has_lower)) continue;
      candidate[static_cast<std::size_t>(i)] = 1;
      for (std::size_t k = 0; k < std::size(k_offsets); ++k) {
        const std::ptrdiff_t j = i + k_offsets[k];
        around[static_cast<std::size_t>(i)][k] =
            j < begin ? k_before_sentence
                      : (j >= end ? k_after_sentence
                                  : doc.words[static_cast<std::size_t>(j)]->lower_hash);
      }
      occurrences[w.lower_hash].push_back(static_cast<std::uint32_t>(i));
    }
  }
  std::array<std::vector<std::uint64_t>, std::size(k_offsets)> found;
  for (std::size_t i = 0; i < n; ++i) {
    doc.context_begin[i] = static_cast<std::uint32_t>(doc.contexts.size());
    if (!candidate[i]) continue;
    const std::vector<std::uint32_t>& others = occurrences[doc.words[i]->lower_hash];
    if (others.size() < 2) continue;
    for (std::vector<std::uint64_t>& words : found) words.clear();
    for (const std::uint32_t j : others) {
      if (j == i) continue;
      for (std::size_t k = 0; k < std::size(k_offsets); ++k) {
        const std::uint64_t word = around[j][k];
        std::vector<std::uint64_t>& words = found[k];
        if (word != around[i][k] && words.size() < k_most_contexts &&
            std::find(words.begin(), words.end(), word) == words.end()) {
          words.push_back(word);
        }
      }
    }
    for (std::size_t k = 0; k < std::size(k_offsets); ++k) {
      for (const std::uint64_t word : found[k]) doc.contexts.push_back(key2(k_templates[k], word));
    }
  }
  doc.context_begin[n] = static_cast<std::uint32_t>(doc.contexts.size());
}

}  // namespace

void prepare_document(const std::vector<std::string_view>& forms,
                      const std::vector<std::uint32_t>& sentence_begin,
                      const std::vector<std::uint8_t>& sentence_caps, const Lexicon& lexicon,
                      const Gazetteer& gazetteer, std::uint32_t groups, WordLookup& lookup,
                      PreparedDocument& doc) {
  start_document(forms, sentence_begin, sentence_caps, doc);
  repair_glued_particles(doc);
  CaseEvidenceMap evidence;
  const std::vector<std::uint32_t> first_word = look_up_mixed_case_words(doc, lookup, evidence);
  count_lower(doc, evidence);
  recase_caps_sentences(evidence, lexicon, groups, lookup, doc);
  if (groups & k_group_evidence) set_case_evidence(evidence, first_word, doc);
  if (groups & k_group_usage) mark_usage(doc);
  if (groups & k_group_contexts) aggregate_contexts(doc);
  if ((groups & k_group_topic) && doc.sentence_count() > 0 && doc.sentence_caps[0] &&
      doc.sentence_end(0) > 2 && doc.forms[1] == "-") {
    doc.topic = doc.words[0]->lower_hash;
  }
  if ((groups & k_group_word_roles) && gazetteer.size() > 0) {
    for (std::size_t i = 0; i < doc.forms.size(); ++i) {
      if (doc.words[i]->flags & k_flag_initial_upper)
        doc.roles[i] = static_cast<std::uint16_t>(gazetteer.word_roles(doc.words[i]->lower_hash));
    }
  }
  if ((groups & k_group_gazetteer) && gazetteer.size() > 0) {
    std::vector<std::array<std::uint8_t, Gazetteer::k_bits>> longest;
    for (std::size_t s = 0; s < doc.sentence_count(); ++s) {
      const std::size_t begin = doc.sentence_begin[s];
      const std::size_t end = doc.sentence_end(s);
      if (const std::uint32_t matched = find_gazetteer_phrases(doc, begin, end, gazetteer, longest);
          matched != 0) {
        mark_gazetteer_matches(longest, matched, begin, end, doc);
      }
    }
  }
}

void set_predictions(const std::vector<Label>& labels, PreparedDocument& doc) {
  const std::size_t n = doc.forms.size();
  doc.predicted.assign(n, 0);
  std::unordered_map<std::uint64_t, std::array<std::uint16_t, 5>> counts;
  auto kind = [&](std::size_t i) {
    return labels[i] == k_outside ? std::size_t{4}
                                  : static_cast<std::size_t>(label_type(labels[i]));
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!(doc.words[i]->flags & k_flag_initial_upper)) continue;
    ++counts[doc.words[i]->lower_hash][kind(i)];
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(doc.words[i]->flags & k_flag_initial_upper)) continue;
    std::array<std::uint16_t, 5> others = counts[doc.words[i]->lower_hash];
    --others[kind(i)];
    std::uint8_t presence = 0;
    std::size_t majority = 0;
    for (std::size_t t = 0; t < 5; ++t) {
      if (others[t] > 0) presence = static_cast<std::uint8_t>(presence | (1u << t));
      if (others[t] > others[majority]) majority = t;
    }
    if (presence != 0)
      doc.predicted[i] = static_cast<std::uint8_t>(((majority + 1) << 5) | presence);
  }
}

void position_features(const PreparedDocument& doc, std::size_t s, std::size_t i,
                       std::uint32_t groups, std::vector<std::uint64_t>& keys) {
  const std::size_t begin = doc.sentence_begin[s];
  const std::size_t end = doc.sentence_end(s);
  const WordInfo& w = *doc.words[i];
  const WordInfo* previous = i > begin ? doc.words[i - 1] : nullptr;
  const WordInfo* next = i + 1 < end ? doc.words[i + 1] : nullptr;
  const std::uint64_t previous_lower = previous ? previous->lower_hash : k_before_sentence;
  const std::uint64_t next_lower = next ? next->lower_hash : k_after_sentence;
  if (groups & k_group_bigrams) {
    keys.push_back(key3(p_bigram_left, previous_lower, w.lower_hash));
    keys.push_back(key3(p_bigram_right, w.lower_hash, next_lower));
  }
  if (groups & k_group_shape_context) {
    const std::uint64_t previous_shape = previous ? previous->shape_hash : k_before_sentence;
    const std::uint64_t next_shape = next ? next->shape_hash : k_after_sentence;
    keys.push_back(key4(p_shape_trigram, previous_shape, w.shape_hash, next_shape));
    keys.push_back(key3(p_previous_word_shape, previous_lower, w.shape_hash));
    keys.push_back(key3(p_shape_next_word, w.shape_hash, next_lower));
  }
  if (i == begin) {
    keys.push_back(key2(p_first_shape, w.shape_hash));
    keys.push_back(key2(p_first_word, w.lower_hash));
  }
  if ((groups & k_group_caps) && doc.sentence_caps[s]) {
    keys.push_back(key3(p_caps, doc.recase[i], w.shape_hash));
  }
  if ((groups & k_group_gazetteer) && doc.gazetteer[i] != 0) {
    const std::uint64_t code = doc.gazetteer[i];
    for (std::uint64_t bit = 0; bit < Gazetteer::k_bits; ++bit) {
      const std::uint64_t c = (code >> (2 * bit)) & 3u;
      if (c != 0) keys.push_back(key3(p_gazetteer, bit, c));
    }
  }
  if ((groups & k_group_evidence) && doc.evidence[i] != 0) {
    keys.push_back(key2(p_evidence, doc.evidence[i]));
  }
  if ((groups & k_group_usage) && doc.usage[i] != 0) keys.push_back(key2(p_usage, doc.usage[i]));
  if ((groups & k_group_topic) && doc.topic != 0 && (w.flags & k_flag_initial_upper)) {
    // In a sports wire a town names its club, in a business one its
    // place: the topic word with the word's shape and gazetteer types.
    keys.push_back(key3(p_topic_shape, doc.topic, w.shape_hash));
    for (std::uint64_t bit = 0; bit < Gazetteer::k_bits; ++bit) {
      const std::uint64_t c = (doc.gazetteer[i] >> (2 * bit)) & 3u;
      if (c != 0) keys.push_back(key4(p_topic_gazetteer, doc.topic, bit, c));
    }
  }
  if (groups & k_group_contexts) {
    keys.insert(keys.end(), doc.contexts.begin() + doc.context_begin[i],
                doc.contexts.begin() + doc.context_begin[i + 1]);
  }
  if ((groups & k_group_word_roles) && doc.roles[i] != 0) {
    // With whether the neighbours are capitalised: a word that opens names
    // matters when a capitalised word follows it.
    const std::uint64_t neighbours =
        (previous && (previous->flags & k_flag_initial_upper) ? 1u : 0u) |
        (next && (next->flags & k_flag_initial_upper) ? 2u : 0u);
    for (std::uint64_t bit = 0; bit < Gazetteer::k_role_bits; ++bit) {
      if (doc.roles[i] & (1u << bit)) keys.push_back(key3(p_word_role, bit, neighbours));
    }
  }
}

void prediction_features(const PreparedDocument& doc, std::size_t s, std::size_t i,
                         std::vector<std::uint64_t>& keys) {
  const std::uint8_t predicted = doc.predicted[i];
  if (predicted == 0) return;
  const std::uint64_t majority = predicted >> 5;
  const std::uint64_t position = doc.sentence_caps[s] ? 2 : (i == doc.sentence_begin[s] ? 1 : 0);
  keys.push_back(key2(p_predicted_majority, majority));
  keys.push_back(key3(p_predicted_majority_position, majority, position));
  keys.push_back(key3(p_predicted_majority_shape, majority, doc.words[i]->shape_hash));
  for (std::uint64_t t = 0; t < 5; ++t) {
    if (predicted & (1u << t)) keys.push_back(key2(p_predicted_has, t));
  }
}

}  // namespace dateline::ner

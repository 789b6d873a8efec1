// Text handling shared by readers, indexer and searcher: decoding bytes to
// valid UTF-8, Unicode normalisation, accent folding for matching, and the
// multilingual list of boilerplate lines that scraped articles carry.
//
// All functions are pure and thread-safe (ICU's normaliser instances are
// process-wide singletons that ICU documents as safe to share). Each is
// linear in its input.
//
// What normalize_text, fold_accents and boilerplate_key produce is stored
// in indexes (terms, the learnt boilerplate): a change to them changes what
// existing indexes match, so it comes with a bump of
// schema::k_schema_version.
#pragma once

#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace dateline {

struct DecodedText {
  std::string text;               // valid UTF-8
  std::size_t invalid_bytes = 0;  // ill-formed sequences replaced by U+FFFD
  // Where the first of them starts in the bytes decoded (a byte-order mark
  // counted); meaningful only when invalid_bytes > 0.
  std::size_t first_invalid_offset = 0;
  // What the bytes were read as when not UTF-8 ("Windows-1252", "UTF-16LE",
  // "UTF-16BE"); empty for UTF-8.
  std::string encoding;
};

// Validates UTF-8, replacing each ill-formed sequence with U+FFFD and
// counting them. A leading byte-order mark is dropped.
DecodedText decode_utf8(std::string_view bytes);

// Text as archives hold it, to UTF-8: a byte-order mark says UTF-8 or
// UTF-16 (little or big endian); else UTF-8 when the bytes are valid UTF-8,
// or when it has at least as many well-formed multi-byte sequences as
// ill-formed ones (UTF-8 with a few damaged bytes: those are replaced and
// counted, as decode_utf8 does); else Windows-1252, which older archives and Windows
// tools write (and which reads ISO 8859-1's printable characters alike).
// `encoding` says when it was not UTF-8. Byte-order marks are dropped.
DecodedText decode_text(std::string_view bytes);

// `bytes` read with ICU's converter for `charset` (a label such as
// "windows-1252", "UTF-16LE", "iso-8859-2"), a leading byte-order mark
// dropped and `encoding` set to `charset`; nullopt when ICU has no such
// converter. Bytes the charset does not map become U+FFFD, uncounted.
std::optional<DecodedText> decode_charset(std::string_view bytes, const std::string& charset);

// Whether `bytes` open with a UTF-16 byte-order mark (FF FE or FE FF).
bool has_utf16_bom(std::string_view bytes);

// The 1-based line of `text` that byte `offset` is on: one more than the
// '\n' before it. An offset past the end counts the whole text.
std::size_t line_at(std::string_view text, std::size_t offset);

// Latin-1 (ISO 8859-1) bytes to UTF-8; every byte is a valid code point.
std::string latin1_to_utf8(std::string_view bytes);

// Cleans decoded text for storage and indexing: NFKC normalisation,
// typographic quotes folded to ASCII ' and ", dashes and minus signs to '-',
// CRLF and CR to LF, tabs and odd spaces to ' ', and every other control or
// invisible format character (escape sequences, zero-width spaces, soft
// hyphens, bidi overrides) removed, so nothing stored can drive a terminal.
// REQUIRES: `utf8` is valid UTF-8 (see decode_utf8).
std::string normalize_text(std::string_view utf8);

// Strips diacritics ("Pokémon" -> "Pokemon", "São Paulo" -> "Sao Paulo") so
// that matching ignores accents. Applied to text before term generation and
// to queries before parsing. ASCII input is returned unchanged, cheaply.
std::string fold_accents(std::string_view utf8);

// Unicode case folding ("Publicité" -> "publicité").
std::string fold_case(std::string_view utf8);

// `text` with ASCII letters in lower case and every other byte as it is:
// for names a format spells in ASCII (extensions, HTML attributes, HTTP
// and WARC header fields), without ICU's cost.
std::string ascii_lower(std::string_view text);

// Whether `c` is ASCII white space (space, tab, newline, CR, FF, VT): what
// std::isspace is in the "C" locale, the one dateline runs in, without a
// library call per byte.
inline bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Leading and trailing ASCII whitespace removed.
std::string_view trim(std::string_view text);

// Runs of whitespace collapsed to one space, ends trimmed.
std::string collapse_whitespace(std::string_view text);

// Splits on `separator`, which is not kept: n separators give n + 1
// parts, some perhaps empty.
std::vector<std::string_view> split_on(std::string_view text, char separator);

// Splits on '\n' (the separator is not kept).
inline std::vector<std::string_view> split_lines(std::string_view text) {
  return split_on(text, '\n');
}

// Number of whitespace-separated words.
std::size_t count_words(std::string_view text);

// Boilerplate lines learnt from a corpus (indexer/boilerplate.hpp), by
// boilerplate_key.
using BoilerplateSet = std::unordered_set<std::string>;

// Lines longer than this are never boilerplate.
inline constexpr std::size_t k_max_boilerplate_bytes = 64;

// The form boilerplate lines are compared in: case-folded, whitespace
// collapsed, punctuation and symbols around it ignored ("Share:" and
// "• SHARE" are "share"). Empty for a line too long to be boilerplate.
std::string boilerplate_key(std::string_view line);

// True when a whole line is page furniture rather than article text:
// "Advertisement", "Anuncio", "Publicidad", "Anzeige", "Publicité", "Share",
// "Compartir", "Print", "Read more" and their kin in English, Spanish,
// Portuguese, French, German and Italian, or a line in `learned`.
bool is_boilerplate_line(std::string_view line, const BoilerplateSet* learned = nullptr);

}  // namespace dateline

#include "common/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <optional>

#include "common/error.hpp"

namespace dateline {
namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  std::int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(buf), len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

const icu::Normalizer2& normalizer(const char* which) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = std::string_view(which) == "nfkc"
                                  ? icu::Normalizer2::getNFKCInstance(status)
                                  : icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || n == nullptr) {
    throw Error(std::string("ICU normaliser unavailable: ") + u_errorName(status));
  }
  return *n;
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// What one code point becomes in normalize_text: itself, a replacement, or
// nothing (U_SENTINEL).
UChar32 clean_code_point(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return '-';
    case '\n':
      return '\n';
    case '\t':
      return ' ';
    default:
      break;
  }
  const std::int8_t type = static_cast<std::int8_t>(u_charType(c));
  if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR ||
      type == U_PARAGRAPH_SEPARATOR) {
    // Line and paragraph separators become newlines; everything else in
    // these classes (C0/C1 controls, ESC, zero-width and bidi marks, soft
    // hyphens) is dropped.
    return (type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR) ? '\n' : U_SENTINEL;
  }
  if (type == U_SPACE_SEPARATOR) return ' ';
  return c;
}

// Index just past the terminal escape sequence starting with ESC at `i`:
// CSI ("ESC [ ... final byte"), OSC and other strings ("ESC ] ... BEL" or
// "... ESC \\"), or ESC and one character. The whole sequence goes, not
// just the ESC byte, so no "[31m" debris is stored.
std::int32_t skip_escape_sequence(const std::uint8_t* s, std::int32_t i, std::int32_t length) {
  ++i;  // ESC
  if (i >= length) return i;
  const std::uint8_t kind = s[i++];
  if (kind == '[') {
    while (i < length && !(s[i] >= 0x40 && s[i] <= 0x7E)) ++i;
    return i < length ? i + 1 : i;
  }
  if (kind == ']' || kind == 'P' || kind == '_' || kind == '^' || kind == 'X') {
    while (i < length) {
      if (s[i] == 0x07) return i + 1;
      if (s[i] == 0x1B && i + 1 < length && s[i + 1] == '\\') return i + 2;
      ++i;
    }
    return i;
  }
  return i;
}

constexpr std::string_view k_boilerplate[] = {
    // English
    "advertisement", "advertisements", "advert", "sponsored", "sponsored content", "share",
    "share this", "share this article", "share on facebook", "share on twitter", "tweet", "email",
    "e-mail", "print", "read more", "continue reading", "related", "related articles", "subscribe",
    "follow us", "comments", "skip to content", "story continues below advertisement",
    "advertisement - scroll to continue", "click to share", "save", "copy link",
    // Spanish
    "anuncio", "anuncios", "publicidad", "compartir", "imprimir", "leer más", "leer mas",
    "comentarios", "sigue leyendo", "relacionados",
    // Portuguese
    "publicidade", "compartilhar", "partilhar", "leia mais", "leia também",
    // French
    "publicité", "partager", "imprimer", "lire la suite", "lire aussi", "commentaires",
    // German
    "anzeige", "werbung", "teilen", "drucken", "weiterlesen", "mehr lesen", "kommentare",
    // Italian
    "pubblicità", "condividi", "stampa", "leggi anche", "leggi di più",
    // Social networks standing alone on a line
    "facebook", "twitter", "whatsapp", "linkedin"};

}  // namespace

DecodedText decode_utf8(std::string_view bytes) {
  DecodedText result;
  std::size_t skipped = 0;  // the byte-order mark, for first_invalid_offset
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    skipped = 3;
  }
  if (is_ascii(bytes)) {
    result.text.assign(bytes);
    return result;
  }
  result.text.reserve(bytes.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto length = static_cast<std::int32_t>(bytes.size());
  // Valid runs are copied whole; each ill-formed sequence becomes U+FFFD.
  std::int32_t i = 0;
  std::int32_t run = 0;  // where the valid run being scanned began
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0) continue;
    result.text.append(bytes.data() + run, static_cast<std::size_t>(start - run));
    if (result.invalid_bytes == 0) {
      result.first_invalid_offset = skipped + static_cast<std::size_t>(start);
    }
    ++result.invalid_bytes;
    result.text += "\xEF\xBF\xBD";
    run = i;
  }
  result.text.append(bytes.data() + run, static_cast<std::size_t>(length - run));
  return result;
}

bool has_utf16_bom(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
}

std::optional<DecodedText> decode_charset(std::string_view bytes, const std::string& charset) {
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset.c_str());
  if (text.isBogus()) return std::nullopt;
  DecodedText decoded;
  text.toUTF8String(decoded.text);
  decoded.encoding = charset;
  // A byte-order mark the converter kept is no text.
  if (std::string_view(decoded.text).starts_with("\xEF\xBB\xBF")) decoded.text.erase(0, 3);
  return decoded;
}

namespace {

// Well-formed UTF-8 sequences of two bytes or more in `bytes`.
std::size_t count_multibyte_sequences(std::string_view bytes) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto length = static_cast<std::int32_t>(bytes.size());
  std::size_t count = 0;
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && i - start > 1) ++count;
  }
  return count;
}

}  // namespace

DecodedText decode_text(std::string_view bytes) {
  // ICU has these converters: decode_charset never fails for them.
  if (bytes.starts_with("\xFF\xFE")) return *decode_charset(bytes, "UTF-16LE");
  if (bytes.starts_with("\xFE\xFF")) return *decode_charset(bytes, "UTF-16BE");
  DecodedText decoded = decode_utf8(bytes);
  if (decoded.invalid_bytes == 0 || bytes.starts_with("\xEF\xBB\xBF") ||
      count_multibyte_sequences(bytes) >= decoded.invalid_bytes) {
    return decoded;
  }
  return *decode_charset(bytes, "Windows-1252");
}

std::size_t line_at(std::string_view text, std::size_t offset) {
  text = text.substr(0, std::min(offset, text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string normalize_text(std::string_view utf8) {
  // Line ends first, so CR never reaches the per-character pass.
  std::string with_newlines;
  std::string_view text = utf8;
  if (text.find('\r') != std::string_view::npos) {
    with_newlines.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      if (utf8[i] == '\r') {
        with_newlines += '\n';
        if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
      } else {
        with_newlines += utf8[i];
      }
    }
    text = with_newlines;
  }
  std::string nfkc_text;
  if (!is_ascii(text)) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(text);
    const icu::UnicodeString nfkc = normalizer("nfkc").normalize(source, status);
    if (U_FAILURE(status)) throw Error(std::string("NFKC failed: ") + u_errorName(status));
    nfkc_text = to_utf8(nfkc);
    text = nfkc_text;
  }
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < length) {
    const auto byte = s[i];
    if (byte >= 0x20 && byte < 0x7F) {
      // Printable ASCII, most of any text, is kept as it is: a run at once.
      std::int32_t end = i + 1;
      while (end < length && s[end] >= 0x20 && s[end] < 0x7F) ++end;
      out.append(text.data() + i, static_cast<std::size_t>(end - i));
      i = end;
      continue;
    }
    if (byte == 0x1B) {
      i = skip_escape_sequence(s, i, length);
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;
    const UChar32 cleaned = clean_code_point(c);
    if (cleaned == U_SENTINEL) continue;
    append_utf8(out, cleaned);
  }
  return out;
}

std::string fold_accents(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString nfd =
      normalizer("nfd").normalize(icu::UnicodeString::fromUTF8(utf8), status);
  if (U_FAILURE(status)) throw Error(std::string("NFD failed: ") + u_errorName(status));
  icu::UnicodeString stripped;
  for (std::int32_t i = 0; i < nfd.length();) {
    const UChar32 c = nfd.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    stripped.append(c);
  }
  // Recompose what remains (e.g. letters with marks that are not accents).
  return to_utf8(normalizer("nfkc").normalize(stripped, status));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string fold_case(std::string_view utf8) {
  if (is_ascii(utf8)) {
    std::string out(utf8);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  text.foldCase();
  return to_utf8(text);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && !is_space(text[end])) ++end;
    if (!out.empty()) out += ' ';
    out.append(text.data() + i, end - i);
    i = end;
  }
  return out;
}

std::vector<std::string_view> split_on(std::string_view text, char separator) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::string boilerplate_key(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > k_max_boilerplate_bytes) return {};
  // Ignore decoration around the label: "Share:", "> Read more", "• Share",
  // "Read more ›" -- any punctuation, symbol or space at either end.
  auto is_decoration = [](UChar32 c) {
    return u_ispunct(c) || u_isUWhiteSpace(c) ||
           (U_GET_GC_MASK(c) & (U_GC_SM_MASK | U_GC_SO_MASK | U_GC_SK_MASK | U_GC_SC_MASK)) != 0;
  };
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(line.data());
  std::int32_t begin = 0;
  std::int32_t end = static_cast<std::int32_t>(line.size());
  while (begin < end) {
    std::int32_t next = begin;
    UChar32 c = 0;
    U8_NEXT(bytes, next, end, c);
    if (c < 0 || !is_decoration(c)) break;
    begin = next;
  }
  while (end > begin) {
    std::int32_t previous = end;
    UChar32 c = 0;
    U8_PREV(bytes, begin, previous, c);
    if (c < 0 || !is_decoration(c)) break;
    end = previous;
  }
  line = line.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
  if (line.empty()) return {};
  return fold_case(collapse_whitespace(line));
}

bool is_boilerplate_line(std::string_view line, const BoilerplateSet* learned) {
  const std::string key = boilerplate_key(line);
  if (key.empty()) return false;
  if (std::find(std::begin(k_boilerplate), std::end(k_boilerplate), key) !=
      std::end(k_boilerplate)) {
    return true;
  }
  return learned != nullptr && learned->count(key) > 0;
}

}  // namespace dateline

#include "common/html_text.hpp"

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>

namespace dateline {
namespace {

// The longest name in HTML5's table, "CounterClockwiseContourIntegral", has
// 31 characters: a longer run of letters is no reference.
constexpr std::size_t k_longest_name = 31;

// Past this many distinct references a thread's cache starts again, so
// that a file of made-up references cannot grow it without bound.
constexpr std::size_t k_cache_entries = 4096;

constexpr std::uint32_t k_last_code_point = 0x10FFFF;
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_digit(char c, int base) {
  return (c >= '0' && c <= '9') ||
         (base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// A complete reference found at an '&': its length in bytes ('&' to ';'),
// and for a numeric one its value (saturated just past U+10FFFF).
struct Reference {
  std::size_t length = 0;  // 0: not a complete reference
  bool numeric = false;
  std::uint32_t value = 0;
};

Reference numeric_reference(std::string_view text, std::size_t amp) {
  std::size_t i = amp + 2;  // past "&#"
  int base = 10;
  if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) {
    base = 16;
    ++i;
  }
  const std::size_t digits = i;
  std::uint32_t value = 0;
  while (i < text.size() && is_digit(text[i], base)) {
    value =
        value * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(digit_value(text[i]));
    if (value > k_last_code_point) value = k_last_code_point + 1;  // no overflow
    ++i;
  }
  if (i == digits || i == text.size() || text[i] != ';') return {};
  return {i + 1 - amp, true, value};
}

Reference named_reference(std::string_view text, std::size_t amp) {
  const std::size_t name = amp + 1;
  std::size_t i = name;
  while (i < text.size() && i - name <= k_longest_name &&
         (is_letter(text[i]) || (i > name && is_digit(text[i], 10)))) {
    ++i;
  }
  if (i == name || i - name > k_longest_name || i == text.size() || text[i] != ';') return {};
  return {i + 1 - amp, false, 0};
}

Reference reference_at(std::string_view text, std::size_t amp) {
  if (amp + 1 < text.size() && text[amp + 1] == '#') return numeric_reference(text, amp);
  if (amp + 1 < text.size() && is_letter(text[amp + 1])) return named_reference(text, amp);
  return {};
}

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&quiet_gumbo_options(), output);
  }
};

const GumboNode* first_child(const GumboNode* parent, GumboTag tag) {
  if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboVector& children = parent->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == tag) return child;
  }
  return nullptr;
}

// What gumbo makes of `reference` as an attribute value: its characters,
// or the reference itself when it names nothing.
// REQUIRES: `reference` is a complete reference (reference_at), so holds
// no '"' to end the attribute early.
std::string decode_with_gumbo(std::string_view reference) {
  const std::string html = "<br a=\"" + std::string(reference) + "\">";
  const std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&quiet_gumbo_options(), html.data(), html.size()));
  const GumboNode* br = first_child(first_child(output->root, GUMBO_TAG_BODY), GUMBO_TAG_BR);
  if (br == nullptr) return std::string(reference);
  const GumboAttribute* attribute = gumbo_get_attribute(&br->v.element.attributes, "a");
  return attribute != nullptr ? std::string(attribute->value) : std::string(reference);
}

// Appends what the reference `text` stands for, from this thread's cache or
// from gumbo.
void append_decoded(std::string& out, std::string_view text, const Reference& reference) {
  if (reference.numeric && reference.value > k_last_code_point) {
    // HTML5 makes these U+FFFD; gumbo 0.10.1 would overflow an int on
    // values from 2^31 and lose the element.
    out += k_replacement;
    return;
  }
  thread_local std::unordered_map<std::string, std::string> cache;
  const std::string key(text);
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() >= k_cache_entries) cache.clear();
    it = cache.emplace(key, decode_with_gumbo(text)).first;
  }
  out += it->second;
}

}  // namespace

std::string decode_character_references(std::string text) {
  std::size_t amp = text.find('&');
  if (amp == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;  // text before this is in `out`
  while (amp != std::string::npos) {
    const Reference reference = reference_at(text, amp);
    if (reference.length > 0) {
      out.append(text, done, amp - done);
      append_decoded(out, std::string_view(text).substr(amp, reference.length), reference);
      done = amp + reference.length;
    }
    amp = text.find('&', reference.length > 0 ? done : amp + 1);
  }
  if (done == 0) return text;
  out.append(text, done, std::string::npos);
  return out;
}

const GumboOptions& quiet_gumbo_options() {
  static const GumboOptions options = [] {
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 0;
    return o;
  }();
  return options;
}

}  // namespace dateline

// gumbo's tree of a page written out as text, for tests that compare two
// parses: common/lean_html_test.cpp and the lean_html fuzz target check
// that a lean page parses as the page did.
#pragma once

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/lean_html.hpp"

namespace dateline::testing {

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

using GumboParse = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

inline GumboParse gumbo_parse_of(std::string_view html) {
  return GumboParse(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
}

// Whether `html` holds a numeric character reference past U+10FFFF, on
// which gumbo 0.10.1 overflows an int from 2^31 and then reads the next
// tag as text (common/html_text.hpp): a tag lean_html rewrote is then text
// that differs from the page's.
inline bool has_overflowing_reference(std::string_view html) {
  for (std::size_t at = html.find("&#"); at != std::string_view::npos;
       at = html.find("&#", at + 2)) {
    std::size_t i = at + 2;
    const bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
    i += hex;
    std::uint64_t value = 0;
    for (; i < html.size(); ++i) {
      const char c = html[i];
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(digit);
      if (value > 0x10FFFF) return true;
    }
  }
  return false;
}

// Whether `text` holds `lower_part` (lower-case letters and '<') in any case.
inline bool contains_any_case(std::string_view text, std::string_view lower_part) {
  for (std::size_t at = 0; at + lower_part.size() <= text.size(); ++at) {
    std::size_t i = 0;
    while (i < lower_part.size() &&
           (text[at + i] | 0x20) == lower_part[i]) {  // lower_part: letters and '<'
      ++i;
    }
    if (i == lower_part.size()) return true;
  }
  return false;
}

// Whether gumbo 0.10.1 may abort on `html`: CDATA in an integration point
// of MathML or a drawing moved out of a table fails an assertion in its
// tree builder (lean_html writes such CDATA as text).
inline bool may_abort_gumbo(std::string_view html) {
  return html.find("<![CDATA[") != std::string_view::npos &&
         (contains_any_case(html, "<table") || contains_any_case(html, "<template")) &&
         (contains_any_case(html, "<math") || contains_any_case(html, "<svg"));
}

// Runs of blanks as one space, none at either end.
inline std::string collapsed_blanks(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out.push_back(' ');
    blank = false;
    out.push_back(c);
  }
  return out;
}

inline const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
    return &node->v.element.children;
  }
  return nullptr;
}

// How deep the tree of `html` nests its elements (without recursion: a
// hostile page nests them as deep as it likes).
inline std::size_t tree_depth(std::string_view html) {
  const GumboParse output = gumbo_parse_of(html);
  std::size_t deepest = 0;
  std::vector<std::pair<const GumboNode*, std::size_t>> stack = {{output->document, 0}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (const GumboVector* children = children_of(node)) {
      for (unsigned i = 0; i < children->length; ++i) {
        stack.emplace_back(static_cast<const GumboNode*>(children->data[i]), depth + 1);
      }
    }
  }
  return deepest;
}

// The tree of `html` as text: each element's tag and the attributes `keep`
// keeps (all where it is null), then its children in order, then "</>";
// each run of text between elements, blanks collapsed, in brackets;
// comments and what is inside a script (but JSON-LD), a style sheet or a
// drawing left out, as lean_html drops them. Recursive: for pages that
// nest no deeper than lean_html lets them.
class TreeText {
 public:
  explicit TreeText(KeepAttribute keep) : keep_(keep) {}

  std::string of(std::string_view html) {
    const GumboParse output = gumbo_parse_of(html);
    out_.clear();
    text_.clear();
    describe(output->document);
    flush();
    return out_;
  }

  // Only the text runs of `of`'s answer, each followed by a space.
  static std::string text_only(std::string_view tree) {
    std::string text;
    for (std::size_t open = tree.find('['); open != std::string_view::npos;
         open = tree.find('[', open + 1)) {
      const std::size_t close = tree.find(']', open);
      text.append(tree.substr(open + 1, close - open - 1)).push_back(' ');
      open = close;
    }
    return text;
  }

 private:
  void flush() {
    const std::string words = collapsed_blanks(text_);
    if (!words.empty()) out_ += "[" + words + "]";
    text_.clear();
  }

  void describe(const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      text_.append(" ").append(node->v.text.text).append(" ");
      return;
    }
    const GumboVector* children = children_of(node);
    if (children == nullptr) return;
    if (node->type != GUMBO_NODE_DOCUMENT) {
      const GumboElement& element = node->v.element;
      flush();
      const std::string tag = gumbo_normalized_tagname(element.tag);
      out_ += "<" + tag;
      for (unsigned i = 0; i < element.attributes.length; ++i) {
        const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
        if (keep_ != nullptr && !keep_(tag, attribute->name)) continue;
        out_ += std::string(" ") + attribute->name + "=" + collapsed_blanks(attribute->value);
      }
      out_ += ">";
      const GumboAttribute* type = gumbo_get_attribute(&element.attributes, "type");
      const bool json_ld = type != nullptr &&
                           std::string_view(type->value).find("ld+json") != std::string_view::npos;
      const bool dropped = element.tag == GUMBO_TAG_SCRIPT || element.tag == GUMBO_TAG_STYLE ||
                           element.tag == GUMBO_TAG_SVG;
      if (dropped && !json_ld) children = nullptr;
    }
    if (children != nullptr) {
      for (unsigned i = 0; i < children->length; ++i) {
        describe(static_cast<const GumboNode*>(children->data[i]));
      }
    }
    flush();
    if (node->type != GUMBO_NODE_DOCUMENT) out_ += "</>";
  }

  KeepAttribute keep_;
  std::string out_;
  std::string text_;
};

}  // namespace dateline::testing

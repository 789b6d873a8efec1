// A saved page made cheaper for gumbo to parse: see common/lean_html.hpp.
//
// The scan keeps to what HTML's tokenizer calls the data state (text and
// markup), steps over tags, comments and CDATA whole, and at a start tag
// whose element's content is not markup (script, style, title...) finds
// that content's end the tokenizer's way before it copies or drops it.
#include "common/lean_html.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <unordered_map>
#include <vector>

namespace dateline {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Whether `html` at `at` holds `name` (lower case) in any case, then a
// character that ends a tag's name (a blank, '/' or '>').
bool tag_name_at(std::string_view html, std::size_t at, std::string_view name) {
  if (at + name.size() >= html.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (ascii_lower(html[at + i]) != name[i]) return false;
  }
  const char after = html[at + name.size()];
  return is_blank(after) || after == '/' || after == '>';
}

// The name of the tag whose name starts at `at`: up to a blank, '/' or '>'.
std::string_view tag_name(std::string_view html, std::size_t at) {
  std::size_t end = at;
  while (end < html.size() && !is_blank(html[end]) && html[end] != '/' && html[end] != '>') ++end;
  return html.substr(at, end - at);
}

bool start_tag_at(std::string_view html, std::size_t at, std::string_view name) {
  return html[at] == '<' && tag_name_at(html, at + 1, name);
}

bool end_tag_at(std::string_view html, std::size_t at, std::string_view name) {
  return at + 1 < html.size() && html[at] == '<' && html[at + 1] == '/' &&
         tag_name_at(html, at + 2, name);
}

// Where the first "</NAME" (any case, then a blank, '/' or '>') at or
// after `from` starts: the end of a raw or RCDATA element's content.
std::size_t find_end_tag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != npos; at = html.find("</", at + 2)) {
    if (end_tag_at(html, at, name)) return at;
  }
  return npos;
}

// Where a script's content that starts at `from` ends, by the tokenizer's
// script data states: "<!--" escapes, and "<script" inside the escape
// hides end tags until "</script" or "-->" leaves it, so the old
// `<!-- document.write("<script>...</script>") -->` stays one script.
std::size_t find_script_end(std::string_view html, std::size_t from) {
  enum class State { data, escaped, double_escaped } state = State::data;
  for (std::size_t i = from; i < html.size(); ++i) {
    if (state == State::data) {
      if (html.compare(i, 4, "<!--") == 0) {
        state = State::escaped;
        ++i;  // the loop steps onto the dashes, which may end it ("<!-->")
      } else if (end_tag_at(html, i, "script")) {
        return i;
      }
    } else if (html.compare(i, 3, "-->") == 0) {
      state = State::data;
      i += 2;
    } else if (state == State::escaped) {
      if (end_tag_at(html, i, "script")) return i;
      if (start_tag_at(html, i, "script")) state = State::double_escaped;
    } else if (end_tag_at(html, i, "script")) {
      state = State::escaped;
    }
  }
  return npos;
}

struct TagEnd {
  std::size_t next = npos;    // just past the tag's '>', npos if never closed
  bool self_closing = false;  // "<x ... />"
};

// The end of the tag whose name starts at `at` (after "<" or "</"), by the
// tokenizer's tag and attribute states: an attribute's name may start
// with '=' ("<a =\">\">" is one tag, then text); a quoted value runs to its
// closing quote, an unquoted one to a blank or '>'.
TagEnd find_tag_end(std::string_view html, std::size_t at) {
  const std::size_t n = html.size();
  std::size_t i = at;
  while (i < n && !is_blank(html[i]) && html[i] != '/' && html[i] != '>') ++i;
  bool slash = false;
  while (i < n) {
    const char c = html[i];
    if (c == '>') return {i + 1, slash};
    slash = c == '/';
    if (slash || is_blank(c)) {
      ++i;
      continue;
    }
    // An attribute's name, then maybe '=' and its value.
    ++i;
    while (i < n && !is_blank(html[i]) && html[i] != '/' && html[i] != '>' && html[i] != '=') ++i;
    while (i < n && is_blank(html[i])) ++i;
    if (i >= n || html[i] != '=') continue;
    ++i;
    while (i < n && is_blank(html[i])) ++i;
    if (i >= n) break;
    if (html[i] == '"' || html[i] == '\'') {
      const std::size_t close = html.find(html[i], i + 1);
      if (close == npos) break;
      i = close + 1;
    } else {
      while (i < n && !is_blank(html[i]) && html[i] != '>') ++i;
    }
  }
  return {};
}

// Where the comment opening at `at` ("<!--") ends, just past it: "-->",
// "--!>", or the abrupt "<!-->" and "<!--->"; npos if never closed.
std::size_t find_comment_end(std::string_view html, std::size_t at) {
  if (html.compare(at + 4, 1, ">") == 0) return at + 5;
  if (html.compare(at + 4, 2, "->") == 0) return at + 6;
  for (std::size_t dashes = html.find("--", at + 4); dashes != npos;
       dashes = html.find("--", dashes + 1)) {
    if (html.compare(dashes + 2, 1, ">") == 0) return dashes + 3;
    if (html.compare(dashes + 2, 2, "!>") == 0) return dashes + 4;
  }
  return npos;
}

// The start tags that end foreign content (an <svg> left open): HTML's
// tree builder closes the drawing at them and goes on with the page.
constexpr std::string_view k_foreign_breakouts[] = {
    "b",   "big",  "blockquote", "body",  "br",      "center", "code",   "dd",   "div", "dl",
    "dt",  "em",   "embed",      "h1",    "h2",      "h3",     "h4",     "h5",   "h6",  "head",
    "hr",  "i",    "img",        "li",    "listing", "menu",   "meta",   "nobr", "ol",  "p",
    "pre", "ruby", "s",          "small", "span",    "strong", "strike", "sub",  "sup", "table",
    "tt",  "u",    "ul",         "var",   "font",    "svg"};

// Whether the start tag whose name starts at `at` leaves a drawing.
bool is_foreign_breakout(std::string_view html, std::size_t at) {
  for (std::string_view name : k_foreign_breakouts) {
    if (tag_name_at(html, at, name)) return true;
  }
  return false;
}

// Where the drawing whose content starts at `from` ends: the '<' of its
// first end tag "</svg>", read tag by tag as the tokenizer does, so that
// one inside a tag, a comment or CDATA does not count. npos where that is
// not sure to be all of the drawing: it never ends; it holds a start tag
// that would end it early (or open another drawing); an element in its
// <title>, <desc> or <foreignObject>, whose tags are HTML's
// ("<svg><title><b></svg>" leaves the drawing open); or an end tag other
// than "</NAME>" of an element open in it, which HTML's rules may read as
// closing elements around the drawing, and it with them.
std::size_t find_drawing_end(std::string_view html, std::size_t from) {
  std::vector<std::string> open;  // elements open in the drawing, lower case
  const auto in_integration_point = [&open] {
    // A drawing's, or MathML's in it.
    return !open.empty() && is_one_of(open.back(), {"title", "desc", "foreignobject", "mi", "mo",
                                                    "mn", "ms", "mtext", "annotation-xml"});
  };
  for (std::size_t at = html.find('<', from); at != npos;) {
    const char after = at + 1 < html.size() ? html[at + 1] : '\0';
    std::size_t next = at + 1;
    if (html.compare(at, 4, "<!--") == 0) {
      next = find_comment_end(html, at);
    } else if (html.compare(at, 9, "<![CDATA[") == 0) {
      const std::size_t close = html.find("]]>", at + 9);
      next = close == npos ? npos : close + 3;
    } else if (is_ascii_letter(after)) {
      if (is_foreign_breakout(html, at + 1) || in_integration_point()) return npos;
      const TagEnd tag = find_tag_end(html, at + 1);
      if (tag.next != npos && !tag.self_closing) open.push_back(lower(tag_name(html, at + 1)));
      next = tag.next;
    } else if (after == '/' && at + 2 < html.size() && is_ascii_letter(html[at + 2])) {
      const std::string_view name = tag_name(html, at + 2);
      const bool exact = html.compare(at + 2 + name.size(), 1, ">") == 0;
      if (exact && lower(name) == "svg") return at;
      const auto match = std::find(open.rbegin(), open.rend(), lower(name));
      if (!exact || match == open.rend()) return npos;
      open.erase(std::prev(match.base()), open.end());
      next = find_tag_end(html, at + 2).next;
    } else if (after == '!' || after == '?' || after == '/') {
      const std::size_t close = html.find('>', at + 1);  // a bogus comment
      next = close == npos ? npos : close + 1;
    }
    if (next == npos) return npos;
    at = html.find('<', next);
  }
  return npos;
}

// Attributes that change how HTML builds its tree, always kept: an
// input's type (in a table), a font's look (which ends a drawing), a
// MathML annotation's encoding.
constexpr std::string_view k_structural_attributes[] = {"type", "color", "face", "size",
                                                        "encoding"};

bool is_structural(std::string_view attribute) {
  for (std::string_view name : k_structural_attributes) {
    if (attribute == name) return true;
  }
  return false;
}

// Where the name of the start tag `tag` ("<" to its '>') ends.
std::size_t tag_name_end(std::string_view tag) {
  std::size_t i = 1;
  while (i < tag.size() && !is_blank(tag[i]) && tag[i] != '/' && tag[i] != '>') ++i;
  return i;
}

// Calls `visit(name, written)` for each attribute of the start tag `tag`
// ("<" to its '>', closed), with its name in lower case and the attribute
// as it was written, read by the tokenizer's attribute states (a '/'
// between attributes is no part of them). Returns whether the tag closes
// itself ("/>").
template <typename Visit>
bool visit_attributes(std::string_view tag, Visit&& visit) {
  std::size_t i = tag_name_end(tag);
  bool self_closing = false;
  while (i < tag.size() && tag[i] != '>') {
    self_closing = tag[i] == '/';
    if (is_blank(tag[i]) || tag[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t start = i++;
    while (i < tag.size() && !is_blank(tag[i]) && tag[i] != '/' && tag[i] != '>' && tag[i] != '=')
      ++i;
    const std::string name = lower(tag.substr(start, i - start));
    std::size_t j = i;
    while (j < tag.size() && is_blank(tag[j])) ++j;
    if (j < tag.size() && tag[j] == '=') {
      i = j + 1;
      while (i < tag.size() && is_blank(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        i = tag.find(tag[i], i + 1) + 1;  // closed: find_tag_end found the '>' past it
      } else {
        while (i < tag.size() && !is_blank(tag[i]) && tag[i] != '>') ++i;
      }
    }
    visit(name, tag.substr(start, i - start));
  }
  return self_closing;
}

// Appends the start tag `tag` ("<" to its '>') with only the attributes
// `keep` or HTML's tree builder wants, each as it was written.
void append_start_tag(std::string_view tag, KeepAttribute keep, std::string& out) {
  const std::size_t name_end = tag_name_end(tag);
  const std::string name = lower(tag.substr(1, name_end - 1));
  out.append(tag.substr(0, name_end));
  const bool self_closing =
      visit_attributes(tag, [&](const std::string& attribute, std::string_view written) {
        if (is_structural(attribute) || keep(name, attribute)) {
          out.push_back(' ');
          out.append(written);
        }
      });
  if (self_closing) out.push_back('/');
  out.push_back('>');
}

// Whether HTML's tree builder, in a drawing or MathML, leaves it at the
// start tag `tag` ("<" to its '>'): at one of k_foreign_breakouts but
// <svg>, and at a <font> only with a colour, face or size.
bool leaves_foreign_content(std::string_view tag) {
  if (tag_name_at(tag, 1, "svg")) return false;
  if (!is_foreign_breakout(tag, 1)) return false;
  if (!tag_name_at(tag, 1, "font")) return true;
  bool styled = false;
  visit_attributes(tag, [&](const std::string& attribute, std::string_view) {
    styled |= attribute == "color" || attribute == "face" || attribute == "size";
  });
  return styled;
}

// Elements whose content is copied as it is: raw text and RCDATA, where
// "<" is not markup.
constexpr std::string_view k_verbatim_elements[] = {"textarea", "title",   "xmp",
                                                    "iframe",   "noembed", "noframes"};

// How deep a page nests its elements, followed closely enough to stop a
// page nesting them thousands deep, which HTML's tree builder takes time
// in proportion to at each tag (gumbo: 100,000 nested <div>s, 25 s; 40,000
// unclosed <b>s, 0.8 s). Like the tree builder, an end tag closes up to
// the latest open element of its name, and an <li>, <dd>, <dt>, <p>, <tr>,
// <td>, <th>, <option>, <a>, <button> or <nobr> closes the one of its kind
// still open among the elements that let it (below); a tag that leaves a
// drawing or MathML closes them. Where the tree builder closes elements
// this does not follow, the count runs high and the cap comes early; where
// it holds elements this counts closed, the count runs low and lets more
// through. Each element is known as HTML's or foreign (a drawing's or
// MathML's), which decides how the tokenizer and tree builder read tags.
class OpenElements {
 public:
  // Whether the start tag of `name` (lower case) may open an element: it
  // may, unless k_max_depth are open (then it is to be dropped, and its
  // end tag with it).
  bool open(const std::string& name, bool self_closing) {
    if (!in_foreign_content() && closes_paragraph(name)) close_paragraph();
    if (is_void(name) || is_document_level(name)) return true;
    // "/>" closes a drawing's or MathML's element; HTML's it leaves open.
    if (self_closing && (in_foreign_content() || name == "svg" || name == "math")) return true;
    close_previous_of_kind(name);
    if (name == "math") {
      // Kept at any depth: inside it, "<![CDATA[" is text.
      open_foreign_root(name);
      return true;
    }
    if (open_.size() >= k_max_depth) {
      ++dropped_[name];
      return false;
    }
    // A foreign element's namespace is that of the element it opens in.
    const bool foreign =
        in_foreign_content() || ((name == "mglyph" || name == "malignmark") && !open_.empty() &&
                                 is_mathml_text_integration_point(open_.back()));
    push(name, foreign, foreign && open_.back().mathml);
    return true;
  }

  // Opens an <svg> or <math>, at any depth.
  void open_foreign_root(const std::string& name) { push(name, true, name == "math"); }

  // Whether a <pre> or <listing> is open, whose blanks are text.
  bool in_preformatted() const { return preformatted_ > 0; }

  // Whether the element open last is a drawing's or MathML's, where the
  // tokenizer reads "<![CDATA[" as CDATA (elsewhere it opens a comment to
  // the next '>').
  bool in_foreign_element() const { return !open_.empty() && open_.back().foreign; }

  // Whether the element open last is an integration point of a drawing or
  // MathML, where tags and text are HTML's.
  bool in_integration_point() const { return !open_.empty() && is_integration_point(open_.back()); }

  // Whether the tree builder reads tags by the rules of foreign content:
  // the element open last is a drawing's or MathML's, and not one of
  // their integration points, inside which tags are HTML's.
  bool in_foreign_content() const {
    return in_foreign_element() && !is_integration_point(open_.back());
  }

  // Closes the drawings and MathML open above the last HTML element, as
  // HTML's tree builder does at a start tag that leaves foreign content.
  void leave_foreign_content() {
    while (in_foreign_content()) pop_to(open_.size() - 1);
  }

  // Whether the end tag of `name` is kept: not when its start tag was
  // dropped.
  // `exact`: the end tag is written "</NAME>", nothing between its name
  // and '>'.
  bool close(const std::string& name, bool exact) {
    if (const auto dropped = dropped_.find(name);
        dropped != dropped_.end() && dropped->second > 0) {
      --dropped->second;
      return false;
    }
    // While the elements open last are foreign, the tree builder reads an
    // end tag by foreign content's rules: it closes the first of them of
    // its name (gumbo 0.10.1 compares all between "</" and '>', so
    // "</svg >" closes nothing).
    std::size_t i = open_.size();
    while (i > 0 && open_[i - 1].foreign) {
      --i;
      if (exact && open_[i].name == name) {
        pop_to(i);
        return true;
      }
    }
    // Then by HTML's, from the element open last: it closes the first HTML
    // element of its name, and stops at a drawing's or MathML's
    // integration point ("<svg><desc><b></svg>" leaves the drawing open)
    // and, without a rule of its own, at HTML's special elements.
    // gumbo 0.10.1 takes any two HTML tags it does not know for the same
    // ("</y>" closes a <d>).
    const bool unknown = is_unknown_tag(name);
    const bool any_other = !has_own_end_tag_rule(name);
    for (std::size_t k = open_.size(); k-- > 0;) {
      const Element& element = open_[k];
      if (element.foreign) {
        // gumbo's "special" elements of a drawing or MathML: its
        // integration points but <title>.
        if (is_integration_point(element) && element.name != "title") break;
      } else if (element.name == name || (unknown && element.unknown)) {
        pop_to(k);
        break;
      } else if (any_other && is_special_html(element.name)) {
        break;  // "</span>" does not close a <div>
      }
    }
    return true;
  }

  // Closes the <p> open in "button scope", as the tree builder does at
  // the start tag of a block, a heading, a list item, <pre>, <xmp>...
  void close_paragraph() {
    for (std::size_t i = open_.size(); i-- > 0;) {
      const Element& element = open_[i];
      if (!element.foreign && element.name == "p") {
        pop_to(i);
        return;
      }
      if (element.foreign
              ? is_integration_point(element)
              : is_one_of(element.name, {"applet", "caption", "html", "table", "td", "th",
                                         "marquee", "object", "template", "button"})) {
        return;
      }
    }
  }

  // Whether HTML's start tag `name` closes an open <p> first.
  static bool closes_paragraph(std::string_view name) {
    return is_one_of(
        name,
        {"address", "article",  "aside",      "blockquote", "center",  "details", "dir",     "div",
         "dl",      "fieldset", "figcaption", "figure",     "footer",  "header",  "hgroup",  "main",
         "menu",    "nav",      "ol",         "p",          "section", "summary", "ul",      "h1",
         "h2",      "h3",       "h4",         "h5",         "h6",      "pre",     "listing", "form",
         "li",      "dd",       "dt",         "plaintext",  "hr",      "xmp"});
  }

  // Chrome's parser holds no more than 512; real pages, a few dozen.
  static constexpr std::size_t k_max_depth = 1000;

 private:
  static bool is_void(std::string_view name) {
    static constexpr std::string_view k_void[] = {
        "area",  "base",   "br",    "col", "embed",  "hr",       "img",     "input", "link", "meta",
        "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image"};
    for (std::string_view v : k_void) {
      if (name == v) return true;
    }
    return false;
  }

  static bool is_document_level(std::string_view name) {
    return name == "html" || name == "head" || name == "body";
  }

  // The kinds whose start tag closes an open one of the same kind, with
  // the kinds it closes.
  static std::string_view closes(std::string_view name) {
    if (name == "li") return "li";
    if (name == "dd" || name == "dt") return "dd dt";
    if (name == "td" || name == "th") return "td th";
    if (name == "tr") return "tr";
    if (name == "option") return "option";
    if (name == "a" || name == "button" || name == "nobr") return name;
    return {};
  }

  // Elements an open element of a closing kind is found through: text-level
  // elements, and the few blocks HTML's tree builder looks past.
  static bool is_see_through(std::string_view name) {
    static constexpr std::string_view k_through[] = {
        "span",  "b",      "i",    "em",    "strong", "font",    "u",   "s",
        "small", "big",    "code", "label", "abbr",   "cite",    "sup", "sub",
        "tt",    "strike", "mark", "q",     "div",    "address", "p",   "td",
        "th",    "li",     "dd",   "dt",    "option", "a",       "tr"};
    for (std::string_view t : k_through) {
      if (name == t) return true;
    }
    return false;
  }

  void close_previous_of_kind(std::string_view name) {
    const std::string_view kinds = closes(name);
    if (kinds.empty()) return;
    for (std::size_t i = open_.size(); i-- > 0;) {
      const std::string& open = open_[i].name;
      bool same_kind = false;
      for (std::size_t at = 0; at < kinds.size();) {
        std::size_t end = kinds.find(' ', at);
        if (end == npos) end = kinds.size();
        same_kind |= kinds.substr(at, end - at) == open;
        at = end + 1;
      }
      if (same_kind) {
        pop_to(i);
        return;
      }
      if (!is_see_through(open)) return;
    }
  }

  static bool is_preformatted(std::string_view name) { return name == "pre" || name == "listing"; }

  struct Element;

  static bool is_mathml_text_integration_point(const Element& element) {
    return element.foreign && element.mathml &&
           is_one_of(element.name, {"mi", "mo", "mn", "ms", "mtext"});
  }

  // Of MathML's and a drawing's elements, those inside which the tree
  // builder reads tags as HTML's (MathML's annotation-xml only with an
  // HTML encoding, taken as always here); an SVG <mi> is none.
  static bool is_integration_point(const Element& element) {
    if (!element.foreign) return false;
    if (element.mathml) {
      return is_mathml_text_integration_point(element) || element.name == "annotation-xml";
    }
    return is_one_of(element.name, {"foreignobject", "desc", "title"});
  }

  // HTML's "special" elements, as gumbo 0.10.1 lists them: an end tag
  // the tree builder has no rule of its own for closes none of them, and
  // none open before them.
  static bool is_special_html(std::string_view name) {
    return is_one_of(
        name,
        {"address",  "applet",     "area",     "article",  "aside",      "base",     "basefont",
         "bgsound",  "blockquote", "body",     "br",       "button",     "caption",  "center",
         "col",      "colgroup",   "menuitem", "dd",       "details",    "dir",      "div",
         "dl",       "dt",         "embed",    "fieldset", "figcaption", "figure",   "footer",
         "form",     "frame",      "frameset", "h1",       "h2",         "h3",       "h4",
         "h5",       "h6",         "head",     "header",   "hgroup",     "hr",       "html",
         "iframe",   "img",        "input",    "isindex",  "li",         "link",     "listing",
         "marquee",  "menu",       "meta",     "nav",      "noembed",    "noframes", "noscript",
         "object",   "ol",         "p",        "param",    "plaintext",  "pre",      "script",
         "section",  "select",     "style",    "summary",  "table",      "tbody",    "td",
         "template", "textarea",   "tfoot",    "th",       "thead",      "title",    "tr",
         "ul",       "wbr",        "xmp"});
  }

  // Whether the tree builder has a rule of its own for the end tag of
  // `name` (a block's, a list item's, a heading's, a formatting element's,
  // a table's...); followed here as closing the latest element of the name.
  static bool has_own_end_tag_rule(std::string_view name) {
    return is_one_of(
        name, {"address", "article",  "aside",   "blockquote", "button",   "center",     "details",
               "dialog",  "dir",      "div",     "dl",         "fieldset", "figcaption", "figure",
               "footer",  "header",   "hgroup",  "listing",    "main",     "menu",       "nav",
               "ol",      "pre",      "section", "summary",    "ul",       "form",       "p",
               "li",      "dd",       "dt",      "h1",         "h2",       "h3",         "h4",
               "h5",      "h6",       "a",       "b",          "big",      "code",       "em",
               "font",    "i",        "nobr",    "s",          "small",    "strike",     "strong",
               "tt",      "u",        "applet",  "marquee",    "object",   "br",         "body",
               "html",    "template", "table",   "tbody",      "tfoot",    "thead",      "tr",
               "td",      "th",       "caption", "colgroup",   "col",      "select",     "option",
               "optgroup"});
  }

  static bool is_unknown_tag(const std::string& name) {
    return gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size())) == GUMBO_TAG_UNKNOWN;
  }

  void push(const std::string& name, bool foreign, bool mathml) {
    open_.push_back({name, foreign, mathml, is_unknown_tag(name)});
    preformatted_ += !foreign && is_preformatted(name);
  }

  // Closes the elements open above the first `size`.
  void pop_to(std::size_t size) {
    for (std::size_t i = size; i < open_.size(); ++i) {
      preformatted_ -= !open_[i].foreign && is_preformatted(open_[i].name);
    }
    open_.resize(size);
  }

  struct Element {
    std::string name;  // lower case
    bool foreign;      // a drawing's or MathML's, not HTML's
    bool mathml;       // foreign, and MathML's
    bool unknown;      // a tag gumbo does not know
  };
  std::vector<Element> open_;
  int preformatted_ = 0;  // how many of open_ are HTML's <pre> or <listing>
  std::unordered_map<std::string, int> dropped_;
};

class Leaner {
 public:
  Leaner(std::string_view html, KeepAttribute keep) : html_(html), keep_(keep) {
    out_.reserve(html.size());
  }

  std::string run() {
    while (at_ < html_.size()) {
      const char c = html_[at_];
      if (c == '<') {
        markup();
      } else if (is_blank(c)) {
        blanks();
      } else {
        std::size_t end = at_;
        while (end < html_.size() && html_[end] != '<' && !is_blank(html_[end])) ++end;
        copy_to(end);
      }
    }
    return std::move(out_);
  }

 private:
  // Copies the page from at_ up to `end` (npos: the rest of the page).
  void copy_to(std::size_t end) {
    if (end == npos || end > html_.size()) end = html_.size();
    out_.append(html_.substr(at_, end - at_));
    at_ = end;
  }

  void blanks() {
    std::size_t end = at_;
    bool line_feed = false;
    while (end < html_.size() && is_blank(html_[end])) line_feed |= html_[end++] == '\n';
    if (open_elements_.in_preformatted()) return copy_to(end);
    if (end - at_ == 1) {
      out_.push_back(html_[at_]);
    } else {
      out_.push_back(line_feed ? '\n' : ' ');
    }
    at_ = end;
  }

  // At a '<': a tag, a comment, CDATA, or a '<' that is text.
  void markup() {
    const std::size_t next = at_ + 1;
    if (html_.compare(at_, 4, "<!--") == 0) return copy_to(find_comment_end(html_, at_));
    if (html_.compare(at_, 9, "<![CDATA[") == 0 && open_elements_.in_foreign_element()) {
      const std::size_t close = html_.find("]]>", at_ + 9);
      if (open_elements_.in_integration_point()) return cdata_as_text(close);
      return copy_to(close == npos ? npos : close + 3);
    }
    if (next < html_.size() && (html_[next] == '!' || html_[next] == '?')) {
      const std::size_t close = html_.find('>', next);
      return copy_to(close == npos ? npos : close + 1);
    }
    if (next < html_.size() && html_[next] == '/') {
      if (next + 1 < html_.size() && is_ascii_letter(html_[next + 1])) {
        return end_tag(next + 1);
      }
      const std::size_t close = html_.find('>', next);  // "</>", or a bogus comment
      return copy_to(close == npos ? npos : close + 1);
    }
    if (next >= html_.size() || !is_ascii_letter(html_[next])) return copy_to(next);
    start_tag(next);
  }

  // At a start tag whose name starts at `name_at`.
  void start_tag(std::size_t name_at) {
    const TagEnd tag = find_tag_end(html_, name_at);
    if (tag.next == npos) return copy_to(npos);
    // In a drawing or MathML a <script>, <style>, <title>... is markup
    // like any other, unless its tag leaves the drawing.
    const bool foreign = open_elements_.in_foreign_content();
    const bool leaves = foreign && leaves_foreign_content(html_.substr(at_, tag.next - at_));
    if (leaves) open_elements_.leave_foreign_content();
    if (!foreign || leaves || is_foreign_breakout(html_, name_at)) {
      special_start_tag(name_at, tag);
    }
    if (at_ < tag.next) ordinary_start_tag(name_at, tag);
  }

  // A start tag whose element's content is not markup, or is dropped:
  // handles it and its content and moves at_ past them; any other, it
  // leaves.
  void special_start_tag(std::size_t name_at, const TagEnd& tag) {
    if (tag_name_at(html_, name_at, "xmp") || tag_name_at(html_, name_at, "plaintext")) {
      open_elements_.close_paragraph();  // they open no element the scan follows
    }
    if (tag_name_at(html_, name_at, "plaintext")) return copy_to(npos);
    if (tag_name_at(html_, name_at, "script")) {
      const std::string_view start(html_.substr(at_, tag.next - at_));
      copy_to(tag.next);
      const std::size_t end = find_script_end(html_, at_);
      if (is_json_ld(start)) return copy_to(end);
      return skip_to(end);
    }
    if (tag_name_at(html_, name_at, "style")) {
      copy_to(tag.next);
      return skip_to(find_end_tag(html_, at_, "style"));
    }
    if (tag_name_at(html_, name_at, "svg") && !tag.self_closing) {
      copy_to(tag.next);
      // Open either way, so that its end tag closes it and no other.
      open_elements_.open_foreign_root("svg");
      const std::size_t end = find_drawing_end(html_, at_);
      if (end != npos) skip_to(end);
      return;
    }
    for (std::string_view name : k_verbatim_elements) {
      if (!tag_name_at(html_, name_at, name)) continue;
      copy_to(tag.next);
      return copy_to(find_end_tag(html_, at_, name));
    }
  }

  void ordinary_start_tag(std::size_t name_at, const TagEnd& tag) {
    const std::string name = lower(tag_name(html_, name_at));
    if (!open_elements_.open(name, tag.self_closing)) return drop_tag(tag.next);
    if (keep_ == nullptr || keeps_all_attributes(name)) return copy_to(tag.next);
    append_start_tag(html_.substr(at_, tag.next - at_), keep_, out_);
    at_ = tag.next;
  }

  // The formatting elements of which HTML's tree builder may hold several
  // open at once: it keeps no more than three with the same attributes
  // (its "Noah's Ark" clause), so theirs are all kept. (An <a> or <nobr>
  // closes the one open before it.)
  static bool keeps_all_attributes(std::string_view name) {
    return is_one_of(
        name, {"b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u"});
  }

  // At an end tag whose name starts at `name_at`.
  void end_tag(std::size_t name_at) {
    const std::size_t end = find_tag_end(html_, name_at).next;
    if (end == npos) return copy_to(npos);
    const std::string_view name = tag_name(html_, name_at);
    const bool exact = html_[name_at + name.size()] == '>';
    if (open_elements_.close(lower(name), exact)) return copy_to(end);
    drop_tag(end);
  }

  // At CDATA whose "]]>" is at `close` (npos: never closed): its text,
  // written as text. In an integration point, where text is HTML's, gumbo
  // 0.10.1 mishandles CDATA: in one moved out of a table
  // ("<table><math><mi><![CDATA[ ]]> x") an assertion aborts the process.
  void cdata_as_text(std::size_t close) {
    const std::size_t end = close == npos ? html_.size() : close;
    for (std::size_t i = at_ + 9; i < end; ++i) {
      if (html_[i] == '<') {
        out_ += "&lt;";
      } else if (html_[i] == '&') {
        out_ += "&amp;";
      } else {
        out_.push_back(html_[i]);
      }
    }
    at_ = close == npos ? html_.size() : close + 3;
  }

  // Drops a tag that ends at `end`, leaving a blank, so that the words on
  // either side, which an element kept apart, stay apart.
  void drop_tag(std::size_t end) {
    if (out_.empty() || !is_blank(out_.back())) out_.push_back(' ');
    skip_to(end);
  }

  // Drops the page from at_ up to `end` (npos: the rest of the page).
  void skip_to(std::size_t end) { at_ = end == npos ? html_.size() : end; }

  static bool is_json_ld(std::string_view start_tag) {
    for (std::size_t i = 0; i + 7 <= start_tag.size(); ++i) {
      bool same = true;
      for (std::size_t k = 0; same && k < 7; ++k) {
        same = ascii_lower(start_tag[i + k]) == "ld+json"[k];
      }
      if (same) return true;
    }
    return false;
  }

  std::string_view html_;
  KeepAttribute keep_;
  OpenElements open_elements_;
  std::size_t at_ = 0;
  std::string out_;
};

}  // namespace

std::string lean_html(std::string_view page, KeepAttribute keep) {
  return Leaner(page, keep).run();
}

}  // namespace dateline

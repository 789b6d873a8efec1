// The article in a saved page: see common/html_article.hpp.
//
// How the body is found. gumbo's tree is copied into a flat tree of our own
// (nodes in document order, so a parent always comes before its children
// and one backwards pass sums any measure up the tree), leaving out what
// never holds article text (scripts, styles, forms' controls, embedded
// media, hidden elements, the head). Then:
//   1. Furniture: navigation, asides, page headers and footers, ARIA
//      landmarks that are not the main content, and elements whose class
//      or id words are the furniture's vocabulary (comments, sharing,
//      related links, promotions, cookie notices...) are dropped, unless
//      the content's vocabulary (article, body, content, story...) speaks
//      for them or they hold much of the page's unlinked text (a wrapper
//      with an unlucky name).
//   2. Scoring: each block that reads as a paragraph (p, pre, td, li, and a
//      div or section holding only inline content) of at least
//      k_min_paragraph_chars scores 1, plus its commas, plus a point per
//      100 characters (at most 3). Its parent gets the score, the
//      grandparent half, the levels above a diminishing share; each
//      container so reached starts from a prior by tag and vocabulary.
//      A container's final score is scaled by the share of its text that is
//      not link text.
//   3. The best container is the article, unless a marked article body
//      (itemprop=articleBody, or the one <article>) inside it holds nearly
//      all its text. Its siblings join it when they score well or read as
//      article paragraphs (long, few links); so do its wrapper's, when the
//      wrapper holds little else (an article cut into parts, each wrapped,
//      with an advertisement between them).
//   4. Rendering: blocks end paragraphs, two <br> end one, list items and
//      headings are their own; inside the article, link-dense lists and
//      boxes, bylines, and the heading that repeats the headline are left
//      out.
#include "common/html_article.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/html_text.hpp"
#include "common/lean_html.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

using Json = nlohmann::json;

// A block shorter than this (in bytes of text, spaces left out) is no
// paragraph to score: captions, labels, buttons.
constexpr std::size_t k_min_paragraph_chars = 25;

// An element marked as furniture is kept when it holds at least this share
// of the page's unlinked text: it is the page's wrapper, not furniture.
constexpr double k_wrapper_share = 0.5;
constexpr double k_min_wrapper_chars = 200;
// The same for an element named both as furniture and as content.
constexpr double k_named_wrapper_share = 0.25;

// Siblings join the article with a score of this share of the best.
constexpr double k_sibling_share = 0.2;

// The best container's wrapper stands for it when the wrapper's other text
// is at most this share of the wrapper's (lift_to_wrapper).
constexpr double k_lift_share = 0.2;

// Containers scoring this share of the best are alternatives to it, and
// the lowest ancestor holding this many of them replaces it
// (promote_to_common_ancestor).
constexpr double k_alternative_share = 0.6;
constexpr std::size_t k_promotion_count = 3;

// JSON-LD nested deeper than this is not searched.
constexpr int k_max_json_depth = 8;

// ---------------------------------------------------------------------------
// Small text helpers.

bool is_nbsp_at(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
         static_cast<unsigned char>(text[i + 1]) == 0xA0;
}

// Appends `text` to `out` with runs of white space (ASCII and no-break
// spaces) as one space, and none at the start of `out`.
void append_collapsed(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool nbsp = is_nbsp_at(text, i);
    if (nbsp || is_space(text[i])) {
      if (nbsp) ++i;
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += text[i];
    }
  }
}

std::string collapse(std::string_view text) {
  std::string out;
  append_collapsed(out, text);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Bytes of text that are not white space: the measure of text length.
std::size_t visible_chars(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_nbsp_at(text, i)) {
      ++i;
    } else if (!is_space(text[i])) {
      ++n;
    }
  }
  return n;
}

std::size_t count_commas(std::string_view text) {
  std::size_t n = static_cast<std::size_t>(std::count(text.begin(), text.end(), ','));
  // Ideographic and full-width commas: U+3001, U+FF0C.
  for (std::string_view wide : {"\xE3\x80\x81", "\xEF\xBC\x8C"}) {
    for (std::size_t at = text.find(wide); at != std::string_view::npos;
         at = text.find(wide, at + wide.size())) {
      ++n;
    }
  }
  return n;
}

// Case-insensitive equality after collapsing white space.
bool same_text(std::string_view a, std::string_view b) {
  return fold_case(collapse(a)) == fold_case(collapse(b));
}

// Words of an element's class and id attributes: split at anything not a
// letter or digit, lower-cased ("post-body mainContent" -> post, body,
// maincontent). One is reused from element to element: the words refer to
// its buffer, valid until the next assign.
class VocabularyWords {
 public:
  void assign(const char* class_names, const char* id) {
    m_lowered.clear();
    m_words.clear();
    for (const char* text : {class_names, id}) {
      if (text == nullptr) continue;
      for (const char* c = text; *c != '\0'; ++c) {
        const auto byte = static_cast<unsigned char>(*c);
        m_lowered += std::isalnum(byte) ? static_cast<char>(std::tolower(byte)) : ' ';
      }
      m_lowered += ' ';
    }
    for (std::size_t at = 0; at < m_lowered.size();) {
      const std::size_t end = m_lowered.find(' ', at);
      if (end > at) m_words.emplace_back(m_lowered.data() + at, end - at);
      at = end + 1;
    }
  }
  const std::vector<std::string_view>& words() const { return m_words; }

 private:
  std::string m_lowered;
  std::vector<std::string_view> m_words;
};

// Whether a class or id word is `stem` or starts with it; stems of five
// letters or more also count inside a word ("articlecomments").
bool word_matches(std::string_view word, std::string_view stem) {
  const std::size_t at = word.find(stem);
  if (at == std::string_view::npos || (at > 0 && stem.size() < 5)) return false;
  // A past tense is a state, not a box: "shared", "commented".
  const std::string_view rest = word.substr(at + stem.size());
  return rest != "d" && rest != "ed";
}

bool any_word_matches(const std::vector<std::string_view>& words,
                      std::initializer_list<std::string_view> stems) {
  for (std::string_view word : words) {
    for (std::string_view stem : stems) {
      if (word_matches(word, stem)) return true;
    }
  }
  return false;
}

// Words that name furniture whatever else the element's name says.
bool is_strong_furniture(const std::vector<std::string_view>& words) {
  if (any_word_matches(words,
                       {"comment",   "share",   "sharing",  "social",    "related",    "promo",
                        "sidebar",   "cookie",  "consent",  "gdpr",      "newsletter", "breadcrumb",
                        "advert",    "sponsor", "subscri",  "signup",    "outbrain",   "taboola",
                        "recommend", "popular", "trending", "paywall",   "disqus",     "respond",
                        "reply",     "follow",  "gallery",  "slideshow", "carousel"})) {
    return true;
  }
  // Ads by short names: "ad", "ads", "ad-slot", "adbox".
  return std::any_of(words.begin(), words.end(), [](std::string_view word) {
    return word == "ad" || word == "ads" || word.starts_with("adslot") ||
           word.starts_with("adbox") || word.starts_with("adcontainer") ||
           word.starts_with("adunit") || word.starts_with("dfp");
  });
}

// Words that name furniture unless the content's words are there too.
bool is_weak_furniture(const std::vector<std::string_view>& words) {
  return any_word_matches(
      words, {"footer", "foot",   "nav",   "menu",  "masthead",   "banner",   "header", "toolbar",
              "tools",  "widget", "popup", "modal", "pagination", "pager",    "skip",   "hidden",
              "print",  "meta",   "tags",  "combx", "contact",    "shoutbox", "login",  "search"});
}

bool is_content_vocabulary(const std::vector<std::string_view>& words) {
  return any_word_matches(words, {"article", "body", "content", "entry", "main", "post", "story",
                                  "text", "blog", "prose", "hentry"});
}

bool is_byline_vocabulary(const std::vector<std::string_view>& words) {
  return any_word_matches(
      words, {"byline", "author", "dateline", "timestamp", "publishdate", "pubdate", "posted"});
}

// What an element's class and id words say.
struct VocabularyMarks {
  bool strong_furniture = false;
  bool weak_furniture = false;
  bool content = false;
  bool byline = false;
};

// VocabularyMarks of elements, remembered per distinct class and id: a
// page repeats a few hundred names on thousands of elements.
class VocabularyReader {
 public:
  // The marks of an element with these attributes (either may be null).
  // The reference is valid until the reader is destroyed.
  const VocabularyMarks& marks(const char* class_names, const char* id) {
    static const VocabularyMarks none;
    if (class_names == nullptr && id == nullptr) return none;
    m_key.clear();
    if (class_names != nullptr) m_key += class_names;
    // The marks depend on the words alone, which a separator that is not a
    // letter or digit leaves as they are.
    m_key += ' ';
    if (id != nullptr) m_key += id;
    const auto [at, added] = m_known.try_emplace(m_key);
    if (added) {
      m_words.assign(class_names, id);
      const std::vector<std::string_view>& words = m_words.words();
      at->second = {is_strong_furniture(words), is_weak_furniture(words),
                    is_content_vocabulary(words), is_byline_vocabulary(words)};
    }
    return at->second;
  }

 private:
  std::string m_key;
  VocabularyWords m_words;
  std::unordered_map<std::string, VocabularyMarks> m_known;
};

// ---------------------------------------------------------------------------
// The tree.

enum class Kind { element, text };

struct Node {
  Kind kind = Kind::element;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  int parent = -1;
  std::vector<int> children;
  std::string_view text;            // a text node's text, in the parser's output
  bool hard_dropped = false;        // never text: the head, hidden elements
  bool furniture = false;           // marked as furniture by tag, role or vocabulary
  bool landmark_furniture = false;  // marked so by tag or ARIA role
  bool strong_furniture = false;    // marked so by words no content name overrides
  bool content_named = false;       // class or id in the content's vocabulary
  bool article_marker = false;      // itemprop=articleBody, or <article>
  bool byline = false;              // class or id in the byline's vocabulary
  bool holds_marker = false;        // an article marker or <main> is inside
  // Measures, without dropped parts.
  std::size_t chars = 0;
  std::size_t link_chars = 0;
  std::size_t commas = 0;
  bool dropped = false;
  bool scored = false;
  double score = 0;
};

struct TimeFact {
  std::string datetime;
  int node = -1;
  bool marked = false;  // pubdate attribute or itemprop=datePublished
};

// What the page says about itself, collected while the tree is built.
struct PageFacts {
  std::vector<std::pair<std::string, std::string>> metas;  // key lower-cased, content
  std::string title;
  std::string html_lang;
  std::string canonical;
  std::vector<std::string> json_ld;
  std::vector<int> h1s;
  std::vector<TimeFact> times;
  std::vector<int> author_nodes;  // rel=author, itemprop=author
  std::vector<int> byline_nodes;  // class or id byline/author
};

struct Page {
  std::vector<Node> nodes;  // nodes[0] is the document
  PageFacts facts;
};

// Every attribute the extraction reads, of any element but where named:
// lean_html drops all others before gumbo parses the page, so one read
// that is not listed here reads nothing.
bool is_read_attribute(std::string_view tag, std::string_view attribute) {
  static constexpr std::string_view k_read[] = {
      "class",   "id",       "role",        "itemprop",   "rel",  "datetime",
      "pubdate", "hidden",   "aria-hidden", "style",      "lang", "xml:lang",
      "content", "property", "name",        "http-equiv", "type"};
  for (std::string_view name : k_read) {
    if (attribute == name) return true;
  }
  return tag == "link" && attribute == "href";
}

const char* attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
  return found == nullptr ? nullptr : found->value;
}

std::string attribute_or_empty(const GumboElement& element, const char* name) {
  const char* value = attribute(element, name);
  return value == nullptr ? std::string() : std::string(value);
}

// The attributes read of every element, found in one pass over its
// attributes (the tokenizer lower-cases their names; the first of a name
// counts, as with gumbo_get_attribute); null where absent.
struct CommonAttributes {
  const char* class_names = nullptr;
  const char* id = nullptr;
  const char* role = nullptr;
  const char* itemprop = nullptr;
  const char* rel = nullptr;
  const char* datetime = nullptr;
  const char* hidden = nullptr;
  const char* aria_hidden = nullptr;
  const char* style = nullptr;

  explicit CommonAttributes(const GumboElement& element) {
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* found = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      if (const char** slot = slot_for(found->name); slot != nullptr && *slot == nullptr) {
        *slot = found->value;
      }
    }
  }

 private:
  const char** slot_for(std::string_view name) {
    if (name == "class") return &class_names;
    if (name == "id") return &id;
    if (name == "role") return &role;
    if (name == "itemprop") return &itemprop;
    if (name == "rel") return &rel;
    if (name == "datetime") return &datetime;
    if (name == "hidden") return &hidden;
    if (name == "aria-hidden") return &aria_hidden;
    if (name == "style") return &style;
    return nullptr;
  }
};

// `value` lower-cased, empty for an absent attribute.
std::string lower_or_empty(const char* value) {
  return value == nullptr ? std::string() : ascii_lower(value);
}

// Elements that never hold article text, left out of the tree whole.
bool is_non_text_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_MAP:
      return true;
    default:
      return false;
  }
}

bool is_hidden(const CommonAttributes& attributes) {
  if (attributes.hidden != nullptr) return true;
  if (lower_or_empty(attributes.aria_hidden) == "true") return true;
  const char* style = attributes.style;
  if (style == nullptr) return false;
  std::string compact;
  for (const char* c = style; *c != '\0'; ++c) {
    if (!is_space(*c)) compact += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

bool is_furniture_tag(GumboTag tag) {
  return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER ||
         tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FORM || tag == GUMBO_TAG_MENU;
}

bool is_furniture_role(std::string_view role) {
  return role == "navigation" || role == "banner" || role == "contentinfo" ||
         role == "complementary" || role == "search" || role == "menu" || role == "menubar" ||
         role == "dialog" || role == "alert" || role == "toolbar";
}

// Records what an element says about the page (metas, links, JSON-LD,
// title, language, times, h1s, authors), before it is added or skipped.
void collect_facts(const GumboNode& node, const CommonAttributes& attributes, int index,
                   PageFacts& facts) {
  const GumboElement& element = node.v.element;
  switch (element.tag) {
    case GUMBO_TAG_HTML:
      if (facts.html_lang.empty()) facts.html_lang = attribute_or_empty(element, "lang");
      if (facts.html_lang.empty()) facts.html_lang = attribute_or_empty(element, "xml:lang");
      break;
    case GUMBO_TAG_META: {
      const char* content = attribute(element, "content");
      if (content == nullptr) break;
      for (const char* key : {"property", "name", "itemprop", "http-equiv"}) {
        const char* value = attribute(element, key);
        if (value == nullptr) continue;
        // "og:title twitter:title": one tag for several names.
        const std::string names = ascii_lower(value);
        for (std::string_view name : split_on(names, ' ')) {
          if (!name.empty()) facts.metas.emplace_back(std::string(name), content);
        }
      }
      break;
    }
    case GUMBO_TAG_LINK: {
      const std::string rel = lower_or_empty(attributes.rel);
      if (rel == "canonical" && facts.canonical.empty()) {
        facts.canonical = attribute_or_empty(element, "href");
      }
      break;
    }
    case GUMBO_TAG_TITLE:
      if (facts.title.empty() && element.children.length > 0) {
        const auto* child = static_cast<const GumboNode*>(element.children.data[0]);
        if (child->type == GUMBO_NODE_TEXT) facts.title = collapse(child->v.text.text);
      }
      break;
    case GUMBO_TAG_SCRIPT: {
      const std::string type = ascii_lower(attribute_or_empty(element, "type"));
      if (type.find("ld+json") == std::string::npos) break;
      for (unsigned i = 0; i < element.children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA) {
          facts.json_ld.emplace_back(child->v.text.text);
        }
      }
      break;
    }
    case GUMBO_TAG_H1:
      facts.h1s.push_back(index);
      break;
    default:
      break;
  }
  const std::string itemprop = lower_or_empty(attributes.itemprop);
  const char* datetime = attributes.datetime;
  if (element.tag == GUMBO_TAG_TIME || (datetime != nullptr && itemprop == "datepublished")) {
    std::string value = datetime == nullptr ? std::string() : std::string(datetime);
    const bool marked = attribute(element, "pubdate") != nullptr || itemprop == "datepublished";
    if (!value.empty() || marked) facts.times.push_back({std::move(value), index, marked});
  }
  if (!itemprop.empty() && element.tag != GUMBO_TAG_META) {
    const char* content = attribute(element, "content");
    if (content != nullptr) facts.metas.emplace_back(itemprop, content);
  }
  const std::string rel = lower_or_empty(attributes.rel);
  if (index >= 0 && (rel == "author" || itemprop == "author" || itemprop == "creator")) {
    facts.author_nodes.push_back(index);
  }
}

// The page's tree of elements and text, without the elements that never
// hold text, and its facts. Its text nodes refer to the parser's output:
// REQUIRES: the output `root` belongs to outlives the page.
Page build_page(const GumboNode* root) {
  Page page;
  page.nodes.emplace_back();  // the document
  struct Pending {
    const GumboNode* node;
    int parent;
    std::size_t depth;
    bool hidden;
  };
  std::vector<Pending> stack;
  auto push_children = [&stack](const GumboVector& children, int parent, std::size_t depth,
                                bool hidden) {
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i]), parent, depth, hidden});
    }
  };
  push_children(root->v.document.children, 0, 1, false);
  VocabularyReader vocabulary;
  while (!stack.empty()) {
    const Pending item = stack.back();
    stack.pop_back();
    const GumboNode& gumbo = *item.node;
    if (gumbo.type == GUMBO_NODE_TEXT || gumbo.type == GUMBO_NODE_WHITESPACE ||
        gumbo.type == GUMBO_NODE_CDATA) {
      Node node;
      node.kind = Kind::text;
      node.text = gumbo.v.text.text;
      node.parent = item.parent;
      node.hard_dropped = item.hidden;
      page.nodes[static_cast<std::size_t>(item.parent)].children.push_back(
          static_cast<int>(page.nodes.size()));
      page.nodes.push_back(std::move(node));
      continue;
    }
    if (gumbo.type != GUMBO_NODE_ELEMENT && gumbo.type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& element = gumbo.v.element;
    const CommonAttributes attributes(element);
    if (is_non_text_tag(element.tag)) {
      collect_facts(gumbo, attributes, -1, page.facts);
      continue;
    }
    if (item.depth > k_max_depth) {
      // Too deep: the element's children go to the element at the limit.
      push_children(element.children, item.parent, item.depth, item.hidden);
      continue;
    }
    const int index = static_cast<int>(page.nodes.size());
    Node node;
    node.tag = element.tag;
    node.parent = item.parent;
    const VocabularyMarks& marks = vocabulary.marks(attributes.class_names, attributes.id);
    const bool hidden = item.hidden || is_hidden(attributes) || element.tag == GUMBO_TAG_HEAD;
    node.hard_dropped = hidden;
    const std::string role = lower_or_empty(attributes.role);
    const std::string itemprop = lower_or_empty(attributes.itemprop);
    node.strong_furniture = marks.strong_furniture;
    node.content_named = marks.content || role == "main" || element.tag == GUMBO_TAG_ARTICLE ||
                         element.tag == GUMBO_TAG_MAIN || role == "article" ||
                         itemprop == "articlebody";
    node.landmark_furniture = is_furniture_tag(element.tag) || is_furniture_role(role);
    node.furniture = node.landmark_furniture || node.strong_furniture || marks.weak_furniture;
    node.article_marker = itemprop == "articlebody" || element.tag == GUMBO_TAG_ARTICLE;
    if (itemprop == "articlebody") node.furniture = node.strong_furniture = false;
    node.byline = marks.byline;
    if (node.byline && !hidden) page.facts.byline_nodes.push_back(index);
    collect_facts(gumbo, attributes, index, page.facts);
    page.nodes[static_cast<std::size_t>(item.parent)].children.push_back(index);
    page.nodes.push_back(std::move(node));
    push_children(element.children, index, item.depth + 1, hidden);
  }
  return page;
}

// Sums text, link text and commas up the tree, leaving out dropped nodes.
void measure(std::vector<Node>& nodes) {
  for (Node& node : nodes) {
    node.chars = node.link_chars = node.commas = 0;
  }
  for (std::size_t i = nodes.size(); i-- > 0;) {
    Node& node = nodes[i];
    if (node.dropped) continue;
    if (node.kind == Kind::text) {
      node.chars = visible_chars(node.text);
      node.commas = count_commas(node.text);
    }
    if (node.tag == GUMBO_TAG_A) node.link_chars = node.chars;
    if (node.parent >= 0) {
      Node& parent = nodes[static_cast<std::size_t>(node.parent)];
      parent.chars += node.chars;
      parent.link_chars += node.link_chars;
      parent.commas += node.commas;
    }
  }
}

double link_density(const Node& node) {
  return node.chars == 0 ? 0.0
                         : static_cast<double>(node.link_chars) / static_cast<double>(node.chars);
}

// Drops the hidden parts, then the furniture that is not the page's
// wrapper (see k_wrapper_share).
void drop_furniture(std::vector<Node>& nodes) {
  for (Node& node : nodes) {
    node.dropped = node.hard_dropped ||
                   (node.parent >= 0 && nodes[static_cast<std::size_t>(node.parent)].dropped);
  }
  measure(nodes);
  for (std::size_t i = nodes.size(); i-- > 1;) {
    const Node& node = nodes[i];
    if (node.dropped || node.parent < 0) continue;
    if (node.holds_marker || node.article_marker || node.tag == GUMBO_TAG_MAIN) {
      nodes[static_cast<std::size_t>(node.parent)].holds_marker = true;
    }
  }
  const Node& root = nodes.front();
  const double page_plain = static_cast<double>(root.chars - root.link_chars);
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    Node& node = nodes[i];
    if (node.dropped) continue;
    if (node.parent >= 0 && nodes[static_cast<std::size_t>(node.parent)].dropped) {
      node.dropped = true;
      continue;
    }
    if (!node.furniture || node.tag == GUMBO_TAG_BODY || node.tag == GUMBO_TAG_HTML) continue;
    if (node.holds_marker) continue;
    const double plain = static_cast<double>(node.chars - node.link_chars);
    const double share = page_plain > 0 ? plain / page_plain : 0.0;
    if (node.strong_furniture) {
      // "l-sidebar l-article-body": a layout's name for the content column.
      if (!(node.content_named && share >= k_named_wrapper_share)) node.dropped = true;
      continue;
    }
    if (node.content_named && !node.landmark_furniture) continue;
    if (share >= k_wrapper_share && plain >= k_min_wrapper_chars) continue;
    node.dropped = true;
  }
  measure(nodes);
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements that end a paragraph before and after them.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

bool has_block_child(const std::vector<Node>& nodes, const Node& node) {
  return std::any_of(node.children.begin(), node.children.end(), [&](int child) {
    const Node& c = nodes[static_cast<std::size_t>(child)];
    return !c.dropped && c.kind == Kind::element && is_block(c.tag);
  });
}

// Whether `node` is a block of text to score: a paragraph-like element, or
// a container of inline content only.
bool is_paragraph(const std::vector<Node>& nodes, const Node& node) {
  switch (node.tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
      return true;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_SPAN:
      return !has_block_child(nodes, node);
    default:
      return false;
  }
}

// Where a container's score starts, by what it is.
double prior_score(const Node& node) {
  double score = 0;
  switch (node.tag) {
    case GUMBO_TAG_ARTICLE:
      score = 10;
      break;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_MAIN:
      score = 5;
      break;
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      score = 3;
      break;
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_ADDRESS:
      score = -3;
      break;
    case GUMBO_TAG_TH:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      score = -5;
      break;
    default:
      break;
  }
  if (node.content_named) score += 25;
  if (node.furniture) score -= 25;
  if (node.article_marker) score += 10;
  return score;
}

// Scores paragraphs into their containers; returns the best container, or
// -1 when no block of text was long enough.
int score_containers(std::vector<Node>& nodes) {
  std::vector<int> candidates;
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const Node& node = nodes[i];
    if (node.dropped || node.kind != Kind::element || node.chars < k_min_paragraph_chars) {
      continue;
    }
    if (!is_paragraph(nodes, node)) continue;
    // Link text is no article text: a list of headlines scores nothing.
    const double points = (1.0 + static_cast<double>(node.commas) +
                           std::min(static_cast<double>(node.chars) / 100.0, 3.0)) *
                          (1.0 - link_density(node));
    int ancestor = node.parent;
    for (int level = 0; level < 5 && ancestor > 0; ++level) {
      Node& up = nodes[static_cast<std::size_t>(ancestor)];
      if (!up.scored) {
        up.scored = true;
        up.score = prior_score(up);
        candidates.push_back(ancestor);
      }
      const double share = level == 0 ? 1.0 : level == 1 ? 0.5 : 1.0 / (3.0 * level);
      up.score += points * share;
      ancestor = up.parent;
    }
  }
  int best = -1;
  double best_score = 0;
  for (int index : candidates) {
    Node& node = nodes[static_cast<std::size_t>(index)];
    node.score *= 1.0 - link_density(node);
    if (best < 0 || node.score > best_score) {
      best = index;
      best_score = node.score;
    }
  }
  return best;
}

bool is_ancestor(const std::vector<Node>& nodes, int ancestor, int node) {
  for (int at = node; at >= 0; at = nodes[static_cast<std::size_t>(at)].parent) {
    if (at == ancestor) return true;
  }
  return false;
}

// An article cut into blocks that each score alone (a wrapper per
// paragraph) leaves other containers scoring nearly as well as the best:
// the lowest ancestor of the best holding k_promotion_count of them (all,
// when fewer) is the article. Not the body: that is the whole page.
int promote_to_common_ancestor(const std::vector<Node>& nodes, int best) {
  const double best_score = nodes[static_cast<std::size_t>(best)].score;
  std::vector<int> alternatives;
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const Node& node = nodes[i];
    const int index = static_cast<int>(i);
    if (!node.scored || node.dropped || index == best) continue;
    if (node.score < k_alternative_share * best_score) continue;
    if (is_ancestor(nodes, index, best) || is_ancestor(nodes, best, index)) continue;
    alternatives.push_back(index);
  }
  if (alternatives.empty()) return best;
  const std::size_t wanted = std::min(alternatives.size(), k_promotion_count);
  for (int at = nodes[static_cast<std::size_t>(best)].parent; at > 0;
       at = nodes[static_cast<std::size_t>(at)].parent) {
    if (nodes[static_cast<std::size_t>(at)].tag == GUMBO_TAG_BODY) break;
    const auto held = static_cast<std::size_t>(
        std::count_if(alternatives.begin(), alternatives.end(),
                      [&](int alternative) { return is_ancestor(nodes, at, alternative); }));
    if (held >= wanted) return at;
  }
  return best;
}

// A marked article body inside `best` that holds nearly all of its
// unlinked text replaces it; so does a marked body around it holding
// little more.
int prefer_marked_body(const std::vector<Node>& nodes, int best) {
  const Node& chosen = nodes[static_cast<std::size_t>(best)];
  const double chosen_plain = static_cast<double>(chosen.chars - chosen.link_chars);
  int marked_inside = -1;
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const Node& node = nodes[i];
    if (node.dropped || !node.article_marker || node.chars == 0) continue;
    if (!is_ancestor(nodes, best, static_cast<int>(i)) || static_cast<int>(i) == best) continue;
    const double plain = static_cast<double>(node.chars - node.link_chars);
    if (plain >= 0.9 * chosen_plain && marked_inside < 0) marked_inside = static_cast<int>(i);
  }
  return marked_inside >= 0 ? marked_inside : best;
}

// The parent of `best` when it is below the body and holds little text
// besides `best` (at most k_lift_share of its own), else `best`: a page that
// cuts its article into parts ("story body 1" and "2", an intro and the
// rest) wraps each once more, with a label or an advertisement's caption
// beside it, so the article's other parts are siblings of that wrapper, not
// of `best`. One level only: higher up, comments and related stories wait.
int lift_to_wrapper(const std::vector<Node>& nodes, int best) {
  const Node& node = nodes[static_cast<std::size_t>(best)];
  if (node.parent <= 0) return best;
  const Node& up = nodes[static_cast<std::size_t>(node.parent)];
  if (up.tag == GUMBO_TAG_BODY || up.tag == GUMBO_TAG_HTML) return best;
  if (static_cast<double>(up.chars - node.chars) > k_lift_share * static_cast<double>(up.chars)) {
    return best;
  }
  return node.parent;
}

// Whether `sibling`, a sibling of the article's container `chosen` (whose
// score is `score`), reads as part of the article: it scores well, or reads
// as an article paragraph (long, few links).
bool joins_article(const std::vector<Node>& nodes, const Node& chosen, double score, int sibling) {
  const Node& node = nodes[static_cast<std::size_t>(sibling)];
  if (node.dropped || node.chars == 0) return false;
  const double threshold = std::max(10.0, score * k_sibling_share);
  double sibling_score = node.scored ? node.score : 0;
  if (node.content_named && chosen.content_named) sibling_score += score * 0.2;
  if (sibling_score >= threshold) return true;
  if (node.kind == Kind::text || is_paragraph(nodes, node)) {
    const double density = link_density(node);
    if (node.chars > 80) return density < 0.25;
    // A short paragraph without links that ends a sentence.
    if (node.kind == Kind::element && node.tag == GUMBO_TAG_P) {
      return density == 0 && node.chars > 0;
    }
  }
  return false;
}

// The blocks of the article: the best container and its siblings that
// read as part of it, and where the best container is wrapped
// (lift_to_wrapper), the wrapper's siblings that do, in document order.
std::vector<int> article_parts(const std::vector<Node>& nodes, int best) {
  const Node& chosen = nodes[static_cast<std::size_t>(best)];
  if (chosen.parent <= 0) return {best};
  std::vector<int> inner;
  for (int sibling : nodes[static_cast<std::size_t>(chosen.parent)].children) {
    if (sibling == best || joins_article(nodes, chosen, chosen.score, sibling)) {
      inner.push_back(sibling);
    }
  }
  const int wrapper = lift_to_wrapper(nodes, best);
  const Node& wrapped = nodes[static_cast<std::size_t>(wrapper)];
  if (wrapper == best || wrapped.parent <= 0) return inner;
  std::vector<int> parts;
  for (int sibling : nodes[static_cast<std::size_t>(wrapped.parent)].children) {
    if (sibling == wrapper) {
      parts.insert(parts.end(), inner.begin(), inner.end());
    } else if (joins_article(nodes, wrapped, chosen.score, sibling)) {
      parts.push_back(sibling);
    }
  }
  return parts;
}

// ---------------------------------------------------------------------------
// Rendering.

struct Renderer {
  explicit Renderer(const std::vector<Node>& tree) : nodes(tree) {}

  const std::vector<Node>& nodes;
  // Inside the article: leave out link-dense boxes, bylines, the heading
  // that repeats `headline`.
  bool clean = false;
  std::string headline;
  bool headline_dropped = false;
  std::vector<std::string> paragraphs;
  std::string current;
  int br_run = 0;

  void flush() {
    while (!current.empty() && current.back() == ' ') current.pop_back();
    // Punctuation left alone ("·" between a byline and a date) is no text:
    // a paragraph needs a letter or digit, ASCII or from U+00C0 on, less
    // U+2000-U+2FFF (punctuation, symbols, arrows).
    const bool has_word = std::any_of(current.begin(), current.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return std::isalnum(byte) || (byte >= 0xC3 && byte != 0xE2);
    });
    if (has_word) paragraphs.push_back(std::move(current));
    current.clear();
    br_run = 0;
  }

  bool is_link_box(const Node& node) const {
    switch (node.tag) {
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_TABLE:
      case GUMBO_TAG_P:
      case GUMBO_TAG_LI:
        break;
      default:
        return false;
    }
    const double density = link_density(node);
    if (density > 0.5 && node.chars < 2000) return true;
    return density > 0.33 && node.chars < 200 && node.tag != GUMBO_TAG_P;
  }

  bool leave_out(const Node& node) {
    if (node.dropped) return true;
    if (!clean || node.kind != Kind::element) return false;
    if (is_link_box(node)) return true;
    if (node.byline && node.chars < 200) return true;
    // A <time> in the article is its date line, not its text.
    if (node.tag == GUMBO_TAG_TIME) return true;
    if (is_heading(node.tag) && !headline_dropped && !headline.empty()) {
      std::string text;
      append_text(node, text);
      if (same_text(text, headline)) {
        headline_dropped = true;
        return true;
      }
    }
    return false;
  }

  void append_text(const Node& node, std::string& out) const {
    if (node.dropped) return;
    if (node.kind == Kind::text) {
      append_collapsed(out, node.text);
      return;
    }
    for (int child : node.children) append_text(nodes[static_cast<std::size_t>(child)], out);
  }

  void render(const Node& node) {
    if (leave_out(node)) return;
    if (node.kind == Kind::text) {
      if (visible_chars(node.text) > 0) br_run = 0;
      append_collapsed(current, node.text);
      return;
    }
    if (node.tag == GUMBO_TAG_BR) {
      if (++br_run >= 2) {
        flush();
      } else if (!current.empty() && current.back() != ' ') {
        current += ' ';
      }
      return;
    }
    const bool block = is_block(node.tag);
    if (block) flush();
    if ((node.tag == GUMBO_TAG_TD || node.tag == GUMBO_TAG_TH) && !current.empty() &&
        current.back() != ' ') {
      current += ' ';
    }
    for (int child : node.children) render(nodes[static_cast<std::size_t>(child)]);
    if (block) flush();
    if (node.tag == GUMBO_TAG_TD || node.tag == GUMBO_TAG_TH) current += ' ';
  }
};

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& paragraph : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += paragraph;
  }
  return out;
}

std::string node_text(const std::vector<Node>& nodes, int index) {
  // Text of a node whether or not it was dropped (bylines, h1s live in
  // page headers).
  std::string out;
  std::vector<int> stack{index};
  while (!stack.empty()) {
    const Node& node = nodes[static_cast<std::size_t>(stack.back())];
    stack.pop_back();
    if (node.hard_dropped && &node != &nodes[static_cast<std::size_t>(index)]) continue;
    if (node.kind == Kind::text) {
      append_collapsed(out, node.text);
      continue;
    }
    if (is_block(node.tag) && !out.empty() && out.back() != ' ') out += ' ';
    for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) {
      stack.push_back(*it);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// ---------------------------------------------------------------------------
// Metadata.

std::string meta(const PageFacts& facts, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    for (const auto& [name, content] : facts.metas) {
      if (name == key) {
        std::string value = collapse(content);
        if (!value.empty()) return value;
      }
    }
  }
  return {};
}

bool is_article_type(const Json& type) {
  auto matches = [](const Json& value) {
    if (!value.is_string()) return false;
    const std::string name = value.get<std::string>();
    return name.find("Article") != std::string::npos || name == "BlogPosting" || name == "Report" ||
           name == "LiveBlogPosting" || name == "Review" || name == "SocialMediaPosting" ||
           name == "TechArticle";
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), matches);
  return matches(type);
}

// The article objects of a JSON-LD document, in document order: objects
// of an article type, at the top, in arrays, or in "@graph".
void find_article_objects(const Json& value, int depth, std::vector<const Json*>& found) {
  if (depth > k_max_json_depth) return;
  if (value.is_array()) {
    for (const Json& item : value) find_article_objects(item, depth + 1, found);
    return;
  }
  if (!value.is_object()) return;
  const auto type = value.find("@type");
  if (type != value.end() && is_article_type(*type)) found.push_back(&value);
  const auto graph = value.find("@graph");
  if (graph != value.end()) find_article_objects(*graph, depth + 1, found);
  const auto main_entity = value.find("mainEntity");
  if (main_entity != value.end()) find_article_objects(*main_entity, depth + 1, found);
}

std::string json_string(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return collapse(it->get<std::string>());
  if (it->is_object()) {
    for (const char* inner : {"name", "@id", "url"}) {
      const auto name = it->find(inner);
      if (name != it->end() && name->is_string()) return collapse(name->get<std::string>());
    }
  }
  return {};
}

// Names in a JSON-LD author value: a string, an object's name, an array;
// none nested deeper than k_max_json_depth (a hostile page's thousands of
// nested arrays would exhaust the stack).
void json_names(const Json& value, std::vector<std::string>& names, int depth = 0) {
  if (depth > k_max_json_depth) return;
  if (value.is_string()) {
    names.push_back(collapse(value.get<std::string>()));
  } else if (value.is_object()) {
    const auto name = value.find("name");
    if (name != value.end()) json_names(*name, names, depth + 1);
  } else if (value.is_array()) {
    for (const Json& item : value) json_names(item, names, depth + 1);
  }
}

struct JsonLdFacts {
  std::string headline;
  std::string name;
  std::string published;
  std::vector<std::string> authors;
  std::string publisher;
  std::string url;
  std::string language;
};

// Some pages wrap JSON-LD in comments or CDATA markers.
std::string_view strip_script_wrapping(std::string_view text) {
  text = trim(text);
  for (std::string_view opening : {"<!--", "//<![CDATA[", "<![CDATA["}) {
    if (text.starts_with(opening)) text = trim(text.substr(opening.size()));
  }
  for (std::string_view closing : {"-->", "//]]>", "]]>"}) {
    if (text.ends_with(closing)) text = trim(text.substr(0, text.size() - closing.size()));
  }
  return text;
}

JsonLdFacts read_json_ld(const PageFacts& facts) {
  JsonLdFacts out;
  for (const std::string& script : facts.json_ld) {
    const Json document = Json::parse(strip_script_wrapping(script), nullptr,
                                      /*allow_exceptions=*/false, /*ignore_comments=*/true);
    if (document.is_discarded()) continue;
    std::vector<const Json*> articles;
    find_article_objects(document, 0, articles);
    for (const Json* article : articles) {
      if (out.headline.empty()) out.headline = json_string(*article, "headline");
      if (out.name.empty()) out.name = json_string(*article, "name");
      if (out.published.empty()) out.published = json_string(*article, "datePublished");
      if (out.published.empty()) out.published = json_string(*article, "dateCreated");
      if (out.authors.empty()) {
        const auto author = article->find("author");
        if (author != article->end()) json_names(*author, out.authors);
        const auto creator = article->find("creator");
        if (out.authors.empty() && creator != article->end()) json_names(*creator, out.authors);
      }
      if (out.publisher.empty()) out.publisher = json_string(*article, "publisher");
      if (out.url.empty()) out.url = json_string(*article, "url");
      if (out.language.empty()) out.language = json_string(*article, "inLanguage");
    }
  }
  if (out.publisher.starts_with("http")) out.publisher.clear();
  return out;
}

// The separators a site's name is joined to a title with.
constexpr std::array<std::string_view, 9> k_title_separators = {
    " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 ", " \xC2\xBB ",
    " / ", " : "};

// `title` without the site's name: split at the last separator, the side
// equal to `site` is dropped, else the shorter side when the other keeps
// at least three words.
std::string strip_site_name(const std::string& title, std::string_view site) {
  std::size_t best_at = std::string::npos;
  std::size_t best_size = 0;
  for (std::string_view separator : k_title_separators) {
    const std::size_t at = title.rfind(separator);
    if (at == std::string::npos) continue;
    if (best_at == std::string::npos || at > best_at) {
      best_at = at;
      best_size = separator.size();
    }
  }
  if (best_at == std::string::npos) return title;
  const std::string left = collapse(title.substr(0, best_at));
  const std::string right = collapse(title.substr(best_at + best_size));
  if (!site.empty()) {
    if (same_text(right, site)) return left;
    if (same_text(left, site)) return right;
  }
  const bool keep_left = left.size() >= right.size();
  const std::string& kept = keep_left ? left : right;
  const std::string& dropped = keep_left ? right : left;
  // A short title with more than a word after it is not headline and
  // site: "Google - Site Reliability Engineering".
  if (count_words(kept) < 3 || (count_words(kept) <= 4 && count_words(dropped) > 1)) {
    return title;
  }
  return kept;
}

// JSON-LD's headline, or its name when the page's title speaks for that
// instead (some pages put a description in `headline`).
std::string json_ld_headline(const JsonLdFacts& json_ld, const std::string& page_title,
                             std::string_view site) {
  if (json_ld.name.empty() || json_ld.headline.empty()) {
    return json_ld.headline.empty() ? json_ld.name : json_ld.headline;
  }
  // The site's name is no headline.
  const std::string name = fold_case(json_ld.name);
  if (fold_case(site).starts_with(name) || same_text(json_ld.name, json_ld.publisher)) {
    return json_ld.headline;
  }
  const std::string title = fold_case(page_title);
  const bool title_has_name = title.find(name) != std::string::npos;
  const bool title_has_headline = title.find(fold_case(json_ld.headline)) != std::string::npos;
  return title_has_name && !title_has_headline ? json_ld.name : json_ld.headline;
}

std::string choose_headline(const Page& page, const JsonLdFacts& json_ld, std::string_view site) {
  const std::string& page_title = page.facts.title;
  std::string title = json_ld_headline(json_ld, page_title, site);
  if (!title.empty()) return title;
  title = meta(page.facts, {"dc:title", "dc.title", "dcterm:title", "dcterms.title", "og:title",
                            "twitter:title", "parsely-title", "sailthru.title", "headline"});
  if (!title.empty()) return title;
  const std::string stripped = strip_site_name(page_title, site);
  // An h1 that the page title begins or ends with is the headline without
  // the site's name.
  for (int h1 : page.facts.h1s) {
    const std::string text = node_text(page.nodes, h1);
    if (page_title.empty() || stripped == page_title) break;
    if (same_text(text, stripped)) return text;
  }
  if (!page_title.empty()) return stripped;
  for (int h1 : page.facts.h1s) {
    std::string text = node_text(page.nodes, h1);
    if (!text.empty()) return text;
  }
  return {};
}

std::optional<Date> date_in_url(std::string_view url) {
  // "/2019/04/28/" or "2019-04-28" anywhere in the path.
  for (std::size_t i = 0; i + 10 <= url.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(url[i]))) continue;
    if (i > 0 && std::isdigit(static_cast<unsigned char>(url[i - 1]))) continue;
    const std::string_view rest = url.substr(i);
    auto digits = [&](std::size_t from, std::size_t count) {
      if (from + count > rest.size()) return false;
      return std::all_of(rest.begin() + static_cast<std::ptrdiff_t>(from),
                         rest.begin() + static_cast<std::ptrdiff_t>(from + count),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    };
    if (!digits(0, 4)) continue;
    const char separator = rest[4];
    if (separator != '/' && separator != '-') continue;
    if (!digits(5, 2) || rest[7] != separator || !digits(8, 2)) continue;
    if (rest.size() > 10 && std::isdigit(static_cast<unsigned char>(rest[10]))) continue;
    std::string iso(rest.substr(0, 10));
    std::replace(iso.begin(), iso.end(), '/', '-');
    if (auto date = parse_date(iso)) {
      if (date->year >= 1990 && date->year <= 2100) return date;
    }
  }
  return std::nullopt;
}

struct Published {
  std::string text;
  std::optional<Date> date;
};

Published choose_published(const Page& page, const JsonLdFacts& json_ld, std::string_view url) {
  std::vector<std::string> stated;
  stated.push_back(json_ld.published);
  stated.push_back(meta(page.facts, {"article:published_time", "datepublished"}));
  for (const TimeFact& time : page.facts.times) {
    if (time.marked) {
      stated.push_back(time.datetime.empty() ? node_text(page.nodes, time.node) : time.datetime);
    }
  }
  for (const TimeFact& time : page.facts.times) {
    if (!time.datetime.empty() && time.node >= 0 &&
        !page.nodes[static_cast<std::size_t>(time.node)].dropped) {
      stated.push_back(time.datetime);
    }
  }
  stated.push_back(meta(page.facts, {"date",
                                     "pubdate",
                                     "publishdate",
                                     "publish-date",
                                     "publish_date",
                                     "dc.date",
                                     "dc.date.issued",
                                     "dc.date.created",
                                     "dcterms.created",
                                     "dcterms.date",
                                     "dcterms.issued",
                                     "sailthru.date",
                                     "parsely-pub-date",
                                     "article.published",
                                     "og:published_time",
                                     "published_time",
                                     "article:published",
                                     "datecreated",
                                     "citation_publication_date",
                                     "citation_date",
                                     "date.available",
                                     "originalpublicationdate"}));
  for (std::string& text : stated) {
    text = collapse(text);
    if (text.empty()) continue;
    if (auto date = parse_date(text)) return {text, date};
  }
  if (auto date = date_in_url(url)) return {std::string(url), date};
  for (const std::string& text : stated) {
    if (!text.empty()) return {text, std::nullopt};
  }
  return {};
}

// "By Jane Doe and John Roe" -> "Jane Doe", "John Roe".
void add_byline_names(std::string_view byline, std::vector<std::string>& authors) {
  std::string text = collapse(byline);
  const std::string lower = ascii_lower(text);
  for (std::string_view prefix : {"by:", "by ", "written by ", "posted by ", "author:"}) {
    if (lower.starts_with(prefix)) {
      text = collapse(std::string_view(text).substr(prefix.size()));
      break;
    }
  }
  // A byline that goes on into a date or a role: keep the names' part.
  for (std::string_view stop : {" | ", " - ", " \xE2\x80\x94 ", "\n", " on ", " updated "}) {
    const std::size_t at = text.find(stop);
    if (at != std::string::npos) text = text.substr(0, at);
  }
  std::vector<std::string> names;
  std::string rest = text;
  for (std::string_view joiner : {" and ", " & ", ", "}) {
    std::string replaced;
    std::size_t from = 0;
    for (std::size_t at = rest.find(joiner); at != std::string::npos;
         at = rest.find(joiner, from)) {
      replaced += rest.substr(from, at - from);
      replaced += '\x1F';
      from = at + joiner.size();
    }
    replaced += rest.substr(from);
    rest = std::move(replaced);
  }
  for (std::string_view part : split_on(rest, '\x1F')) {
    std::string name = collapse(part);
    if (name.empty() || name.size() > 80 || count_words(name) > 6) continue;
    if (name.starts_with("http")) continue;
    if (std::find_if(authors.begin(), authors.end(), [&](const std::string& known) {
          return same_text(known, name);
        }) == authors.end()) {
      authors.push_back(std::move(name));
    }
  }
}

std::vector<std::string> choose_authors(const Page& page, const JsonLdFacts& json_ld) {
  std::vector<std::string> authors;
  for (const std::string& name : json_ld.authors) add_byline_names(name, authors);
  if (!authors.empty()) return authors;
  for (std::string_view key : {"dc:creator", "dc.creator", "author", "article:author",
                               "parsely-author", "sailthru.author", "byl"}) {
    const std::string value = meta(page.facts, {key});
    if (value.empty() || value.starts_with("http")) continue;
    add_byline_names(value, authors);
    if (!authors.empty()) return authors;
  }
  for (int index : page.facts.author_nodes) {
    const std::string text = node_text(page.nodes, index);
    if (!text.empty() && text.size() < 100) add_byline_names(text, authors);
  }
  if (!authors.empty()) return authors;
  for (int index : page.facts.byline_nodes) {
    const std::string text = node_text(page.nodes, index);
    if (!text.empty() && text.size() < 100) {
      add_byline_names(text, authors);
      if (!authors.empty()) return authors;
    }
  }
  return authors;
}

struct ParsedPage {
  std::string html;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output;
  explicit ParsedPage(std::string_view page)
      : html(lean_html(page, is_read_attribute)),
        output(gumbo_parse_with_options(&quiet_gumbo_options(), html.data(), html.size()),
               [](GumboOutput* out) { gumbo_destroy_output(&quiet_gumbo_options(), out); }) {}
};

}  // namespace

HtmlArticle extract_html_article(std::string_view html, std::string_view page_url) {
  const ParsedPage parsed(html);
  Page page = build_page(parsed.output->document);
  drop_furniture(page.nodes);
  HtmlArticle article;
  const JsonLdFacts json_ld = read_json_ld(page.facts);
  article.source = meta(page.facts, {"og:site_name"});
  if (article.source.empty()) article.source = json_ld.publisher;
  if (article.source.empty()) article.source = meta(page.facts, {"application-name"});
  article.canonical_url = collapse(page.facts.canonical);
  if (article.canonical_url.empty()) article.canonical_url = meta(page.facts, {"og:url"});
  if (article.canonical_url.empty()) article.canonical_url = json_ld.url;
  if (article.canonical_url.empty()) article.canonical_url = collapse(page_url);
  article.language = collapse(page.facts.html_lang);
  if (article.language.empty()) {
    article.language = meta(page.facts, {"content-language", "og:locale", "language"});
  }
  if (article.language.empty()) article.language = json_ld.language;
  article.headline = choose_headline(page, json_ld, article.source);
  const Published published = choose_published(page, json_ld, article.canonical_url);
  article.published = published.text;
  article.published_date = published.date;
  article.authors = choose_authors(page, json_ld);

  int best = score_containers(page.nodes);
  Renderer renderer(page.nodes);
  renderer.headline = article.headline;
  // No block long enough to score: the page is short, and what is left of
  // it after the furniture is its text.
  std::vector<int> parts{0};
  if (best >= 0) {
    renderer.clean = true;
    best = promote_to_common_ancestor(page.nodes, best);
    parts = article_parts(page.nodes, prefer_marked_body(page.nodes, best));
  }
  for (int part : parts) {
    renderer.render(page.nodes[static_cast<std::size_t>(part)]);
    renderer.flush();
  }
  article.body = join_paragraphs(renderer.paragraphs);
  return article;
}

std::string html_block_text(std::string_view html) {
  const ParsedPage parsed(html);
  Page page = build_page(parsed.output->document);
  for (Node& node : page.nodes) {
    node.dropped = node.hard_dropped ||
                   (node.parent >= 0 && page.nodes[static_cast<std::size_t>(node.parent)].dropped);
  }
  Renderer renderer(page.nodes);
  renderer.render(page.nodes.front());
  renderer.flush();
  return join_paragraphs(renderer.paragraphs);
}

bool has_html_markup(std::string_view text) {
  static constexpr std::string_view k_tags[] = {
      "p",  "br", "div", "span", "a",  "b",  "i",   "em",         "strong", "h1",      "h2",
      "h3", "h4", "ul",  "ol",   "li", "hr", "img", "blockquote", "figure", "section", "table"};
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    std::size_t begin = at + 1;
    if (begin < text.size() && text[begin] == '/') ++begin;
    std::size_t end = begin;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end == begin || end == text.size()) continue;
    const char after = text[end];
    if (after != '>' && after != ' ' && after != '/' && after != '\n') continue;
    const std::string name = ascii_lower(text.substr(begin, end - begin));
    if (std::find(std::begin(k_tags), std::end(k_tags), name) != std::end(k_tags)) return true;
  }
  return false;
}

std::string feed_field_text(std::string_view text) {
  return has_html_markup(text) ? html_block_text(text)
                               : decode_character_references(std::string(text));
}

}  // namespace dateline

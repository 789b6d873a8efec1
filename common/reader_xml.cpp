// The news agency XML reader: see parse_news_xml in common/reader.hpp.
//
// libxml2 parses (never fetching a DTD or external entity: XML_PARSE_NONET,
// no entity substitution); a file that is not well-formed is parsed again
// in libxml2's recovery mode, and what that gives is read with a problem
// naming the line of the first error.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "common/html_article.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

// libxml2 must be initialised once, before threads use it.
void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// The first error of a parse, caught by a structured error handler (per
// thread in libxml2), since xmlGetLastError keeps only the last.
struct FirstError {
  bool set = false;
  std::size_t line = 0;
  std::string message;
};

void keep_first_error(void* data, xmlErrorPtr error) {
  auto* first = static_cast<FirstError*>(data);
  if (first->set || error == nullptr || error->level < XML_ERR_ERROR) return;
  first->set = true;
  first->line = error->line > 0 ? static_cast<std::size_t>(error->line) : 0;
  if (error->message) first->message = std::string(trim(error->message));
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

std::string_view name_of(const xmlNode* node) {
  return node && node->name ? reinterpret_cast<const char*>(node->name) : "";
}

bool is_element(const xmlNode* node, std::string_view name) {
  return node && node->type == XML_ELEMENT_NODE && name_of(node) == name;
}

// The element's children that are elements named `name`.
std::vector<const xmlNode*> children(const xmlNode* node, std::string_view name) {
  std::vector<const xmlNode*> found;
  if (!node) return found;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (is_element(child, name)) found.push_back(child);
  }
  return found;
}

const xmlNode* child(const xmlNode* node, std::string_view name) {
  if (!node) return nullptr;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (is_element(c, name)) return c;
  }
  return nullptr;
}

// The first element named `name` at or below `node`, in document order.
const xmlNode* descendant(const xmlNode* node, std::string_view name) {
  if (!node) return nullptr;
  if (is_element(node, name)) return node;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (const xmlNode* found = descendant(c, name)) return found;
  }
  return nullptr;
}

std::string text_of(const xmlNode* node) {
  if (!node) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return {};
  std::string text = collapse_whitespace(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return text;
}

// The xml:lang in force at `node` (its own or an ancestor's); empty: none.
std::string language_of(const xmlNode* node) {
  if (!node) return {};
  xmlChar* value = xmlNodeGetLang(node);
  if (!value) return {};
  std::string text = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return text;
}

std::string attribute(const xmlNode* node, const char* name) {
  if (!node) return {};
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string text = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return text;
}

// "19870101T000000" (ISO 8601's basic form, as NITF norm dates are written)
// as "1987-01-01"; other forms as they are, for parse_date.
std::string extended_date(const std::string& date) {
  const bool basic = date.size() >= 8 && std::all_of(date.begin(), date.begin() + 8, [](char c) {
                       return std::isdigit(static_cast<unsigned char>(c));
                     });
  if (!basic || (date.size() > 8 && date[8] != 'T')) return date;
  return date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
}

// Appends the paragraphs at or below `node`: the text of each <p> (and of
// NITF's subheads and list items), blank-line separated, each written once
// in a row.
void append_paragraphs(const xmlNode* node, std::string& body, std::string& last) {
  for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = name_of(c);
    if (name == "p" || name == "hl2" || name == "li") {
      std::string paragraph = text_of(c);
      if (paragraph.empty() || paragraph == last) continue;
      if (!body.empty()) body += "\n\n";
      body += paragraph;
      last = std::move(paragraph);
    } else {
      append_paragraphs(c, body, last);
    }
  }
}

std::string paragraphs_of(const xmlNode* node) {
  std::string body;
  std::string last;
  append_paragraphs(node, body, last);
  return body;
}

// NITF's body text: the full text block where the New York Times corpus
// writes one (its lead paragraph block repeats the text's opening), else
// every paragraph of body.content.
std::string nitf_body(const xmlNode* content) {
  for (const xmlNode* block : children(content, "block")) {
    if (attribute(block, "class") == "full_text") return paragraphs_of(block);
  }
  return paragraphs_of(content);
}

RawArticle nitf_article(const xmlNode* nitf, std::string& id) {
  const xmlNode* head = child(nitf, "head");
  const xmlNode* body = child(nitf, "body");
  const xmlNode* body_head = child(body, "body.head");
  RawArticle raw;
  raw.title = text_of(child(child(body_head, "hedline"), "hl1"));
  if (raw.title.empty()) raw.title = text_of(child(head, "title"));
  raw.body = nitf_body(child(body, "body.content"));
  const xmlNode* pubdata = child(head, "pubdata");
  const xmlNode* docdata = child(head, "docdata");
  raw.date = extended_date(attribute(pubdata, "date.publication"));
  for (const char* name : {"date.issue", "date.release"}) {
    if (raw.date.empty()) raw.date = extended_date(attribute(child(docdata, name), "norm"));
  }
  for (const xmlNode* byline : children(body_head, "byline")) {
    const std::string kind = attribute(byline, "class");
    if (raw.author.empty() || kind == "print_byline") raw.author = without_by(text_of(byline));
  }
  raw.source = attribute(pubdata, "name");
  if (raw.source.empty()) raw.source = attribute(child(docdata, "doc.copyright"), "holder");
  raw.url = attribute(pubdata, "ex-ref");
  id = attribute(child(docdata, "doc-id"), "id-string");
  raw.language = language_of(body ? body : nitf);  // xml:lang, inherited
  return raw;
}

// RCV1's NewsML: <newsitem itemid date> with headline, byline, text/p and
// Dublin Core metadata.
RawArticle newsitem_article(const xmlNode* item, std::string& id) {
  RawArticle raw;
  raw.title = text_of(child(item, "headline"));
  if (raw.title.empty()) raw.title = text_of(child(item, "title"));
  raw.body = paragraphs_of(child(item, "text"));
  raw.date = attribute(item, "date");
  raw.author = without_by(text_of(child(item, "byline")));
  for (const xmlNode* dc : children(child(item, "metadata"), "dc")) {
    if (attribute(dc, "element") == "dc.publisher") raw.source = attribute(dc, "value");
  }
  id = attribute(item, "itemid");
  raw.language = language_of(item);
  return raw;
}

// NewsML 1: a NewsItem's headline, identifier, date and content (NITF
// inside its DataContent, or paragraphs).
RawArticle newsml_item_article(const xmlNode* item, std::string& id) {
  RawArticle raw;
  const xmlNode* data = descendant(item, "DataContent");
  if (const xmlNode* nitf = descendant(data, "nitf")) {
    raw = nitf_article(nitf, id);
  } else {
    raw.body = paragraphs_of(data);
  }
  const std::string headline = text_of(descendant(item, "HeadLine"));
  if (!headline.empty()) raw.title = headline;
  if (raw.date.empty()) raw.date = extended_date(text_of(descendant(item, "FirstCreated")));
  if (raw.date.empty()) raw.date = extended_date(text_of(descendant(item, "DateId")));
  const std::string item_id = text_of(descendant(item, "PublicIdentifier"));
  if (!item_id.empty()) id = item_id;
  if (id.empty()) id = text_of(descendant(item, "NewsItemId"));
  if (raw.language.empty()) raw.language = language_of(data);
  return raw;
}

// A feed's text field as plain text: RSS and Atom carry HTML escaped in
// it (description, content:encoded, Atom's type="html"), rendered as the
// JSON reader renders a field; Atom's type="xhtml" content is markup
// itself, read by its paragraphs.
std::string feed_text(const xmlNode* node) {
  if (!node) return {};
  if (attribute(node, "type") == "xhtml") return paragraphs_of(node);
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return {};
  std::string text = feed_field_text(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return text;
}

// An RSS item (2.0, or 1.0's RDF): title, link, the full text
// (content:encoded) else the description, pubDate or dc:date, author or
// dc:creator, guid; `channel_title` is the source.
RawArticle rss_item_article(const xmlNode* item, const std::string& channel_title,
                            std::string& id) {
  RawArticle raw;
  raw.title = feed_field_text(text_of(child(item, "title")));
  raw.url = text_of(child(item, "link"));
  raw.body = feed_text(child(item, "encoded"));
  if (raw.body.empty()) raw.body = feed_text(child(item, "description"));
  raw.date = text_of(child(item, "pubDate"));
  if (raw.date.empty()) raw.date = text_of(child(item, "date"));
  raw.author = text_of(child(item, "creator"));
  if (raw.author.empty()) raw.author = text_of(child(item, "author"));
  raw.source = channel_title;
  raw.language = language_of(item);
  id = text_of(child(item, "guid"));
  if (id.empty()) id = attribute(item, "about");  // RSS 1.0's rdf:about
  return raw;
}

// An Atom entry: title, the link to the page (rel="alternate" or none),
// content else summary, published else updated, the authors' names, id;
// `feed_title` is the source.
RawArticle atom_entry_article(const xmlNode* entry, const std::string& feed_title,
                              std::string& id) {
  RawArticle raw;
  raw.title = feed_text(child(entry, "title"));
  for (const xmlNode* link : children(entry, "link")) {
    const std::string rel = attribute(link, "rel");
    if (rel.empty() || rel == "alternate") {
      raw.url = attribute(link, "href");
      break;
    }
  }
  raw.body = feed_text(child(entry, "content"));
  if (raw.body.empty()) raw.body = feed_text(child(entry, "summary"));
  raw.date = text_of(child(entry, "published"));
  if (raw.date.empty()) raw.date = text_of(child(entry, "updated"));
  for (const xmlNode* author : children(entry, "author")) {
    const std::string name = text_of(child(author, "name"));
    if (name.empty()) continue;
    if (!raw.author.empty()) raw.author += ", ";
    raw.author += name;
  }
  raw.source = feed_title;
  raw.language = language_of(entry);
  id = text_of(child(entry, "id"));
  return raw;
}

}  // namespace

ReadResult parse_news_xml(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  if (trim(bytes).empty()) {
    result.problems.push_back({context.source_path, 0, "empty file"});
    return result;
  }
  init_libxml();
  constexpr int k_options =
      XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
  FirstError first;
  const auto parse = [&](int options) {
    xmlSetStructuredErrorFunc(&first, keep_first_error);
    Doc parsed(
        xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options));
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    return parsed;
  };
  Doc doc = parse(k_options);
  if (!doc) {
    const std::size_t line = first.line;
    const std::string reason =
        "not well-formed XML" + (first.message.empty() ? "" : ": " + first.message);
    doc = parse(k_options | XML_PARSE_RECOVER);
    if (!doc || !xmlDocGetRootElement(doc.get())) {
      result.problems.push_back({context.source_path, line, reason});
      return result;
    }
    result.problems.push_back({context.source_path, line, reason + " (read as repaired)"});
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const auto add = [&](const RawArticle& raw, const std::string& id, std::size_t index) {
    if (raw.title.empty() && raw.body.empty()) {
      result.problems.push_back({context.source_path, static_cast<std::size_t>(xmlGetLineNo(root)),
                                 "no headline or text"});
      return;
    }
    // The agency's id names the article in its file; else its place.
    result.articles.push_back(make_article(raw, id.empty() ? std::to_string(index) : id, context));
  };
  std::string id;
  if (is_element(root, "nitf")) {
    add(nitf_article(root, id), id, 0);
  } else if (is_element(root, "newsitem")) {
    add(newsitem_article(root, id), id, 0);
  } else if (is_element(root, "NewsML")) {
    std::size_t index = 0;
    std::function<void(const xmlNode*)> visit = [&](const xmlNode* node) {
      for (const xmlNode* c = node->children; c; c = c->next) {
        if (is_element(c, "NewsItem")) {
          std::string item_id;
          add(newsml_item_article(c, item_id), item_id, index++);
        } else if (c->type == XML_ELEMENT_NODE) {
          visit(c);
        }
      }
    };
    visit(root);
    if (index == 0)
      result.problems.push_back({context.source_path, 0, "NewsML without a NewsItem"});
  } else if (is_element(root, "rss") || is_element(root, "RDF")) {
    // RSS 2.0 puts its items in the channel; RSS 1.0 beside it.
    const xmlNode* channel = child(root, "channel");
    const std::string title = feed_field_text(text_of(child(channel, "title")));
    std::vector<const xmlNode*> items = children(channel, "item");
    for (const xmlNode* item : children(root, "item")) items.push_back(item);
    for (std::size_t index = 0; index < items.size(); ++index) {
      std::string item_id;
      add(rss_item_article(items[index], title, item_id), item_id, index);
    }
    if (items.empty()) result.problems.push_back({context.source_path, 0, "RSS without an item"});
  } else if (is_element(root, "feed")) {
    const std::string title = feed_text(child(root, "title"));
    const std::vector<const xmlNode*> entries = children(root, "entry");
    for (std::size_t index = 0; index < entries.size(); ++index) {
      std::string entry_id;
      add(atom_entry_article(entries[index], title, entry_id), entry_id, index);
    }
    if (entries.empty()) {
      result.problems.push_back({context.source_path, 0, "Atom feed without an entry"});
    }
  } else {
    result.problems.push_back({context.source_path, 0,
                               "XML that is neither a news format nor a feed (root element <" +
                                   std::string(name_of(root)) + ">)"});
  }
  return result;
}

}  // namespace dateline

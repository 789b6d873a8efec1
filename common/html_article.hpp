// The article in a saved web page: its main text without the page's
// furniture (navigation, menus, share buttons, comments, related links,
// cookie notices, ads), and the metadata the page states about it.
//
// The page is parsed with gumbo (an HTML5 parser: broken markup is repaired
// as browsers repair it, character references are decoded). The body is
// found by dateline's own method (html_article.cpp says how): furniture is
// dropped by tag, by hidden-ness and by class and id vocabulary, the blocks
// of text left are scored by length, commas and link density, scores flow
// to the containers above them, and the best container, with its siblings
// that read like article text (and its wrapper's, when it is wrapped alone:
// an article cut into parts), is rendered as paragraphs.
//
// Metadata, each from the first source that has it:
//   headline   JSON-LD `headline` (an Article/NewsArticle/BlogPosting...
//              object, at the top, in an array or in `@graph`), `og:title`,
//              other title metas (`twitter:title`, `dc.title`), then
//              `<title>`; whichever is taken loses a site name joined to it
//              (" | ", " - ", " — ", " :: ", " · ", " » "): the part equal
//              to the site name, else the shorter side when the rest still
//              reads as a headline. A page's `h1` whose text the chosen
//              title begins or ends with (the title with the site name on)
//              replaces it.
//   published  JSON-LD `datePublished`, `article:published_time`,
//              `itemprop=datePublished`, a `<time datetime>` inside the
//              article (pubdate ones first), other meta dates (`date`,
//              `pubdate`, `publishdate`, `dc.date`, `dc.date.issued`,
//              `dcterms.created`, `sailthru.date`, `parsely-pub-date`,
//              `og:published_time`...), then a /YYYY/MM/DD/ or YYYY-MM-DD
//              date in the canonical URL (or the `page_url` given).
//   authors    JSON-LD `author` (a string, an object's `name`, an array of
//              either), `meta name=author`, `article:author` when it is no
//              URL, `parsely-author`, then byline elements (`rel=author`,
//              `itemprop=author`, class or id `byline`/`author`), "By "
//              dropped and lists split at "and" and commas.
//   source     `og:site_name`, JSON-LD `publisher.name`, `application-name`.
//   canonical  `link rel=canonical`, `og:url`, JSON-LD `url`.
//   language   `<html lang>`, `meta http-equiv=content-language`,
//              `og:locale`, JSON-LD `inLanguage`.
//
// Cost: one gumbo parse (the bulk of the time, run on the page without
// its scripts' and style sheets' content, JSON-LD kept) and a few linear
// passes over the tree; memory a few times the page's size: about 35 MB
// of HTML a second on one core (extract-eval). Nesting deeper than
// k_max_depth is flattened, so hostile pages cannot exhaust the stack.
// Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace dateline {

struct HtmlArticle {
  // The article text: paragraphs (headings and list items among them)
  // separated by "\n\n", whitespace collapsed, references decoded. Empty
  // when the page holds no text that reads as an article.
  std::string body;
  std::string headline;
  std::string published;               // as the page states it
  std::optional<Date> published_date;  // `published` parsed, when it parses
  std::vector<std::string> authors;    // in the page's order, no duplicates
  std::string source;                  // the site or publication name
  std::string canonical_url;
  std::string language;  // as the page states it ("en-GB")
};

// Elements nested deeper than this are treated as children of the element
// at this depth.
inline constexpr std::size_t k_max_depth = 200;

// The article in `html` (bytes as saved; invalid UTF-8 is gumbo's to
// replace). `page_url`, when known, is a last source of the date and of the
// canonical URL.
HtmlArticle extract_html_article(std::string_view html, std::string_view page_url = {});

// All the text of `html`'s body, rendered as extract_html_article renders
// the article (block elements end paragraphs, "\n\n" between them), with
// nothing dropped but scripts, styles and other non-text elements. What
// extract-eval reads a gold article with, and a page's full-text baseline.
std::string html_block_text(std::string_view html);

// Whether `text` holds HTML markup: a tag of the elements article text is
// written with ("<p>", "<br/>", "</div>", "<a href=...>"); "x<y" and "<3"
// are no markup.
bool has_html_markup(std::string_view text);

// A field of a feed or an export (JSON, CSV) as plain text: HTML markup
// rendered by html_block_text (blocks end paragraphs, references decoded),
// else its character references ("Caf&eacute;") decoded.
std::string feed_field_text(std::string_view text);

}  // namespace dateline

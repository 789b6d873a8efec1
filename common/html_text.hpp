// HTML's rules for text, where dateline meets them outside an HTML page:
// character references ("&eacute;", "&#233;", "&#xE9;") that scraped
// articles carry into .txt files and JSON fields after a converter stripped
// the tags and left the references.
//
// The table of named references is gumbo's (libgumbo, the HTML5 parser
// Debian ships and dateline will use for HTML pages): all of HTML5's table
// (2,231 entries, counting the old names also allowed without ';'), with
// "&apos;" and the two-code-point ones, where libxml2's htmlEntityLookup
// knows HTML 4's 253 names and would leave HTML5's numeric rules, the
// Windows-1252 table above all, for us to type in. gumbo's own numeric
// rules are used too, except past U+10FFFF: gumbo 0.10.1 overflows an int
// from 2^31 (and then loses the element), so those are U+FFFD here.
//
// gumbo has no call that decodes one reference, so each distinct reference
// is parsed once as an attribute value (`<br a="&name;">`) and gumbo's
// answer kept: in an attribute HTML5 decodes a name only when all of it,
// ';' included, is in the table ("&notit;" stays, where running text would
// give "¬it;").
//
// All functions are thread-safe: each thread keeps its own small cache of
// decoded references.
#pragma once

#include <string>

struct GumboInternalOptions;  // gumbo.h's GumboOptions

namespace dateline {

// gumbo's default options, less the parse errors: by default gumbo records
// every one (a real page has hundreds, each allocated with a copy of the
// text around it), and dateline reads none. For every parse dateline makes.
const GumboInternalOptions& quiet_gumbo_options();

// `text` with its complete character references decoded: '&', then a name
// of letters and digits, '#' and decimal digits, or "#x" and hex digits,
// then ';'. Anything else is left as it is, since a .txt article is not
// HTML: "AT&T", "R&D", "Q&A", "&notes", "&#191" (no ';'), and names that are
// not HTML5's ("&foo;"). Numbers follow HTML5: 0x80-0x9F are read as
// Windows-1252 ("&#150;" is an en dash), and 0, surrogates and values past
// U+10FFFF become U+FFFD. Each reference is decoded once: "&amp;lt;" gives
// "&lt;".
//
// Text without '&' is returned as it came, at the cost of one scan; each
// reference costs a hash lookup, and a gumbo parse (about 2 us) the first
// time a thread meets it. Works on any bytes; references decode to UTF-8.
std::string decode_character_references(std::string text);

}  // namespace dateline

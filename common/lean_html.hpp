// A saved page made cheaper for gumbo to parse, keeping all it says.
//
// gumbo handles a page a character at a time: each character of a script,
// a style sheet, an SVG drawing or a run of indentation is a token of its
// own, copied into the tree, and a news page is mostly such bytes. On the
// reader-view cases (../shared/data/readability, 25.6 MB) scripts and
// styles are 45% of the bytes; of the rest, 3.3 MB are runs of blanks and
// about 1 MB the inside of <svg> icons. None of it is article text or
// metadata, and without it gumbo parses those pages in a third of the
// time (1.02 s against 0.37 s, one thread, errors not recorded).
//
// This is not a parser: it follows HTML's tokenizer only as far as it must
// to know where it is (markup, text, a comment, the content of an element
// whose text is raw), and every case it does not recognise is copied as it
// came. Bytes are dropped only where gumbo would build nothing the
// extraction reads.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// `page` with, outside the places listed below (and where a <script>,
// <style>, <title>... is HTML's, not a drawing's or MathML's, whose
// content is markup):
//   - the content of each <script> and <style> element dropped, up to its
//     end tag (the tags kept), except a script whose start tag names
//     "ld+json" (JSON-LD, which the metadata reads);
//   - the content of each <svg> element dropped, up to its first end tag
//     "</svg>" (gumbo 0.10.1 closes nothing at "</svg >"), unless its
//     start tag closes itself ("<svg/>") or the content holds a start tag
//     that would end the drawing early (HTML's tree builder leaves a
//     drawing at "<p>", "<div>"... left open) or an element in its
//     <title>, <desc> or <foreignObject>;
//   - each run of two or more blanks (space, tab, CR, LF, FF) that is text
//     replaced by one: a line feed when the run holds one, else a space
//     (not inside a <pre> or <listing>, as far as the nesting is followed
//     below);
//   - where `keep` is given, each attribute of a start tag that keep(tag,
//     attribute) (both names in lower case) refuses, except those that
//     change HTML's tree: an input's type, a font's color, face and size,
//     MathML's encoding, and all of a <b>, <i>, <em>, <strong>... (HTML
//     reopens no more than three such elements alike). Links, images'
//     sources, data and event attributes are much of a page that nothing
//     reads;
//   - each start tag that would open an element more than 1,000 deep, and
//     its end tag, left as a blank: HTML's tree builder spends time in
//     proportion to the depth at each tag, so a hostile page nesting
//     100,000 <div>s took gumbo 25 s; real pages nest a few dozen deep,
//     and the extraction reads no deeper than k_max_depth. The text inside
//     is kept, though text in a table whose cells' tags go moves before
//     it, as HTML moves text that is in no cell; <svg> and <math>, inside
//     which the tokenizer reads differently, are kept at any depth. The
//     depth is followed as the tree builder closes elements, closely
//     enough (an end tag closes up to the latest open element of its
//     name; an <li>, <p>, <td>... closes the open one of its kind).
// Copied exactly: tags (but the attributes dropped; a '>' inside a quoted
// value does not end a tag), comments, CDATA (in a drawing or MathML;
// elsewhere "<![CDATA[" opens a comment to the next '>'), the content of
// <textarea>, <title>, <xmp>, <iframe>, <noembed> and <noframes>, and all
// from <plaintext> on. An element's content ends at
// its first end tag of the same name in any case, as in HTML's tokenizer;
// one never closed runs to the end of the page.
//
// gumbo's tree of the result is the page's, but for blanks in text (HTML
// collapses runs of them the same way), the attributes dropped and the
// elements past 1,000 deep (tests/fuzz/lean_html_fuzz.cpp checks this
// against gumbo). Linear in the size of `page`; any bytes.
using KeepAttribute = bool (*)(std::string_view tag, std::string_view attribute);
std::string lean_html(std::string_view page, KeepAttribute keep = nullptr);

}  // namespace dateline

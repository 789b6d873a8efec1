#include "common/lean_html.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/gumbo_tree.hpp"

using namespace dateline;

namespace {

// The attributes a test keeps: an element's class, and a link's href.
bool keep_class(std::string_view tag, std::string_view attribute) {
  return attribute == "class" || (tag == "link" && attribute == "href");
}

std::string tree_of(const std::string& html, KeepAttribute keep = nullptr) {
  return testing::TreeText(keep).of(html);
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("lean_html drops scripts and style sheets but keeps JSON-LD", "[lean_html]") {
  CHECK(lean_html("<p>a</p><script>var x = '<p>';</script><p>b</p>") ==
        "<p>a</p><script></script><p>b</p>");
  CHECK(lean_html("<STYLE media=all>p { color: red }</STYLE ><p>b</p>") ==
        "<STYLE media=all></STYLE ><p>b</p>");
  const std::string json_ld =
      "<script type=\"application/ld+json\">{\"headline\": \"A  b\"}</script>";
  CHECK(lean_html(json_ld) == json_ld);
  // A script never closed holds the rest of the page, as in HTML.
  CHECK(lean_html("<p>a</p><script>var x;<p>b</p>") == "<p>a</p><script>");
}

TEST_CASE("lean_html ends a script where HTML's script states do", "[lean_html]") {
  // In an escape ("<!--"), "<script" hides the next end tag.
  CHECK(lean_html("<script><!-- document.write(\"<script>x</script>\"); --></script><p>b</p>") ==
        "<script></script><p>b</p>");
  CHECK(lean_html("<script><!--></script><p>b</p>") == "<script></script><p>b</p>");
  CHECK(lean_html("<script>a</scripts>b</script><p>c</p>") == "<script></script><p>c</p>");
}

TEST_CASE("lean_html reads a tag whole, quotes and all", "[lean_html]") {
  // A '>' or "<script" inside a quoted value is the value's.
  const std::string quoted = "<a title=\"1 > 0 <script>\">link</a><p>text   after</p>";
  CHECK(lean_html(quoted) == "<a title=\"1 > 0 <script>\">link</a><p>text after</p>");
  // Comments, CDATA, and the text of a title or textarea are not markup.
  CHECK(lean_html("<!-- <script> -->text  here") == "<!-- <script> -->text here");
  CHECK(lean_html("<title><script></title>after") == "<title><script></title>after");
  CHECK(lean_html("<textarea><svg></textarea>after") == "<textarea><svg></textarea>after");
  CHECK(lean_html("a </ b <script> c > d") == "a </ b <script> c > d");
}

TEST_CASE("lean_html gives CDATA in an integration point as text", "[lean_html]") {
  // There gumbo reads text as HTML's; its CDATA there can abort it.
  CHECK(lean_html("<table><math><mi><![CDATA[a<b&c]]></mi>") ==
        "<table><math><mi>a&lt;b&amp;c</mi>");
  CHECK(lean_html("<svg><desc><![CDATA[x") == "<svg><desc>x");
  // Elsewhere in a drawing or MathML it stays CDATA.
  CHECK(lean_html("<math><![CDATA[a<b]]></math>") == "<math><![CDATA[a<b]]></math>");
}

TEST_CASE("lean_html drops a drawing only when it is one", "[lean_html]") {
  CHECK(lean_html("<svg viewBox=\"0 0 9 9\"><path d=\"M0 0\"/></svg><p>b</p>") ==
        "<svg viewBox=\"0 0 9 9\"></svg><p>b</p>");
  // "<svg/>" closes itself: what follows is the page.
  CHECK(lean_html("<svg/><p>b</p></svg>") == "<svg/><p>b</p></svg>");
  // A drawing left open ends at the first paragraph, in HTML's tree builder.
  const std::string open = "<svg><path/><p>article</p><svg></svg>";
  CHECK(lean_html(open) == open);
  // An end tag inside a tag, a comment or CDATA does not end the drawing.
  CHECK(lean_html("<svg><a b=\"</svg>\"/><!-- </svg> --><![CDATA[</svg>]]></svg>t") ==
        "<svg></svg>t");
  const std::string in_a_tag = "<svg><h</svg>v";
  CHECK(lean_html(in_a_tag) == in_a_tag);
}

TEST_CASE("lean_html keeps the attributes asked for and those HTML's tree needs", "[lean_html]") {
  CHECK(lean_html("<a href=\"/x\" class=\"more\" data-id=7>x</a>", keep_class) ==
        "<a class=\"more\">x</a>");
  CHECK(lean_html("<link rel=canonical href=\"/x\"><a href=/y>y</a>", keep_class) ==
        "<link href=\"/x\"><a>y</a>");
  // Quoted and unquoted values, values with blanks and '>', no value,
  // attributes run together, a self-closing tag.
  CHECK(lean_html("<p title='a > b' class=x  hidden class=\"y z\"data-q=\"1\">t</p>", keep_class) ==
        "<p class=x class=\"y z\">t</p>");
  CHECK(lean_html("<img src=a.png class=i/><br />", keep_class) == "<img class=i/><br/>");
  // A formatting element's attributes decide which HTML reopens.
  CHECK(lean_html("<b data-x=1 title=t>b</b>", keep_class) == "<b data-x=1 title=t>b</b>");
  // An input's type decides whether a table keeps it.
  CHECK(lean_html("<input type=hidden value=3>", keep_class) == "<input type=hidden>");
  // Without `keep`, tags are copied as written.
  CHECK(lean_html("<a  href=x / >y</a>") == "<a  href=x / >y</a>");
}

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::string repeated(const std::string& part, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += part;
  return out;
}

}  // namespace

TEST_CASE("lean_html opens no element past 1,000 deep, keeping the text", "[lean_html][hostile]") {
  const std::string deep = repeated("<div>", 5000) + "<p>deep</p>" + repeated("</div>", 5000);
  const std::string lean = lean_html(deep);
  CHECK(count_of(lean, "<div>") == 1000);
  CHECK(count_of(lean, "</div>") == 1000);
  CHECK(lean.find("deep") != std::string::npos);
  // Words an element dropped kept apart stay apart.
  const std::string apart = lean_html(repeated("<div>", 1000) + "one<div>two</div>three");
  CHECK(apart.ends_with(">one two three"));
  // Unclosed formatting elements nest too.
  const std::string bold = lean_html(repeated("<b>x ", 3000));
  CHECK(count_of(bold, "<b>") == 1000);
  CHECK(count_of(bold, "x") == 3000);
  // Elements the tree builder closes are not counted open: nothing goes.
  for (const std::string& sloppy :
       {repeated("<div><span>x</div>", 3000), repeated("<li><span>x", 3000),
        repeated("<p><b>x</b>", 3000), repeated("<tr><td><font>x", 3000),
        repeated("<a href=x><i>y</a>", 3000), repeated("<br><img src=x>", 3000)}) {
    INFO(sloppy.substr(0, 40));
    CHECK(lean_html(sloppy) == sloppy);
  }
}

TEST_CASE("lean_html collapses blanks in text only", "[lean_html]") {
  CHECK(lean_html("<div>\n    <p>a  b</p>\t\t</div>") == "<div>\n<p>a b</p> </div>");
  const std::string pre = "<pre>  a\n\n  b</pre>";
  CHECK(lean_html(pre + "  ") == pre + " ");
  CHECK(lean_html("<PRE>  a</PRE>  b") == "<PRE>  a</PRE> b");
  // A <pre>'s content is markup, whose blanks are kept at any depth.
  CHECK(lean_html("<pre><b>  a</b>\n\n<script>x</script></pre>  b") ==
        "<pre><b>  a</b>\n\n<script></script></pre> b");
  // Its end tag inside raw text in it does not end it.
  const std::string xmp = "<pre><xmp></pre><p class=x>  a</xmp>  b</pre>";
  CHECK(lean_html(xmp, keep_class) == xmp);
  CHECK(lean_html("<plaintext>  a  ") == "<plaintext>  a  ");
}

TEST_CASE("lean_html leaves gumbo's tree of a page as it was", "[lean_html]") {
  // Each page's elements, attributes and text (blanks collapsed), all but
  // what lean_html is to drop, parse the same before and after.
  std::vector<std::filesystem::path> pages;
  for (const char* dir :
       {DATELINE_SOURCE_DIR "/corpus/web", DATELINE_SOURCE_DIR "/tests/fuzz/seeds/reader_html"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      pages.push_back(entry.path());
  }
  REQUIRE(pages.size() >= 4);
  for (const auto& path : pages) {
    INFO(path.string());
    const std::string html = slurp(path);
    if (testing::may_abort_gumbo(html)) continue;  // the reader test reads those
    if (testing::tree_depth(html) > 1000) {
      // A hostile page: the elements past 1,000 deep go, their text stays.
      CHECK(testing::TreeText::text_only(tree_of(lean_html(html))) ==
            testing::TreeText::text_only(tree_of(html)));
      continue;
    }
    CHECK(tree_of(lean_html(html)) == tree_of(html));
    CHECK(tree_of(lean_html(html, keep_class), keep_class) == tree_of(html, keep_class));
  }
  const std::vector<std::string> tricky = {
      "<table><tr>  <td> a </td>  </tr>  </table>",
      "<head><title> t </title><noscript><style>x</style></noscript></head><body><p>a</p>",
      "<p>a<script>if (a<b) {}</script> b <style>a>b{}</style>c",
      "<ul>\n  <li>one\n  <li>two\n</ul>",
      "<svg><foreignObject><div>in</div></foreignObject></svg><p>out</p>",
      "<math><![CDATA[ <script> ]]></math><p>after</p>",
      "<math><script></t>,</math><p>after</p>",
      "<svg><style>a</style><title>b</title><script>c</script></svg><p>after</p>",
      "<nav><![CDATA[ <a href=x>News</a></nav><div class=\"a ]]> <p, b>\" id=c>t</div>",
      "<svg><title><![CDATA[ x> ]]></title><rect/><![CDATA[ <p> ]]></svg><p>after</p>",
      "<table><tr><td>a</td><input type=hidden name=q><td>b</td></tr></table>",
      "<svg><font color=red>x</font></svg><p>y</p>",
      // A tag that leaves a drawing or MathML closes it: what follows is HTML.
      "<math><p class=a>x</p><plaintext><a class=b href=c>",
      "<svg><g><b>out</b><title><i>t</i></title><style>a<b</style></svg>",
      "<svg><font>in</font><font size=2>out</font><script>s</script></svg>",
      "<pre><xmp></pre><n >",
      // CDATA is read in any element of MathML or a drawing, integration
      // points too; a drawing in a drawing closes at its own end tag.
      "<math><mi><![CDATA[><p class=y>]]></mi></math>",
      "<svg><g><svg><path/></svg><script><![CDATA[ <p class=y> ]]></script></svg><p>after</p>",
      "<svg><g><svg><path/></svg><script></svg><p>x</p></script>",
      // An HTML element in a drawing's title keeps it open past </svg>.
      "<svg><title><o></svg>o</o></title><a class=x>y</a></svg><p>z",
      "<svg><title>t</svg><p title=a>after</p>",
      "<math><mi><b></math><script>s</script></b></mi></math><p>z",
      "<listing>\n  a <i>  b</i></listing>  <p class=z>c</p>",
      "<p class=\"a\"data-x='1'title=t/>x</p><a =b c>d</a>",
      // An attribute's name may start with '=': the quote is in the name.
      "<d =\">\">x",
      // gumbo closes an element of a tag it does not know at the end tag
      // of any other such tag.
      "<d><svg></y><script type=ld+json\"><p/p>",
      // gumbo closes a drawing only at "</svg>" written so.
      "<svg></svg ><script><b class=x>",
      "<h><svg><title></c><![CDATA[p <b class=x>",
      "<h><svg><desc></c><![CDATA[p <b class=x>",
      // An end tag in a drawing that closes none of its elements may close
      // the elements around it, and the drawing with them.
      "<s\x7f><svg></s<></svg>g<b class=x>",
      "<my-card><svg><g></g></g></svg>text</my-card><p class=y>",
      "<div><svg><path></path></span></svg>t<p class=z>",
      // "<g/>" in HTML opens an element, as "<g>" does.
      "<g/><svg></s0><title><p >",
      "<div/><svg><rect/></svg></div><p class=z>t",
      // An end tag without a rule of its own stops at a special element.
      "><h><p></t></p><svg ><title></d><![CDATA[u <b class=x>",
      "<span><div><svg></span><script>x</script></div>",
      // HTML reopens no more than three formatting elements alike.
      "<p><b><b><b><b ,><p>y",
      "<p><i class=x><i class=x data-a=1><i class=x><i class=x><p>y",
      // A block, <xmp>... closes the paragraph open.
      "<p><xmp></xmp>x<o></p><svg></ss><plaintext><m >",
      "<p><o><div></div></p><svg></ss><b class=x>y",
      // A drawing's <mi> is no integration point; MathML's in a drawing is.
      "<svg><mi><script><p>",
      // An <mglyph> in MathML's <mi> is MathML's, and its <script> markup.
      "<math><mi><mglyph><script><p class=y>t",
      "<svg><math><mi><x></svg><script>s</script><p class=y>t",
      "<svg><g></g x><rect></svg><p class=y>z</p>",
      "<b a =\"c\" =d e= 'f' g=>h</b>",
  };
  for (const std::string& html : tricky) {
    INFO(html);
    CHECK(tree_of(lean_html(html)) == tree_of(html));
    CHECK(tree_of(lean_html(html, keep_class), keep_class) == tree_of(html, keep_class));
  }
}

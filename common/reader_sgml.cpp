// The Reuters-21578 SGML reader: see parse_reuters_sgml in common/reader.hpp.
#include "common/html_text.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline {
namespace {

// The text between <tag ...> and </tag> inside `element`, or an empty view
// when the tag is absent or unclosed.
std::string_view inner(std::string_view element, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  std::size_t start = element.find(open);
  while (start != std::string_view::npos) {
    const char next = start + open.size() < element.size() ? element[start + open.size()] : '\0';
    if (next == '>' || next == ' ') break;
    start = element.find(open, start + 1);
  }
  if (start == std::string_view::npos) return {};
  const std::size_t content = element.find('>', start);
  if (content == std::string_view::npos) return {};
  const std::size_t end = element.find("</" + std::string(tag) + ">", content);
  if (end == std::string_view::npos) return {};
  return element.substr(content + 1, end - content - 1);
}

// The value of attribute `name` in the opening tag that starts `element`.
std::string_view attribute(std::string_view element, std::string_view name) {
  const std::string_view tag = element.substr(0, element.find('>'));
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t start = tag.find(key);
  if (start == std::string_view::npos) return {};
  const std::size_t value = start + key.size();
  const std::size_t end = tag.find('"', value);
  if (end == std::string_view::npos) return {};
  return tag.substr(value, end - value);
}

// Reuters bodies mark paragraphs by indenting their first line; turn each
// indented line into the start of a blank-line separated paragraph, and drop
// the "Reuter" signature that ends most bodies.
std::string reflow_body(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::string_view line : split_lines(text)) {
    if (line.starts_with("  ") && !out.empty()) out += '\n';
    out.append(line);
    out += '\n';
  }
  // Bodies end "Reuter\n&#3;": the decoded control character must go
  // before the signature can be seen.
  std::string_view body = out;
  while (!body.empty() && (static_cast<unsigned char>(body.back()) < 0x20 || body.back() == ' ')) {
    body.remove_suffix(1);
  }
  for (std::string_view signature : {"Reuter", "REUTER"}) {
    if (body.ends_with(signature)) {
      body.remove_suffix(signature.size());
      break;
    }
  }
  return std::string(trim(body));
}

}  // namespace

ReadResult parse_reuters_sgml(std::string_view bytes, const ReaderContext& context) {
  ReadResult result;
  const std::string text = latin1_to_utf8(bytes);
  const std::string_view all = text;
  std::size_t position = 0;
  while (true) {
    const std::size_t start = all.find("<REUTERS", position);
    if (start == std::string_view::npos) break;
    const std::size_t end = all.find("</REUTERS>", start);
    const std::size_t next_start = all.find("<REUTERS", start + 1);
    if (end == std::string_view::npos ||
        (next_start != std::string_view::npos && next_start < end)) {
      result.problems.push_back({context.source_path, line_at(all, start),
                                 "truncated <REUTERS> element (no </REUTERS>)"});
      if (next_start == std::string_view::npos) break;
      position = next_start;
      continue;
    }
    const std::string_view element = all.substr(start, end - start);
    position = end;

    RawArticle raw;
    raw.title = decode_character_references(std::string(inner(element, "TITLE")));
    std::string_view body = inner(element, "BODY");
    if (body.empty()) {
      // <TEXT TYPE="UNPROC"> holds unstructured text with no <BODY>.
      const std::size_t text_tag = element.find("<TEXT");
      if (text_tag != std::string_view::npos &&
          attribute(element.substr(text_tag), "TYPE") == "UNPROC") {
        body = inner(element, "TEXT");
      }
    }
    const std::string dateline =
        decode_character_references(std::string(trim(inner(element, "DATELINE"))));
    raw.body = reflow_body(decode_character_references(std::string(body)));
    if (!dateline.empty() && !raw.body.empty()) raw.body = dateline + " " + raw.body;
    raw.date = std::string(trim(inner(element, "DATE")));
    raw.source = "Reuters";
    // "By Cal Mankowski, Reuters": the byline as the wire gave it; the
    // indexer takes the names out of it (indexer/document_builder.hpp).
    raw.author = decode_character_references(std::string(trim(inner(element, "AUTHOR"))));

    std::string part(attribute(element, "NEWID"));
    if (part.empty()) part = "offset " + std::to_string(start);
    Article article = make_article(raw, part, context);
    if (article.title.empty() && article.paragraphs.empty()) {
      result.problems.push_back({context.source_path, line_at(all, start), "no title or body"});
      continue;
    }
    result.articles.push_back(std::move(article));
  }
  if (result.articles.empty() && result.problems.empty()) {
    result.problems.push_back({context.source_path, 0, "no <REUTERS> elements"});
  }
  return result;
}

}  // namespace dateline

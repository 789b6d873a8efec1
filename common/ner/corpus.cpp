#include "common/ner/corpus.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.hpp"
#include "common/ner/tokenizer.hpp"
#include "common/reader.hpp"
#include "common/text.hpp"

namespace dateline::ner {

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

namespace {

// cp1252 bytes 0x80..0x9F that are not latin-1 (the rest maps like latin-1).
std::string cp1252_to_utf8(std::string_view bytes) {
  static constexpr const char* k_high[32] = {
      "\xE2\x82\xAC", "\xC2\x81",     "\xE2\x80\x9A", "\xC6\x92",     "\xE2\x80\x9E",
      "\xE2\x80\xA6", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xCB\x86",     "\xE2\x80\xB0",
      "\xC5\xA0",     "\xE2\x80\xB9", "\xC5\x92",     "\xC2\x8D",     "\xC5\xBD",
      "\xC2\x8F",     "\xC2\x90",     "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C",
      "\xE2\x80\x9D", "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94", "\xCB\x9C",
      "\xE2\x84\xA2", "\xC5\xA1",     "\xE2\x80\xBA", "\xC5\x93",     "\xC2\x9D",
      "\xC5\xBE",     "\xC5\xB8"};
  std::string out;
  out.reserve(bytes.size());
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0xA0) {
      out += k_high[c - 0x80];
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// Fields of one CSV line with double-quote quoting.
std::vector<std::string> csv_fields(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

struct RawSentence {
  std::vector<std::string> tokens;
  std::vector<std::string> tags;
};

LabelledSentence to_labelled(RawSentence&& raw) {
  LabelledSentence sentence;
  sentence.labels = labels_from_chunks(chunks_from_tags(raw.tags), raw.tokens.size());
  sentence.tokens = std::move(raw.tokens);
  return sentence;
}

}  // namespace

std::vector<LabelledDocument> parse_conll(const std::string& text, const std::string& what) {
  std::vector<LabelledDocument> documents;
  RawSentence sentence;
  std::size_t line_number = 0;
  auto end_sentence = [&] {
    if (sentence.tokens.empty()) return;
    if (documents.empty()) documents.emplace_back();
    try {
      documents.back().sentences.push_back(to_labelled(std::move(sentence)));
    } catch (const Error& e) {
      throw Error(what + ": sentence ending at line " + std::to_string(line_number) + ": " +
                  e.what());
    }
    sentence = RawSentence();
  };
  for (std::string_view line : split_lines(text)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) {
      end_sentence();
      continue;
    }
    if (line.starts_with("-DOCSTART-")) {
      end_sentence();
      documents.emplace_back();
      continue;
    }
    const std::size_t first_space = line.find_first_of(" \t");
    const std::size_t last_space = line.find_last_of(" \t");
    if (first_space == std::string_view::npos) {
      throw Error(what + ":" + std::to_string(line_number) + ": expected 'token ... tag'");
    }
    sentence.tokens.emplace_back(line.substr(0, first_space));
    sentence.tags.emplace_back(line.substr(last_space + 1));
  }
  end_sentence();
  std::erase_if(documents, [](const LabelledDocument& d) { return d.sentences.empty(); });
  return documents;
}

std::vector<LabelledDocument> read_conll_file(const std::filesystem::path& path) {
  return parse_conll(read_whole_file(path), path.string());
}

std::vector<LabelledDocument> parse_gmb(const std::string& text, GmbGpe gpe,
                                        const std::string& what) {
  const std::string utf8 = cp1252_to_utf8(text);
  // First pass: tokens and raw GMB tags per sentence.
  std::vector<RawSentence> raw;
  std::size_t line_number = 0;
  for (std::string_view line : split_lines(utf8)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1 || line.empty()) continue;  // header
    std::vector<std::string> fields = csv_fields(line);
    if (fields.size() != 4) {
      throw Error(what + ":" + std::to_string(line_number) + ": expected 4 CSV fields");
    }
    if (!fields[0].empty() || raw.empty()) raw.emplace_back();
    raw.back().tokens.push_back(normalize_text(fields[1]));
    raw.back().tags.push_back(fields[3]);
  }
  // gpe phrases tagged geo more often than gpe become locations.
  std::map<std::string, std::pair<int, int>> geo_vs_gpe;
  auto for_each_chunk = [](const RawSentence& s, auto&& visit) {
    for (std::size_t i = 0; i < s.tags.size();) {
      const std::string& tag = s.tags[i];
      if (tag.size() < 3 || tag[0] != 'B') {
        ++i;
        continue;
      }
      const std::string type = tag.substr(2);
      std::size_t j = i + 1;
      while (j < s.tags.size() && s.tags[j] == "I-" + type) ++j;
      std::string phrase;
      for (std::size_t k = i; k < j; ++k) phrase += (k > i ? " " : "") + s.tokens[k];
      visit(type, i, j, phrase);
      i = j;
    }
  };
  if (gpe == GmbGpe::by_majority) {
    for (const RawSentence& s : raw) {
      for_each_chunk(
          s, [&](const std::string& type, std::size_t, std::size_t, const std::string& phrase) {
            if (type == "geo") ++geo_vs_gpe[phrase].first;
            if (type == "gpe") ++geo_vs_gpe[phrase].second;
          });
    }
  }
  std::vector<LabelledDocument> documents;
  documents.reserve(raw.size());
  for (RawSentence& s : raw) {
    std::vector<Chunk> chunks;
    for_each_chunk(
        s, [&](const std::string& type, std::size_t b, std::size_t e, const std::string& phrase) {
          int t = -1;
          if (type == "per") t = 0;
          if (type == "geo") t = 1;
          if (type == "org") t = 2;
          if (type == "gpe") {
            if (gpe == GmbGpe::location) t = 1;
            if (gpe == GmbGpe::misc) t = 3;
            if (gpe == GmbGpe::by_majority) {
              const auto& counts = geo_vs_gpe[phrase];
              t = counts.first > counts.second ? 1 : 3;
            }
          }
          if (t >= 0) chunks.push_back({t, b, e});
        });
    LabelledSentence sentence;
    sentence.labels = labels_from_chunks(chunks, s.tokens.size());
    sentence.tokens = std::move(s.tokens);
    documents.emplace_back().sentences.push_back(std::move(sentence));
  }
  return documents;
}

std::vector<LabelledDocument> read_gmb_file(const std::filesystem::path& path, GmbGpe gpe) {
  return parse_gmb(read_whole_file(path), gpe, path.string());
}

std::vector<UnlabelledSentence> read_reuters_bodies(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".sgm") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw Error(directory.string() + ": no Reuters-21578 .sgm files");
  std::vector<UnlabelledSentence> sentences;
  ReaderContext context;
  for (const auto& file : files) {
    context.source_path = file.string();
    const ReadResult result = read_file(file, context);
    for (const Article& article : result.articles) {
      for (const std::string& paragraph : article.paragraphs) {
        const TokenizedText tokenized = tokenize(paragraph);
        for (std::size_t s = 0; s < tokenized.sentence_count(); ++s) {
          UnlabelledSentence& sentence = sentences.emplace_back();
          sentence.caps = tokenized.sentence_caps[s] != 0;
          for (std::uint32_t t = tokenized.sentence_begin[s]; t < tokenized.sentence_end(s); ++t) {
            const Token token = tokenized.tokens[t];
            sentence.tokens.emplace_back(paragraph.substr(token.begin, token.end - token.begin));
          }
        }
      }
    }
  }
  return sentences;
}

std::vector<ListPhrase> read_reuters_lists(const std::filesystem::path& directory) {
  struct List {
    const char* file;
    int type;
  };
  const List lists[] = {{"all-people-strings.lc.txt", 0},
                        {"all-places-strings.lc.txt", 1},
                        {"all-orgs-strings.lc.txt", 2},
                        {"all-exchanges-strings.lc.txt", 2}};
  std::vector<ListPhrase> phrases;
  for (const List& list : lists) {
    const std::filesystem::path path = directory / list.file;
    if (!std::filesystem::exists(path)) continue;
    const std::string content = read_whole_file(path);
    for (std::string_view line : split_lines(content)) {
      line = trim(line);
      if (line.empty()) continue;
      ListPhrase phrase;
      phrase.type = list.type;
      std::size_t start = 0;
      while (start <= line.size()) {
        std::size_t end = line.find('-', start);
        if (end == std::string_view::npos) end = line.size();
        if (end > start) phrase.tokens.emplace_back(line.substr(start, end - start));
        start = end + 1;
      }
      if (!phrase.tokens.empty()) phrases.push_back(std::move(phrase));
    }
  }
  return phrases;
}

bool is_caps_sentence(const std::vector<std::string>& tokens) {
  int upper = 0;
  for (const std::string& token : tokens) {
    for (char c : token) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++upper;
    }
  }
  return upper >= 2;
}

}  // namespace dateline::ner

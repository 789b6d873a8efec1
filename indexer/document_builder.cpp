#include "indexer/document_builder.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <string_view>

#include "common/canonical.hpp"
#include "common/error.hpp"
#include "common/name_resolution.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "indexer/duplicates.hpp"

namespace dateline {

Xapian::Stem make_stemmer(const std::string& language) {
  try {
    return Xapian::Stem(language);
  } catch (const Xapian::InvalidArgumentError&) {
    throw Error("unknown language '" + language +
                "'; valid: " + Xapian::Stem::get_available_languages());
  }
}

namespace {

// `text` without a leading "by" word, in any case.
std::string_view without_by(std::string_view text) {
  text = trim(text);
  if (text.size() > 3 && (text[0] == 'b' || text[0] == 'B') && (text[1] == 'y' || text[1] == 'Y') &&
      is_space(text[2])) {
    return trim(text.substr(3));
  }
  return text;
}

bool is_and(std::string_view word) {
  return std::tolower(static_cast<unsigned char>(word[0])) == 'a' &&
         std::tolower(static_cast<unsigned char>(word[1])) == 'n' &&
         std::tolower(static_cast<unsigned char>(word[2])) == 'd';
}

// The byline's parts: split at ',', ';', '&' and the word "and".
std::vector<std::string_view> byline_parts(std::string_view byline) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= byline.size(); ++i) {
    std::size_t skip = 0;
    if (i == byline.size() || byline[i] == ',' || byline[i] == ';' || byline[i] == '&') {
      skip = 1;
    } else if (i > 0 && is_space(byline[i - 1]) && i + 4 <= byline.size() &&
               is_and(byline.substr(i, 3)) && is_space(byline[i + 3])) {
      skip = 3;
    }
    if (skip == 0) continue;
    parts.push_back(byline.substr(start, i - start));
    start = i + skip;
    i += skip - 1;
  }
  return parts;
}

// "TED D'AFFLISIO" -> "Ted D'Afflisio"; a name with any lower-case letter
// is left as written.
std::string recapitalise_name(std::string_view name) {
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; })) {
    return std::string(name);
  }
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t stop = name.find(' ', start);
    if (stop == std::string_view::npos) stop = name.size();
    if (!out.empty()) out += ' ';
    out += recapitalise_word(name.substr(start, stop - start), 2);
    start = stop + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> byline_authors(std::string_view byline, std::string_view source) {
  const std::string source_key = entity_key(source);
  std::vector<std::string> authors;
  std::vector<std::string> keys;
  for (std::string_view part : byline_parts(byline)) {
    const std::string name = recapitalise_name(collapse_whitespace(without_by(part)));
    const std::string key = entity_key(name);
    // Reuters' bylines end in ", Reuter" as often as in ", Reuters".
    const bool publication = !source_key.empty() && (key == source_key || key + "s" == source_key);
    if (key.empty() || publication || std::find(keys.begin(), keys.end(), key) != keys.end()) {
      continue;
    }
    keys.push_back(key);
    authors.push_back(name);
  }
  return authors;
}

namespace {

std::size_t word_hash(std::string_view word) { return std::hash<std::string_view>{}(word); }

}  // namespace

void DocumentWords::clear() {
  m_words.clear();
  // A document of unusually many words leaves no large table to clear.
  constexpr std::size_t k_slots = 1024;
  if (m_slots.size() != k_slots) {
    m_slots.assign(k_slots, 0);
  } else {
    std::fill(m_slots.begin(), m_slots.end(), 0);
  }
}

void DocumentWords::add(const std::string& word) {
  if (2 * (m_words.size() + 1) > m_slots.size()) {
    rehash(std::max<std::size_t>(1024, 2 * m_slots.size()));
  }
  const std::size_t mask = m_slots.size() - 1;
  std::size_t slot = word_hash(word) & mask;
  while (m_slots[slot] != 0) {
    if (m_words[m_slots[slot] - 1] == word) return;
    slot = (slot + 1) & mask;
  }
  m_words.push_back(word);
  m_slots[slot] = static_cast<std::uint32_t>(m_words.size());
}

void DocumentWords::rehash(std::size_t slots) {
  m_slots.assign(slots, 0);
  const std::size_t mask = slots - 1;
  for (std::size_t i = 0; i < m_words.size(); ++i) {
    std::size_t slot = word_hash(m_words[i]) & mask;
    while (m_slots[slot] != 0) slot = (slot + 1) & mask;
    m_slots[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

namespace {

// The indexing stemmer: the language's own, recording each document's
// distinct words (the TermGenerator keeps only stems).
class RecordingStemmer : public Xapian::StemImplementation {
 public:
  RecordingStemmer(Xapian::Stem stemmer, std::shared_ptr<DocumentWords> words)
      : m_stemmer(std::move(stemmer)), m_words(std::move(words)) {}

  std::string operator()(const std::string& word) override {
    m_words->add(word);
    return m_stemmer(word);
  }

  std::string get_description() const override {
    return "RecordingStemmer(" + m_stemmer.get_description() + ")";
  }

 private:
  Xapian::Stem m_stemmer;
  std::shared_ptr<DocumentWords> m_words;
};

// The byline's `authors`, the publication and the URL's site: a filter
// term each (`author:`, `source:`, `site:`) and a value for their facets.
void add_publication_terms(Xapian::Document& doc, const Article& article,
                           const std::vector<std::string>& authors) {
  for (const std::string& author : authors) {
    doc.add_boolean_term(schema::name_filter_term(schema::k_prefix_author, author));
  }
  if (!authors.empty()) doc.add_value(schema::k_slot_authors, schema::join_values(authors));
  if (!entity_key(article.source).empty()) {
    doc.add_boolean_term(schema::name_filter_term(schema::k_prefix_source, article.source));
    doc.add_value(schema::k_slot_source, article.source);
  }
  const std::string site = schema::site_key(article.url);
  for (const std::string& term : schema::site_filter_terms(site)) doc.add_boolean_term(term);
  if (!site.empty()) doc.add_value(schema::k_slot_site, site);
}

}  // namespace

DocumentBuilder::DocumentBuilder(const std::string& language)
    : m_words(std::make_shared<DocumentWords>()) {
  m_termgen.set_stemmer(Xapian::Stem(new RecordingStemmer(make_stemmer(language), m_words)));
  // Stems only, with positions (common/schema.hpp): a second, unstemmed
  // term per word made indexing 1.3x slower and the index 15% larger.
  m_termgen.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

Xapian::Document DocumentBuilder::build(const Article& article, const std::string& file_state) {
  Xapian::Document doc;
  m_termgen.set_document(doc);
  m_words->clear();

  const std::string title = fold_accents(article.title);
  m_termgen.index_text(title, 1, schema::k_prefix_title);
  m_termgen.index_text(title, schema::k_title_wdf);
  m_termgen.increase_termpos(schema::k_title_body_gap);
  for (const std::string& paragraph : article.paragraphs) {
    m_termgen.index_text(fold_accents(paragraph));
    // A small gap keeps phrases from running across paragraphs.
    m_termgen.increase_termpos(5);
  }

  // Entities: a filter term each (`person:kerry` finds names by scanning
  // them, searcher/filters.cpp), weighted by salience, all packed into the
  // facet slot.
  for (const ArticleEntity& entity : article.entities) {
    doc.add_term(schema::entity_filter_term(entity.type, entity.value),
                 schema::entity_salience(entity));
    if (entity.in_title || entity.in_lead) {
      // The salience boost: a query word naming an entity the article is
      // about weighs more than one it only mentions.
      m_termgen.index_text_without_positions(fold_accents(entity.value),
                                             schema::k_salient_entity_wdf);
    }
  }
  for (std::size_t i = 0; i < article.countries.size(); ++i) {
    doc.add_term(schema::name_filter_term(schema::k_prefix_country, article.countries[i]),
                 schema::country_salience(i));
  }
  if (!article.entities.empty() || !article.countries.empty()) {
    doc.add_value(schema::k_slot_entities,
                  schema::encode_entity_groups(article.entities, article.countries));
  }
  // What archive-wide resolution learns acronyms from (common/name_resolution.hpp).
  for (const auto& [acronym, expansion] : acronym_pairs(article.entities)) {
    const std::string term = schema::acronym_term(acronym, expansion);
    if (!term.empty()) doc.add_boolean_term(term);
  }
  // What it learns which bare names are people's, and which firms', from.
  for (const ArticleEntity& entity : article.entities) {
    for (const std::string& term :
         {schema::titled_name_term(entity), schema::firm_name_term(entity)}) {
      if (!term.empty()) doc.add_boolean_term(term);
    }
  }

  doc.add_boolean_term(schema::id_term(article.id));
  doc.add_boolean_term(schema::file_term(article.source_path));
  // Near-duplicate detection (indexer/duplicates.hpp): the signature. The
  // collapse key is left to the duplicate pass, which sets it only on
  // articles that have copies.
  const std::string body = article.body_text();
  const Signature signature = minhash(body);
  doc.add_value(schema::k_slot_signature, encode_signature(signature));
  if (!file_state.empty()) doc.add_value(schema::k_slot_file_state, file_state);
  const std::string day = article.date ? article.date->sortable() : std::string();
  if (article.date) {
    doc.add_boolean_term(schema::k_prefix_day + day);
    doc.add_boolean_term(schema::k_prefix_month + day.substr(0, 6));
    doc.add_boolean_term(schema::k_prefix_year + day.substr(0, 4));
    doc.add_value(schema::k_slot_date, day);
  }
  const std::vector<std::string> authors = byline_authors(article.author, article.source);
  add_publication_terms(doc, article, authors);
  doc.add_value(schema::k_slot_newest_key, (day.empty() ? "00000000" : day) + article.id);
  doc.add_value(schema::k_slot_oldest_key, (day.empty() ? "99999999" : day) + article.id);
  std::string shown_author;
  for (const std::string& author : authors) {
    shown_author += (shown_author.empty() ? "" : ", ") + author;
  }
  doc.add_value(schema::k_slot_summary, schema::encode_summary(article, shown_author));
  doc.set_data(body);
  return doc;
}

}  // namespace dateline

#include "indexer/spelling.hpp"

namespace dateline {

bool is_spelling_word(std::string_view term) {
  if (term.size() < 3) return false;
  for (char c : term) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) continue;  // part of a non-ASCII letter
    if (byte < 'a' || byte > 'z') return false;
  }
  return true;
}

void add_spelling_from_vocabulary(Xapian::WritableDatabase& db) {
  add_spelling_from_vocabulary(db, db);
}

void add_spelling_from_vocabulary(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  // Unprefixed terms start with a lower-case letter or a non-ASCII byte;
  // prefixes are upper case, so they sort before "a" and are skipped.
  Xapian::TermIterator it = from.allterms_begin();
  for (it.skip_to("a"); it != from.allterms_end(); ++it) {
    const std::string term = *it;
    if (is_spelling_word(term)) to.add_spelling(term, it.get_termfreq());
  }
}

void add_spelling_from_document(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  for (Xapian::TermIterator it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string term = *it;
    if (is_spelling_word(term)) db.add_spelling(term, 1);
  }
}

}  // namespace dateline

// Spelling data for "did you mean": Xapian's spelling table, filled from
// indexed words. Adding it word by word while generating terms cost as much
// as a third of indexing time; these add each distinct word once instead.
#pragma once

#include <xapian.h>

#include <string_view>

namespace dateline {

// True for an unprefixed term that is a plain word worth suggesting:
// letters only (ASCII or not), at least three bytes, no prefix.
bool is_spelling_word(std::string_view term);

// Adds every spelling word of `db`'s vocabulary with its document
// frequency. For a freshly built index, after its shards are merged.
void add_spelling_from_vocabulary(Xapian::WritableDatabase& db);

// Adds every spelling word of `from`'s vocabulary (all its shards') to
// `to`, with its document frequency in `from`. For a sharded index's
// spelling database.
void add_spelling_from_vocabulary(const Xapian::Database& from, Xapian::WritableDatabase& to);

// Adds the spelling words of one document (one each). For documents added
// to an existing index.
void add_spelling_from_document(Xapian::WritableDatabase& db, const Xapian::Document& doc);

}  // namespace dateline

#include "common/latest_revision.hpp"

namespace dateline::latest_revision {

Xapian::Database open(const std::string& path) {
  for (int attempt = 1;; ++attempt) {
    try {
      return Xapian::Database(path);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == k_attempts) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt == k_attempts) throw;
    }
  }
}

bool reopen(Xapian::Database& db) {
  bool changed = false;
  for (int attempt = 1;; ++attempt) {
    try {
      // A failed reopen() has moved some tables already; the next one
      // finds a newer revision (the writer committed twice) and moves all.
      return db.reopen() || changed;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == k_attempts) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt == k_attempts) throw;
    }
    changed = true;
  }
}

}  // namespace dateline::latest_revision

// Helpers the indexer's unit tests share: the message of a refusal, the
// parameters of a run over an index, and what a database's spelling data
// holds.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>

#include "common/error.hpp"
#include "indexer/indexer.hpp"

namespace dateline::test {

// The message `body` throws as dateline::Error, or "" if it throws nothing.
template <typename Body>
std::string error_of(Body body) {
  try {
    body();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A run's parameters over the index at `db`, of an input that is not read.
inline IndexParams params_for(const std::filesystem::path& db) {
  IndexParams params;
  params.db_path = db.string();
  params.inputs = {"corpus"};
  return params;
}

// Each word of `db`'s spelling data with its article count.
inline std::map<std::string, Xapian::doccount> spelling_of(const Xapian::Database& db) {
  std::map<std::string, Xapian::doccount> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    words[*it] = it.get_termfreq();
  }
  return words;
}

}  // namespace dateline::test

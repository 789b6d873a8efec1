// Helpers shared by the reader tests (reader_*_test.cpp).
#pragma once

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/reader.hpp"

namespace dateline::test {

using Paragraphs = std::vector<std::string>;

inline ReaderContext context_for(const std::string& path) {
  ReaderContext context;
  context.source_path = path;
  return context;
}

inline std::string iso_or_none(const std::optional<Date>& date) {
  return date ? date->iso() : "none";
}

// The one article a well-formed input gives.
inline Article only_article(const ReadResult& result) {
  REQUIRE(result.problems.empty());
  REQUIRE(result.articles.size() == 1);
  return result.articles.front();
}

}  // namespace dateline::test

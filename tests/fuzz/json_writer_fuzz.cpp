// Fuzz target: the result writers (searcher/output.cpp). A SearchResult is
// filled from the fuzzer's bytes (any bytes in any field, highlight markers
// and invalid UTF-8 included; the field order is make_result's, the
// encoding fuzz::FuzzInput's), then written as JSON, which must parse back
// as one object on one line, and as text, which without colour must hold
// no control character but newlines.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <sstream>
#include <string>

#include "searcher/output.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace dateline;

std::string field(fuzz::FuzzInput& input) { return input.take_string(64); }

SearchHit make_hit(fuzz::FuzzInput& input) {
  SearchHit hit;
  hit.rank = input.take_integer<std::size_t>();
  hit.id = field(input);
  hit.title = field(input);
  hit.path = field(input);
  hit.date = field(input);
  hit.source = field(input);
  hit.url = field(input);
  hit.score = input.take_double();
  hit.snippet = input.take_string(255);
  const std::size_t entities = input.take_index(7);
  for (std::size_t e = 0; e < entities; ++e) {
    ArticleEntity entity;
    entity.type = k_entity_types[input.take_index(std::size(k_entity_types))];
    entity.value = field(input);
    entity.mentions = input.take_integer<std::size_t>();
    hit.entities.push_back(std::move(entity));
  }
  hit.similar = input.take_integer<std::size_t>();
  hit.collapse_key = field(input);
  return hit;
}

Facet make_facet(fuzz::FuzzInput& input) {
  // FacetKind's seven kinds, person to month.
  Facet facet{static_cast<FacetKind>(input.take_index(7)), {}};
  const std::size_t values = input.take_index(6);
  for (std::size_t v = 0; v < values; ++v) {
    std::string value = field(input);
    facet.values.push_back({std::move(value), input.take_integer<Xapian::doccount>()});
  }
  return facet;
}

SearchResult make_result(fuzz::FuzzInput& input) {
  SearchResult result;
  result.query = field(input);
  result.parsed = field(input);
  result.suggestion = field(input);
  result.total = input.take_integer<std::size_t>();
  result.articles = input.take_integer<std::size_t>();
  result.total_exact = input.take_bool();
  result.offset = input.take_integer<std::size_t>();
  result.limit = input.take_integer<std::size_t>();
  result.took_ms = input.take_double();
  const std::size_t hits = input.take_index(5);
  for (std::size_t h = 0; h < hits; ++h) result.hits.push_back(make_hit(input));
  const std::size_t facets = input.take_index(4);
  for (std::size_t f = 0; f < facets; ++f) result.facets.push_back(make_facet(input));
  const std::size_t missing = input.take_index(3);
  for (std::size_t m = 0; m < missing; ++m) {
    std::string name = field(input);
    result.missing_shards.push_back({std::move(name), field(input)});
  }
  return result;
}

void check_json_line(const std::string& line) {
  fuzz::require(!line.empty() && line.back() == '\n', "JSON output does not end its line");
  fuzz::require(line.find('\n') == line.size() - 1, "JSON output spans several lines");
  const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  fuzz::require(parsed.is_object(), "JSON output does not parse as an object");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::FuzzInput input(data, size);
  const SearchResult result = make_result(input);

  std::ostringstream json;
  write_json(result, json);
  check_json_line(json.str());

  std::ostringstream error;
  write_json_error(result.query, input.take_integer<std::size_t>(), result.parsed, error);
  check_json_line(error.str());

  std::ostringstream plain;
  write_text(result, Color::no, plain);
  fuzz::require_no_control_characters(plain.str(), "text output holds a control character");
  std::ostringstream styled;
  write_text(result, Color::yes, styled);
  return 0;
}

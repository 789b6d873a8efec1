// Fuzz target: the result writers (searcher/output.cpp). A SearchResult is
// filled from the fuzzer's bytes (any bytes in any field, highlight markers
// and invalid UTF-8 included), then written as JSON, which must parse back
// as one object on one line, and as text, which without colour must hold
// no control character but newlines.
#include <fuzzer/FuzzedDataProvider.h>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "searcher/output.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace dateline;

std::string field(FuzzedDataProvider& input) { return input.ConsumeRandomLengthString(64); }

SearchResult make_result(FuzzedDataProvider& input) {
  SearchResult result;
  result.query = field(input);
  result.parsed = field(input);
  result.suggestion = field(input);
  result.total = input.ConsumeIntegral<std::size_t>();
  result.articles = input.ConsumeIntegral<std::size_t>();
  result.total_exact = input.ConsumeBool();
  result.offset = input.ConsumeIntegral<std::size_t>();
  result.limit = input.ConsumeIntegral<std::size_t>();
  result.took_ms = input.ConsumeFloatingPoint<double>();
  const std::size_t hits = input.ConsumeIntegralInRange<std::size_t>(0, 4);
  for (std::size_t h = 0; h < hits; ++h) {
    SearchHit hit;
    hit.rank = input.ConsumeIntegral<std::size_t>();
    hit.id = field(input);
    hit.title = field(input);
    hit.path = field(input);
    hit.date = field(input);
    hit.source = field(input);
    hit.url = field(input);
    hit.score = input.ConsumeFloatingPoint<double>();
    hit.snippet = input.ConsumeRandomLengthString(256);
    const std::size_t entities = input.ConsumeIntegralInRange<std::size_t>(0, 6);
    for (std::size_t e = 0; e < entities; ++e) {
      ArticleEntity entity;
      entity.type = k_entity_types[input.ConsumeIntegralInRange<std::size_t>(0, 3)];
      entity.value = field(input);
      entity.mentions = input.ConsumeIntegral<std::size_t>();
      hit.entities.push_back(std::move(entity));
    }
    hit.similar = input.ConsumeIntegral<std::size_t>();
    result.hits.push_back(std::move(hit));
  }
  const std::size_t facets = input.ConsumeIntegralInRange<std::size_t>(0, 3);
  for (std::size_t f = 0; f < facets; ++f) {
    Facet facet{static_cast<FacetKind>(input.ConsumeIntegralInRange<int>(0, 6)), {}};
    const std::size_t values = input.ConsumeIntegralInRange<std::size_t>(0, 5);
    for (std::size_t v = 0; v < values; ++v) {
      const std::string value = field(input);
      facet.values.push_back({value, input.ConsumeIntegral<Xapian::doccount>()});
    }
    result.facets.push_back(std::move(facet));
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
  FuzzedDataProvider input(data, size);
  const SearchResult result = make_result(input);

  std::ostringstream json;
  write_json(result, json);
  check_json_line(json.str());

  std::ostringstream error;
  write_json_error(result.query, result.parsed, error);
  check_json_line(error.str());

  std::ostringstream plain;
  write_text(result, Color::no, plain);
  fuzz::require_no_control_characters(plain.str(), "text output holds a control character");
  std::ostringstream styled;
  write_text(result, Color::yes, styled);
  return 0;
}

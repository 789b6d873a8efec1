// extract-eval: how well extract_html_article (common/html_article.hpp)
// finds the article and its metadata in saved web pages (issue 19).
//
//   extract-eval --pages DIR [--verbose] [--runs N] [--dump OUT]
//
// DIR holds one folder per case, as ../shared/data/readability/pages does:
// `source.html` (the page as saved), `expected.html` (the article a reader
// view keeps) and `expected-metadata.json` (`title`, `byline`,
// `publishedTime`). A folder without source.html or expected.html is
// skipped; so is DIR itself when it is absent (exit 0 with a message), so
// that the tool runs on machines without the data.
//
// Body, scored as the Scrapinghub article-extraction benchmark scores it:
// the gold text is expected.html rendered by html_block_text (block
// elements end paragraphs); both texts are case-folded and cut into words
// (runs of letters, digits and combining marks; everything else separates),
// and the words into 4-shingles (a text of one to three words is one
// shingle), counted as multisets. Per page, precision is the shingles in
// common (the multiset intersection) over the extracted shingles, recall
// the same over the gold shingles. Edge cases: nothing extracted and an
// empty gold text is precision and recall 1; nothing extracted otherwise
// is precision 0 and recall 0; text extracted from a page whose gold text
// is empty is precision 0 and recall 1. Precision and recall are averaged
// over pages and F1 is taken of the two averages. The same score of the
// page's whole text (html_block_text of source.html) is printed as the
// baseline an extractor has to beat.
//
// Metadata: the headline is right when it equals the gold `title` with
// white space collapsed (no-break spaces as spaces), case folded; the date is right, over the pages
// whose `publishedTime` is not null, when the date parsed from the page
// (HtmlArticle::published_date) is the gold's first ten characters
// (YYYY-MM-DD); a byline is found, over the pages whose `byline` is not
// null or empty, when one of the authors found is part of the gold byline
// or the gold byline part of them, case folded.
//
// --dump OUT writes, for each case, OUT/NAME.extracted.txt (the body
// extracted) and OUT/NAME.expected.txt (the gold text, as scored), to read
// what an extraction missed or kept beside the article. OUT is created; files
// of those names in it are overwritten.
//
// Throughput: the MB (10^6 bytes) of source.html extracted per second on
// one thread, the median of --runs passes over all pages held in memory.
//
// A benchmark, not a test: it prints figures to compare before and after
// a change. Cost: 2 + --runs parses of every page.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/html_article.hpp"
#include "common/text.hpp"

namespace {

using namespace dateline;
namespace fs = std::filesystem;
namespace po = boost::program_options;
using Json = nlohmann::json;

constexpr std::size_t k_shingle_words = 4;

struct Options {
  fs::path pages;
  bool verbose = false;
  int runs = 3;
  fs::path dump;  // empty: no dump
};

struct Case {
  std::string name;
  std::string source;
  std::string gold_body;
  Json metadata;
};

struct Score {
  double precision = 0;
  double recall = 0;
};

double f1(double precision, double recall) {
  return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_whole(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Case-folded words: runs of letters, digits and combining marks.
std::vector<std::string> words_of(std::string_view text) {
  const std::string folded = fold_case(text);
  std::vector<std::string> words;
  std::string word;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(folded.data());
  const auto length = static_cast<std::int32_t>(folded.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    const bool in_word = c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
    if (in_word) {
      word.append(folded, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

using Shingles = std::unordered_map<std::string, std::size_t>;

Shingles shingles_of(std::string_view text) {
  const std::vector<std::string> words = words_of(text);
  Shingles shingles;
  if (words.empty()) return shingles;
  const std::size_t n = std::min(k_shingle_words, words.size());
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    std::string key;
    for (std::size_t j = i; j < i + n; ++j) {
      key += words[j];
      key += '\x1F';
    }
    ++shingles[key];
  }
  return shingles;
}

std::size_t total(const Shingles& shingles) {
  std::size_t n = 0;
  for (const auto& entry : shingles) n += entry.second;
  return n;
}

Score score_body(std::string_view predicted, const Shingles& gold) {
  const Shingles found = shingles_of(predicted);
  const std::size_t found_total = total(found);
  const std::size_t gold_total = total(gold);
  if (found_total == 0) return gold_total == 0 ? Score{1, 1} : Score{0, 0};
  if (gold_total == 0) return {0, 1};
  std::size_t common = 0;
  for (const auto& [key, count] : found) {
    const auto it = gold.find(key);
    if (it != gold.end()) common += std::min(count, it->second);
  }
  return {static_cast<double>(common) / static_cast<double>(found_total),
          static_cast<double>(common) / static_cast<double>(gold_total)};
}

// White space collapsed (no-break spaces are spaces), case folded.
std::string normalised(std::string_view text) {
  std::string spaced(text);
  for (std::size_t at = spaced.find("\xC2\xA0"); at != std::string::npos;
       at = spaced.find("\xC2\xA0", at)) {
    spaced.replace(at, 2, " ");
  }
  return fold_case(collapse_whitespace(spaced));
}

std::string gold_string(const Json& metadata, const char* key) {
  const auto it = metadata.find(key);
  return it != metadata.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<Case> load_cases(const fs::path& pages) {
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(pages)) {
    if (entry.is_directory()) folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  std::vector<Case> cases;
  for (const fs::path& folder : folders) {
    if (!fs::exists(folder / "source.html") || !fs::exists(folder / "expected.html")) continue;
    Case item;
    item.name = folder.filename().string();
    item.source = read_whole(folder / "source.html");
    item.gold_body = html_block_text(read_whole(folder / "expected.html"));
    if (fs::exists(folder / "expected-metadata.json")) {
      item.metadata = Json::parse(read_whole(folder / "expected-metadata.json"), nullptr, false);
    }
    cases.push_back(std::move(item));
  }
  return cases;
}

struct PageResult {
  std::string name;
  Score body;
};

double median_throughput(const std::vector<Case>& cases, int runs) {
  std::size_t bytes = 0;
  for (const Case& item : cases) bytes += item.source.size();
  std::vector<double> rates;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t sink = 0;
    for (const Case& item : cases) sink += extract_html_article(item.source).body.size();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (sink == 0) std::cerr << "";  // keep the work observable
    rates.push_back(static_cast<double>(bytes) / 1e6 / elapsed.count());
  }
  std::sort(rates.begin(), rates.end());
  return rates.empty() ? 0.0 : rates[rates.size() / 2];
}

int evaluate(const Options& options) {
  if (!fs::is_directory(options.pages)) {
    std::cout << "extract-eval: skipped: " << options.pages.string() << " is not a directory\n";
    return 0;
  }
  const std::vector<Case> cases = load_cases(options.pages);
  if (cases.empty()) {
    std::cout << "extract-eval: skipped: no cases in " << options.pages.string() << "\n";
    return 0;
  }
  std::vector<PageResult> results;
  Score sum;
  Score baseline_sum;
  int headlines_right = 0;
  int dated = 0;
  int dates_right = 0;
  int bylined = 0;
  int bylines_found = 0;
  std::vector<std::string> misses;
  if (!options.dump.empty()) fs::create_directories(options.dump);
  for (const Case& item : cases) {
    const HtmlArticle article = extract_html_article(item.source);
    const Shingles gold = shingles_of(item.gold_body);
    const Score body = score_body(article.body, gold);
    const Score baseline = score_body(html_block_text(item.source), gold);
    sum.precision += body.precision;
    sum.recall += body.recall;
    baseline_sum.precision += baseline.precision;
    baseline_sum.recall += baseline.recall;
    results.push_back({item.name, body});
    if (!options.dump.empty()) {
      write_whole(options.dump / (item.name + ".extracted.txt"), article.body);
      write_whole(options.dump / (item.name + ".expected.txt"), item.gold_body);
    }

    const std::string title = gold_string(item.metadata, "title");
    if (normalised(title) == normalised(article.headline)) {
      ++headlines_right;
    } else {
      misses.push_back(item.name + ": headline \"" + article.headline + "\", expected \"" + title +
                       "\"");
    }
    const std::string published = gold_string(item.metadata, "publishedTime");
    if (!published.empty()) {
      ++dated;
      const std::string found = article.published_date ? article.published_date->iso() : "";
      if (published.substr(0, 10) == found) {
        ++dates_right;
      } else {
        misses.push_back(item.name + ": date \"" + article.published + "\" (" + found +
                         "), expected \"" + published + "\"");
      }
    }
    const std::string byline = normalised(gold_string(item.metadata, "byline"));
    if (!byline.empty()) {
      ++bylined;
      std::string joined;
      bool found = false;
      for (const std::string& author : article.authors) {
        const std::string name = normalised(author);
        found = found || (!name.empty() && byline.find(name) != std::string::npos);
        joined += name + " ";
      }
      found = found || joined.find(byline) != std::string::npos;
      if (found) {
        ++bylines_found;
      } else {
        misses.push_back(item.name + ": byline \"" + joined + "\", expected \"" + byline + "\"");
      }
    }
  }
  const double n = static_cast<double>(cases.size());
  const double precision = sum.precision / n;
  const double recall = sum.recall / n;
  auto percent = [](int right, int of) { return of == 0 ? 0.0 : 100.0 * right / of; };
  std::printf("pages: %zu\n", cases.size());
  std::printf("body: precision %.4f recall %.4f F1 %.4f\n", precision, recall,
              f1(precision, recall));
  std::printf("baseline (all of the page's text): precision %.4f recall %.4f F1 %.4f\n",
              baseline_sum.precision / n, baseline_sum.recall / n,
              f1(baseline_sum.precision / n, baseline_sum.recall / n));
  std::printf("headline right: %.1f%% (%d of %zu)\n", percent(headlines_right, int(cases.size())),
              headlines_right, cases.size());
  std::printf("date right: %.1f%% (%d of %d pages that state one)\n", percent(dates_right, dated),
              dates_right, dated);
  std::printf("byline found: %.1f%% (%d of %d pages with one)\n", percent(bylines_found, bylined),
              bylines_found, bylined);
  std::printf("throughput: %.1f MB/s on one thread (median of %d runs)\n",
              median_throughput(cases, options.runs), options.runs);
  if (options.verbose) {
    std::sort(results.begin(), results.end(), [](const PageResult& a, const PageResult& b) {
      return f1(a.body.precision, a.body.recall) < f1(b.body.precision, b.body.recall);
    });
    std::printf("\nper page, worst first: precision recall F1 name\n");
    for (const PageResult& result : results) {
      std::printf("%.3f %.3f %.3f %s\n", result.body.precision, result.body.recall,
                  f1(result.body.precision, result.body.recall), result.name.c_str());
    }
    std::printf("\nmetadata misses:\n");
    for (const std::string& miss : misses) std::printf("%s\n", miss.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  po::options_description description("extract-eval options");
  description.add_options()("help,h", "show this help")(
      "pages", po::value<std::string>()->required(),
      "folder of cases (source.html, expected.html, expected-metadata.json)")(
      "verbose", po::bool_switch(&options.verbose), "per-page scores, worst first, and misses")(
      "runs", po::value<int>(&options.runs)->default_value(3), "timed passes for the throughput")(
      "dump", po::value<std::string>(),
      "folder to write each page's extracted and expected text to");
  try {
    po::variables_map values;
    po::store(po::parse_command_line(argc, argv, description), values);
    if (values.count("help") != 0) {
      std::cout << "usage: extract-eval --pages DIR [--verbose] [--runs N] [--dump OUT]\n"
                << description;
      return 0;
    }
    po::notify(values);
    options.pages = values["pages"].as<std::string>();
    if (values.count("dump") != 0) options.dump = values["dump"].as<std::string>();
    if (options.runs < 1) throw po::error("--runs must be at least 1");
    return evaluate(options);
  } catch (const po::error& e) {
    std::cerr << "extract-eval: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "extract-eval: " << e.what() << "\n";
    return 1;
  }
}

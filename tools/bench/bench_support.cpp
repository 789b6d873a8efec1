#include "tools/bench/bench_support.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <numeric>
#include <random>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"

namespace dateline::bench {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

Latency summarise(std::vector<double> samples_ms) {
  Latency latency;
  if (samples_ms.empty()) return latency;
  std::sort(samples_ms.begin(), samples_ms.end());
  const std::size_t n = samples_ms.size();
  latency.p50 = samples_ms[n / 2];
  latency.p99 =
      samples_ms[std::min(n - 1, static_cast<std::size_t>(static_cast<double>(n) * 0.99))];
  latency.mean =
      std::accumulate(samples_ms.begin(), samples_ms.end(), 0.0) / static_cast<double>(n);
  return latency;
}

Latency time_queries(const std::vector<std::string>& queries, std::size_t runs,
                     const std::function<void(const std::string&)>& run) {
  for (const std::string& query : queries) run(query);
  std::vector<double> samples_ms;
  samples_ms.reserve(queries.size() * runs);
  for (std::size_t round = 0; round < runs; ++round) {
    for (const std::string& query : queries) {
      const Stopwatch stopwatch;
      run(query);
      samples_ms.push_back(stopwatch.milliseconds());
    }
  }
  return summarise(std::move(samples_ms));
}

Latency time_searches(Searcher& searcher, const SearchRequest& request,
                      const std::vector<std::string>& queries, std::size_t runs) {
  SearchRequest each = request;
  return time_queries(queries, runs, [&](const std::string& query) {
    each.query = query;
    searcher.search(each);
  });
}

std::vector<std::string> headline_words(std::string_view headline) {
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (word.size() >= 4) words.push_back(word);
    word.clear();
  };
  for (const char c : headline) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalpha(byte)) {
      word += static_cast<char>(std::tolower(byte));
    } else {
      end_word();
    }
  }
  end_word();
  return words;
}

std::vector<std::string> draw_queries(const Xapian::Database& db, std::size_t count,
                                      std::uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<std::string> queries;
  const Xapian::docid last = db.get_lastdocid();
  if (last == 0) return queries;
  for (std::size_t draws = 0; queries.size() < count && draws < count * 50; ++draws) {
    const Xapian::docid id = 1 + static_cast<Xapian::docid>(random() % last);
    std::string headline;
    try {
      headline =
          schema::decode_summary(db.get_document(id).get_value(schema::k_slot_summary)).title;
    } catch (const Xapian::DocNotFoundError&) {
      continue;  // a deleted article
    }
    const std::vector<std::string> words = headline_words(headline);
    if (words.size() < 2) continue;
    const std::size_t first = random() % (words.size() - 1);
    queries.push_back(words[first] + " " + words[first + 1]);
  }
  return queries;
}

std::vector<std::string> read_queries(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read queries from '" + path.string() + "'");
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  if (in.bad()) throw Error("cannot read queries from '" + path.string() + "'");
  return queries;
}

void write_queries(const std::filesystem::path& path, const std::vector<std::string>& queries) {
  std::ofstream out(path);
  for (const std::string& query : queries) out << query << '\n';
  out.close();
  if (!out) throw Error("cannot write queries to '" + path.string() + "'");
}

boost::program_options::typed_value<std::string>* runs_value(std::size_t& runs,
                                                             std::size_t default_runs) {
  return cli::whole_number("runs", runs, 1, 1000, default_runs);
}

boost::program_options::typed_value<std::string>* make_queries_value(std::size_t& count,
                                                                     std::size_t default_count) {
  return cli::whole_number("make-queries", count, 1, 1'000'000, default_count);
}

}  // namespace dateline::bench

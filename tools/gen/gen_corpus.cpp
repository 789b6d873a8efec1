// gen-corpus: writes a deterministic synthetic news archive for scale tests.
//
//   gen-corpus N DIR [--seed S]
//
// N articles as DIR/YYYY/MM/DD/article-K.txt in the scraped layout the text
// reader expects (boilerplate lines, a headline, paragraphs), over 2000-2025:
// a Zipfian vocabulary of made-up words, a cast of recurring people,
// places and organisations (so facets have real counts), about 2% near-
// duplicate copies of earlier articles with a few words changed, and about
// 0.1% bad files (empty, binary, invalid UTF-8). The same N and seed always
// give the same bytes.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "common/cli.hpp"

namespace {

namespace cli = dateline::cli;
namespace fs = std::filesystem;
namespace po = boost::program_options;

// SplitMix64: small, fast, and the same on every platform (unlike the
// standard library's distributions).
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }

 private:
  std::uint64_t m_state;
};

const char* const k_syllables[] = {"ka",  "lo",  "mir", "ten", "sa",  "vo",  "ri",  "dan",
                                   "bel", "tor", "ne",  "qua", "zu",  "pel", "hos", "tri",
                                   "gan", "mol", "ver", "sil", "ran", "to",  "ex",  "ul",
                                   "ba",  "cor", "di",  "fen", "ja",  "wis"};

std::string make_word(Random& random, std::size_t syllables) {
  std::string word;
  for (std::size_t i = 0; i < syllables; ++i)
    word += k_syllables[random.below(std::size(k_syllables))];
  return word;
}

std::string capitalised(std::string word) {
  if (!word.empty()) word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

// Words drawn with Zipf's law (exponent 1) over a fixed vocabulary.
class Vocabulary {
 public:
  Vocabulary(Random& random, std::size_t size) {
    double total = 0;
    for (std::size_t i = 0; i < size; ++i) {
      m_words.push_back(make_word(random, 1 + random.below(3)));
      total += 1.0 / static_cast<double>(i + 1);
      m_cdf.push_back(total);
    }
    for (double& c : m_cdf) c /= total;
  }
  const std::string& draw(Random& random) const {
    const auto it = std::lower_bound(m_cdf.begin(), m_cdf.end(), random.unit());
    return m_words[std::min<std::size_t>(static_cast<std::size_t>(it - m_cdf.begin()),
                                         m_words.size() - 1)];
  }

 private:
  std::vector<std::string> m_words;
  std::vector<double> m_cdf;
};

const char* const k_places[] = {
    "Geneva",    "Brussels", "Moscow",  "Washington", "London",  "Paris",  "Tokyo",  "Berlin",
    "Madrid",    "Rome",     "Beijing", "Cairo",      "Nairobi", "Lima",   "Ottawa", "Canberra",
    "Oslo",      "Vienna",   "Syria",   "Ukraine",    "Brazil",  "Norway", "Japan",  "Germany",
    "France",    "China",    "India",   "Mexico",     "Kenya",   "Egypt",  "Canada", "Australia",
    "Argentina", "Poland",   "Turkey",  "Iran"};
const char* const k_org_kinds[] = {"Bank",  "Group",   "Systems",   "Energy",   "Foods",
                                   "Party", "Council", "Institute", "Airlines", "Motors"};
const char* const k_titles[] = {"Minister", "President", "Governor", "Mayor", "Judge", "Senator"};
const char* const k_boilerplate[] = {"Advertisement", "Anuncio",   "Share", "Publicidad",
                                     "Anzeige",       "Read more", "Print"};

struct Cast {
  std::vector<std::string> people;
  std::vector<std::string> orgs;
};

Cast make_cast(Random& random) {
  Cast cast;
  for (int i = 0; i < 3000; ++i) {
    cast.people.push_back(capitalised(make_word(random, 2)) + " " +
                          capitalised(make_word(random, 2 + random.below(2))));
  }
  for (int i = 0; i < 800; ++i) {
    cast.orgs.push_back(capitalised(make_word(random, 2)) + " " +
                        k_org_kinds[random.below(std::size(k_org_kinds))]);
  }
  return cast;
}

// Entities recur with a skew: a few are in the news all the time.
std::size_t skewed(Random& random, std::size_t n) {
  const double u = random.unit();
  return std::min(n - 1, static_cast<std::size_t>(std::pow(u, 3.0) * static_cast<double>(n)));
}

struct Story {
  std::string title;
  std::vector<std::string> paragraphs;
};

Story make_story(Random& random, const Vocabulary& words, const Cast& cast) {
  const std::string& person = cast.people[skewed(random, cast.people.size())];
  const std::string& org = cast.orgs[skewed(random, cast.orgs.size())];
  const std::string place = k_places[skewed(random, std::size(k_places))];
  const std::string surname = person.substr(person.find(' ') + 1);
  Story story;
  story.title = capitalised(words.draw(random)) + " " + words.draw(random) + " in " + place +
                " as " + surname + " " + words.draw(random) + " " + words.draw(random);
  const std::size_t paragraphs = 3 + random.below(5);
  for (std::size_t p = 0; p < paragraphs; ++p) {
    std::string text;
    if (p == 0) {
      text = k_titles[random.below(std::size(k_titles))] + std::string(" ") + person + " of " +
             org + " said on Tuesday in " + place + " that";
    }
    const std::size_t length = 25 + random.below(40);
    for (std::size_t w = 0; w < length; ++w) {
      if (!text.empty()) text += ' ';
      if (random.below(40) == 0) {
        text += surname;
      } else if (random.below(60) == 0) {
        text += cast.orgs[skewed(random, cast.orgs.size())];
      } else if (random.below(80) == 0) {
        text += k_places[random.below(std::size(k_places))];
      } else {
        text += words.draw(random);
      }
    }
    text += '.';
    story.paragraphs.push_back(std::move(text));
  }
  return story;
}

void write_story(const fs::path& path, const Story& story, Random& random) {
  std::ofstream out(path);
  if (random.below(3) != 0) out << k_boilerplate[random.below(std::size(k_boilerplate))] << "\n\n";
  out << story.title << "\n\n";
  for (std::size_t i = 0; i < story.paragraphs.size(); ++i) {
    out << story.paragraphs[i] << "\n\n";
    if (random.below(10) == 0)
      out << k_boilerplate[random.below(std::size(k_boilerplate))] << "\n\n";
  }
}

void write_bad_file(const fs::path& path, Random& random) {
  std::ofstream out(path, std::ios::binary);
  switch (random.below(3)) {
    case 0:
      break;  // empty
    case 1:
      out << std::string(
          "\x7f"
          "ELF\0\0\0binary",
          13);
      break;
    default:
      out << "Headline with bad bytes \xff\xfe here\n\nBody \xc3\x28 text.\n";
      break;
  }
}

struct GenCorpusCommandLine {
  cli::GeneralFlags general;
  std::size_t count = 0;
  fs::path root;
  std::size_t seed = 20261125;
};

po::options_description gen_corpus_options(GenCorpusCommandLine& c) {
  po::options_description group("Corpus");
  group.add_options()  //
      ("seed",
       cli::whole_number("seed", c.seed, 0, std::numeric_limits<std::size_t>::max(), c.seed),
       "the generator's seed: the same N and seed give the same bytes");
  return cli::with_general_options(c.general, group);
}

GenCorpusCommandLine parse_gen_corpus_command_line(const std::vector<std::string>& args) {
  GenCorpusCommandLine c;
  std::string count;
  po::options_description options = gen_corpus_options(c);
  options.add_options()("count", po::value(&count))("root", po::value(&c.root));
  po::positional_options_description positional;
  positional.add("count", 1).add("root", 1);
  cli::parse_arguments(args, options, positional);
  if (c.general.help_or_version()) return c;
  if (count.empty() || c.root.empty()) throw po::error("expected N and DIR");
  constexpr std::size_t k_most = std::numeric_limits<std::size_t>::max();
  const std::optional<std::size_t> n = cli::parse_whole_number(count, 0, k_most);
  if (!n) throw po::error(cli::whole_number_error("N", 0, k_most, count));
  c.count = *n;
  return c;
}

std::string gen_corpus_usage() {
  GenCorpusCommandLine c;
  return cli::help_text(
      "Usage: gen-corpus N DIR [--seed S]\n\n"
      "Writes N synthetic articles under DIR (YYYY/MM/DD/article-K.txt), the same\n"
      "bytes for the same N and seed.\n",
      gen_corpus_options(c));
}

// A copy of one of `recent`'s stories with three words added here and
// there: a near-duplicate.
Story near_duplicate(const std::vector<Story>& recent, const Vocabulary& words, Random& random) {
  Story story = recent[random.below(recent.size())];
  for (int edits = 0; edits < 3; ++edits) {
    std::string& paragraph = story.paragraphs[random.below(story.paragraphs.size())];
    const std::size_t space = paragraph.find(' ', random.below(paragraph.size()));
    if (space != std::string::npos) paragraph.insert(space, " " + words.draw(random));
  }
  return story;
}

// The directory of article `i` of `count`: dates spread over 2000-2025,
// advancing with i so the tree stays tidy.
fs::path dated_directory(const fs::path& root, std::size_t i, std::size_t count) {
  const std::size_t day_index = i * 26 * 365 / std::max<std::size_t>(count, 1);
  const int year = 2000 + static_cast<int>(day_index / 365);
  const int month = 1 + static_cast<int>(day_index % 365 / 31 % 12);
  const int day = 1 + static_cast<int>(day_index % 31 % 28);
  char dir_name[32];
  std::snprintf(dir_name, sizeof dir_name, "%04d/%02d/%02d", year, month, day);
  return root / dir_name;
}

int write_corpus(const GenCorpusCommandLine& c) {
  Random random(c.seed);
  const Vocabulary words(random, 50000);
  const Cast cast = make_cast(random);
  std::vector<Story> recent;  // candidates for near-duplicates
  for (std::size_t i = 0; i < c.count; ++i) {
    const fs::path dir = dated_directory(c.root, i, c.count);
    fs::create_directories(dir);
    const fs::path path = dir / ("article-" + std::to_string(i) + ".txt");
    if (random.below(1000) == 0) {
      write_bad_file(path, random);
      continue;
    }
    Story story;
    if (!recent.empty() && random.below(50) == 0) {
      story = near_duplicate(recent, words, random);
    } else {
      story = make_story(random, words, cast);
      if (recent.size() < 500) {
        recent.push_back(story);
      } else {
        recent[random.below(recent.size())] = story;
      }
    }
    write_story(path, story, random);
  }
  std::cout << "gen-corpus: wrote " << c.count << " articles under " << c.root.string() << '\n';
  return cli::k_exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  return dateline::cli::run_main<GenCorpusCommandLine>(
      {"gen-corpus", parse_gen_corpus_command_line, gen_corpus_usage, write_corpus}, argc, argv);
}

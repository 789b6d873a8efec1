#include "searcher/shard_set.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "searcher/searcher.hpp"
#include "tests/searcher/test_index.hpp"

namespace dateline {
namespace {

// The sample archive split into two local shards, and a stub listing them.
struct TwoShards {
  std::vector<test::TestArticle> articles = test::sample_archive();
  test::TestIndex first{std::vector<test::TestArticle>(articles.begin(), articles.begin() + 3)};
  test::TestIndex second{std::vector<test::TestArticle>(articles.begin() + 3, articles.end())};
  test::TempDir dir;
  std::string stub =
      dir.write("index.stub", "auto " + first.path() + "\nauto " + second.path() + "\n").string();
};

IndexSource source_of(std::vector<std::string> databases,
                      AllowPartial allow_partial = AllowPartial::no) {
  IndexSource source;
  source.databases = std::move(databases);
  source.allow_partial = allow_partial;
  return source;
}

}  // namespace

TEST_CASE("an index directory is one database, described by its path", "[searcher][shards]") {
  const test::TestIndex index(test::sample_archive());
  const ShardSet shards(source_of({index.path()}));
  CHECK(shards.is_single_directory());
  CHECK(shards.description() == index.path());
  CHECK(shards.language() == "english");
  CHECK(shards.missing().empty());
  CHECK(shards.database().get_doccount() == 6);
}

TEST_CASE("a stub's shards open as one database, and search as one", "[searcher][shards]") {
  const TwoShards index;
  const ShardSet shards(source_of({index.stub}));
  CHECK_FALSE(shards.is_single_directory());
  CHECK(shards.description() == "2 shards of " + index.stub);
  CHECK(shards.database().get_doccount() == 6);

  // The same answers as one database of the same articles.
  const test::TestIndex whole(test::sample_archive());
  SearchRequest request;
  request.query = "*";
  request.facets = {FacetKind::person, FacetKind::source};
  Searcher sharded(source_of({index.stub}));
  Searcher single(whole.path());
  const SearchResult a = sharded.search(request);
  const SearchResult b = single.search(request);
  CHECK(a.total == b.total);
  REQUIRE(a.facets.size() == b.facets.size());
  for (std::size_t i = 0; i < a.facets.size(); ++i) CHECK(a.facets[i].values == b.facets[i].values);
}

TEST_CASE("several databases given at once are shards of one index", "[searcher][shards]") {
  const TwoShards index;
  const ShardSet shards(source_of({index.first.path(), index.second.path()}));
  CHECK_FALSE(shards.is_single_directory());
  CHECK(shards.description() == "2 shards");
  CHECK(shards.database().get_doccount() == 6);
}

TEST_CASE("a missing shard is an error naming it, or left out when partial results are allowed",
          "[searcher][shards]") {
  const TwoShards index;
  const std::string gone = (index.dir.path() / "gone").string();
  const std::string stub =
      index.dir.write("partial.stub", "auto " + index.first.path() + "\nauto " + gone + "\n")
          .string();
  CHECK_THROWS_AS(ShardSet(source_of({stub})), ShardError);
  CHECK_THROWS_WITH(ShardSet(source_of({stub})),
                    "shard " + gone +
                        ": no such database directory (--allow-partial searches the other "
                        "shards and names the missing)");

  const ShardSet partial(source_of({stub}, AllowPartial::yes));
  CHECK(partial.missing() == std::vector<MissingShard>{{gone, "no such database directory"}});
  CHECK(partial.database().get_doccount() == 3);
  // A search says which shards it left out.
  Searcher searcher(source_of({stub}, AllowPartial::yes));
  SearchRequest request;
  request.query = "*";
  CHECK(searcher.search(request).missing_shards == partial.missing());
}

TEST_CASE("a stub none of whose shards answers is an error naming each", "[searcher][shards]") {
  test::TempDir dir;
  const std::string a = (dir.path() / "a").string();
  const std::string b = (dir.path() / "b").string();
  const std::string stub = dir.write("index.stub", "auto " + a + "\nauto " + b + "\n").string();
  CHECK_THROWS_WITH(ShardSet(source_of({stub}, AllowPartial::yes)),
                    "no shard of 2 shards of " + stub + " answered: " + a +
                        ": no such database directory; " + b + ": no such database directory");
}

TEST_CASE("shards indexed with different stemmers are not one index", "[searcher][shards]") {
  const std::vector<test::TestArticle> articles = test::sample_archive();
  const test::TestIndex english({articles.front()});
  const test::TestIndex french({articles.back()}, "french");
  CHECK_THROWS_WITH(ShardSet(source_of({english.path(), french.path()})),
                    "shard " + french.path() +
                        " was indexed with the french stemmer, the others with english; they are "
                        "not one index");
}

TEST_CASE("an index that is not there, or not a database, is a clear error", "[searcher][shards]") {
  test::TempDir dir;
  const std::string missing = (dir.path() / "missing").string();
  CHECK_THROWS_WITH(open_index(missing),
                    "index '" + missing + "' does not exist; create it with: dateline-index --db " +
                        missing + " PATH...");
  // A folder of articles given as the index.
  const std::string folder = dir.path().string();
  const std::string no_index = "'" + folder +
                               "' holds no index (no Xapian database in it): --db names the "
                               "directory that dateline-index --db DIR built, not the articles' "
                               "folder";
  CHECK_THROWS_WITH(open_index(folder), no_index);
  CHECK_THROWS_WITH(ShardSet(source_of({folder})), no_index);
  CHECK_THROWS_AS(ShardSet(IndexSource{}), Error);
}

}  // namespace dateline

#include "searcher/searcher.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/searcher/test_index.hpp"

namespace dateline {
namespace {

// The sample archive, indexed once for the tests that only read it.
const test::TestIndex& archive() {
  static const test::TestIndex index(test::sample_archive());
  return index;
}

SearchRequest request_for(const std::string& query) {
  SearchRequest request;
  request.query = query;
  return request;
}

std::vector<std::string> dates_of(const SearchResult& result) {
  std::vector<std::string> dates;
  for (const SearchHit& hit : result.hits) dates.push_back(hit.date);
  return dates;
}

bool has_highlight(const std::string& snippet) {
  return snippet.find(k_highlight_start) != std::string::npos &&
         snippet.find(k_highlight_end) != std::string::npos;
}

}  // namespace

TEST_CASE("a query finds its articles, with their stored summaries and entities",
          "[searcher][searcher]") {
  Searcher searcher(archive().path());
  const SearchResult result = searcher.search(request_for("zanzibar"));
  CHECK(result.total == 1);
  CHECK(result.total_exact);
  REQUIRE(result.hits.size() == 1);
  const SearchHit& hit = result.hits[0];
  CHECK(hit.rank == 1);
  CHECK(hit.title == "Zanzibar ferry resumes service");
  CHECK(hit.path == "/archive/2024/05/01/ferry.txt");
  CHECK(hit.date == "2024-05-01");
  CHECK(hit.source == "Rose City Ledger");
  CHECK(hit.author == "Kenji Mori");
  CHECK(hit.url == "https://example.com/ferry");
  CHECK(hit.score > 0);
  CHECK(hit.entities ==
        std::vector<ArticleEntity>{{EntityType::location, "Zanzibar", 2, true, true}});
  CHECK(has_highlight(hit.snippet));
  CHECK_THAT(hit.snippet, Catch::Contains(std::string(1, k_highlight_start) + "Zanzibar"));
}

TEST_CASE("copies of a story are one result that counts the others, unless collapsing is off",
          "[searcher][searcher]") {
  Searcher searcher(archive().path());
  SearchRequest request = request_for("ceasefire");
  const SearchResult collapsed = searcher.search(request);
  CHECK(collapsed.total == 1);
  CHECK(collapsed.articles == 2);
  REQUIRE(collapsed.hits.size() == 1);
  CHECK(collapsed.hits[0].similar == 1);
  CHECK_FALSE(collapsed.hits[0].collapse_key.empty());

  request.collapse = false;
  const SearchResult every = searcher.search(request);
  CHECK(every.total == 2);
  REQUIRE(every.hits.size() == 2);
  CHECK(every.hits[0].similar == 0);
  CHECK(every.hits[0].collapse_key == every.hits[1].collapse_key);
}

TEST_CASE("a query of filters only lists newest first, with the articles' leads as snippets",
          "[searcher][searcher]") {
  Searcher searcher(archive().path());
  SearchRequest request = request_for("source:\"Harbour Wire\"");
  const SearchResult result = searcher.search(request);
  CHECK(dates_of(result) == std::vector<std::string>{"2024-03-14", "2023-06-02", "2021-01-20"});
  for (const SearchHit& hit : result.hits) {
    INFO(hit.title);
    CHECK(hit.score == 0);
    CHECK_FALSE(has_highlight(hit.snippet));
  }
  CHECK(result.hits.back().snippet ==
        "Oil prices rose on Wednesday after OPEC agreed to cut output, traders said.");
  // A page of them follows the same order.
  request.offset = 1;
  request.limit = 1;
  CHECK(dates_of(searcher.search(request)) == std::vector<std::string>{"2023-06-02"});
}

TEST_CASE("an entity filter lists the articles most about the entity first, dates sort still",
          "[searcher][searcher][salience]") {
  const auto kerry = [](std::size_t mentions, bool in_title, bool in_lead) {
    return ArticleEntity{EntityType::person, "John Kerry", mentions, in_title, in_lead};
  };
  const auto article = [](std::string name, std::string title, int day, ArticleEntity entity) {
    std::string body = "Talks on " + name + " went on with many delegations, officials said.";
    return test::TestArticle{
        std::move(name),    std::move(title), {std::move(body)}, Date{2024, 3, day}, "", "", "",
        {std::move(entity)}};
  };
  const test::TestIndex index({
      article("aside", "Markets steady", 3, kerry(1, false, false)),
      article("about", "Kerry opens talks", 1, kerry(4, true, true)),
      article("lead", "Talks open", 2, kerry(2, false, true)),
  });
  Searcher searcher(index.path());
  const auto titles = [&](const std::string& query, SortOrder sort) {
    SearchRequest request = request_for(query);
    request.sort = sort;
    std::vector<std::string> out;
    for (const SearchHit& hit : searcher.search(request).hits) out.push_back(hit.title);
    return out;
  };
  CHECK(titles("person:\"John Kerry\"", SortOrder::relevance) ==
        std::vector<std::string>{"Kerry opens talks", "Talks open", "Markets steady"});
  // A text query that all three match equally gets the same order.
  CHECK(titles("delegations person:kerry", SortOrder::relevance) ==
        std::vector<std::string>{"Kerry opens talks", "Talks open", "Markets steady"});
  CHECK(titles("person:\"John Kerry\"", SortOrder::newest) ==
        std::vector<std::string>{"Markets steady", "Talks open", "Kerry opens talks"});
}

TEST_CASE("a result lists its article's entities as the archive counts them",
          "[searcher][searcher][resolution]") {
  const auto person = [](std::string name, std::size_t mentions, bool titled = false) {
    return ArticleEntity{EntityType::person, std::move(name), mentions, false, false, titled};
  };
  const auto article = [](std::string name, std::vector<ArticleEntity> entities) {
    std::string body = "Budget talks on " + name + " went on, officials said.";
    return test::TestArticle{name, "Budget " + name,   {std::move(body)}, Date{2024, 3, 1}, "", "",
                             "",   std::move(entities)};
  };
  std::vector<test::TestArticle> articles;
  for (const char* name : {"one", "two", "three", "four", "five"}) {
    articles.push_back(article(name, {person("Ronald Reagan", 2)}));
  }
  articles.push_back(article("zebra", {person("Reagan", 2), person("Brown", 3),
                                       person("Ronald Reagan", 1), person("Suharto", 1, true)}));
  const test::TestIndex index(articles);
  Searcher searcher(index.path());
  const SearchResult result = searcher.search(request_for("zebra"));
  REQUIRE(result.hits.size() == 1);
  // "Reagan" counts as Ronald Reagan (its mentions with his); Brown, a bare
  // name no article introduces, is no value; Suharto, written after a
  // title, is.
  CHECK(result.hits[0].entities ==
        std::vector<ArticleEntity>{person("Ronald Reagan", 3), person("Suharto", 1, true)});
}

TEST_CASE("a lead longer than the snippet is cut at a word", "[searcher][searcher]") {
  Searcher searcher(archive().path());
  SearchRequest request = request_for("date:2024-03-14");
  request.snippet_bytes = 30;
  const SearchResult result = searcher.search(request);
  REQUIRE(result.hits.size() == 1);
  CHECK(result.hits[0].snippet == "GENEVA - Secretary of State...");
}

TEST_CASE("the sort orders put dated articles in order and undated ones last",
          "[searcher][searcher]") {
  Searcher searcher(archive().path());
  SearchRequest request = request_for("*");
  request.collapse = false;
  request.sort = SortOrder::newest;
  CHECK(dates_of(searcher.search(request)) == std::vector<std::string>{"2024-05-01", "2024-03-16",
                                                                       "2024-03-14", "2023-06-02",
                                                                       "2021-01-20", ""});
  request.sort = SortOrder::oldest;
  CHECK(dates_of(searcher.search(request)) == std::vector<std::string>{"2021-01-20", "2023-06-02",
                                                                       "2024-03-14", "2024-03-16",
                                                                       "2024-05-01", ""});
}

TEST_CASE("a request for no results gives the exact total and the facets only",
          "[searcher][searcher]") {
  Searcher searcher(archive().path());
  SearchRequest request = request_for("*");
  request.limit = 0;
  request.facets = {FacetKind::person, FacetKind::year};
  const SearchResult result = searcher.search(request);
  CHECK(result.hits.empty());
  CHECK(result.total == 5);  // the two copies are one story
  CHECK(result.articles == 6);
  CHECK(result.total_exact);
  REQUIRE(result.facets.size() == 2);
  CHECK(result.facets[0].values ==
        std::vector<FacetValue>{{"John Kerry", 3}, {"Sergey Lavrov", 2}});
  CHECK(result.facets[1].values == std::vector<FacetValue>{{"2024", 3}, {"2021", 1}, {"2023", 1}});
}

TEST_CASE("dates and filters restrict what a query matches", "[searcher][searcher]") {
  Searcher searcher(archive().path());
  SearchRequest request = request_for("kerry");
  request.dates.from = Date{2024, 1, 1};
  CHECK(dates_of(searcher.search(request)) == std::vector<std::string>{"2024-03-14"});
  // With no query text, the dates alone select.
  request.query.clear();
  request.dates = {Date{2023, 1, 1}, Date{2023, 12, 31}};
  CHECK(dates_of(searcher.search(request)) == std::vector<std::string>{"2023-06-02"});
  // So does a filter the query language cannot express.
  request.dates = {};
  request.filters = {
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::k_slot_date, "2021", "2021~")};
  CHECK(dates_of(searcher.search(request)) == std::vector<std::string>{"2021-01-20"});
}

TEST_CASE("articles like one never include it, an unknown id is a bad query",
          "[searcher][searcher]") {
  Searcher searcher(archive().path());
  const SearchResult talks = searcher.search(request_for("beijing"));
  REQUIRE(talks.hits.size() == 1);
  const std::string id = talks.hits[0].id;
  SearchRequest like;
  like.like_id = id;
  like.collapse = false;
  const SearchResult similar = searcher.search(like);
  CHECK(similar.total > 0);
  for (const SearchHit& hit : similar.hits) CHECK(hit.id != id);
  // The query, when there is one, narrows them.
  like.query = "zanzibar";
  for (const SearchHit& hit : searcher.search(like).hits) CHECK(hit.title.find("Zanzibar") == 0);

  SearchRequest unknown;
  unknown.like_id = "0000000000000000";
  CHECK_THROWS_WITH(searcher.search(unknown), "no article with id '0000000000000000'");
}

TEST_CASE("a misspelt rare word gets a suggestion that finds more", "[searcher][searcher]") {
  Searcher searcher(archive().path());
  CHECK(searcher.search(request_for("zanzibr")).suggestion == "zanzibar");
  // A query of common words is left alone, as are scripts that ask not to.
  CHECK(searcher.search(request_for("kerry talks")).suggestion.empty());
  SearchRequest quiet = request_for("zanzibr");
  quiet.suggest = false;
  CHECK(searcher.search(quiet).suggestion.empty());
}

TEST_CASE("a filter value the archive does not have gets its nearest name as a suggestion",
          "[searcher][searcher]") {
  Searcher searcher(archive().path());
  CHECK(searcher.search(request_for("person:\"Jon Kery\"")).suggestion == "person:\"John Kerry\"");
  CHECK(searcher.search(request_for("talks location:genva")).suggestion == "talks location:Geneva");
  // Several fields at once, each in its place; a value that matches is kept.
  CHECK(searcher.search(request_for("person:lavrof location:Geneva org:\"United Natons\""))
            .suggestion == "person:\"Sergey Lavrov\" location:Geneva org:\"United Nations\"");
  // Nothing near: no suggestion.
  CHECK(searcher.search(request_for("person:xylophonist")).suggestion.empty());
  // A value that matches is the user's, however few articles it finds.
  const auto article = [](std::string name, std::string person) {
    return test::TestArticle{name,
                             "Rates " + name,
                             {"Rates held, " + name + " said."},
                             Date{2024, 3, 1},
                             "",
                             "",
                             "",
                             {{EntityType::person, std::move(person), 1, true, true}}};
  };
  const test::TestIndex index({article("one", "Paul Volcker"), article("two", "Paul Volcker"),
                               article("three", "Paul Volker")});
  Searcher near(index.path());
  CHECK(near.search(request_for("person:\"Paul Volker\"")).suggestion.empty());
  CHECK(near.search(request_for("person:\"Paul Volckr\"")).suggestion == "person:\"Paul Volcker\"");
}

TEST_CASE("a stored article is found by its id", "[searcher][searcher]") {
  Searcher searcher(archive().path());
  const SearchResult result = searcher.search(request_for("okapi"));
  REQUIRE(result.hits.size() == 1);
  const std::optional<schema::StoredArticle> article = searcher.find_article(result.hits[0].id);
  REQUIRE(article);
  CHECK(article->title == "An okapi story with no date");
  CHECK(article->date.empty());
  CHECK(article->body == "The okapi slept in the forest all day.");
  CHECK_FALSE(searcher.find_article("ffffffffffffffff"));
}

TEST_CASE("a searcher sees what is committed after it opened, once it reopens",
          "[searcher][searcher]") {
  test::TestIndex index(
      {{.name = "a.txt", .title = "An okapi story", .paragraphs = {"It slept."}}});
  Searcher searcher(index.path());
  CHECK_FALSE(searcher.has_dates());
  CHECK_FALSE(searcher.reopen());
  index.add({{.name = "b.txt",
              .title = "A second okapi story",
              .paragraphs = {"Another okapi woke."},
              .date = Date{2024, 1, 2}}});
  CHECK(searcher.search(request_for("okapi")).total == 1);  // still the revision it read
  CHECK(searcher.reopen());
  CHECK(searcher.search(request_for("okapi")).total == 2);
  CHECK(searcher.has_dates());
}

TEST_CASE("a missing index or one of another schema is refused", "[searcher][searcher]") {
  test::TempDir dir;
  const std::string missing = (dir.path() / "none").string();
  CHECK_THROWS_WITH(Searcher(missing),
                    Catch::StartsWith("index '" + missing + "' does not exist; create it with"));
  {
    Xapian::WritableDatabase db((dir.path() / "old").string(), Xapian::DB_CREATE);
    db.set_metadata(schema::k_meta_schema_version, "1");
    db.add_document(Xapian::Document());
    db.commit();
  }
  CHECK_THROWS_AS(Searcher((dir.path() / "old").string()), Error);
}

}  // namespace dateline

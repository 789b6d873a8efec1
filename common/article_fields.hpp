// The names under which feeds and exports store an article's fields: JSON
// keys (common/reader_json.cpp) and CSV column headers
// (common/reader_csv.cpp). Each list is in order of preference: the first
// present wins. Besides the obvious names, news-please's (maintext,
// date_publish, source_domain, title_rss), NewsAPI's (publishedAt), the New
// York Times Article Search API's (pub_date, web_url, lead_paragraph,
// abstract) and the Guardian Content API's (webTitle, webPublicationDate,
// webUrl, bodyText), feedparser's (summary: RSS turned into JSON) and the
// HuffPost data set's (short_description). A lead (description, abstract,
// summary) stands in for a missing full text.
#pragma once

namespace dateline::article_fields {

inline constexpr const char* k_title[] = {"title",     "headline",   "name",
                                          "title_rss", "title_page", "webTitle"};
inline constexpr const char* k_body[] = {
    "body",     "text",        "content",        "article",  "articleBody", "maintext",
    "bodyText", "description", "lead_paragraph", "abstract", "summary",     "short_description"};
inline constexpr const char* k_date[] = {
    "date",         "published",          "publish_date", "pubDate",
    "published_at", "datePublished",      "date_publish", "publishedAt",
    "pub_date",     "webPublicationDate", "timestamp"};
inline constexpr const char* k_url[] = {"url", "link", "webUrl", "web_url"};
inline constexpr const char* k_id[] = {"id", "guid", "_id"};
inline constexpr const char* k_source[] = {"source", "publication", "site", "publisher",
                                           "source_domain"};
inline constexpr const char* k_author[] = {"author", "byline", "authors"};
inline constexpr const char* k_language[] = {"language", "lang", "inLanguage"};

}  // namespace dateline::article_fields

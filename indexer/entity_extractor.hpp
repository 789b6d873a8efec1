// From tagged mentions to an article's entities: the facet values it is
// indexed under.
//
// Within one article, a short mention resolves to the full name used
// elsewhere in it ("Kerry" -> "John Kerry", "Mr. Putin" -> "Vladimir
// Putin", "Northwind" -> "Northwind Systems"); titles and honorifics
// ("President", "Mr.") and possessives ("Kerry's") are dropped; a one-word
// mention tagged as another type but matching a person's surname becomes
// that person, and an untitled one-word "person" opening the name of a firm
// written with its legal form becomes that firm ("Baker", "Baker
// International Corp"). Then each name is canonicalised across the archive
// (common/canonical.hpp) and mentions of one entity are counted together.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "common/entity.hpp"

namespace dateline {

class Gazetteer;
namespace ner {
class Tagger;
}

// Where the title and the first paragraph end in the tagged text.
struct TextRegions {
  std::size_t title_end = 0;
  std::size_t lead_end = 0;
};

// The entities `mentions` (from one article's text) amount to, most salient
// first: headline before lead before the rest, then by mention count, then
// by name. Pure; does not need a model.
std::vector<ArticleEntity> resolve_mentions(const std::vector<Mention>& mentions,
                                            const TextRegions& regions);

// Whether `mention`, in `text`, is the label of a row of a table or
// listing rather than a name: in the body (from `regions.title_end` on),
// it starts its line (or follows a wire dateline's dash there), a
// lower-case word follows it on the line, and the
// line has none of English's commonest function words ("the", "of",
// "said"...), so it is not prose. Earnings tables give these ("Oper shr
// profit 442,000 vs ...", "Qtly div 35 cts"); a name that starts a
// results row is followed by a number or a name, and stays. Or it is a
// line of its own between two rows of a table (lines with a number and no
// function word): a heading such as "Nine Mths".
bool is_listing_label(std::string_view text, const Mention& mention, const TextRegions& regions);

// Removes from `mentions` (of `text`) every mention of a name that one of
// them shows to be a listing label, the headline's too ("REG QTLY DIV"
// over "Qtly div 24 cts"). Costs a pass over the mentions and their lines.
void drop_listing_labels(std::string_view text, const TextRegions& regions,
                         std::vector<Mention>& mentions);

// Where the wire dateline that may open the lead ends: the offset of its
// dash in `text` ("DENVER, Colo., Oct 20 - ...", "WASHINGTON (Reuters)
// - ..."), or npos when the lead opens otherwise. A dateline is at most
// eight words before a dash in the lead's first 80 bytes, starts with a
// capital and holds no English function word (so no sentence or byline).
std::size_t dateline_end(std::string_view text, const TextRegions& regions);

// A dateline names places: every mention in it that is not an
// organisation ("(Reuters)") is made a location, whatever the tagger
// said ("DENVER" as a person), and so is an organisation that with the
// period after it is a state's abbreviation ("IND" of "ELKHART, IND.,").
// Places in it one space apart are one ("SALT" + "LAKE CITY"), and its
// first place takes in the words in capitals before it ("LAKE CITY" of
// "SALT LAKE CITY, March 9 -").
void retype_dateline_places(std::string_view text, const TextRegions& regions,
                            std::vector<Mention>& mentions);

// A leader's name before "administration", "government", "cabinet" or
// "regime" names that body, not the person: "the Reagan administration
// said" makes the mention "Reagan administration", an organisation, so an
// article that names him only so is not counted as naming him. The name
// may be tagged as a person or an organisation, or as a place before
// "administration" only, but no country or state ("the Japan government"
// stays Japan's); a head the tagger made part of another mention is left
// alone. A misc name ("Reagan" as the tagger reads an adjective) counts
// before "administration" too when `gazetteer` (may be null: then never)
// knows it as no nationality ("the American administration" stays).
void retype_governments(std::string_view text, std::vector<Mention>& mentions,
                        const Gazetteer* gazetteer = nullptr);

// Takes into each person mention the title written just before it, so
// that resolution knows the name was written as a person's:
// "President" + "Suharto" -> "President Suharto", "Mr." + "Jobs" ->
// "Mr. Jobs" (ArticleEntity::titled). The title is one word that
// is_person_title accepts (common/person_names.hpp), in any case, its
// period and one space between it and the name, and no part of an
// earlier mention.
void attach_titles(std::string_view text, std::vector<Mention>& mentions);

// A name the tagger read as a person's that the article writes in full
// `k_unreferred_mentions` times or more and never otherwise is a group's,
// an organisation: news names a person in full once, then by surname or
// title ("John Kerry" ... "Kerry"), while a group keeps its whole name
// ("Jabhat al-Nusra" four times, never "al-Nusra"). Applies to names of two
// words or more whose first word is no given name (is_given_name), with no
// mention that ends in the name's last word but is not the name (a
// surname, a titled form) and none with a title.
inline constexpr std::size_t k_unreferred_mentions = 3;
void retype_unreferred_names(std::vector<Mention>& mentions);

// A mention of a person, organisation or misc name that opens a sentence
// (or a line, a clause, a quotation) with "The" and that a lower-case word
// follows on its line starts after "The": the tagger takes in a sentence's
// capitalised first word ("The World Bank said"), which split one
// organisation into two values ("The World Bank", "World Bank"). Written so
// within a sentence, "The" is part of the name ("in The Lord of the
// Rings"), and so it is in a heading or title, which no lower-case word
// follows ("The Dead Lands" on a line of its own); a place keeps it
// anywhere ("The Hague").
void drop_leading_the(std::string_view text, std::vector<Mention>& mentions);

// A name written after "St.", "Ste.", "Mt." or "Ft.", or "St", "Saint" or
// "Sainte" (in any case, one space or line break between) takes the word
// in: the tagger reads the period as a sentence's end and finds "LOUIS" in
// a dateline's "ST. LOUIS" (or "St." and "Louis" apart), and a person
// "PAUL" in "SAINT PAUL". A mention of the abbreviation
// alone goes; one that reaches further back is left alone.
void join_abbreviated_prefixes(std::string_view text, std::vector<Mention>& mentions);

// Two names of one type (a person's, place's or organisation's) that only
// a lower-case particle of a Romance or Dutch name parts, or two ("de",
// "del", "da", "dos", "di", "du", "la", "van", "der", "es"; "de la"), are
// one name the tagger cut at the particle: "Punta" + "del" + "Este",
// "Dar" + "es" + "Salaam".
void join_particle_names(std::string_view text, std::vector<Mention>& mentions);

// One firm's name the tagger cut in two at "and": "Standard" + "Poor's
// Corp", "Alex. Brown" + "Sons Inc", "Donaldson, Lufkin" + "Jenrette
// Securities Corp". "X and Y" is one organisation where X is one
// capitalised word and Y opens with a possessive ("Poor's") or a partner
// word ("Sons", "Co", "Brothers"), tagged or not; or where X was tagged as
// no organisation and Y is one that ends in a legal form ("Corp"). One
// more capitalised word just before X ("Alex.", "Donaldson,") joins it,
// as does one written with a comma before a firm the tagger found as
// "Y and Co" ("Sears, " + "Roebuck and Co").
// A possessive after a person's name is that person's ("Reagan and
// Shultz's talks"), and a country or state is never X
// ("Britain and France's").
void join_coordinated_firms(std::string_view text, std::vector<Mention>& mentions);

// An acronym in brackets just after its expansion names one
// organisation, whatever pieces the tagger cut the expansion into:
// "General Agreement" + "Tariffs" before "(GATT)" become one mention,
// "General Agreement on Tariffs and Trade", of the acronym's type (where
// the tagger missed it there, its type elsewhere in the text, or else that
// of the first piece it found in the expansion); an expansion the tagger
// missed is added when it found the acronym. The expansion is the nearest run
// of capitalised words before the bracket (with the words acronyms skip,
// "of", "and", "on"...) whose initials spell the acronym
// (acronym_initials); a mention that crosses its edges leaves it alone.
// The expansion written again elsewhere in the text, without its acronym,
// is joined the same way.
void join_acronym_expansions(std::string_view text, std::vector<Mention>& mentions);

// Removes the time zones written after a time ("1500 GMT", "10 a.m.
// EDT", "(1700 GMT)"): a mention that is a time zone's abbreviation
// (GMT, UTC, CET, EST, EDT, JST...) whose word before is a clock time
// (three or four digits, or "15:00", "3.30"), "a.m.", "p.m." or "hrs". A
// zone is no name a reader would filter by.
void drop_time_zones(std::string_view text, std::vector<Mention>& mentions);

// A run of capitalised words that ends in a noun heading the names of
// bodies ("Group", "Council", "Ministry", "Army", "Front", "State"...;
// is_body_head) is one organisation's name, whatever pieces the tagger
// cut it into or missed: "Joint Implementation Group", "Islamic" (misc) +
// "State", "Russian Foreign Ministry", "UN Security Council". The run
// holds two words or more, written with single spaces (or one line
// break) between them, and no word after the head continues it; it starts
// after any person or place in it ("U.S. Defense Department" keeps "U.S."
// and gives "Defense Department"; "Ohio State" stays a place) and after a
// function word that opens a sentence ("The"). A mention that crosses
// the head's end leaves the run alone, as does a line written in title
// case or capitals (a headline's words are capitalised whatever they
// are), where capitals tell nothing.
void join_named_bodies(std::string_view text, std::vector<Mention>& mentions);

// A body's name that goes on with "on" and its subject is one name, which
// the tagger cuts at the "on": "General Agreement" + "Tariffs and Trade",
// "United Nations Conference" + "Trade and Development", "Agriculture
// Subcommittee" + "Conservation" (a place, to the tagger). A mention ending
// in a body's noun (Committee, Commission, Conference, Council, Agreement,
// Group, Panel, Board, Institute, Office, Treaty...), then " on " and up to
// six capitalised words (with "and", "of", "the", "for" or "&" between
// them) become one organisation (a misc name for a treaty or convention).
// Not before a day or a month ("the Commission on Monday", "on March 3"),
// nor on a line in title case or capitals, nor where a mention crosses the
// end of the subject.
void join_subject_bodies(std::string_view text, std::vector<Mention>& mentions);

// Removes the stock symbols the tagger took for names: a symbol (one to
// six capitals, digits or periods) in angle brackets, as wires write it
// after a company's name ("EXXON CORP <XON>"), or after an exchange's
// name and a colon ("(NYSE: XOM)", "Nasdaq:AAPL"). The company is named
// beside it; its symbol is no value a reader would filter by. A private
// company's name in brackets ("<PAUL'S PLACE INC>") stays.
void drop_stock_symbols(std::string_view text, std::vector<Mention>& mentions);

// Removes credit ratings the tagger took for names from an article that
// speaks of ratings (the word "rating", "ratings" or "rated", in any
// case): a grade with a notch ("BBB-minus", "A-1+", "Baa-2", "P-1") or in
// Moody's mixed case ("Aaa"), and a bare grade in capitals ("AA", "BBB")
// where the article also names a rating agency (Moody's, Standard and
// Poor's, S/P, Fitch, Duff and Phelps): "CCC" is also the Commodity Credit
// Corporation, "AA" an airline, "B-1" a bomber in a story of no ratings.
void drop_credit_ratings(std::string_view text, std::vector<Mention>& mentions);

// Removes the months the tagger took for names: a month's name or
// abbreviation ("APR", "Sept.", "May") with a number just before or after
// it on the line ("APR 7", "7 APR", "APR 120.0 121.5", commodity tables'
// delivery months), and months joined by "/" or "-" ("Nov/Jan",
// "AUG-SEP", "Dec/Feb-Jan/Mar") anywhere. "May" beside no number stays a name.
void drop_months(std::string_view text, std::vector<Mention>& mentions);

// A name joined by a hyphen to a lower-case word is an adjective built on
// it ("U.S.-led", "London-based", "Reagan-appointed", "Soviet-era"): the
// mention becomes the name alone, a location when it is a country's or
// state's. Its end moves back to the hyphen. A person's name of two words
// or more keeps it when a syllable of five letters or fewer opens its last
// word: the hyphen joins a given name's syllables ("Li Ka-shing", "Kim
// Dae-jung"; not "Claude Debussy-all").
void trim_compound_modifiers(std::vector<Mention>& mentions);

// A country's or US state's name (as the canonicaliser knows them: "USSR",
// "U.S.", "Calif."; not a word of three letters or fewer without a period,
// "EC", "ECU", "La", which as a misc name or organisation is an acronym or
// a word of something else, nor a person's title, "Miss")
// that the tagger typed as a misc name or an organisation names the place: "USSR" in a capitals
// headline, "U.S." in "U.S. sales" (CoNLL's guidelines type such a name a location wherever it
// stands for the country). Names that only contain one ("U.S. Treasury") are left alone. One such
// mention that joins places with "and" ("U.S. And Canada"), or ends in it ("U.K. And" before "Irish
// banks": wire copy capitalises the word after an abbreviation's period),
// becomes a location for each place, the "and" left out.
void retype_country_names(std::string_view text, std::vector<Mention>& mentions);

// A place's mention that ends in a party's members ("Texas Democrat",
// "Illinois Republicans", of "Texas Democrat Lloyd Bentsen") names the
// place without them; so does an organisation's or misc mention whose
// words before the members are a place EntityCanonicalizer knows ("U.S.
// Democrats"; not a state's full name, which it does not list).
void drop_party_members(std::string_view text, std::vector<Mention>& mentions);

// A name of two words or more that ends in a company's legal form ("John
// Labatt Ltd", "Outokumpu Oy", "Illinois Co", "Investban SA";
// ner::is_legal_form) names the company, whatever type the tagger gave it:
// a person's, place's or misc mention becomes an organisation. Not where
// the word goes on after a hyphen ("Illinois Co-op").
void retype_legal_forms(std::string_view text, std::vector<Mention>& mentions);

// A name of two words or more that opens with the noun of a body in a
// language that writes it first ("Gruppo Ferruzzi", "Usines Renault",
// "Banque Gutzwiller", "Caisse d'Epargne", "Sociedad Iberica de
// Molturacion": a bank, group, company, society, institute, fund,
// foundation, works or university in Italian, French, Spanish,
// Portuguese, Dutch or Swedish) is an organisation, whatever type the
// tagger gave it.
void retype_foreign_bodies(std::vector<Mention>& mentions);

// A place's or person's name of two words or more that ends in the noun of
// a body no place or person is named with ("Paris Club", "Tokyo
// University", "Toronto Argonaut Football Club": a club, committee,
// council, commission, ministry, association, institute, university,
// foundation, society, fund, party, movement, army, militia or police) is
// an organisation. Not the heads places share ("West Bank", "Washington
// State", "Hampton Court", "Russian Federation").
void retype_body_names(std::vector<Mention>& mentions);

// A person's or misc name of two words or more that ends in the noun of a
// natural feature ("Stewart Island", "Muskeg Lake", "Hauraki Gulf",
// "Aleutian Islands": an island, lake, river, bay, gulf, sea, ocean,
// strait, peninsula, valley, mountain or mountains) is a location. Not
// organisations: firms take the names of places ("James River", "Georgia
// Gulf", "Bow Valley").
void retype_natural_features(std::vector<Mention>& mentions);

// The text the tagger sees for an article: the title, a blank line, then the
// paragraphs separated by blank lines; `regions` receives where the title
// and lead end.
std::string tagging_text(const Article& article, TextRegions& regions);

// Tags an article and resolves its mentions. Thread-safe when the tagger is.
// True when the tagger, trained on English news, reads text in `language`:
// a language tag (Article::stated_language) whose first subtag is English
// ("en", "en-GB", "eng", any case) or tells no language ("und", "mul"), a
// Xapian stemmer name of English or none (Article::language: "english",
// "porter", "none"), or anything that is neither ("", "x-default"). False
// for another language ("fr", "zh-TW", "french").
bool tagger_reads_language(std::string_view language);

// True when the article's text reads as English: thirty words or more, of
// which at least 8% are English function words ("the", "of", "said").
// Earnings tables in English fail it too; it only overrules a stated
// language (extracts_entities_from).
bool reads_as_english(const Article& article);

// The language an article is in, as far as anyone said: its source's
// (stated_language), else the index's stemmer language (`--language`).
std::string_view article_language(const Article& article);

// Whether entities are extracted from `article`: when the tagger reads its
// language (article_language), or when its text reads as English whatever
// was stated (sites mark English pages "fr-CA"). An English tagger finds
// junk in French or Chinese text ("Le", "la France").
bool extracts_entities_from(const Article& article);

class EntityExtractor {
 public:
  // REQUIRES: `tagger` and `gazetteer` (may be null: then no mention is
  // known to be a nationality) outlive the extractor.
  explicit EntityExtractor(const ner::Tagger& tagger, const Gazetteer* gazetteer = nullptr)
      : m_tagger(tagger), m_gazetteer(gazetteer) {}
  // The article's entities, most salient first; none for an article in
  // another language than English (extracts_entities_from).
  std::vector<ArticleEntity> extract(const Article& article) const;

 private:
  const ner::Tagger& m_tagger;
  const Gazetteer* m_gazetteer;
};

}  // namespace dateline

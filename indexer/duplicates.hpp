// Near-duplicate detection: wire stories reappear across outlets with small
// edits. Each article gets a MinHash signature over its body's word
// 4-shingles, stored in a value slot; articles that agree on all values of
// one of its bands (locality-sensitive hashing) are candidates, and
// articles whose signatures agree on at least k_min_equal_hashes of
// k_signature_size values (an estimated Jaccard similarity of about 0.8 or
// more; measured copies with a few words changed score 0.85-1) share a
// collapse key: the id of the group's earliest article. The searcher
// collapses on it.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/run_clock.hpp"

namespace dateline {

inline constexpr std::size_t k_signature_size = 32;
inline constexpr std::size_t k_signature_bands = 8;  // of 4 values each
inline constexpr std::size_t k_min_equal_hashes = 26;

using Signature = std::array<std::uint32_t, k_signature_size>;

// The MinHash signature of `text` (its lower-cased ASCII words, in 4-word
// shingles). Texts of fewer than four words get an all-zero signature,
// which matches nothing (see is_blank).
Signature minhash(std::string_view text);

// How many of the two signatures' values are equal.
std::size_t equal_hashes(const Signature& a, const Signature& b);

// The signature as stored in a value slot, and back.
std::string encode_signature(const Signature& signature);
Signature decode_signature(std::string_view value);

// True for the all-zero signature of a text too short to have one, which
// matches nothing.
bool is_blank(const Signature& signature);

// A hash of the values of band `band` (< k_signature_bands) of a
// signature: equal bands, equal hashes. 32 bits are plenty: a collision
// only makes a candidate, which the signatures then reject.
std::uint32_t band_hash(const Signature& signature, std::size_t band);

// Groups near-duplicates and writes each group's collapse key into its
// articles, committing `db` every thousand articles it changes. Candidates
// share a band. With `added` empty, every article of the index is compared
// (after a fresh build): one pass over the signatures per band, holding 8
// bytes per article. Otherwise the articles sharing a band with one of
// `added` (the signatures of the articles an update wrote): one pass over
// the signatures, holding only the candidates. Returns how many articles
// now belong to a group of two or more (of those compared).
std::size_t assign_collapse_keys(Xapian::WritableDatabase& db, const std::vector<Signature>& added);

// Past this many articles, a fresh build's pass sorts each band in slices
// (8 bytes an article held: 16 MB).
inline constexpr std::size_t k_band_entries_held = std::size_t{1} << 21;

// The same over all articles of the databases at `paths`, searched as one
// (a fresh build's worker databases: copies in different ones join one
// story). The groups are found through read-only databases of them all,
// the bands shared among up to `threads` threads (each holding its own
// band's entries); the keys are then written into the databases, up to
// `threads` at a time, each committed every thousand changes, so the
// memory Xapian holds for writable databases is held for `threads` of
// them, not for every part. The threads are counted on `clock`. The groups
// do not depend on `threads`.
std::size_t assign_collapse_keys(const std::vector<std::string>& paths, std::size_t threads,
                                 RunClock& clock, std::size_t entries_held = k_band_entries_held);

}  // namespace dateline

// Near-duplicate detection: wire stories reappear across outlets with small
// edits. Each article gets a MinHash signature over its body's word
// 4-shingles, stored in the index with locality-sensitive band terms;
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

namespace dateline {

inline constexpr std::size_t k_signature_size = 32;
inline constexpr std::size_t k_signature_bands = 8;  // of 4 values each
inline constexpr std::size_t k_min_equal_hashes = 26;

using Signature = std::array<std::uint32_t, k_signature_size>;

// The MinHash signature of `text` (its lower-cased ASCII words, in 4-word
// shingles). Texts of fewer than four words get an all-zero signature,
// which matches nothing (see band_terms).
Signature minhash(std::string_view text);

// How many of the two signatures' values are equal.
std::size_t equal_hashes(const Signature& a, const Signature& b);

// The signature as stored in a value slot, and back.
std::string encode_signature(const Signature& signature);
Signature decode_signature(std::string_view value);

// The boolean band terms of a signature (none for an all-zero one).
std::vector<std::string> band_terms(const Signature& signature);

// Groups near-duplicates among the articles that carry any of `terms`
// (band terms; all of the index's when `terms` is empty) and writes each
// group's collapse key into its articles, committing `db` every thousand
// articles it changes (memory stays bounded). Returns how many articles now
// belong to a group of two or more.
std::size_t assign_collapse_keys(Xapian::WritableDatabase& db,
                                 const std::vector<std::string>& terms);

}  // namespace dateline

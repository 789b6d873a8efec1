#include "indexer/duplicates.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <numeric>
#include <unordered_map>

#include "common/schema.hpp"

namespace dateline {
namespace {

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// The i-th hash function of the family: a fixed odd multiplier and offset
// per i, so signatures are the same in every run and on every machine.
std::uint64_t permute(std::uint64_t hash, std::size_t i) {
  const std::uint64_t a = 0x9e3779b97f4a7c15ULL * (2 * i + 1) | 1;
  const std::uint64_t b = 0xbf58476d1ce4e5b9ULL * (i + 7);
  std::uint64_t x = hash * a + b;
  x ^= x >> 31;
  return x;
}

// Union-find over docids.
class Groups {
 public:
  Xapian::docid find(Xapian::docid id) {
    auto it = m_parent.find(id);
    if (it == m_parent.end()) {
      m_parent.emplace(id, id);
      return id;
    }
    if (it->second == id) return id;
    const Xapian::docid root = find(it->second);
    m_parent[id] = root;
    return root;
  }
  void join(Xapian::docid a, Xapian::docid b) {
    const Xapian::docid ra = find(a);
    const Xapian::docid rb = find(b);
    if (ra != rb) m_parent[std::max(ra, rb)] = std::min(ra, rb);
  }
  const std::unordered_map<Xapian::docid, Xapian::docid>& members() const { return m_parent; }

 private:
  std::unordered_map<Xapian::docid, Xapian::docid> m_parent;
};

}  // namespace

Signature minhash(std::string_view text) {
  std::vector<std::uint64_t> words;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(fnv1a(word));
      word.clear();
    }
  }
  Signature signature{};
  if (words.size() < 4) return signature;
  signature.fill(UINT32_MAX);
  for (std::size_t i = 0; i + 4 <= words.size(); ++i) {
    const std::uint64_t shingle =
        words[i] * 31 * 31 * 31 + words[i + 1] * 31 * 31 + words[i + 2] * 31 + words[i + 3];
    for (std::size_t h = 0; h < k_signature_size; ++h) {
      signature[h] = std::min(signature[h], static_cast<std::uint32_t>(permute(shingle, h) >> 32));
    }
  }
  return signature;
}

std::size_t equal_hashes(const Signature& a, const Signature& b) {
  std::size_t equal = 0;
  for (std::size_t i = 0; i < k_signature_size; ++i) equal += a[i] == b[i] ? 1 : 0;
  return equal;
}

std::string encode_signature(const Signature& signature) {
  std::string out;
  out.reserve(k_signature_size * 4);
  for (std::uint32_t value : signature) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
  }
  return out;
}

Signature decode_signature(std::string_view value) {
  Signature signature{};
  if (value.size() != k_signature_size * 4) return signature;
  for (std::size_t i = 0; i < k_signature_size; ++i) {
    std::uint32_t v = 0;
    for (std::size_t b = 0; b < 4; ++b) v = (v << 8) | static_cast<unsigned char>(value[i * 4 + b]);
    signature[i] = v;
  }
  return signature;
}

std::vector<std::string> band_terms(const Signature& signature) {
  std::vector<std::string> terms;
  if (std::all_of(signature.begin(), signature.end(), [](std::uint32_t v) { return v == 0; })) {
    return terms;
  }
  constexpr std::size_t k_rows = k_signature_size / k_signature_bands;
  const std::string encoded = encode_signature(signature);
  for (std::size_t band = 0; band < k_signature_bands; ++band) {
    const std::string_view rows = std::string_view(encoded).substr(band * k_rows * 4, k_rows * 4);
    // 32 bits of the band's hash are plenty: a collision only makes a
    // candidate, which the signatures then reject.
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08llx",
                  static_cast<unsigned long long>(fnv1a(rows) & 0xffffffffULL));
    terms.push_back(std::string(schema::k_prefix_band) + std::to_string(band) + ":" + hex);
  }
  return terms;
}

std::size_t assign_collapse_keys(Xapian::WritableDatabase& db,
                                 const std::vector<std::string>& terms) {
  // Candidate buckets: the given band terms, or every band term.
  std::vector<std::string> buckets = terms;
  if (buckets.empty()) {
    for (Xapian::TermIterator it = db.allterms_begin(schema::k_prefix_band);
         it != db.allterms_end(schema::k_prefix_band); ++it) {
      if (it.get_termfreq() >= 2) buckets.push_back(*it);
    }
  }
  std::unordered_map<Xapian::docid, Signature> signatures;
  auto signature_of = [&](Xapian::docid id) -> const Signature& {
    auto it = signatures.find(id);
    if (it == signatures.end()) {
      it = signatures
               .emplace(id,
                        decode_signature(db.get_document(id).get_value(schema::k_slot_signature)))
               .first;
    }
    return it->second;
  };
  Groups groups;
  constexpr Xapian::doccount k_max_bucket = 200;  // a band this common is boilerplate
  for (const std::string& term : buckets) {
    if (db.get_termfreq(term) < 2 || db.get_termfreq(term) > k_max_bucket) continue;
    std::vector<Xapian::docid> ids(db.postlist_begin(term), db.postlist_end(term));
    for (std::size_t i = 0; i < ids.size(); ++i) {
      for (std::size_t j = i + 1; j < ids.size(); ++j) {
        if (equal_hashes(signature_of(ids[i]), signature_of(ids[j])) >= k_min_equal_hashes) {
          groups.join(ids[i], ids[j]);
        }
      }
    }
  }
  // Each group's key: the id of its earliest article (by date, then id).
  std::map<Xapian::docid, std::vector<Xapian::docid>> by_root;
  for (const auto& [id, parent] : groups.members()) by_root[groups.find(id)].push_back(id);
  std::size_t grouped = 0;
  // Xapian holds every replaced document in memory until a commit: on the
  // 100,000-article synthetic archive the 3,847 copies' replacements took
  // the pass from 5 MB to 48 MB, growing with the archive, so they are
  // committed in batches.
  constexpr std::size_t k_replacements_per_commit = 1000;
  std::size_t replaced = 0;
  for (auto& [root, members] : by_root) {
    if (members.size() < 2) continue;
    grouped += members.size();
    std::vector<std::pair<std::string, std::string>> order;  // (date, id) per member
    std::vector<Xapian::Document> documents;
    for (Xapian::docid id : members) {
      documents.push_back(db.get_document(id));
      const std::string date = documents.back().get_value(schema::k_slot_date);
      order.emplace_back(
          date.empty() ? "99999999" : date,
          schema::decode_summary(documents.back().get_value(schema::k_slot_summary)).id);
    }
    const std::string key = std::min_element(order.begin(), order.end())->second;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (documents[i].get_value(schema::k_slot_collapse) == key) continue;
      documents[i].add_value(schema::k_slot_collapse, key);
      db.replace_document(members[i], documents[i]);
      if (++replaced % k_replacements_per_commit == 0) db.commit();
    }
  }
  return grouped;
}

}  // namespace dateline

#include "indexer/duplicates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/schema.hpp"
#include "indexer/parallel.hpp"

namespace dateline {
namespace {

constexpr std::uint64_t k_fnv_offset = 0xcbf29ce484222325ULL;

// One byte of FNV-1a.
std::uint64_t fnv1a_step(std::uint64_t hash, unsigned char byte) {
  return (hash ^ byte) * 0x100000001b3ULL;
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = k_fnv_offset) {
  for (unsigned char c : bytes) hash = fnv1a_step(hash, c);
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
  // Words are runs of ASCII letters and digits (std::isalnum in the "C"
  // locale dateline runs in), hashed lower-cased as they are read.
  std::vector<std::uint64_t> words;
  std::uint64_t word = k_fnv_offset;
  bool in_word = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const auto c = static_cast<unsigned char>(i < text.size() ? text[i] : ' ');
    const auto lower = static_cast<unsigned char>(c | 0x20);
    const bool digit = c >= '0' && c <= '9';
    if (digit || (lower >= 'a' && lower <= 'z')) {
      word = fnv1a_step(word, digit ? c : lower);
      in_word = true;
    } else if (in_word) {
      words.push_back(word);
      word = k_fnv_offset;
      in_word = false;
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

bool is_blank(const Signature& signature) {
  return std::all_of(signature.begin(), signature.end(), [](std::uint32_t v) { return v == 0; });
}

namespace {

constexpr std::size_t k_band_bytes = k_signature_size / k_signature_bands * 4;

// band_hash of a signature as stored (encode_signature).
std::uint32_t encoded_band_hash(std::string_view encoded, std::size_t band) {
  return static_cast<std::uint32_t>(fnv1a(encoded.substr(band * k_band_bytes, k_band_bytes)));
}

bool is_blank_encoded(std::string_view encoded) {
  return encoded.size() != k_signature_size * 4 ||
         std::all_of(encoded.begin(), encoded.end(), [](char c) { return c == 0; });
}

// A band value this common is boilerplate, not a story's copies.
constexpr std::size_t k_max_bucket = 200;

}  // namespace

std::uint32_t band_hash(const Signature& signature, std::size_t band) {
  return encoded_band_hash(encode_signature(signature), band);
}

namespace {

// A collapse key to write: article `id` (a docid of the database searched)
// gets `key`.
struct CollapseKey {
  Xapian::docid id;
  std::string key;
};

// Near-duplicates among candidates of one database: every pair of a
// bucket of candidates is compared by signature, and near-copies are
// joined into groups. Signatures are read from the database once each,
// unless given first (know()).
class GroupFinder {
 public:
  explicit GroupFinder(const Xapian::Database& db) : m_db(db) {}

  void know(Xapian::docid id, const Signature& signature) { m_signatures.emplace(id, signature); }

  // Compares every pair of `ids`; a bucket this large (k_max_bucket) is
  // boilerplate, not a story's copies, and is passed over.
  void compare(const std::vector<Xapian::docid>& ids) {
    if (ids.size() < 2 || ids.size() > k_max_bucket) return;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      for (std::size_t j = i + 1; j < ids.size(); ++j) {
        if (equal_hashes(signature_of(ids[i]), signature_of(ids[j])) >= k_min_equal_hashes) {
          m_groups.join(ids[i], ids[j]);
        }
      }
    }
  }

  // Joins the groups `other` found (over the same articles) to these.
  void absorb(GroupFinder& other) {
    for (const auto& [root, members] : other.groups()) {
      for (Xapian::docid id : members) m_groups.join(root, id);
    }
  }

  // The members of each group found, by the group's root.
  std::map<Xapian::docid, std::vector<Xapian::docid>> groups() {
    std::map<Xapian::docid, std::vector<Xapian::docid>> by_root;
    for (const auto& [id, parent] : m_groups.members()) by_root[m_groups.find(id)].push_back(id);
    return by_root;
  }

 private:
  const Signature& signature_of(Xapian::docid id) {
    auto it = m_signatures.find(id);
    if (it == m_signatures.end()) {
      const std::string value = m_db.get_document(id).get_value(schema::k_slot_signature);
      it = m_signatures.emplace(id, decode_signature(value)).first;
    }
    return it->second;
  }

  const Xapian::Database& m_db;
  std::unordered_map<Xapian::docid, Signature> m_signatures;  // of candidates
  Groups m_groups;
};

// Every article, in band `band`: sort (hash, docid) pairs and compare runs
// of one hash. An archive of more than `entries_held` articles is sorted in
// slices of the hash range, one pass over the signatures each, so that
// memory does not grow with the archive.
void compare_band(const Xapian::Database& db, std::size_t band, std::size_t entries_held,
                  GroupFinder& finder) {
  const Xapian::valueno slot = schema::k_slot_signature;
  const std::uint64_t articles = db.get_value_freq(slot);
  const std::uint64_t slices =
      std::max<std::uint64_t>(1, (articles + entries_held - 1) / entries_held);
  std::vector<std::pair<std::uint32_t, Xapian::docid>> entries;
  std::vector<Xapian::docid> bucket;
  for (std::uint64_t slice = 0; slice < slices; ++slice) {
    entries.clear();
    for (Xapian::ValueIterator v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      const std::string encoded = *v;
      if (is_blank_encoded(encoded)) continue;
      const std::uint32_t hash = encoded_band_hash(encoded, band);
      if ((std::uint64_t{hash} * slices) >> 32 == slice) entries.emplace_back(hash, v.get_docid());
    }
    std::sort(entries.begin(), entries.end());
    for (std::size_t i = 0; i < entries.size();) {
      std::size_t end = i + 1;
      while (end < entries.size() && entries[end].first == entries[i].first) ++end;
      if (end - i >= 2) {
        bucket.clear();
        for (std::size_t k = i; k < end; ++k) bucket.push_back(entries[k].second);
        finder.compare(bucket);
      }
      i = end;
    }
  }
}

// The bands of the `added` articles, and in one pass the articles (added
// ones included) that share them, holding only those.
void compare_with_added(const Xapian::Database& db, const std::vector<Signature>& added,
                        GroupFinder& finder) {
  const Xapian::valueno slot = schema::k_slot_signature;
  std::array<std::unordered_set<std::uint32_t>, k_signature_bands> wanted;
  for (const Signature& signature : added) {
    if (is_blank(signature)) continue;
    for (std::size_t band = 0; band < k_signature_bands; ++band) {
      wanted[band].insert(band_hash(signature, band));
    }
  }
  std::map<std::pair<std::size_t, std::uint32_t>, std::vector<Xapian::docid>> buckets;
  for (Xapian::ValueIterator v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    const std::string encoded = *v;
    if (is_blank_encoded(encoded)) continue;
    bool candidate = false;
    for (std::size_t band = 0; band < k_signature_bands; ++band) {
      const std::uint32_t hash = encoded_band_hash(encoded, band);
      if (wanted[band].count(hash) == 0) continue;
      std::vector<Xapian::docid>& ids = buckets[{band, hash}];
      // Past the limit the bucket is dropped anyway: stop growing it.
      if (ids.size() <= k_max_bucket) ids.push_back(v.get_docid());
      candidate = true;
    }
    if (candidate) finder.know(v.get_docid(), decode_signature(encoded));
  }
  for (const auto& [band, ids] : buckets) finder.compare(ids);
}

// The collapse keys that change for the groups `finder` found, in docid
// order: each group's key is the id of its earliest article (by date, then
// id). `grouped` gets how many articles belong to a group of two or more.
std::vector<CollapseKey> changed_keys(const Xapian::Database& db, GroupFinder& finder,
                                      std::size_t& grouped) {
  grouped = 0;
  std::vector<CollapseKey> keys;
  for (auto& [root, members] : finder.groups()) {
    if (members.size() < 2) continue;
    grouped += members.size();
    std::vector<std::pair<std::string, std::string>> order;  // (date, id) per member
    std::vector<std::string> current;                        // each member's key now
    for (Xapian::docid id : members) {
      const Xapian::Document document = db.get_document(id);
      const std::string date = document.get_value(schema::k_slot_date);
      order.emplace_back(date.empty() ? "99999999" : date,
                         schema::decode_summary(document.get_value(schema::k_slot_summary)).id);
      current.push_back(document.get_value(schema::k_slot_collapse));
    }
    const std::string key = std::min_element(order.begin(), order.end())->second;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (current[i] != key) keys.push_back({members[i], key});
    }
  }
  std::sort(keys.begin(), keys.end(),
            [](const CollapseKey& a, const CollapseKey& b) { return a.id < b.id; });
  return keys;
}

// The groups of near-duplicates among `db`'s articles (see
// assign_collapse_keys): the keys that change, in docid order, and in
// `grouped` how many articles belong to a group of two or more.
std::vector<CollapseKey> find_collapse_keys(const Xapian::Database& db,
                                            const std::vector<Signature>& added,
                                            std::size_t entries_held, std::size_t& grouped) {
  GroupFinder finder(db);
  if (added.empty()) {
    for (std::size_t band = 0; band < k_signature_bands; ++band) {
      compare_band(db, band, entries_held, finder);
    }
  } else {
    compare_with_added(db, added, finder);
  }
  return changed_keys(db, finder, grouped);
}

// Writes the keys into `db`, whose docids they are.
// Xapian holds every replaced document in memory until a commit: on the
// 100,000-article synthetic archive the 3,847 copies' replacements took
// the pass from 5 MB to 48 MB, growing with the archive, so they are
// committed in batches.
void write_collapse_keys(Xapian::WritableDatabase& db, const std::vector<CollapseKey>& keys) {
  constexpr std::size_t k_replacements_per_commit = 1000;
  std::size_t replaced = 0;
  for (const CollapseKey& key : keys) {
    Xapian::Document document = db.get_document(key.id);
    document.add_value(schema::k_slot_collapse, key.key);
    db.replace_document(key.id, document);
    if (++replaced % k_replacements_per_commit == 0) db.commit();
  }
}

}  // namespace

std::size_t assign_collapse_keys(Xapian::WritableDatabase& db,
                                 const std::vector<Signature>& added) {
  std::size_t grouped = 0;
  write_collapse_keys(db, find_collapse_keys(db, added, k_band_entries_held, grouped));
  return grouped;
}

std::size_t assign_collapse_keys(const std::vector<std::string>& paths, std::size_t threads,
                                 RunClock& clock, std::size_t entries_held) {
  if (paths.empty()) return 0;
  const auto open_all = [&paths] {
    Xapian::Database all;
    for (const std::string& path : paths) all.add_database(Xapian::Database(path));
    return all;
  };
  entries_held = std::max<std::size_t>(entries_held, 1);
  // The bands are shared among threads, each with its own database handle
  // and groups, joined at the end: groups are unions of matching pairs,
  // the same whatever the order they are found in.
  std::size_t grouped = 0;
  std::vector<std::vector<CollapseKey>> by_part(paths.size());
  {
    const Xapian::Database all = open_all();
    GroupFinder finder(all);
    std::mutex finder_mutex;
    const std::size_t used = std::clamp<std::size_t>(threads, 1, k_signature_bands);
    parallel_for(used, used, clock, [&](std::size_t first) {
      const Xapian::Database own = open_all();
      GroupFinder found(own);
      for (std::size_t band = first; band < k_signature_bands; band += used) {
        compare_band(own, band, entries_held, found);
      }
      const std::lock_guard<std::mutex> lock(finder_mutex);
      finder.absorb(found);
    });
    // Article d of the databases searched as one is article (d - 1) / n + 1
    // of database (d - 1) % n (Xapian interleaves their docids).
    const std::size_t n = paths.size();
    for (CollapseKey& key : changed_keys(all, finder, grouped)) {
      const std::size_t part = (key.id - 1) % n;
      key.id = static_cast<Xapian::docid>((key.id - 1) / n + 1);
      by_part[part].push_back(std::move(key));
    }
  }
  parallel_for(paths.size(), threads, clock, [&](std::size_t part) {
    if (by_part[part].empty()) return;
    Xapian::WritableDatabase db(paths[part], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    write_collapse_keys(db, by_part[part]);
    db.commit();
  });
  return grouped;
}

}  // namespace dateline

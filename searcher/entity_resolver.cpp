#include "searcher/entity_resolver.hpp"

#include <algorithm>

#include "common/canonical.hpp"
#include "common/schema.hpp"

namespace dateline {

void EntityResolver::learn(const Xapian::Database& db) {
  forget();
  m_names = NameResolution::learn(db);
  m_db = &db;
}

void EntityResolver::forget() {
  m_db = nullptr;
  m_names = NameResolution();
  m_slots.clear();
  m_entries.clear();
  m_displays.clear();
  m_counted.clear();
}

void EntityResolver::trim() {
  if (m_entries.size() <= k_max_memo) return;
  m_slots.clear();
  m_entries.clear();
  m_displays.clear();
  m_counted.clear();
}

void EntityResolver::start_count() {
  ++m_count;
  m_counted.clear();
}

void EntityResolver::add(Resolved& value, Xapian::doccount n) {
  if (value.counted_in != m_count) {
    value.counted_in = m_count;
    value.count = 0;
    m_counted.push_back(&value);
  }
  value.count += n;
}

EntityResolver::Resolved& EntityResolver::resolve(EntityType type, std::string_view value) {
  const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(value) ^
                                               (static_cast<std::size_t>(type) * 0x9e3779b9u));
  if ((m_entries.size() + 1) * 2 > m_slots.size()) grow();
  const std::size_t mask = m_slots.size() - 1;
  std::size_t i = hash & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& slot = m_slots[i];
    if (slot.entry == 0) break;
    if (slot.hash == hash) {
      Resolved& entry = m_entries[slot.entry - 1];
      if (entry.type == type && entry.value == value) return entry;
    }
  }
  Resolved& entry = m_entries.emplace_back();
  entry.type = type;
  entry.value = std::string(value);
  entry.key = entity_key(value);
  const EntityRef* target = m_names.resolve(type, entry.key);
  entry.target = target != nullptr ? *target : EntityRef{type, entry.key};
  entry.moved = target != nullptr;
  m_slots[i] = {hash, static_cast<std::uint32_t>(m_entries.size())};
  return entry;
}

void EntityResolver::grow() {
  std::vector<Slot> old = std::move(m_slots);
  m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const std::size_t mask = m_slots.size() - 1;
  for (const Slot& slot : old) {
    if (slot.entry == 0) continue;
    std::size_t i = slot.hash & mask;
    while (m_slots[i].entry != 0) i = (i + 1) & mask;
    m_slots[i] = slot;
  }
}

std::vector<ArticleEntity> EntityResolver::as_counted(const std::vector<ArticleEntity>& entities) {
  std::vector<ArticleEntity> counted;
  counted.reserve(entities.size());
  for (const ArticleEntity& entity : entities) {
    const Resolved& value = resolve(entity.type, entity.value);
    if (value.target.key.empty()) continue;  // none (rule 5, the user's `never`)
    ArticleEntity as = entity;
    if (value.moved) {
      as.type = value.target.type;
      if (value.renamed()) as.value = display(value.target);
    }
    const auto same = std::find_if(counted.begin(), counted.end(), [&](const ArticleEntity& e) {
      return e.type == as.type && entity_key(e.value) == value.target.key;
    });
    if (same == counted.end()) {
      counted.push_back(std::move(as));
      continue;
    }
    same->mentions += as.mentions;
    same->in_title = same->in_title || as.in_title;
    same->in_lead = same->in_lead || as.in_lead;
    same->titled = same->titled || as.titled;
  }
  return counted;
}

const std::string& EntityResolver::display(const EntityRef& entity) {
  const std::string term = schema::entity_filter_term(entity.type, entity.key);
  const auto known = m_displays.find(term);
  if (known != m_displays.end()) return known->second;
  std::string spelling = entity.key;
  if (m_db != nullptr) {
    Xapian::PostingIterator posting = m_db->postlist_begin(term);
    if (posting != m_db->postlist_end(term)) {
      const std::string slot = m_db->get_document(*posting).get_value(schema::k_slot_entities);
      std::string_view groups[schema::k_entity_slot_groups];
      schema::split_entity_groups(slot, groups);
      const std::string_view group = groups[static_cast<std::size_t>(entity.type)];
      std::size_t start = 0;
      while (start <= group.size()) {
        std::size_t stop = group.find(schema::k_facet_value_separator, start);
        if (stop == std::string_view::npos) stop = group.size();
        const std::string_view member = group.substr(start, stop - start);
        if (!member.empty() && entity_key(member) == entity.key) {
          spelling = std::string(member);
          break;
        }
        start = stop + 1;
      }
    }
  }
  return m_displays.emplace(term, std::move(spelling)).first->second;
}

}  // namespace dateline

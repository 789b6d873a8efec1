// WorkQueue: a bounded, blocking, multi-producer multi-consumer queue that
// connects the indexing pipeline's stages (walker -> workers -> writer).
// Bounded so that a fast stage cannot pile up memory ahead of a slow one.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace dateline {

template <typename T>
class WorkQueue {
 public:
  explicit WorkQueue(std::size_t capacity) : m_capacity(capacity) {}

  // Blocks while the queue is full. Returns false (dropping `item`) once the
  // queue is closed.
  bool push(T item) {
    std::unique_lock lock(m_mutex);
    m_not_full.wait(lock, [this] { return m_items.size() < m_capacity || m_closed; });
    if (m_closed) return false;
    m_items.push_back(std::move(item));
    m_not_empty.notify_one();
    return true;
  }

  // Blocks until an item arrives; nullopt once the queue is closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait(lock, [this] { return !m_items.empty() || m_closed; });
    if (m_items.empty()) return std::nullopt;
    T item = std::move(m_items.front());
    m_items.pop_front();
    m_not_full.notify_one();
    return item;
  }

  // No more pushes; consumers drain what is left, then get nullopt.
  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_not_empty.notify_all();
    m_not_full.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_not_empty;
  std::condition_variable m_not_full;
  std::deque<T> m_items;
  std::size_t m_capacity;
  bool m_closed = false;
};

}  // namespace dateline

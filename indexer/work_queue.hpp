// WorkQueue: a bounded, blocking, multi-producer multi-consumer queue that
// connects the indexing pipeline's stages (walker -> workers -> writer).
// Bounded so that a fast stage cannot pile up memory ahead of a slow one.
// SharedWork: the pieces a worker split its job into, for any worker to
// take. Both thread-safe.
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
    // Producers blocked on a full queue wake when it is half empty, not at
    // every item: waking the walker for each file it may add had cost two
    // context switches per file.
    if (m_items.size() == m_capacity / 2) m_not_full.notify_all();
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

// Unbounded: a worker only splits what it already holds, and takes a new job
// only when no piece is waiting. A worker that may still add pieces counts
// as a producer (Producer below); wait_pop gives up only when no piece is
// left and no producer is active, so no piece is left behind.
template <typename T>
class SharedWork {
 public:
  // Counts as a producer while alive, until release().
  class Producer {
   public:
    explicit Producer(SharedWork& work) : m_work(&work) {
      std::lock_guard lock(work.m_mutex);
      ++work.m_producers;
    }
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;
    ~Producer() { release(); }
    void release() {
      if (m_work == nullptr) return;
      std::lock_guard lock(m_work->m_mutex);
      if (--m_work->m_producers == 0) m_work->m_changed.notify_all();
      m_work = nullptr;
    }

   private:
    SharedWork* m_work;
  };

  void push(T item) {
    std::lock_guard lock(m_mutex);
    m_items.push_back(std::move(item));
    m_changed.notify_one();
  }

  // How many pieces wait.
  std::size_t waiting() {
    std::lock_guard lock(m_mutex);
    return m_items.size();
  }

  // A piece if one is waiting, at once.
  std::optional<T> try_pop() {
    std::lock_guard lock(m_mutex);
    return take();
  }

  // Waits for a piece while any producer is active; nullopt when none is
  // left and none can come.
  std::optional<T> wait_pop() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_items.empty() || m_producers == 0; });
    return take();
  }

 private:
  std::optional<T> take() {
    if (m_items.empty()) return std::nullopt;
    T item = std::move(m_items.front());
    m_items.pop_front();
    return item;
  }

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<T> m_items;
  std::size_t m_producers = 0;
};

}  // namespace dateline

#include "indexer/work_queue.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <numeric>
#include <thread>
#include <vector>

namespace dateline {

TEST_CASE("WorkQueue hands every item to exactly one consumer", "[indexer][queue]") {
  WorkQueue<int> queue(4);  // small, so producers must wait for consumers
  constexpr int k_items = 10000;
  std::vector<long> sums(3, 0);
  std::vector<std::thread> consumers;
  for (std::size_t c = 0; c < sums.size(); ++c) {
    consumers.emplace_back([&queue, &sums, c] {
      while (std::optional<int> item = queue.pop()) sums[c] += *item;
    });
  }
  // Catch2's assertions are not thread-safe: the threads only record what
  // happened, and this thread checks it.
  int refused = 0;
  std::thread producer([&queue, &refused] {
    for (int i = 1; i <= k_items; ++i) refused += queue.push(i) ? 0 : 1;
    queue.close();
  });
  producer.join();
  for (std::thread& t : consumers) t.join();
  CHECK(refused == 0);
  CHECK(std::accumulate(sums.begin(), sums.end(), 0L) ==
        static_cast<long>(k_items) * (k_items + 1) / 2);
}

TEST_CASE("a closed WorkQueue drains, then refuses", "[indexer][queue]") {
  WorkQueue<int> queue(8);
  CHECK(queue.push(1));
  CHECK(queue.push(2));
  queue.close();
  CHECK_FALSE(queue.push(3));
  CHECK(queue.pop() == 1);
  CHECK(queue.pop() == 2);
  CHECK_FALSE(queue.pop().has_value());
}

TEST_CASE("SharedWork waits for pieces only while a producer may add them", "[indexer][queue]") {
  SharedWork<int> work;
  CHECK_FALSE(work.try_pop().has_value());
  CHECK_FALSE(work.wait_pop().has_value());  // no producer: nothing can come
  work.push(1);
  CHECK(work.wait_pop() == 1);

  // A producer that splits its job late: a waiting consumer gets every
  // piece, and gives up only once the producer is done.
  auto producing = std::make_unique<SharedWork<int>::Producer>(work);
  long sum = 0;
  std::thread consumer([&] {
    while (std::optional<int> piece = work.wait_pop()) sum += *piece;
  });
  for (int i = 1; i <= 100; ++i) work.push(i);
  producing->release();
  producing.reset();  // released twice: counted once
  consumer.join();
  CHECK(sum == 5050);
  CHECK_FALSE(work.wait_pop().has_value());
}

}  // namespace dateline

// threads_cpp.cpp — C++ threads: std::thread, std::async (both launch
// policies), std::promise/future with an exception carried across threads,
// std::mutex + condition_variable, std::atomic, thread_local, std::jthread
// with a stop token.  The output is fixed by the program, not the schedule.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

static thread_local int tl = 5;
static std::atomic<long> counter{0};

static long sum_range(long from, long to)
{
    long s = 0;
    for (long i = from; i < to; i++) s += i % 7 * i;
    return s;
}

int main()
{
    std::vector<std::thread> ts;
    for (int i = 0; i < 6; i++)
        ts.emplace_back([i] {
            tl += i;
            for (int k = 0; k < 10000; k++) counter.fetch_add(1, std::memory_order_relaxed);
            if (tl != 5 + i) std::printf("thread_local shared!\n");
        });
    for (auto &t : ts) t.join();
    std::printf("atomic counter %ld, main thread_local %d\n", counter.load(), tl);

    std::vector<std::future<long>> parts;
    for (long i = 0; i < 8; i++) parts.push_back(std::async(std::launch::async, sum_range, i * 100000, (i + 1) * 100000));
    long total = 0;
    for (auto &f : parts) total += f.get();
    std::printf("async sum %ld (serial %ld)\n", total, sum_range(0, 800000));
    auto deferred = std::async(std::launch::deferred, [] { return 42; });
    std::printf("deferred %d\n", deferred.get());

    std::promise<int> p;
    auto fut = p.get_future();
    std::thread thrower([&p] {
        try {
            throw std::runtime_error("from a worker");
        } catch (...) {
            p.set_exception(std::current_exception());
        }
    });
    try {
        fut.get();
    } catch (const std::exception &e) {
        std::printf("caught: %s\n", e.what());
    }
    thrower.join();

    std::mutex m;
    std::condition_variable cv;
    std::vector<int> q;
    bool done = false;
    long consumed = 0;
    std::thread consumer([&] {
        std::unique_lock<std::mutex> lk(m);
        for (;;) {
            cv.wait(lk, [&] { return !q.empty() || done; });
            while (!q.empty()) consumed += q.back(), q.pop_back();
            if (done) break;
        }
    });
    for (int i = 1; i <= 5000; i++) {
        std::lock_guard<std::mutex> g(m);
        q.push_back(i);
        cv.notify_one();
    }
    {
        std::lock_guard<std::mutex> g(m);
        done = true;
    }
    cv.notify_one();
    consumer.join();
    std::printf("condition variable queue %ld\n", consumed);

    std::atomic<long> spins{0};
    {
        std::jthread j([&spins](std::stop_token st) {
            while (!st.stop_requested()) spins++;
        });
        while (spins.load() < 1000) std::this_thread::yield();
    } // requests stop and joins
    std::printf("jthread stopped after spinning: %s\n", spins.load() >= 1000 ? "yes" : "no");
    std::printf("hardware_concurrency > 0: %s\n", std::thread::hardware_concurrency() > 0 ? "yes" : "no");
    return 0;
}

// C++ threads: std::thread with a std::mutex-protected map, a std::condition_variable work
// queue, std::async/std::future (async and deferred launch, exceptions through futures),
// std::promise, std::atomic counters and flags, thread_local, std::call_once.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

static thread_local int tl_calls = 0;
static thread_local std::string tl_name = "main";

int main()
{
    alarm(20);
    const int N = 8;

    // std::mutex + lock_guard around a shared map
    {
        std::mutex m;
        std::map<int, long> hist;
        std::vector<std::thread> ts;
        for (int t = 0; t < N; t++)
            ts.emplace_back([&, t] {
                tl_name = "worker" + std::to_string(t);
                for (int i = 0; i < 5000; i++) {
                    tl_calls++;
                    std::lock_guard<std::mutex> g(m);
                    hist[(i * 7 + t) % 10]++;
                }
                if (tl_calls != 5000 || tl_name != "worker" + std::to_string(t))
                    std::printf("thread_local broken in %d\n", t);
            });
        for (auto &th : ts)
            th.join();
        std::printf("map:");
        long total = 0;
        for (auto &kv : hist) {
            std::printf(" %d=%ld", kv.first, kv.second);
            total += kv.second;
        }
        std::printf(" total=%ld\n", total);
        std::printf("main thread_local: %s %d\n", tl_name.c_str(), tl_calls);
    }

    // producer/consumer with std::condition_variable
    {
        std::mutex m;
        std::condition_variable cv;
        std::deque<int> q;
        bool done = false;
        std::atomic<long> sum{0}, count{0};
        std::vector<std::thread> consumers;
        for (int c = 0; c < 4; c++)
            consumers.emplace_back([&] {
                for (;;) {
                    std::unique_lock<std::mutex> lk(m);
                    cv.wait(lk, [&] { return !q.empty() || done; });
                    if (q.empty())
                        return;
                    int v = q.front();
                    q.pop_front();
                    lk.unlock();
                    sum += v;
                    count.fetch_add(1, std::memory_order_relaxed);
                }
            });
        std::vector<std::thread> producers;
        for (int p = 0; p < 4; p++)
            producers.emplace_back([&, p] {
                for (int i = 1; i <= 1000; i++) {
                    {
                        std::lock_guard<std::mutex> g(m);
                        q.push_back(p * 1000 + i);
                    }
                    cv.notify_one();
                }
            });
        for (auto &th : producers)
            th.join();
        {
            std::lock_guard<std::mutex> g(m);
            done = true;
        }
        cv.notify_all();
        for (auto &th : consumers)
            th.join();
        std::printf("cv queue: count=%ld sum=%ld\n", count.load(), sum.load());
    }

    // std::async / std::future / std::promise
    {
        std::vector<std::future<long>> fs;
        for (int t = 0; t < N; t++)
            fs.push_back(std::async(t % 2 ? std::launch::async : std::launch::deferred, [t] {
                long s = 0;
                for (long i = 0; i <= 10000 * (t + 1); i++)
                    s += i;
                return s;
            }));
        std::printf("futures:");
        for (auto &f : fs)
            std::printf(" %ld", f.get());
        std::printf("\n");

        auto bad = std::async(std::launch::async, []() -> int { throw std::runtime_error("boom"); });
        try {
            bad.get();
            std::printf("no exception\n");
        } catch (const std::runtime_error &e) {
            std::printf("exception through future: %s\n", e.what());
        }

        std::promise<std::string> pr;
        std::future<std::string> pf = pr.get_future();
        std::thread setter([&pr] { pr.set_value("promised"); });
        std::printf("promise: %s\n", pf.get().c_str());
        setter.join();

        std::packaged_task<int(int, int)> task([](int a, int b) { return a * b; });
        std::future<int> tf = task.get_future();
        std::thread runner(std::move(task), 6, 7);
        runner.join();
        std::printf("packaged_task: %d\n", tf.get());

        std::promise<void> release;
        std::shared_future<void> gate = release.get_future().share();
        auto slow = std::async(std::launch::async, [gate] {
            gate.wait();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return 1;
        });
        std::printf("wait_for(10ms) before release: %s\n",
                    slow.wait_for(std::chrono::milliseconds(10)) == std::future_status::timeout ? "timeout" : "ready");
        release.set_value();
        std::printf("slow result: %d\n", slow.get());
    }

    // std::atomic: fetch_add, compare_exchange, exchange-based spinlock, atomic_flag
    {
        std::atomic<long> a{0};
        std::atomic<int> cas{0};
        std::atomic<unsigned char> small[4] = {};
        std::atomic_flag flag = ATOMIC_FLAG_INIT;
        long plain = 0;
        std::once_flag once;
        std::atomic<int> once_runs{0};
        std::vector<std::thread> ts;
        for (int t = 0; t < N; t++)
            ts.emplace_back([&, t] {
                std::call_once(once, [&] { once_runs++; });
                for (int i = 0; i < 10000; i++) {
                    a.fetch_add(2, std::memory_order_relaxed);
                    int cur = cas.load();
                    while (!cas.compare_exchange_weak(cur, cur + 1))
                        ;
                    small[t % 4].fetch_add(1);
                    if (i % 10 == 0) {
                        while (flag.test_and_set(std::memory_order_acquire))
                            ;
                        plain++;
                        flag.clear(std::memory_order_release);
                    }
                }
            });
        for (auto &th : ts)
            th.join();
        std::printf("atomic: add=%ld cas=%d small=%d,%d,%d,%d flag-locked=%ld once=%d\n", a.load(), cas.load(),
                    small[0].load(), small[1].load(), small[2].load(), small[3].load(), plain, once_runs.load());
    }

    std::printf("hardware_concurrency>0: %s\n", std::thread::hardware_concurrency() > 0 ? "yes" : "no");
    return 0;
}

// libstdc++ under the emulator: exceptions thrown across frames and caught by base class,
// rethrown, and unwinding destructors; iostreams (cout, stringstream, fstream on a file);
// std::string and the containers and algorithms.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

static int destroyed = 0;
struct Guard {
    std::string name;
    explicit Guard(std::string n) : name(std::move(n)) {}
    ~Guard() { destroyed++; std::cout << "  ~Guard(" << name << ")\n"; }
};

struct AppError : std::runtime_error {
    int code;
    AppError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};

__attribute__((noinline)) static int level3(int x)
{
    Guard g("level3");
    if (x > 2)
        throw AppError("too deep: " + std::to_string(x), x * 10);
    return x;
}
__attribute__((noinline)) static int level2(int x) { Guard g("level2"); return level3(x + 1) + 1; }
__attribute__((noinline)) static int level1(int x) { Guard g("level1"); return level2(x + 1) + 1; }

static void exceptions()
{
    std::cout << "exceptions:\n";
    try {
        level1(1);
        std::cout << "  not reached\n";
    } catch (const std::exception &e) {
        const AppError *ae = dynamic_cast<const AppError *>(&e);
        std::cout << "  caught std::exception: " << e.what() << " code=" << (ae ? ae->code : -1)
                  << " destroyed=" << destroyed << "\n";
    }
    try {
        try {
            throw std::out_of_range("inner");
        } catch (std::logic_error &e) {
            std::cout << "  inner caught logic_error: " << e.what() << ", rethrowing\n";
            throw;
        }
    } catch (const std::out_of_range &e) {
        std::cout << "  outer caught out_of_range: " << e.what() << "\n";
    }
    try {
        std::vector<int> v(3);
        v.at(7) = 1;
    } catch (const std::out_of_range &) {
        std::cout << "  vector::at threw out_of_range\n";
    }
    try {
        throw 42;
    } catch (int i) {
        std::cout << "  caught int " << i << "\n";
    }
    std::exception_ptr p;
    try {
        throw std::invalid_argument("stored");
    } catch (...) {
        p = std::current_exception();
    }
    try {
        std::rethrow_exception(p);
    } catch (const std::invalid_argument &e) {
        std::cout << "  rethrown exception_ptr: " << e.what() << "\n";
    }
    try {
        auto f = [](int n) -> int { if (n == 3) throw std::string("from lambda"); return n; };
        std::function<int(int)> fn = f;
        int s = 0;
        for (int i = 0; i < 5; i++)
            s += fn(i);
        std::cout << "  sum " << s << "\n";
    } catch (const std::string &s) {
        std::cout << "  caught std::string " << s << "\n";
    }
}

static void strings_and_streams()
{
    std::cout << "strings and streams:\n";
    std::string s = "The quick brown fox";
    s += " jumps over the lazy dog";
    std::cout << "  length " << s.size() << " find(fox)=" << s.find("fox")
              << " substr=" << s.substr(4, 5) << "\n";
    std::string up = s;
    std::transform(up.begin(), up.end(), up.begin(), ::toupper);
    std::cout << "  " << up << "\n";
    std::stringstream ss;
    ss << std::setw(8) << std::setfill('*') << 1234 << "|" << std::hex << 255 << "|" << std::dec
       << std::fixed << std::setprecision(3) << 3.14159265 << "|" << std::scientific << 12345.678;
    std::cout << "  " << ss.str() << "\n";
    std::istringstream in("10 20 30 forty 50");
    int v, total = 0;
    while (in >> v)
        total += v;
    std::cout << "  parsed total " << total << " fail=" << in.fail() << "\n";

    const char *fname = "shim_cxx.tmp";
    {
        std::ofstream out(fname);
        for (int i = 1; i <= 5; i++)
            out << "line " << i << " square " << i * i << "\n";
    }
    std::ifstream fin(fname);
    std::string line;
    int n = 0;
    while (std::getline(fin, line)) {
        if (++n == 3)
            std::cout << "  line 3 of file: " << line << "\n";
    }
    std::cout << "  read " << n << " lines\n";
    fin.close();
    std::remove(fname);
    std::cerr << "to stderr\n";
}

static void containers()
{
    std::cout << "containers:\n";
    std::vector<int> v(20);
    std::iota(v.begin(), v.end(), 1);
    std::reverse(v.begin(), v.end());
    std::stable_sort(v.begin(), v.end(), [](int a, int b) { return a % 3 < b % 3; });
    std::cout << " ";
    for (int x : v)
        std::cout << " " << x;
    std::cout << "\n  accumulate " << std::accumulate(v.begin(), v.end(), 0) << "\n";
    std::map<std::string, int> m;
    std::string text = "one two three two three three";
    std::istringstream words(text);
    for (std::string w; words >> w;)
        m[w]++;
    for (auto &kv : m)
        std::cout << "  " << kv.first << "=" << kv.second << "\n";
    std::unordered_map<int, std::string> um;
    for (int i = 0; i < 1000; i++)
        um[i * 7] = std::to_string(i);
    std::cout << "  unordered size " << um.size() << " um[693]=" << um[693] << "\n";
    std::set<double> st = { 3.5, 1.25, 2.0, 1.25 };
    std::cout << "  set:";
    for (double d : st)
        std::cout << " " << d;
    std::cout << "\n";
    auto sp = std::make_shared<Guard>("shared");
    {
        auto sp2 = sp;
        std::cout << "  use_count " << sp.use_count() << "\n";
    }
    std::unique_ptr<std::vector<std::string>> up(new std::vector<std::string>{ "a", "bb", "ccc" });
    std::cout << "  unique_ptr vector size " << up->size() << " back " << up->back() << "\n";
}

int main()
{
    exceptions();
    strings_and_streams();
    containers();
    std::cout << "done, destroyed " << destroyed << std::endl;
    return 0;
}

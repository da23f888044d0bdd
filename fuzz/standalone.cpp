// SPDX-License-Identifier: Apache-2.0
// The driver of a fuzz target in a build without libFuzzer (GCC, the test suite): runs every seed,
// then random mutations of the seeds for a few seconds — a short fuzz run, so that every target
// runs in `ctest`. The `fuzz` preset links the same targets with libFuzzer instead
// (scripts/fuzz.sh), which guides mutation by coverage and runs them for millions of inputs.
//
//   fuzz_records [--seconds N] [--seed N] [--max-len N] SEED_DIR_OR_FILE...
//
// A crash leaves the input that caused it in ./crash-standalone-<target> for a regression test.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

std::vector<std::uint8_t> g_current;
std::string g_crashFile;

void onFatal(int sig)
{
    // Only async-signal-safe calls: the input being run goes to a file for reproduction.
    const int fd = ::open(g_crashFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        [[maybe_unused]] auto n = ::write(fd, g_current.data(), g_current.size());
        ::close(fd);
    }
    static const char msg[] = "fuzz: fatal signal; the input is in ./crash-standalone-*\n";
    [[maybe_unused]] auto m = ::write(2, msg, sizeof msg - 1);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void addSeeds(const std::filesystem::path &p, std::vector<std::vector<std::uint8_t>> &out)
{
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
        std::vector<std::filesystem::path> files;
        for (const auto &e : std::filesystem::recursive_directory_iterator(p, ec))
            if (e.is_regular_file())
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto &f : files)
            addSeeds(f, out);
        return;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "fuzz: cannot read %s\n", p.c_str());
        std::exit(2);
    }
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const char *const kTokens[] = {"\"",
                               "{",
                               "}",
                               "[",
                               "]",
                               ",",
                               ":",
                               "\\u0000",
                               "\\ud800",
                               "null",
                               "true",
                               "-1",
                               "1e999",
                               "\r\n",
                               "\n",
                               "\t",
                               "<",
                               ">",
                               "&amp;",
                               "&#x",
                               "%00",
                               "%",
                               "..",
                               "/",
                               "\\",
                               "0",
                               "\xff",
                               "\xc3\xa9",
                               "\xe2\x80\xae",
                               "18446744073709551616",
                               "-9223372036854775808"};

void mutate(std::vector<std::uint8_t> &d,
            const std::vector<std::vector<std::uint8_t>> &seeds,
            std::mt19937_64 &rng,
            std::size_t maxLen)
{
    auto pick = [&](std::size_t n) {
        return n ? std::size_t(rng() % n) : 0;
    };
    const int rounds = 1 + int(rng() % 4);
    for (int r = 0; r < rounds; ++r) {
        switch (rng() % 8) {
        case 0: // flip a bit
            if (!d.empty())
                d[pick(d.size())] ^= std::uint8_t(1u << (rng() % 8));
            break;
        case 1: // set a byte
            if (!d.empty())
                d[pick(d.size())] = std::uint8_t(rng());
            break;
        case 2: { // insert random bytes
            const std::size_t n = 1 + pick(8);
            std::vector<std::uint8_t> b(n);
            for (auto &c : b)
                c = std::uint8_t(rng());
            d.insert(d.begin() + std::ptrdiff_t(pick(d.size() + 1)), b.begin(), b.end());
            break;
        }
        case 3: // erase a range
            if (!d.empty()) {
                const std::size_t at = pick(d.size());
                const std::size_t n = 1 + pick(std::min<std::size_t>(d.size() - at, 64));
                d.erase(d.begin() + std::ptrdiff_t(at), d.begin() + std::ptrdiff_t(at + n));
            }
            break;
        case 4: // duplicate a range
            if (!d.empty()) {
                const std::size_t at = pick(d.size());
                const std::size_t n = 1 + pick(std::min<std::size_t>(d.size() - at, 256));
                std::vector<std::uint8_t> b(d.begin() + std::ptrdiff_t(at),
                                            d.begin() + std::ptrdiff_t(at + n));
                d.insert(d.begin() + std::ptrdiff_t(pick(d.size() + 1)), b.begin(), b.end());
            }
            break;
        case 5: { // insert a token that parsers treat specially
            const char *t = kTokens[pick(std::size(kTokens))];
            d.insert(d.begin() + std::ptrdiff_t(pick(d.size() + 1)), t, t + std::strlen(t));
            break;
        }
        case 6: { // splice in part of another seed
            const auto &o = seeds[pick(seeds.size())];
            if (!o.empty()) {
                const std::size_t at = pick(o.size());
                const std::size_t n = 1 + pick(o.size() - at);
                d.insert(d.begin() + std::ptrdiff_t(pick(d.size() + 1)),
                         o.begin() + std::ptrdiff_t(at),
                         o.begin() + std::ptrdiff_t(at + n));
            }
            break;
        }
        default: // truncate
            if (!d.empty())
                d.resize(pick(d.size()));
            break;
        }
    }
    if (d.size() > maxLen)
        d.resize(maxLen);
}

} // namespace

int main(int argc, char **argv)
{
    double seconds = 3;
    std::uint64_t seed = 1;
    std::size_t maxLen = 64 * 1024;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc)
            seconds = std::atof(argv[++i]);
        else if (a == "--seed" && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--max-len" && i + 1 < argc)
            maxLen = std::strtoull(argv[++i], nullptr, 10);
        else
            paths.push_back(a);
    }
    const std::string name = std::filesystem::path(argv[0]).filename().string();
    g_crashFile = "crash-standalone-" + name;
    int fakeArgc = 1;
    char **fakeArgv = argv;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&fakeArgc, &fakeArgv);

    std::vector<std::vector<std::uint8_t>> seeds;
    for (const auto &p : paths)
        addSeeds(p, seeds);
    if (seeds.empty())
        seeds.emplace_back();
    for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL})
        std::signal(sig, onFatal);

    std::uint64_t runs = 0;
    for (const auto &s : seeds) {
        g_current = s;
        LLVMFuzzerTestOneInput(g_current.data(), g_current.size());
        ++runs;
    }
    std::mt19937_64 rng(seed);
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        g_current = seeds[rng() % seeds.size()];
        mutate(g_current, seeds, rng, maxLen);
        LLVMFuzzerTestOneInput(g_current.data(), g_current.size());
        ++runs;
    }
    const double took
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %zu seeds, %llu inputs in %.1f s, no crash\n",
                name.c_str(),
                seeds.size(),
                static_cast<unsigned long long>(runs),
                took);
    return 0;
}

// SPDX-License-Identifier: Apache-2.0
// The replay sensor's server side (Beast). See replaysensor.h for what it serves.
#include "replaysensor.h"

#include "connectors/net.h"

#include "core/events/timestamp.h"
#include "core/formats/recordreader.h"
#include "core/ingest/recordbatcher.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <QUrlQuery>
#include <QUuid>

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace Vigie::Connectors {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using beast::error_code;
using namespace std::chrono_literals;

namespace {

struct Doc
{
    std::string raw;
    std::int64_t tsMs = 0;
    std::uint32_t index = 0;
    bool alert = false;
    int severity = -1;
    std::string title;
    std::string host;
    std::string hostIp;
    std::string src;
    std::string dst;
    std::string dataset;
};

void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

std::string isoMs(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(Qt::ISODateWithMs)
        .toStdString();
}

std::string randomHex(int bytes)
{
    std::string raw(static_cast<std::size_t>(bytes), '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), bytes);
    return QByteArray(raw.data(), bytes).toHex().toStdString();
}

// A throw-away certificate for 127.0.0.1, ::1 and localhost, valid for 30 days.
bool makeSelfSigned(EVP_PKEY *&key, X509 *&cert)
{
    key = EVP_EC_gen("P-256");
    if (!key)
        return false;
    cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(std::time(nullptr)));
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 30L * 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name,
                               "CN",
                               MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("vigie replay sensor"),
                               -1,
                               -1,
                               0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    if (X509_EXTENSION *ext = X509V3_EXT_conf_nid(
            nullptr, &v3, NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost")) {
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    }
    return X509_sign(cert, key, EVP_sha256()) > 0;
}

bool globMatch(std::string_view pattern, std::string_view name)
{
    if (pattern.empty() || pattern == "*" || pattern == "_all")
        return true;
    // Comma-separated patterns, each with '*' wildcards.
    std::size_t start = 0;
    while (start <= pattern.size()) {
        std::size_t end = pattern.find(',', start);
        if (end == std::string_view::npos)
            end = pattern.size();
        const std::string_view p = pattern.substr(start, end - start);
        // Simple wildcard match.
        std::size_t pi = 0, ni = 0, star = std::string_view::npos, mark = 0;
        while (ni < name.size()) {
            if (pi < p.size() && (p[pi] == name[ni])) {
                ++pi;
                ++ni;
            } else if (pi < p.size() && p[pi] == '*') {
                star = pi++;
                mark = ni;
            } else if (star != std::string_view::npos) {
                pi = star + 1;
                ni = ++mark;
            } else {
                break;
            }
        }
        while (pi < p.size() && p[pi] == '*')
            ++pi;
        if (ni == name.size() && pi == p.size())
            return true;
        start = end + 1;
    }
    return false;
}

using Response = http::response<http::string_body>;

// gzip, as a server with HTTP compression sends it.
bool gzipInPlace(std::string &body)
{
    z_stream zs{};
    if (deflateInit2(&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    std::string out(deflateBound(&zs, uLong(body.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef *>(body.data());
    zs.avail_in = uInt(body.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return false;
    body.swap(out);
    return true;
}

} // namespace

struct ReplaySensor::Impl
{
    SensorOptions opts;
    std::function<void(QString)> log;
    std::vector<Doc> docs; // sorted by (tsMs, file order); the position is the sequence number
    std::vector<std::string> indexNames;
    std::int64_t alerts = 0;

    asio::io_context ioc{1};
    std::optional<asio::ssl::context> ctx;
    std::optional<tcp::acceptor> acceptor;
    std::thread thread;
    int port = 0;
    QString pin;
    QByteArray certPem;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    mutable std::mutex mutex;
    SensorFaults faults;
    bool dropFired = false, stallFired = false, malformedFired = false, oversizeFired = false;
    std::atomic<std::int64_t> served{0};
    std::vector<RecordedAction> actions;
    static constexpr std::size_t kMaxRecordedActions = 10000;
    std::map<std::string, std::chrono::steady_clock::time_point> tokens; // Wazuh JWTs
    // By index pattern; a request may name any pattern, so the cache is emptied when it grows large
    // (a caller keeps its own reference).
    std::map<std::string, std::shared_ptr<const std::vector<std::uint32_t>>> indexCache;

    // --- data ---
    Result<void> load()
    {
        std::vector<std::pair<std::int64_t, Doc>> loaded;
        std::map<std::string, std::uint32_t> indexIds;
        for (const QString &spec : opts.data) {
            QString path = spec;
            std::string index = "replay";
            const int eq = spec.indexOf(QLatin1Char('='));
            if (eq > 0 && !QFile::exists(spec)) {
                index = spec.left(eq).toStdString();
                path = spec.mid(eq + 1);
            }
            auto [it, added] = indexIds.emplace(index, std::uint32_t(indexNames.size()));
            if (added)
                indexNames.push_back(index);
            Formats::RecordReader reader;
            QString error;
            if (!reader.open(path, error))
                return Error(error);
            if (reader.layout() == Formats::RecordReader::Layout::ZeekTsv)
                return Error(
                    QStringLiteral("%1: a Zeek TSV log; the sensor serves JSON records").arg(path));
            RecordBatcher batcher;
            IngestBatch batch;
            Formats::RecordReader::Item item;
            std::string reason;
            std::int64_t rejected = 0;
            const std::size_t before = loaded.size();
            while (reader.next(item)) {
                if (item.kind != Formats::RecordReader::Item::Record) {
                    ++rejected;
                    continue;
                }
                batch.clear();
                if (batcher.add(item.text, batch, reason, true) != RecordBatcher::Outcome::Added) {
                    ++rejected;
                    continue;
                }
                const Event &e = batch.events.front();
                Doc d;
                d.raw.assign(item.text);
                // A pretty-printed document is served on one line, as Elasticsearch would.
                if (d.raw.find('\n') != std::string::npos)
                    std::replace(d.raw.begin(), d.raw.end(), '\n', ' ');
                d.tsMs = e.timestampUs / 1000;
                d.index = it->second;
                d.alert = e.isAlert();
                d.severity = e.severity;
                d.title = !e.ruleName.empty() ? e.ruleName : e.action;
                d.host = e.hostName;
                d.hostIp = e.hostIp;
                d.src = e.sourceIp;
                d.dst = e.destinationIp;
                d.dataset = e.dataset;
                loaded.emplace_back(std::int64_t(loaded.size()), std::move(d));
            }
            if (log)
                log(QStringLiteral("sensor: %1: %2 records served as index \"%3\"%4")
                        .arg(path)
                        .arg(loaded.size() - before)
                        .arg(QString::fromStdString(index))
                        .arg(rejected ? QStringLiteral(", %1 skipped").arg(rejected) : QString()));
        }
        std::stable_sort(loaded.begin(), loaded.end(), [](const auto &a, const auto &b) {
            return a.second.tsMs < b.second.tsMs;
        });
        docs.reserve(loaded.size());
        for (auto &p : loaded) {
            if (p.second.alert)
                ++alerts;
            docs.push_back(std::move(p.second));
        }
        return {};
    }

    // How many documents (a prefix of docs) the pace has released so far.
    std::size_t released() const
    {
        if (opts.pace == SensorOptions::Pace::Max || docs.empty())
            return docs.size();
        const double elapsed
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (opts.pace == SensorOptions::Pace::Rate)
            return std::min(docs.size(), static_cast<std::size_t>(elapsed * opts.rate));
        const std::int64_t until = docs.front().tsMs + static_cast<std::int64_t>(elapsed * 1000);
        return static_cast<std::size_t>(
            std::upper_bound(docs.begin(),
                             docs.end(),
                             until,
                             [](std::int64_t t, const Doc &d) { return t < d.tsMs; })
            - docs.begin());
    }

    // The sequence numbers of the documents of the indices a pattern names, ascending.
    std::shared_ptr<const std::vector<std::uint32_t>> docsOf(const std::string &pattern)
    {
        std::lock_guard lock(mutex);
        auto it = indexCache.find(pattern);
        if (it != indexCache.end())
            return it->second;
        if (indexCache.size() >= 1024)
            indexCache.clear();
        std::vector<bool> match(indexNames.size());
        for (std::size_t i = 0; i < indexNames.size(); ++i)
            match[i] = globMatch(pattern, indexNames[i]);
        std::vector<std::uint32_t> seqs;
        for (std::uint32_t i = 0; i < docs.size(); ++i)
            if (match[docs[i].index])
                seqs.push_back(i);
        auto shared = std::make_shared<const std::vector<std::uint32_t>>(std::move(seqs));
        indexCache.emplace(pattern, shared);
        return shared;
    }

    // --- faults ---
    SensorFaults currentFaults() const
    {
        std::lock_guard lock(mutex);
        return faults;
    }
    enum class Fault { None, Drop, Stall, Malformed, Oversize };
    // Called before serving `n` more events; returns the fault to play now, if any (once each).
    Fault faultFor(std::int64_t n)
    {
        std::lock_guard lock(mutex);
        const std::int64_t s = served.load();
        auto crosses = [&](std::int64_t at) {
            return at >= 0 && s + n > at;
        };
        if (crosses(faults.dropAfter) && !dropFired) {
            dropFired = true;
            return Fault::Drop;
        }
        if (crosses(faults.stallAfter) && !stallFired) {
            stallFired = true;
            return Fault::Stall;
        }
        if (crosses(faults.malformedAt) && !malformedFired) {
            malformedFired = true;
            return Fault::Malformed;
        }
        if (crosses(faults.oversizeAt) && !oversizeFired) {
            oversizeFired = true;
            return Fault::Oversize;
        }
        return Fault::None;
    }

    // --- HTTP ---
    static Response reply(const http::request<http::string_body> &req,
                          http::status status,
                          std::string body,
                          const char *contentType = "application/json")
    {
        Response res{status, req.version()};
        res.set(http::field::server, "vigie-replay-sensor");
        res.set(http::field::content_type, contentType);
        res.keep_alive(req.keep_alive());
        res.body() = std::move(body);
        res.prepare_payload();
        return res;
    }

    static Response esError(const http::request<http::string_body> &req,
                            http::status status,
                            const std::string &type,
                            const std::string &reason)
    {
        std::string body = R"({"error":{"root_cause":[{"type":)";
        appendJsonString(body, type);
        body += R"(,"reason":)";
        appendJsonString(body, reason);
        body += R"(}],"type":)";
        appendJsonString(body, type);
        body += R"(,"reason":)";
        appendJsonString(body, reason);
        body += "},\"status\":" + std::to_string(static_cast<int>(status)) + "}";
        return reply(req, status, std::move(body));
    }

    bool authorised(const http::request<http::string_body> &req)
    {
        const std::string header(req[http::field::authorization]);
        if (header.rfind("Bearer ", 0) == 0) {
            std::lock_guard lock(mutex);
            auto it = tokens.find(header.substr(7));
            if (it != tokens.end() && it->second > std::chrono::steady_clock::now())
                return true;
        }
        if (opts.auth.isEmpty())
            return true;
        const QStringList parts = opts.auth.split(QLatin1Char(':'));
        const QString scheme = parts.value(0).toLower();
        std::string expected;
        if (scheme == QLatin1String("basic"))
            expected = "Basic "
                       + (parts.value(1) + QLatin1Char(':') + parts.mid(2).join(QLatin1Char(':')))
                             .toUtf8()
                             .toBase64()
                             .toStdString();
        else if (scheme == QLatin1String("bearer"))
            expected = "Bearer " + parts.mid(1).join(QLatin1Char(':')).toStdString();
        else if (scheme == QLatin1String("apikey"))
            expected = "ApiKey " + parts.mid(1).join(QLatin1Char(':')).toStdString();
        return !expected.empty() && header == expected;
    }

    std::string issueToken()
    {
        std::string token = "eyJhbGciOiJIUzI1NiJ9." + randomHex(24) + '.' + randomHex(16);
        std::lock_guard lock(mutex);
        const auto now = std::chrono::steady_clock::now();
        // Expired tokens are forgotten, and a flood of logins cannot grow the table for ever.
        if (tokens.size() >= 10000) {
            std::erase_if(tokens, [now](const auto &t) { return t.second <= now; });
            if (tokens.size() >= 10000)
                tokens.erase(tokens.begin());
        }
        tokens[token] = now + std::chrono::seconds(opts.jwtTtlSeconds);
        return token;
    }

    // The search_after / range bounds of an Elasticsearch query, as positions in `seqs`.
    struct SearchPlan
    {
        std::int64_t size = 10;
        std::int64_t from = 0;
        bool trackTotal = false;
        std::int64_t trackLimit = 10000;
        std::optional<std::int64_t> gteMs, lteMs;
        std::optional<std::pair<std::int64_t, std::int64_t>> after;
        bool pit = false;
        std::string pitId;
        std::string error;
    };

    static std::optional<std::int64_t> msOf(simdjson::dom::element v)
    {
        std::int64_t i;
        double d;
        std::string_view s;
        if (v.get(i) == simdjson::SUCCESS)
            return i;
        if (v.get(d) == simdjson::SUCCESS)
            return static_cast<std::int64_t>(d);
        if (v.get(s) == simdjson::SUCCESS) {
            if (const auto us = parseTimestampUs(s))
                return *us / 1000;
            bool digits = !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit);
            if (digits)
                return std::stoll(std::string(s));
        }
        return std::nullopt;
    }

    static void applyQuery(simdjson::dom::element q, SearchPlan &plan)
    {
        simdjson::dom::object o;
        if (q.get(o) != simdjson::SUCCESS) {
            plan.error = "query must be an object";
            return;
        }
        for (auto [key, value] : o) {
            if (key == "match_all")
                continue;
            if (key == "range") {
                simdjson::dom::object fields;
                if (value.get(fields) != simdjson::SUCCESS)
                    continue;
                for (auto [field, bounds] : fields) {
                    if (field != "@timestamp" && field != "timestamp") {
                        plan.error = "range is supported on @timestamp only";
                        return;
                    }
                    simdjson::dom::object b;
                    if (bounds.get(b) != simdjson::SUCCESS)
                        continue;
                    for (auto [op, v] : b) {
                        const auto ms = msOf(v);
                        if (!ms)
                            continue;
                        if (op == "gte")
                            plan.gteMs = *ms;
                        else if (op == "gt")
                            plan.gteMs = *ms + 1;
                        else if (op == "lte")
                            plan.lteMs = *ms;
                        else if (op == "lt")
                            plan.lteMs = *ms - 1;
                    }
                }
            } else if (key == "bool") {
                simdjson::dom::object b;
                if (value.get(b) != simdjson::SUCCESS)
                    continue;
                for (auto [clause, sub] : b) {
                    if (clause != "filter" && clause != "must") {
                        plan.error = "bool supports filter and must only";
                        return;
                    }
                    simdjson::dom::array arr;
                    if (sub.get(arr) == simdjson::SUCCESS) {
                        for (auto e : arr)
                            applyQuery(e, plan);
                    } else {
                        applyQuery(sub, plan);
                    }
                }
            } else {
                plan.error = "unsupported query type [" + std::string(key) + "]";
                return;
            }
        }
    }

    Response search(const http::request<http::string_body> &req,
                    const std::string &indexPattern,
                    bool &drop,
                    int &stallMs)
    {
        SearchPlan plan;
        simdjson::dom::parser parser;
        const std::string &body = req.body();
        if (!body.empty()) {
            simdjson::dom::element root;
            if (parser.parse(body).get(root) != simdjson::SUCCESS)
                return esError(req,
                               http::status::bad_request,
                               "parsing_exception",
                               "request body is not valid JSON");
            std::int64_t n;
            if (root["size"].get(n) == simdjson::SUCCESS)
                plan.size = n;
            if (root["from"].get(n) == simdjson::SUCCESS)
                plan.from = n;
            bool b;
            if (root["track_total_hits"].get(b) == simdjson::SUCCESS) {
                plan.trackTotal = b;
            } else if (root["track_total_hits"].get(n) == simdjson::SUCCESS) {
                plan.trackLimit = n;
            }
            simdjson::dom::element q;
            if (root["query"].get(q) == simdjson::SUCCESS)
                applyQuery(q, plan);
            simdjson::dom::array after;
            if (root["search_after"].get(after) == simdjson::SUCCESS) {
                std::vector<std::int64_t> vals;
                for (auto v : after) {
                    if (auto ms = msOf(v))
                        vals.push_back(*ms);
                }
                if (vals.size() == 2)
                    plan.after = std::make_pair(vals[0], vals[1]);
                else if (vals.size() == 1)
                    plan.after = std::make_pair(vals[0], std::int64_t(-1));
                else
                    plan.error = "search_after needs [timestamp, tiebreaker]";
            }
            std::string_view pitId;
            if (root["pit"]["id"].get(pitId) == simdjson::SUCCESS) {
                plan.pit = true;
                plan.pitId = std::string(pitId);
            }
        }
        if (!plan.error.empty())
            return esError(req, http::status::bad_request, "parsing_exception", plan.error);
        if (plan.pit && indexPattern != "*")
            return esError(req,
                           http::status::bad_request,
                           "action_request_validation_exception",
                           "[indices] cannot be used with point in time");
        if (plan.from + plan.size > 10000 || plan.size < 0 || plan.from < 0)
            return esError(req,
                           http::status::bad_request,
                           "illegal_argument_exception",
                           "Result window is too large, from + size must be less than or equal "
                           "to: [10000] but was ["
                               + std::to_string(plan.from + plan.size)
                               + "]. See the scroll api for a more efficient way to request large "
                                 "data sets.");
        std::string pattern = indexPattern;
        if (plan.pit) {
            std::lock_guard lock(mutex);
            // A PIT id is the index pattern it was opened on, base64-encoded, plus a nonce.
            const auto dot = plan.pitId.find('.');
            pattern = QByteArray::fromBase64(QByteArray::fromStdString(plan.pitId.substr(0, dot)))
                          .toStdString();
        }
        const auto seqsOfPattern = docsOf(pattern);
        const auto &seqs = *seqsOfPattern;
        const std::size_t visible = released();
        // Positions in seqs: [lo, hi) within the bounds and the released prefix.
        auto firstAtOrAfter = [&](std::int64_t ms, std::int64_t seq) {
            return static_cast<std::size_t>(
                std::lower_bound(
                    seqs.begin(),
                    seqs.end(),
                    std::make_pair(ms, seq),
                    [&](std::uint32_t s, const std::pair<std::int64_t, std::int64_t> &k) {
                        return std::make_pair(docs[s].tsMs, std::int64_t(s)) < k;
                    })
                - seqs.begin());
        };
        std::size_t lo = 0;
        std::size_t hi = static_cast<std::size_t>(
            std::lower_bound(seqs.begin(), seqs.end(), std::uint32_t(visible)) - seqs.begin());
        if (plan.gteMs)
            lo = std::max(lo, firstAtOrAfter(*plan.gteMs, -1));
        if (plan.lteMs)
            hi = std::min(hi, firstAtOrAfter(*plan.lteMs + 1, -1));
        const std::size_t totalLo = lo;
        if (plan.after)
            lo = std::max(lo, firstAtOrAfter(plan.after->first, plan.after->second + 1));
        const std::int64_t total = hi > totalLo ? std::int64_t(hi - totalLo) : 0;
        std::size_t begin = std::min(hi, lo + static_cast<std::size_t>(plan.from));
        std::size_t end = std::min(hi, begin + static_cast<std::size_t>(plan.size));
        const std::int64_t n = static_cast<std::int64_t>(end - begin);

        const Fault fault = n > 0 ? faultFor(n) : Fault::None;
        if (fault == Fault::Drop) {
            drop = true;
            return Response{};
        }
        if (fault == Fault::Stall)
            stallMs = currentFaults().stallMs;

        std::string out;
        out.reserve(256 + static_cast<std::size_t>(n) * 700);
        out += R"({"took":1,"timed_out":false,)";
        if (plan.pit)
            out += "\"pit_id\":\"" + plan.pitId + "\",";
        out += R"("_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":)";
        if (plan.trackTotal || total <= plan.trackLimit)
            out += "{\"value\":" + std::to_string(total) + ",\"relation\":\"eq\"}";
        else
            out += "{\"value\":" + std::to_string(plan.trackLimit) + ",\"relation\":\"gte\"}";
        out += R"(,"max_score":null,"hits":[)";
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint32_t s = seqs[i];
            const Doc &d = docs[s];
            if (i != begin)
                out += ',';
            out += R"({"_index":)";
            appendJsonString(out, indexNames[d.index]);
            out += ",\"_id\":\"" + std::to_string(s) + "\",\"_score\":null,\"_source\":";
            if (fault == Fault::Malformed && i == begin)
                out += d.raw.substr(0, d.raw.size() / 2);
            else
                out += d.raw;
            out += ",\"sort\":[" + std::to_string(d.tsMs) + ',' + std::to_string(s) + "]}";
        }
        out += "]}}";
        if (fault == Fault::Oversize) {
            out.pop_back();
            out += ",\"padding\":\"";
            out.append(static_cast<std::size_t>(currentFaults().oversizeBytes), 'x');
            out += "\"}";
        }
        if (fault != Fault::Malformed && fault != Fault::Oversize)
            served += n;
        return reply(req, http::status::ok, std::move(out));
    }

    Response openPit(const http::request<http::string_body> &req, const std::string &pattern)
    {
        const std::string id
            = QByteArray::fromStdString(pattern).toBase64().toStdString() + '.' + randomHex(8);
        return reply(req, http::status::ok, "{\"id\":\"" + id + "\"}");
    }

    // TheHive 5: POST /api/v1/query {"query":[{"_name":"listAlert"},{"_name":"filter",…},
    // {"_name":"sort",…},{"_name":"page","from":0,"to":100}]}
    Response theHiveQuery(const http::request<http::string_body> &req)
    {
        simdjson::dom::parser parser;
        simdjson::dom::element root;
        simdjson::dom::array ops;
        auto bad = [&](const std::string &msg) {
            return reply(
                req, http::status::bad_request, "{\"type\":\"BadRequest\",\"message\":" + [&] {
                    std::string s;
                    appendJsonString(s, msg);
                    return s;
                }() + "}");
        };
        if (parser.parse(req.body()).get(root) != simdjson::SUCCESS
            || root["query"].get(ops) != simdjson::SUCCESS)
            return bad("the body must be {\"query\": [operations]}");
        bool listAlert = false;
        std::int64_t fromMs = std::numeric_limits<std::int64_t>::min();
        std::int64_t toMs = std::numeric_limits<std::int64_t>::max();
        std::int64_t pageFrom = 0, pageTo = 10;
        std::function<void(simdjson::dom::element)> filter = [&](simdjson::dom::element f) {
            simdjson::dom::object o;
            if (f.get(o) != simdjson::SUCCESS)
                return;
            for (auto [k, v] : o) {
                if (k == "_and") {
                    simdjson::dom::array arr;
                    if (v.get(arr) == simdjson::SUCCESS)
                        for (auto e : arr)
                            filter(e);
                    continue;
                }
                std::string_view field;
                std::int64_t value;
                if (v["_field"].get(field) != simdjson::SUCCESS
                    || v["_value"].get(value) != simdjson::SUCCESS)
                    continue;
                if (field != "_createdAt" && field != "date")
                    continue;
                if (k == "_gte")
                    fromMs = std::max(fromMs, value);
                else if (k == "_gt")
                    fromMs = std::max(fromMs, value + 1);
                else if (k == "_lte")
                    toMs = std::min(toMs, value);
                else if (k == "_lt")
                    toMs = std::min(toMs, value - 1);
            }
        };
        for (auto op : ops) {
            std::string_view name;
            if (op["_name"].get(name) != simdjson::SUCCESS)
                return bad("an operation without _name");
            if (name == "listAlert") {
                listAlert = true;
            } else if (name == "filter") {
                filter(op);
            } else if (name == "page") {
                if (op["from"].get(pageFrom) != simdjson::SUCCESS)
                    pageFrom = 0;
                if (op["to"].get(pageTo) != simdjson::SUCCESS)
                    pageTo = pageFrom + 10;
            } else if (name != "sort") {
                return bad("unsupported operation " + std::string(name));
            }
        }
        if (!listAlert)
            return bad("only listAlert is served");
        const std::size_t visible = released();
        std::string out = "[";
        std::int64_t k = 0;
        std::int64_t n = 0;
        for (std::size_t s = 0; s < visible && k < pageTo; ++s) {
            const Doc &d = docs[s];
            if (!d.alert || d.tsMs < fromMs || d.tsMs > toMs)
                continue;
            if (k++ < pageFrom)
                continue;
            if (n++)
                out += ',';
            const int sev = d.severity <= 21 ? 1 : d.severity <= 47 ? 2 : d.severity <= 73 ? 3 : 4;
            out += "{\"_id\":\"~" + std::to_string(s)
                   + "\",\"_type\":\"Alert\","
                     "\"_createdBy\":\"vigie-replay@thehive.local\",\"_createdAt\":"
                   + std::to_string(d.tsMs) + ",\"type\":";
            appendJsonString(out, d.dataset.empty() ? std::string("replay") : d.dataset);
            out += ",\"source\":\"vigie-replay\",\"sourceRef\":\"" + std::to_string(s)
                   + "\",\"title\":";
            appendJsonString(out, d.title.empty() ? std::string("Alert") : d.title);
            std::string desc = "Replayed alert";
            if (!d.src.empty())
                desc += " from " + d.src;
            if (!d.dst.empty())
                desc += " to " + d.dst;
            if (!d.host.empty())
                desc += " on " + d.host;
            out += ",\"description\":";
            appendJsonString(out, desc);
            out += ",\"severity\":" + std::to_string(sev) + ",\"severityLabel\":\""
                   + (sev == 1   ? "LOW"
                      : sev == 2 ? "MEDIUM"
                      : sev == 3 ? "HIGH"
                                 : "CRITICAL")
                   + "\",\"date\":" + std::to_string(d.tsMs)
                   + ",\"tags\":[],\"tlp\":2,\"tlpLabel\":\"AMBER\",\"pap\":2,"
                     "\"papLabel\":\"AMBER\",\"follow\":true,\"status\":\"New\",\"stage\":\"New\","
                     "\"observables\":[";
            bool first = true;
            auto observable = [&](const char *type, const std::string &v) {
                if (v.empty())
                    return;
                if (!first)
                    out += ',';
                first = false;
                out += "{\"dataType\":\"" + std::string(type) + "\",\"data\":";
                appendJsonString(out, v);
                out += '}';
            };
            observable("ip", d.src);
            observable("ip", d.dst);
            observable("hostname", d.host);
            out += "]}";
        }
        out += ']';
        served += n;
        return reply(req, http::status::ok, std::move(out));
    }

    Response agents(const http::request<http::string_body> &req)
    {
        std::map<std::string, std::string> hosts; // name -> ip
        for (const Doc &d : docs)
            if (!d.host.empty())
                hosts.emplace(d.host, d.hostIp);
        std::string out = R"({"data":{"affected_items":[)";
        int id = 0;
        for (const auto &[name, ip] : hosts) {
            if (id)
                out += ',';
            char idbuf[16];
            std::snprintf(idbuf, sizeof idbuf, "%03d", ++id);
            out += "{\"id\":\"" + std::string(idbuf) + "\",\"name\":";
            appendJsonString(out, name);
            out += ",\"ip\":";
            appendJsonString(out, ip.empty() ? std::string("any") : ip);
            out += ",\"status\":\"active\",\"os\":{\"platform\":\"replay\"},\"lastKeepAlive\":\""
                   + isoMs(QDateTime::currentMSecsSinceEpoch()) + "\"}";
        }
        out += "],\"total_affected_items\":" + std::to_string(id)
               + R"(,"total_failed_items":0,"failed_items":[]},"message":"All selected agents information was returned","error":0})";
        return reply(req, http::status::ok, std::move(out));
    }

    Response recordAction(const http::request<http::string_body> &req,
                          const QString &api,
                          const QString &command)
    {
        RecordedAction a;
        a.api = api;
        a.command = command;
        a.request = QByteArray::fromStdString(req.body());
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        a.target = QString::fromStdString(std::string(req.method_string()) + ' '
                                          + std::string(req.target()));
        simdjson::dom::parser parser;
        // No body reads as an empty object: every lookup below then finds nothing.
        simdjson::dom::element root;
        static const simdjson::padded_string kNoBody(std::string_view("{}"));
        if ((req.body().empty() ? parser.parse(kNoBody) : parser.parse(req.body())).get(root)
            != simdjson::SUCCESS)
            return reply(
                req,
                http::status::bad_request,
                R"({"statusCode":400,"error":"Bad Request","message":"request body is not valid JSON"})");
        std::string out;
        if (api == QLatin1String("elastic")) {
            simdjson::dom::array ids;
            if (root["endpoint_ids"].get(ids) != simdjson::SUCCESS || ids.size() == 0)
                return reply(
                    req,
                    http::status::bad_request,
                    R"({"statusCode":400,"error":"Bad Request","message":"[request body.endpoint_ids]: array size is [0], but expected at least [1]"})");
            out = "{\"data\":{\"id\":\"" + a.id.toStdString() + "\",\"agents\":"
                  + std::string(simdjson::minify(ids)) + ",\"command\":\"" + command.toStdString()
                  + "\",\"agentType\":\"endpoint\",\"isExpired\":false,\"isCompleted\":false,"
                    "\"wasSuccessful\":false,\"status\":\"pending\",\"createdBy\":\"vigie\","
                    "\"startedAt\":\""
                  + isoMs(QDateTime::currentMSecsSinceEpoch()) + "\"}}";
        } else if (api == QLatin1String("thehive")) {
            // TheHive 5 answers a created case with its id, number and what it was given.
            std::string_view title;
            if (root["title"].get(title) != simdjson::SUCCESS || title.empty())
                return reply(
                    req,
                    http::status::bad_request,
                    R"({"type":"BadRequest","message":"Invalid json: title is required"})");
            out = "{\"_id\":\"~" + std::to_string(4096 + actionCount())
                  + "\",\"_type\":\"Case\","
                    "\"number\":"
                  + std::to_string(1 + actionCount()) + ",\"title\":";
            appendJsonString(out, std::string(title));
            out += ",\"status\":\"New\",\"stage\":\"New\"}";
        } else if (api == QLatin1String("webhook")) {
            out = R"({"ok":true})";
        } else {
            std::string_view cmd;
            if (root["command"].get(cmd) != simdjson::SUCCESS)
                return reply(
                    req,
                    http::status::bad_request,
                    R"({"title":"Bad Request","detail":"'command' is a required property","error":400})");
            a.command = QString::fromUtf8(cmd.data(), qsizetype(cmd.size()));
            const QUrlQuery q(QUrl(QString::fromStdString(std::string(req.target()))));
            const QStringList agents = q.queryItemValue(QStringLiteral("agents_list"))
                                           .split(QLatin1Char(','), Qt::SkipEmptyParts);
            out = R"({"data":{"affected_items":[)";
            for (int i = 0; i < agents.size(); ++i) {
                if (i)
                    out += ',';
                appendJsonString(out, agents[i].toStdString());
            }
            out += "],\"total_affected_items\":" + std::to_string(agents.size())
                   + R"(,"total_failed_items":0,"failed_items":[]},"message":"AR command was sent to all agents","error":0})";
        }
        {
            std::lock_guard lock(mutex);
            // A lab sensor hit by a flood of actions keeps the most recent ones (the actions log
            // file, when set, keeps them all).
            if (actions.size() >= kMaxRecordedActions)
                actions.erase(actions.begin(), actions.begin() + kMaxRecordedActions / 2);
            actions.push_back(a);
        }
        if (!opts.actionsLog.isEmpty()) {
            QFile f(opts.actionsLog);
            if (f.open(QIODevice::Append)) {
                std::string line = "{\"api\":";
                appendJsonString(line, a.api.toStdString());
                line += ",\"command\":";
                appendJsonString(line, a.command.toStdString());
                line += ",\"id\":\"" + a.id.toStdString() + "\",\"target\":";
                appendJsonString(line, a.target.toStdString());
                line += ",\"request\":";
                appendJsonString(line, req.body());
                line += "}\n";
                f.write(line.data(), qint64(line.size()));
            }
        }
        if (log)
            log(QStringLiteral("sensor: response action %1 %2 recorded").arg(api, a.command));
        return reply(req, http::status::ok, std::move(out));
    }

    std::size_t actionCount()
    {
        std::lock_guard lock(mutex);
        return actions.size();
    }

    Response actionsList(const http::request<http::string_body> &req)
    {
        std::lock_guard lock(mutex);
        std::string out = "[";
        for (std::size_t i = 0; i < actions.size(); ++i) {
            if (i)
                out += ',';
            out += "{\"api\":";
            appendJsonString(out, actions[i].api.toStdString());
            out += ",\"command\":";
            appendJsonString(out, actions[i].command.toStdString());
            out += ",\"id\":\"" + actions[i].id.toStdString() + "\",\"target\":";
            appendJsonString(out, actions[i].target.toStdString());
            out += ",\"request\":";
            appendJsonString(out, actions[i].request.toStdString());
            out += '}';
        }
        out += ']';
        return reply(req, http::status::ok, std::move(out));
    }

    // Routes one request. `drop`: close without answering; `stallMs`: wait before answering.
    Response handle(const http::request<http::string_body> &req, bool &drop, int &stallMs)
    {
        const std::string target(req.target());
        const std::string path = target.substr(0, target.find('?'));
        const auto method = req.method();
        if (path == "/" && method == http::verb::get)
            return reply(
                req,
                http::status::ok,
                R"({"name":"vigie-replay","cluster_name":"vigie","version":{"number":"8.11.0","distribution":"vigie-replay"},"tagline":"You Know, for Search"})");
        {
            std::lock_guard lock(mutex);
            if (faults.failCount > 0 && faults.failStatus > 0) {
                --faults.failCount;
                const auto st = static_cast<http::status>(faults.failStatus);
                Response r = faults.failStatus == 401
                                 ? esError(req, st, "security_exception", "unable to authenticate")
                             : faults.failStatus == 429
                                 ? esError(req,
                                           st,
                                           "es_rejected_execution_exception",
                                           "rejected execution: too many requests")
                                 : esError(req, st, "internal_server_error", "replayed failure");
                if (faults.failStatus == 429)
                    r.set(http::field::retry_after, "1");
                return r;
            }
        }
        if (path == "/security/user/authenticate") {
            const std::string header(req[http::field::authorization]);
            bool ok = header.rfind("Basic ", 0) == 0;
            if (ok && opts.auth.startsWith(QLatin1String("basic:")))
                ok = authorised(req);
            if (!ok || currentFaults().rejectAuth)
                return reply(
                    req,
                    http::status::unauthorized,
                    R"({"title":"Unauthorized","detail":"Invalid credentials","error":401})");
            return reply(req,
                         http::status::ok,
                         "{\"data\":{\"token\":\"" + issueToken() + "\"},\"error\":0}");
        }
        bool rejectAll;
        {
            std::lock_guard lock(mutex);
            rejectAll = faults.rejectAuth;
        }
        const bool wazuh = path == "/agents" || path == "/active-response";
        bool ok = !rejectAll && authorised(req);
        if (wazuh && ok) {
            // The Wazuh API takes its own JWT only.
            const std::string header(req[http::field::authorization]);
            std::lock_guard lock(mutex);
            auto it
                = header.rfind("Bearer ", 0) == 0 ? tokens.find(header.substr(7)) : tokens.end();
            ok = it != tokens.end() && it->second > std::chrono::steady_clock::now();
        }
        if (!ok) {
            if (wazuh)
                return reply(req,
                             http::status::unauthorized,
                             R"({"title":"Unauthorized","detail":"Invalid token","error":401})");
            Response r = esError(req,
                                 http::status::unauthorized,
                                 "security_exception",
                                 "missing authentication credentials for REST request");
            r.set(http::field::www_authenticate, "Basic realm=\"security\", ApiKey");
            return r;
        }
        if (path == "/_search" || path == "/*/_search")
            return search(req, "*", drop, stallMs);
        if (path.size() > 8 && path.compare(path.size() - 8, 8, "/_search") == 0)
            return search(req, path.substr(1, path.size() - 9), drop, stallMs);
        if (path.size() > 5 && path.compare(path.size() - 5, 5, "/_pit") == 0
            && method == http::verb::post)
            return openPit(req, path.substr(1, path.size() - 6));
        if (path == "/_pit" && method == http::verb::delete_)
            return reply(req, http::status::ok, R"({"succeeded":true,"num_freed":1})");
        if (path == "/api/v1/query" && method == http::verb::post)
            return theHiveQuery(req);
        if (path == "/agents" && method == http::verb::get)
            return agents(req);
        if (path == "/active-response" && method == http::verb::put)
            return recordAction(req, QStringLiteral("wazuh"), QString());
        if (path.rfind("/api/endpoint/action/", 0) == 0 && method == http::verb::post) {
            const std::string cmd = path.substr(21);
            static const std::set<std::string> known
                = {"isolate", "unisolate", "kill_process", "suspend_process", "running_processes"};
            if (!known.count(cmd))
                return reply(req,
                             http::status::not_found,
                             R"({"statusCode":404,"error":"Not Found","message":"Not Found"})");
            return recordAction(req, QStringLiteral("elastic"), QString::fromStdString(cmd));
        }
        if (path == "/api/v1/case" && method == http::verb::post)
            return recordAction(req, QStringLiteral("thehive"), QStringLiteral("create_case"));
        if (path.rfind("/hooks/", 0) == 0 && path.size() > 7 && method == http::verb::post)
            return recordAction(
                req, QStringLiteral("webhook"), QString::fromStdString(path.substr(7)));
        if (path == "/_vigie/actions")
            return actionsList(req);
        return esError(req,
                       http::status::not_found,
                       "resource_not_found_exception",
                       "no handler for " + std::string(req.method_string()) + ' ' + path);
    }

    // --- WebSocket stream ---
    asio::awaitable<void> stream(websocket::stream<beast::ssl_stream<beast::tcp_stream>> &ws,
                                 const http::request<http::string_body> &req)
    {
        const QUrlQuery q(QUrl(QString::fromStdString(std::string(req.target()))));
        const std::string pattern = q.hasQueryItem(QStringLiteral("index"))
                                        ? q.queryItemValue(QStringLiteral("index")).toStdString()
                                        : std::string("*");
        std::int64_t after = -1;
        if (q.hasQueryItem(QStringLiteral("after")))
            after = q.queryItemValue(QStringLiteral("after")).toLongLong();
        int batch = opts.wsBatch;
        if (q.hasQueryItem(QStringLiteral("batch")))
            batch = std::clamp(q.queryItemValue(QStringLiteral("batch")).toInt(), 1, 10000);
        const auto seqsOfPattern = docsOf(pattern);
        const auto &seqs = *seqsOfPattern;
        std::size_t pos = static_cast<std::size_t>(
            std::upper_bound(seqs.begin(),
                             seqs.end(),
                             after,
                             [](std::int64_t a, std::uint32_t s) { return a < std::int64_t(s); })
            - seqs.begin());
        error_code ec;
        asio::steady_timer timer(ioc);
        auto lastSent = std::chrono::steady_clock::now();
        std::string msg;
        ws.text(true);
        // A ping right away says this sensor pings; later ones say it is alive and has sent all
        // it has for now.
        co_await ws.async_ping({}, asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        bool idleAnnounced = false;
        for (;;) {
            const std::size_t visible = released();
            std::size_t end = pos;
            while (end < seqs.size() && seqs[end] < visible && end - pos < std::size_t(batch))
                ++end;
            if (end == pos) {
                // Nothing to send: a ping now, then each second.
                if (!idleAnnounced || std::chrono::steady_clock::now() - lastSent > 1s) {
                    idleAnnounced = true;
                    co_await ws.async_ping({}, asio::redirect_error(asio::use_awaitable, ec));
                    if (ec)
                        co_return;
                    lastSent = std::chrono::steady_clock::now();
                }
                timer.expires_after(opts.pace == SensorOptions::Pace::Max ? 200ms : 10ms);
                co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                continue;
            }
            const std::int64_t n = static_cast<std::int64_t>(end - pos);
            const Fault fault = faultFor(n);
            if (fault == Fault::Drop) {
                beast::get_lowest_layer(ws).socket().close(ec);
                co_return;
            }
            if (fault == Fault::Stall) {
                timer.expires_after(std::chrono::milliseconds(currentFaults().stallMs));
                co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                co_return; // the client has given up on this connection by now
            }
            if (fault == Fault::Malformed) {
                msg = "{\"id\":" + std::to_string(seqs[pos]) + ",\"event\":{\"broken\": tru";
                co_await ws.async_write(asio::buffer(msg),
                                        asio::redirect_error(asio::use_awaitable, ec));
                if (ec)
                    co_return;
            } else if (fault == Fault::Oversize) {
                msg.assign("{\"id\":-1,\"padding\":\"");
                msg.append(static_cast<std::size_t>(currentFaults().oversizeBytes), 'x');
                msg += "\"}";
                co_await ws.async_write(asio::buffer(msg),
                                        asio::redirect_error(asio::use_awaitable, ec));
                if (ec)
                    co_return;
                continue;
            }
            msg.clear();
            if (n > 1)
                msg += '[';
            for (std::size_t i = pos; i < end; ++i) {
                if (i != pos)
                    msg += ',';
                msg += "{\"id\":" + std::to_string(seqs[i]) + ",\"event\":";
                msg += docs[seqs[i]].raw;
                msg += '}';
            }
            if (n > 1)
                msg += ']';
            co_await ws.async_write(asio::buffer(msg),
                                    asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                co_return;
            served += n;
            pos = end;
            idleAnnounced = false;
            lastSent = std::chrono::steady_clock::now();
        }
    }

    static void limitRequest(http::request_parser<http::string_body> &parser)
    {
        parser.body_limit(8 << 20);
    }

    void compressFor(const http::request<http::string_body> &req, Response &res)
    {
        if (opts.gzip && res.body().size() > 1024
            && std::string_view(req[http::field::accept_encoding]).find("gzip")
                   != std::string_view::npos
            && gzipInPlace(res.body())) {
            res.set(http::field::content_encoding, "gzip");
            res.prepare_payload();
        }
    }

    asio::awaitable<void> session(tcp::socket socket)
    {
        beast::ssl_stream<beast::tcp_stream> tls(std::move(socket), *ctx);
        error_code ec;
        beast::get_lowest_layer(tls).expires_after(10s);
        co_await tls.async_handshake(asio::ssl::stream_base::server,
                                     asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        beast::flat_buffer buffer;
        for (;;) {
            http::request_parser<http::string_body> parser;
            limitRequest(parser);
            beast::get_lowest_layer(tls).expires_after(120s);
            co_await http::async_read(
                tls, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                break;
            auto req = parser.release();
            if (websocket::is_upgrade(req)) {
                const std::string target(req.target());
                if (target.rfind("/stream", 0) != 0 && target.rfind("/_stream", 0) != 0)
                    break;
                bool ok = !currentFaults().rejectAuth && authorised(req);
                if (!ok) {
                    Response r = esError(req,
                                         http::status::unauthorized,
                                         "security_exception",
                                         "missing authentication credentials");
                    co_await http::async_write(
                        tls, r, asio::redirect_error(asio::use_awaitable, ec));
                    break;
                }
                beast::get_lowest_layer(tls).expires_never();
                websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws(std::move(tls));
                ws.set_option(websocket::stream_base::decorator([](websocket::response_type &res) {
                    res.set(http::field::server, "vigie-replay-sensor");
                }));
                co_await ws.async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
                if (ec)
                    co_return;
                co_await stream(ws, req);
                co_return;
            }
            bool drop = false;
            int stallMs = 0;
            Response res = handle(req, drop, stallMs);
            if (drop) {
                beast::get_lowest_layer(tls).socket().close(ec);
                co_return;
            }
            if (stallMs > 0) {
                asio::steady_timer timer(ioc);
                timer.expires_after(std::chrono::milliseconds(stallMs));
                co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            }
            compressFor(req, res);
            beast::get_lowest_layer(tls).expires_after(60s);
            co_await http::async_write(tls, res, asio::redirect_error(asio::use_awaitable, ec));
            if (ec || !res.keep_alive())
                break;
        }
        beast::get_lowest_layer(tls).expires_after(2s);
        co_await tls.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    }

    asio::awaitable<void> acceptLoop()
    {
        for (;;) {
            error_code ec;
            tcp::socket socket
                = co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                if (ec == asio::error::operation_aborted || !acceptor->is_open())
                    co_return;
                continue;
            }
            asio::co_spawn(ioc, session(std::move(socket)), asio::detached);
        }
    }

    Result<void> setupTls()
    {
        ctx.emplace(asio::ssl::context::tls_server);
        SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
        X509 *cert = nullptr;
        if (opts.selfSigned) {
            EVP_PKEY *key = nullptr;
            if (!makeSelfSigned(key, cert))
                return Error(QStringLiteral("cannot make a self-signed certificate"));
            SSL_CTX_use_certificate(ctx->native_handle(), cert);
            SSL_CTX_use_PrivateKey(ctx->native_handle(), key);
            EVP_PKEY_free(key);
        } else {
            if (opts.certFile.isEmpty() || opts.keyFile.isEmpty())
                return Error(QStringLiteral("give --tls-cert and --tls-key, or --self-signed"));
            error_code ec;
            ctx->use_certificate_chain_file(opts.certFile.toStdString(), ec);
            if (ec)
                return Error(QStringLiteral("cannot load the certificate %1: %2")
                                 .arg(opts.certFile, QString::fromStdString(ec.message())));
            ctx->use_private_key_file(opts.keyFile.toStdString(), asio::ssl::context::pem, ec);
            if (ec)
                return Error(QStringLiteral("cannot load the key %1: %2")
                                 .arg(opts.keyFile, QString::fromStdString(ec.message())));
            cert = SSL_CTX_get0_certificate(ctx->native_handle());
            if (cert)
                X509_up_ref(cert);
        }
        if (cert) {
            BIO *bio = BIO_new(BIO_s_mem());
            PEM_write_bio_X509(bio, cert);
            char *data = nullptr;
            const long len = BIO_get_mem_data(bio, &data);
            certPem = QByteArray(data, int(len));
            BIO_free(bio);
            X509_free(cert);
            pin = Net::pinOfPemCertificate(certPem);
        }
        return {};
    }
};

ReplaySensor::ReplaySensor()
    : d(std::make_unique<Impl>())
{}

ReplaySensor::~ReplaySensor()
{
    if (d->thread.joinable()) {
        asio::post(d->ioc, [this] {
            error_code ec;
            d->acceptor->close(ec);
            d->ioc.stop();
        });
        d->thread.join();
    }
}

Result<std::unique_ptr<ReplaySensor>> ReplaySensor::start(const SensorOptions &options,
                                                          std::function<void(QString)> log)
{
    std::unique_ptr<ReplaySensor> s(new ReplaySensor);
    auto &d = *s->d;
    d.opts = options;
    d.faults = options.faults;
    d.log = std::move(log);
    if (options.data.isEmpty())
        return Error(QStringLiteral("no data to serve: give --data FILE"));
    if (auto r = d.load(); !r)
        return Error(r.error());
    if (auto r = d.setupTls(); !r)
        return Error(r.error());
    error_code ec;
    const auto address = asio::ip::make_address(options.listenHost.toStdString(), ec);
    if (ec)
        return Error(
            QStringLiteral("cannot listen on %1: not an IP address").arg(options.listenHost));
    d.acceptor.emplace(d.ioc);
    const tcp::endpoint ep(address, static_cast<unsigned short>(options.port));
    d.acceptor->open(ep.protocol(), ec);
    if (!ec)
        d.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d.acceptor->bind(ep, ec);
    if (!ec)
        d.acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return Error(QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(options.listenHost)
                         .arg(options.port)
                         .arg(QString::fromStdString(ec.message())));
    d.port = d.acceptor->local_endpoint().port();
    d.started = std::chrono::steady_clock::now();
    asio::co_spawn(d.ioc, d.acceptLoop(), asio::detached);
    d.thread = std::thread([&d] { d.ioc.run(); });
    return s;
}

int ReplaySensor::port() const
{
    return d->port;
}

QString ReplaySensor::baseUrl(const QString &scheme) const
{
    const QString host = d->opts.listenHost.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + d->opts.listenHost + QLatin1Char(']')
                             : d->opts.listenHost;
    return QStringLiteral("%1://%2:%3").arg(scheme, host).arg(d->port);
}

QString ReplaySensor::certificatePin() const
{
    return d->pin;
}

QByteArray ReplaySensor::certificatePem() const
{
    return d->certPem;
}

std::int64_t ReplaySensor::documentCount() const
{
    return static_cast<std::int64_t>(d->docs.size());
}

std::int64_t ReplaySensor::alertCount() const
{
    return d->alerts;
}

std::int64_t ReplaySensor::eventsServed() const
{
    return d->served.load();
}

void ReplaySensor::setFaults(const SensorFaults &faults)
{
    std::lock_guard lock(d->mutex);
    d->faults = faults;
    d->dropFired = d->stallFired = d->malformedFired = d->oversizeFired = false;
    d->served = 0;
}

QByteArray ReplaySensor::answerRaw(const QByteArray &bytes)
{
    std::string out;
    std::string_view rest(bytes.constData(), std::size_t(bytes.size()));
    while (!rest.empty()) {
        http::request_parser<http::string_body> parser;
        Impl::limitRequest(parser);
        parser.eager(true);
        error_code ec;
        std::size_t used = 0;
        while (!parser.is_done()) {
            const std::size_t n
                = parser.put(asio::buffer(rest.data() + used, rest.size() - used), ec);
            used += n;
            if (ec == http::error::need_more || (!ec && n == 0)) {
                // All that is left was given: the connection ends here.
                ec = {};
                parser.put_eof(ec);
                break;
            }
            if (ec || used >= rest.size())
                break;
        }
        if (ec || !parser.is_done())
            break;
        rest.remove_prefix(used);
        auto req = parser.release();
        if (websocket::is_upgrade(req))
            break;
        bool drop = false;
        int stallMs = 0;
        Response res = d->handle(req, drop, stallMs);
        if (drop)
            break;
        d->compressFor(req, res);
        std::ostringstream os;
        os << res;
        out += os.str();
        if (!res.keep_alive())
            break;
    }
    return QByteArray::fromStdString(out);
}

std::vector<RecordedAction> ReplaySensor::actions() const
{
    std::lock_guard lock(d->mutex);
    return d->actions;
}

bool parseFault(const QString &text, SensorFaults &f, QString &error)
{
    const QString name = text.section(QLatin1Char('='), 0, 0).trimmed();
    const QStringList args = text.section(QLatin1Char('='), 1).split(QLatin1Char(':'));
    bool ok = true;
    auto num = [&](int i, std::int64_t def) -> std::int64_t {
        if (i >= args.size() || args[i].isEmpty())
            return def;
        bool good = false;
        const qint64 v = args[i].toLongLong(&good);
        ok = ok && good && v >= 0;
        return v;
    };
    if (name == QLatin1String("drop-after"))
        f.dropAfter = num(0, -1);
    else if (name == QLatin1String("stall-after")) {
        f.stallAfter = num(0, -1);
        f.stallMs = static_cast<int>(num(1, f.stallMs));
    } else if (name == QLatin1String("malformed-at"))
        f.malformedAt = num(0, -1);
    else if (name == QLatin1String("oversize-at")) {
        f.oversizeAt = num(0, -1);
        f.oversizeBytes = num(1, f.oversizeBytes);
    } else if (name == QLatin1String("reject-auth"))
        f.rejectAuth = true;
    else if (name == QLatin1String("status")) {
        f.failStatus = static_cast<int>(num(0, 0));
        f.failCount = static_cast<int>(num(1, 1));
        ok = ok && f.failStatus >= 400 && f.failStatus <= 599;
    } else {
        error = QStringLiteral("unknown fault \"%1\" (drop-after=N, stall-after=N[:MS], "
                               "malformed-at=N, oversize-at=N[:BYTES], reject-auth, "
                               "status=CODE[:COUNT])")
                    .arg(text);
        return false;
    }
    if (!ok
        || ((name == QLatin1String("drop-after") || name == QLatin1String("stall-after")
             || name == QLatin1String("malformed-at") || name == QLatin1String("oversize-at"))
            && args.value(0).isEmpty())) {
        error = QStringLiteral("bad value in fault \"%1\"").arg(text);
        return false;
    }
    return true;
}

} // namespace Vigie::Connectors

// SPDX-License-Identifier: Apache-2.0
// The replay sensor: serves datasets over HTTPS and WSS the way real sensor APIs do, for the demo,
// the tests and anyone without a SIEM at hand.
//  - Elasticsearch: GET /, POST /{index}/_search (query match_all / range on @timestamp, sort,
//    search_after, size, track_total_hits), POST /{index}/_pit, DELETE /_pit, search with "pit".
//  - WebSocket: /stream?index=I&after=SEQ&batch=N: messages {"id":SEQ,"event":{…}} (or arrays).
//  - TheHive 5: POST /api/v1/query (listAlert, filter on _createdAt, sort, page).
//  - Wazuh manager: POST /security/user/authenticate (JWT), GET /agents.
//  - Response actions: Elastic POST /api/endpoint/action/{isolate,unisolate,kill_process,
//    suspend_process}, Wazuh PUT /active-response; recorded, listed by GET /_vigie/actions.
// Fault switches (each fires once unless said otherwise) make it misbehave on purpose.
#pragma once

#include "core/events/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace Vigie::Connectors {

struct SensorFaults
{
    std::int64_t dropAfter = -1;   // close the connection once N events have been served
    std::int64_t stallAfter = -1;  // stop answering once N events have been served...
    int stallMs = 60000;           // ...for this long
    std::int64_t malformedAt = -1; // send a malformed document once N events have been served
    std::int64_t oversizeAt = -1;  // send an oversize message / response at N events
    std::int64_t oversizeBytes = 80LL << 20;
    bool rejectAuth = false; // every request gets 401 (until switched off)
    int failStatus = 0;      // answer the next failCount requests with this status
    int failCount = 0;
};

struct SensorOptions
{
    // FILE, or INDEX=FILE to serve a file under an index name (default "replay").
    QStringList data;
    QString listenHost = QStringLiteral("127.0.0.1");
    int port = 0; // 0: any free port
    QString certFile;
    QString keyFile;
    bool selfSigned = false;
    enum class Pace { Max, Rate, Realtime } pace = Pace::Max;
    double rate = 1000; // events per second, with Pace::Rate
    // Credentials: "basic:USER:PASS", "bearer:TOKEN" or "apikey:VALUE"; empty: none required.
    QString auth;
    int jwtTtlSeconds = 900;
    int wsBatch = 100;  // events per WebSocket message at most
    bool gzip = false;  // compress HTTP responses when the client accepts gzip
    QString actionsLog; // JSON lines of received response actions, appended
    SensorFaults faults;
};

struct RecordedAction
{
    QString api;     // "elastic", "wazuh", "thehive" or "webhook"
    QString command; // isolate, unisolate, kill_process, firewall-drop, create_case, the hook…
    QByteArray request;
    QString id;
    QString target; // "METHOD /path?query" as received, to compare with a dry run
};

class ReplaySensor
{
public:
    // Loads the data and starts listening; the sensor serves on its own thread.
    static Result<std::unique_ptr<ReplaySensor>> start(const SensorOptions &options,
                                                       std::function<void(QString)> log = {});
    ~ReplaySensor();
    ReplaySensor(const ReplaySensor &) = delete;
    ReplaySensor &operator=(const ReplaySensor &) = delete;

    int port() const;
    QString baseUrl(const QString &scheme = QStringLiteral("https")) const;
    QString certificatePin() const; // "sha256/BASE64" of the served certificate's key
    QByteArray certificatePem() const;
    std::int64_t documentCount() const;
    std::int64_t alertCount() const;
    std::int64_t eventsServed() const;
    void setFaults(const SensorFaults &faults);
    std::vector<RecordedAction> actions() const;

    // Answers raw request bytes as a connection does (the same parser and limits, routing, faults
    // and gzip) without the network or TLS: for fuzzing. Pipelined requests are answered in order;
    // the answers end at bytes that are not a request, a WebSocket upgrade (not served here) or a
    // fault that drops the connection. Stalls are not waited for.
    QByteArray answerRaw(const QByteArray &bytes);

    struct Impl;

private:
    ReplaySensor();
    std::unique_ptr<Impl> d;
};

// Parses one --fault switch ("drop-after=100", "stall-after=50:2000", "malformed-at=10",
// "oversize-at=10[:BYTES]", "reject-auth", "status=429[:COUNT]") into `faults`.
bool parseFault(const QString &text, SensorFaults &faults, QString &error);

} // namespace Vigie::Connectors

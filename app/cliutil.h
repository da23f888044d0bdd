// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the subcommands (cli.cpp, cli_connectors.cpp).
#pragma once

#include "core/detection/detector.h"
#include "core/events/result.h"
#include "core/report/reporttemplate.h"
#include "core/store/store.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <atomic>

namespace Vigie::Cli {

void printOut(const QString &s);
void printErr(const QString &s);
int fail(const QString &message, int code = 1);
QString withSeparators(qint64 n);
void addDbOption(QCommandLineParser &p);
QString dbPathFrom(const QCommandLineParser &p);
// Opens the store --db names (it must exist); on failure prints why and returns the exit code.
int openStore(const QCommandLineParser &p, std::unique_ptr<Store> &out);
// Parses the subcommand's own arguments; on --help or an error prints and returns false.
bool parse(QCommandLineParser &p, const QStringList &args, int &exitCode);

// The alert filter options shared by `alerts` and `triage`: --status, --min-severity, --host,
// --search.
void addAlertFilterOptions(QCommandLineParser &p);
Result<AlertQuery> alertFilterFrom(const QCommandLineParser &p, const QString &command);

// The detection rules options shared by `import` and `hunt`: --sigma DIR (instead of the bundled
// set), --min-level LEVEL, --skip-status STATUS,… (experimental, deprecated, …).
void addRuleOptions(QCommandLineParser &p);
Result<std::shared_ptr<const Detection::RuleSet>> rulesFrom(const QCommandLineParser &p,
                                                            Detection::RuleSet::LoadReport &report);

// Ctrl+C and SIGTERM set interrupted() instead of killing the process, so a long command stops
// cleanly (a pull saves its cursor, a playbook run records its end).
void catchSignals();
std::atomic<bool> &interrupted();

// What follows new events, after an import or a pull: the built-in analytics over the events
// stored after `afterId` (they need event sequences; `afterId` is what Store::analyticsStart gave,
// so what a stopped run added is covered too), then the alerts correlated into incidents.
// Problems are printed; returns the alerts the analytics raised.
qint64 analyseAndCorrelate(Store &store, std::int64_t afterId);

// An incident as the command line names it: 12 or #12; 0 when it is not one.
qint64 incidentArgument(const QString &text);
// The report template --template names, else the bundled one.
Result<Report::ReportTemplate> reportTemplateFrom(const QCommandLineParser &p);

int runSensor(const QStringList &args);
int runTriage(const QStringList &args);
int runConnector(const QStringList &args);
int runHunt(const QStringList &args);
int runIncidents(const QStringList &args);
int runRca(const QStringList &args);
int runReport(const QStringList &args);

} // namespace Vigie::Cli

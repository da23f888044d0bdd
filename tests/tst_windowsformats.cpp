// SPDX-License-Identifier: Apache-2.0
// Windows (HELK, Sentinel, Winlogbeat, SigmaHQ regression), Microsoft cloud (Defender, Azure AD,
// Office) and Elastic ECS normalisers against real records copied verbatim into tests/data.
#include "core/events/event.h"
#include "core/events/timestamp.h"
#include "core/formats/normaliser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <string>
#include <vector>

using namespace Vigie;
using namespace Vigie::Formats;

namespace {

using Normaliser = bool (*)(const object &, Event &, std::string &);

QString testData(const char *relative)
{
    return QStringLiteral(VIGIE_TEST_DATA "/") + QString::fromUtf8(relative);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

std::vector<std::string> readLines(const QString &path)
{
    std::vector<std::string> lines;
    const QByteArray all = readAll(path);
    for (const QByteArray &line : all.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.emplace_back(line.constData(), static_cast<std::size_t>(line.size()));
    }
    return lines;
}

// Parses one JSON document and runs `fn` on it; the Event owns its strings, so it outlives the
// parser.
bool normaliseText(Normaliser fn, const std::string &json, Event &e, std::string &error)
{
    simdjson::dom::parser p;
    simdjson::dom::element doc;
    const simdjson::padded_string padded(json);
    if (p.parse(padded).get(doc) != simdjson::SUCCESS) {
        error = "invalid JSON";
        return false;
    }
    object o;
    if (doc.get_object().get(o) != simdjson::SUCCESS) {
        error = "not an object";
        return false;
    }
    e.clear();
    return fn(o, e, error);
}

QByteArray number(std::int64_t v)
{
    return QByteArray::number(static_cast<qlonglong>(v));
}

// The value of an Event field by a short test name, as text.
QByteArray fieldValue(const Event &e, const QByteArray &name)
{
    auto s = [](const std::string &v) {
        return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
    };
    if (name == "ts")
        return s(formatTimestampUs(e.timestampUs));
    if (name == "kind")
        return e.isAlert() ? "alert" : "event";
    if (name == "code")
        return number(e.code);
    if (name == "severity")
        return number(e.severity);
    if (name == "pid")
        return number(e.processPid);
    if (name == "ppid")
        return number(e.parentPid);
    if (name == "sport")
        return number(e.sourcePort);
    if (name == "dport")
        return number(e.destinationPort);
    const struct
    {
        const char *name;
        const std::string Event::*member;
    } strings[] = {
        {"category", &Event::category},
        {"type", &Event::type},
        {"action", &Event::action},
        {"outcome", &Event::outcome},
        {"dataset", &Event::dataset},
        {"ruleId", &Event::ruleId},
        {"ruleName", &Event::ruleName},
        {"host", &Event::hostName},
        {"hostId", &Event::hostId},
        {"hostIp", &Event::hostIp},
        {"user", &Event::userName},
        {"domain", &Event::userDomain},
        {"entity", &Event::processEntityId},
        {"exe", &Event::processExecutable},
        {"name", &Event::processName},
        {"cmd", &Event::processCommandLine},
        {"parentEntity", &Event::parentEntityId},
        {"parentExe", &Event::parentExecutable},
        {"parentCmd", &Event::parentCommandLine},
        {"target", &Event::targetEntityId},
        {"targetExe", &Event::targetExecutable},
        {"sip", &Event::sourceIp},
        {"dip", &Event::destinationIp},
        {"transport", &Event::networkTransport},
        {"dns", &Event::dnsQuestionName},
        {"url", &Event::urlFull},
        {"file", &Event::filePath},
        {"sha256", &Event::fileHashSha256},
        {"reg", &Event::registryPath},
        {"regData", &Event::registryData},
        {"techniques", &Event::techniqueIds},
        {"tactics", &Event::tacticIds},
        {"flow", &Event::flowId},
    };
    for (const auto &f : strings) {
        if (name == f.name)
            return s(e.*(f.member));
    }
    return "<unknown field " + name + ">";
}

// Each expectation is "field=value", or "field^=prefix" for long values (command lines).
void checkFields(const Event &e, const QByteArrayList &expected)
{
    for (const QByteArray &item : expected) {
        const qsizetype eq = item.indexOf('=');
        QVERIFY2(eq > 0, item.constData());
        const bool prefix = item.at(eq - 1) == '^';
        const QByteArray name = item.left(prefix ? eq - 1 : eq);
        const QByteArray want = item.mid(eq + 1);
        const QByteArray got = fieldValue(e, name);
        if (prefix) {
            QVERIFY2(got.startsWith(want),
                     QByteArray(name + ": " + got + " does not start with " + want).constData());
        } else {
            QVERIFY2(got == want,
                     QByteArray(name + ": got '" + got + "', expected '" + want + "'").constData());
        }
    }
}

} // namespace

class TestWindowsFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helk_data();
    void helk();
    void sentinelRows_data();
    void sentinelRows();
    void sentinelNestedEventData_data();
    void sentinelNestedEventData();
    void microsoftRows_data();
    void microsoftRows();
    void everyRowNormalises_data();
    void everyRowNormalises();
    void winlogbeat_data();
    void winlogbeat();
    void sigmaRegression_data();
    void sigmaRegression();
    void elasticEcs_data();
    void elasticEcs();
    void elasticSharedSamples();
    void sharedWindowsCorpus();
    void detectedLayout_data();
    void detectedLayout();
    void rejects_data();
    void rejects();
};

void TestWindowsFormats::helk_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArrayList>("expected");

    QTest::newRow("sysmon 1 powershell -enc")
        << 0
        << QByteArrayList{
               "ts=2020-09-04T20:09:55.760000Z",
               "host=WORKSTATION5.theshire.local",
               "code=1",
               "dataset=windows.sysmon_operational",
               "category=process",
               "type=start",
               "entity={860ba2e3-9f13-5f52-2703-000000000400}",
               "pid=2316",
               "exe=C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
               "name=powershell.exe",
               "cmd^=\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" "
               "-noP -sta -w 1 -enc  SQBmACgA",
               "parentEntity={860ba2e3-9f13-5f52-2603-000000000400}",
               "ppid=2440",
               "parentExe=C:\\Windows\\System32\\wscript.exe",
               "user=pgustavo",
               "domain=THESHIRE",
               "sha256=908b64b1971a979c7e3e8ce4621945cba84854cb98d76367b791a6e22b5f6d53"};
    QTest::newRow("sysmon 3 C2 connection")
        << 1
        << QByteArrayList{"ts=2020-09-04T20:09:59.621000Z",
                          "code=3",
                          "category=network",
                          "entity={860ba2e3-9f13-5f52-2703-000000000400}",
                          "pid=2316",
                          "sip=172.18.39.5",
                          "sport=50699",
                          "dip=10.10.10.5",
                          "dport=80",
                          "transport=tcp",
                          "user=pgustavo",
                          "domain=THESHIRE"};
    QTest::newRow("sysmon 10 lsass access")
        << 2
        << QByteArrayList{"ts=2020-09-04T20:10:01.275000Z",
                          "code=10",
                          "category=process",
                          "type=access",
                          "entity={860ba2e3-8b4e-5f52-1200-000000000400}",
                          "pid=60",
                          "exe=C:\\windows\\system32\\svchost.exe",
                          "name=svchost.exe",
                          "target={860ba2e3-8b4d-5f52-0c00-000000000400}",
                          "targetExe=C:\\windows\\system32\\lsass.exe",
                          // Sysmon's own service account is not the event's user.
                          "user="};
    QTest::newRow("sysmon 11 file created")
        << 3
        << QByteArrayList{
               "ts=2020-09-04T20:09:58.627000Z",
               "code=11",
               "category=file",
               "type=creation",
               "pid=2316",
               "file=C:\\Users\\pgustavo\\AppData\\Local\\Temp\\__PSScriptPolicyTest_4jth5k1f."
               "rm3.ps1"};
    QTest::newRow("sysmon 13 registry value set")
        << 4
        << QByteArrayList{
               "ts=2020-09-04T07:30:14.043000Z",
               "code=13",
               "category=registry",
               "type=change",
               "exe=C:\\windows\\system32\\fodhelper.exe",
               "entity={3ddc5665-ed05-5f51-f002-000000000500}",
               "pid=7020",
               "reg=HKU\\S-1-5-21-3125456671-949036322-3048627137-1104\\Software\\Microsoft\\"
               "Windows\\CurrentVersion\\ApplicationAssociationToasts\\ms-settings_ms-settings",
               "regData=DWORD (0x00000000)"};
    QTest::newRow("sysmon 22 dns query") << 5
                                         << QByteArrayList{"ts=2020-09-04T20:10:00.880000Z",
                                                           "code=22",
                                                           "category=network",
                                                           "dns=localhost",
                                                           "pid=2316",
                                                           "name=powershell.exe"};
    QTest::newRow("security 4624 network logon")
        << 6
        << QByteArrayList{"ts=2020-09-17T21:46:07.374000Z",
                          "host=WORKSTATION6.theshire.local",
                          "code=4624",
                          "dataset=windows.security",
                          "category=authentication",
                          "outcome=success",
                          "user=pgustavo",
                          "domain=THESHIRE",
                          "sip=172.18.39.5",
                          "sport=61544",
                          // ProcessId 0x0 and ProcessName "-" mean "no process".
                          "pid=-1",
                          "exe="};
    QTest::newRow("security 4688 process created")
        << 7
        << QByteArrayList{
               "ts=2020-09-17T21:46:07.346000Z",
               "code=4688",
               "category=process",
               "type=start",
               "pid=1700",
               "exe=C:\\Windows\\System32\\cmd.exe",
               "name=cmd.exe",
               "cmd=\"cmd.exe\" /c C:\\Users\\pgustavo\\Desktop\\MoveExcel4.exe 172.18.39.6",
               "ppid=6172",
               "parentExe=C:\\Users\\pgustavo\\Desktop\\GruntHTTP.exe",
               "user=pgustavo",
               "domain=THESHIRE"};
    QTest::newRow("system 7045 service installed")
        << 8
        << QByteArrayList{
               "ts=2020-09-20T16:16:58.233000Z",
               "host=WORKSTATION6.theshire.local",
               "code=7045",
               "dataset=windows.system",
               "category=configuration",
               "action=service-installed",
               "cmd^=%COMSPEC% /C start /b C:\\Windows\\System32\\WindowsPowershell\\v1.0\\"
               "powershell -noP -sta -w 1 -enc  SQBmACgA",
               "file^=%COMSPEC% /C start /b",
               "user=pgustavo",
               "domain=THESHIRE"};
    QTest::newRow("powershell 4104 script block")
        << 9
        << QByteArrayList{
               "ts=2020-09-04T07:30:17.397000Z",
               "code=4104",
               "dataset=windows.powershell",
               "action=script-block-logged",
               "cmd=$x=$((gp HKCU:Software\\Microsoft\\Windows Update).Update); powershell "
               "-NoP -NonI -W Hidden -enc $x",
               "user=pgustavo",
               "domain=THESHIRE"};
    QTest::newRow("security 5156 connection allowed")
        << 10
        << QByteArrayList{"code=5156",
                          "category=network",
                          "pid=6232",
                          "exe=\\device\\harddiskvolume2\\users\\pgustavo\\desktop\\moveexcel4.exe",
                          "name=moveexcel4.exe",
                          "sip=172.18.39.5",
                          "sport=61545",
                          "dip=172.18.39.6",
                          "dport=49603",
                          "transport=tcp"};
    QTest::newRow("security 5145 share") << 11
                                         << QByteArrayList{"host=MORDORDC.theshire.local",
                                                           "category=file",
                                                           "file=\\\\*\\SYSVOL",
                                                           "user=MORDORDC$",
                                                           "sip=fe80::e142:5666:31a1:94c3",
                                                           "sport=64090"};
    QTest::newRow("security 4698 task")
        << 12
        << QByteArrayList{"category=configuration",
                          "action=scheduled-task-created",
                          "file^=\\OneDrive Standalone Update Task-",
                          "user=sbeavers"};
    QTest::newRow("sysmon 7 image loaded")
        << 13
        << QByteArrayList{
               "category=library",
               "file=C:\\Windows\\System32\\cmd.exe",
               "sha256=ff79d3c4a0b7eb191783c323ab8363ebd1fd10be58d8bcc96b07067743ca81d5"};
    QTest::newRow("sysmon 12 key created")
        << 14
        << QByteArrayList{"category=registry",
                          "type=creation",
                          "reg=HKLM\\SOFTWARE\\Microsoft\\Office\\Common",
                          "name=EXCEL.EXE"};
    QTest::newRow("sysmon 17 pipe created")
        << 15
        << QByteArrayList{"action=pipe-created", "file=\\Winsock2\\CatalogChangeListener-52c-0"};
    QTest::newRow("sysmon 5 process terminated")
        << 16 << QByteArrayList{"category=process", "type=end", "pid=3904", "name=provtool.exe"};
    QTest::newRow("security 4769 kerberos ticket") << 17
                                                   << QByteArrayList{"category=authentication",
                                                                     "outcome=success",
                                                                     "user=pgustavo@THESHIRE.LOCAL",
                                                                     "sip=172.18.39.5",
                                                                     "sport=61546"};
    QTest::newRow("security 4689 process exited")
        << 18 << QByteArrayList{"type=end", "pid=3904", "name=provtool.exe", "user=WORKSTATION6$"};
    QTest::newRow("security 4634 logoff")
        << 19 << QByteArrayList{"category=authentication", "type=end", "user=MORDORDC$"};
    QTest::newRow("security 4672 special logon")
        << 20 << QByteArrayList{"category=authentication", "user=MORDORDC$", "domain=THESHIRE"};
    QTest::newRow("sysmon 23 file deleted")
        << 21
        << QByteArrayList{
               "type=deletion",
               "user=SYSTEM",
               "domain=NT AUTHORITY",
               "sha256=18348c541508f3852d1d729b890338d6c11d5e750d72d9724f4a533bc708db0f"};
}

void TestWindowsFormats::helk()
{
    QFETCH(int, line);
    QFETCH(QByteArrayList, expected);
    const auto lines = readLines(testData("windows/helk_events.ndjson"));
    QVERIFY(line < int(lines.size()));
    Event e;
    std::string error;
    QVERIFY2(normaliseText(normaliseWindowsHelk, lines[std::size_t(line)], e, error),
             error.c_str());
    QCOMPARE(e.format, Format::WindowsHelk);
    checkFields(e, expected);
}

void TestWindowsFormats::sentinelRows_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArrayList>("expected");

    QTest::newRow("4624 kerberos network logon") << 2
                                                 << QByteArrayList{"ts=2021-08-02T13:06:38.330000Z",
                                                                   "host=DC01.simulandlabs.com",
                                                                   "code=4624",
                                                                   "dataset=windows.security",
                                                                   "category=authentication",
                                                                   "outcome=success",
                                                                   "user=wardog",
                                                                   "domain=SIMULANDLABS.COM",
                                                                   "sip=192.168.2.5",
                                                                   "sport=53085",
                                                                   "pid=-1"};
    QTest::newRow("4624 with a logon process")
        << 33
        << QByteArrayList{"user=cjones",
                          "domain=SIMULANDLABS",
                          "pid=2724",
                          "name=Microsoft.Tri.Sensor.exe",
                          "exe^=C:\\Program Files\\Azure Advanced Threat Protection Sensor\\",
                          "sip=",
                          "sport=-1"};
    QTest::newRow("4662 directory object access")
        << 13
        << QByteArrayList{
               "code=4662", "dataset=windows.security", "user=wardog", "domain=SIMULANDLABS"};
    QTest::newRow("AD FS 412 without named event data")
        << 0
        << QByteArrayList{"code=412",
                          "host=ADFS01.simulandlabs.com",
                          "dataset=windows.security",
                          "ts=2021-08-02T13:09:20.040000Z"};
    QTest::newRow("AD FS 501 claims")
        << 1 << QByteArrayList{"code=501", "user=adfsadmin", "domain=SIMULANDLABS"};
    QTest::newRow("application log, XML EventData without names")
        << 12
        << QByteArrayList{"code=33205",
                          "dataset=windows.application",
                          "host=ADFS01.simulandlabs.com",
                          // the SQL login that read the AD FS configuration database
                          "user=wardog",
                          "domain=SIMULANDLABS"};
    QTest::newRow("sysmon 18 from the Event table, suffixed columns")
        << 15
        << QByteArrayList{"ts=2021-08-02T13:05:32.765000Z",
                          "dataset=windows.sysmon_operational",
                          "code=18",
                          "category=file",
                          "action=pipe-connected",
                          "file=\\MICROSOFT##WID\\tsql\\query",
                          "entity={9acedb82-ccd4-6107-22de-030000000600}",
                          "pid=5692",
                          "name=powershell.exe",
                          "user="};
    QTest::newRow("5156 without channel or type") << 16
                                                  << QByteArrayList{"dataset=windows.security",
                                                                    "category=network",
                                                                    "transport=tcp",
                                                                    "sip=fe80::a405:857d:204:efa5",
                                                                    "sport=53121",
                                                                    "dip=fe80::a405:857d:204:efa5",
                                                                    "dport=80",
                                                                    "pid=4",
                                                                    "exe=System"};
}

void TestWindowsFormats::sentinelRows()
{
    QFETCH(int, line);
    QFETCH(QByteArrayList, expected);
    const auto lines = readLines(testData("windows/golden_saml_adfs/WindowsEvents.ndjson"));
    QVERIFY(line < int(lines.size()));
    Event e;
    std::string error;
    QVERIFY2(normaliseText(normaliseSentinelWindows, lines[std::size_t(line)], e, error),
             error.c_str());
    QCOMPARE(e.format, Format::SentinelWindows);
    checkFields(e, expected);
}

void TestWindowsFormats::sentinelNestedEventData_data()
{
    // Hand-written rows (not from a dataset): EventData as an XML string and as a JSON string.
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::newRow("xml") << QByteArray(
        R"({"TimeGenerated":"2024-01-02T03:04:05Z","Computer":"ws1.example.org",)"
        R"("EventID":4688,"Channel":"Security","EventData":"<EventData xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">)"
        R"(<Data Name=\"SubjectUserName\">alice</Data><Data Name=\"SubjectDomainName\">EXAMPLE</Data>)"
        R"(<Data Name=\"NewProcessId\">0x1f4</Data><Data Name=\"NewProcessName\">C:\\Tools\\a&amp;b.exe</Data>)"
        R"(<Data Name=\"ProcessId\">0x10</Data><Data Name=\"TargetUserName\">-</Data><Data Name=\"Empty\"/>)"
        R"(<Data Name=\"CommandLine\">a&amp;b.exe &quot;x&quot; &lt;y&gt;</Data></EventData>"})")
                         << QByteArrayList{"user=alice",
                                           "domain=EXAMPLE",
                                           "pid=500",
                                           "ppid=16",
                                           "exe=C:\\Tools\\a&b.exe",
                                           "name=a&b.exe",
                                           "cmd=a&b.exe \"x\" <y>"};
    QTest::newRow("json string") << QByteArray(
        R"({"TimeGenerated":"2024-01-02T03:04:05Z","Computer":"ws1.example.org",)"
        R"("EventID":1,"EventSourceName":"Microsoft-Windows-Sysmon",)"
        R"("EventData":"{\"UtcTime\":\"2024-01-02 03:04:04.5\",\"ProcessGuid\":\"{aa}\",\"ProcessId\":\"77\",\"Image\":\"C:\\\\x.exe\"}"})")
                                 << QByteArrayList{"ts=2024-01-02T03:04:04.500000Z",
                                                   "dataset=windows.sysmon_operational",
                                                   "entity={aa}",
                                                   "pid=77",
                                                   "name=x.exe"};
    // Entity expansion ("billion laughs") and external entities: the reader knows no DTD, so
    // entities other than the five predefined ones stay as written — nothing expands, nothing is
    // read from the file system.
    QTest::newRow("entity expansion and external entities") << QByteArray(
        R"({"TimeGenerated":"2024-01-02T03:04:05Z","Computer":"ws1.example.org","EventID":4688,)"
        R"("Channel":"Security","EventData":"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">)"
        R"(<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">)"
        R"(<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">)"
        R"(<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><EventData>)"
        R"(<Data Name=\"NewProcessName\">C:\\&xxe;.exe</Data><Data Name=\"NewProcessId\">0x10</Data>)"
        R"(<Data Name=\"CommandLine\">&lol3;&lol3; &#65;&amp;</Data></EventData>"})")
                                                            << QByteArrayList{"cmd=&lol3;&lol3; A&",
                                                                              "exe=C:\\&xxe;.exe",
                                                                              "name=&xxe;.exe",
                                                                              "pid=16"};
}

void TestWindowsFormats::sentinelNestedEventData()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArrayList, expected);
    Event e;
    std::string error;
    QVERIFY2(normaliseText(normaliseSentinelWindows, json.toStdString(), e, error), error.c_str());
    checkFields(e, expected);
}

void TestWindowsFormats::microsoftRows_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArrayList>("expected");

    const QString defender = QStringLiteral("Microsoft365DefenderEvents.ndjson");
    QTest::newRow("defender ldap search")
        << defender << 0 << int(Format::Defender365)
        << QByteArrayList{
               "ts=2021-08-02T13:11:39.772449Z",
               "host=adfs01.simulandlabs.com",
               "hostId=00000000-0000-0000-0000-000000000000",
               "action=LdapSearch",
               "dataset=m365_defender.deviceevents",
               "pid=5692",
               "name=powershell.exe",
               "exe=c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe",
               "cmd=\"powershell.exe\" ",
               "ppid=820",
               "parentExe=svchost.exe",
               "user=wardog",
               "domain=simulandlabs",
               "sha256=de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c"};
    QTest::newRow("defender directory replication")
        << defender << 5 << int(Format::Defender365)
        << QByteArrayList{"ts=2021-08-02T13:13:02.057000Z",
                          "dataset=m365_defender.identitydirectoryevents",
                          "category=iam",
                          "action=Directory Services replication",
                          "user=pgustavo",
                          "domain=simulandlabs.com",
                          "sip=192.168.2.5",
                          "sport=53163",
                          "dip=192.168.2.4",
                          "dport=49668",
                          "transport="};
    QTest::newRow("defender cloud app mail access")
        << defender << 7 << int(Format::Defender365)
        << QByteArrayList{"dataset=m365_defender.cloudappevents",
                          "action=MailItemsAccessed",
                          "user=SimuLandApp",
                          "sip=1.2.3.4"};
    QTest::newRow("defender cloud app consent")
        << defender << 8 << int(Format::Defender365)
        << QByteArrayList{"ts=2021-08-02T13:27:20.000000Z",
                          "action=Add delegated permission grant.",
                          "user=pgustavo@simulandlabs.com",
                          "domain=simulandlabs.com"};
    const QString aad = QStringLiteral("AADAuditEvents.ndjson");
    QTest::newRow("aad certificate added")
        << aad << 0 << int(Format::AzureAdAudit)
        << QByteArrayList{"ts=2021-08-02T13:29:25.983000Z",
                          "dataset=azure.auditlogs",
                          "category=iam",
                          "type=change",
                          "action=Update application – Certificates and secrets management",
                          "outcome=success",
                          "user=pgustavo@simulandlabs.com",
                          "domain=simulandlabs.com",
                          "sip="};
    QTest::newRow("aad permission grant") << aad << 3 << int(Format::AzureAdAudit)
                                          << QByteArrayList{"ts=2021-08-02T13:27:20.017000Z",
                                                            "action=Add delegated permission grant",
                                                            "user=pgustavo@simulandlabs.com"};
    QTest::newRow("office mail items accessed")
        << QStringLiteral("OfficeActivityEvents.ndjson") << 0 << int(Format::OfficeActivity)
        << QByteArrayList{"ts=2021-08-02T13:32:07.000000Z",
                          "dataset=o365.audit",
                          "category=email",
                          "action=MailItemsAccessed",
                          "outcome=success",
                          "user=pgustavo@simulandlabs.com",
                          "sip=1.2.3.4"};
}

void TestWindowsFormats::microsoftRows()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(int, format);
    QFETCH(QByteArrayList, expected);
    const auto lines = readLines(testData("windows/golden_saml_adfs/") + file);
    QVERIFY(line < int(lines.size()));
    Normaliser fn = nullptr;
    switch (Format(format)) {
    case Format::Defender365:
        fn = normaliseDefender365;
        break;
    case Format::AzureAdAudit:
        fn = normaliseAzureAdAudit;
        break;
    default:
        fn = normaliseOfficeActivity;
        break;
    }
    Event e;
    std::string error;
    QVERIFY2(normaliseText(fn, lines[std::size_t(line)], e, error), error.c_str());
    QCOMPARE(int(e.format), format);
    checkFields(e, expected);
}

void TestWindowsFormats::everyRowNormalises_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("rows");
    QTest::newRow("sentinel windows")
        << QStringLiteral("WindowsEvents.ndjson") << int(Format::SentinelWindows) << 38;
    QTest::newRow("defender") << QStringLiteral("Microsoft365DefenderEvents.ndjson")
                              << int(Format::Defender365) << 9;
    QTest::newRow("azure ad") << QStringLiteral("AADAuditEvents.ndjson")
                              << int(Format::AzureAdAudit) << 4;
    QTest::newRow("office") << QStringLiteral("OfficeActivityEvents.ndjson")
                            << int(Format::OfficeActivity) << 1;
}

void TestWindowsFormats::everyRowNormalises()
{
    QFETCH(QString, file);
    QFETCH(int, format);
    QFETCH(int, rows);
    const auto lines = readLines(testData("windows/golden_saml_adfs/") + file);
    QCOMPARE(int(lines.size()), rows);
    Normaliser fn = nullptr;
    switch (Format(format)) {
    case Format::SentinelWindows:
        fn = normaliseSentinelWindows;
        break;
    case Format::Defender365:
        fn = normaliseDefender365;
        break;
    case Format::AzureAdAudit:
        fn = normaliseAzureAdAudit;
        break;
    default:
        fn = normaliseOfficeActivity;
        break;
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Event e;
        std::string error;
        const QByteArray where = "row " + QByteArray::number(qulonglong(i)) + ": ";
        QVERIFY2(normaliseText(fn, lines[i], e, error),
                 QByteArray(where + error.c_str()).constData());
        // Every row of the story falls on 2 August 2021.
        QVERIFY2(formatTimestampUs(e.timestampUs).starts_with("2021-08-02T"), where.constData());
        QVERIFY2(!e.dataset.empty(), where.constData());
        QVERIFY2(!e.action.empty() || e.code > 0, where.constData());
        if (Format(format) == Format::SentinelWindows) {
            QVERIFY2(!e.hostName.empty(), where.constData());
            QVERIFY2(e.dataset.starts_with("windows."), where.constData());
        } else {
            QVERIFY2(!e.userName.empty(), QByteArray(where + "no user").constData());
        }
    }
}

void TestWindowsFormats::winlogbeat_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::newRow("sysmon 1, event_id as string")
        << 0
        << QByteArrayList{
               "ts=2020-09-04T20:09:55.760000Z",
               // computer_name, not the Windows Event Collector in host.name
               "host=WORKSTATION5.theshire.local",
               "code=1",
               "dataset=windows.sysmon_operational",
               "category=process",
               "entity={860ba2e3-9f13-5f52-2703-000000000400}",
               "pid=2316",
               "ppid=2440",
               "parentExe=C:\\Windows\\System32\\wscript.exe",
               "user=pgustavo",
               "domain=THESHIRE",
               "sha256=908b64b1971a979c7e3e8ce4621945cba84854cb98d76367b791a6e22b5f6d53"};
    QTest::newRow("security 4624, event_id as int")
        << 1
        << QByteArrayList{"ts=2020-09-17T21:46:07.374000Z",
                          "host=WORKSTATION6.theshire.local",
                          "code=4624",
                          "category=authentication",
                          "outcome=success",
                          "user=pgustavo",
                          "domain=THESHIRE",
                          "sip=172.18.39.5",
                          "sport=61544"};
}

void TestWindowsFormats::winlogbeat()
{
    QFETCH(int, line);
    QFETCH(QByteArrayList, expected);
    const auto lines = readLines(testData("windows/winlogbeat_derived.ndjson"));
    QVERIFY(line < int(lines.size()));
    Event e;
    std::string error;
    QVERIFY2(normaliseText(normaliseWinlogbeat, lines[std::size_t(line)], e, error), error.c_str());
    QCOMPARE(e.format, Format::Winlogbeat);
    checkFields(e, expected);
}

void TestWindowsFormats::sigmaRegression_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::newRow("security 4648 explicit credentials")
        << QStringLiteral("windows/sigma/win_security_explicit_credential_local_logon/"
                          "e3c6d245-7b8f-4e2a-c17f-a9d0e5b38f62.json")
        << QByteArrayList{"ts=2026-07-17T14:18:34.072213Z",
                          "host=swachchhanda",
                          "code=4648",
                          "dataset=windows.security",
                          "category=authentication",
                          "action=logged-in-explicit",
                          "user=testuser",
                          "domain=swachchhanda",
                          "pid=888",
                          "exe=C:\\Users\\xodih\\OneDrive\\Desktop\\LegacyHive.exe",
                          "name=LegacyHive.exe",
                          "sip="};
    QTest::newRow("sysmon 1 with integer fields")
        << QStringLiteral("windows/sigma/proc_creation_win_curl_custom_user_agent/"
                          "85de1f22-d189-44e4-8239-dc276b45379b.json")
        << QByteArrayList{
               "ts=2025-12-11T06:17:19.636000Z",
               "code=1",
               "dataset=windows.sysmon_operational",
               "entity=0197231E-61EF-693A-C812-000000000800",
               "pid=6400",
               "ppid=3476",
               "name=curl.exe",
               "cmd=curl.exe  -H \"User-Agent: EvilAgent\" http://example.com",
               "parentExe=C:\\Windows\\System32\\cmd.exe",
               "user=xodih",
               "domain=swachchhanda",
               "sha256=8955d2a45404a59c2e3772f3c76aeeae48aedf100be328c003d7a4df5342b491"};
}

void TestWindowsFormats::sigmaRegression()
{
    QFETCH(QString, file);
    QFETCH(QByteArrayList, expected);
    const QByteArray json = readAll(testData("") + file);
    QVERIFY(!json.isEmpty());
    Event e;
    std::string error;
    QVERIFY2(normaliseText(normaliseSigmaRegression, json.toStdString(), e, error), error.c_str());
    QCOMPARE(e.format, Format::SigmaRegression);
    checkFields(e, expected);
}

void TestWindowsFormats::elasticEcs_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::newRow("alert with flat kibana keys")
        << 0
        << QByteArrayList{
               "ts=2024-03-05T09:12:44.120000Z",
               "kind=alert",
               "severity=73",
               "ruleId=4f6d2c1e-8a3b-4c5d-9e7f-0a1b2c3d4e5f",
               "ruleName=Office application starts encoded PowerShell",
               "techniques=T1059,T1059.001,T1027",
               "tactics=TA0002,TA0005",
               "host=fin-ws-07",
               "hostId=0c7d1f52-3e55-4b7a-9d0e-5a4f2b8c6e11",
               "hostIp=192.0.2.17",
               "user=mlefevre",
               "domain=CORP",
               "entity=ZmluLXdzLTA3LTQyNDItMTcwOTYyOTk2NA==",
               "pid=4242",
               "name=powershell.exe",
               "cmd^=powershell.exe -nop -w hidden -enc",
               "parentEntity=ZmluLXdzLTA3LTMxMDAtMTcwOTYyOTk1MA==",
               "ppid=3100",
               "parentExe=C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
               "category=process",
               "type=start",
               "action=start",
               "dataset=endpoint.events.process"};
    QTest::newRow("nested network event")
        << 1
        << QByteArrayList{"ts=2024-03-05T09:13:02.500000Z",
                          "kind=event",
                          "severity=21",
                          "code=5156",
                          "host=fin-ws-07",
                          "hostIp=192.0.2.17",
                          "category=network",
                          "type=connection",
                          "action=connection_attempted",
                          "outcome=success",
                          "dataset=endpoint.events.network",
                          "pid=4242",
                          "name=powershell.exe",
                          "sip=192.0.2.17",
                          "sport=49822",
                          "dip=198.51.100.40",
                          "dport=443",
                          "transport=tcp",
                          "flow=1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=",
                          "dns=updates.example.net",
                          "url=https://updates.example.net/agent/stage2.bin",
                          "file=C:\\Users\\mlefevre\\AppData\\Local\\Temp\\stage2.bin",
                          "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                          "techniques=T1105",
                          "tactics=TA0011",
                          "ruleId="};
}

void TestWindowsFormats::elasticEcs()
{
    QFETCH(int, line);
    QFETCH(QByteArrayList, expected);
    const auto lines = readLines(testData("ecs/ecs_handwritten.ndjson"));
    QVERIFY(line < int(lines.size()));
    Event e;
    std::string error;
    QVERIFY2(normaliseText(normaliseElasticEcs, lines[std::size_t(line)], e, error), error.c_str());
    QCOMPARE(e.format, Format::ElasticEcs);
    checkFields(e, expected);
}

// Elastic Defend's own sample documents are under the Elastic License: read in place, never copied.
void TestWindowsFormats::elasticSharedSamples()
{
    const QDir dir(QStringLiteral(VIGIE_SHARED_DATA "/alerts/elastic_endpoint_samples"));
    if (!dir.exists())
        QSKIP("shared Elastic samples not available");
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        const QByteArray json = readAll(dir.filePath(name));
        Event e;
        std::string error;
        QVERIFY2(normaliseText(normaliseElasticEcs, json.toStdString(), e, error),
                 qPrintable(name + QStringLiteral(": ") + QString::fromStdString(error)));
        QVERIFY2(!e.hostName.empty(), qPrintable(name));
        QVERIFY2(!e.category.empty(), qPrintable(name));
        QVERIFY2(!e.dataset.empty(), qPrintable(name));
        QVERIFY2(e.timestampUs > 0, qPrintable(name));
        if (name.startsWith(QStringLiteral("alerts"))) {
            QVERIFY(e.isAlert());
            QCOMPARE(e.severity, Severity::High);
        } else {
            QVERIFY2(!e.isAlert(), qPrintable(name));
        }
    }
}

// Robustness over every shared OTRF host record and SigmaHQ regression event, read in place.
void TestWindowsFormats::sharedWindowsCorpus()
{
    const QDir endpoint(QStringLiteral(VIGIE_SHARED_DATA "/endpoint"));
    const QDir sigma(QStringLiteral(VIGIE_SHARED_DATA "/knowledge/sigma/regression_data"));
    if (!endpoint.exists() || !sigma.exists())
        QSKIP("shared data not available");
    int helk = 0;
    for (const QString &folder : endpoint.entryList({QStringLiteral("otrf_*")}, QDir::Dirs)) {
        const QString path = endpoint.filePath(folder + QStringLiteral("/host_events.ndjson"));
        if (!QFile::exists(path))
            continue;
        for (const std::string &line : readLines(path)) {
            Event e;
            std::string error;
            QVERIFY2(normaliseText(normaliseWindowsHelk, line, e, error), error.c_str());
            QVERIFY(!e.hostName.empty());
            QVERIFY(e.dataset.starts_with("windows."));
            QVERIFY(e.code > 0);
            ++helk;
        }
    }
    QVERIFY(helk > 3000);

    // Some regression files hold several concatenated documents.
    int events = 0;
    QDirIterator it(
        sigma.path(), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QByteArray json = readAll(path);
        simdjson::dom::parser p;
        simdjson::dom::document_stream docs;
        QVERIFY(p.parse_many(json.constData(), std::size_t(json.size()), 1 << 20).get(docs)
                == simdjson::SUCCESS);
        for (auto doc : docs) {
            object o;
            QVERIFY2(doc.get_object().get(o) == simdjson::SUCCESS, qPrintable(path));
            Event e;
            std::string error;
            QVERIFY2(normaliseSigmaRegression(o, e, error),
                     qPrintable(path + QStringLiteral(": ") + QString::fromStdString(error)));
            QVERIFY2(!e.hostName.empty() && e.code > 0, qPrintable(path));
            ++events;
        }
    }
    QVERIFY(events >= 200);
}

// The fixtures must also reach these normalisers through format detection.
void TestWindowsFormats::detectedLayout_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::newRow("helk") << QStringLiteral("windows/helk_events.ndjson")
                          << int(Format::WindowsHelk);
    QTest::newRow("sentinel") << QStringLiteral("windows/golden_saml_adfs/WindowsEvents.ndjson")
                              << int(Format::SentinelWindows);
    QTest::newRow("defender") << QStringLiteral(
        "windows/golden_saml_adfs/Microsoft365DefenderEvents.ndjson")
                              << int(Format::Defender365);
    QTest::newRow("aad") << QStringLiteral("windows/golden_saml_adfs/AADAuditEvents.ndjson")
                         << int(Format::AzureAdAudit);
    QTest::newRow("office") << QStringLiteral(
        "windows/golden_saml_adfs/OfficeActivityEvents.ndjson")
                            << int(Format::OfficeActivity);
    QTest::newRow("winlogbeat") << QStringLiteral("windows/winlogbeat_derived.ndjson")
                                << int(Format::Winlogbeat);
    QTest::newRow("ecs") << QStringLiteral("ecs/ecs_handwritten.ndjson") << int(Format::ElasticEcs);
}

void TestWindowsFormats::detectedLayout()
{
    QFETCH(QString, file);
    QFETCH(int, format);
    const auto lines = readLines(testData("") + file);
    QVERIFY(!lines.empty());
    for (const std::string &line : lines) {
        simdjson::dom::parser p;
        simdjson::dom::element doc;
        const simdjson::padded_string padded(line);
        QVERIFY(p.parse(padded).get(doc) == simdjson::SUCCESS);
        object o;
        QVERIFY(doc.get_object().get(o) == simdjson::SUCCESS);
        const Format detected = detectJson(o);
        QCOMPARE(int(detected), format);
        Event e;
        std::string error;
        QVERIFY2(normaliseJson(detected, o, e, error), error.c_str());
        QCOMPARE(int(e.format), format);
    }
}

void TestWindowsFormats::rejects_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("helk without EventID")
        << int(Format::WindowsHelk)
        << QByteArray(
               R"({"Hostname":"h","Channel":"Security","@timestamp":"2020-01-01T00:00:00Z"})")
        << QByteArray("no EventID");
    QTest::newRow("helk with a text EventID")
        << int(Format::WindowsHelk)
        << QByteArray(
               R"({"EventID":"four","Channel":"Security","@timestamp":"2020-01-01T00:00:00Z"})")
        << QByteArray("EventID is not a number");
    QTest::newRow("helk without time")
        << int(Format::WindowsHelk) << QByteArray(R"({"EventID":4624,"Channel":"Security"})")
        << QByteArray("no usable timestamp");
    QTest::newRow("sentinel with a bad time")
        << int(Format::SentinelWindows)
        << QByteArray(R"({"EventID":4624,"Computer":"c","TimeGenerated":"yesterday"})")
        << QByteArray("no usable timestamp");
    QTest::newRow("winlogbeat without event id")
        << int(Format::Winlogbeat)
        << QByteArray(R"({"@timestamp":"2020-01-01T00:00:00Z","winlog":{"channel":"Security"}})")
        << QByteArray("no EventID");
    QTest::newRow("sigma without System")
        << int(Format::SigmaRegression) << QByteArray(R"({"Event":{"EventData":{}}})")
        << QByteArray("no Event.System");
    QTest::newRow("ecs without @timestamp")
        << int(Format::ElasticEcs) << QByteArray(R"({"event":{"kind":"alert"}})")
        << QByteArray("no usable @timestamp");
    QTest::newRow("defender without time")
        << int(Format::Defender365) << QByteArray(R"({"DeviceName":"d","ActionType":"x"})")
        << QByteArray("no usable timestamp");
    QTest::newRow("aad without time")
        << int(Format::AzureAdAudit) << QByteArray(R"({"OperationName":"x"})")
        << QByteArray("no usable timestamp");
    QTest::newRow("office without time")
        << int(Format::OfficeActivity) << QByteArray(R"({"Operation":"x"})")
        << QByteArray("no usable timestamp");
}

void TestWindowsFormats::rejects()
{
    QFETCH(int, format);
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, error);
    Normaliser fn = nullptr;
    switch (Format(format)) {
    case Format::WindowsHelk:
        fn = normaliseWindowsHelk;
        break;
    case Format::SentinelWindows:
        fn = normaliseSentinelWindows;
        break;
    case Format::Winlogbeat:
        fn = normaliseWinlogbeat;
        break;
    case Format::SigmaRegression:
        fn = normaliseSigmaRegression;
        break;
    case Format::ElasticEcs:
        fn = normaliseElasticEcs;
        break;
    case Format::Defender365:
        fn = normaliseDefender365;
        break;
    case Format::AzureAdAudit:
        fn = normaliseAzureAdAudit;
        break;
    default:
        fn = normaliseOfficeActivity;
        break;
    }
    Event e;
    std::string got;
    QVERIFY(!normaliseText(fn, json.toStdString(), e, got));
    QCOMPARE(QByteArray::fromStdString(got), error);
}

QTEST_GUILESS_MAIN(TestWindowsFormats)
#include "tst_windowsformats.moc"

// SPDX-License-Identifier: Apache-2.0
// Incident toolkits: quoting that round-trips through bash and sh, CSV formula neutralisation, the
// indicator validators, ZIP archives read back by Python's zipfile, and a toolkit written from
// hostile input and read back by an independent extractor: safe entry names, STIX patterns,
// blocklists that bash -n and nft -c accept and that hold no hostile value, Sigma rules that
// Vigie's own engine loads, and a README (English or French) that lists what was left out.
#include "core/detection/sigma.h"
#include "core/playbooks/quoting.h"
#include "core/playbooks/toolkit.h"
#include "core/playbooks/zip.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <map>

using namespace Vigie;
using namespace Vigie::Playbooks;

namespace {

QString tool(const char *name)
{
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

struct Run
{
    bool started = false;
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args)
{
    Run r;
    QProcess p;
    p.start(program, args);
    r.started = p.waitForStarted(10000);
    if (!r.started)
        return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        p.kill();
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// A toolkit read back by an extractor Vigie did not write: unzip, else Python's zipfile.
struct Extracted
{
    bool available = false;
    QString error;
    QString root;
    QStringList names;
    QMap<QString, QByteArray> files;
};

Extracted extract(const QString &zip, const QString &into)
{
    Extracted x;
    x.root = into;
    QDir().mkpath(into);
    const QString unzip = QFile::exists(QStringLiteral("/usr/bin/unzip"))
                              ? QStringLiteral("/usr/bin/unzip")
                              : QString();
    const QString python = tool("python3");
    Run list, unpack;
    if (!unzip.isEmpty()) {
        list = run(unzip, {"-Z1", zip});
        unpack = run(unzip, {"-qq", "-o", zip, "-d", into});
    } else if (!python.isEmpty()) {
        list
            = run(python,
                  {"-c",
                   "import zipfile,sys; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
                   zip});
        unpack = run(python, {"-m", "zipfile", "-e", zip, into});
    } else {
        return x;
    }
    x.available = true;
    if (list.code != 0 || unpack.code != 0) {
        x.error = QString::fromUtf8(list.err + unpack.err);
        return x;
    }
    for (const QByteArray &line : list.out.split('\n'))
        if (!line.isEmpty())
            x.names << QString::fromUtf8(line);
    for (const QString &name : std::as_const(x.names)) {
        QFile f(into + u'/' + name);
        if (f.open(QIODevice::ReadOnly))
            x.files.insert(name, f.readAll());
    }
    return x;
}

bool isSafeName(const QString &name)
{
    if (name.isEmpty() || name.startsWith(u'/') || name.contains(u'\\') || name.contains(u':'))
        return false;
    for (char32_t c : name.toUcs4())
        if (isInvisible(c))
            return false;
    for (const QString &part : name.split(u'/'))
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")
            || part.endsWith(u'.') || part.endsWith(u' '))
            return false;
    return true;
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
std::vector<QStringList> parseCsv(const QString &text)
{
    std::vector<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            field.clear();
            rows.push_back(row);
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row << field;
        rows.push_back(row);
    }
    return rows;
}

class MapSource : public Detection::FieldSource
{
public:
    std::map<std::string, std::string, std::less<>> fields;
    bool field(std::string_view name, std::string &out) const override
    {
        const auto it = fields.find(name);
        if (it == fields.end())
            return false;
        out = it->second;
        return true;
    }
    std::string_view text() const override { return {}; }
};

const char hostileTitle[] = "Ransomware `$(id)`\n# injected <b>heading</b>";

ToolkitInput hostileInput(const QString &lang)
{
    ToolkitInput in;
    in.incident = 42;
    in.title = QString::fromUtf8(hostileTitle);
    in.lang = lang;
    in.ips = {"10.0.0.5",
              "1.2.3.4; rm -rf /",
              "$(id)",
              "fe80::1",
              "203.0.113[.]9",
              "198.51.100.0/24",
              "0.0.0.0/0",
              "127.0.0.1",
              "10.9.9.9/8",
              "10.0.0.5"};
    in.domains = {"evil.example", "bad[.]example.org", "x'; rm -rf ~", "localhost"};
    in.urls = {
        "http://evil.example/it's?q=1", "hxxps://bad[.]example.org/payload", "javascript:alert(1)"};
    in.hashes = {"44d88612fea8a8f36de82e1278abb02f",
                 "3395856CE81F2B7382DEE72602F798B642F14140",
                 "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
                 "not-a-hash"};
    in.filePaths = {"C:\\Users\\Public\\dropper.exe", "/tmp/evil\nname"};
    in.hosts = {"web01\"; rm -rf /", "db'02\nsecond line", "srv-$(hostname)"};
    in.users = {"o'brien", "$(reboot)", "=cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "+1"};
    in.scripts = {{"../../etc/passwd", "#!/bin/sh\necho 'contained'\n"},
                  {"isolate.ps1", "Write-Host 'isolated'\n"},
                  {"C:\\temp\\..\\collect.sh", "echo collect\n"}};
    in.reportPdf = QByteArray("%PDF-1.7\n% not a real PDF, just its bytes\n");
    in.reportName = "report-42";
    in.generated = QDateTime(QDate(2024, 5, 1), QTime(12, 30, 0), Qt::UTC);
    in.tlp = "TLP:AMBER";
    return in;
}

// The values that must never reach a firewall line.
const QStringList hostileFragments = {"rm -rf",
                                      "$(id)",
                                      "1.2.3.4",
                                      "0.0.0.0",
                                      "127.0.0.1",
                                      "10.9.9.9",
                                      "injected",
                                      "reboot",
                                      "hostname"};

} // namespace

class TestToolkit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_zip;
    Extracted m_en;

    QString text(const char *name) const
    {
        return QString::fromUtf8(m_en.files.value(QLatin1String(name)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_zip = m_dir.filePath("toolkit-en.zip");
        const auto names = writeToolkit(hostileInput("en"), m_zip);
        QVERIFY2(names, qPrintable(names.error()));
        m_en = extract(m_zip, m_dir.filePath("x/en"));
        if (m_en.available)
            QVERIFY2(m_en.error.isEmpty(), qPrintable(m_en.error));
        if (m_en.available)
            QCOMPARE(m_en.names, *names);
    }

    // ---- Quoting ---------------------------------------------------------------------------

    void crc32KnownValues()
    {
        QCOMPARE(crc32(QByteArray("123456789")), 0xCBF43926u);
        QCOMPARE(crc32(QByteArray()), 0u);
    }

    void shellQuoteRoundTrips_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("empty") << "";
        QTest::newRow("plain") << "host01";
        QTest::newRow("apostrophe") << "o'brien";
        QTest::newRow("only quotes") << "'''";
        QTest::newRow("backslash quote") << "\\'";
        QTest::newRow("command substitution") << "$(id)";
        QTest::newRow("backticks") << "`id`";
        QTest::newRow("variable") << "${HOME} $PATH";
        QTest::newRow("separator") << "1.2.3.4; rm -rf /";
        QTest::newRow("newlines") << "a\nb\n\n";
        QTest::newRow("leading newline") << "\nx";
        QTest::newRow("double quotes") << "say \"hi\"";
        QTest::newRow("glob") << "* ? [a-z]";
        QTest::newRow("tilde and bang") << "~root !!";
        QTest::newRow("option-like") << "-n";
        QTest::newRow("printf format") << "%s %d \\n";
        QTest::newRow("tab and control") << "a\tb\x01";
        QTest::newRow("unicode quotes") << QString::fromUtf8("‘x’ «y» é");
        QTest::newRow("mixed") << "it's \"$(rm -rf /)\"\n`x`;|&<>";
    }

    void shellQuoteRoundTrips()
    {
        QFETCH(QString, value);
        const QString quoted = shellQuote(value);
        bool ran = false;
        for (const char *shell : {"bash", "sh"}) {
            const QString program = tool(shell);
            if (program.isEmpty())
                continue;
            const Run r = run(program, {"-c", QStringLiteral("printf %s ") + quoted});
            QVERIFY(r.started);
            QCOMPARE(r.code, 0);
            QCOMPARE(QString::fromUtf8(r.out), value);
            ran = true;
        }
        if (!ran)
            QSKIP("neither bash nor sh is installed");
    }

    void shellQuoteDropsNul()
    {
        QCOMPARE(shellQuote(QString::fromUtf16(u"a\0b", 3)), QStringLiteral("'ab'"));
        QCOMPARE(shellQuote("it's"), QStringLiteral("'it'\\''s'"));
    }

    void powershellQuote_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "host01"
                               << "'host01'";
        QTest::newRow("apostrophe") << "o'brien"
                                    << "'o''brien'";
        QTest::newRow("smart quotes") << QString::fromUtf8("‘x’") << QString::fromUtf8("'‘‘x’’'");
        QTest::newRow("low quotes") << QString::fromUtf8("‚x‛") << QString::fromUtf8("'‚‚x‛‛'");
        QTest::newRow("subexpression") << "$(Get-Date); rm"
                                       << "'$(Get-Date); rm'";
        QTest::newRow("double quotes") << "\"x\""
                                       << "'\"x\"'";
        QTest::newRow("newline") << "a\nb"
                                 << "'a\nb'";
        QTest::newRow("empty") << ""
                               << "''";
    }

    void powershellQuote()
    {
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const QString quoted = Playbooks::powershellQuote(value);
        QCOMPARE(quoted, expected);
        // Inside the outer quotes, every quote character PowerShell knows comes doubled: none
        // can end the string.
        auto isQuote = [](QChar c) {
            const char16_t u = c.unicode();
            return u == u'\'' || u == 0x2018 || u == 0x2019 || u == 0x201A || u == 0x201B;
        };
        const QString inner = quoted.mid(1, quoted.size() - 2);
        for (qsizetype i = 0; i < inner.size(); ++i) {
            if (!isQuote(inner.at(i)))
                continue;
            QVERIFY2(i + 1 < inner.size() && isQuote(inner.at(i + 1)), qPrintable(quoted));
            ++i;
        }
        const QString pwsh = tool("pwsh");
        if (!pwsh.isEmpty()) {
            const Run r = run(pwsh,
                              {"-NoProfile",
                               "-NonInteractive",
                               "-Command",
                               "[Console]::OutputEncoding = [Text.Encoding]::UTF8; "
                               "[Console]::Out.Write("
                                   + quoted + ")"});
            QCOMPARE(r.code, 0);
            QCOMPARE(QString::fromUtf8(r.out), value);
        }
    }

    void csvField_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "abc"
                               << "abc";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("formula") << "=1+1"
                                 << "'=1+1";
        QTest::newRow("plus") << "+1"
                              << "'+1";
        QTest::newRow("minus") << "-2+3"
                               << "'-2+3";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\t=1"
                             << "\"'\t=1\"";
        QTest::newRow("carriage return") << "\r=1"
                                         << "\"'\r=1\"";
        QTest::newRow("spaces then formula") << "  =1"
                                             << "'  =1";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "a\"b"
                               << "\"a\"\"b\"";
        QTest::newRow("newline") << "a\nb"
                                 << "\"a\nb\"";
        QTest::newRow("semicolon") << "a;b"
                                   << "\"a;b\"";
        QTest::newRow("dde") << "=cmd|' /C calc'!A0"
                             << "'=cmd|' /C calc'!A0";
        QTest::newRow("formula with quotes") << "=HYPERLINK(\"http://x\",\"y\")"
                                             << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::newRow("inner equals") << "a=b"
                                      << "a=b";
    }

    void csvField()
    {
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QCOMPARE(Playbooks::csvField(value), expected);
    }

    void validators_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("kind"); // ipv4, ipv6, cidr, domain or none
        QTest::newRow("ipv4") << "10.0.0.5"
                              << "ipv4";
        QTest::newRow("ipv4 broadcast") << "255.255.255.255"
                                        << "ipv4";
        QTest::newRow("octet too big") << "256.0.0.1"
                                       << "none";
        QTest::newRow("three octets") << "1.2.3"
                                      << "none";
        QTest::newRow("leading zero (octal)") << "01.2.3.4"
                                              << "none";
        QTest::newRow("trailing space") << "1.2.3.4 "
                                        << "none";
        QTest::newRow("command") << "1.2.3.4; rm -rf /"
                                 << "none";
        QTest::newRow("substitution") << "$(id)"
                                      << "none";
        QTest::newRow("link-local v6") << "fe80::1"
                                       << "ipv6";
        QTest::newRow("unspecified v6") << "::"
                                        << "ipv6";
        QTest::newRow("full v6") << "1:2:3:4:5:6:7:8"
                                 << "ipv6";
        QTest::newRow("gap of one") << "1:2:3:4:5:6:7::"
                                    << "ipv6";
        QTest::newRow("mapped v4") << "::ffff:192.0.2.1"
                                   << "ipv6";
        QTest::newRow("two gaps") << "1::2::3"
                                  << "none";
        QTest::newRow("group too long") << "12345::"
                                        << "none";
        QTest::newRow("zone id") << "fe80::1%eth0"
                                 << "none";
        QTest::newRow("leading colon") << ":1"
                                       << "none";
        QTest::newRow("nine groups") << "1:2:3:4:5:6:7:8:9"
                                     << "none";
        QTest::newRow("v4 not last") << "::1.2.3.4:5"
                                     << "none";
        QTest::newRow("cidr v4") << "10.0.0.0/8"
                                 << "cidr";
        QTest::newRow("cidr v6") << "2001:db8::/32"
                                 << "cidr";
        QTest::newRow("prefix too long") << "10.0.0.0/33"
                                         << "none";
        QTest::newRow("prefix leading zero") << "10.0.0.0/08"
                                             << "none";
        QTest::newRow("empty prefix") << "10.0.0.0/"
                                      << "none";
        QTest::newRow("domain") << "example.com"
                                << "domain";
        QTest::newRow("subdomains") << "a-b.example.co.uk"
                                    << "domain";
        QTest::newRow("underscore label") << "_dmarc.example.com"
                                          << "domain";
        QTest::newRow("idn") << QString::fromUtf8("évil.fr") << "domain";
        QTest::newRow("hyphen first") << "-a.com"
                                      << "none";
        QTest::newRow("empty label") << "a..com"
                                     << "none";
        QTest::newRow("single label") << "localhost"
                                      << "none";
        QTest::newRow("numeric tld") << "example.123"
                                     << "none";
        QTest::newRow("space") << "ex ample.com"
                               << "none";
        QTest::newRow("quote") << "x'; drop"
                               << "none";
        QTest::newRow("newline") << "evil.com\n"
                                 << "none";
        QTest::newRow("bidi override") << QString::fromUtf8("evil\u202Ecom.example") << "none";
    }

    void validators()
    {
        QFETCH(QString, text);
        QFETCH(QString, kind);
        QCOMPARE(isIPv4(text), kind == "ipv4");
        QCOMPARE(isIPv6(text), kind == "ipv6");
        QCOMPARE(isCidr(text), kind == "cidr");
        QCOMPARE(isDomain(text), kind == "domain");
    }

    void addressFlags()
    {
        QVERIFY(parseIpNetwork("10.0.0.5/24")->hostBitsSet());
        QVERIFY(!parseIpNetwork("10.0.0.0/24")->hostBitsSet());
        QVERIFY(parseIpNetwork("2001:db8::1/32")->hostBitsSet());
        QVERIFY(parseIpNetwork("127.0.0.1")->isLoopback());
        QVERIFY(parseIpNetwork("::1")->isLoopback());
        QVERIFY(parseIpNetwork("::ffff:127.0.0.1")->isLoopback());
        QVERIFY(!parseIpNetwork("fe80::1")->isLoopback());
        QVERIFY(parseIpNetwork("0.0.0.0")->isUnspecified());
        QVERIFY(parseIpNetwork("::")->isUnspecified());
        const auto mapped = parseIpNetwork("::ffff:192.0.2.1");
        QCOMPARE(mapped->bytes[10], 0xff);
        QCOMPARE(mapped->bytes[12], 192);
        QCOMPARE(mapped->bytes[15], 1);
    }

    void hashesAndUrls()
    {
        QCOMPARE(hashKind("44d88612fea8a8f36de82e1278abb02f"), HashKind::Md5);
        QCOMPARE(hashKind("3395856CE81F2B7382DEE72602F798B642F14140"), HashKind::Sha1);
        QCOMPARE(hashKind(QString(64, u'a')), HashKind::Sha256);
        QCOMPARE(hashKind(QString(63, u'a')), HashKind::None);
        QCOMPARE(hashKind(QString(32, u'g')), HashKind::None);
        QCOMPARE(hashKind(""), HashKind::None);
        QVERIFY(isUrl("http://evil.example/x?y=1"));
        QVERIFY(isUrl("ftp://192.0.2.1/file"));
        QVERIFY(isUrl("https://[2001:db8::1]/x"));
        QVERIFY(!isUrl("javascript:alert(1)"));
        QVERIFY(!isUrl("http://evil.example/a b"));
        QVERIFY(!isUrl("http://evil.example/\nx"));
        QVERIFY(!isUrl("http:///x"));
        QVERIFY(!isUrl("/relative/path"));
    }

    void stixAndYamlQuoting()
    {
        QCOMPARE(stixString("it's"), QStringLiteral("'it\\'s'"));
        QCOMPARE(stixString("a\\b"), QStringLiteral("'a\\\\b'"));
        QCOMPARE(stixString("\\'"), QStringLiteral("'\\\\\\''"));
        QCOMPARE(yamlQuote("it's"), QStringLiteral("'it''s'"));
        QCOMPARE(yamlQuote("a\nb\"c\\"), QStringLiteral("\"a\\nb\\\"c\\\\\""));
        QCOMPARE(yamlQuote(QString::fromUtf8("x\u202Ey")), QStringLiteral("\"x\\u202ey\""));
        QCOMPARE(sigmaLiteral("a*b?c"), QStringLiteral("a\\*b\\?c"));
        QCOMPARE(sigmaLiteral("C:\\Windows\\x.exe"), QStringLiteral("C:\\Windows\\x.exe"));
        QCOMPARE(sigmaLiteral("\\\\srv\\share"), QStringLiteral("\\\\\\srv\\share"));
        QCOMPARE(sigmaLiteral("dir\\*"), QStringLiteral("dir\\\\\\*"));
    }

    // What sigmaLiteral writes, Vigie's Sigma engine reads back as the same literal.
    void sigmaLiteralMatchesLiterally_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("other"); // what a wildcard reading would also match
        QTest::newRow("star") << "C:\\a*b.exe"
                              << "C:\\aXXb.exe";
        QTest::newRow("question mark") << "x?y"
                                       << "xzy";
        QTest::newRow("unc path") << "\\\\srv\\share\\f"
                                  << "\\srv\\share\\f";
        QTest::newRow("backslash star") << "dir\\*"
                                        << "dir\\anything";
        QTest::newRow("quote") << "it's \"q\""
                               << "its q";
    }

    void sigmaLiteralMatchesLiterally()
    {
        QFETCH(QString, value);
        QFETCH(QString, other);
        const std::string yaml = "title: t\nid: 11111111-2222-3333-4444-555555555555\n"
                                 "logsource:\n  category: file_event\ndetection:\n  selection:\n"
                                 "    TargetFilename: "
                                 + yamlQuote(sigmaLiteral(value)).toStdString()
                                 + "\n  condition: selection\n";
        std::string error;
        const auto rule = Detection::parseSigmaRule(yaml, "inline.yml", error);
        QVERIFY2(rule, error.c_str());
        MapSource event;
        event.fields["TargetFilename"] = value.toStdString();
        QVERIFY(rule->matches(Detection::EventView(event)));
        event.fields["TargetFilename"] = other.toStdString();
        QVERIFY(!rule->matches(Detection::EventView(event)));
    }

    // ---- ZIP -------------------------------------------------------------------------------

    void safeEntryName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "README.md"
                               << "README.md";
        QTest::newRow("parent") << "../../etc/passwd"
                                << "etc/passwd";
        QTest::newRow("absolute") << "/etc/passwd"
                                  << "etc/passwd";
        QTest::newRow("drive") << "C:\\Windows\\system32\\x.dll"
                               << "C_/Windows/system32/x.dll";
        QTest::newRow("backslashes") << "a\\b\\c"
                                     << "a/b/c";
        QTest::newRow("dots and slashes") << "a/./b//c"
                                          << "a/b/c";
        QTest::newRow("windows parent") << "..\\..\\x"
                                        << "x";
        QTest::newRow("inner parent") << "x/../../y"
                                      << "x/y";
        QTest::newRow("newline") << "line\nbreak"
                                 << "line_break";
        QTest::newRow("bidi override")
            << QString::fromUtf8("invoice\u202Efdp.exe") << "invoice_fdp.exe";
        QTest::newRow("stream") << "file.txt:stream"
                                << "file.txt_stream";
        QTest::newRow("device") << "CON"
                                << "_CON";
        QTest::newRow("device with extension") << "dir/con.txt"
                                               << "dir/_con.txt";
        QTest::newRow("printer port") << "lpt1"
                                      << "_lpt1";
        QTest::newRow("trailing dots and spaces") << "trailing. . "
                                                  << "trailing";
        QTest::newRow("dots and space") << ".. /x"
                                        << "x";
        QTest::newRow("empty") << ""
                               << "unnamed";
        QTest::newRow("only parents") << "../.."
                                      << "unnamed";
        QTest::newRow("fullwidth slash") << QString::fromUtf8("／etc／passwd") << "etc/passwd";
        QTest::newRow("fullwidth dots") << QString::fromUtf8("．．／x") << "x";
        QTest::newRow("two-dot leader") << QString::fromUtf8("\u2025/x") << "x";
        QTest::newRow("division slash") << QString::fromUtf8("a\u2215b") << "a_b";
        QTest::newRow("yen") << QString::fromUtf8("..¥x") << ".._x";
        QTest::newRow("windows refused") << "a<b>c|d?e*f\"g"
                                         << "a_b_c_d_e_f_g";
        QTest::newRow("unicode") << QString::fromUtf8("日本/файл.txt")
                                 << QString::fromUtf8("日本/файл.txt");
        QTest::newRow("long") << QString(100, u'a') << QString(80, u'a');
        QTest::newRow("hidden file") << ".bashrc"
                                     << ".bashrc";
    }

    void safeEntryName()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString safe = Playbooks::safeEntryName(name);
        QCOMPARE(safe, expected);
        QVERIFY2(isSafeName(safe), qPrintable(safe));
        QCOMPARE(Playbooks::safeEntryName(safe), safe); // deterministic and idempotent
    }

    void zipIsReadByPython()
    {
        const QString python = tool("python3");
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        QByteArray big;
        for (int i = 0; i < 5000; ++i)
            big += "line " + QByteArray::number(i % 17) + " of a compressible text\n";
        QByteArray noise(3000, '\0');
        quint32 x = 2463534242u;
        for (char &c : noise) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = char(x & 0xff);
        }
        ZipWriter zip(QDateTime(QDate(2024, 5, 1), QTime(12, 30, 10), Qt::UTC));
        const std::vector<std::pair<QString, QByteArray>> entries = {
            {"a.txt", "small"},
            {"big.txt", big},
            {"noise.bin", noise},
            {"empty", {}},
            {QString::fromUtf8("dir/été.txt"), "accents"},
            {"../escape.txt", "up"},
            {"A.TXT", "same name, other case"},
        };
        QStringList used;
        for (const auto &[name, data] : entries) {
            const auto r = zip.add(name, data);
            QVERIFY2(r, qPrintable(r.error()));
            used << *r;
        }
        QCOMPARE(used,
                 QStringList({"a.txt",
                              "big.txt",
                              "noise.bin",
                              "empty",
                              QString::fromUtf8("dir/été.txt"),
                              "escape.txt",
                              "A-2.TXT"}));
        const QString path = m_dir.filePath("python.zip");
        const auto w = zip.write(path);
        QVERIFY2(w, qPrintable(w.error()));

        const Run check = run(
            python, {"-c", "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()", path});
        QCOMPARE(check.code, 0);
        const Run r = run(python,
                          {"-c",
                           "import zipfile,sys,json,base64\n"
                           "z=zipfile.ZipFile(sys.argv[1])\n"
                           "print(json.dumps({'bad': z.testzip(), 'files': [[i.filename, "
                           "base64.b64encode(z.read(i.filename)).decode(), i.compress_type, "
                           "i.flag_bits, list(i.date_time), i.CRC] for i in z.infolist()]}))",
                           path});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QVERIFY(report.value("bad").isNull());
        const QJsonArray files = report.value("files").toArray();
        QCOMPARE(files.size(), qsizetype(entries.size()));
        for (qsizetype i = 0; i < files.size(); ++i) {
            const QJsonArray f = files.at(i).toArray();
            QCOMPARE(f.at(0).toString(), used.at(i));
            const QByteArray data = entries[std::size_t(i)].second;
            QCOMPARE(QByteArray::fromBase64(f.at(1).toString().toLatin1()), data);
            QVERIFY(f.at(3).toInt() & 0x800); // UTF-8 names
            QCOMPARE(f.at(4).toArray(), QJsonArray({2024, 5, 1, 12, 30, 10}));
            QCOMPARE(quint32(f.at(5).toDouble()), crc32(data));
        }
        QCOMPARE(files.at(1).toArray().at(2).toInt(), 8); // the big text is deflated
        QCOMPARE(files.at(2).toArray().at(2).toInt(), 0); // noise does not shrink: stored
        QCOMPARE(files.at(3).toArray().at(2).toInt(), 0); // empty: stored
    }

    void zipRefusesWhatNeedsZip64()
    {
        QByteArray incompressible(600, '\0');
        for (int i = 0; i < incompressible.size(); ++i)
            incompressible[i] = char((i * 7919 + (i >> 3) * 104729) & 0xff);
        ZipWriter zip(QDateTime::currentDateTimeUtc(), 1000);
        QVERIFY(!zip.add("too-big", QByteArray(2000, 'x'), ZipWriter::Method::Store));
        QVERIFY(zip.add("fits", incompressible, ZipWriter::Method::Store));
        const auto refused = zip.add("one-more", incompressible, ZipWriter::Method::Store);
        QVERIFY(!refused);
        QVERIFY(!refused.error().isEmpty());
        QCOMPARE(zip.names(), QStringList({"fits"}));
        QVERIFY(zip.archive().ok());
        QVERIFY(quint64(zip.archive()->size()) <= 1000);
    }

    void zipWriteFailsCleanly()
    {
        ZipWriter zip;
        QVERIFY(zip.add("a", "b"));
        const auto w = zip.write(m_dir.filePath("no/such/dir/x.zip"));
        QVERIFY(!w);
        QVERIFY(!w.error().isEmpty());
    }

    // ---- The toolkit -----------------------------------------------------------------------

    void toolkitEntryNamesAreSafe()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        for (const QString &name : std::as_const(m_en.names))
            QVERIFY2(isSafeName(name), qPrintable(name));
        for (const char *expected : {"iocs/indicators.stix.json",
                                     "iocs/indicators.csv",
                                     "blocklists/nftables.nft",
                                     "blocklists/iptables.sh",
                                     "blocklists/windows-firewall.ps1",
                                     "hunting/ips.yml",
                                     "hunting/domains.yml",
                                     "hunting/urls.yml",
                                     "hunting/hashes.yml",
                                     "hunting/files.yml",
                                     "scripts/etc_passwd",
                                     "scripts/isolate.ps1",
                                     "scripts/C__temp_collect.sh",
                                     "report-42.pdf",
                                     "README.md"})
            QVERIFY2(m_en.names.contains(QLatin1String(expected)), expected);
        // Extraction wrote nothing beside its target folder, and every file inside is an entry.
        QCOMPARE(QDir(m_dir.filePath("x"))
                     .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList({"en"}));
        QDirIterator it(m_en.root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString rel = QDir(m_en.root).relativeFilePath(it.next());
            QVERIFY2(m_en.names.contains(rel), qPrintable(rel));
        }
    }

    void toolkitStixBundle()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        QJsonParseError error;
        const QJsonDocument doc
            = QJsonDocument::fromJson(m_en.files.value("iocs/indicators.stix.json"), &error);
        QVERIFY2(!doc.isNull(), qPrintable(error.errorString()));
        const QJsonObject bundle = doc.object();
        QCOMPARE(bundle.value("type").toString(), "bundle");
        QVERIFY(bundle.value("id").toString().startsWith("bundle--"));
        const QString amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
        QStringList patterns;
        QString identity;
        bool marking = false;
        for (const QJsonValue &v : bundle.value("objects").toArray()) {
            const QJsonObject o = v.toObject();
            const QString type = o.value("type").toString();
            QCOMPARE(o.value("spec_version").toString(), "2.1");
            const QString id = o.value("id").toString();
            QVERIFY2(id.startsWith(type + "--"), qPrintable(id));
            QVERIFY(!QUuid::fromString(id.mid(type.size() + 2)).isNull());
            if (type == "identity")
                identity = id;
            if (type == "marking-definition") {
                QCOMPARE(id, amber);
                QCOMPARE(o.value("name").toString(), "TLP:AMBER");
                QCOMPARE(o.value("extensions")
                             .toObject()
                             .value("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d")
                             .toObject()
                             .value("tlp_2_0")
                             .toString(),
                         "amber");
                marking = true;
            }
            if (type != "indicator")
                continue;
            patterns << o.value("pattern").toString();
            QCOMPARE(o.value("pattern_type").toString(), "stix");
            QCOMPARE(o.value("pattern_version").toString(), "2.1");
            QCOMPARE(o.value("valid_from").toString(), "2024-05-01T12:30:00.000Z");
            QCOMPARE(o.value("created").toString(), "2024-05-01T12:30:00.000Z");
            QCOMPARE(o.value("modified").toString(), "2024-05-01T12:30:00.000Z");
            QCOMPARE(o.value("indicator_types").toArray(), QJsonArray({"malicious-activity"}));
            QCOMPARE(o.value("object_marking_refs").toArray(), QJsonArray({amber}));
            QCOMPARE(o.value("created_by_ref").toString(), identity);
            QCOMPARE(QUuid::fromString(o.value("id").toString().mid(11)).version(), QUuid::Sha1);
        }
        QVERIFY(marking);
        QVERIFY(!identity.isEmpty());
        for (const char *expected :
             {"[ipv4-addr:value = '10.0.0.5']",
              "[ipv4-addr:value = '203.0.113.9']",
              "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
              "[ipv6-addr:value = 'fe80::1']",
              "[domain-name:value = 'evil.example']",
              "[domain-name:value = 'bad.example.org']",
              "[url:value = 'http://evil.example/it\\'s?q=1']",
              "[url:value = 'https://bad.example.org/payload']",
              "[file:hashes.MD5 = '44d88612fea8a8f36de82e1278abb02f']",
              "[file:hashes.'SHA-1' = '3395856ce81f2b7382dee72602f798b642f14140']",
              "[file:hashes.'SHA-256' = "
              "'275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f']",
              "[file:name = 'dropper.exe' AND file:parent_directory_ref.path = "
              "'C:\\\\Users\\\\Public']"})
            QVERIFY2(patterns.contains(QLatin1String(expected)), expected);
        QCOMPARE(patterns.size(), 12); // the duplicate 10.0.0.5 once, nothing hostile
        for (const QString &p : std::as_const(patterns))
            for (const QString &bad : hostileFragments)
                QVERIFY2(!p.contains(bad), qPrintable(p));
    }

    void toolkitIsStable()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        const QString again = m_dir.filePath("toolkit-again.zip");
        QVERIFY(writeToolkit(hostileInput("en"), again));
        QFile a(m_zip), b(again);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll()); // same input, same bytes: ids and times included
    }

    void toolkitCsvIsNeutralised()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        const auto rows = parseCsv(text("iocs/indicators.csv"));
        QVERIFY(rows.size() > 1);
        QCOMPARE(rows.front(), QStringList({"type", "value", "context"}));
        QStringList values;
        for (const QStringList &row : rows) {
            QCOMPARE(row.size(), 3);
            for (const QString &field : row) {
                const QString start = field.trimmed().left(1);
                QVERIFY2(start.isEmpty() || !QStringLiteral("=+-@").contains(start),
                         qPrintable(field));
                QVERIFY(!field.startsWith(u'\t') && !field.startsWith(u'\r'));
            }
            values << row.at(1);
        }
        QVERIFY(values.contains("'=cmd|' /C calc'!A0"));
        QVERIFY(values.contains("'@SUM(1+1)"));
        QVERIFY(values.contains("'-2+3"));
        QVERIFY(values.contains("'+1"));
        QVERIFY(values.contains("db'02\nsecond line")); // a line break stays inside its field
        QVERIFY(values.contains("web01\"; rm -rf /"));
        QVERIFY(values.contains("10.0.0.5"));
        QVERIFY(!values.contains("1.2.3.4; rm -rf /"));
    }

    void toolkitBlocklistsHoldNoHostileValue()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        for (const char *name : {"blocklists/nftables.nft",
                                 "blocklists/iptables.sh",
                                 "blocklists/windows-firewall.ps1"}) {
            const QString s = text(name);
            QVERIFY2(s.contains("10.0.0.5") && s.contains("fe80::1") && s.contains("203.0.113.9")
                         && s.contains("198.51.100.0/24"),
                     name);
            for (const QString &bad : hostileFragments)
                QVERIFY2(!s.contains(bad), qPrintable(QLatin1String(name) + u' ' + bad));
        }
        const QString sh = text("blocklists/iptables.sh");
        QVERIFY(sh.contains("set -euo pipefail"));
        QVERIFY(sh.contains("    '10.0.0.5'\n"));
        QVERIFY(sh.contains("    'fe80::1'\n"));
        const QString ps = text("blocklists/windows-firewall.ps1");
        // A UTF-8 BOM, or Windows PowerShell would read the file in the ANSI code page.
        QVERIFY(m_en.files.value("blocklists/windows-firewall.ps1").startsWith("\xEF\xBB\xBF"));
        QVERIFY(ps.contains("    '10.0.0.5'\n"));
        QVERIFY(ps.contains("New-NetFirewallRule"));
        QVERIFY(ps.contains("-RemoteAddress $addresses"));
    }

    void toolkitIptablesPassesBashN()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        const QString bash = tool("bash");
        if (bash.isEmpty())
            QSKIP("bash is not installed");
        const Run r = run(bash, {"-n", m_en.root + "/blocklists/iptables.sh"});
        QVERIFY2(r.code == 0, r.err.constData());
        // The address arrays hold exactly the valid addresses.
        const Run arrays = run(bash,
                               {"-c",
                                "eval \"$(sed -n '/^ipv4=(/,/^)/p;/^ipv6=(/,/^)/p' \"$1\")\"; "
                                "printf '%s\\n' \"${ipv4[@]}\" \"${ipv6[@]}\"",
                                "bash",
                                m_en.root + "/blocklists/iptables.sh"});
        QCOMPARE(arrays.code, 0);
        QCOMPARE(QString::fromUtf8(arrays.out),
                 QStringLiteral("10.0.0.5\n203.0.113.9\n198.51.100.0/24\nfe80::1\n"));
    }

    void toolkitNftablesPassesNftCheck()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        const QString nft = tool("nft");
        if (nft.isEmpty())
            QSKIP("nft is not installed");
        const Run r = run(nft, {"-c", "-f", m_en.root + "/blocklists/nftables.nft"});
        const QByteArray err = r.err.toLower();
        if (r.code != 0
            && (err.contains("operation not permitted") || err.contains("permission denied")
                || err.contains("netlink")))
            QSKIP("nft -c needs privileges this test does not have");
        QVERIFY2(r.code == 0, r.err.constData());
    }

    void toolkitSigmaRulesLoad()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        std::map<std::string, std::unique_ptr<Detection::SigmaRule>> rules;
        for (const QString &name : std::as_const(m_en.names)) {
            if (!name.startsWith("hunting/"))
                continue;
            std::string error;
            auto rule = Detection::parseSigmaRule(
                m_en.files.value(name).toStdString(), name.toStdString(), error);
            QVERIFY2(rule, qPrintable(name + ": " + QString::fromStdString(error)));
            QCOMPARE(rule->status, "experimental");
            QCOMPARE(rule->level, "high");
            QVERIFY(!QUuid::fromString(QString::fromStdString(rule->id)).isNull());
            QVERIFY(std::find(rule->tags.begin(), rule->tags.end(), "tlp.amber")
                    != rule->tags.end());
            rules[name.toStdString()] = std::move(rule);
        }
        QCOMPARE(rules.size(), std::size_t(5));
        auto fires = [&rules](const char *file, const char *field, const char *value) {
            MapSource e;
            e.fields[field] = value;
            return rules.at(file)->matches(Detection::EventView(e));
        };
        QCOMPARE(rules.at("hunting/ips.yml")->logsource.category, "network_connection");
        QVERIFY(fires("hunting/ips.yml", "DestinationIp", "10.0.0.5"));
        QVERIFY(fires("hunting/ips.yml", "DestinationIp", "198.51.100.77"));
        QVERIFY(fires("hunting/ips.yml", "DestinationIp", "fe80::1"));
        QVERIFY(!fires("hunting/ips.yml", "DestinationIp", "1.2.3.4"));
        QVERIFY(fires("hunting/domains.yml", "QueryName", "evil.example"));
        QVERIFY(fires("hunting/domains.yml", "QueryName", "c2.evil.example"));
        QVERIFY(!fires("hunting/domains.yml", "QueryName", "notevil.example"));
        QVERIFY(fires("hunting/hashes.yml",
                      "Hashes",
                      "SHA256=275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F,"
                      "IMPHASH=00"));
        QVERIFY(fires("hunting/files.yml", "TargetFilename", "C:\\Users\\Public\\dropper.exe"));
        QVERIFY(!fires("hunting/files.yml", "TargetFilename", "C:\\Users\\Public\\other.exe"));
        MapSource request;
        request.fields["cs-host"] = "evil.example";
        request.fields["c-uri"] = "http://evil.example/it's?q=1";
        QVERIFY(rules.at("hunting/urls.yml")->matches(Detection::EventView(request)));
        // Re-exporting the same incident keeps each rule's id.
        const QString again = m_dir.filePath("sigma-again.zip");
        QVERIFY(writeToolkit(hostileInput("fr"), again));
        const Extracted fr = extract(again, m_dir.filePath("sigma-again"));
        QVERIFY(fr.error.isEmpty());
        std::string error;
        const auto ips = Detection::parseSigmaRule(
            fr.files.value("hunting/ips.yml").toStdString(), "ips.yml", error);
        QVERIFY(ips);
        QCOMPARE(ips->id, rules.at("hunting/ips.yml")->id);
    }

    void toolkitReadmeListsWhatWasLeftOut()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        const QString readme = text("README.md");
        QVERIFY(readme.startsWith("# Vigie toolkit: incident #42\n"));
        QVERIFY(readme.contains("**TLP:AMBER**"));
        QVERIFY(readme.contains("2024-05-01 12:30:00 UTC"));
        const qsizetype left = readme.indexOf("## Values left out");
        QVERIFY(left > 0);
        const QString skipped = readme.mid(left);
        for (const char *value : {"`1.2.3.4; rm -rf /`",
                                  "`$(id)`",
                                  "`0.0.0.0/0`",
                                  "`127.0.0.1`",
                                  "`10.9.9.9/8`",
                                  "`x'; rm -rf ~`",
                                  "`localhost`",
                                  "`javascript:alert(1)`",
                                  "`not-a-hash`"})
            QVERIFY2(skipped.contains(QLatin1String(value)), value);
        // The line break of the hostile path is shown, not obeyed.
        QVERIFY(skipped.contains(QString::fromUtf8("`/tmp/evil\u240Aname`")));
        QVERIFY(!skipped.contains("10.0.0.5"));
        // The title's line break and # did not make a heading; its HTML is escaped.
        int headings = 0;
        for (const QString &line : readme.split(u'\n')) {
            if (line.startsWith("# "))
                ++headings;
            QVERIFY2(!line.startsWith("# injected"), qPrintable(line));
        }
        QCOMPARE(headings, 1);
        QVERIFY(!readme.contains("<b>"));
        for (const char *entry : {"`scripts/etc_passwd`",
                                  "`scripts/isolate.ps1`",
                                  "`report-42.pdf`",
                                  "`hunting/ips.yml`"})
            QVERIFY2(readme.contains(QLatin1String(entry)), entry);
    }

    void toolkitScriptsAndReport()
    {
        if (!m_en.available)
            QSKIP("neither unzip nor python3 is installed");
        QCOMPARE(m_en.files.value("scripts/etc_passwd"),
                 QByteArray("#!/bin/sh\necho 'contained'\n"));
        QCOMPARE(m_en.files.value("scripts/isolate.ps1"),
                 QByteArray("\xEF\xBB\xBFWrite-Host 'isolated'\n"));
        QCOMPARE(m_en.files.value("report-42.pdf"), hostileInput("en").reportPdf);
    }

    void toolkitInFrench()
    {
        const QString path = m_dir.filePath("toolkit-fr.zip");
        ToolkitInput in = hostileInput("fr");
        in.tlp = "amber+strict";
        const auto names = writeToolkit(in, path);
        QVERIFY2(names, qPrintable(names.error()));
        const Extracted fr = extract(path, m_dir.filePath("x-fr"));
        if (!fr.available)
            QSKIP("neither unzip nor python3 is installed");
        const QString readme = QString::fromUtf8(fr.files.value("README.md"));
        QVERIFY(readme.startsWith(QString::fromUtf8("# Boîte à outils Vigie : incident n° 42\n")));
        QVERIFY(readme.contains(QString::fromUtf8("## Valeurs écartées")));
        QVERIFY(readme.contains("**TLP:AMBER+STRICT**"));
        QVERIFY(readme.contains("`1.2.3.4; rm -rf /`"));
        QVERIFY(!readme.contains("Values left out"));
        QVERIFY(!readme.contains("## Blocklists"));
        const QJsonDocument stix
            = QJsonDocument::fromJson(fr.files.value("iocs/indicators.stix.json"));
        bool strict = false;
        for (const QJsonValue &v : stix.object().value("objects").toArray())
            if (v.toObject().value("id").toString()
                == "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003")
                strict = true;
        QVERIFY(strict);
        QVERIFY(fr.files.value("hunting/ips.yml").contains("- tlp.amber-strict\n"));
    }

    void tlpMarkings_data()
    {
        QTest::addColumn<QString>("tlp");
        QTest::addColumn<QString>("id");
        QTest::newRow("clear") << "TLP:CLEAR"
                               << "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
        QTest::newRow("white is clear")
            << "TLP:WHITE"
            << "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
        QTest::newRow("green") << "green"
                               << "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
        QTest::newRow("amber") << "TLP:AMBER"
                               << "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
        QTest::newRow("default") << ""
                                 << "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
        QTest::newRow("amber strict") << "TLP:AMBER+STRICT"
                                      << "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
        QTest::newRow("red") << "tlp:red"
                             << "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
        QTest::newRow("unknown") << "TLP:PURPLE"
                                 << "";
    }

    void tlpMarkings()
    {
        QFETCH(QString, tlp);
        QFETCH(QString, id);
        const auto m = tlpMarking(tlp);
        QCOMPARE(m ? m->id : QString(), id);
    }

    void toolkitRefusesAnUnknownTlp()
    {
        ToolkitInput in = hostileInput("en");
        in.tlp = "TLP:PURPLE";
        const QString path = m_dir.filePath("purple.zip");
        const auto r = writeToolkit(in, path);
        QVERIFY(!r);
        QVERIFY(r.error().contains("PURPLE"));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestToolkit)
#include "tst_toolkit.moc"

// SPDX-License-Identifier: Apache-2.0
#include "core/detection/detector.h"

#include "core/formats/normaliser.h"
#include "core/ingest/importer.h"
#include "core/knowledge/attack.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <mutex>

namespace Vigie::Detection {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

int levelRank(const std::string &level)
{
    static const char *const order[] = {"informational", "low", "medium", "high", "critical"};
    for (int i = 0; i < 5; ++i)
        if (level == order[i])
            return i;
    return 2;
}

} // namespace

RuleSet::LoadReport RuleSet::loadDirectory(const QString &dir)
{
    LoadReport report;
    QStringList files;
    QDirIterator it(dir,
                    {QStringLiteral("*.yml"), QStringLiteral("*.yaml")},
                    QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    if (files.isEmpty() && !QFileInfo(dir).isDir())
        report.errors.push_back({dir.toStdString(), "no such directory"});
    files.sort();
    for (const QString &path : std::as_const(files)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            report.errors.push_back({path.toStdString(), f.errorString().toStdString()});
            continue;
        }
        const QByteArray text = f.readAll();
        std::string error;
        auto rule = parseSigmaRule(std::string_view(text.constData(), std::size_t(text.size())),
                                   path.toStdString(),
                                   error);
        if (!rule) {
            report.errors.push_back({path.toStdString(), error});
            continue;
        }
        add(std::move(rule));
        ++report.loaded;
    }
    return report;
}

void RuleSet::addAll(const RuleSet &other)
{
    for (const auto &r : other.m_rules)
        add(r);
}

void RuleSet::add(std::shared_ptr<const SigmaRule> rule)
{
    if (!rule->id.empty() && m_byId.count(rule->id))
        return;
    if (!rule->id.empty())
        m_byId.emplace(rule->id, rule.get());
    m_rules.push_back(std::move(rule));
}

void RuleSet::filter(const std::string &minLevel, const std::vector<std::string> &statuses)
{
    const int min = levelRank(minLevel);
    std::erase_if(m_rules, [&](const std::shared_ptr<const SigmaRule> &r) {
        const bool drop
            = levelRank(r->level) < min
              || std::find(statuses.begin(), statuses.end(), r->status) != statuses.end();
        if (drop)
            m_byId.erase(r->id);
        return drop;
    });
}

const SigmaRule *RuleSet::byId(const std::string &id) const
{
    const auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : it->second;
}

std::vector<const SigmaRule *> RuleSet::candidates(const std::string &product,
                                                   const std::string &service,
                                                   const std::vector<std::string> &categories) const
{
    std::vector<const SigmaRule *> out;
    for (const auto &r : m_rules) {
        const LogSource &ls = r->logsource;
        if (ls.product.empty() && ls.service.empty() && ls.category.empty())
            continue; // a rule for no log source in particular would meet everything: left out
        if (!ls.product.empty() && ls.product != product)
            continue;
        if (!ls.service.empty() && ls.service != service)
            continue;
        if (!ls.category.empty()
            && std::find(categories.begin(), categories.end(), ls.category) == categories.end())
            continue;
        out.push_back(r.get());
    }
    return out;
}

QString RuleSet::bundledDirectory()
{
    if (const QString env = qEnvironmentVariable("VIGIE_SIGMA_DIR"); !env.isEmpty())
        return env;
    if (QCoreApplication::instance()) {
        const QString installed
            = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/vigie/sigma");
        if (QFileInfo(installed).isDir())
            return QDir::cleanPath(installed);
    }
    return QStringLiteral(VIGIE_SOURCE_DIR "/resources/sigma");
}

std::shared_ptr<const RuleSet> RuleSet::bundled(LoadReport *report)
{
    static std::mutex mutex;
    static std::shared_ptr<const RuleSet> set;
    static LoadReport loaded;
    const std::lock_guard lock(mutex);
    if (!set) {
        auto rules = std::make_shared<RuleSet>();
        loaded = rules->loadDirectory(bundledDirectory());
        set = rules;
    }
    if (report)
        *report = loaded;
    return set;
}

// --- the event as Sigma sees it ----------------------------------------------------------------

namespace {

// Sigma's Windows service names for the channels Vigie meets.
std::string serviceOfChannel(const std::string &channel)
{
    const std::string c = lower(channel);
    if (c.find("sysmon") != std::string::npos)
        return "sysmon";
    static const std::pair<const char *, const char *> known[] = {
        {"security", "security"},
        {"system", "system"},
        {"application", "application"},
        {"windows powershell", "powershell-classic"},
        {"microsoft-windows-powershell/operational", "powershell"},
        {"microsoft-windows-taskscheduler/operational", "taskscheduler"},
        {"microsoft-windows-wmi-activity/operational", "wmi"},
        {"microsoft-windows-windows defender/operational", "windefend"},
        {"microsoft-windows-bits-client/operational", "bits-client"},
        {"microsoft-windows-codeintegrity/operational", "codeintegrity-operational"},
        {"microsoft-windows-dns-client/operational", "dns-client"},
        {"dns server", "dns-server"},
        {"microsoft-windows-windows firewall with advanced security/firewall", "firewall-as"},
        {"microsoft-windows-terminalservices-localsessionmanager/operational",
         "terminalservices-localsessionmanager"},
        {"microsoft-windows-smbclient/security", "smbclient-security"},
        {"microsoft-windows-ntlm/operational", "ntlm"},
        {"microsoft-windows-shell-core/operational", "shell-core"},
        {"microsoft-windows-appxdeploymentserver/operational", "appxdeployment-server"},
        {"microsoft-windows-appxpackaging/operational", "appxpackaging-om"},
        {"microsoft-windows-dhcp-server/operational", "dhcp"},
        {"microsoft-windows-openssh/operational", "openssh"},
        {"microsoft-windows-printservice/admin", "printservice-admin"},
        {"microsoft-windows-printservice/operational", "printservice-operational"},
        {"microsoft-windows-security-mitigations/kernel mode", "security-mitigations"},
        {"microsoft-windows-security-mitigations/user mode", "security-mitigations"},
        {"microsoft-windows-smbserver/audit", "smbserver-audit"},
        {"microsoft-windows-capi2/operational", "capi2"},
        {"microsoft-windows-diagnosis-scripted/operational", "diagnosis-scripted"},
        {"microsoft-windows-ldap-client/debug", "ldap"},
        {"microsoft-windows-kernel-shimengine/operational", "shimengine"},
        {"microsoft-windows-hyper-v-worker-admin", "hyper-v-worker"},
        {"microsoft-windows-lsa/operational", "lsa-server"},
        {"microsoft-windows-msexchange management", "msexchange-management"},
        {"msexchange management", "msexchange-management"},
        {"microsoft-windows-vhdmp/operational", "vhdmp"},
        {"microsoft-windows-bitlocker/bitlocker management", "bitlocker"},
        {"microsoft-windows-certificateservicesclient-lifecycle-system/operational",
         "certificateservicesclient-lifecycle-system"},
        {"microsoft-windows-ntfs/operational", "ntfs"},
    };
    for (const auto &[ch, svc] : known)
        if (c == ch)
            return svc;
    if (c.starts_with("microsoft-windows-applocker/"))
        return "applocker";
    return c;
}

// Sigma's Windows categories, from the event id of each channel.
void categoriesOf(const std::string &service, int id, std::vector<std::string> &out)
{
    if (service == "sysmon") {
        static const std::map<int, std::vector<const char *>> sysmon = {
            {1, {"process_creation"}},
            {2, {"file_change"}},
            {3, {"network_connection"}},
            {4, {"sysmon_status"}},
            {5, {"process_termination"}},
            {6, {"driver_load"}},
            {7, {"image_load"}},
            {8, {"create_remote_thread"}},
            {9, {"raw_access_thread"}},
            {10, {"process_access"}},
            {11, {"file_event"}},
            {12, {"registry_event", "registry_add", "registry_delete"}},
            {13, {"registry_event", "registry_set"}},
            {14, {"registry_event", "registry_rename"}},
            {15, {"create_stream_hash"}},
            {16, {"sysmon_status"}},
            {17, {"pipe_created"}},
            {18, {"pipe_created"}},
            {19, {"wmi_event"}},
            {20, {"wmi_event"}},
            {21, {"wmi_event"}},
            {22, {"dns_query"}},
            {23, {"file_delete"}},
            {24, {"clipboard_capture"}},
            {25, {"process_tampering"}},
            {26, {"file_delete_detected", "file_delete"}},
            {27, {"file_block_executable"}},
            {28, {"file_block_shredding"}},
            {29, {"file_executable_detected"}},
            {255, {"sysmon_error"}},
        };
        if (const auto it = sysmon.find(id); it != sysmon.end())
            for (const char *c : it->second)
                out.emplace_back(c);
    } else if (service == "security") {
        if (id == 4688)
            out.emplace_back("process_creation");
    } else if (service == "powershell") {
        if (id == 4103)
            out.emplace_back("ps_module");
        else if (id == 4104)
            out.emplace_back("ps_script");
    } else if (service == "powershell-classic") {
        if (id == 400)
            out.emplace_back("ps_classic_start");
        else if (id == 600)
            out.emplace_back("ps_classic_provider_start");
        else if (id == 800)
            out.emplace_back("ps_classic_script");
    }
}

// The normalised event's fields under Sigma's names: how a rule reads a layout whose own names
// differ (Security 4688's NewProcessName is Sysmon's Image).
bool fromEvent(const Event &e, std::string_view name, std::string &out)
{
    auto take = [&](const std::string &v) {
        if (v.empty())
            return false;
        out = v;
        return true;
    };
    auto num = [&](std::int64_t v) {
        if (v < 0)
            return false;
        out = std::to_string(v);
        return true;
    };
    if (name == "Image" || name == "NewProcessName")
        return take(e.processExecutable);
    if (name == "CommandLine")
        return take(e.processCommandLine);
    if (name == "ParentImage" || name == "ParentProcessName")
        return take(e.parentExecutable);
    if (name == "ParentCommandLine")
        return take(e.parentCommandLine);
    if (name == "User" || name == "SubjectUserName")
        return take(e.userName);
    if (name == "TargetFilename")
        return take(e.filePath);
    if (name == "TargetObject")
        return take(e.registryPath);
    if (name == "Details")
        return take(e.registryData);
    if (name == "DestinationIp" || name == "dst_ip")
        return take(e.destinationIp);
    if (name == "SourceIp" || name == "src_ip")
        return take(e.sourceIp);
    if (name == "DestinationPort" || name == "dst_port")
        return num(e.destinationPort);
    if (name == "SourcePort" || name == "src_port")
        return num(e.sourcePort);
    if (name == "QueryName" || name == "query")
        return take(e.dnsQuestionName);
    if (name == "ProcessGuid")
        return take(e.processEntityId);
    if (name == "ParentProcessGuid")
        return take(e.parentEntityId);
    if (name == "ProcessId")
        return num(e.processPid);
    if (name == "ParentProcessId")
        return num(e.parentPid);
    if (name == "TargetImage")
        return take(e.targetExecutable);
    if (name == "ComputerName" || name == "Computer" || name == "Hostname")
        return take(e.hostName);
    return false;
}

bool scalarText(const Formats::element &v, std::string &out)
{
    std::string_view s;
    if (v.get(s) == simdjson::SUCCESS) {
        out.assign(s);
        return true;
    }
    if (v.is_number() || v.is_bool()) {
        Formats::assignScalar(out, v);
        return true;
    }
    Formats::array a;
    if (v.get(a) == simdjson::SUCCESS) {
        // A list of values (Zeek's answers): one line each, so contains and globs see them all.
        out.clear();
        for (const auto &item : a) {
            std::string one;
            if (scalarText(item, one)) {
                if (!out.empty())
                    out += '\n';
                out += one;
            }
        }
        return !out.empty();
    }
    return false;
}

class RecordSource : public FieldSource
{
    // A name the record does not hold as such: Defender's spaced names ("Threat Name" for
    // ThreatName), then the normalised event (Security 4688's NewProcessName as Image, …).
    bool windowsFallback(std::string_view name, std::string &out) const
    {
        if (m_defender && name.size() > 2 && name.find(' ') == std::string_view::npos) {
            std::string spaced;
            for (std::size_t i = 0; i < name.size(); ++i) {
                if (i > 0 && name[i] >= 'A' && name[i] <= 'Z' && name[i - 1] >= 'a'
                    && name[i - 1] <= 'z')
                    spaced += ' ';
                spaced += name[i];
            }
            if (spaced.size() != name.size() && m_windows->text(spaced, out))
                return true;
        }
        return fromEvent(m_event, name, out);
    }

public:
    RecordSource(Format f, const Formats::object &o, std::string_view text, const Event &e)
        : m_object(o)
        , m_text(text)
        , m_event(e)
        , m_windows(Formats::WindowsRecordFields::open(f, o))
        , m_zeek(f == Format::ZeekJson)
        , m_defender(m_windows && lower(m_windows->channel).find("defender") != std::string::npos)
    {}
    const Formats::WindowsRecordFields *windows() const { return m_windows.get(); }

    bool field(std::string_view name, std::string &out) const override
    {
        if (m_windows) {
            if (m_windows->text(name, out))
                return true;
            return windowsFallback(name, out);
        }
        if (m_zeek) {
            // Sigma's generic network names onto Zeek's.
            if (name == "src_ip")
                name = "id.orig_h";
            else if (name == "dst_ip")
                name = "id.resp_h";
            else if (name == "src_port")
                name = "id.orig_p";
            else if (name == "dst_port")
                name = "id.resp_p";
        }
        if (const auto v = Formats::pathElement(m_object, name); v && scalarText(*v, out))
            return true;
        return fromEvent(m_event, name, out);
    }

    bool
    enumerate(const std::function<void(std::string_view, std::string_view)> &take) const override
    {
        if (!m_windows || !m_windows->data)
            return false;
        std::string text;
        for (const auto &kv : *m_windows->data) {
            if (!scalarText(kv.value, text) || text == "-")
                continue; // "-" is Windows' "no value"
            take(kv.key, text);
        }
        return true;
    }

    bool derived(std::string_view name, std::string &out) const override
    {
        if (name == "EventID" || name == "Channel" || name == "Provider_Name" || name == "Computer")
            return m_windows->text(name, out);
        return windowsFallback(name, out);
    }

    std::string_view text() const override { return m_text; }

private:
    const Formats::object &m_object;
    std::string_view m_text;
    const Event &m_event;
    std::unique_ptr<Formats::WindowsRecordFields> m_windows;
    bool m_zeek;
    bool m_defender;
};

bool isWindows(Format f)
{
    return f == Format::WindowsHelk || f == Format::SentinelWindows || f == Format::Winlogbeat
           || f == Format::SigmaRegression;
}

} // namespace

std::unique_ptr<FieldSource>
recordFields(Format format, const Formats::object &o, std::string_view text, const Event &event)
{
    return std::make_unique<RecordSource>(format, o, text, event);
}

Detector::Detector(std::shared_ptr<const RuleSet> rules)
    : m_rules(std::move(rules))
{}

void Detector::detect(Format format,
                      const Formats::object &o,
                      std::string_view text,
                      const Event &event,
                      std::vector<const SigmaRule *> &hits) const
{
    hits.clear();
    if (!m_rules || m_rules->size() == 0)
        return;
    const RecordSource source(format, o, text, event);
    std::string product, service;
    std::vector<std::string> categories;
    if (isWindows(format)) {
        if (!source.windows())
            return;
        product = "windows";
        service = serviceOfChannel(source.windows()->channel);
        categoriesOf(service, source.windows()->eventId, categories);
    } else if (format == Format::ZeekJson) {
        product = "zeek";
        // The dataset is zeek.<stream>.
        service = event.dataset.starts_with("zeek.") ? event.dataset.substr(5) : event.dataset;
        if (service == "dns")
            categories.emplace_back("dns");
        else if (service == "conn")
            categories.emplace_back("firewall");
    } else {
        return; // no Sigma log source for this layout
    }
    hits.clear();
    std::string key = product;
    key += '|';
    key += service;
    for (const std::string &c : categories) {
        key += '|';
        key += c;
    }
    auto it = m_candidates.find(key);
    if (it == m_candidates.end()) {
        auto candidates = m_rules->candidates(product, service, categories);
        std::erase_if(candidates,
                      [this](const SigmaRule *r) { return r->severity < m_minSeverity; });
        it = m_candidates.emplace(key, indexOf(std::move(candidates))).first;
    }
    const Index &index = it->second;
    if (index.rules.empty())
        return;
    const EventView view(source);
    if (m_stamp.size() < index.rules.size())
        m_stamp.resize(index.rules.size(), 0);
    if (++m_event == 0) { // wrapped: forget every stamp
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        m_event = 1;
    }
    auto tryRule = [&](int r) {
        if (m_stamp[std::size_t(r)] == m_event)
            return; // reached through another gate already
        m_stamp[std::size_t(r)] = m_event;
        if (index.rules[std::size_t(r)]->matches(view))
            hits.push_back(index.rules[std::size_t(r)]);
    };
    for (const Index::Bucket &b : index.buckets) {
        const EventView::Value &v = view.get(b.field);
        if (!v.present)
            continue;
        std::string_view key = v.lower();
        if (b.mode == RuleGate::Substring) {
            // One pass over the value finds every rule whose literal it contains.
            int node = 0;
            for (const char ch : key) {
                const auto c = static_cast<unsigned char>(ch);
                for (;;) {
                    if (node == 0) {
                        node = b.root[c];
                        break;
                    }
                    const auto &next = b.automaton[std::size_t(node)].next;
                    const auto t = std::find_if(
                        next.begin(), next.end(), [c](const auto &x) { return x.first == c; });
                    if (t != next.end()) {
                        node = t->second;
                        break;
                    }
                    node = b.automaton[std::size_t(node)].fail;
                }
                for (const int r : b.automaton[std::size_t(node)].rules)
                    tryRule(r);
            }
            continue;
        }
        if (b.mode == RuleGate::Basename) {
            const std::size_t slash = key.rfind('\\');
            if (slash == std::string_view::npos)
                continue;
            key = key.substr(slash + 1);
        }
        const auto found = b.byValue.find(key);
        if (found == b.byValue.end())
            continue;
        for (const int r : found->second)
            tryRule(r);
    }
    for (const int r : index.ungated)
        tryRule(r);
}

Detector::Index Detector::indexOf(std::vector<const SigmaRule *> rules)
{
    Index index;
    index.rules = std::move(rules);
    for (std::size_t i = 0; i < index.rules.size(); ++i) {
        const SigmaRule &rule = *index.rules[i];
        if (rule.gates.empty()) {
            index.ungated.push_back(int(i));
            continue;
        }
        for (const RuleGate &g : rule.gates) {
            auto b = std::find_if(index.buckets.begin(), index.buckets.end(), [&](const auto &x) {
                return x.field == g.field && x.mode == g.mode;
            });
            if (b == index.buckets.end()) {
                Index::Bucket nb;
                nb.field = g.field;
                nb.mode = g.mode;
                index.buckets.push_back(std::move(nb));
                b = std::prev(index.buckets.end());
            }
            for (const std::string &v : g.values) {
                auto &list = b->byValue[v];
                if (list.empty() || list.back() != int(i))
                    list.push_back(int(i));
            }
        }
    }
    // The automata of the substring buckets: a trie of the values, failure links breadth-first,
    // and each node's rules merged with those of its failure node.
    for (Index::Bucket &b : index.buckets) {
        if (b.mode != RuleGate::Substring)
            continue;
        auto &nodes = b.automaton;
        nodes.assign(1, {});
        for (const auto &[value, rules] : b.byValue) {
            int node = 0;
            for (const char ch : value) {
                const auto c = static_cast<unsigned char>(ch);
                auto &next = nodes[std::size_t(node)].next;
                const auto t = std::find_if(
                    next.begin(), next.end(), [c](const auto &x) { return x.first == c; });
                if (t != next.end()) {
                    node = t->second;
                } else {
                    const int created = int(nodes.size());
                    nodes[std::size_t(node)].next.emplace_back(c, created);
                    nodes.emplace_back();
                    node = created;
                }
            }
            auto &out = nodes[std::size_t(node)].rules;
            out.insert(out.end(), rules.begin(), rules.end());
        }
        std::vector<int> queue;
        for (const auto &[c, child] : nodes[0].next)
            queue.push_back(child);
        for (std::size_t q = 0; q < queue.size(); ++q) {
            const int node = queue[q];
            for (const auto &[c, child] : nodes[std::size_t(node)].next) {
                int f = nodes[std::size_t(node)].fail;
                for (;;) {
                    const auto &next = nodes[std::size_t(f)].next;
                    const auto t = std::find_if(
                        next.begin(), next.end(), [c = c](const auto &x) { return x.first == c; });
                    if (t != next.end() && t->second != child) {
                        nodes[std::size_t(child)].fail = t->second;
                        break;
                    }
                    if (f == 0) {
                        nodes[std::size_t(child)].fail = 0;
                        break;
                    }
                    f = nodes[std::size_t(f)].fail;
                }
                const auto &inherited = nodes[std::size_t(nodes[std::size_t(child)].fail)].rules;
                auto &mine = nodes[std::size_t(child)].rules;
                mine.insert(mine.end(), inherited.begin(), inherited.end());
                queue.push_back(child);
            }
        }
        b.byValue.clear();
        b.root.assign(256, 0);
        for (const auto &[c, child] : nodes[0].next)
            b.root[c] = child;
    }
    return index;
}

Event Detector::alertFrom(const Event &source, const SigmaRule &rule)
{
    Event a = source;
    a.kind = EventKind::Alert;
    a.ruleId = rule.id;
    a.ruleName = rule.title;
    a.severity = rule.severity;
    a.techniqueIds.clear();
    for (const std::string &t : rule.techniques)
        appendListItem(a.techniqueIds, t);
    a.tacticIds.clear();
    const AttackCatalog &attack = AttackCatalog::instance();
    for (const std::string &t : rule.tactics) {
        // ATT&CK's id when the name is a tactic it knows; the name as written otherwise.
        const AttackTactic *tactic = attack.tactic(QString::fromStdString(t));
        appendListItem(a.tacticIds, tactic ? tactic->id.toStdString() : t);
    }
    return a;
}

std::uint64_t Detector::identityOf(std::uint64_t sourceIdentity, const SigmaRule &rule)
{
    const std::string key = "sigma:" + (rule.id.empty() ? rule.title : rule.id) + ':'
                            + std::to_string(sourceIdentity);
    return Importer::identityOf(key);
}

} // namespace Vigie::Detection

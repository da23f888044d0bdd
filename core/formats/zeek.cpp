// SPDX-License-Identifier: Apache-2.0
// Zeek logs, as JSON (one object per line, `@stream` or `_path` naming the log) or as the classic
// tab-separated files with a `#fields` header. Both map through ZeekFields.
#include "core/events/timestamp.h"
#include "normaliser.h"

#include <charconv>
#include <unordered_map>

namespace Vigie::Formats {

namespace {

class JsonZeekFields final : public ZeekFields
{
public:
    explicit JsonZeekFields(const object &o)
        : m_o(o)
    {}
    std::string_view text(std::string_view name) const override
    {
        // Zeek's JSON writer keeps "id.orig_h"; some shippers rename the dots to underscores.
        auto e = field(m_o, name);
        if (!e && name.find('.') != std::string_view::npos) {
            m_key.assign(name);
            for (char &c : m_key) {
                if (c == '.')
                    c = '_';
            }
            e = field(m_o, m_key);
        }
        if (!e)
            return {};
        if (e->is_string())
            return std::string_view(*e);
        if (e->is_array()) {
            // Multi-valued fields (dns answers, …): the first value.
            array a = *e;
            for (element v : a) {
                m_scratch.clear();
                appendScalar(m_scratch, v);
                return m_scratch;
            }
            return {};
        }
        m_scratch.clear();
        appendScalar(m_scratch, *e);
        return m_scratch;
    }

private:
    const object &m_o;
    mutable std::string m_scratch;
    mutable std::string m_key;
};

class TsvZeekFields final : public ZeekFields
{
public:
    TsvZeekFields(const ZeekTsvHeader &h, std::string_view line)
        : m_h(h)
    {
        std::size_t start = 0;
        while (start <= line.size()) {
            const auto end = line.find(h.separator, start);
            m_values.push_back(
                line.substr(start, end == std::string_view::npos ? line.npos : end - start));
            if (end == std::string_view::npos)
                break;
            start = end + 1;
        }
    }
    std::size_t columns() const { return m_values.size(); }
    std::string_view text(std::string_view name) const override
    {
        for (std::size_t i = 0; i < m_h.fields.size() && i < m_values.size(); ++i) {
            if (m_h.fields[i] == name) {
                const std::string_view v = m_values[i];
                if (v == m_h.unsetField || v == m_h.emptyField)
                    return {};
                // Sets and vectors are comma-separated: the first value.
                if (name == "answers" || name == "server_name")
                    return v.substr(0, v.find(','));
                return v;
            }
        }
        return {};
    }

private:
    const ZeekTsvHeader &m_h;
    std::vector<std::string_view> m_values;
};

} // namespace

bool normaliseZeek(const ZeekFields &f, std::string_view stream, Event &e, std::string &error)
{
    const std::string_view tsText = f.text("ts");
    const auto ts = parseTimestampUs(tsText);
    if (!ts) {
        error = tsText.empty() ? "no ts field" : "ts is not a time";
        return false;
    }
    e.timestampUs = *ts;
    e.dataset = "zeek.";
    e.dataset.append(stream.empty() ? std::string_view("unknown") : stream);
    e.type = stream;
    setIf(e.hostName, f.text("@system"));
    setIf(e.flowId, f.text("uid"));
    setIf(e.sourceIp, f.text("id.orig_h"));
    setPort(e.sourcePort, toInteger(f.text("id.orig_p")));
    setIf(e.destinationIp, f.text("id.resp_h"));
    setPort(e.destinationPort, toInteger(f.text("id.resp_p")));
    setIf(e.networkTransport, f.text("proto"));
    e.category = "network";
    if (stream == "dns") {
        setIf(e.dnsQuestionName, f.text("query"));
    } else if (stream == "http") {
        const std::string_view host = f.text("host");
        const std::string_view uri = f.text("uri");
        if (!host.empty()) {
            e.urlFull = "http://";
            e.urlFull.append(host).append(uri);
        } else {
            setIf(e.urlFull, uri);
        }
        setIf(e.action, f.text("method"));
    } else if (stream == "ssl") {
        setIf(e.dnsQuestionName, f.text("server_name"));
    } else if (stream == "files" || stream == "smb_files" || stream == "pe") {
        e.category = "file";
        setIf(e.filePath, f.text(stream == "smb_files" ? "path" : "filename"));
        if (stream == "smb_files") {
            const std::string_view name = f.text("name");
            if (!name.empty()) {
                if (!e.filePath.empty() && e.filePath.back() != '\\')
                    e.filePath.push_back('\\');
                e.filePath.append(name);
            }
        }
        setIf(e.fileHashSha256, f.text("sha256"));
        if (e.sourceIp.empty()) {
            setIf(e.sourceIp, f.text("tx_hosts"));
            setIf(e.destinationIp, f.text("rx_hosts"));
        }
    } else if (stream == "smb_mapping") {
        setIf(e.filePath, f.text("path"));
    } else if (stream == "kerberos") {
        e.category = "authentication";
        setIf(e.userName, f.text("client"));
        setIf(e.action, f.text("request_type"));
    } else if (stream == "notice") {
        // notice.log is Zeek's own alert stream.
        e.kind = EventKind::Alert;
        e.category = "intrusion_detection";
        setIf(e.ruleId, f.text("note"));
        setIf(e.ruleName, f.text("msg"));
        if (e.ruleName.empty())
            e.ruleName = e.ruleId;
        e.severity = Severity::Medium;
        if (e.sourceIp.empty())
            setIf(e.sourceIp, f.text("src"));
        if (e.destinationIp.empty())
            setIf(e.destinationIp, f.text("dst"));
    } else if (stream == "dce_rpc") {
        setIf(e.action, f.text("operation"));
    } else if (stream == "weird") {
        setIf(e.action, f.text("name"));
    }
    return true;
}

bool normaliseZeekJson(const object &o, Event &e, std::string &error)
{
    std::string_view stream = str(o, "@stream");
    if (stream.empty())
        stream = str(o, "_path");
    const JsonZeekFields f(o);
    return normaliseZeek(f, stream, e, error);
}

bool ZeekTsvHeader::readHeaderLine(std::string_view line)
{
    if (line.empty() || line.front() != '#')
        return false;
    if (line.starts_with("#separator")) {
        // "#separator \x09": the separator is given escaped.
        std::string_view v = line.substr(10);
        while (!v.empty() && v.front() == ' ')
            v.remove_prefix(1);
        if (v.starts_with("\\x") && v.size() >= 4) {
            int c = 0;
            std::from_chars(v.data() + 2, v.data() + 4, c, 16);
            separator = static_cast<char>(c);
        } else if (!v.empty()) {
            separator = v.front();
        }
        return true;
    }
    const auto sep = line.find(separator);
    const std::string_view key = line.substr(0, sep);
    const std::string_view rest
        = sep == std::string_view::npos ? std::string_view() : line.substr(sep + 1);
    if (key == "#fields") {
        fields.clear();
        std::size_t start = 0;
        while (start <= rest.size()) {
            const auto end = rest.find(separator, start);
            fields.emplace_back(
                rest.substr(start, end == std::string_view::npos ? rest.npos : end - start));
            if (end == std::string_view::npos)
                break;
            start = end + 1;
        }
    } else if (key == "#path") {
        path = rest;
    } else if (key == "#unset_field") {
        unsetField = rest;
    } else if (key == "#empty_field") {
        emptyField = rest;
    }
    return true;
}

bool normaliseZeekTsv(const ZeekTsvHeader &header,
                      std::string_view line,
                      Event &e,
                      std::string &error)
{
    e.clear();
    if (!header.valid()) {
        error = "Zeek log line before its #fields header";
        return false;
    }
    const TsvZeekFields f(header, line);
    if (f.columns() != header.fields.size()) {
        error = "expected " + std::to_string(header.fields.size()) + " columns, found "
                + std::to_string(f.columns());
        return false;
    }
    e.format = Format::ZeekTsv;
    return normaliseZeek(f, header.path, e, error);
}

} // namespace Vigie::Formats

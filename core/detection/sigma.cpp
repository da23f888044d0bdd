// SPDX-License-Identifier: Apache-2.0
#include "core/detection/sigma.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace Vigie::Detection {

namespace {

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = lowerAscii(c);
    return out;
}

// The pseudo-field holding the whole record (lower-case), for keyword gates.
constexpr std::string_view kRecordText = "\x01record";

// Wildcards inside a glob, as bytes that never occur in text values.
constexpr char kStar = '\x01';
constexpr char kOne = '\x02';

// Iterative glob match with backtracking to the last star: linear in practice, never exponential.
bool globMatch(std::string_view pattern, std::string_view text)
{
    std::size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == kOne || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == kStar) {
            starP = p++;
            starT = t;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == kStar)
        ++p;
    return p == pattern.size();
}

// --- values and their modifiers -------------------------------------------------------------

struct Cidr
{
    bool v6 = false;
    std::array<unsigned char, 16> addr{};
    int prefix = 0;
    bool contains(std::string_view ip) const
    {
        std::array<unsigned char, 16> a{};
        const std::string s(ip);
        if (!v6) {
            if (inet_pton(AF_INET, s.c_str(), a.data()) != 1)
                return false;
        } else if (inet_pton(AF_INET6, s.c_str(), a.data()) != 1) {
            return false;
        }
        const int bytes = prefix / 8;
        if (std::memcmp(a.data(), addr.data(), std::size_t(bytes)) != 0)
            return false;
        const int bits = prefix % 8;
        if (bits == 0)
            return true;
        const unsigned char mask = static_cast<unsigned char>(0xff << (8 - bits));
        return (a[std::size_t(bytes)] & mask) == (addr[std::size_t(bytes)] & mask);
    }
};

struct Pattern
{
    enum Kind {
        Equals,
        Contains,
        StartsWith,
        EndsWith,
        Glob,
        Regex,
        CidrMatch,
        Exists,
        Null,
        Numeric,
        FieldRef
    };
    Kind kind = Equals;
    bool cased = false;
    std::string text; // lower-case unless cased; for Glob with kStar/kOne
    std::shared_ptr<QRegularExpression> re;
    Cidr cidr;
    bool exists = true;
    char op = '>'; // Numeric: '>' gt, 'g' gte, '<' lt, 'l' lte
    bool opEq = false;
    double number = 0;
    int fieldRef = -1;
};

struct FieldMatcher
{
    std::string field;
    int id = -1;
    std::vector<Pattern> patterns;
    bool all = false;
};

struct Selection
{
    std::string name;
    // A map (all its fields must match), or a list of maps (any): alternatives of field lists.
    std::vector<std::vector<FieldMatcher>> alternatives;
    bool keywords = false;
    bool keywordsAll = false;
    std::vector<Pattern> words;
};

bool numberOf(std::string_view s, double &out)
{
    try {
        std::size_t used = 0;
        out = std::stod(std::string(s), &used);
        return used > 0;
    } catch (...) {
        return false;
    }
}

bool matchValue(const Pattern &p, const EventView::Value &v, const EventView &event)
{
    switch (p.kind) {
    case Pattern::Exists:
        return v.present == p.exists;
    case Pattern::Null:
        return !v.present || v.text.empty();
    default:
        break;
    }
    if (!v.present)
        return false;
    const std::string_view value = p.cased ? std::string_view(v.text) : std::string_view(v.lower());
    switch (p.kind) {
    case Pattern::Equals:
        return value == p.text;
    case Pattern::Contains:
        return value.find(p.text) != std::string_view::npos;
    case Pattern::StartsWith:
        return value.starts_with(p.text);
    case Pattern::EndsWith:
        return value.ends_with(p.text);
    case Pattern::Glob:
        return globMatch(p.text, value);
    case Pattern::Regex:
        return p.re->match(QString::fromUtf8(v.text.data(), qsizetype(v.text.size()))).hasMatch();
    case Pattern::CidrMatch:
        return p.cidr.contains(v.text);
    case Pattern::Numeric: {
        double n = 0;
        if (!numberOf(v.text, n))
            return false;
        switch (p.op) {
        case '>':
            return n > p.number;
        case 'g':
            return n >= p.number;
        case '<':
            return n < p.number;
        default:
            return n <= p.number;
        }
    }
    case Pattern::FieldRef: {
        const EventView::Value &other = event.get(p.fieldRef);
        return other.present && (p.cased ? other.text == v.text : other.lower() == v.lower());
    }
    default:
        return false;
    }
}

bool matchField(const FieldMatcher &f, const EventView &event)
{
    const EventView::Value &v = event.get(f.id);
    if (f.all) {
        for (const Pattern &p : f.patterns)
            if (!matchValue(p, v, event))
                return false;
        return true;
    }
    for (const Pattern &p : f.patterns)
        if (matchValue(p, v, event))
            return true;
    return false;
}

bool matchKeyword(const Pattern &p, const EventView &event)
{
    // Keywords search the whole record, in place (it is never copied per keyword).
    const std::string_view text = p.cased ? event.text() : std::string_view(event.lowerText());
    switch (p.kind) {
    case Pattern::Equals:
        return text == p.text;
    case Pattern::Contains:
        return text.find(p.text) != std::string_view::npos;
    case Pattern::StartsWith:
        return text.starts_with(p.text);
    case Pattern::EndsWith:
        return text.ends_with(p.text);
    case Pattern::Glob:
        return globMatch(p.text, text);
    case Pattern::Regex: {
        const std::string_view raw = event.text();
        return p.re->match(QString::fromUtf8(raw.data(), qsizetype(raw.size()))).hasMatch();
    }
    default:
        return false;
    }
}

bool matchSelection(const Selection &s, const EventView &event)
{
    if (s.keywords) {
        if (s.keywordsAll) {
            for (const Pattern &p : s.words)
                if (!matchKeyword(p, event))
                    return false;
            return !s.words.empty();
        }
        for (const Pattern &p : s.words)
            if (matchKeyword(p, event))
                return true;
        return false;
    }
    for (const auto &fields : s.alternatives) {
        bool ok = true;
        for (const FieldMatcher &f : fields) {
            if (!matchField(f, event)) {
                ok = false;
                break;
            }
        }
        if (ok)
            return true;
    }
    return false;
}

// --- building patterns ------------------------------------------------------------------------

struct Unsupported : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

std::string base64(std::string_view bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size())).toBase64().toStdString();
}

std::string utf16(std::string_view utf8, bool bigEndian, bool bom)
{
    const QString s = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    std::string out;
    if (bom)
        out += bigEndian ? "\xfe\xff" : "\xff\xfe";
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        const char lo = char(u & 0xff), hi = char(u >> 8);
        if (bigEndian) {
            out += hi;
            out += lo;
        } else {
            out += lo;
            out += hi;
        }
    }
    return out;
}

// The three base64 forms of `v` at any byte offset, without the characters that depend on the
// bytes around it (SigmaHQ's definition).
std::vector<std::string> base64Offsets(std::string_view v)
{
    std::vector<std::string> out;
    static const int starts[] = {0, 2, 3};
    static const int ends[] = {0, 3, 2};
    for (int i = 0; i < 3; ++i) {
        const std::string encoded = base64(std::string(std::size_t(i), ' ') + std::string(v));
        const int start = starts[i];
        const int cut = ends[(int(v.size()) + i) % 3];
        const int len = int(encoded.size()) - cut - start;
        if (len > 0)
            out.push_back(encoded.substr(std::size_t(start), std::size_t(len)));
    }
    return out;
}

// Command-line switches written with any of Windows' dashes: -, /, –, —, ―.
std::vector<std::string> windash(const std::string &v)
{
    static const char *const dashes[] = {"-", "/", "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x95"};
    std::vector<std::string> out;
    for (const char *d : dashes) {
        std::string r;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const bool wordStart = i == 0 || v[i - 1] == ' ';
            if ((v[i] == '-' || v[i] == '/') && wordStart)
                r += d;
            else
                r += v[i];
        }
        if (std::find(out.begin(), out.end(), r) == out.end())
            out.push_back(r);
    }
    return out;
}

// Sigma's escapes in plain values: \* \? \\ are literal; * and ? are wildcards; any other
// backslash is itself. Returns the text with wildcards as kStar/kOne, and whether it has any.
std::string globText(std::string_view v, bool &wild)
{
    std::string out;
    wild = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '\\' && i + 1 < v.size()
            && (v[i + 1] == '*' || v[i + 1] == '?' || v[i + 1] == '\\')) {
            out += v[++i];
        } else if (c == '*') {
            out += kStar;
            wild = true;
        } else if (c == '?') {
            out += kOne;
            wild = true;
        } else {
            out += c;
        }
    }
    return out;
}

Pattern textPattern(const std::string &value, const std::string &match, bool cased)
{
    bool wild = false;
    std::string g = globText(value, wild);
    if (!cased)
        for (char &c : g)
            c = lowerAscii(c);
    Pattern p;
    p.cased = cased;
    if (!wild) {
        p.text = g;
        p.kind = match == "contains"     ? Pattern::Contains
                 : match == "startswith" ? Pattern::StartsWith
                 : match == "endswith"   ? Pattern::EndsWith
                                         : Pattern::Equals;
        return p;
    }
    p.kind = Pattern::Glob;
    if (match == "contains" || match == "endswith")
        g.insert(g.begin(), kStar);
    if (match == "contains" || match == "startswith")
        g.push_back(kStar);
    p.text = g;
    return p;
}

// The text of a scalar YAML value; null becomes nullopt.
std::optional<std::string> scalarOf(const YAML::Node &n)
{
    if (!n || n.IsNull())
        return std::nullopt;
    if (!n.IsScalar())
        throw Unsupported("a value that is not a scalar");
    return n.Scalar();
}

FieldMatcher compileField(const std::string &key, const YAML::Node &value)
{
    FieldMatcher f;
    std::vector<std::string> mods;
    {
        std::size_t start = 0;
        std::size_t bar = key.find('|');
        f.field = key.substr(0, bar);
        while (bar != std::string::npos) {
            start = bar + 1;
            bar = key.find('|', start);
            mods.push_back(
                key.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
        }
    }
    std::vector<std::optional<std::string>> values;
    if (value.IsSequence()) {
        for (const auto &v : value)
            values.push_back(scalarOf(v));
    } else {
        values.push_back(scalarOf(value));
    }
    std::string match;
    bool cased = false;
    std::vector<std::string> transforms;
    std::string reFlags;
    for (const std::string &m : mods) {
        if (m == "all")
            f.all = true;
        else if (m == "contains" || m == "startswith" || m == "endswith" || m == "re" || m == "cidr"
                 || m == "exists" || m == "gt" || m == "gte" || m == "lt" || m == "lte"
                 || m == "fieldref")
            match = m;
        else if (m == "cased")
            cased = true;
        else if (m == "i" || m == "m" || m == "s")
            reFlags += m;
        else if (m == "base64" || m == "base64offset" || m == "wide" || m == "utf16le"
                 || m == "utf16be" || m == "utf16" || m == "windash")
            transforms.push_back(m);
        else
            throw Unsupported("the modifier '" + m + "'");
    }
    for (const auto &value : values) {
        if (!value) {
            Pattern p;
            p.kind = Pattern::Null;
            f.patterns.push_back(p);
            continue;
        }
        if (match == "exists") {
            Pattern p;
            p.kind = Pattern::Exists;
            p.exists = lowered(*value) == "true" || lowered(*value) == "yes";
            f.patterns.push_back(p);
            continue;
        }
        if (match == "gt" || match == "gte" || match == "lt" || match == "lte") {
            Pattern p;
            p.kind = Pattern::Numeric;
            p.op = match == "gt" ? '>' : match == "gte" ? 'g' : match == "lt" ? '<' : 'l';
            if (!numberOf(*value, p.number))
                throw Unsupported("a comparison with something that is not a number");
            f.patterns.push_back(p);
            continue;
        }
        if (match == "cidr") {
            Pattern p;
            p.kind = Pattern::CidrMatch;
            const std::size_t slash = value->find('/');
            const std::string ip = value->substr(0, slash);
            p.cidr.v6 = ip.find(':') != std::string::npos;
            if (inet_pton(p.cidr.v6 ? AF_INET6 : AF_INET, ip.c_str(), p.cidr.addr.data()) != 1)
                throw Unsupported("a CIDR that is not an address: " + *value);
            p.cidr.prefix = slash == std::string::npos ? (p.cidr.v6 ? 128 : 32)
                                                       : std::atoi(value->c_str() + slash + 1);
            f.patterns.push_back(p);
            continue;
        }
        if (match == "fieldref") {
            Pattern p;
            p.kind = Pattern::FieldRef;
            p.cased = cased;
            p.text = *value;
            p.fieldRef = fieldId(*value);
            f.patterns.push_back(p);
            continue;
        }
        if (match == "re") {
            Pattern p;
            p.kind = Pattern::Regex;
            QRegularExpression::PatternOptions o = QRegularExpression::NoPatternOption;
            if (reFlags.find('i') != std::string::npos)
                o |= QRegularExpression::CaseInsensitiveOption;
            if (reFlags.find('m') != std::string::npos)
                o |= QRegularExpression::MultilineOption;
            if (reFlags.find('s') != std::string::npos)
                o |= QRegularExpression::DotMatchesEverythingOption;
            p.re = std::make_shared<QRegularExpression>(QString::fromStdString(*value), o);
            if (!p.re->isValid())
                throw Unsupported("an invalid regular expression: "
                                  + p.re->errorString().toStdString());
            // PCRE2 bounds its own work (match limit): a pathological pattern fails, never hangs.
            p.re->optimize();
            f.patterns.push_back(p);
            continue;
        }
        // Text: the transforms make variants of the value, then the match mode applies to each.
        std::vector<std::string> variants{*value};
        bool encoded = false;
        for (const std::string &t : transforms) {
            std::vector<std::string> next;
            for (const std::string &v : variants) {
                if (t == "windash") {
                    for (auto &w : windash(v))
                        next.push_back(w);
                } else if (t == "wide" || t == "utf16le") {
                    next.push_back(utf16(v, false, false));
                } else if (t == "utf16be") {
                    next.push_back(utf16(v, true, false));
                } else if (t == "utf16") {
                    next.push_back(utf16(v, false, true));
                } else if (t == "base64") {
                    next.push_back(base64(v));
                    encoded = true;
                } else if (t == "base64offset") {
                    for (auto &b : base64Offsets(v))
                        next.push_back(b);
                    encoded = true;
                }
            }
            variants = std::move(next);
        }
        for (const std::string &v : variants) {
            // An encoded value is matched as it is: its '*' or '?' are not wildcards.
            if (encoded) {
                Pattern p;
                p.cased = true; // base64 is case-sensitive
                p.text = v;
                p.kind = match == "contains"     ? Pattern::Contains
                         : match == "startswith" ? Pattern::StartsWith
                         : match == "endswith"   ? Pattern::EndsWith
                                                 : Pattern::Equals;
                f.patterns.push_back(p);
            } else {
                f.patterns.push_back(textPattern(v, match, cased));
            }
        }
    }
    if (f.patterns.empty())
        throw Unsupported("a field with no value: " + key);
    f.id = fieldId(f.field);
    return f;
}

Selection compileSelection(const std::string &name, const YAML::Node &node)
{
    Selection s;
    s.name = name;
    auto mapFields = [](const YAML::Node &map) {
        std::vector<FieldMatcher> fields;
        for (const auto &kv : map)
            fields.push_back(compileField(kv.first.as<std::string>(), kv.second));
        return fields;
    };
    if (node.IsMap()) {
        // A map whose only key starts with '|' holds keywords with modifiers.
        if (node.size() == 1 && node.begin()->first.as<std::string>().starts_with('|')) {
            FieldMatcher f
                = compileField(node.begin()->first.as<std::string>(), node.begin()->second);
            s.keywords = true;
            s.keywordsAll = f.all;
            s.words = f.patterns;
            return s;
        }
        s.alternatives.push_back(mapFields(node));
    } else if (node.IsSequence()) {
        bool maps = false, scalars = false;
        for (const auto &item : node) {
            maps = maps || item.IsMap();
            scalars = scalars || item.IsScalar();
        }
        if (maps && scalars)
            throw Unsupported("a selection mixing maps and keywords");
        if (maps) {
            for (const auto &item : node)
                s.alternatives.push_back(mapFields(item));
        } else {
            s.keywords = true;
            for (const auto &item : node) {
                // Keywords are contained anywhere in the record.
                s.words.push_back(textPattern(item.Scalar(), "contains", false));
            }
        }
    } else if (node.IsScalar()) {
        s.keywords = true;
        s.words.push_back(textPattern(node.Scalar(), "contains", false));
    } else {
        throw Unsupported("an empty selection: " + name);
    }
    return s;
}

} // namespace

// --- conditions -------------------------------------------------------------------------------

struct Node
{
    enum Kind { And, Or, Not, Sel, AnyOf, AllOf };
    Kind kind = Sel;
    std::vector<std::shared_ptr<const Node>> children;
    std::vector<std::shared_ptr<const Selection>> selections; // Sel: one; AnyOf/AllOf: the set
    bool eval(const EventView &event) const
    {
        switch (kind) {
        case And:
            for (const auto &c : children)
                if (!c->eval(event))
                    return false;
            return true;
        case Or:
            for (const auto &c : children)
                if (c->eval(event))
                    return true;
            return false;
        case Not:
            return !children.front()->eval(event);
        case Sel:
            return matchSelection(*selections.front(), event);
        case AnyOf:
            for (const auto &s : selections)
                if (matchSelection(*s, event))
                    return true;
            return false;
        case AllOf:
            for (const auto &s : selections)
                if (!matchSelection(*s, event))
                    return false;
            return !selections.empty();
        }
        return false;
    }
};

namespace {

class ConditionParser
{
public:
    ConditionParser(const std::string &text,
                    const std::map<std::string, std::shared_ptr<const Selection>> &selections)
        : m_selections(selections)
    {
        // Words and parentheses.
        std::string cur;
        for (const char c : text) {
            if (c == '(' || c == ')') {
                if (!cur.empty())
                    m_tokens.push_back(cur);
                cur.clear();
                m_tokens.push_back(std::string(1, c));
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!cur.empty())
                    m_tokens.push_back(cur);
                cur.clear();
            } else if (c == '|') {
                throw Unsupported("an aggregation in the condition ('|')");
            } else {
                cur += c;
            }
        }
        if (!cur.empty())
            m_tokens.push_back(cur);
    }

    std::shared_ptr<const Node> parse()
    {
        auto n = parseOr();
        if (m_pos != m_tokens.size())
            throw Unsupported("unexpected '" + m_tokens[m_pos] + "' in the condition");
        return n;
    }

private:
    bool peek(const char *word) const
    {
        return m_pos < m_tokens.size() && lowered(m_tokens[m_pos]) == word;
    }
    std::shared_ptr<const Node> parseOr()
    {
        auto left = parseAnd();
        if (!peek("or"))
            return left;
        auto n = std::make_shared<Node>();
        n->kind = Node::Or;
        n->children.push_back(left);
        while (peek("or")) {
            ++m_pos;
            n->children.push_back(parseAnd());
        }
        return n;
    }
    std::shared_ptr<const Node> parseAnd()
    {
        auto left = parseNot();
        if (!peek("and"))
            return left;
        auto n = std::make_shared<Node>();
        n->kind = Node::And;
        n->children.push_back(left);
        while (peek("and")) {
            ++m_pos;
            n->children.push_back(parseNot());
        }
        return n;
    }
    std::shared_ptr<const Node> parseNot()
    {
        if (peek("not")) {
            ++m_pos;
            auto n = std::make_shared<Node>();
            n->kind = Node::Not;
            n->children.push_back(parseNot());
            return n;
        }
        return parseAtom();
    }
    std::shared_ptr<const Node> parseAtom()
    {
        if (m_pos >= m_tokens.size())
            throw Unsupported("the condition ends too early");
        const std::string tok = m_tokens[m_pos++];
        if (tok == "(") {
            auto n = parseOr();
            if (m_pos >= m_tokens.size() || m_tokens[m_pos] != ")")
                throw Unsupported("a parenthesis is not closed in the condition");
            ++m_pos;
            return n;
        }
        const std::string low = lowered(tok);
        if ((low == "1" || low == "any" || low == "all") && peek("of")) {
            ++m_pos;
            if (m_pos >= m_tokens.size())
                throw Unsupported("'of' without a name");
            const std::string target = m_tokens[m_pos++];
            auto n = std::make_shared<Node>();
            n->kind = low == "all" ? Node::AllOf : Node::AnyOf;
            if (lowered(target) == "them") {
                // "them": every selection whose name does not start with an underscore.
                for (const auto &[name, sel] : m_selections)
                    if (!name.starts_with('_'))
                        n->selections.push_back(sel);
            } else {
                bool wild = false;
                const std::string g = globText(target, wild);
                for (const auto &[name, sel] : m_selections)
                    if (globMatch(g, name))
                        n->selections.push_back(sel);
            }
            if (n->selections.empty())
                throw Unsupported("'" + target + "' names no selection");
            return n;
        }
        if (std::isdigit(static_cast<unsigned char>(tok[0])) && peek("of"))
            throw Unsupported("'" + tok + " of' (only 1 of and all of)");
        const auto it = m_selections.find(tok);
        if (it == m_selections.end())
            throw Unsupported("the condition names '" + tok + "', which the detection lacks");
        auto n = std::make_shared<Node>();
        n->kind = Node::Sel;
        n->selections.push_back(it->second);
        return n;
    }

    const std::map<std::string, std::shared_ptr<const Selection>> &m_selections;
    std::vector<std::string> m_tokens;
    std::size_t m_pos = 0;
};

// The selections that must all match for `n` to be true (an and-chain of them).
void requiredSelections(const Node &n, std::vector<const Selection *> &out)
{
    switch (n.kind) {
    case Node::Sel:
        out.push_back(n.selections.front().get());
        break;
    case Node::And:
        for (const auto &c : n.children)
            requiredSelections(*c, out);
        break;
    case Node::AllOf:
        for (const auto &sel : n.selections)
            out.push_back(sel.get());
        break;
    case Node::AnyOf:
        if (n.selections.size() == 1)
            out.push_back(n.selections.front().get());
        break;
    default:
        break; // or, not: nothing is required
    }
}

// The gate one field matcher offers, if any: its patterns all exact (Exact), all endswith a file
// name (Basename), or all with a literal part every match contains (Substring).
// The longest run of `p`'s text without wildcards, lower-case: any match of `p` contains it.
std::string literalOf(const Pattern &p)
{
    std::string best, run;
    for (const char c : p.text + kStar) {
        if (c == kStar || c == kOne) {
            if (run.size() > best.size())
                best = run;
            run.clear();
        } else {
            run += lowerAscii(c);
        }
    }
    return best;
}

bool literalKind(const Pattern &p)
{
    return p.kind == Pattern::Equals || p.kind == Pattern::Contains || p.kind == Pattern::StartsWith
           || p.kind == Pattern::EndsWith || p.kind == Pattern::Glob;
}

std::optional<RuleGate> fieldGate(const FieldMatcher &f)
{
    if (f.patterns.empty())
        return std::nullopt;
    RuleGate g;
    g.field = f.id;
    if (f.all) {
        // Every value must be there: the longest one alone is a necessary condition.
        std::string best;
        for (const Pattern &p : f.patterns) {
            if (!literalKind(p))
                continue;
            std::string l = literalOf(p);
            if (l.size() > best.size())
                best = std::move(l);
        }
        if (best.empty())
            return std::nullopt;
        g.mode = RuleGate::Substring;
        g.values.push_back(best);
        return g;
    }
    bool equals = true, names = true, literal = true;
    for (const Pattern &p : f.patterns) {
        equals = equals && p.kind == Pattern::Equals && !p.cased;
        names = names && p.kind == Pattern::EndsWith && !p.cased && p.text.size() > 1
                && p.text[0] == '\\' && p.text.find('\\', 1) == std::string::npos;
        literal = literal
                  && (p.kind == Pattern::Equals || p.kind == Pattern::Contains
                      || p.kind == Pattern::StartsWith || p.kind == Pattern::EndsWith
                      || p.kind == Pattern::Glob);
    }
    if (equals) {
        g.mode = RuleGate::Exact;
        for (const Pattern &p : f.patterns)
            g.values.push_back(p.text);
        return g;
    }
    if (names) {
        g.mode = RuleGate::Basename;
        for (const Pattern &p : f.patterns)
            g.values.push_back(p.text.substr(1));
        return g;
    }
    if (!literal)
        return std::nullopt;
    g.mode = RuleGate::Substring;
    for (const Pattern &p : f.patterns) {
        std::string best = literalOf(p);
        if (best.empty())
            return std::nullopt; // a pattern of wildcards only: no literal to look for
        g.values.push_back(std::move(best));
    }
    return g;
}

// A gate for one alternative of a selection: the best its fields offer.
std::optional<RuleGate> gateOf(const std::vector<FieldMatcher> &fields)
{
    std::optional<RuleGate> best;
    auto shortest = [](const RuleGate &g) {
        std::size_t n = std::string::npos;
        for (const auto &v : g.values)
            n = std::min(n, v.size());
        return n;
    };
    for (const FieldMatcher &f : fields) {
        auto g = fieldGate(f);
        if (!g)
            continue;
        if (!best || g->mode < best->mode
            || (g->mode == best->mode && shortest(*g) > shortest(*best)))
            best = std::move(g);
    }
    return best;
}

std::vector<RuleGate> gatesOf(const Node &condition)
{
    std::vector<const Selection *> required;
    requiredSelections(condition, required);
    for (const Selection *sel : required) {
        if (sel->keywords) {
            // Keywords are looked for in the whole record: one automaton pass over it finds them.
            if (sel->keywordsAll || sel->words.empty())
                continue;
            RuleGate g;
            g.field = fieldId(kRecordText);
            g.mode = RuleGate::Substring;
            for (const Pattern &p : sel->words) {
                std::string l = literalKind(p) && !p.cased ? literalOf(p) : std::string();
                if (l.empty()) {
                    g.values.clear();
                    break;
                }
                // The gate reads the record as it is stored, JSON-escaped: "C:\\x" there.
                std::string escaped;
                for (const char c : l) {
                    if (c == '\\' || c == '"')
                        escaped += '\\';
                    escaped += c;
                }
                g.values.push_back(std::move(escaped));
            }
            if (!g.values.empty())
                return {g};
            continue;
        }
        if (sel->alternatives.empty())
            continue;
        std::vector<RuleGate> gates;
        for (const auto &alternative : sel->alternatives) {
            auto g = gateOf(alternative);
            if (!g) {
                gates.clear();
                break;
            }
            gates.push_back(std::move(*g));
        }
        if (!gates.empty())
            return gates;
    }
    return {};
}

std::vector<std::string> stringsOf(const YAML::Node &n)
{
    std::vector<std::string> out;
    if (n && n.IsSequence()) {
        for (const auto &v : n)
            if (v.IsScalar())
                out.push_back(v.Scalar());
    } else if (n && n.IsScalar()) {
        out.push_back(n.Scalar());
    }
    return out;
}

} // namespace

int severityOfLevel(std::string_view level)
{
    const std::string l = lowered(level);
    if (l == "critical")
        return 99;
    if (l == "high")
        return 73;
    if (l == "medium")
        return 47;
    if (l == "low")
        return 21;
    return 10; // informational
}

namespace {

struct FieldRegistry
{
    std::mutex mutex;
    std::map<std::string, int, std::less<>> ids;
    std::vector<std::string> names;
    std::atomic<int> generation{0}; // bumped by every new name
};

FieldRegistry &registry()
{
    static FieldRegistry r;
    return r;
}

struct StringHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

} // namespace

int fieldId(std::string_view name)
{
    FieldRegistry &r = registry();
    const std::lock_guard lock(r.mutex);
    if (const auto it = r.ids.find(name); it != r.ids.end())
        return it->second;
    const int id = int(r.names.size());
    r.names.emplace_back(name);
    r.ids.emplace(std::string(name), id);
    r.generation.fetch_add(1);
    return id;
}

int knownFieldId(std::string_view name)
{
    // Asked for every key of every record: each thread keeps its own answers (no lock, no
    // allocation), forgotten whenever a rule set brings new names.
    FieldRegistry &r = registry();
    thread_local std::unordered_map<std::string, int, StringHash, std::equal_to<>> cache;
    thread_local int seen = -1;
    const int generation = r.generation.load(std::memory_order_acquire);
    if (generation != seen) {
        cache.clear();
        seen = generation;
    }
    if (const auto it = cache.find(name); it != cache.end())
        return it->second;
    int id = -1;
    {
        const std::lock_guard lock(r.mutex);
        if (const auto it = r.ids.find(name); it != r.ids.end())
            id = it->second;
    }
    if (cache.size() < 100000)
        cache.emplace(std::string(name), id);
    return id;
}

const std::string &fieldName(int id)
{
    // A per-thread copy of the names, refreshed when a rule set adds some: no lock per lookup.
    FieldRegistry &r = registry();
    thread_local std::vector<std::string> names;
    thread_local int seen = -1;
    const int generation = r.generation.load(std::memory_order_acquire);
    if (generation != seen || id >= int(names.size())) {
        const std::lock_guard lock(r.mutex);
        names = r.names;
        seen = r.generation.load();
    }
    static const std::string none;
    return id >= 0 && id < int(names.size()) ? names[std::size_t(id)] : none;
}

EventView::EventView(const FieldSource &source)
    : m_source(source)
{
    // One walk over the record's fields beats a search per field that rules ask for: most are
    // absent, and a miss searches the whole record.
    m_complete = source.enumerate([this](std::string_view name, std::string_view value) {
        const int id = knownFieldId(name);
        if (id < 0)
            return;
        if (std::size_t(id) >= m_slot.size())
            m_slot.resize(std::size_t(id) + 64, -1);
        if (m_slot[std::size_t(id)] >= 0)
            return;
        Value v;
        v.present = true;
        v.text.assign(value);
        m_slot[std::size_t(id)] = int(m_values.size());
        m_values.push_back(std::move(v));
    });
}

const EventView::Value &EventView::get(int id) const
{
    if (id < 0) {
        static const Value absent;
        return absent;
    }
    if (std::size_t(id) >= m_slot.size())
        m_slot.resize(std::size_t(id) + 64, -1);
    int &slot = m_slot[std::size_t(id)];
    if (slot < 0 && fieldName(id) == kRecordText) {
        // The record lower-cased as stored (a branch-free loop the compiler vectorises); the
        // keyword gates look for their JSON-escaped literals in it.
        Value v;
        v.present = true;
        const std::string_view t = m_source.text();
        std::string lower(t.size(), '\0');
        const char *in = t.data();
        char *out = lower.data();
        for (std::size_t i = 0; i < t.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(in[i]);
            out[i] = static_cast<char>(c + ((unsigned char)(c - 'A') < 26u ? 32 : 0));
        }
        v.setLower(std::move(lower));
        slot = int(m_values.size());
        m_values.push_back(std::move(v));
    }
    if (slot < 0) {
        Value v;
        const std::string &name = fieldName(id);
        v.present = m_complete ? m_source.derived(name, v.text) : m_source.field(name, v.text);
        slot = int(m_values.size());
        m_values.push_back(std::move(v));
    }
    return m_values[std::size_t(slot)];
}

const std::string &EventView::lowerText() const
{
    if (!m_haveText) {
        // JSON escapes a backslash; keywords are written as the value reads ("C:\Windows").
        std::string_view t = m_source.text();
        m_lowerText.reserve(t.size());
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '\\')
                ++i;
            m_lowerText += lowerAscii(t[i]);
        }
        m_haveText = true;
    }
    return m_lowerText;
}

bool SigmaRule::matches(const EventView &event) const
{
    return condition && condition->eval(event);
}

namespace {

// A YAML syntax error, with its place (line and column from 1).
struct YamlError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// The YAML documents of `text`, read by libyaml's event parser (non-recursive, fuzzed for years
// by OSS-Fuzz) into yaml-cpp nodes, which the rule compiler walks. yaml-cpp 0.7's own parser
// loops for ever on some malformed documents (four were found by fuzz_sigma), so it is not used
// to read. As yaml-cpp does: untagged plain "~", "null", "Null", "NULL" and empty values are null;
// a repeated key keeps its first value for lookups. Aliases are shared, not copied; an alias may
// only name a node already complete (no cycles). yaml-cpp merges a child's node set into its
// parent's on every insertion, so an alias costs a copy of the document so far: aliases, nodes
// and nesting are bounded to keep a hostile file from making loading (or the rule compiled from
// it, through aliases repeated) quadratic or deep. The largest SigmaHQ rule has under 5,000
// nodes and no alias.
std::vector<YAML::Node> loadYamlDocuments(std::string_view text)
{
    constexpr std::size_t kMaxDepth = 64;
    constexpr int kMaxAliases = 16;
    constexpr int kMaxNodes = 100000;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        throw std::bad_alloc();
    const std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t *)> parserGuard(&parser,
                                                                                yaml_parser_delete);
    yaml_parser_set_input_string(
        &parser, reinterpret_cast<const unsigned char *>(text.data()), text.size());
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    struct Frame
    {
        YAML::Node node;
        std::string anchor;
        YAML::Node key;
        bool haveKey = false;
    };
    std::vector<YAML::Node> docs;
    std::vector<Frame> stack;
    std::map<std::string, YAML::Node, std::less<>> anchors;
    int aliases = 0;
    auto setAnchor = [&](const std::string &name, const YAML::Node &n) {
        anchors.erase(name); // a later anchor of the same name wins; never assigned through
        anchors.emplace(name, n);
    };
    auto place = [](const yaml_mark_t &m) {
        return "line " + std::to_string(m.line + 1) + ", column " + std::to_string(m.column + 1);
    };
    auto attach = [&](const YAML::Node &n) {
        if (stack.empty()) {
            docs.push_back(n);
            return;
        }
        Frame &f = stack.back();
        if (f.node.IsSequence()) {
            f.node.push_back(n);
        } else if (!f.haveKey) {
            f.key.reset(n); // not `=`: a yaml-cpp assignment rewrites the node assigned to
            f.haveKey = true;
        } else {
            f.node.force_insert(f.key, n);
            f.haveKey = false;
        }
    };
    auto anchorOf = [](const yaml_char_t *a) {
        return a ? std::string(reinterpret_cast<const char *>(a)) : std::string();
    };
    int nodes = 0;
    auto counted = [&](const yaml_mark_t &at) {
        if (++nodes > kMaxNodes)
            throw YamlError("more than " + std::to_string(kMaxNodes) + " values (at " + place(at)
                            + ')');
    };
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (parser.error == YAML_MEMORY_ERROR)
                throw std::bad_alloc();
            // A reader error (bad encoding) has an offset, not a line.
            const std::string where = parser.error == YAML_READER_ERROR
                                          ? "byte " + std::to_string(parser.problem_offset)
                                          : place(parser.problem_mark);
            throw YamlError(std::string(parser.problem ? parser.problem : "malformed YAML") + " at "
                            + where
                            + (parser.context ? std::string(" (") + parser.context + " at "
                                                    + place(parser.context_mark) + ')'
                                              : std::string()));
        }
        const std::unique_ptr<yaml_event_t, void (*)(yaml_event_t *)> eventGuard(&ev,
                                                                                 yaml_event_delete);
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            return docs;
        case YAML_DOCUMENT_START_EVENT:
            anchors.clear();
            break;
        case YAML_ALIAS_EVENT: {
            const std::string name = anchorOf(ev.data.alias.anchor);
            const auto it = anchors.find(name);
            if (it == anchors.end())
                throw YamlError("an alias to an unknown or unfinished anchor (*" + name + ") at "
                                + place(ev.start_mark));
            if (++aliases > kMaxAliases)
                throw YamlError("more than " + std::to_string(kMaxAliases) + " aliases (at "
                                + place(ev.start_mark) + ')');
            attach(it->second);
            break;
        }
        case YAML_SCALAR_EVENT: {
            const std::string value(reinterpret_cast<const char *>(ev.data.scalar.value),
                                    ev.data.scalar.length);
            counted(ev.start_mark);
            const bool null = !ev.data.scalar.tag && ev.data.scalar.plain_implicit
                              && ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE
                              && (value.empty() || value == "~" || value == "null"
                                  || value == "Null" || value == "NULL");
            YAML::Node n = null ? YAML::Node(YAML::NodeType::Null) : YAML::Node(value);
            if (ev.data.scalar.anchor)
                setAnchor(anchorOf(ev.data.scalar.anchor), n);
            attach(n);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            counted(ev.start_mark);
            if (stack.size() >= kMaxDepth)
                throw YamlError("collections nested more than " + std::to_string(kMaxDepth)
                                + " deep at " + place(ev.start_mark));
            const bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
            stack.push_back(
                Frame{YAML::Node(seq ? YAML::NodeType::Sequence : YAML::NodeType::Map),
                      anchorOf(seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor),
                      YAML::Node(),
                      false});
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            Frame f = std::move(stack.back());
            stack.pop_back();
            if (!f.anchor.empty())
                setAnchor(f.anchor, f.node); // complete only now: an alias inside it fails
            attach(f.node);
            break;
        }
        default:
            break;
        }
    }
}

// A Sigma rule is a block mapping, so every document must begin with a key: anything else is
// refused with its line before it is parsed (such documents, a ',' at the top level for one, are
// where yaml-cpp 0.7's parser looped for ever). Returns the 1-based line of the first offending
// document, or 0.
int documentNotStartingWithAKey(std::string_view yaml)
{
    bool expectKey = true; // at the start of a document
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos <= yaml.size()) {
        const std::size_t eol = std::min(yaml.find('\n', pos), yaml.size());
        std::string_view line = yaml.substr(pos, eol - pos);
        pos = eol + 1;
        ++lineNo;
        if (line.starts_with("---")
            && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r')) {
            expectKey = true;
            line.remove_prefix(3);
        } else if (line.starts_with("...")
                   && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r')) {
            expectKey = true;
            continue;
        } else if (expectKey && line.starts_with('%')) {
            continue; // a directive
        }
        if (!expectKey)
            continue;
        while (!line.empty()
               && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r'))
            line.remove_prefix(1);
        if (line.empty() || line.front() == '#')
            continue;
        const auto c = static_cast<unsigned char>(line.front());
        const bool keyStart = std::isalnum(c) || c == '_' || c == '"' || c == '\'' || c >= 0x80;
        if (!keyStart)
            return lineNo;
        // "key:" — a quoted key must be followed by its colon ("'',x" hangs yaml-cpp too), a
        // plain one must have one (then a space or the line's end).
        std::size_t colon = std::string_view::npos;
        if (c == '"' || c == '\'') {
            std::size_t i = 1;
            while (i < line.size()) {
                if (c == '"' && line[i] == '\\') {
                    i += 2;
                    continue;
                }
                if (line[i] == char(c)) {
                    if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
                        i += 2; // '' inside single quotes
                        continue;
                    }
                    break;
                }
                ++i;
            }
            std::size_t j = i + 1;
            while (j < line.size() && (line[j] == ' ' || line[j] == '\t'))
                ++j;
            if (i < line.size() && j < line.size() && line[j] == ':')
                colon = j;
        } else {
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (line[i] == ':'
                    && (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t'
                        || line[i + 1] == '\r')) {
                    colon = i;
                    break;
                }
            }
        }
        if (colon == std::string_view::npos)
            return lineNo;
        expectKey = false;
    }
    return 0;
}

} // namespace

std::unique_ptr<SigmaRule>
parseSigmaRule(std::string_view yaml, const std::string &path, std::string &error)
{
    // YAML allows no C0 control character but tab, line feed and carriage return (YAML 1.2, 5.1);
    // they are refused with their offset.
    for (std::size_t i = 0; i < yaml.size(); ++i) {
        const auto c = static_cast<unsigned char>(yaml[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
            error = "not a Sigma rule: a control character (byte " + std::to_string(c)
                    + ") at offset " + std::to_string(i);
            return nullptr;
        }
    }
    if (const int line = documentNotStartingWithAKey(yaml)) {
        error = "not a Sigma rule: the YAML document at line " + std::to_string(line)
                + " does not begin with a key";
        return nullptr;
    }
    try {
        const std::vector<YAML::Node> docs = loadYamlDocuments(yaml);
        if (docs.empty() || !docs.front().IsMap()) {
            error = "not a Sigma rule (no YAML map)";
            return nullptr;
        }
        if (docs.size() > 1)
            throw Unsupported("a rule collection (several YAML documents)");
        const YAML::Node &doc = docs.front();
        if (doc["correlation"])
            throw Unsupported("a correlation rule");
        auto rule = std::make_unique<SigmaRule>();
        rule->path = path;
        rule->id = doc["id"] ? doc["id"].as<std::string>() : std::string();
        rule->title = doc["title"] ? doc["title"].as<std::string>() : std::string();
        if (rule->title.empty())
            throw Unsupported("a rule without a title");
        rule->level = doc["level"] ? doc["level"].as<std::string>() : std::string("medium");
        rule->status = doc["status"] ? doc["status"].as<std::string>() : std::string();
        rule->description
            = doc["description"] ? doc["description"].as<std::string>() : std::string();
        rule->author = doc["author"] ? doc["author"].as<std::string>() : std::string();
        rule->severity = severityOfLevel(rule->level);
        rule->tags = stringsOf(doc["tags"]);
        rule->references = stringsOf(doc["references"]);
        rule->falsePositives = stringsOf(doc["falsepositives"]);
        for (const std::string &tag : rule->tags) {
            const std::string t = lowered(tag);
            if (!t.starts_with("attack."))
                continue;
            const std::string rest = t.substr(7);
            if (rest.size() >= 5 && rest[0] == 't'
                && std::isdigit(static_cast<unsigned char>(rest[1]))) {
                std::string id = rest;
                id[0] = 'T';
                rule->techniques.push_back(id);
            } else if (!(rest.size() >= 2 && (rest[0] == 'g' || rest[0] == 's')
                         && std::isdigit(static_cast<unsigned char>(rest[1])))) {
                rule->tactics.push_back(
                    rest); // a tactic's short name (groups and software left out)
            }
        }
        const YAML::Node ls = doc["logsource"];
        if (ls && ls.IsMap()) {
            if (ls["product"])
                rule->logsource.product = lowered(ls["product"].as<std::string>());
            if (ls["category"])
                rule->logsource.category = lowered(ls["category"].as<std::string>());
            if (ls["service"])
                rule->logsource.service = lowered(ls["service"].as<std::string>());
        }
        const YAML::Node det = doc["detection"];
        if (!det || !det.IsMap())
            throw Unsupported("no detection");
        std::map<std::string, std::shared_ptr<const Selection>> selections;
        std::vector<std::string> conditions;
        for (const auto &kv : det) {
            const std::string key = kv.first.as<std::string>();
            if (key == "condition") {
                conditions = stringsOf(kv.second);
            } else if (key == "timeframe") {
                continue; // only meaningful with an aggregation, which is refused below
            } else {
                selections.emplace(
                    key, std::make_shared<const Selection>(compileSelection(key, kv.second)));
            }
        }
        if (conditions.empty())
            throw Unsupported("no condition");
        if (conditions.size() == 1) {
            rule->condition = ConditionParser(conditions.front(), selections).parse();
        } else {
            auto any = std::make_shared<Node>();
            any->kind = Node::Or;
            for (const std::string &c : conditions)
                any->children.push_back(ConditionParser(c, selections).parse());
            rule->condition = any;
        }
        rule->gates = gatesOf(*rule->condition);
        return rule;
    } catch (const Unsupported &e) {
        error = std::string("unsupported: ") + e.what();
    } catch (const YamlError &e) {
        error = std::string("YAML: ") + e.what();
    } catch (const YAML::Exception &e) {
        error = std::string("YAML: ") + e.what();
    } catch (const std::exception &e) {
        error = e.what();
    }
    return nullptr;
}

} // namespace Vigie::Detection

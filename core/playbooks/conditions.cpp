// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/conditions.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <optional>
#include <vector>

namespace Vigie::Playbooks {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PlaybookCondition)
};

bool isNumericType(const QString &type)
{
    return type == QLatin1String("integer") || type == QLatin1String("long")
           || type == QLatin1String("float");
}

enum class Tok {
    End,
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Comma,
    Op,
    String,
    Number,
    Variable,
    Word
};

struct Token
{
    Tok kind = Tok::End;
    QString text; // an operator, a literal's value, a variable's name, a keyword in upper case
    qsizetype pos = 0;
};

struct Operand
{
    QString text;
    QStringList items; // what it stands for inside IN (…)
    bool numericHint = false;
    qsizetype pos = 0;
};

// An address or a CIDR block, for ISSUBSET and ISSUPERSET.
struct Network
{
    int family = 0;
    std::array<unsigned char, 16> bytes{};
    int prefix = 0;
};

std::optional<Network> parseNetwork(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(QLatin1Char('/'));
    const QByteArray address = (slash < 0 ? trimmed : trimmed.left(slash)).toLatin1();
    Network n;
    if (inet_pton(AF_INET, address.constData(), n.bytes.data()) == 1) {
        n.family = AF_INET;
        n.prefix = 32;
    } else if (inet_pton(AF_INET6, address.constData(), n.bytes.data()) == 1) {
        n.family = AF_INET6;
        n.prefix = 128;
    } else {
        return std::nullopt;
    }
    if (slash >= 0) {
        bool ok = false;
        const int prefix = trimmed.mid(slash + 1).toInt(&ok);
        if (!ok || prefix < 0 || prefix > n.prefix)
            return std::nullopt;
        n.prefix = prefix;
    }
    return n;
}

// Whether `inner` lies within `outer`.
bool within(const Network &inner, const Network &outer)
{
    if (inner.family != outer.family || inner.prefix < outer.prefix)
        return false;
    const int whole = outer.prefix / 8;
    if (std::memcmp(inner.bytes.data(), outer.bytes.data(), std::size_t(whole)) != 0)
        return false;
    const int rest = outer.prefix % 8;
    if (rest == 0)
        return true;
    const auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
    return (inner.bytes[std::size_t(whole)] & mask) == (outer.bytes[std::size_t(whole)] & mask);
}

class Evaluator
{
public:
    Evaluator(const QString &condition, const Bindings &bindings)
        : m_source(condition)
        , m_bindings(bindings)
    {}

    Result<bool> run()
    {
        if (!lex())
            return failure();
        if (m_tokens.size() == 1) {
            m_error = Text::tr("the condition is empty");
            return failure();
        }
        const bool value = orExpression();
        if (!m_error.isEmpty())
            return failure();
        if (peek().kind != Tok::End) {
            fail(peek().pos, Text::tr("unexpected \"%1\"").arg(peek().text));
            return failure();
        }
        return value;
    }

private:
    Error failure() const
    {
        if (m_errorPos < 0)
            return Error(Text::tr("condition \"%1\": %2").arg(m_source, m_error));
        return Error(Text::tr("condition \"%1\": %2 (at character %3)")
                         .arg(m_source, m_error)
                         .arg(m_errorPos + 1));
    }

    void fail(qsizetype pos, const QString &why)
    {
        if (m_error.isEmpty()) {
            m_error = why;
            m_errorPos = pos;
        }
    }

    // --- tokens -------------------------------------------------------------------------------

    bool lex()
    {
        static const QRegularExpression variable(
            QStringLiteral("^(__[A-Za-z_][A-Za-z0-9_-]*__):value$"));
        static const QRegularExpression bareVariable(
            QStringLiteral("^__[A-Za-z_][A-Za-z0-9_-]*__$"));
        const QString &s = m_source;
        qsizetype i = 0;
        const auto isWordChar = [](QChar c) {
            return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')
                   || c == QLatin1Char(':') || c == QLatin1Char('.') || c == QLatin1Char('*')
                   || c == QLatin1Char('$');
        };
        while (i < s.size()) {
            const QChar c = s.at(i);
            if (c.isSpace()) {
                ++i;
                continue;
            }
            const qsizetype start = i;
            const auto single = [&](Tok kind) {
                m_tokens.push_back({kind, QString(c), start});
                ++i;
            };
            if (c == QLatin1Char('(')) {
                single(Tok::Open);
            } else if (c == QLatin1Char(')')) {
                single(Tok::Close);
            } else if (c == QLatin1Char('[')) {
                single(Tok::OpenBracket);
            } else if (c == QLatin1Char(']')) {
                single(Tok::CloseBracket);
            } else if (c == QLatin1Char(',')) {
                single(Tok::Comma);
            } else if (c == QLatin1Char('=')) {
                single(Tok::Op);
            } else if (c == QLatin1Char('!') || c == QLatin1Char('<') || c == QLatin1Char('>')) {
                const bool withEquals = i + 1 < s.size() && s.at(i + 1) == QLatin1Char('=');
                if (c == QLatin1Char('!') && !withEquals) {
                    fail(start, Text::tr("\"!\" must be followed by \"=\""));
                    return false;
                }
                m_tokens.push_back({Tok::Op, withEquals ? s.mid(i, 2) : QString(c), start});
                i += withEquals ? 2 : 1;
            } else if (c == QLatin1Char('\'')) {
                QString value;
                ++i;
                bool closed = false;
                while (i < s.size()) {
                    const QChar d = s.at(i);
                    if (d == QLatin1Char('\\') && i + 1 < s.size()
                        && (s.at(i + 1) == QLatin1Char('\'') || s.at(i + 1) == QLatin1Char('\\'))) {
                        value += s.at(i + 1);
                        i += 2;
                        continue;
                    }
                    if (d == QLatin1Char('\'')) {
                        closed = true;
                        ++i;
                        break;
                    }
                    value += d;
                    ++i;
                }
                if (!closed) {
                    fail(start, Text::tr("the string is not closed"));
                    return false;
                }
                m_tokens.push_back({Tok::String, value, start});
            } else if (c.isDigit()
                       || (c == QLatin1Char('-') && i + 1 < s.size() && s.at(i + 1).isDigit())) {
                static const QRegularExpression number(
                    QStringLiteral("\\G-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?"));
                const auto m = number.match(s, i);
                i += m.capturedLength();
                if (i < s.size() && isWordChar(s.at(i))) {
                    fail(start,
                         Text::tr("\"%1\" is not a number").arg(s.mid(start, i - start + 1)));
                    return false;
                }
                m_tokens.push_back({Tok::Number, m.captured(), start});
            } else if (isWordChar(c)) {
                while (i < s.size() && isWordChar(s.at(i)))
                    ++i;
                const QString word = s.mid(start, i - start);
                const QString upper = word.toUpper();
                if (i < s.size() && s.at(i) == QLatin1Char('\'')
                    && (upper == QLatin1String("H") || upper == QLatin1String("B")
                        || upper == QLatin1String("T") || upper == QLatin1String("B64"))) {
                    fail(start,
                         Text::tr("typed literals (%1'…') are not supported: write a plain "
                                  "'string'")
                             .arg(word));
                    return false;
                }
                if (const auto m = variable.match(word); m.hasMatch()) {
                    m_tokens.push_back({Tok::Variable, m.captured(1), start});
                    continue;
                }
                if (bareVariable.match(word).hasMatch()) {
                    fail(start,
                         Text::tr("a variable is referenced as %1:value (CACAO 2.0, 10.18)")
                             .arg(word));
                    return false;
                }
                static const QSet<QString> keywords = {QStringLiteral("AND"),
                                                       QStringLiteral("OR"),
                                                       QStringLiteral("NOT"),
                                                       QStringLiteral("IN"),
                                                       QStringLiteral("LIKE"),
                                                       QStringLiteral("MATCHES"),
                                                       QStringLiteral("ISSUBSET"),
                                                       QStringLiteral("ISSUPERSET"),
                                                       QStringLiteral("TRUE"),
                                                       QStringLiteral("FALSE")};
                static const QSet<QString> unsupported = {QStringLiteral("FOLLOWEDBY"),
                                                          QStringLiteral("WITHIN"),
                                                          QStringLiteral("REPEATS"),
                                                          QStringLiteral("START"),
                                                          QStringLiteral("STOP"),
                                                          QStringLiteral("SECONDS"),
                                                          QStringLiteral("TIMES")};
                if (keywords.contains(upper)) {
                    m_tokens.push_back({Tok::Word, upper, start});
                } else if (unsupported.contains(upper)) {
                    fail(start,
                         Text::tr("%1: STIX observation operators and qualifiers are not "
                                  "supported in playbook conditions")
                             .arg(word));
                    return false;
                } else if (word.contains(QLatin1Char(':'))) {
                    fail(start,
                         Text::tr("%1 is a STIX object path, not a playbook variable: Vigie "
                                  "compares playbook variables (__name__:value) only")
                             .arg(word));
                    return false;
                } else {
                    fail(start, Text::tr("unexpected \"%1\" (strings are quoted: '%1')").arg(word));
                    return false;
                }
            } else {
                fail(start, Text::tr("unexpected character \"%1\"").arg(c));
                return false;
            }
        }
        m_tokens.push_back({Tok::End, QString(), s.size()});
        return true;
    }

    const Token &peek() const { return m_tokens[m_next]; }
    const Token &take() { return m_tokens[m_next < m_tokens.size() - 1 ? m_next++ : m_next]; }
    bool isWord(const char *keyword) const
    {
        return peek().kind == Tok::Word && peek().text == QLatin1String(keyword);
    }

    // --- grammar ------------------------------------------------------------------------------

    bool orExpression()
    {
        bool value = andExpression();
        while (m_error.isEmpty() && isWord("OR")) {
            take();
            const bool right = andExpression();
            value = value || right;
        }
        return value;
    }

    bool andExpression()
    {
        bool value = unary();
        while (m_error.isEmpty() && isWord("AND")) {
            take();
            const bool right = unary();
            value = value && right;
        }
        return value;
    }

    bool unary()
    {
        if (++m_depth > 200) {
            fail(peek().pos, Text::tr("the condition is nested too deeply"));
            return false;
        }
        const Token &t = peek();
        bool value = false;
        if (t.kind == Tok::Open || t.kind == Tok::OpenBracket) {
            const Tok close = t.kind == Tok::Open ? Tok::Close : Tok::CloseBracket;
            take();
            value = orExpression();
            if (m_error.isEmpty() && peek().kind != close)
                fail(peek().pos,
                     Text::tr("\"%1\" expected")
                         .arg(close == Tok::Close ? QStringLiteral(")") : QStringLiteral("]")));
            else
                take();
        } else if (isWord("NOT")) {
            fail(t.pos,
                 Text::tr("in STIX patterns NOT goes before the operator: a NOT = b, "
                          "a NOT IN (…)"));
        } else {
            value = comparison();
        }
        --m_depth;
        return value;
    }

    std::optional<Operand> operand()
    {
        const Token t = take();
        Operand o;
        o.pos = t.pos;
        switch (t.kind) {
        case Tok::String:
            o.text = t.text;
            o.items = {t.text};
            return o;
        case Tok::Number:
            o.text = t.text;
            o.items = {t.text};
            o.numericHint = true;
            return o;
        case Tok::Variable: {
            const auto it = m_bindings.find(t.text);
            if (it == m_bindings.end()) {
                fail(t.pos, Text::tr("unknown variable %1").arg(t.text));
                return std::nullopt;
            }
            const Binding &b = it->second;
            o.text = b.defined ? b.text() : QString();
            o.items = b.list ? b.values : QStringList{o.text};
            o.numericHint = b.isNumeric();
            return o;
        }
        case Tok::Word:
            if (t.text == QLatin1String("TRUE") || t.text == QLatin1String("FALSE")) {
                o.text = t.text.toLower();
                o.items = {o.text};
                return o;
            }
            fail(t.pos, Text::tr("a value is expected, not %1").arg(t.text));
            return std::nullopt;
        case Tok::End:
            fail(t.pos, Text::tr("the condition ends too early"));
            return std::nullopt;
        default:
            fail(t.pos, Text::tr("a value is expected, not \"%1\"").arg(t.text));
            return std::nullopt;
        }
    }

    bool comparison()
    {
        const auto left = operand();
        if (!left)
            return false;
        bool negate = false;
        if (isWord("NOT")) {
            take();
            negate = true;
        }
        const Token op = peek();
        const bool isComparison
            = op.kind == Tok::Op
              || (op.kind == Tok::Word
                  && (op.text == QLatin1String("IN") || op.text == QLatin1String("LIKE")
                      || op.text == QLatin1String("MATCHES") || op.text == QLatin1String("ISSUBSET")
                      || op.text == QLatin1String("ISSUPERSET")));
        if (!isComparison) {
            if (negate) {
                fail(op.pos, Text::tr("an operator is expected after NOT"));
                return false;
            }
            // A lone operand: a boolean.
            const QString v = left->text.trimmed().toLower();
            if (v == QLatin1String("true"))
                return true;
            if (v == QLatin1String("false"))
                return false;
            fail(left->pos,
                 Text::tr("\"%1\" is neither true nor false: compare it, e.g. "
                          "__name__:value = 'expected'")
                     .arg(left->text));
            return false;
        }
        take();
        bool result = false;
        if (op.text == QLatin1String("IN")) {
            if (peek().kind != Tok::Open) {
                fail(peek().pos, Text::tr("IN takes a list: IN ('a', 'b')"));
                return false;
            }
            take();
            QSet<QString> set;
            while (m_error.isEmpty()) {
                const auto item = operand();
                if (!item)
                    return false;
                for (const QString &v : item->items)
                    set.insert(v);
                if (peek().kind == Tok::Comma) {
                    take();
                    continue;
                }
                if (peek().kind != Tok::Close) {
                    fail(peek().pos, Text::tr("\",\" or \")\" expected"));
                    return false;
                }
                take();
                break;
            }
            result = set.contains(left->text);
        } else {
            const auto right = operand();
            if (!right)
                return false;
            result = compare(*left, op, *right);
        }
        return negate ? !result : result;
    }

    bool compare(const Operand &a, const Token &op, const Operand &b)
    {
        const QString &o = op.text;
        if (o == QLatin1String("LIKE")) {
            QString pattern;
            for (const QChar c : b.text) {
                if (c == QLatin1Char('%'))
                    pattern += QLatin1String(".*");
                else if (c == QLatin1Char('_'))
                    pattern += QLatin1Char('.');
                else
                    pattern += QRegularExpression::escape(QString(c));
            }
            const QRegularExpression re(QRegularExpression::anchoredPattern(pattern),
                                        QRegularExpression::DotMatchesEverythingOption);
            return re.match(a.text).hasMatch();
        }
        if (o == QLatin1String("MATCHES")) {
            const QRegularExpression re(b.text);
            if (!re.isValid()) {
                fail(b.pos,
                     Text::tr("\"%1\" is not a valid regular expression: %2")
                         .arg(b.text, re.errorString()));
                return false;
            }
            return re.match(a.text).hasMatch();
        }
        if (o == QLatin1String("ISSUBSET") || o == QLatin1String("ISSUPERSET")) {
            const auto left = parseNetwork(a.text);
            const auto right = parseNetwork(b.text);
            if (!left || !right) {
                const Operand &bad = left ? b : a;
                fail(bad.pos,
                     Text::tr("%1 takes IP addresses or CIDR blocks, not \"%2\"").arg(o, bad.text));
                return false;
            }
            return o == QLatin1String("ISSUBSET") ? within(*left, *right) : within(*right, *left);
        }
        bool leftNumber = false;
        bool rightNumber = false;
        const double x = a.text.trimmed().toDouble(&leftNumber);
        const double y = b.text.trimmed().toDouble(&rightNumber);
        const bool numeric = leftNumber && rightNumber && (a.numericHint || b.numericHint);
        const int order = numeric ? (x < y ? -1 : (x > y ? 1 : 0)) : a.text.compare(b.text);
        if (o == QLatin1String("="))
            return order == 0;
        if (o == QLatin1String("!="))
            return order != 0;
        if (o == QLatin1String("<"))
            return order < 0;
        if (o == QLatin1String("<="))
            return order <= 0;
        if (o == QLatin1String(">"))
            return order > 0;
        if (o == QLatin1String(">="))
            return order >= 0;
        fail(op.pos, Text::tr("unknown operator \"%1\"").arg(o));
        return false;
    }

    const QString &m_source;
    const Bindings &m_bindings;
    std::vector<Token> m_tokens;
    std::size_t m_next = 0;
    int m_depth = 0;
    QString m_error;
    qsizetype m_errorPos = -1;
};

} // namespace

QString Binding::text() const
{
    return values.join(QLatin1Char(','));
}

QStringList Binding::items() const
{
    if (!defined)
        return {};
    if (list)
        return values;
    const QString v = text();
    return v.isEmpty() ? QStringList() : QStringList{v};
}

bool Binding::isNumeric() const
{
    return isNumericType(type);
}

Binding Binding::scalar(const QString &value, const QString &type)
{
    Binding b;
    b.type = type;
    b.values = {value};
    return b;
}

Binding Binding::listOf(const QStringList &items, const QString &type)
{
    Binding b;
    b.type = type;
    b.values = items;
    b.list = true;
    return b;
}

Binding Binding::null(const QString &type)
{
    Binding b;
    b.type = type;
    b.defined = false;
    return b;
}

Result<bool> evaluateCondition(const QString &condition, const Bindings &bindings)
{
    return Evaluator(condition, bindings).run();
}

} // namespace Vigie::Playbooks

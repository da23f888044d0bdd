// SPDX-License-Identifier: Apache-2.0
#include "widgets/jsonview.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTextDocument>
#include <QVBoxLayout>

namespace Vigie::Widgets {

namespace {

bool darkPalette()
{
    return QApplication::palette().color(QPalette::Base).lightness() < 128;
}

QTextCharFormat colour(const QColor &c, bool bold = false)
{
    QTextCharFormat f;
    f.setForeground(c);
    if (bold)
        f.setFontWeight(QFont::DemiBold);
    return f;
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{}

void JsonHighlighter::setSearch(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    // Colours readable on both themes (WCAG AA against the editor's base colour).
    const bool dark = darkPalette();
    const QTextCharFormat key
        = colour(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x0b, 0x4f, 0x8a), true);
    const QTextCharFormat string
        = colour(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    const QTextCharFormat number
        = colour(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x6b, 0x3a));
    const QTextCharFormat literal
        = colour(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xc0), true);

    // One pass over the line: strings (a key when a ':' follows), numbers and literals. A line
    // that is not JSON (a Zeek TSV record) only gets the search marks.
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            while (j < n && text.at(j) != QLatin1Char('"'))
                j += text.at(j) == QLatin1Char('\\') ? 2 : 1;
            const qsizetype end = std::min(j + 1, n);
            qsizetype k = end;
            while (k < n && text.at(k).isSpace())
                ++k;
            const bool isKey = k < n && text.at(k) == QLatin1Char(':');
            setFormat(int(i), int(end - i), isKey ? key : string);
            i = end;
        } else if (c.isDigit()
                   || (c == QLatin1Char('-') && i + 1 < n && text.at(i + 1).isDigit())) {
            qsizetype j = i + 1;
            while (j < n && (text.at(j).isDigit() || QStringLiteral(".eE+-").contains(text.at(j))))
                ++j;
            setFormat(int(i), int(j - i), number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i;
            while (j < n && text.at(j).isLetter())
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == QLatin1String("true") || word == QLatin1String("false")
                || word == QLatin1String("null"))
                setFormat(int(i), int(j - i), literal);
            i = j;
        } else {
            ++i;
        }
    }
    if (m_search.isEmpty())
        return;
    QTextCharFormat mark;
    mark.setBackground(dark ? QColor(0x61, 0x51, 0x00) : QColor(0xff, 0xe5, 0x6b));
    for (qsizetype at = text.indexOf(m_search, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(m_search, at + m_search.size(), Qt::CaseInsensitive)) {
        QTextCharFormat f = format(int(at));
        f.setBackground(mark.background());
        setFormat(int(at), int(m_search.size()), f);
    }
}

JsonView::JsonView(QWidget *parent)
    : QWidget(parent)
{
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("detailPane"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new JsonHighlighter(m_text->document());
    m_find = new QLineEdit;
    m_find->setObjectName(QStringLiteral("documentFind"));
    m_find->setClearButtonEnabled(true);
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("documentFindCount"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_find, 1);
    bar->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);
    connect(m_find, &QLineEdit::textChanged, this, [this] {
        updateMatches();
        m_text->moveCursor(QTextCursor::Start);
        findNext();
    });
    // Return: next match; Shift+Return: previous.
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        findNext(QApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    retranslate();
}

void JsonView::setPlainText(const QString &text)
{
    m_text->setPlainText(text);
    updateMatches();
}

void JsonView::clear()
{
    m_text->clear();
    updateMatches();
}

void JsonView::setPlaceholderText(const QString &text)
{
    m_text->setPlaceholderText(text);
}

bool JsonView::findNext(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return false;
    QTextDocument::FindFlags flags;
    if (backwards)
        flags |= QTextDocument::FindBackward;
    if (m_text->find(needle, flags))
        return true;
    // Wrap around.
    m_text->moveCursor(backwards ? QTextCursor::End : QTextCursor::Start);
    return m_text->find(needle, flags);
}

void JsonView::focusFind()
{
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

void JsonView::updateMatches()
{
    const QString needle = m_find->text();
    m_highlighter->setSearch(needle);
    m_matches
        = needle.isEmpty() ? 0 : int(m_text->toPlainText().count(needle, Qt::CaseInsensitive));
    m_count->setText(needle.isEmpty() ? QString() : tr("%n match(es)", nullptr, m_matches));
}

void JsonView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange)
        m_highlighter->rehighlight(); // the theme changed: colours for it
    QWidget::changeEvent(event);
}

void JsonView::retranslate()
{
    m_find->setPlaceholderText(tr("Find in the document (Ctrl+Shift+F; Return: next)"));
    updateMatches();
}

} // namespace Vigie::Widgets

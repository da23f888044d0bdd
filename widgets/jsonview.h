// SPDX-License-Identifier: Apache-2.0
// The raw document pane: pretty JSON with its keys, strings, numbers and literals coloured, and a
// find bar (Ctrl+Shift+F in the pane's window) that marks every match and steps through them.
#pragma once

#include <QSyntaxHighlighter>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Vigie::Widgets {

class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);
    // Every occurrence is marked (case-insensitive); empty clears the marks.
    void setSearch(const QString &text);

protected:
    void highlightBlock(const QString &text) override;

private:
    QString m_search;
};

class JsonView : public QWidget
{
    Q_OBJECT
public:
    explicit JsonView(QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_text; }
    void setPlainText(const QString &text);
    void clear();
    void setPlaceholderText(const QString &text);
    // Moves to the next (or previous) match of the find text; false when there is none.
    bool findNext(bool backwards = false);
    void focusFind();
    int matchCount() const { return m_matches; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateMatches();
    void retranslate();

    QPlainTextEdit *m_text;
    QLineEdit *m_find;
    QLabel *m_count;
    JsonHighlighter *m_highlighter;
    int m_matches = 0;
};

} // namespace Vigie::Widgets

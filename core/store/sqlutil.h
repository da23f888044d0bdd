// SPDX-License-Identifier: Apache-2.0
// Small helpers over the SQLite C API, shared by the store's source files (not a public header).
#pragma once

#include <QString>

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace Vigie {
namespace {

class Stmt
{
public:
    Stmt() = default;
    Stmt(sqlite3 *db, const char *sql)
    {
        sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_s, nullptr);
    }
    ~Stmt() { sqlite3_finalize(m_s); }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    sqlite3_stmt *get() const { return m_s; }
    explicit operator bool() const { return m_s != nullptr; }

private:
    sqlite3_stmt *m_s = nullptr;
};

inline void bindText(sqlite3_stmt *s, int i, const std::string &v)
{
    if (v.empty())
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}
inline void bindInt(sqlite3_stmt *s, int i, std::int64_t v, bool nullIfNegative = true)
{
    if (nullIfNegative && v < 0)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int64(s, i, v);
}
inline void bindQString(sqlite3_stmt *s, int i, const QString &v)
{
    if (v.isEmpty()) {
        sqlite3_bind_null(s, i);
    } else {
        const QByteArray u = v.toUtf8();
        sqlite3_bind_text(s, i, u.constData(), int(u.size()), SQLITE_TRANSIENT);
    }
}
inline QString colQString(sqlite3_stmt *s, int i)
{
    const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return t ? QString::fromUtf8(t, sqlite3_column_bytes(s, i)) : QString();
}
inline std::string colString(sqlite3_stmt *s, int i)
{
    const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return t ? std::string(t, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}
inline std::int64_t colInt(sqlite3_stmt *s, int i, std::int64_t ifNull = -1)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? ifNull : sqlite3_column_int64(s, i);
}

} // namespace
} // namespace Vigie

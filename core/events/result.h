// SPDX-License-Identifier: Apache-2.0
// Result<T>: a value or an error message with context, returned across library boundaries instead
// of throwing (the Qt Creator habit). The message is meant for a person: it names the file, line or
// table that failed.
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace Vigie {

class Error
{
public:
    explicit Error(QString message)
        : m_message(std::move(message))
    {}
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

template<typename T> class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(Error error)
        : m_error(error.message())
    {}
    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const QString &error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

template<> class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_ok(false)
        , m_error(error.message())
    {}
    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }

private:
    bool m_ok = true;
    QString m_error;
};

} // namespace Vigie

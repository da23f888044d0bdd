// SPDX-License-Identifier: Apache-2.0
#include "secrets.h"

#include <QFile>
#include <QFileInfo>

#ifdef VIGIE_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace Vigie::Connectors::Secrets {

namespace {
const QString kService = QStringLiteral("vigie");
}

bool keyringAvailable()
{
#ifdef VIGIE_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

bool validReference(const QString &ref, QString &error)
{
    if (ref == QLatin1String("keyring") || ref == QLatin1String("none") || ref.isEmpty())
        return true;
    if (ref.startsWith(QLatin1String("env:")) && ref.size() > 4)
        return true;
    if (ref.startsWith(QLatin1String("file:")) && ref.size() > 5)
        return true;
    error = QStringLiteral("a secret is \"keyring\", \"env:VARIABLE\" or \"file:PATH\", not \"%1\"")
                .arg(ref);
    return false;
}

void read(const QString &connector,
          const QString &ref,
          const std::function<void(Result<QByteArray>)> &done)
{
    if (ref.startsWith(QLatin1String("env:"))) {
        const QByteArray var = ref.mid(4).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(var.constData())) {
            done(Error(QStringLiteral("the secret of connector %1 is in the environment variable "
                                      "%2, which is not set")
                           .arg(connector, ref.mid(4))));
            return;
        }
        done(qgetenv(var.constData()));
        return;
    }
    if (ref.startsWith(QLatin1String("file:"))) {
        const QString path = ref.mid(5);
        QFile f(path);
        const auto perms = QFileInfo(path).permissions();
        if (!f.exists()) {
            done(Error(QStringLiteral("the secret file %1 of connector %2 does not exist")
                           .arg(path, connector)));
            return;
        }
        if (perms
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
               | QFileDevice::WriteOther)) {
            done(Error(QStringLiteral("the secret file %1 can be read by other users: make it "
                                      "readable by you only (chmod 600)")
                           .arg(path)));
            return;
        }
        if (!f.open(QIODevice::ReadOnly)) {
            done(Error(
                QStringLiteral("cannot read the secret file %1: %2").arg(path, f.errorString())));
            return;
        }
        QByteArray line = f.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        done(line);
        return;
    }
    if (ref == QLatin1String("keyring")) {
#ifdef VIGIE_HAVE_QTKEYCHAIN
        auto *job = new QKeychain::ReadPasswordJob(kService);
        job->setAutoDelete(true);
        job->setKey(connector);
        QObject::connect(job, &QKeychain::Job::finished, job, [job, connector, done] {
            if (job->error() != QKeychain::NoError)
                done(Error(QStringLiteral("the OS keyring has no secret for connector %1: %2 (on a "
                                          "machine without a keyring, use env:VARIABLE or "
                                          "file:PATH)")
                               .arg(connector, job->errorString())));
            else
                done(job->binaryData());
        });
        job->start();
#else
        done(Error(QStringLiteral("this Vigie was built without QtKeychain: use env:VARIABLE or "
                                  "file:PATH for the secret of %1")
                       .arg(connector)));
#endif
        return;
    }
    done(QByteArray());
}

void storeInKeyring(const QString &connector,
                    const QByteArray &secret,
                    const std::function<void(Result<void>)> &done)
{
#ifdef VIGIE_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(connector);
    job->setBinaryData(secret);
    QObject::connect(job, &QKeychain::Job::finished, job, [job, done] {
        if (job->error() != QKeychain::NoError)
            done(Error(QStringLiteral("the OS keyring refused the secret: %1 (on a machine "
                                      "without a keyring, use --secret-from env:VARIABLE or "
                                      "file:PATH)")
                           .arg(job->errorString())));
        else
            done({});
    });
    job->start();
#else
    Q_UNUSED(connector)
    Q_UNUSED(secret)
    done(Error(QStringLiteral("this Vigie was built without QtKeychain")));
#endif
}

void removeFromKeyring(const QString &connector)
{
#ifdef VIGIE_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(connector);
    job->start();
#else
    Q_UNUSED(connector)
#endif
}

} // namespace Vigie::Connectors::Secrets

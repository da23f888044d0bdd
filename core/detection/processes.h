// SPDX-License-Identifier: Apache-2.0
// Kinds of process the analytics and the root-cause analysis both reason about, by image name
// (lower-case, without the path).
#pragma once

#include <QString>

#include <array>
#include <string_view>

namespace Vigie::Detection {

// Programs that open documents a sender controls: Office, PDF readers and their kin.
inline constexpr std::array<std::string_view, 15> kDocumentReaders = {"winword.exe",
                                                                      "excel.exe",
                                                                      "powerpnt.exe",
                                                                      "outlook.exe",
                                                                      "msaccess.exe",
                                                                      "mspub.exe",
                                                                      "visio.exe",
                                                                      "onenote.exe",
                                                                      "acrord32.exe",
                                                                      "acrobat.exe",
                                                                      "foxitreader.exe",
                                                                      "hwp.exe",
                                                                      "eqnedt32.exe",
                                                                      "foxitpdfreader.exe",
                                                                      "wordpad.exe"};

inline bool isDocumentReader(std::string_view image)
{
    for (const std::string_view r : kDocumentReaders)
        if (image == r)
            return true;
    return false;
}

inline bool isDocumentReader(const QString &image)
{
    return isDocumentReader(std::string_view(image.toLatin1().constData()));
}

// The last component of a Windows or POSIX path.
inline QString fileNameOf(const QString &path)
{
    const qsizetype slash
        = std::max(path.lastIndexOf(QLatin1Char('\\')), path.lastIndexOf(QLatin1Char('/')));
    return slash >= 0 ? path.mid(slash + 1) : path;
}

} // namespace Vigie::Detection

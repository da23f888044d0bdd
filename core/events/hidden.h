// SPDX-License-Identifier: Apache-2.0
// Characters that hide or reorder what the analyst reads (control characters, zero-width marks,
// bidirectional overrides and isolates): every view and report shows them as visible escapes.
#pragma once

namespace Vigie {

inline bool isHidingCharacter(char32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) // C0, DEL, C1
           || (c >= 0x200b && c <= 0x200f)                  // zero-width, LRM, RLM
           || (c >= 0x202a && c <= 0x202e)                  // bidi embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069)                  // bidi isolates
           || c == 0xfeff;
}

} // namespace Vigie

// SPDX-License-Identifier: Apache-2.0
// Fuzz target: CACAO 2.0 playbooks as `vigie playbook validate|import` and the Response tab read
// them — JSON syntax, the OASIS JSON Schemas, the semantic checks (step references, reachability,
// timestamps) — and, for one that loads, export and reload (which must give the same playbook).
#include "core/playbooks/cacao.h"

#include <cstdint>
#include <cstdlib>

using namespace Vigie::Playbooks;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    (void)cacaoSchemas(); // loaded once, as the program does
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    std::vector<ValidationError> findings;
    auto loaded = loadPlaybook(json, &findings);
    if (!loaded)
        return 0;
    const QByteArray exported = exportPlaybook(*loaded);
    auto again = loadPlaybook(exported);
    if (!again || exportPlaybook(*again) != exported)
        std::abort(); // what Vigie writes, Vigie must read back unchanged
    return 0;
}

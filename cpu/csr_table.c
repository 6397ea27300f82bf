/*
 * cpu/csr_table.c — the CSR list of cpu/csr_table.h as data: one entry per
 * CSR, and a 4096-entry index so that a lookup by number is one load.
 *
 * The static asserts check each line's access column against its number
 * (the privileged spec puts the privilege in bits 9:8 and read-only in
 * 11:10), so a typo in either shows up at compile time.
 */
#include "cpu/csr_table.h"

#include <stddef.h>

#define X(name, str, num, acc, where_, gate_, flags_) \
    _Static_assert(RV_CSR_##acc == RV_CSR_ACCESS_OF(num), "access column of " str " disagrees with its number");
RV_CSR_TABLE(X)
#undef X

/* the index of each entry in rv_csr_info[] */
enum rv_csr_index {
#define X(name, str, num, acc, where, gate, flags) CSR_INDEX_##name,
    RV_CSR_TABLE(X)
#undef X
        CSR_INDEX_COUNT
};

const struct rv_csr_info rv_csr_info[] = {
#define X(name, str, num, acc, where_, gate_, flags_) \
    [CSR_INDEX_##name] = {str, num, RV_CSR_##acc, RV_CSR_##where_, RV_CSR_GATE_##gate_, flags_},
    RV_CSR_TABLE(X)
#undef X
};
const unsigned rv_csr_count = CSR_INDEX_COUNT;

/* number -> index + 1 (0: not listed).  A number listed twice is a
 * duplicate designated initializer: -Woverride-init (in -Wextra) rejects it. */
static const uint16_t csr_by_num[4096] = {
#define X(name, str, num, acc, where, gate, flags) [num] = CSR_INDEX_##name + 1,
    RV_CSR_TABLE(X)
#undef X
};

const struct rv_csr_info *rv_csr_lookup(unsigned num)
{
    if (num >= 4096 || !csr_by_num[num]) return NULL;
    return &rv_csr_info[csr_by_num[num] - 1];
}

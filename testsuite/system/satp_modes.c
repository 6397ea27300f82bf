/*
 * testsuite/system/satp_modes.c — satp is WARL: a hart with only Sv39 must ignore a
 * write selecting Sv48 or Sv57 (Linux probes the paging modes this way).
 * rvdbt only: QEMU 7.2's default CPU implements Sv48 and Sv57, so there
 * the writes take effect; the expectation comes from the privileged spec.
 */
#include "rt.h"

int main(void)
{
    test_name = "satp_modes";
    uint64_t sv39 = (8ul << 60) | 0x80000ul;
    csr_write(satp, sv39);
    check(1, csr_read(satp) == sv39, "Sv39 accepted");
    csr_write(satp, (9ul << 60) | 0x1234);
    check(2, csr_read(satp) == sv39, "Sv48 write ignored");
    csr_write(satp, (10ul << 60) | 0x1234);
    check(3, csr_read(satp) == sv39, "Sv57 write ignored");
    csr_write(satp, 0);
    check(4, csr_read(satp) == 0, "Bare accepted");
    test_pass(test_name);
}

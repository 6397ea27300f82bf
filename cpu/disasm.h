/*
 * cpu/disasm.h — RISC-V disassembler whose text matches GNU objdump's.
 *
 * The output is what `riscv64-linux-gnu-objdump -d` (binutils 2.40, default
 * options, i.e. with aliases) prints for the same bytes, with one space
 * between mnemonic and operands instead of objdump's tab, and jump/branch
 * targets as bare hex addresses without objdump's " <symbol+off>" suffix.
 * CSR names are objdump's for privileged spec 1.11, the attribute Debian's
 * riscv64 gcc writes.  docs/disassembler.md lists the aliases and the
 * known differences.
 */
#ifndef RVDBT_CPU_DISASM_H
#define RVDBT_CPU_DISASM_H

#include <stddef.h>
#include <stdint.h>

#include "cpu/decode.h"

/* Writes the text of `insn` (located at guest address pc) into buf, always
 * NUL-terminated when size > 0 (longer text is cut); returns the length
 * written.  A word objdump cannot decode prints as it does: ".4byte 0x..."
 * or ".2byte 0x...". */
int rv_disasm(const struct rv_insn *insn, uint64_t pc, char *buf, size_t size);
/* Decodes `bits` (low 16 bits only for a compressed instruction) and disassembles it. */
int rv_disasm_bits(uint32_t bits, uint64_t pc, char *buf, size_t size);

const char *rv_xreg_name(unsigned r); /* ABI names: zero, ra, sp, ... */
const char *rv_freg_name(unsigned r); /* ft0, ..., fa0, ... */
const char *rv_csr_name(unsigned csr); /* NULL if objdump would print a number */

#endif

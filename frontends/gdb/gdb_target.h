/*
 * frontends/gdb/gdb_target.h — what GDB sees of a RISC-V hart: the target
 * description XML and the mapping from GDB register numbers to struct cpu.
 *
 * GDB learns the register set from the XML (qXfer:features:read), so the
 * numbering is ours to choose; we use GDB's own RISC-V numbering (x0-x31 =
 * 0-31, pc = 32, f0-f31 = 33-64, CSRs = 65 + CSR number) so that register
 * numbers in logs mean the same thing as in GDB's source.
 */
#ifndef RVDBT_FRONTENDS_GDB_TARGET_H
#define RVDBT_FRONTENDS_GDB_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

#define GDB_REG_PC 32
#define GDB_REG_F0 33
#define GDB_REG_FFLAGS (65 + 0x001)
#define GDB_REG_FRM (65 + 0x002)
#define GDB_REG_FCSR (65 + 0x003)
#define GDB_REG_CSR0 65      /* CSR n is register 65 + n (system mode: the privileged ones too) */
#define GDB_REG_PRIV 4161    /* the privilege mode: GDB's RISCV_PRIV_REGNUM */
/* The 'g' packet carries x0..x31 and pc; the rest go through 'p'/'P'. */
#define GDB_G_REGS 33

/* The document GDB reads as "target.xml": user mode, and system mode (with
 * the privileged CSRs and the privilege mode). */
extern const char gdb_target_xml[];
const char *gdb_target_xml_system(void); /* generated from cpu/csr_table.h */

/* Writes register `regnum` (little-endian, as the target stores it) into
 * buf[8]; returns its size in bytes (8 or 4), or 0 if there is no such
 * register. */
size_t gdb_reg_read(struct cpu *cpu, unsigned regnum, uint8_t buf[8]);
/* Sets register `regnum` from `len` little-endian bytes; false if there is
 * no such register or `len` is not its size.  Writes to x0 are ignored. */
bool gdb_reg_write(struct cpu *cpu, unsigned regnum, const uint8_t *buf, size_t len);

#endif

/*
 * frontends/gdb/gdb_target.c — the target description GDB reads and register
 * access by GDB register number (see gdb_target.h).
 *
 * The XML names the two standard features GDB's RISC-V support looks for:
 * org.gnu.gdb.riscv.cpu (x0-x31 under their ABI names, and pc) and
 * org.gnu.gdb.riscv.fpu (f0-f31 as 64-bit registers, since this is RV64D,
 * plus fflags, frm and fcsr).  GDB checks the names, so they must be
 * exactly the ones below.
 *
 * In system mode the document has two more features, as QEMU's
 * qemu-system-riscv64 stub does: org.gnu.gdb.riscv.csr (the machine and
 * supervisor CSRs the CSR table marks RV_CSRF_GDB, each numbered 65 + its
 * CSR number, under the table's names, which are the ones GDB knows) and org.gnu.gdb.riscv.virtual (`priv`, the privilege
 * mode, which GDB prints as "prv:3 [Machine]").  The osabi line goes: a
 * bare-metal program or a kernel is not a GNU/Linux process.
 */
#include "frontends/gdb/gdb_target.h"

#include <stdio.h>
#include <string.h>

#include "cpu/csr_table.h"
#include "cpu/priv.h"
#include "mmu/mmu_system.h"

/* clang-format off */
#define XREG(n, name, type) "    <reg name=\"" name "\" bitsize=\"64\" type=\"" type "\" regnum=\"" #n "\"/>\n"
#define FREG(n, name) \
    "    <reg name=\"" name "\" bitsize=\"64\" type=\"ieee_double\" regnum=\"" #n "\" group=\"float\"/>\n"
#define HEADER \
    "<?xml version=\"1.0\"?>\n" \
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n" \
    "<target version=\"1.0\">\n" \
    "  <architecture>riscv:rv64</architecture>\n"
#define CPU_AND_FPU \
    "  <feature name=\"org.gnu.gdb.riscv.cpu\">\n" \
    XREG(0, "zero", "int") XREG(1, "ra", "code_ptr") XREG(2, "sp", "data_ptr") XREG(3, "gp", "data_ptr") \
    XREG(4, "tp", "data_ptr") XREG(5, "t0", "int") XREG(6, "t1", "int") XREG(7, "t2", "int") \
    XREG(8, "fp", "data_ptr") XREG(9, "s1", "int") XREG(10, "a0", "int") XREG(11, "a1", "int") \
    XREG(12, "a2", "int") XREG(13, "a3", "int") XREG(14, "a4", "int") XREG(15, "a5", "int") \
    XREG(16, "a6", "int") XREG(17, "a7", "int") XREG(18, "s2", "int") XREG(19, "s3", "int") \
    XREG(20, "s4", "int") XREG(21, "s5", "int") XREG(22, "s6", "int") XREG(23, "s7", "int") \
    XREG(24, "s8", "int") XREG(25, "s9", "int") XREG(26, "s10", "int") XREG(27, "s11", "int") \
    XREG(28, "t3", "int") XREG(29, "t4", "int") XREG(30, "t5", "int") XREG(31, "t6", "int") \
    XREG(32, "pc", "code_ptr") \
    "  </feature>\n" \
    "  <feature name=\"org.gnu.gdb.riscv.fpu\">\n" \
    FREG(33, "ft0") FREG(34, "ft1") FREG(35, "ft2") FREG(36, "ft3") FREG(37, "ft4") FREG(38, "ft5") \
    FREG(39, "ft6") FREG(40, "ft7") FREG(41, "fs0") FREG(42, "fs1") FREG(43, "fa0") FREG(44, "fa1") \
    FREG(45, "fa2") FREG(46, "fa3") FREG(47, "fa4") FREG(48, "fa5") FREG(49, "fa6") FREG(50, "fa7") \
    FREG(51, "fs2") FREG(52, "fs3") FREG(53, "fs4") FREG(54, "fs5") FREG(55, "fs6") FREG(56, "fs7") \
    FREG(57, "fs8") FREG(58, "fs9") FREG(59, "fs10") FREG(60, "fs11") FREG(61, "ft8") FREG(62, "ft9") \
    FREG(63, "ft10") FREG(64, "ft11") \
    "    <reg name=\"fflags\" bitsize=\"32\" type=\"int\" regnum=\"66\" group=\"float\"/>\n" \
    "    <reg name=\"frm\" bitsize=\"32\" type=\"int\" regnum=\"67\" group=\"float\"/>\n" \
    "    <reg name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\" group=\"float\"/>\n" \
    "  </feature>\n"

const char gdb_target_xml[] = HEADER "  <osabi>GNU/Linux</osabi>\n" CPU_AND_FPU "</target>\n";

/* clang-format on */

const char *gdb_target_xml_system(void)
{
    /* built once, from the CSR table; about 3 KB */
    static char xml[sizeof HEADER + sizeof CPU_AND_FPU + 8192];
    if (xml[0]) return xml;
    size_t n = (size_t)snprintf(xml, sizeof xml, "%s%s  <feature name=\"org.gnu.gdb.riscv.csr\">\n", HEADER, CPU_AND_FPU);
    for (unsigned i = 0; i < rv_csr_count && n < sizeof xml; i++) {
        if (!(rv_csr_info[i].flags & RV_CSRF_GDB)) continue;
        n += (size_t)snprintf(xml + n, sizeof xml - n,
                              "    <reg name=\"%s\" bitsize=\"64\" type=\"int\" regnum=\"%u\" group=\"system\"/>\n",
                              rv_csr_info[i].name, GDB_REG_CSR0 + rv_csr_info[i].num);
    }
    if (n < sizeof xml)
        snprintf(xml + n, sizeof xml - n,
                 "  </feature>\n"
                 "  <feature name=\"org.gnu.gdb.riscv.virtual\">\n"
                 "    <reg name=\"priv\" bitsize=\"64\" type=\"int\" regnum=\"%u\" group=\"system\"/>\n"
                 "  </feature>\n"
                 "</target>\n",
                 GDB_REG_PRIV);
    return xml;
}

static void put_le(uint8_t *buf, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *buf, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) v |= (uint64_t)buf[i] << (8 * i);
    return v;
}

size_t gdb_reg_read(struct cpu *cpu, unsigned regnum, uint8_t buf[8])
{
    uint64_t v;
    size_t size = 8;
    if (regnum < 32) v = cpu->x[regnum];
    else if (regnum == GDB_REG_PC) v = cpu->pc;
    else if (regnum >= GDB_REG_F0 && regnum < GDB_REG_F0 + 32) v = cpu->f[regnum - GDB_REG_F0];
    else if (regnum == GDB_REG_FFLAGS) v = cpu->fflags, size = 4;
    else if (regnum == GDB_REG_FRM) v = cpu->frm, size = 4;
    else if (regnum == GDB_REG_FCSR) v = cpu->frm << 5 | cpu->fflags, size = 4;
    else if (cpu->system && regnum == GDB_REG_PRIV) v = cpu->priv.mode;
    else if (cpu->system && regnum > GDB_REG_FCSR && regnum < GDB_REG_CSR0 + 4096) {
        /* the table's access rules (privilege, TVM, ...) bind the guest's
         * own code, not the debugger: cpu_priv_csr_read does not check them */
        if (!cpu_priv_csr_read(cpu, regnum - GDB_REG_CSR0, &v)) return 0;
    } else return 0;
    put_le(buf, v, size);
    return size;
}

/* priv and the CSRs: written as the guest's csrw would (the WARL rules
 * apply), and the MMU follows a change of translation context. */
static bool system_reg_write(struct cpu *cpu, unsigned regnum, uint64_t v)
{
    if (regnum == GDB_REG_PRIV) {
        if (v != RV_PRIV_U && v != RV_PRIV_S && v != RV_PRIV_M) return false;
        cpu->priv.mode = (uint8_t)v;
    } else if (regnum - GDB_REG_CSR0 == CSR_SATP) {
        uint64_t mode = v >> SATP_MODE_SHIFT;
        if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39) return false;
        cpu->priv.satp = (mode << SATP_MODE_SHIFT) | (v & SATP_PPN_MASK); /* no ASIDs, as csrw satp */
        mmu_sys_flush_translations(cpu->mmu);
    } else if (!cpu_priv_csr_write(cpu, regnum - GDB_REG_CSR0, v)) {
        return false;
    } else if (regnum - GDB_REG_CSR0 == CSR_MCYCLE) { /* no instruction retires after a debugger's write */
        cpu->priv.mcycle_offset++;
    } else if (regnum - GDB_REG_CSR0 == CSR_MINSTRET) {
        cpu->priv.minstret_offset++;
    }
    cpu_priv_sync_mmu(cpu);
    cpu->exit_request = 1; /* interrupts may be takeable now: let the machine loop look */
    return true;
}

bool gdb_reg_write(struct cpu *cpu, unsigned regnum, const uint8_t *buf, size_t len)
{
    if (cpu->system && (regnum == GDB_REG_PRIV || (regnum > GDB_REG_FCSR && regnum < GDB_REG_CSR0 + 4096)))
        return len == 8 && system_reg_write(cpu, regnum, get_le(buf, 8));
    bool is_csr = regnum == GDB_REG_FFLAGS || regnum == GDB_REG_FRM || regnum == GDB_REG_FCSR;
    bool is_64 = regnum <= GDB_REG_PC || (regnum >= GDB_REG_F0 && regnum < GDB_REG_F0 + 32);
    if (!(is_csr && len == 4) && !(is_64 && len == 8)) return false;
    uint64_t v = get_le(buf, len);
    if (regnum < 32) {
        if (regnum) cpu->x[regnum] = v; /* x0 stays zero, as the hardware keeps it */
    } else if (regnum == GDB_REG_PC) {
        cpu->pc = cpu_entry_pc(v);
    } else if (is_64) {
        cpu->f[regnum - GDB_REG_F0] = v;
    } else if (regnum == GDB_REG_FFLAGS) {
        cpu->fflags = v & 0x1f;
    } else if (regnum == GDB_REG_FRM) {
        cpu->frm = v & 7;
    } else {
        cpu->fflags = v & 0x1f;
        cpu->frm = (v >> 5) & 7;
    }
    return true;
}

/*
 * cpu/csr_table.h — the one list of CSRs (control and status registers) rvdbt knows.
 *
 * Like the instruction table (cpu/insn_table.h), every user of "which CSRs
 * exist" is generated from RV_CSR_TABLE: the CSR_* number constants below,
 * the lookup cpu_exec_csr does before any access (cpu/csr.c: does it exist
 * in this mode, may this privilege touch it, may it be written, which extra
 * gate applies), the disassembler's names (cpu/disasm.c) and the GDB target
 * description (frontends/gdb/gdb_target.c, register 65 + number).  Adding a CSR
 * is one line here plus its value in the read/write switch of cpu/csr.c
 * (user level) or cpu/csr_priv.c (machine and supervisor).
 *
 * Columns: X(ENUM, "name", number, access, where, gate, flags)
 *   access  URW URO SRW SRO HRW HRO MRW MRO: the least privilege (U, S,
 *           Hypervisor, M) that may access it, and RO if writes trap.  The
 *           privileged spec encodes both in the number (bits 9:8 and 11:10);
 *           the column spells them out and a static assert checks them.
 *   where   USER    exists in user mode and in system mode
 *           SYSTEM  exists only in system mode (a privileged hart)
 *           NAMED   not implemented (an access is illegal): only a name,
 *                   the one objdump 2.40 prints, for the disassembler
 *   gate    an access rule beyond privilege and read-only, checked in
 *           system mode: FP (mstatus.FS not Off), COUNTER (mcounteren and
 *           scounteren bit number - 0xc00), TVM (mstatus.TVM traps S-mode),
 *           STCE (menvcfg.STCE and mcounteren.TM for S-mode), NONE
 *   flags   RV_CSRF_GDB    listed in GDB's org.gnu.gdb.riscv.csr feature
 *           RV_CSRF_IRQ    a write may make an interrupt takeable
 *           RV_CSRF_NODIS  objdump 2.40 prints the number, not the name
 *                          (a name from a later privileged spec)
 * Numbered families (hpmcounter3..31, pmpaddr0..63, ...) are written once,
 * as the macros just below, and expanded for each number.
 */
#ifndef RVDBT_CPU_CSR_TABLE_H
#define RVDBT_CPU_CSR_TABLE_H

#include <stdint.h>

/* clang-format off */
#define RV_CSR_3_TO_31(F, X) \
    F(X, 3) F(X, 4) F(X, 5) F(X, 6) F(X, 7) F(X, 8) F(X, 9) F(X, 10) F(X, 11) F(X, 12) F(X, 13) F(X, 14) \
    F(X, 15) F(X, 16) F(X, 17) F(X, 18) F(X, 19) F(X, 20) F(X, 21) F(X, 22) F(X, 23) F(X, 24) F(X, 25) \
    F(X, 26) F(X, 27) F(X, 28) F(X, 29) F(X, 30) F(X, 31)
#define RV_CSR_0_TO_15(F, X) \
    F(X, 0) F(X, 1) F(X, 2) F(X, 3) F(X, 4) F(X, 5) F(X, 6) F(X, 7) F(X, 8) F(X, 9) F(X, 10) F(X, 11) \
    F(X, 12) F(X, 13) F(X, 14) F(X, 15)
#define RV_CSR_16_TO_63(F, X) \
    F(X, 16) F(X, 17) F(X, 18) F(X, 19) F(X, 20) F(X, 21) F(X, 22) F(X, 23) F(X, 24) F(X, 25) F(X, 26) \
    F(X, 27) F(X, 28) F(X, 29) F(X, 30) F(X, 31) F(X, 32) F(X, 33) F(X, 34) F(X, 35) F(X, 36) F(X, 37) \
    F(X, 38) F(X, 39) F(X, 40) F(X, 41) F(X, 42) F(X, 43) F(X, 44) F(X, 45) F(X, 46) F(X, 47) F(X, 48) \
    F(X, 49) F(X, 50) F(X, 51) F(X, 52) F(X, 53) F(X, 54) F(X, 55) F(X, 56) F(X, 57) F(X, 58) F(X, 59) \
    F(X, 60) F(X, 61) F(X, 62) F(X, 63)

/* hpmcounterN: no events, reads zero (system mode, behind the counter enables);
 * the ...h halves exist only on RV32 */
#define RV_CSR_HPMCOUNTER(X, n) \
    X(HPMCOUNTER##n,   "hpmcounter" #n,       0xc00 + n, URO, SYSTEM, COUNTER, 0) \
    X(HPMCOUNTER##n##H, "hpmcounter" #n "h",  0xc80 + n, URO, NAMED,  NONE,    0)
#define RV_CSR_MHPM(X, n) \
    X(MHPMEVENT##n,    "mhpmevent" #n,        0x320 + n, MRW, SYSTEM, NONE,    0) \
    X(MHPMEVENT##n##H, "mhpmevent" #n "h",    0x720 + n, MRW, NAMED,  NONE,    0) \
    X(MHPMCOUNTER##n,  "mhpmcounter" #n,      0xb00 + n, MRW, SYSTEM, NONE,    0) \
    X(MHPMCOUNTER##n##H, "mhpmcounter" #n "h", 0xb80 + n, MRW, NAMED, NONE,    0)
/* PMP: accepted and remembered (OpenSBI programs them), not enforced; RV64
 * has only the even pmpcfg registers; objdump 2.40 knows 16 pmpaddr, 4 pmpcfg */
#define RV_CSR_PMPADDR(X, n)       X(PMPADDR##n, "pmpaddr" #n, 0x3b0 + n, MRW, SYSTEM, NONE, 0)
#define RV_CSR_PMPADDR_NODIS(X, n) X(PMPADDR##n, "pmpaddr" #n, 0x3b0 + n, MRW, SYSTEM, NONE, RV_CSRF_NODIS)
#define RV_CSR_PMPCFG(X) \
    X(PMPCFG0,  "pmpcfg0",  0x3a0, MRW, SYSTEM, NONE, 0) \
    X(PMPCFG1,  "pmpcfg1",  0x3a1, MRW, NAMED,  NONE, 0) \
    X(PMPCFG2,  "pmpcfg2",  0x3a2, MRW, SYSTEM, NONE, 0) \
    X(PMPCFG3,  "pmpcfg3",  0x3a3, MRW, NAMED,  NONE, 0) \
    X(PMPCFG4,  "pmpcfg4",  0x3a4, MRW, SYSTEM, NONE, RV_CSRF_NODIS) \
    X(PMPCFG6,  "pmpcfg6",  0x3a6, MRW, SYSTEM, NONE, RV_CSRF_NODIS) \
    X(PMPCFG8,  "pmpcfg8",  0x3a8, MRW, SYSTEM, NONE, RV_CSRF_NODIS) \
    X(PMPCFG10, "pmpcfg10", 0x3aa, MRW, SYSTEM, NONE, RV_CSRF_NODIS) \
    X(PMPCFG12, "pmpcfg12", 0x3ac, MRW, SYSTEM, NONE, RV_CSRF_NODIS) \
    X(PMPCFG14, "pmpcfg14", 0x3ae, MRW, SYSTEM, NONE, RV_CSRF_NODIS)

#define RV_CSR_TABLE(X) \
    /* ---- unprivileged: floating point, vector, counters, entropy source -------- */ \
    X(USTATUS,       "ustatus",       0x000, URW, NAMED, NONE,    0) \
    X(FFLAGS,        "fflags",        0x001, URW, USER,  FP,      0) \
    X(FRM,           "frm",           0x002, URW, USER,  FP,      0) \
    X(FCSR,          "fcsr",          0x003, URW, USER,  FP,      0) \
    X(UIE,           "uie",           0x004, URW, NAMED, NONE,    0) \
    X(UTVEC,         "utvec",         0x005, URW, NAMED, NONE,    0) \
    X(VSTART,        "vstart",        0x008, URW, NAMED, NONE,    0) \
    X(VXSAT,         "vxsat",         0x009, URW, NAMED, NONE,    0) \
    X(VXRM,          "vxrm",          0x00a, URW, NAMED, NONE,    0) \
    X(VCSR,          "vcsr",          0x00f, URW, NAMED, NONE,    0) \
    X(SEED,          "seed",          0x015, URW, NAMED, NONE,    0) \
    X(USCRATCH,      "uscratch",      0x040, URW, NAMED, NONE,    0) \
    X(UEPC,          "uepc",          0x041, URW, NAMED, NONE,    0) \
    X(UCAUSE,        "ucause",        0x042, URW, NAMED, NONE,    0) \
    X(UTVAL,         "utval",         0x043, URW, NAMED, NONE,    0) \
    X(UIP,           "uip",           0x044, URW, NAMED, NONE,    0) \
    X(CYCLE,         "cycle",         0xc00, URO, USER,  COUNTER, 0) \
    X(TIME,          "time",          0xc01, URO, USER,  COUNTER, 0) \
    X(INSTRET,       "instret",       0xc02, URO, USER,  COUNTER, 0) \
    X(VL,            "vl",            0xc20, URO, NAMED, NONE,    0) \
    X(VTYPE,         "vtype",         0xc21, URO, NAMED, NONE,    0) \
    X(VLENB,         "vlenb",         0xc22, URO, NAMED, NONE,    0) \
    X(CYCLEH,        "cycleh",        0xc80, URO, NAMED, NONE,    0) \
    X(TIMEH,         "timeh",         0xc81, URO, NAMED, NONE,    0) \
    X(INSTRETH,      "instreth",      0xc82, URO, NAMED, NONE,    0) \
    RV_CSR_3_TO_31(RV_CSR_HPMCOUNTER, X) \
    /* ---- supervisor ------------------------------------------------------------ */ \
    X(SSTATUS,       "sstatus",       0x100, SRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(SEDELEG,       "sedeleg",       0x102, SRW, NAMED, NONE,    0) \
    X(SIDELEG,       "sideleg",       0x103, SRW, NAMED, NONE,    0) \
    X(SIE,           "sie",           0x104, SRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(STVEC,         "stvec",         0x105, SRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(SCOUNTEREN,    "scounteren",    0x106, SRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(SENVCFG,       "senvcfg",       0x10a, SRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_NODIS) \
    X(SSTATEEN0,     "sstateen0",     0x10c, SRW, NAMED, NONE,    0) \
    X(SSTATEEN1,     "sstateen1",     0x10d, SRW, NAMED, NONE,    0) \
    X(SSTATEEN2,     "sstateen2",     0x10e, SRW, NAMED, NONE,    0) \
    X(SSTATEEN3,     "sstateen3",     0x10f, SRW, NAMED, NONE,    0) \
    X(SIEH,          "sieh",          0x114, SRW, NAMED, NONE,    0) \
    X(SSCRATCH,      "sscratch",      0x140, SRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(SEPC,          "sepc",          0x141, SRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(SCAUSE,        "scause",        0x142, SRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(STVAL,         "stval",         0x143, SRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(SIP,           "sip",           0x144, SRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(STIMECMP,      "stimecmp",      0x14d, SRW, SYSTEM, STCE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(SISELECT,      "siselect",      0x150, SRW, NAMED, NONE,    0) \
    X(SIREG,         "sireg",         0x151, SRW, NAMED, NONE,    0) \
    X(SIPH,          "siph",          0x154, SRW, NAMED, NONE,    0) \
    X(STOPEI,        "stopei",        0x15c, SRW, NAMED, NONE,    0) \
    X(STIMECMPH,     "stimecmph",     0x15d, SRW, NAMED, NONE,    0) \
    X(SATP,          "satp",          0x180, SRW, SYSTEM, TVM,     RV_CSRF_GDB) \
    X(SCONTEXT,      "scontext",      0x5a8, SRW, NAMED, NONE,    0) \
    X(SCOUNTOVF,     "scountovf",     0xda0, SRO, NAMED, NONE,    0) \
    X(STOPI,         "stopi",         0xdb0, SRO, NAMED, NONE,    0) \
    /* ---- hypervisor and virtual supervisor ------------------------------------- */ \
    X(VSSTATUS,      "vsstatus",      0x200, HRW, NAMED, NONE,    0) \
    X(VSIE,          "vsie",          0x204, HRW, NAMED, NONE,    0) \
    X(VSTVEC,        "vstvec",        0x205, HRW, NAMED, NONE,    0) \
    X(VSIEH,         "vsieh",         0x214, HRW, NAMED, NONE,    0) \
    X(VSSCRATCH,     "vsscratch",     0x240, HRW, NAMED, NONE,    0) \
    X(VSEPC,         "vsepc",         0x241, HRW, NAMED, NONE,    0) \
    X(VSCAUSE,       "vscause",       0x242, HRW, NAMED, NONE,    0) \
    X(VSTVAL,        "vstval",        0x243, HRW, NAMED, NONE,    0) \
    X(VSIP,          "vsip",          0x244, HRW, NAMED, NONE,    0) \
    X(VSTIMECMP,     "vstimecmp",     0x24d, HRW, NAMED, NONE,    0) \
    X(VSISELECT,     "vsiselect",     0x250, HRW, NAMED, NONE,    0) \
    X(VSIREG,        "vsireg",        0x251, HRW, NAMED, NONE,    0) \
    X(VSIPH,         "vsiph",         0x254, HRW, NAMED, NONE,    0) \
    X(VSTOPEI,       "vstopei",       0x25c, HRW, NAMED, NONE,    0) \
    X(VSTIMECMPH,    "vstimecmph",    0x25d, HRW, NAMED, NONE,    0) \
    X(VSATP,         "vsatp",         0x280, HRW, NAMED, NONE,    0) \
    X(HSTATUS,       "hstatus",       0x600, HRW, NAMED, NONE,    0) \
    X(HEDELEG,       "hedeleg",       0x602, HRW, NAMED, NONE,    0) \
    X(HIDELEG,       "hideleg",       0x603, HRW, NAMED, NONE,    0) \
    X(HIE,           "hie",           0x604, HRW, NAMED, NONE,    0) \
    X(HTIMEDELTA,    "htimedelta",    0x605, HRW, NAMED, NONE,    0) \
    X(HCOUNTEREN,    "hcounteren",    0x606, HRW, NAMED, NONE,    0) \
    X(HGEIE,         "hgeie",         0x607, HRW, NAMED, NONE,    0) \
    X(HVIEN,         "hvien",         0x608, HRW, NAMED, NONE,    0) \
    X(HVICTL,        "hvictl",        0x609, HRW, NAMED, NONE,    0) \
    X(HENVCFG,       "henvcfg",       0x60a, HRW, NAMED, NONE,    0) \
    X(HSTATEEN0,     "hstateen0",     0x60c, HRW, NAMED, NONE,    0) \
    X(HSTATEEN1,     "hstateen1",     0x60d, HRW, NAMED, NONE,    0) \
    X(HSTATEEN2,     "hstateen2",     0x60e, HRW, NAMED, NONE,    0) \
    X(HSTATEEN3,     "hstateen3",     0x60f, HRW, NAMED, NONE,    0) \
    X(HIDELEGH,      "hidelegh",      0x613, HRW, NAMED, NONE,    0) \
    X(HTIMEDELTAH,   "htimedeltah",   0x615, HRW, NAMED, NONE,    0) \
    X(HVIENH,        "hvienh",        0x618, HRW, NAMED, NONE,    0) \
    X(HENVCFGH,      "henvcfgh",      0x61a, HRW, NAMED, NONE,    0) \
    X(HSTATEEN0H,    "hstateen0h",    0x61c, HRW, NAMED, NONE,    0) \
    X(HSTATEEN1H,    "hstateen1h",    0x61d, HRW, NAMED, NONE,    0) \
    X(HSTATEEN2H,    "hstateen2h",    0x61e, HRW, NAMED, NONE,    0) \
    X(HSTATEEN3H,    "hstateen3h",    0x61f, HRW, NAMED, NONE,    0) \
    X(HTVAL,         "htval",         0x643, HRW, NAMED, NONE,    0) \
    X(HIP,           "hip",           0x644, HRW, NAMED, NONE,    0) \
    X(HVIP,          "hvip",          0x645, HRW, NAMED, NONE,    0) \
    X(HVIPRIO1,      "hviprio1",      0x646, HRW, NAMED, NONE,    0) \
    X(HVIPRIO2,      "hviprio2",      0x647, HRW, NAMED, NONE,    0) \
    X(HTINST,        "htinst",        0x64a, HRW, NAMED, NONE,    0) \
    X(HVIPH,         "hviph",         0x655, HRW, NAMED, NONE,    0) \
    X(HVIPRIO1H,     "hviprio1h",     0x656, HRW, NAMED, NONE,    0) \
    X(HVIPRIO2H,     "hviprio2h",     0x657, HRW, NAMED, NONE,    0) \
    X(HGATP,         "hgatp",         0x680, HRW, NAMED, NONE,    0) \
    X(HCONTEXT,      "hcontext",      0x6a8, HRW, NAMED, NONE,    0) \
    X(HGEIP,         "hgeip",         0xe12, HRO, NAMED, NONE,    0) \
    X(VSTOPI,        "vstopi",        0xeb0, HRO, NAMED, NONE,    0) \
    /* ---- machine, debug and trigger -------------------------------------------- */ \
    X(MSTATUS,       "mstatus",       0x300, MRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(MISA,          "misa",          0x301, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MEDELEG,       "medeleg",       0x302, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MIDELEG,       "mideleg",       0x303, MRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(MIE,           "mie",           0x304, MRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(MTVEC,         "mtvec",         0x305, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MCOUNTEREN,    "mcounteren",    0x306, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MVIEN,         "mvien",         0x308, MRW, NAMED, NONE,    0) \
    X(MVIP,          "mvip",          0x309, MRW, NAMED, NONE,    0) \
    X(MENVCFG,       "menvcfg",       0x30a, MRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ | RV_CSRF_NODIS) \
    X(MSTATEEN0,     "mstateen0",     0x30c, MRW, NAMED, NONE,    0) \
    X(MSTATEEN1,     "mstateen1",     0x30d, MRW, NAMED, NONE,    0) \
    X(MSTATEEN2,     "mstateen2",     0x30e, MRW, NAMED, NONE,    0) \
    X(MSTATEEN3,     "mstateen3",     0x30f, MRW, NAMED, NONE,    0) \
    X(MIDELEGH,      "midelegh",      0x313, MRW, NAMED, NONE,    0) \
    X(MIEH,          "mieh",          0x314, MRW, NAMED, NONE,    0) \
    X(MVIENH,        "mvienh",        0x318, MRW, NAMED, NONE,    0) \
    X(MVIPH,         "mviph",         0x319, MRW, NAMED, NONE,    0) \
    X(MSTATEEN0H,    "mstateen0h",    0x31c, MRW, NAMED, NONE,    0) \
    X(MSTATEEN1H,    "mstateen1h",    0x31d, MRW, NAMED, NONE,    0) \
    X(MSTATEEN2H,    "mstateen2h",    0x31e, MRW, NAMED, NONE,    0) \
    X(MSTATEEN3H,    "mstateen3h",    0x31f, MRW, NAMED, NONE,    0) \
    X(MCOUNTINHIBIT, "mcountinhibit", 0x320, MRW, SYSTEM, NONE,    0) \
    X(MSCRATCH,      "mscratch",      0x340, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MEPC,          "mepc",          0x341, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MCAUSE,        "mcause",        0x342, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MTVAL,         "mtval",         0x343, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MIP,           "mip",           0x344, MRW, SYSTEM, NONE,    RV_CSRF_GDB | RV_CSRF_IRQ) \
    X(MISELECT,      "miselect",      0x350, MRW, NAMED, NONE,    0) \
    X(MIREG,         "mireg",         0x351, MRW, NAMED, NONE,    0) \
    X(MIPH,          "miph",          0x354, MRW, NAMED, NONE,    0) \
    X(MTOPEI,        "mtopei",        0x35c, MRW, NAMED, NONE,    0) \
    X(TSELECT,       "tselect",       0x7a0, MRW, NAMED, NONE,    0) \
    X(TDATA1,        "tdata1",        0x7a1, MRW, NAMED, NONE,    0) \
    X(TDATA2,        "tdata2",        0x7a2, MRW, NAMED, NONE,    0) \
    X(TDATA3,        "tdata3",        0x7a3, MRW, NAMED, NONE,    0) \
    X(TINFO,         "tinfo",         0x7a4, MRW, NAMED, NONE,    0) \
    X(TCONTROL,      "tcontrol",      0x7a5, MRW, NAMED, NONE,    0) \
    X(MCONTEXT,      "mcontext",      0x7a8, MRW, NAMED, NONE,    0) \
    X(MSCONTEXT,     "mscontext",     0x7aa, MRW, NAMED, NONE,    0) \
    X(DCSR,          "dcsr",          0x7b0, MRW, NAMED, NONE,    0) \
    X(DPC,           "dpc",           0x7b1, MRW, NAMED, NONE,    0) \
    X(DSCRATCH0,     "dscratch0",     0x7b2, MRW, NAMED, NONE,    0) \
    X(DSCRATCH1,     "dscratch1",     0x7b3, MRW, NAMED, NONE,    0) \
    X(MCYCLE,        "mcycle",        0xb00, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MINSTRET,      "minstret",      0xb02, MRW, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MCYCLEH,       "mcycleh",       0xb80, MRW, NAMED, NONE,    0) \
    X(MINSTRETH,     "minstreth",     0xb82, MRW, NAMED, NONE,    0) \
    X(MVENDORID,     "mvendorid",     0xf11, MRO, SYSTEM, NONE,    0) \
    X(MARCHID,       "marchid",       0xf12, MRO, SYSTEM, NONE,    0) \
    X(MIMPID,        "mimpid",        0xf13, MRO, SYSTEM, NONE,    0) \
    X(MHARTID,       "mhartid",       0xf14, MRO, SYSTEM, NONE,    RV_CSRF_GDB) \
    X(MCONFIGPTR,    "mconfigptr",    0xf15, MRO, SYSTEM, NONE,    RV_CSRF_NODIS) \
    X(MTOPI,         "mtopi",         0xfb0, MRO, NAMED, NONE,    0) \
    RV_CSR_3_TO_31(RV_CSR_MHPM, X) \
    RV_CSR_PMPCFG(X) \
    RV_CSR_0_TO_15(RV_CSR_PMPADDR, X) \
    RV_CSR_16_TO_63(RV_CSR_PMPADDR_NODIS, X)

/* clang-format on */

enum rv_csr_flag {
    RV_CSRF_GDB = 1 << 0,
    RV_CSRF_IRQ = 1 << 1,
    RV_CSRF_NODIS = 1 << 2,
};

/* access: privilege * 2 + read-only, as the number's bits 9:8 and 11:10 say */
enum rv_csr_access { RV_CSR_URW, RV_CSR_URO, RV_CSR_SRW, RV_CSR_SRO, RV_CSR_HRW, RV_CSR_HRO, RV_CSR_MRW, RV_CSR_MRO };
#define RV_CSR_ACCESS_OF(num) ((((num) >> 8) & 3) * 2 + ((num) >> 10 == 3))
enum rv_csr_where { RV_CSR_USER, RV_CSR_SYSTEM, RV_CSR_NAMED };
enum rv_csr_gate { RV_CSR_GATE_NONE, RV_CSR_GATE_FP, RV_CSR_GATE_COUNTER, RV_CSR_GATE_TVM, RV_CSR_GATE_STCE };

/* CSR_MSTATUS = 0x300, ...: the numbers, for the code that implements them */
enum rv_csr_num {
#define X(name, str, num, acc, where, gate, flags) CSR_##name = (num),
    RV_CSR_TABLE(X)
#undef X
};

struct rv_csr_info {
    const char *name;
    uint16_t num;
    uint8_t access; /* enum rv_csr_access */
    uint8_t where;  /* enum rv_csr_where */
    uint8_t gate;   /* enum rv_csr_gate */
    uint8_t flags;  /* enum rv_csr_flag */
};

/* Entries in table order (rv_csr_count of them), and the lookup by number:
 * NULL for a number the table does not list. */
extern const struct rv_csr_info rv_csr_info[];
extern const unsigned rv_csr_count;
const struct rv_csr_info *rv_csr_lookup(unsigned num);

static inline unsigned rv_csr_min_priv(const struct rv_csr_info *c) { return c->access / 2u; }
static inline int rv_csr_read_only(const struct rv_csr_info *c) { return c->access & 1; }

#endif

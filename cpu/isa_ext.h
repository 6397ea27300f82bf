/*
 * cpu/isa_ext.h — the one list of ISA extensions rvdbt implements, and which are on.
 *
 * Every place that says "what this CPU has" is derived from RV_EXT_LIST and
 * the enabled set below: the decoder (an instruction whose extension is off
 * is illegal, see cpu/decode.c), misa, the device tree's riscv,isa and
 * riscv,isa-extensions (devices/fdt.c), AT_HWCAP and the riscv_hwprobe
 * system call in user mode (frontends/).  `--cpu` chooses the set.
 *
 * Columns: X(ENUM, "name", "version" (as in an ELF's arch attribute: 2p1 is
 * 2.1), misa letter (0: none), riscv_hwprobe IMA_EXT_0 bit (-1: none), flags).  Flags: RV_EXTF_BASE is part of rv64gc (always on: the
 * decoder, the trap handling and Linux need them), RV_EXTF_NOGATE has no
 * instructions of its own to turn off (privileged ISA, counters).
 */
#ifndef RVDBT_CPU_ISA_EXT_H
#define RVDBT_CPU_ISA_EXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RV_EXTF_BASE 1
#define RV_EXTF_NOGATE 2

/* In riscv,isa order: single letters first (canonical order), then Z*
 * extensions by category letter (i, then b, c, f...), alphabetical within. */
/* clang-format off */
#define RV_EXT_LIST(X) \
    X(I,           "i",           "2p1", 'I', -1, RV_EXTF_BASE) \
    X(M,           "m",           "2p0", 'M', -1, RV_EXTF_BASE) \
    X(A,           "a",           "2p1", 'A', -1, RV_EXTF_BASE) \
    X(F,           "f",           "2p2", 'F',  0, RV_EXTF_BASE) \
    X(D,           "d",           "2p2", 'D',  0, RV_EXTF_BASE) \
    X(C,           "c",           "2p0", 'C',  1, RV_EXTF_BASE) \
    X(PRIV,        "",            "",    'S', -1, RV_EXTF_BASE | RV_EXTF_NOGATE) \
    X(ZICBOM,      "zicbom",      "1p0",  0,  -1, 0) \
    X(ZICBOP,      "zicbop",      "1p0",  0,  -1, 0) \
    X(ZICBOZ,      "zicboz",      "1p0",  0,   6, 0) \
    X(ZICNTR,      "zicntr",      "2p0",  0,  -1, RV_EXTF_BASE | RV_EXTF_NOGATE) \
    X(ZICOND,      "zicond",      "1p0",  0,  35, 0) \
    X(ZICSR,       "zicsr",       "2p0",  0,  -1, RV_EXTF_BASE) \
    X(ZIFENCEI,    "zifencei",    "2p0",  0,  -1, RV_EXTF_BASE) \
    X(ZIHINTNTL,   "zihintntl",   "1p0",  0,  29, 0) \
    X(ZIHINTPAUSE, "zihintpause", "2p0",  0,  36, 0) \
    X(ZIMOP,       "zimop",       "1p0",  0,  42, 0) \
    X(ZFA,         "zfa",         "1p0",  0,  32, 0) \
    X(ZCB,         "zcb",         "1p0",  0,  44, 0) \
    X(ZCMOP,       "zcmop",       "1p0",  0,  47, 0) \
    X(ZBA,         "zba",         "1p0",  0,   3, 0) \
    X(ZBB,         "zbb",         "1p0",  0,   4, 0) \
    X(ZBC,         "zbc",         "1p0",  0,   7, 0) \
    X(ZBS,         "zbs",         "1p0",  0,   5, 0) \
    X(SSTC,        "sstc",        "1p0",  0,  -1, RV_EXTF_BASE | RV_EXTF_NOGATE)
/* clang-format on */

enum rv_ext {
#define X(name, str, version, letter, hwprobe, flags) RV_EXT_##name,
    RV_EXT_LIST(X)
#undef X
        RV_EXT_COUNT
};

struct rv_ext_info {
    const char *name;  /* as in riscv,isa ("" for the privileged ISA) */
    const char *version; /* "2p1": major p minor, as binutils and gcc spell it */
    char misa_letter;  /* 0 if none */
    int8_t hwprobe_bit; /* bit in RISCV_HWPROBE_KEY_IMA_EXT_0, or -1 */
    uint8_t flags;     /* RV_EXTF_* */
};
extern const struct rv_ext_info rv_ext_info[RV_EXT_COUNT];

/* The enabled extensions, one bit per enum rv_ext.  Set once at start-up
 * (before anything is decoded): every extension by default. */
extern uint32_t rv_ext_enabled;

static inline bool rv_ext_on(enum rv_ext e) { return rv_ext_enabled >> e & 1; }

/* Parses a --cpu value and sets rv_ext_enabled.  Accepts
 *   "max" or "rva23"         every extension rvdbt implements (the default)
 *   "rv64gc[_zba_zbb...]"    RV64GC plus the listed extensions
 *   "rv64[,zba=false,...]"   QEMU's form: every extension, then each one on or off
 * Returns false and writes a message to err on anything else. */
bool rv_ext_parse(const char *spec, char *err, size_t errsize);

/* misa's value for the enabled set (RV64, plus S and U). */
uint64_t rv_ext_misa(void);
/* "rv64imafdc_zicsr_..." for the enabled set. */
void rv_ext_isa_string(char *buf, size_t size);
/* riscv,isa-extensions: the names, each NUL-terminated; returns the length. */
size_t rv_ext_isa_list(char *buf, size_t size);
/* "rv64i2p1_m2p0_..._zba1p0": the enabled extensions that have instructions,
 * with versions, as gcc writes them into an object's arch attribute and as
 * the assembler and objdump take them (-march=, .attribute arch). */
void rv_ext_arch_attribute(char *buf, size_t size);
/* AT_HWCAP: one bit per single-letter extension (letter - 'A'). */
uint64_t rv_ext_hwcap(void);
/* riscv_hwprobe's RISCV_HWPROBE_KEY_IMA_EXT_0 value. */
uint64_t rv_ext_hwprobe_ima_ext0(void);

#endif

/*
 * cpu/decode.h — turning instruction bits into a struct rv_insn.
 *
 * One decoder serves the interpreter, the translator and the disassembler.
 * A 16-bit compressed instruction is first expanded to the 32-bit instruction
 * it stands for (the RVC specification defines each one that way), so every
 * later stage only ever sees 32-bit semantics; `len` remembers the original
 * size so the pc advances correctly and the disassembler can show the bytes.
 */
#ifndef RVDBT_CPU_DECODE_H
#define RVDBT_CPU_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/insn_table.h"
#include "cpu/isa_ext.h"

enum rv_op {
    RV_OP_ILLEGAL = 0,
#define X(name, mn, ext, match, mask, ops, imm, flags) RV_OP_##name,
    RV_INSN_TABLE(X)
#undef X
        RV_OP_COUNT
};

enum rv_insn_flag {
    RV_F_JUMP = 1 << 0,   /* jal/jalr: unconditional control transfer */
    RV_F_BRANCH = 1 << 1, /* conditional branch */
    RV_F_LOAD = 1 << 2,
    RV_F_STORE = 1 << 3,
    RV_F_AMO = 1 << 4,    /* lr/sc/amo*: aq and rl bits meaningful */
    RV_F_FP = 1 << 5,     /* needs the F/D register file (mstatus.FS) */
    RV_F_RM = 1 << 6,     /* has a rounding-mode field */
    RV_F_SYSTEM = 1 << 7, /* ecall/ebreak/CSR/fence.i/privileged: ends a translated block */
};

/* A decoded instruction.  The register fields are the raw bit fields of the
 * (expanded) word: only those the operand string names are meaningful.
 * `imm` comes from the bits the table entry's immediate column names
 * (zero for NONE). */
struct rv_insn {
    uint16_t op;  /* enum rv_op */
    uint8_t rd, rs1, rs2, rs3;
    uint8_t rm;   /* bits 14:12: rounding mode, or funct3 */
    uint8_t len;  /* 2 (compressed) or 4 */
    int64_t imm;  /* sign-extended immediate; CSR number for Zicsr; raw bits 31:20 for fence */
    uint32_t raw; /* the bits as fetched (16 significant bits when len == 2) */
};

/* The immediate column of cpu/insn_table.h: which bits make the immediate. */
enum rv_imm_fmt {
    RV_IMM_NONE, RV_IMM_I, RV_IMM_S, RV_IMM_B, RV_IMM_U, RV_IMM_J, RV_IMM_SH6, RV_IMM_SH5, RV_IMM_U12, RV_IMM_PF,
};

struct rv_insn_info {
    const char *mnemonic;
    const char *operands; /* operand letters, see cpu/insn_table.h */
    uint32_t match, mask;
    uint8_t ext;          /* enum rv_ext */
    uint8_t imm_fmt;      /* enum rv_imm_fmt */
    uint16_t flags;       /* enum rv_insn_flag */
};

/* Static facts about each op, indexed by enum rv_op (entry 0 is "illegal"). */
extern const struct rv_insn_info rv_insn_info[RV_OP_COUNT];

/* Length in bytes of the instruction whose low 16 bits are `lo`: 2 or 4.
 * (Longer encodings do not exist in RV64GC; they decode as illegal.) */
static inline int rv_insn_length(uint16_t lo) { return (lo & 3) == 3 ? 4 : 2; }

/* Expands a compressed instruction to its 32-bit equivalent.
 * Returns 0 (which is itself an illegal 32-bit word) for reserved or
 * illegal encodings, including the all-zero halfword. */
uint32_t rv_expand_compressed(uint16_t c);

/* Decodes one instruction.  `bits` holds the fetched word: for a compressed
 * instruction only the low 16 bits matter.  Returns false (and sets op to
 * RV_OP_ILLEGAL) when the encoding is illegal or reserved, or belongs to an
 * extension that is switched off (rv_ext_enabled, cpu/isa_ext.h). */
bool rv_decode(uint32_t bits, struct rv_insn *out);

#endif

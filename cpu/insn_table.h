/*
 * cpu/insn_table.h — the one list of RISC-V instructions rvdbt knows.
 *
 * Every user of "which instructions exist" is generated from RV_INSN_TABLE:
 * the decoder matches words against (match, mask), the disassembler prints the
 * operands described by the format string, the interpreter dispatches on the
 * enum rv_op the table generates, and the tests iterate over it.  Adding an
 * instruction is one line here plus its semantics in cpu/interp_*.c.
 *
 * Columns: X(ENUM, "mnemonic", extension, match, mask, operands, immediate, flags)
 * The extension (cpu/isa_ext.h) gates decoding: with it switched off
 * (--cpu) the entry is skipped.  Where two entries match a word, the one
 * with the more specific mask wins (a HINT such as pause over fence).
 *
 * Operand letters (the disassembler prints them in order, comma separated):
 *   d s t   integer rd, rs1, rs2          D S T R  float rd, rs1, rs2, rs3
 *   i       signed 12-bit immediate        u        upper immediate (lui/auipc, hex)
 *   >       shift amount (hex)             o        load/store "imm(rs1)"
 *   b       branch/jump target (pc+imm)    A        atomic address "(rs1)"
 *   c       CSR (name when known)          Z        5-bit CSR immediate (rs1 field)
 *   P       fence predecessor/successor    (empty)  no operands
 *   L       Zfa's fli constant (rs1 field) M        the rm field, always printed
 * Immediate: where struct rv_insn's imm comes from (enum rv_imm_fmt in
 * cpu/decode.h; the decoder extracts it, nothing else looks at the bits):
 *   NONE    no immediate (imm = 0)       I S B U J  the base formats, sign-extended
 *   SH6     shift amount, bits 25:20     SH5        shift amount, bits 24:20 (W forms)
 *   U12     bits 31:20 unsigned: the CSR number, fence's fm/pred/succ
 *   PF      prefetch offset: the I immediate with bits 4:0 zero (they select the op)
 * Flags: see enum rv_insn_flag in cpu/decode.h.
 */
#ifndef RVDBT_CPU_INSN_TABLE_H
#define RVDBT_CPU_INSN_TABLE_H

/* clang-format off */
#define RV_INSN_TABLE(X) \
    /* ---- RV64I ------------------------------------------------------------ */ \
    X(LUI,       "lui",       I, 0x00000037, 0x0000007f, "d,u",   U,    0) \
    X(AUIPC,     "auipc",     I, 0x00000017, 0x0000007f, "d,u",   U,    0) \
    X(JAL,       "jal",       I, 0x0000006f, 0x0000007f, "d,b",   J,    RV_F_JUMP) \
    X(JALR,      "jalr",      I, 0x00000067, 0x0000707f, "d,o",   I,    RV_F_JUMP) \
    X(BEQ,       "beq",       I, 0x00000063, 0x0000707f, "s,t,b", B,    RV_F_BRANCH) \
    X(BNE,       "bne",       I, 0x00001063, 0x0000707f, "s,t,b", B,    RV_F_BRANCH) \
    X(BLT,       "blt",       I, 0x00004063, 0x0000707f, "s,t,b", B,    RV_F_BRANCH) \
    X(BGE,       "bge",       I, 0x00005063, 0x0000707f, "s,t,b", B,    RV_F_BRANCH) \
    X(BLTU,      "bltu",      I, 0x00006063, 0x0000707f, "s,t,b", B,    RV_F_BRANCH) \
    X(BGEU,      "bgeu",      I, 0x00007063, 0x0000707f, "s,t,b", B,    RV_F_BRANCH) \
    X(LB,        "lb",        I, 0x00000003, 0x0000707f, "d,o",   I,    RV_F_LOAD) \
    X(LH,        "lh",        I, 0x00001003, 0x0000707f, "d,o",   I,    RV_F_LOAD) \
    X(LW,        "lw",        I, 0x00002003, 0x0000707f, "d,o",   I,    RV_F_LOAD) \
    X(LD,        "ld",        I, 0x00003003, 0x0000707f, "d,o",   I,    RV_F_LOAD) \
    X(LBU,       "lbu",       I, 0x00004003, 0x0000707f, "d,o",   I,    RV_F_LOAD) \
    X(LHU,       "lhu",       I, 0x00005003, 0x0000707f, "d,o",   I,    RV_F_LOAD) \
    X(LWU,       "lwu",       I, 0x00006003, 0x0000707f, "d,o",   I,    RV_F_LOAD) \
    X(SB,        "sb",        I, 0x00000023, 0x0000707f, "t,o",   S,    RV_F_STORE) \
    X(SH,        "sh",        I, 0x00001023, 0x0000707f, "t,o",   S,    RV_F_STORE) \
    X(SW,        "sw",        I, 0x00002023, 0x0000707f, "t,o",   S,    RV_F_STORE) \
    X(SD,        "sd",        I, 0x00003023, 0x0000707f, "t,o",   S,    RV_F_STORE) \
    X(ADDI,      "addi",      I, 0x00000013, 0x0000707f, "d,s,i", I,    0) \
    X(SLTI,      "slti",      I, 0x00002013, 0x0000707f, "d,s,i", I,    0) \
    X(SLTIU,     "sltiu",     I, 0x00003013, 0x0000707f, "d,s,i", I,    0) \
    X(XORI,      "xori",      I, 0x00004013, 0x0000707f, "d,s,i", I,    0) \
    X(ORI,       "ori",       I, 0x00006013, 0x0000707f, "d,s,i", I,    0) \
    X(ANDI,      "andi",      I, 0x00007013, 0x0000707f, "d,s,i", I,    0) \
    X(SLLI,      "slli",      I, 0x00001013, 0xfc00707f, "d,s,>", SH6,  0) \
    X(SRLI,      "srli",      I, 0x00005013, 0xfc00707f, "d,s,>", SH6,  0) \
    X(SRAI,      "srai",      I, 0x40005013, 0xfc00707f, "d,s,>", SH6,  0) \
    X(ADD,       "add",       I, 0x00000033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SUB,       "sub",       I, 0x40000033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SLL,       "sll",       I, 0x00001033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SLT,       "slt",       I, 0x00002033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SLTU,      "sltu",      I, 0x00003033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(XOR,       "xor",       I, 0x00004033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SRL,       "srl",       I, 0x00005033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SRA,       "sra",       I, 0x40005033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(OR,        "or",        I, 0x00006033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(AND,       "and",       I, 0x00007033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(FENCE,     "fence",     I, 0x0000000f, 0x0000707f, "P",     U12,  0) \
    X(ECALL,     "ecall",     I, 0x00000073, 0xffffffff, "",      NONE, RV_F_SYSTEM) \
    X(EBREAK,    "ebreak",    I, 0x00100073, 0xffffffff, "",      NONE, RV_F_SYSTEM) \
    X(ADDIW,     "addiw",     I, 0x0000001b, 0x0000707f, "d,s,i", I,    0) \
    X(SLLIW,     "slliw",     I, 0x0000101b, 0xfe00707f, "d,s,>", SH5,  0) \
    X(SRLIW,     "srliw",     I, 0x0000501b, 0xfe00707f, "d,s,>", SH5,  0) \
    X(SRAIW,     "sraiw",     I, 0x4000501b, 0xfe00707f, "d,s,>", SH5,  0) \
    X(ADDW,      "addw",      I, 0x0000003b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SUBW,      "subw",      I, 0x4000003b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SLLW,      "sllw",      I, 0x0000103b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SRLW,      "srlw",      I, 0x0000503b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SRAW,      "sraw",      I, 0x4000503b, 0xfe00707f, "d,s,t", NONE, 0) \
    /* ---- Zifencei, Zicsr --------------------------------------------------- */ \
    X(FENCE_I,   "fence.i",   ZIFENCEI, 0x0000100f, 0x0000707f, "", U12,  RV_F_SYSTEM) \
    X(CSRRW,     "csrrw",     ZICSR, 0x00001073, 0x0000707f, "d,c,s", U12,  RV_F_SYSTEM) \
    X(CSRRS,     "csrrs",     ZICSR, 0x00002073, 0x0000707f, "d,c,s", U12,  RV_F_SYSTEM) \
    X(CSRRC,     "csrrc",     ZICSR, 0x00003073, 0x0000707f, "d,c,s", U12,  RV_F_SYSTEM) \
    X(CSRRWI,    "csrrwi",    ZICSR, 0x00005073, 0x0000707f, "d,c,Z", U12,  RV_F_SYSTEM) \
    X(CSRRSI,    "csrrsi",    ZICSR, 0x00006073, 0x0000707f, "d,c,Z", U12,  RV_F_SYSTEM) \
    X(CSRRCI,    "csrrci",    ZICSR, 0x00007073, 0x0000707f, "d,c,Z", U12,  RV_F_SYSTEM) \
    /* ---- Privileged (executed only in system mode) ---------------------------- */ \
    X(MRET,      "mret",      PRIV, 0x30200073, 0xffffffff, "",    NONE, RV_F_SYSTEM) \
    X(SRET,      "sret",      PRIV, 0x10200073, 0xffffffff, "",    NONE, RV_F_SYSTEM) \
    X(WFI,       "wfi",       PRIV, 0x10500073, 0xffffffff, "",    NONE, RV_F_SYSTEM) \
    X(SFENCE_VMA,"sfence.vma",PRIV, 0x12000073, 0xfe007fff, "s,t", NONE, RV_F_SYSTEM) \
    /* ---- M ------------------------------------------------------------------ */ \
    X(MUL,       "mul",       M, 0x02000033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(MULH,      "mulh",      M, 0x02001033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(MULHSU,    "mulhsu",    M, 0x02002033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(MULHU,     "mulhu",     M, 0x02003033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(DIV,       "div",       M, 0x02004033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(DIVU,      "divu",      M, 0x02005033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(REM,       "rem",       M, 0x02006033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(REMU,      "remu",      M, 0x02007033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(MULW,      "mulw",      M, 0x0200003b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(DIVW,      "divw",      M, 0x0200403b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(DIVUW,     "divuw",     M, 0x0200503b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(REMW,      "remw",      M, 0x0200603b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(REMUW,     "remuw",     M, 0x0200703b, 0xfe00707f, "d,s,t", NONE, 0) \
    /* ---- Zba: address generation --------------------------------------------- */ \
    X(ADD_UW,    "add.uw",    ZBA, 0x0800003b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SH1ADD,    "sh1add",    ZBA, 0x20002033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SH2ADD,    "sh2add",    ZBA, 0x20004033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SH3ADD,    "sh3add",    ZBA, 0x20006033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SH1ADD_UW, "sh1add.uw", ZBA, 0x2000203b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SH2ADD_UW, "sh2add.uw", ZBA, 0x2000403b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SH3ADD_UW, "sh3add.uw", ZBA, 0x2000603b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SLLI_UW,   "slli.uw",   ZBA, 0x0800101b, 0xfc00707f, "d,s,>", SH6,  0) \
    /* ---- Zbb: basic bit manipulation ------------------------------------------- */ \
    X(ANDN,      "andn",      ZBB, 0x40007033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(ORN,       "orn",       ZBB, 0x40006033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(XNOR,      "xnor",      ZBB, 0x40004033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(CLZ,       "clz",       ZBB, 0x60001013, 0xfff0707f, "d,s",   NONE, 0) \
    X(CTZ,       "ctz",       ZBB, 0x60101013, 0xfff0707f, "d,s",   NONE, 0) \
    X(CPOP,      "cpop",      ZBB, 0x60201013, 0xfff0707f, "d,s",   NONE, 0) \
    X(CLZW,      "clzw",      ZBB, 0x6000101b, 0xfff0707f, "d,s",   NONE, 0) \
    X(CTZW,      "ctzw",      ZBB, 0x6010101b, 0xfff0707f, "d,s",   NONE, 0) \
    X(CPOPW,     "cpopw",     ZBB, 0x6020101b, 0xfff0707f, "d,s",   NONE, 0) \
    X(MAX,       "max",       ZBB, 0x0a006033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(MAXU,      "maxu",      ZBB, 0x0a007033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(MIN,       "min",       ZBB, 0x0a004033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(MINU,      "minu",      ZBB, 0x0a005033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(SEXT_B,    "sext.b",    ZBB, 0x60401013, 0xfff0707f, "d,s",   NONE, 0) \
    X(SEXT_H,    "sext.h",    ZBB, 0x60501013, 0xfff0707f, "d,s",   NONE, 0) \
    X(ZEXT_H,    "zext.h",    ZBB, 0x0800403b, 0xfff0707f, "d,s",   NONE, 0) \
    X(ROL,       "rol",       ZBB, 0x60001033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(ROR,       "ror",       ZBB, 0x60005033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(ROLW,      "rolw",      ZBB, 0x6000103b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(RORW,      "rorw",      ZBB, 0x6000503b, 0xfe00707f, "d,s,t", NONE, 0) \
    X(RORI,      "rori",      ZBB, 0x60005013, 0xfc00707f, "d,s,>", SH6,  0) \
    X(RORIW,     "roriw",     ZBB, 0x6000501b, 0xfe00707f, "d,s,>", SH5,  0) \
    X(ORC_B,     "orc.b",     ZBB, 0x28705013, 0xfff0707f, "d,s",   NONE, 0) \
    X(REV8,      "rev8",      ZBB, 0x6b805013, 0xfff0707f, "d,s",   NONE, 0) \
    /* ---- Zbc: carry-less multiplication ---------------------------------------- */ \
    X(CLMUL,     "clmul",     ZBC, 0x0a001033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(CLMULH,    "clmulh",    ZBC, 0x0a003033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(CLMULR,    "clmulr",    ZBC, 0x0a002033, 0xfe00707f, "d,s,t", NONE, 0) \
    /* ---- Zbs: single-bit instructions ------------------------------------------ */ \
    X(BCLR,      "bclr",      ZBS, 0x48001033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(BCLRI,     "bclri",     ZBS, 0x48001013, 0xfc00707f, "d,s,>", SH6,  0) \
    X(BEXT,      "bext",      ZBS, 0x48005033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(BEXTI,     "bexti",     ZBS, 0x48005013, 0xfc00707f, "d,s,>", SH6,  0) \
    X(BINV,      "binv",      ZBS, 0x68001033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(BINVI,     "binvi",     ZBS, 0x68001013, 0xfc00707f, "d,s,>", SH6,  0) \
    X(BSET,      "bset",      ZBS, 0x28001033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(BSETI,     "bseti",     ZBS, 0x28001013, 0xfc00707f, "d,s,>", SH6,  0) \
    /* ---- Zicond: integer conditional zeroing ----------------------------------- */ \
    X(CZERO_EQZ, "czero.eqz", ZICOND, 0x0e005033, 0xfe00707f, "d,s,t", NONE, 0) \
    X(CZERO_NEZ, "czero.nez", ZICOND, 0x0e007033, 0xfe00707f, "d,s,t", NONE, 0) \
    /* ---- Zicbom, Zicboz, Zicbop: cache-block operations -------------------------- */ \
    X(CBO_INVAL, "cbo.inval", ZICBOM, 0x0000200f, 0xfff07fff, "A",   U12,  RV_F_STORE) \
    X(CBO_CLEAN, "cbo.clean", ZICBOM, 0x0010200f, 0xfff07fff, "A",   U12,  RV_F_STORE) \
    X(CBO_FLUSH, "cbo.flush", ZICBOM, 0x0020200f, 0xfff07fff, "A",   U12,  RV_F_STORE) \
    X(CBO_ZERO,  "cbo.zero",  ZICBOZ, 0x0040200f, 0xfff07fff, "A",   U12,  RV_F_STORE) \
    /* HINTs: an ori/fence/add encoding that does nothing without the extension */ \
    X(PREFETCH_I,"prefetch.i",ZICBOP, 0x00006013, 0x01f07fff, "o",   PF,   0) \
    X(PREFETCH_R,"prefetch.r",ZICBOP, 0x00106013, 0x01f07fff, "o",   PF,   0) \
    X(PREFETCH_W,"prefetch.w",ZICBOP, 0x00306013, 0x01f07fff, "o",   PF,   0) \
    X(PAUSE,     "pause",     ZIHINTPAUSE, 0x0100000f, 0xffffffff, "", U12,  0) \
    X(NTL_P1,    "ntl.p1",    ZIHINTNTL, 0x00200033, 0xffffffff, "", NONE, 0) \
    X(NTL_PALL,  "ntl.pall",  ZIHINTNTL, 0x00300033, 0xffffffff, "", NONE, 0) \
    X(NTL_S1,    "ntl.s1",    ZIHINTNTL, 0x00400033, 0xffffffff, "", NONE, 0) \
    X(NTL_ALL,   "ntl.all",   ZIHINTNTL, 0x00500033, 0xffffffff, "", NONE, 0) \
    /* ---- Zimop: may-be-operations (write zero to rd until a later extension defines them) */ \
    X(MOP_R,     "mop.r",     ZIMOP, 0x81c04073, 0xb3c0707f, "d,s",   NONE, 0) \
    X(MOP_RR,    "mop.rr",    ZIMOP, 0x82004073, 0xb200707f, "d,s,t", NONE, 0) \
    /* ---- A ------------------------------------------------------------------ */ \
    X(LR_W,      "lr.w",      A, 0x1000202f, 0xf9f0707f, "d,A",   NONE, RV_F_AMO) \
    X(SC_W,      "sc.w",      A, 0x1800202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOSWAP_W, "amoswap.w", A, 0x0800202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOADD_W,  "amoadd.w",  A, 0x0000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOXOR_W,  "amoxor.w",  A, 0x2000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOAND_W,  "amoand.w",  A, 0x6000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOOR_W,   "amoor.w",   A, 0x4000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMIN_W,  "amomin.w",  A, 0x8000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMAX_W,  "amomax.w",  A, 0xa000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMINU_W, "amominu.w", A, 0xc000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMAXU_W, "amomaxu.w", A, 0xe000202f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(LR_D,      "lr.d",      A, 0x1000302f, 0xf9f0707f, "d,A",   NONE, RV_F_AMO) \
    X(SC_D,      "sc.d",      A, 0x1800302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOSWAP_D, "amoswap.d", A, 0x0800302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOADD_D,  "amoadd.d",  A, 0x0000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOXOR_D,  "amoxor.d",  A, 0x2000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOAND_D,  "amoand.d",  A, 0x6000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOOR_D,   "amoor.d",   A, 0x4000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMIN_D,  "amomin.d",  A, 0x8000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMAX_D,  "amomax.d",  A, 0xa000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMINU_D, "amominu.d", A, 0xc000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    X(AMOMAXU_D, "amomaxu.d", A, 0xe000302f, 0xf800707f, "d,t,A", NONE, RV_F_AMO) \
    /* ---- F ------------------------------------------------------------------ */ \
    X(FLW,       "flw",       F, 0x00002007, 0x0000707f, "D,o",     I,    RV_F_LOAD | RV_F_FP) \
    X(FSW,       "fsw",       F, 0x00002027, 0x0000707f, "T,o",     S,    RV_F_STORE | RV_F_FP) \
    X(FMADD_S,   "fmadd.s",   F, 0x00000043, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FMSUB_S,   "fmsub.s",   F, 0x00000047, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FNMSUB_S,  "fnmsub.s",  F, 0x0000004b, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FNMADD_S,  "fnmadd.s",  F, 0x0000004f, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FADD_S,    "fadd.s",    F, 0x00000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FSUB_S,    "fsub.s",    F, 0x08000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FMUL_S,    "fmul.s",    F, 0x10000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FDIV_S,    "fdiv.s",    F, 0x18000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FSQRT_S,   "fsqrt.s",   F, 0x58000053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FSGNJ_S,   "fsgnj.s",   F, 0x20000053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FSGNJN_S,  "fsgnjn.s",  F, 0x20001053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FSGNJX_S,  "fsgnjx.s",  F, 0x20002053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FMIN_S,    "fmin.s",    F, 0x28000053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FMAX_S,    "fmax.s",    F, 0x28001053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FCVT_W_S,  "fcvt.w.s",  F, 0xc0000053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_WU_S, "fcvt.wu.s", F, 0xc0100053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_L_S,  "fcvt.l.s",  F, 0xc0200053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_LU_S, "fcvt.lu.s", F, 0xc0300053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FMV_X_W,   "fmv.x.w",   F, 0xe0000053, 0xfff0707f, "d,S",     NONE, RV_F_FP) \
    X(FEQ_S,     "feq.s",     F, 0xa0002053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FLT_S,     "flt.s",     F, 0xa0001053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FLE_S,     "fle.s",     F, 0xa0000053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FCLASS_S,  "fclass.s",  F, 0xe0001053, 0xfff0707f, "d,S",     NONE, RV_F_FP) \
    X(FCVT_S_W,  "fcvt.s.w",  F, 0xd0000053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_S_WU, "fcvt.s.wu", F, 0xd0100053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_S_L,  "fcvt.s.l",  F, 0xd0200053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_S_LU, "fcvt.s.lu", F, 0xd0300053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FMV_W_X,   "fmv.w.x",   F, 0xf0000053, 0xfff0707f, "D,s",     NONE, RV_F_FP) \
    /* ---- D ------------------------------------------------------------------ */ \
    X(FLD,       "fld",       D, 0x00003007, 0x0000707f, "D,o",     I,    RV_F_LOAD | RV_F_FP) \
    X(FSD,       "fsd",       D, 0x00003027, 0x0000707f, "T,o",     S,    RV_F_STORE | RV_F_FP) \
    X(FMADD_D,   "fmadd.d",   D, 0x02000043, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FMSUB_D,   "fmsub.d",   D, 0x02000047, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FNMSUB_D,  "fnmsub.d",  D, 0x0200004b, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FNMADD_D,  "fnmadd.d",  D, 0x0200004f, 0x0600007f, "D,S,T,R", NONE, RV_F_FP | RV_F_RM) \
    X(FADD_D,    "fadd.d",    D, 0x02000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FSUB_D,    "fsub.d",    D, 0x0a000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FMUL_D,    "fmul.d",    D, 0x12000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FDIV_D,    "fdiv.d",    D, 0x1a000053, 0xfe00007f, "D,S,T",   NONE, RV_F_FP | RV_F_RM) \
    X(FSQRT_D,   "fsqrt.d",   D, 0x5a000053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FSGNJ_D,   "fsgnj.d",   D, 0x22000053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FSGNJN_D,  "fsgnjn.d",  D, 0x22001053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FSGNJX_D,  "fsgnjx.d",  D, 0x22002053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FMIN_D,    "fmin.d",    D, 0x2a000053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FMAX_D,    "fmax.d",    D, 0x2a001053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FCVT_S_D,  "fcvt.s.d",  D, 0x40100053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_D_S,  "fcvt.d.s",  D, 0x42000053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FEQ_D,     "feq.d",     D, 0xa2002053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FLT_D,     "flt.d",     D, 0xa2001053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FLE_D,     "fle.d",     D, 0xa2000053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FCLASS_D,  "fclass.d",  D, 0xe2001053, 0xfff0707f, "d,S",     NONE, RV_F_FP) \
    X(FCVT_W_D,  "fcvt.w.d",  D, 0xc2000053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_WU_D, "fcvt.wu.d", D, 0xc2100053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_L_D,  "fcvt.l.d",  D, 0xc2200053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_LU_D, "fcvt.lu.d", D, 0xc2300053, 0xfff0007f, "d,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FMV_X_D,   "fmv.x.d",   D, 0xe2000053, 0xfff0707f, "d,S",     NONE, RV_F_FP) \
    X(FCVT_D_W,  "fcvt.d.w",  D, 0xd2000053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_D_WU, "fcvt.d.wu", D, 0xd2100053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_D_L,  "fcvt.d.l",  D, 0xd2200053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FCVT_D_LU, "fcvt.d.lu", D, 0xd2300053, 0xfff0007f, "D,s",     NONE, RV_F_FP | RV_F_RM) \
    X(FMV_D_X,   "fmv.d.x",   D, 0xf2000053, 0xfff0707f, "D,s",     NONE, RV_F_FP) \
    /* ---- Zfa: more FP instructions (the RV32-only fmvh.x.d/fmvp.d.x are left out) */ \
    X(FLI_S,     "fli.s",     ZFA, 0xf0100053, 0xfff0707f, "D,L",     NONE, RV_F_FP) \
    X(FLI_D,     "fli.d",     ZFA, 0xf2100053, 0xfff0707f, "D,L",     NONE, RV_F_FP) \
    X(FMINM_S,   "fminm.s",   ZFA, 0x28002053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FMAXM_S,   "fmaxm.s",   ZFA, 0x28003053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FMINM_D,   "fminm.d",   ZFA, 0x2a002053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FMAXM_D,   "fmaxm.d",   ZFA, 0x2a003053, 0xfe00707f, "D,S,T",   NONE, RV_F_FP) \
    X(FROUND_S,  "fround.s",  ZFA, 0x40400053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FROUNDNX_S,"froundnx.s",ZFA, 0x40500053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FROUND_D,  "fround.d",  ZFA, 0x42400053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    X(FROUNDNX_D,"froundnx.d",ZFA, 0x42500053, 0xfff0007f, "D,S",     NONE, RV_F_FP | RV_F_RM) \
    /* rm must be rtz (001): the other values are reserved, so the mask covers it */ \
    X(FCVTMOD_W_D,"fcvtmod.w.d",ZFA,0xc2801053, 0xfff0707f, "d,S,M",  NONE, RV_F_FP) \
    X(FLEQ_S,    "fleq.s",    ZFA, 0xa0004053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FLTQ_S,    "fltq.s",    ZFA, 0xa0005053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FLEQ_D,    "fleq.d",    ZFA, 0xa2004053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP) \
    X(FLTQ_D,    "fltq.d",    ZFA, 0xa2005053, 0xfe00707f, "d,S,T",   NONE, RV_F_FP)
/* clang-format on */

#endif

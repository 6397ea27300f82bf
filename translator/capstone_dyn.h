/*
 * translator/capstone_dyn.h — capstone (the x86-64 disassembler behind
 * --explain), loaded only when --explain or --explain-hot asks for it.
 *
 * Linking libcapstone makes every rvdbt start map it and apply its 78,000
 * relocations: about 1 ms, a quarter of starting `rvdbt run hello`.  So the
 * rvdbt binary does not link it; capstone_dyn_load() opens it with dlopen
 * when a translator that explains is created (tx_create), and the macros
 * below send explain.c's capstone calls through the pointers it filled in.
 * (The unit tests link capstone directly and call it themselves.)
 * Include after <capstone/capstone.h>, in explain.c only.
 */
#ifndef RVDBT_TRANSLATOR_CAPSTONE_DYN_H
#define RVDBT_TRANSLATOR_CAPSTONE_DYN_H

#include <capstone/capstone.h>
#include <stdbool.h>
#include <stddef.h>

/* X(name, return type, parameters): every capstone function rvdbt calls. */
#define CAPSTONE_DYN_FUNCTIONS(X)                                                                              \
    X(cs_open, cs_err, (cs_arch, cs_mode, csh *))                                                             \
    X(cs_close, cs_err, (csh *))                                                                              \
    X(cs_disasm, size_t, (csh, const uint8_t *, size_t, uint64_t, size_t, cs_insn **))                        \
    X(cs_free, void, (cs_insn *, size_t))

#define CAPSTONE_DYN_POINTER(name, ret, params) ret(*name) params;
struct capstone_dyn {
    CAPSTONE_DYN_FUNCTIONS(CAPSTONE_DYN_POINTER)
};
#undef CAPSTONE_DYN_POINTER
extern struct capstone_dyn capstone_dyn;

/* Opens libcapstone and finds every function; false with a one-line reason in err. */
bool capstone_dyn_load(char *err, size_t errlen);

#ifdef CAPSTONE_DYN_CALLS
#define cs_open capstone_dyn.cs_open
#define cs_close capstone_dyn.cs_close
#define cs_disasm capstone_dyn.cs_disasm
#define cs_free capstone_dyn.cs_free
#endif

#endif

/*
 * frontends/elf_loader.h — loading a RISC-V ELF64 program into a guest address space.
 *
 * The loader is strict: every field it uses is checked against the file's
 * size and the guest space before use, so a truncated or hostile ELF ends
 * in one clear error message, never a crash.
 */
#ifndef RVDBT_FRONTENDS_ELF_LOADER_H
#define RVDBT_FRONTENDS_ELF_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "mmu/mmu.h"

struct elf_image {
    uint64_t entry;      /* e_entry, relocated by load_bias */
    uint64_t load_bias;  /* 0 for ET_EXEC */
    uint64_t phdr_addr;  /* guest address of the program headers (for AT_PHDR) */
    uint16_t phnum, phentsize;
    uint64_t lowest, highest; /* page-aligned extent of the loaded segments */
    char interp[256];    /* PT_INTERP path, or "" for a static program */
};

/* Loads `path` into `m`.  On failure returns false and writes a one-line
 * reason (without the path) into err. */
bool elf_load(struct mmu *m, const char *path, struct elf_image *img, char *err, size_t errlen);

#endif

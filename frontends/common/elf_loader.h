/*
 * frontends/common/elf_loader.h — loading a RISC-V ELF64 program into a guest address space.
 *
 * Two steps, because the caller decides where a position-independent file
 * goes (a PIE at the executable base, its dynamic loader in a free gap of
 * the mmap area) and needs the file's extent to decide:
 *   elf_open()  reads and validates the whole file;
 *   elf_map()   maps its PT_LOAD segments at a chosen bias.
 * The loader is strict: every field it uses is checked against the file's
 * size and the guest space before use, so a truncated or hostile ELF ends
 * in one clear error message, never a crash.
 */
#ifndef RVDBT_FRONTENDS_ELF_LOADER_H
#define RVDBT_FRONTENDS_ELF_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/mmu.h"

/* A validated ELF file held in memory. */
struct elf_file {
    uint8_t *data;
    size_t size;
    bool is_dyn;              /* ET_DYN: position independent, needs a bias */
    uint64_t lowest, highest; /* page-aligned extent of the PT_LOAD segments (unrelocated) */
    char interp[256];         /* PT_INTERP path, or "" for a static program */
};

struct elf_image {
    uint64_t entry;      /* e_entry, relocated by load_bias */
    uint64_t load_bias;  /* 0 for ET_EXEC */
    uint64_t phdr_addr;  /* guest address of the program headers (for AT_PHDR) */
    uint16_t phnum, phentsize;
    uint64_t lowest, highest; /* page-aligned extent of the loaded segments */
};

/* Reads and validates `path`.  On failure returns false and writes a
 * one-line reason (without the path) into err; *errno_out (if not NULL)
 * gets the errno of a failed open, or 0 for a bad file. */
bool elf_open(const char *path, struct elf_file *f, int *errno_out, char *err, size_t errlen);
/* Maps f's segments at their addresses plus `bias` (must be 0 for ET_EXEC). */
bool elf_map(struct mmu *m, const struct elf_file *f, uint64_t bias, struct elf_image *img, char *err, size_t errlen);
void elf_close(struct elf_file *f);

/* True if the first bytes of a file (at least 20) are a RISC-V ELF header. */
bool elf_is_riscv(const uint8_t *head, size_t len);

#endif

/*
 * frontends/common/elf_loader.h — loading a RISC-V ELF64 program into a guest address space.
 *
 * Two steps, because the caller decides where a position-independent file
 * goes (a PIE at the executable base, its dynamic loader in a free gap of
 * the mmap area) and needs the file's extent to decide:
 *   elf_open()  reads and validates the file's headers;
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

/* Linux reads at most one page of program headers (fs/binfmt_elf.c,
 * elf_read_phdrs: ENOEXEC beyond ELF_MIN_ALIGN bytes). */
#define ELF_PHDRS_MAX_BYTES 4096

/* A validated ELF file: its headers, and the file, open. */
struct elf_file {
    int fd;        /* open until elf_close: segments are mapped or read from it */
    uint8_t *data; /* the whole file after elf_read_all (system mode's loader), else NULL */
    size_t size;
    uint8_t ehdr[64];                  /* the Elf64_Ehdr (elf.h stays out of this header) */
    uint8_t phdrs[ELF_PHDRS_MAX_BYTES]; /* e_phnum Elf64_Phdr */
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

/* Opens `path` and reads and validates its headers.  On failure returns
 * false and writes a one-line reason (without the path) into err;
 * *errno_out (if not NULL) gets the errno of a failed open, or 0 for a bad
 * file. */
bool elf_open(const char *path, struct elf_file *f, int *errno_out, char *err, size_t errlen);
/* Reads the whole file into f->data (false, with a reason, if it cannot). */
bool elf_read_all(struct elf_file *f, char *err, size_t errlen);
/* Maps f's segments at their addresses plus `bias` (must be 0 for ET_EXEC). */
bool elf_map(struct mmu *m, const struct elf_file *f, uint64_t bias, struct elf_image *img, char *err, size_t errlen);
void elf_close(struct elf_file *f);

/* True if the first bytes of a file (at least 20) are a RISC-V ELF header. */
bool elf_is_riscv(const uint8_t *head, size_t len);

#endif

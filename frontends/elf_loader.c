/*
 * frontends/elf_loader.c — maps an ELF64 RISC-V executable's PT_LOAD segments.
 *
 * The file is read whole, validated (magic, class, endianness, machine, ABI,
 * program headers inside the file, segments inside the guest space), then
 * each segment's pages are mapped, its file bytes copied, and the final
 * protections applied.  Two segments may share a page (the end of .text and
 * the start of .data): such a page gets the union of their permissions.
 */
#include "frontends/elf_loader.h"

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EM_RISCV
#define EM_RISCV 243
#endif
#ifndef EF_RISCV_RVE
#define EF_RISCV_RVE 0x8
#endif
#define MAX_ELF_SIZE (1u << 30)
/* Where a position-independent executable is placed (like Linux's ELF_ET_DYN_BASE, scaled). */
#define PIE_LOAD_BASE 0x2aaaaaa000ull

static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

static uint8_t *read_file(const char *path, size_t *size, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fail(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > MAX_ELF_SIZE) {
                fail(err, errlen, "file larger than %u MiB", MAX_ELF_SIZE >> 20);
                free(buf);
                fclose(f);
                return NULL;
            }
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                fail(err, errlen, "out of memory");
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        fail(err, errlen, "read error");
        free(buf);
        return NULL;
    }
    *size = len;
    return buf;
}

static bool check_header(const Elf64_Ehdr *eh, size_t size, char *err, size_t errlen)
{
    if (size < EI_NIDENT || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) return fail(err, errlen, "not an ELF file");
    if (size < sizeof *eh) return fail(err, errlen, "truncated ELF header");
    if (eh->e_ident[EI_CLASS] != ELFCLASS64) return fail(err, errlen, "not a 64-bit ELF (rvdbt runs RV64 programs)");
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB) return fail(err, errlen, "not a little-endian ELF");
    if (eh->e_machine != EM_RISCV) return fail(err, errlen, "not a RISC-V program (e_machine %u)", eh->e_machine);
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) return fail(err, errlen, "not an executable (e_type %u)", eh->e_type);
    if (eh->e_flags & EF_RISCV_RVE) return fail(err, errlen, "RV64E programs are not supported");
    if (eh->e_phentsize != sizeof(Elf64_Phdr)) return fail(err, errlen, "bad program header size %u", eh->e_phentsize);
    if (eh->e_phnum == 0) return fail(err, errlen, "no program headers");
    if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
        return fail(err, errlen, "program headers outside the file (truncated?)");
    return true;
}

static int prot_of(uint32_t flags)
{
    return (flags & PF_R ? MMU_READ : 0) | (flags & PF_W ? MMU_WRITE : 0) | (flags & PF_X ? MMU_EXEC : 0);
}

static bool load_segment(struct mmu *m, const uint8_t *file, size_t size, const Elf64_Phdr *ph, uint64_t bias,
                         char *err, size_t errlen)
{
    if (ph->p_filesz > ph->p_memsz) return fail(err, errlen, "segment file size exceeds its memory size");
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset) return fail(err, errlen, "segment outside the file (truncated?)");
    uint64_t vaddr = ph->p_vaddr + bias;
    if (vaddr < ph->p_vaddr || vaddr >= MMU_SPACE_SIZE || ph->p_memsz > MMU_SPACE_SIZE - vaddr)
        return fail(err, errlen, "segment at 0x%llx outside the guest address space", (unsigned long long)ph->p_vaddr);
    uint64_t start = vaddr & ~MMU_PAGE_MASK;
    uint64_t end = (vaddr + ph->p_memsz + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    int prot = prot_of(ph->p_flags);
    for (uint64_t page = start; page < end; page += MMU_PAGE_SIZE) {
        int old = mmu_is_mapped(m, page) ? mmu_page_prot(m, page) : -1;
        if (old < 0 && !mmu_map(m, page, MMU_PAGE_SIZE, prot)) return fail(err, errlen, "cannot map guest memory");
        if (old >= 0) mmu_protect(m, page, MMU_PAGE_SIZE, old | prot);
    }
    /* need = 0: the loader writes regardless of the segment's final protection */
    if (mmu_write_bytes(m, vaddr, file + ph->p_offset, ph->p_filesz, 0) != MMU_OK)
        return fail(err, errlen, "cannot write segment");
    return true;
}

bool elf_load(struct mmu *m, const char *path, struct elf_image *img, char *err, size_t errlen)
{
    size_t size;
    uint8_t *file = read_file(path, &size, err, errlen);
    if (!file) return false;
    bool ok = false;
    Elf64_Ehdr eh;
    memset(&eh, 0, sizeof eh);
    memcpy(&eh, file, size < sizeof eh ? size : sizeof eh);
    if (!check_header(&eh, size, err, errlen)) goto out;

    *img = (struct elf_image){.lowest = UINT64_MAX, .phnum = eh.e_phnum, .phentsize = eh.e_phentsize};
    img->load_bias = eh.e_type == ET_DYN ? PIE_LOAD_BASE : 0;
    const uint8_t *phbase = file + eh.e_phoff;
    int loads = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, phbase + i * sizeof ph, sizeof ph);
        if (ph.p_type == PT_INTERP) {
            if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset || ph.p_filesz == 0 ||
                ph.p_filesz >= sizeof img->interp) {
                fail(err, errlen, "bad PT_INTERP");
                goto out;
            }
            memcpy(img->interp, file + ph.p_offset, ph.p_filesz);
            img->interp[ph.p_filesz - 1] = 0;
        }
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
        if (!load_segment(m, file, size, &ph, img->load_bias, err, errlen)) goto out;
        uint64_t lo = (ph.p_vaddr + img->load_bias) & ~MMU_PAGE_MASK;
        uint64_t hi = (ph.p_vaddr + img->load_bias + ph.p_memsz + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
        if (lo < img->lowest) img->lowest = lo;
        if (hi > img->highest) img->highest = hi;
        /* AT_PHDR: the headers' address is where the segment holding e_phoff is mapped */
        if (eh.e_phoff >= ph.p_offset && eh.e_phoff - ph.p_offset < ph.p_filesz)
            img->phdr_addr = ph.p_vaddr + img->load_bias + (eh.e_phoff - ph.p_offset);
        loads++;
    }
    if (!loads) {
        fail(err, errlen, "no loadable segments");
        goto out;
    }
    img->entry = eh.e_entry + img->load_bias;
    if (!(mmu_page_prot(m, img->entry) & MMU_EXEC)) {
        fail(err, errlen, "entry point 0x%llx is not in an executable segment", (unsigned long long)eh.e_entry);
        goto out;
    }
    ok = true;
out:
    free(file);
    return ok;
}

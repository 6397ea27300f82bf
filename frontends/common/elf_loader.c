/*
 * frontends/common/elf_loader.c — maps an ELF64 RISC-V executable's PT_LOAD segments.
 *
 * The file's headers are read and validated (magic, class, endianness,
 * machine, ABI, program headers inside the file, segments inside the file
 * and the guest space, PT_INTERP); then each segment's pages are mapped:
 * its whole pages of file bytes straight from the file (a private mapping,
 * as Linux maps a program: nothing is copied, and only the pages the
 * program touches cost memory), the partial pages at its ends and its .bss
 * as zeroed memory with the file bytes copied in.  Two segments may share
 * a page (the end of .text and the start of .data): such a page is copied,
 * and gets the union of their permissions.  Hostile files are bounded as
 * Linux bounds them: at most 4096 bytes of program headers (73), and
 * segments are mapped by runs of pages, so overlapping 28 GiB segments cost
 * a few system calls each; the bytes copied from the file are bounded too
 * (MAX_LOADED).
 */
#include "frontends/common/elf_loader.h"

#include "frontends/common/file_read.h"

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef EM_RISCV
#define EM_RISCV 243
#endif
#ifndef EF_RISCV_RVE
#define EF_RISCV_RVE 0x8
#endif
#define MAX_ELF_SIZE (1u << 30)
#define MAX_PHNUM (ELF_PHDRS_MAX_BYTES / sizeof(Elf64_Phdr))
_Static_assert(sizeof(Elf64_Ehdr) == sizeof(((struct elf_file *)0)->ehdr), "struct elf_file holds an Elf64_Ehdr");
/* Bytes all PT_LOAD segments together may copy from the file: Linux maps the
 * file, but rvdbt copies, so a small file whose segments all load it whole
 * at different addresses must not cost gigabytes of host memory. */
#define MAX_LOADED ((uint64_t)MAX_ELF_SIZE)

static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

bool elf_is_riscv(const uint8_t *head, size_t len)
{
    Elf64_Ehdr eh;
    if (len < 20 || memcmp(head, ELFMAG, SELFMAG) != 0) return false;
    memcpy(&eh, head, 20);
    return head[EI_CLASS] == ELFCLASS64 && head[EI_DATA] == ELFDATA2LSB && eh.e_machine == EM_RISCV;
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
    if (eh->e_phnum > MAX_PHNUM)
        return fail(err, errlen, "too many program headers (%u; Linux accepts at most %zu)", eh->e_phnum, MAX_PHNUM);
    if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
        return fail(err, errlen, "program headers outside the file (truncated?)");
    return true;
}

static Elf64_Ehdr header_of(const struct elf_file *f)
{
    Elf64_Ehdr eh;
    memcpy(&eh, f->ehdr, sizeof eh);
    return eh;
}

static Elf64_Phdr phdr_of(const struct elf_file *f, const Elf64_Ehdr *eh, unsigned i)
{
    (void)eh; /* (elf_open checked e_phnum) */
    Elf64_Phdr ph;
    memcpy(&ph, f->phdrs + i * sizeof ph, sizeof ph);
    return ph;
}

/* Validates the program headers and records the PT_LOAD extent and PT_INTERP. */
static bool scan_segments(struct elf_file *f, const Elf64_Ehdr *eh, char *err, size_t errlen)
{
    f->lowest = UINT64_MAX;
    f->highest = 0;
    uint64_t loaded = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr ph = phdr_of(f, eh, i);
        if (ph.p_type == PT_INTERP) {
            if (ph.p_offset > f->size || ph.p_filesz > f->size - ph.p_offset || ph.p_filesz == 0 ||
                ph.p_filesz >= sizeof f->interp ||
                file_read_at(f->fd, ph.p_offset, f->interp, ph.p_filesz, err, errlen) != ph.p_filesz ||
                f->interp[ph.p_filesz - 1] != 0)
                return fail(err, errlen, "bad PT_INTERP (the dynamic loader's path)");
        }
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
        if (ph.p_filesz > ph.p_memsz) return fail(err, errlen, "segment file size exceeds its memory size");
        if (ph.p_offset > f->size || ph.p_filesz > f->size - ph.p_offset)
            return fail(err, errlen, "segment outside the file (truncated?)");
        if (ph.p_vaddr >= MMU_SPACE_SIZE || ph.p_memsz > MMU_SPACE_SIZE - ph.p_vaddr)
            return fail(err, errlen, "segment at 0x%llx outside the guest address space", (unsigned long long)ph.p_vaddr);
        if ((loaded += ph.p_filesz) > MAX_LOADED)
            return fail(err, errlen, "segments load more than %llu MiB from the file in total",
                        (unsigned long long)(MAX_LOADED >> 20));
        uint64_t lo = ph.p_vaddr & ~MMU_PAGE_MASK;
        uint64_t hi = (ph.p_vaddr + ph.p_memsz + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
        if (lo < f->lowest) f->lowest = lo;
        if (hi > f->highest) f->highest = hi;
    }
    if (f->highest == 0) return fail(err, errlen, "no loadable segments");
    return true;
}

bool elf_open(const char *path, struct elf_file *f, int *errno_out, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    uint64_t size;
    f->fd = file_open_regular(path, MAX_ELF_SIZE, &size, errno_out, err, errlen);
    if (f->fd < 0) return false;
    f->size = (size_t)size;
    err[0] = 0;
    size_t got = file_read_at(f->fd, 0, f->ehdr, sizeof f->ehdr, err, errlen);
    Elf64_Ehdr eh = header_of(f);
    if (!err[0] && check_header(&eh, got < sizeof eh ? got : f->size, err, errlen)) {
        size_t want = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
        if (file_read_at(f->fd, eh.e_phoff, f->phdrs, want, err, errlen) != want) {
            if (!err[0]) fail(err, errlen, "program headers outside the file (truncated?)");
        } else {
            f->is_dyn = eh.e_type == ET_DYN;
            if (scan_segments(f, &eh, err, errlen)) return true;
        }
    }
    elf_close(f);
    return false;
}

bool elf_read_all(struct elf_file *f, char *err, size_t errlen)
{
    if (!(f->data = malloc(f->size + 1))) return fail(err, errlen, "out of memory");
    err[0] = 0;
    if (file_read_at(f->fd, 0, f->data, f->size, err, errlen) != f->size) {
        if (!err[0]) fail(err, errlen, "the file changed while it was read (truncated?)");
        return false;
    }
    return true;
}

void elf_close(struct elf_file *f)
{
    free(f->data);
    f->data = NULL;
    if (f->fd >= 0) close(f->fd);
    f->fd = -1;
}

static int prot_of(uint32_t flags)
{
    return (flags & PF_R ? MMU_READ : 0) | (flags & PF_W ? MMU_WRITE : 0) | (flags & PF_X ? MMU_EXEC : 0);
}

/* Copies the file's bytes [offset, offset + len) to guest address addr,
 * through a bounce buffer (whatever the pages' final protection). */
static bool copy_from_file(struct mmu *m, const struct elf_file *f, uint64_t addr, uint64_t offset, uint64_t len,
                           char *err, size_t errlen)
{
    enum { CHUNK = 64 * 1024 };
    uint8_t *buf = len ? malloc(len < CHUNK ? len : CHUNK) : NULL;
    if (len && !buf) return fail(err, errlen, "out of memory");
    bool ok = true;
    for (uint64_t done = 0; ok && done < len;) {
        size_t n = len - done < CHUNK ? (size_t)(len - done) : CHUNK;
        err[0] = 0;
        if (file_read_at(f->fd, offset + done, buf, n, err, errlen) != n) {
            if (!err[0]) fail(err, errlen, "the file changed while it was loaded (truncated?)");
            ok = false;
        } else if (mmu_write_bytes(m, addr + done, buf, n, 0) != MMU_OK) { /* need 0: whatever the protection */
            ok = fail(err, errlen, "cannot write segment");
        }
        done += n;
    }
    free(buf);
    return ok;
}

static bool load_segment(struct mmu *m, const struct elf_file *f, const Elf64_Phdr *ph, uint64_t bias, char *err,
                         size_t errlen)
{
    uint64_t vaddr = ph->p_vaddr + bias;
    uint64_t start = vaddr & ~MMU_PAGE_MASK;
    uint64_t end = (vaddr + ph->p_memsz + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    int prot = prot_of(ph->p_flags);
    /* The whole pages of file bytes, [file_lo, file_hi): mapped from the file
     * when address and offset agree within a page (they do in what linkers
     * make) and no other segment has mapped one of them. */
    uint64_t file_lo = (vaddr + MMU_PAGE_MASK) & ~MMU_PAGE_MASK, file_hi = (vaddr + ph->p_filesz) & ~MMU_PAGE_MASK;
    bool from_file = file_hi > file_lo && ((vaddr - ph->p_offset) & MMU_PAGE_MASK) == 0 &&
                     !mmu_is_mapped(m, file_lo) && mmu_same_prot_end(m, file_lo, file_hi) == file_hi &&
                     mmu_map_file_private(m, file_lo, file_hi - file_lo, prot, f->fd, ph->p_offset + (file_lo - vaddr));
    /* Pages a previous segment already mapped (they may share one) keep their
     * contents and gain this segment's permissions.  One call per run of
     * pages in the same state, never one per page: a big .bss is thousands
     * of pages, and a hostile file can overlap 28 GiB segments. */
    for (uint64_t page = start; page < end;) {
        uint64_t run_end = mmu_same_prot_end(m, page, end);
        if (!mmu_is_mapped(m, page)) {
            if (!mmu_map(m, page, run_end - page, prot)) return fail(err, errlen, "cannot map guest memory");
        } else if ((mmu_page_prot(m, page) | prot) != mmu_page_prot(m, page)) {
            mmu_protect(m, page, run_end - page, mmu_page_prot(m, page) | prot);
        }
        page = run_end;
    }
    if (!from_file) return copy_from_file(m, f, vaddr, ph->p_offset, ph->p_filesz, err, errlen);
    /* only the partial pages at the two ends */
    return copy_from_file(m, f, vaddr, ph->p_offset, file_lo - vaddr, err, errlen) &&
           copy_from_file(m, f, file_hi, ph->p_offset + (file_hi - vaddr), vaddr + ph->p_filesz - file_hi, err, errlen);
}

bool elf_map(struct mmu *m, const struct elf_file *f, uint64_t bias, struct elf_image *img, char *err, size_t errlen)
{
    Elf64_Ehdr eh = header_of(f);
    if (bias & MMU_PAGE_MASK || bias >= MMU_SPACE_SIZE || f->highest > MMU_SPACE_SIZE - bias)
        return fail(err, errlen, "program does not fit in the guest address space");
    *img = (struct elf_image){.load_bias = bias, .phnum = eh.e_phnum, .phentsize = eh.e_phentsize,
                              .lowest = f->lowest + bias, .highest = f->highest + bias};
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph = phdr_of(f, &eh, i);
        if (ph.p_type == PT_PHDR) img->phdr_addr = ph.p_vaddr + bias;
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
        if (!load_segment(m, f, &ph, bias, err, errlen)) return false;
        /* AT_PHDR without PT_PHDR: where the segment holding e_phoff is mapped */
        if (!img->phdr_addr && eh.e_phoff >= ph.p_offset && eh.e_phoff - ph.p_offset < ph.p_filesz)
            img->phdr_addr = ph.p_vaddr + bias + (eh.e_phoff - ph.p_offset);
    }
    img->entry = eh.e_entry + bias;
    if (!(mmu_page_prot(m, img->entry) & MMU_EXEC))
        return fail(err, errlen, "entry point 0x%llx is not in an executable segment", (unsigned long long)eh.e_entry);
    return true;
}

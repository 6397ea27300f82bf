/*
 * frontends/system/machine_load.c — loading images into a system-mode machine.
 *
 * Layout in RAM (base 0x8000_0000):
 *   +0        firmware (-bios), or the kernel itself with -bios none
 *   +2 MiB    the kernel when there is firmware (where OpenSBI jumps)
 *   ...       initrd, placed just below the device tree
 *   top 2 MiB the device tree (2 MiB aligned, as Linux maps it early)
 * A file is an ELF if it starts with the ELF magic: it is then validated by
 * frontends/common/elf_loader.c and its segments go to their physical addresses
 * (p_paddr), which must lie in RAM.  Anything else is a flat binary.
 */
#include "frontends/system/machine_load.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/fdt.h"
#include "frontends/common/elf_loader.h"
#include "frontends/common/file_read.h"
#include "frontends/system/initrd_check.h"
#include "frontends/system/machine.h"

#define DTB_AREA (2ull << 20)
#define DTB_MAX (64u << 10)

/* Opens an image file; what = "firmware", "kernel" or "initrd" for messages.
 * Only a regular, non-empty file that fits in the guest RAM is accepted
 * (file_read.h): an endless /dev/zero or FIFO is refused at once. */
static int open_image(const struct machine *m, const char *what, const char *path, uint64_t *size, char *err,
                      size_t errlen)
{
    char why[160];
    int open_errno;
    int fd = file_open_regular(path, m->opt.ram_size, size, &open_errno, why, sizeof why);
    if (fd < 0) {
        if (open_errno)
            snprintf(err, errlen, "cannot open %s '%s': %s", what, path, why);
        else if (!strncmp(why, "too large", 9))
            snprintf(err, errlen, "%s '%s' is larger than the RAM %s: try a larger -m", what, path, why + 10);
        else
            snprintf(err, errlen, "cannot read %s '%s': %s", what, path, why);
        return -1;
    }
    if (*size == 0) {
        close(fd);
        snprintf(err, errlen, "%s '%s' is empty", what, path);
        return -1;
    }
    return fd;
}

/* Reads the whole file straight into guest RAM at addr (the caller checked
 * that it fits).  No buffer in between: Debian's kernel Image is 31 MB, and
 * reading it into a buffer first cost a fresh page per 4 KiB of the buffer
 * and a second copy of every byte (about 4 % of a boot to /init). */
static bool read_into_ram(struct machine *m, const char *what, const char *path, int fd, uint64_t addr,
                          uint64_t size, char *err, size_t errlen)
{
    char why[160] = "";
    size_t got = file_read_at(fd, 0, m->ram + (addr - MACHINE_RAM_BASE), (size_t)size, why, sizeof why);
    if (got == size) return true;
    snprintf(err, errlen, "cannot read %s '%s': %s", what, path, why[0] ? why : "it shrank while being read");
    return false;
}

static bool is_elf(const uint8_t *data, size_t size)
{
    return size >= SELFMAG && memcmp(data, ELFMAG, SELFMAG) == 0;
}

static bool in_ram(const struct machine *m, uint64_t addr, uint64_t len)
{
    return addr >= MACHINE_RAM_BASE && addr - MACHINE_RAM_BASE <= m->opt.ram_size &&
           len <= m->opt.ram_size - (addr - MACHINE_RAM_BASE);
}

/* Looks up a symbol's value in the ELF's symbol table; 0 if absent. */
static uint64_t elf_symbol(const struct elf_file *f, const char *name)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->data;
    if (eh->e_shoff == 0 || eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > f->size ||
        (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > f->size - eh->e_shoff)
        return 0;
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(f->data + eh->e_shoff);
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum) continue;
        const Elf64_Shdr *strtab = &sh[sh[i].sh_link];
        if (sh[i].sh_offset > f->size || sh[i].sh_size > f->size - sh[i].sh_offset) continue;
        if (strtab->sh_offset > f->size || strtab->sh_size > f->size - strtab->sh_offset) continue;
        const Elf64_Sym *sym = (const Elf64_Sym *)(f->data + sh[i].sh_offset);
        const char *str = (const char *)(f->data + strtab->sh_offset);
        size_t nsym = sh[i].sh_size / sizeof(Elf64_Sym), nlen = strlen(name);
        for (size_t k = 0; k < nsym; k++)
            if (sym[k].st_name < strtab->sh_size && strtab->sh_size - sym[k].st_name > nlen &&
                !memcmp(str + sym[k].st_name, name, nlen + 1))
                return sym[k].st_value;
    }
    return 0;
}

/* Loads an ELF's segments at their physical addresses. */
static bool load_elf(struct machine *m, const char *what, const char *path, uint64_t *entry, uint64_t *end,
                     struct machine_boot *boot, char *err, size_t errlen)
{
    struct elf_file f;
    char why[200];
    if (!elf_open(path, &f, NULL, why, sizeof why) || !elf_read_all(&f, why, sizeof why)) {
        snprintf(err, errlen, "%s '%s': %s", what, path, why);
        elf_close(&f);
        return false;
    }
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f.data;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, f.data + eh->e_phoff + i * sizeof ph, sizeof ph); /* elf_open checked the bounds */
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
        if (!in_ram(m, ph.p_paddr, ph.p_memsz)) {
            snprintf(err, errlen, "%s '%s': segment at 0x%llx is outside RAM (0x%llx-0x%llx; try a larger -m)", what,
                     path, (unsigned long long)ph.p_paddr, (unsigned long long)MACHINE_RAM_BASE,
                     (unsigned long long)(MACHINE_RAM_BASE + m->opt.ram_size));
            elf_close(&f);
            return false;
        }
        uint8_t *dst = m->ram + (ph.p_paddr - MACHINE_RAM_BASE);
        memcpy(dst, f.data + ph.p_offset, ph.p_filesz);
        memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
        if (ph.p_paddr + ph.p_memsz > *end) *end = ph.p_paddr + ph.p_memsz;
    }
    *entry = eh->e_entry;
    if (boot) {
        boot->tohost = elf_symbol(&f, "tohost");
        boot->fromhost = elf_symbol(&f, "fromhost");
        if (boot->tohost && !in_ram(m, boot->tohost, 8)) boot->tohost = boot->fromhost = 0;
        if (boot->fromhost && !in_ram(m, boot->fromhost, 8)) boot->fromhost = 0;
    }
    elf_close(&f);
    return true;
}

static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t get64(const uint8_t *p) { return get32(p) | (uint64_t)get32(p + 4) << 32; }

/* A RISC-V Linux Image (Documentation/arch/riscv/boot-image-header.rst:
 * "RSC\x05" at offset 56, the memory it needs, bss included, at offset 16)
 * must fit in RAM; if it is also an EFI (PE) image, as Debian's is, its
 * section table says how long the file must be, so truncation shows. */
static bool check_linux_image(const struct machine *m, const char *path, const uint8_t *d, size_t size,
                              uint64_t addr, char *err, size_t errlen)
{
    if (size < 64 || memcmp(d + 56, "RSC\x05", 4) != 0) return true; /* not a Linux Image: a flat binary */
    uint64_t need = get64(d + 16);
    if (!in_ram(m, addr, need)) {
        snprintf(err, errlen, "kernel '%s' needs %llu MiB of RAM from 0x%llx (try a larger -m)", path,
                 (unsigned long long)(need >> 20), (unsigned long long)addr);
        return false;
    }
    if (d[0] != 'M' || d[1] != 'Z') return true;
    uint32_t pe = get32(d + 0x3c);
    if (pe > size || size - pe < 24 || memcmp(d + pe, "PE\0\0", 4) != 0) return true;
    unsigned sections = d[pe + 6] | d[pe + 7] << 8, optional = d[pe + 20] | d[pe + 21] << 8;
    uint64_t table = (uint64_t)pe + 24 + optional;
    for (unsigned i = 0; i < sections; i++) {
        uint64_t at = table + 40ull * i;
        if (at + 40 > size) {
            snprintf(err, errlen, "kernel '%s' is truncated (its section table ends past the file)", path);
            return false;
        }
        uint64_t end = (uint64_t)get32(d + at + 20) + get32(d + at + 16);
        if (end > size) {
            snprintf(err, errlen, "kernel '%s' is truncated (%zu bytes; its sections need %llu)", path, size,
                     (unsigned long long)end);
            return false;
        }
    }
    return true;
}

/* Loads a file (ELF or flat at `addr`); *entry and *end describe where it went. */
static bool load_image(struct machine *m, const char *what, const char *path, uint64_t addr, uint64_t *entry,
                       uint64_t *end, struct machine_boot *boot, char *err, size_t errlen)
{
    uint64_t size;
    int fd = open_image(m, what, path, &size, err, errlen);
    if (fd < 0) return false;
    uint8_t magic[SELFMAG];
    char why[160] = "";
    if (file_read_at(fd, 0, magic, sizeof magic, why, sizeof why) == sizeof magic && is_elf(magic, sizeof magic)) {
        close(fd);
        return load_elf(m, what, path, entry, end, boot, err, errlen);
    }
    if (!in_ram(m, addr, size)) {
        snprintf(err, errlen, "%s '%s' (%llu bytes) does not fit in RAM at 0x%llx (try a larger -m)", what, path,
                 (unsigned long long)size, (unsigned long long)addr);
        close(fd);
        return false;
    }
    bool ok = read_into_ram(m, what, path, fd, addr, size, err, errlen) &&
              (strcmp(what, "kernel") != 0 ||
               check_linux_image(m, path, m->ram + (addr - MACHINE_RAM_BASE), (size_t)size, addr, err, errlen));
    close(fd);
    if (!ok) return false;
    *entry = addr;
    if (addr + size > *end) *end = addr + size;
    return true;
}

bool machine_load_images(struct machine *m, struct machine_boot *boot, char *err, size_t errlen)
{
    const struct machine_options *o = &m->opt;
    bool have_bios = o->bios && strcmp(o->bios, "none") != 0;
    *boot = (struct machine_boot){0};
    uint64_t end = MACHINE_RAM_BASE, fw_entry = MACHINE_RAM_BASE, kernel_entry = 0;
    if (!have_bios && !o->kernel) {
        snprintf(err, errlen, "nothing to run: -bios none needs -kernel FILE");
        return false;
    }
    if (have_bios && !load_image(m, "firmware", o->bios, MACHINE_RAM_BASE, &fw_entry, &end, NULL, err, errlen))
        return false;
    uint64_t kernel_addr = MACHINE_RAM_BASE + (have_bios ? MACHINE_KERNEL_OFFSET : 0);
    if (o->kernel) {
        if (have_bios && end > kernel_addr) {
            snprintf(err, errlen, "firmware '%s' is larger than 2 MiB and would overlap the kernel", o->bios);
            return false;
        }
        if (!load_image(m, "kernel", o->kernel, kernel_addr, &kernel_entry, &end, boot, err, errlen)) return false;
    }
    boot->start = have_bios ? fw_entry : kernel_entry;
    boot->next_addr = o->kernel ? kernel_entry : kernel_addr;

    uint64_t ram_end = MACHINE_RAM_BASE + o->ram_size;
    boot->dtb = ram_end - DTB_AREA;
    if (end > boot->dtb) {
        snprintf(err, errlen, "the images need more RAM than -m %lluM gives", (unsigned long long)(o->ram_size >> 20));
        return false;
    }
    struct fdt_machine desc = {MACHINE_RAM_BASE, o->ram_size, o->append, 0, 0, o->fb_width, o->fb_height, m->n_harts};
    if (o->initrd) {
        uint64_t size;
        int fd = open_image(m, "initrd", o->initrd, &size, err, errlen);
        if (fd < 0) return false;
        uint64_t at = (boot->dtb - size) & ~0xfffull;
        if (size > boot->dtb - end || at < end) {
            snprintf(err, errlen, "initrd '%s' (%llu bytes) is too large for RAM (try a larger -m)", o->initrd,
                     (unsigned long long)size);
            close(fd);
            return false;
        }
        bool ok = read_into_ram(m, "initrd", o->initrd, fd, at, size, err, errlen);
        close(fd);
        if (!ok) return false;
        char why[96];
        if (!initrd_complete(m->ram + (at - MACHINE_RAM_BASE), (size_t)size, why, sizeof why)) {
            snprintf(err, errlen, "initrd '%s' is truncated: %s", o->initrd, why);
            return false;
        }
        desc.initrd_start = at;
        desc.initrd_end = at + size;
    }
    if (!dev_fdt_build(m->ram + (boot->dtb - MACHINE_RAM_BASE), DTB_MAX, &desc)) {
        snprintf(err, errlen, "the device tree does not fit in %u KiB (a very long -append?)", DTB_MAX >> 10);
        return false;
    }
    return true;
}

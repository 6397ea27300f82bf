/*
 * testsuite/fuzz/fuzz_elf.c — fuzzing the ELF loader (frontends/common/elf_loader.c).
 *
 * LLVMFuzzerTestOneInput() is the libFuzzer entry point: it hands the bytes
 * to elf_open() (through a memfd, since the loader reads files) and, if they
 * validate, maps them with elf_map() into a real guest address space.  The
 * loader must reject anything malformed with an error message — never crash,
 * hang, read outside the file or map outside the guest space (ASan/UBSan
 * and the address-space checks catch those).
 *
 * Two ways to build it:
 *   make fuzz-elf    clang -fsanitize=fuzzer,address,undefined: libFuzzer explores
 *                    from the corpus for FUZZ_ELF_SECONDS (default 60)
 *   make test        gcc, with the small main() below (REPLAY_MAIN): replays every
 *                    corpus file, so the corpus stays a regression test
 *
 * The corpus (the .hex files in testsuite/fuzz/elf-corpus) is kept as hex text so that no
 * binary (and no executable ELF) is committed; each file is one input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "frontends/common/elf_loader.h"
#include "mmu/mmu.h"

#define PIE_BIAS 0x40000000ull

static struct mmu *space;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!space && !(space = mmu_create())) abort();
    int fd = memfd_create("fuzz-elf", MFD_CLOEXEC);
    if (fd < 0) abort();
    if (size && write(fd, data, size) != (ssize_t)size) abort();
    char path[64], err[256];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    struct elf_file f;
    if (elf_open(path, &f, NULL, err, sizeof err)) {
        struct elf_image img;
        if (elf_map(space, &f, f.is_dyn ? PIE_BIAS : 0, &img, err, sizeof err)) {
            /* whatever it mapped must be inside the guest space; then clean up for the next input */
            if (img.highest > MMU_SPACE_SIZE || img.lowest > img.highest) abort();
        }
        uint64_t bias = f.is_dyn ? PIE_BIAS : 0;
        if (f.highest > f.lowest && f.lowest + bias < MMU_SPACE_SIZE) {
            uint64_t end = f.highest + bias > MMU_SPACE_SIZE ? MMU_SPACE_SIZE : f.highest + bias;
            mmu_unmap(space, f.lowest + bias, end - (f.lowest + bias));
        }
        elf_close(&f);
    } else if (!err[0]) {
        abort(); /* a rejection must say why */
    }
    close(fd);
    return 0;
}

#ifdef REPLAY_MAIN
/* Reads a corpus file of hex digits (whitespace ignored) into *out. */
static size_t read_hex(const char *path, uint8_t **out)
{
    FILE *f = fopen(path, "r");
    if (!f) return (size_t)-1;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    int c, hi = -1;
    while (buf && (c = fgetc(f)) != EOF) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0) continue;
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n == cap) buf = realloc(buf, cap *= 2);
        if (buf) buf[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    fclose(f);
    *out = buf;
    return buf ? n : (size_t)-1;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        uint8_t *data;
        size_t n = read_hex(argv[i], &data);
        if (n == (size_t)-1) {
            fprintf(stderr, "fuzz_elf: cannot read %s\n", argv[i]);
            return 2;
        }
        LLVMFuzzerTestOneInput(data, n);
        free(data);
    }
    printf("fuzz_elf: %d corpus inputs replayed without a crash\n", argc - 1);
    return 0;
}
#endif

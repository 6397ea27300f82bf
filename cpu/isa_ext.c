/*
 * cpu/isa_ext.c — the enabled extension set, --cpu parsing, and what the set
 * looks like to software (misa, riscv,isa strings, AT_HWCAP, riscv_hwprobe).
 *
 * See cpu/isa_ext.h for the list.  Everything here is derived from that one
 * list, so a new extension shows up consistently everywhere.
 */
#include "cpu/isa_ext.h"

#include <stdio.h>
#include <string.h>

const struct rv_ext_info rv_ext_info[RV_EXT_COUNT] = {
#define X(name, str, version, letter, hwprobe, flags_) [RV_EXT_##name] = {str, version, letter, hwprobe, flags_},
    RV_EXT_LIST(X)
#undef X
};

#define ALL_EXTS ((uint32_t)((1ull << RV_EXT_COUNT) - 1))

static uint32_t base_exts(void)
{
    uint32_t m = 0;
    for (int e = 0; e < RV_EXT_COUNT; e++)
        if (rv_ext_info[e].flags & RV_EXTF_BASE) m |= 1u << e;
    return m;
}

uint32_t rv_ext_enabled = ALL_EXTS;

static int find_ext(const char *name, size_t len)
{
    for (int e = 0; e < RV_EXT_COUNT; e++)
        if (rv_ext_info[e].name[0] && strlen(rv_ext_info[e].name) == len && !strncmp(rv_ext_info[e].name, name, len))
            return e;
    return -1;
}

/* Sets or clears extension `name` (len bytes); base extensions cannot be turned off. */
static bool set_ext(uint32_t *set, const char *name, size_t len, bool on, char *err, size_t errsize)
{
    int e = find_ext(name, len);
    if (e < 0) {
        snprintf(err, errsize, "unknown extension '%.*s'", (int)len, name);
        return false;
    }
    if (!on && (rv_ext_info[e].flags & RV_EXTF_BASE)) {
        snprintf(err, errsize, "extension '%.*s' is part of rv64gc and cannot be turned off", (int)len, name);
        return false;
    }
    if (on) *set |= 1u << e;
    else *set &= ~(1u << e);
    return true;
}

bool rv_ext_parse(const char *spec, char *err, size_t errsize)
{
    uint32_t set;
    if (!strcmp(spec, "max") || !strcmp(spec, "rva23") || !strcmp(spec, "rva23u64")) {
        rv_ext_enabled = ALL_EXTS;
        return true;
    }
    if (!strncmp(spec, "rv64gc", 6) && (spec[6] == 0 || spec[6] == '_')) {
        /* rv64gc_zba_zbb: the base plus each listed extension */
        set = base_exts();
        for (const char *p = spec + 6; *p;) {
            p++; /* the '_' */
            size_t len = strcspn(p, "_");
            if (!len || !set_ext(&set, p, len, true, err, errsize)) {
                if (!len) snprintf(err, errsize, "empty extension name in '%s'", spec);
                return false;
            }
            p += len;
        }
    } else if (!strncmp(spec, "rv64", 4) && (spec[4] == 0 || spec[4] == ',')) {
        /* QEMU's form: rv64,zba=false,zbb=on */
        set = ALL_EXTS;
        for (const char *p = spec + 4; *p;) {
            p++; /* the ',' */
            size_t len = strcspn(p, ",");
            const char *eq = memchr(p, '=', len);
            if (!eq) {
                snprintf(err, errsize, "'%.*s': want NAME=true or NAME=false", (int)len, p);
                return false;
            }
            size_t vlen = len - (size_t)(eq + 1 - p);
            bool on;
            if ((vlen == 4 && !strncmp(eq + 1, "true", 4)) || (vlen == 2 && !strncmp(eq + 1, "on", 2))) on = true;
            else if ((vlen == 5 && !strncmp(eq + 1, "false", 5)) || (vlen == 3 && !strncmp(eq + 1, "off", 3))) on = false;
            else {
                snprintf(err, errsize, "'%.*s': want NAME=true or NAME=false", (int)len, p);
                return false;
            }
            if (!set_ext(&set, p, (size_t)(eq - p), on, err, errsize)) return false;
            p += len;
        }
    } else {
        snprintf(err, errsize, "unknown CPU '%s' (want max, rv64gc[_EXT...] or rv64[,EXT=true|false...])", spec);
        return false;
    }
    rv_ext_enabled = set;
    return true;
}

uint64_t rv_ext_misa(void)
{
    uint64_t misa = 2ull << 62 | 1u << ('U' - 'A'); /* MXL = 64; user mode always exists */
    for (int e = 0; e < RV_EXT_COUNT; e++)
        if (rv_ext_on((enum rv_ext)e) && rv_ext_info[e].misa_letter) misa |= 1ull << (rv_ext_info[e].misa_letter - 'A');
    /* B is Zba + Zbb + Zbs (the B extension, ratified 2024, names this misa bit) */
    if (rv_ext_on(RV_EXT_ZBA) && rv_ext_on(RV_EXT_ZBB) && rv_ext_on(RV_EXT_ZBS)) misa |= 1u << ('B' - 'A');
    return misa;
}

void rv_ext_isa_string(char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "rv64");
    for (int e = 0; e < RV_EXT_COUNT && n < size; e++) {
        const char *name = rv_ext_info[e].name;
        if (!rv_ext_on((enum rv_ext)e) || !name[0]) continue;
        n += (size_t)snprintf(buf + n, size - n, "%s%s", name[1] ? "_" : "", name);
    }
}

void rv_ext_arch_attribute(char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "rv64");
    for (int e = 0; e < RV_EXT_COUNT && n < size; e++) {
        const struct rv_ext_info *x = &rv_ext_info[e];
        /* the privileged ISA, counters and Sstc have no instructions to assemble */
        if (!rv_ext_on((enum rv_ext)e) || (x->flags & RV_EXTF_NOGATE)) continue;
        n += (size_t)snprintf(buf + n, size - n, "%s%s%s", n > 4 ? "_" : "", x->name, x->version);
    }
}

size_t rv_ext_isa_list(char *buf, size_t size)
{
    size_t n = 0;
    for (int e = 0; e < RV_EXT_COUNT; e++) {
        const char *name = rv_ext_info[e].name;
        size_t len = strlen(name) + 1;
        if (!rv_ext_on((enum rv_ext)e) || !name[0] || n + len > size) continue;
        memcpy(buf + n, name, len);
        n += len;
    }
    return n;
}

uint64_t rv_ext_hwcap(void)
{
    uint64_t hwcap = 0;
    for (int e = 0; e < RV_EXT_COUNT; e++) {
        char l = rv_ext_info[e].misa_letter;
        if (rv_ext_on((enum rv_ext)e) && l && l != 'S') hwcap |= 1ull << (l - 'A');
    }
    return hwcap;
}

uint64_t rv_ext_hwprobe_ima_ext0(void)
{
    uint64_t v = 0;
    for (int e = 0; e < RV_EXT_COUNT; e++)
        if (rv_ext_on((enum rv_ext)e) && rv_ext_info[e].hwprobe_bit >= 0) v |= 1ull << rv_ext_info[e].hwprobe_bit;
    /* IMA_FD wants both F and D; they are base extensions here, always on */
    return v;
}

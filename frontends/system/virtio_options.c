/*
 * frontends/system/virtio_options.c — parsing QEMU's device options (see
 * virtio_options.h).  A value is a comma-separated list of key=value
 * pairs ("file=a,,b.img" is the file "a,b.img", as in QEMU); the first
 * item of -device, -netdev and -nic is the device or network type.
 */
#include "frontends/system/virtio_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 16

struct item {
    char *key, *value; /* value NULL for a bare item ("user", "virtio-rng-device") */
};

static const uint8_t default_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56}; /* QEMU's first NIC */

/* Splits `s` into items (in a copy owned by the caller through *buf). */
static int split(const char *s, char **buf, struct item *items, int max)
{
    char *b = *buf = malloc(strlen(s) + 1);
    if (!b) return -1;
    int n = 0;
    const char *p = s;
    while (n < max) {
        char *start = b;
        while (*p && !(*p == ',' && p[1] != ',')) {
            if (*p == ',') p++; /* ",," is one comma */
            *b++ = *p++;
        }
        *b++ = 0;
        char *eq = strchr(start, '=');
        if (eq) *eq = 0;
        items[n++] = (struct item){start, eq ? eq + 1 : NULL};
        if (!*p) return n;
        p++;
    }
    return -1;
}

static bool on_off(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes")) *out = true;
    else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no")) *out = false;
    else return false;
    return true;
}

static bool parse_mac(const char *v, uint8_t mac[6])
{
    unsigned b[6];
    char tail;
    if (sscanf(v, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6) return false;
    for (int i = 0; i < 6; i++) mac[i] = (uint8_t)b[i];
    return !(mac[0] & 1); /* not a multicast address */
}

static char *dup(const char *s) { return s ? strdup(s) : NULL; }

static bool add_device(struct virtio_options *o, enum machine_virtio_kind kind, const char *ref, const uint8_t *mac,
                       char *err, size_t errlen)
{
    if (o->n_device == VOPT_MAX) {
        snprintf(err, errlen, "too many virtio devices (the machine has %d virtio-mmio slots)", VOPT_MAX);
        return false;
    }
    struct vopt_device *d = &o->device[o->n_device++];
    d->kind = kind;
    d->ref = dup(ref);
    memcpy(d->mac, mac ? mac : default_mac, 6);
    return true;
}

static bool parse_drive(struct virtio_options *o, struct item *it, int n, char *err, size_t errlen)
{
    const char *file = NULL, *id = NULL, *iface = "virtio";
    bool readonly = false;
    for (int i = 0; i < n; i++) {
        const char *k = it[i].key, *v = it[i].value;
        if (!v) {
            snprintf(err, errlen, "-drive: '%s' is not KEY=VALUE", k);
            return false;
        }
        if (!strcmp(k, "file")) file = v;
        else if (!strcmp(k, "id")) id = v;
        else if (!strcmp(k, "if")) iface = v;
        else if (!strcmp(k, "format")) {
            if (strcmp(v, "raw") != 0) {
                snprintf(err, errlen, "-drive: format '%s' is not supported (only raw)", v);
                return false;
            }
        } else if (!strcmp(k, "readonly")) {
            if (!on_off(v, &readonly)) {
                snprintf(err, errlen, "-drive: readonly=%s (want on or off)", v);
                return false;
            }
        } else if (!strcmp(k, "media")) {
            if (strcmp(v, "disk") != 0) {
                snprintf(err, errlen, "-drive: media=%s is not supported (only disk)", v);
                return false;
            }
        } else if (strcmp(k, "cache") && strcmp(k, "aio") && strcmp(k, "discard")) { /* host tuning: accepted, no effect */
            snprintf(err, errlen, "-drive: unknown parameter '%s' (known: file, format, if, id, readonly, media)", k);
            return false;
        }
    }
    if (!file || !*file) {
        snprintf(err, errlen, "-drive: file=IMAGE is missing");
        return false;
    }
    if (strcmp(iface, "virtio") && strcmp(iface, "none")) {
        snprintf(err, errlen, "-drive: if=%s is not supported (virtio or none)", iface);
        return false;
    }
    if (!strcmp(iface, "none") && !id) {
        snprintf(err, errlen, "-drive: if=none needs id=NAME (for -device virtio-blk-device,drive=NAME)");
        return false;
    }
    if (o->n_drive == VOPT_MAX) {
        snprintf(err, errlen, "-drive: too many drives (at most %d)", VOPT_MAX);
        return false;
    }
    for (unsigned i = 0; id && i < o->n_drive; i++)
        if (o->drive[i].id && !strcmp(o->drive[i].id, id)) {
            snprintf(err, errlen, "-drive: duplicate id '%s'", id);
            return false;
        }
    struct vopt_drive *d = &o->drive[o->n_drive++];
    d->id = dup(id);
    d->file = dup(file);
    d->readonly = readonly;
    if (!strcmp(iface, "virtio")) { /* a virtio-blk-device of its own */
        d->used = true;
        char ref[16];
        snprintf(ref, sizeof ref, "#%u", o->n_drive - 1);
        return add_device(o, MACHINE_VIRTIO_BLK, ref, NULL, err, errlen);
    }
    return true;
}

static bool parse_netdev(struct virtio_options *o, const char *opt, struct item *it, int n, char **id_out, char *err,
                         size_t errlen)
{
    if (it[0].value || strcmp(it[0].key, "user") != 0) {
        snprintf(err, errlen, "%s: network type '%s' is not supported (only user)", opt, it[0].key);
        return false;
    }
    if (o->n_netdev == VOPT_MAX) {
        snprintf(err, errlen, "%s: too many networks (at most %d)", opt, VOPT_MAX);
        return false;
    }
    struct vopt_netdev *nd = &o->netdev[o->n_netdev];
    memset(nd, 0, sizeof *nd);
    for (int i = 1; i < n; i++) {
        const char *k = it[i].key, *v = it[i].value;
        if (!v) {
            snprintf(err, errlen, "%s: '%s' is not KEY=VALUE", opt, k);
            return false;
        }
        if (!strcmp(k, "id")) {
            free(nd->id);
            nd->id = dup(v);
        } else if (!strcmp(k, "hostfwd")) {
            if (nd->n_hostfwd == NET_MAX_HOSTFWD) {
                snprintf(err, errlen, "%s: too many hostfwd rules (at most %d)", opt, NET_MAX_HOSTFWD);
                return false;
            }
            if (!net_parse_hostfwd(v, &nd->hostfwd[nd->n_hostfwd++], err, errlen)) return false;
        } else if (id_out && (!strcmp(k, "mac") || !strcmp(k, "model"))) {
            continue; /* -nic: the device's part, read by the caller */
        } else {
            snprintf(err, errlen, "%s: unknown parameter '%s' (known: id, hostfwd%s)", opt, k, id_out ? ", mac, model" : "");
            free(nd->id);
            nd->id = NULL;
            return false;
        }
    }
    if (!id_out && !nd->id) {
        snprintf(err, errlen, "-netdev: id=NAME is missing");
        return false;
    }
    if (id_out && !nd->id) {
        char name[24];
        snprintf(name, sizeof name, "#nic%u", o->n_netdev);
        nd->id = dup(name);
    }
    for (unsigned i = 0; i < o->n_netdev; i++)
        if (!strcmp(o->netdev[i].id, nd->id)) {
            snprintf(err, errlen, "%s: duplicate id '%s'", opt, nd->id);
            free(nd->id);
            nd->id = NULL;
            return false;
        }
    if (id_out) *id_out = nd->id;
    o->n_netdev++;
    return true;
}

static bool parse_device(struct virtio_options *o, struct item *it, int n, char *err, size_t errlen)
{
    const char *type = it[0].key, *ref = NULL;
    uint8_t mac[6];
    bool have_mac = false;
    if (it[0].value) {
        snprintf(err, errlen, "-device: the device type comes first (e.g. -device virtio-rng-device)");
        return false;
    }
    enum machine_virtio_kind kind;
    const char *refkey = NULL;
    if (!strcmp(type, "virtio-blk-device")) kind = MACHINE_VIRTIO_BLK, refkey = "drive";
    else if (!strcmp(type, "virtio-rng-device")) kind = MACHINE_VIRTIO_RNG;
    else if (!strcmp(type, "virtio-net-device")) kind = MACHINE_VIRTIO_NET, refkey = "netdev";
    else {
        snprintf(err, errlen, "unknown device '%s' (available: virtio-blk-device, virtio-net-device, virtio-rng-device)",
                 type);
        return false;
    }
    for (int i = 1; i < n; i++) {
        const char *k = it[i].key, *v = it[i].value;
        if (!v) {
            snprintf(err, errlen, "-device %s: '%s' is not KEY=VALUE", type, k);
            return false;
        }
        if (refkey && !strcmp(k, refkey)) ref = v;
        else if (kind == MACHINE_VIRTIO_NET && !strcmp(k, "mac")) {
            if (!parse_mac(v, mac)) {
                snprintf(err, errlen, "-device %s: bad mac '%s' (want e.g. 52:54:00:12:34:56)", type, v);
                return false;
            }
            have_mac = true;
        } else if (strcmp(k, "id") != 0) {
            snprintf(err, errlen, "-device %s: unknown parameter '%s'", type, k);
            return false;
        }
    }
    if (refkey && !ref) {
        snprintf(err, errlen, "-device %s: %s=ID is missing", type, refkey);
        return false;
    }
    return add_device(o, kind, ref, have_mac ? mac : NULL, err, errlen);
}

static bool parse_nic(struct virtio_options *o, struct item *it, int n, char *err, size_t errlen)
{
    if (!it[0].value && !strcmp(it[0].key, "none") && n == 1) return true;
    uint8_t mac[6];
    bool have_mac = false;
    for (int i = 1; i < n; i++) {
        if (!it[i].value) continue;
        if (!strcmp(it[i].key, "mac")) {
            if (!parse_mac(it[i].value, mac)) {
                snprintf(err, errlen, "-nic: bad mac '%s' (want e.g. 52:54:00:12:34:56)", it[i].value);
                return false;
            }
            have_mac = true;
        }
        if (!strcmp(it[i].key, "model") && strcmp(it[i].value, "virtio") && strcmp(it[i].value, "virtio-net-device")) {
            snprintf(err, errlen, "-nic: model=%s is not supported (virtio)", it[i].value);
            return false;
        }
    }
    char *id;
    if (!parse_netdev(o, "-nic", it, n, &id, err, errlen)) return false;
    return add_device(o, MACHINE_VIRTIO_NET, id, have_mac ? mac : NULL, err, errlen);
}

bool virtio_option_takes_value(const char *opt)
{
    return !strcmp(opt, "-drive") || !strcmp(opt, "-device") || !strcmp(opt, "-netdev") || !strcmp(opt, "-nic");
}

bool virtio_option_parse(struct virtio_options *o, const char *opt, const char *value, char *err, size_t errlen)
{
    if (!strcmp(opt, "-snapshot")) {
        o->snapshot = true;
        return true;
    }
    struct item it[MAX_ITEMS];
    char *buf = NULL;
    int n = split(value, &buf, it, MAX_ITEMS);
    bool ok = false;
    if (n < 0) snprintf(err, errlen, "%s: too many parameters in '%s'", opt, value);
    else if (!*it[0].key) snprintf(err, errlen, "%s: empty value", opt);
    else if (!strcmp(opt, "-drive")) ok = parse_drive(o, it, n, err, errlen);
    else if (!strcmp(opt, "-device")) ok = parse_device(o, it, n, err, errlen);
    else if (!strcmp(opt, "-netdev")) ok = parse_netdev(o, opt, it, n, NULL, err, errlen);
    else if (!strcmp(opt, "-nic")) ok = parse_nic(o, it, n, err, errlen);
    free(buf);
    return ok;
}

bool virtio_options_finish(struct virtio_options *o, struct machine_options *mo, char *err, size_t errlen)
{
    mo->snapshot = o->snapshot;
    mo->n_virtio = 0;
    for (unsigned k = 0; k < o->n_device; k++) {
        struct vopt_device *d = &o->device[k];
        struct machine_virtio *v = &mo->virtio[mo->n_virtio++];
        memset(v, 0, sizeof *v);
        v->kind = d->kind;
        memcpy(v->mac, d->mac, 6);
        if (d->kind == MACHINE_VIRTIO_BLK) {
            struct vopt_drive *dr = NULL;
            if (d->ref[0] == '#') dr = &o->drive[atoi(d->ref + 1)]; /* an if=virtio drive */
            for (unsigned i = 0; !dr && i < o->n_drive; i++)
                if (o->drive[i].id && !strcmp(o->drive[i].id, d->ref)) dr = &o->drive[i];
            if (!dr) {
                snprintf(err, errlen, "-device virtio-blk-device: no -drive with id=%s", d->ref);
                return false;
            }
            if (dr->used && d->ref[0] != '#') {
                snprintf(err, errlen, "-device virtio-blk-device: drive '%s' is already in use", d->ref);
                return false;
            }
            dr->used = true;
            v->file = dr->file;
            v->readonly = dr->readonly;
        } else if (d->kind == MACHINE_VIRTIO_NET) {
            struct vopt_netdev *nd = NULL;
            for (unsigned i = 0; !nd && i < o->n_netdev; i++)
                if (!strcmp(o->netdev[i].id, d->ref)) nd = &o->netdev[i];
            if (!nd) {
                snprintf(err, errlen, "-device virtio-net-device: no -netdev with id=%s", d->ref);
                return false;
            }
            v->hostfwd = nd->hostfwd;
            v->n_hostfwd = nd->n_hostfwd;
        }
    }
    return true;
}

void virtio_options_free(struct virtio_options *o)
{
    for (unsigned i = 0; i < o->n_drive; i++) free(o->drive[i].id), free(o->drive[i].file);
    for (unsigned i = 0; i < o->n_netdev; i++) free(o->netdev[i].id);
    for (unsigned i = 0; i < o->n_device; i++) free(o->device[i].ref);
    memset(o, 0, sizeof *o);
}

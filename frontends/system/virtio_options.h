/*
 * frontends/system/virtio_options.h — QEMU's -drive, -device, -netdev, -nic and
 * -snapshot options of `rvdbt system`, turned into the machine's list of
 * virtio devices (struct machine_options.virtio).
 *
 *   -drive file=IMG[,format=raw][,if=virtio|none][,id=ID][,readonly=on|off]
 *   -device virtio-blk-device,drive=ID | virtio-rng-device
 *         | virtio-net-device,netdev=ID[,mac=52:54:00:12:34:56]
 *   -netdev user,id=ID[,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...
 *   -nic user[,hostfwd=...][,mac=...]      (a user netdev and its virtio-net-device)
 *   -snapshot                              (disk writes stay in memory)
 * Devices take the slots in the order they are given, from the highest
 * address down, as on QEMU.
 */
#ifndef RVDBT_FRONTENDS_VIRTIO_OPTIONS_H
#define RVDBT_FRONTENDS_VIRTIO_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "frontends/system/machine.h"

#define VOPT_MAX 8

struct virtio_options {
    struct vopt_drive {
        char *id, *file;
        bool readonly, used;
    } drive[VOPT_MAX];
    unsigned n_drive;
    struct vopt_netdev {
        char *id;
        struct net_hostfwd hostfwd[NET_MAX_HOSTFWD];
        unsigned n_hostfwd;
    } netdev[VOPT_MAX];
    unsigned n_netdev;
    struct vopt_device {
        enum machine_virtio_kind kind;
        char *ref; /* the drive or netdev id */
        uint8_t mac[6];
    } device[VOPT_MAX + 1]; /* (one more, to report "too many") */
    unsigned n_device;
    bool snapshot;
};

/* Is `opt` one of the options above that takes a value? */
bool virtio_option_takes_value(const char *opt);
/* Parses one option (value NULL for -snapshot).  False with a one-line
 * reason in err (a bad command line). */
bool virtio_option_parse(struct virtio_options *o, const char *opt, const char *value, char *err, size_t errlen);
/* Resolves drive= and netdev= references into mo->virtio.  False with a reason. */
bool virtio_options_finish(struct virtio_options *o, struct machine_options *mo, char *err, size_t errlen);
void virtio_options_free(struct virtio_options *o);

#endif

/*
 * devices/virtio_blk.h — virtio-blk (device ID 2): a raw disk image file.
 *
 * Reads and writes go to the file with pread/pwrite, FLUSH is fsync.  With
 * `snapshot` the file is only read: written blocks live in an in-memory
 * copy-on-write overlay (64 KiB clusters) and are lost at exit, as with
 * QEMU's -snapshot.  A read-only disk (readonly=on, or a file we may not
 * write) offers VIRTIO_BLK_F_RO and fails writes with VIRTIO_BLK_S_IOERR.
 */
#ifndef RVDBT_DEVICES_VIRTIO_BLK_H
#define RVDBT_DEVICES_VIRTIO_BLK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/virtio_mmio.h"

struct virtio_blk {
    int fd;
    bool readonly, snapshot;
    uint64_t size;       /* bytes; the capacity is size / 512 sectors */
    uint8_t **overlay;   /* snapshot: one pointer per cluster, NULL = not written */
    uint64_t n_clusters;
    struct vq_chain chain; /* the request being served (large: not on the stack) */
};

/* Opens the image.  readonly: readonly=on; a file that cannot be opened for
 * writing is read-only too.  False with a one-line reason in err. */
bool dev_virtio_blk_open(struct virtio_blk *b, const char *path, bool readonly, bool snapshot, char *err,
                         size_t errlen);
void dev_virtio_blk_close(struct virtio_blk *b);
/* Puts the disk in a transport slot. */
void dev_virtio_blk_attach(struct virtio_blk *b, struct virtio_mmio *t);

#endif

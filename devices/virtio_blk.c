/*
 * devices/virtio_blk.c — virtio-blk requests (virtio 1.x section 5.2) on a
 * raw image file, with the -snapshot overlay; see virtio_blk.h.
 *
 * A request is one chain: a 16-byte header {u32 type; u32 reserved; u64
 * sector} (device-readable), the data (readable for OUT, writable for IN),
 * and a one-byte status (the last writable byte).
 */
#include "devices/virtio_blk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECTOR 512u
#define CLUSTER (64u << 10)
#define BOUNCE (64u << 10)

#define BLK_F_SEG_MAX (1ull << 2)
#define BLK_F_RO (1ull << 5)
#define BLK_F_FLUSH (1ull << 9)

enum { T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8 };
enum { S_OK = 0, S_IOERR = 1, S_UNSUPP = 2 };
#define ID_BYTES 20

bool dev_virtio_blk_open(struct virtio_blk *b, const char *path, bool readonly, bool snapshot, char *err,
                         size_t errlen)
{
    memset(b, 0, sizeof *b);
    b->fd = -1;
    int fd = readonly || snapshot ? -1 : open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0 && !readonly && !snapshot && errno != EACCES && errno != EROFS && errno != EPERM) {
        snprintf(err, errlen, "cannot open disk image '%s': %s", path, strerror(errno));
        return false;
    }
    if (fd < 0) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            snprintf(err, errlen, "cannot open disk image '%s': %s", path, strerror(errno));
            return false;
        }
        readonly = readonly || !snapshot; /* not writable: a read-only disk, unless writes stay in memory */
    }
    struct stat st;
    off_t end = lseek(fd, 0, SEEK_END); /* (st_size is 0 for a block device) */
    if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) || end < 0) {
        snprintf(err, errlen, "disk image '%s' is not a regular file or a block device", path);
        close(fd);
        return false;
    }
    b->fd = fd;
    b->readonly = readonly;
    b->snapshot = snapshot;
    b->size = (uint64_t)end;
    if (snapshot) {
        b->n_clusters = (b->size + CLUSTER - 1) / CLUSTER;
        b->overlay = calloc(b->n_clusters ? b->n_clusters : 1, sizeof *b->overlay);
        if (!b->overlay) {
            snprintf(err, errlen, "disk image '%s': out of memory for the snapshot overlay", path);
            close(fd);
            b->fd = -1;
            return false;
        }
    }
    return true;
}

void dev_virtio_blk_close(struct virtio_blk *b)
{
    if (b->overlay)
        for (uint64_t i = 0; i < b->n_clusters; i++) free(b->overlay[i]);
    free(b->overlay);
    b->overlay = NULL;
    if (b->fd >= 0) close(b->fd);
    b->fd = -1;
}

/* pread all of it; bytes past the end of the file read as zero. */
static bool read_file(int fd, uint64_t off, uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = pread(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) {
            memset(buf, 0, len);
            return true;
        }
        buf += n, off += (uint64_t)n, len -= (size_t)n;
    }
    return true;
}

static bool write_file(int fd, uint64_t off, const uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = pwrite(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buf += n, off += (uint64_t)n, len -= (size_t)n;
    }
    return true;
}

/* Disk reads and writes, through the overlay when there is one. */
static bool disk_read(struct virtio_blk *b, uint64_t off, uint8_t *buf, size_t len)
{
    if (!b->overlay) return read_file(b->fd, off, buf, len);
    while (len) {
        uint64_t c = off / CLUSTER, in = off % CLUSTER;
        size_t n = CLUSTER - in < len ? CLUSTER - in : len;
        if (b->overlay[c]) memcpy(buf, b->overlay[c] + in, n);
        else if (!read_file(b->fd, off, buf, n)) return false;
        buf += n, off += n, len -= n;
    }
    return true;
}

static bool disk_write(struct virtio_blk *b, uint64_t off, const uint8_t *buf, size_t len)
{
    if (!b->overlay) return write_file(b->fd, off, buf, len);
    while (len) {
        uint64_t c = off / CLUSTER, in = off % CLUSTER;
        size_t n = CLUSTER - in < len ? CLUSTER - in : len;
        if (!b->overlay[c]) { /* copy on write: the cluster as the file has it, then the new bytes */
            uint8_t *p = malloc(CLUSTER);
            if (!p || !read_file(b->fd, c * CLUSTER, p, CLUSTER)) {
                free(p);
                return false;
            }
            b->overlay[c] = p;
        }
        memcpy(b->overlay[c] + in, buf, n);
        buf += n, off += n, len -= n;
    }
    return true;
}

/* Moves `len` bytes between the disk at `off` and the chain's data. */
static uint8_t transfer(struct virtio_blk *b, const struct vq_dma *dma, const struct vq_chain *c, bool in,
                        uint64_t off, uint64_t len)
{
    static uint8_t bounce[BOUNCE];
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < BOUNCE ? (size_t)(len - done) : BOUNCE;
        if (in) {
            if (!disk_read(b, off + done, bounce, n) || vq_chain_write(c, dma, done, bounce, n) != (long)n)
                return S_IOERR;
        } else {
            if (vq_chain_read(c, dma, 16 + done, bounce, n) != (long)n || !disk_write(b, off + done, bounce, n))
                return S_IOERR;
        }
        done += n;
    }
    return S_OK;
}

/* Serves one request; returns the bytes written into the chain, or -1 for
 * a malformed request (a device error, as on QEMU). */
static long serve(struct virtio_blk *b, const struct vq_dma *dma, const struct vq_chain *c)
{
    struct { uint32_t type, reserved; uint64_t sector; } hdr;
    if (c->readable < sizeof hdr || c->writable < 1 || vq_chain_read(c, dma, 0, &hdr, sizeof hdr) != sizeof hdr)
        return -1;
    uint64_t status_at = c->writable - 1, written = 1;
    uint8_t status = S_OK;
    uint64_t capacity = b->size / SECTOR;
    switch (hdr.type) {
    case T_IN:
    case T_OUT: {
        bool in = hdr.type == T_IN;
        uint64_t len = in ? c->writable - 1 : c->readable - sizeof hdr;
        if (len % SECTOR || hdr.sector > capacity || len / SECTOR > capacity - hdr.sector) status = S_IOERR;
        else if (!in && b->readonly) status = S_IOERR;
        else status = transfer(b, dma, c, in, hdr.sector * SECTOR, len);
        if (in) written += len;
        break;
    }
    case T_FLUSH:
        if (!b->snapshot && !b->readonly && fsync(b->fd) != 0) status = S_IOERR;
        break;
    case T_GET_ID: {
        uint8_t id[ID_BYTES] = {0}; /* no serial number: all zeros */
        size_t n = status_at < ID_BYTES ? (size_t)status_at : ID_BYTES;
        if (vq_chain_write(c, dma, 0, id, n) != (long)n) status = S_IOERR;
        written += n;
        break;
    }
    default: status = S_UNSUPP; break;
    }
    if (vq_chain_write(c, dma, status_at, &status, 1) != 1) return -1;
    return (long)written;
}

static void blk_process(struct virtio_mmio *t, unsigned q)
{
    struct virtio_blk *b = t->dev;
    while (dev_virtio_mmio_pop(t, q, &b->chain) == 1) {
        long written = serve(b, t->dma, &b->chain);
        if (written < 0) {
            dev_virtio_mmio_device_error(t, "request without a 16-byte header and a status byte");
            return;
        }
        dev_virtio_mmio_push(t, q, b->chain.head, (uint32_t)written);
    }
}

static const struct virtio_device_ops blk_ops = {
    .name = "virtio-blk", .device_id = VIRTIO_ID_BLOCK, .num_queues = 1, .process = blk_process};

void dev_virtio_blk_attach(struct virtio_blk *b, struct virtio_mmio *t)
{
    uint64_t features = BLK_F_SEG_MAX | BLK_F_FLUSH | (b->readonly ? BLK_F_RO : 0);
    dev_virtio_mmio_attach(t, &blk_ops, b, features, 24);
    uint64_t capacity = b->size / SECTOR;
    uint32_t seg_max = VQ_MAX_SIZE - 2; /* a chain also holds the header and the status */
    memcpy(t->config + 0, &capacity, 8);
    memcpy(t->config + 12, &seg_max, 4);
}

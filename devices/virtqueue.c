/*
 * devices/virtqueue.c — walking split virtqueues safely (see virtqueue.h).
 *
 * Layout in guest memory (all little-endian, like the host):
 *   descriptor table  num x { u64 addr; u32 len; u16 flags; u16 next; }
 *   available ring    u16 flags; u16 idx; u16 ring[num]
 *   used ring         u16 flags; u16 idx; { u32 id; u32 len; } ring[num]
 * Indices are free-running 16-bit counters; entry i lives at i % num.
 */
#include "devices/virtqueue.h"

#include <stdio.h>
#include <string.h>

#define DESC_F_NEXT 1
#define DESC_F_WRITE 2
#define DESC_F_INDIRECT 4

struct vq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};
_Static_assert(sizeof(struct vq_desc) == 16, "the descriptor layout of the virtio spec");

void vq_reset(struct virtq *q)
{
    memset(q, 0, sizeof *q);
}

/* Is [pa, pa+len) inside guest RAM?  Written so that nothing overflows. */
static bool in_ram(const struct vq_dma *dma, uint64_t pa, uint64_t len)
{
    return pa >= dma->ram_base && pa - dma->ram_base <= dma->ram_size && len <= dma->ram_size - (pa - dma->ram_base);
}

bool vq_validate(const struct virtq *q, const struct vq_dma *dma, unsigned max, char *why, size_t whylen)
{
    uint64_t n = q->num;
    if (n == 0 || n > max || (n & (n - 1))) {
        snprintf(why, whylen, "queue size %llu is not a power of two between 1 and %u", (unsigned long long)n, max);
        return false;
    }
    if ((q->desc & 15) || (q->avail & 1) || (q->used & 3)) {
        snprintf(why, whylen, "misaligned ring (descriptors 0x%llx, available 0x%llx, used 0x%llx)",
                 (unsigned long long)q->desc, (unsigned long long)q->avail, (unsigned long long)q->used);
        return false;
    }
    /* (+2: the event-index words, which the spec places after each ring) */
    const struct { const char *name; uint64_t addr, size; } rings[] = {
        {"descriptor table", q->desc, 16 * n}, {"available ring", q->avail, 6 + 2 * n}, {"used ring", q->used, 6 + 8 * n}};
    for (int i = 0; i < 3; i++)
        if (!in_ram(dma, rings[i].addr, rings[i].size)) {
            snprintf(why, whylen, "%s at 0x%llx (%llu bytes) is outside guest RAM", rings[i].name,
                     (unsigned long long)rings[i].addr, (unsigned long long)rings[i].size);
            return false;
        }
    return true;
}

static bool read16(const struct vq_dma *dma, uint64_t pa, uint16_t *v) { return dma->read(dma->opaque, pa, v, 2); }

int vq_pop(struct virtq *q, const struct vq_dma *dma, struct vq_chain *c, char *why, size_t whylen)
{
    uint16_t avail_idx, head;
    if (!q->ready) return 0;
    if (!read16(dma, q->avail + 2, &avail_idx)) {
        snprintf(why, whylen, "available ring at 0x%llx is unreachable", (unsigned long long)q->avail);
        return -1;
    }
    if (avail_idx == q->last_avail) return 0;
    if ((uint16_t)(avail_idx - q->last_avail) > q->num) {
        snprintf(why, whylen, "available index %u is more than the queue size (%u) ahead of %u", avail_idx, q->num,
                 q->last_avail);
        return -1;
    }
    if (!read16(dma, q->avail + 4 + 2ull * (q->last_avail % q->num), &head)) {
        snprintf(why, whylen, "available ring at 0x%llx is unreachable", (unsigned long long)q->avail);
        return -1;
    }
    c->head = head;
    c->n = 0;
    c->readable = c->writable = 0;
    uint16_t i = head;
    for (;;) {
        if (i >= q->num) {
            snprintf(why, whylen, "descriptor index %u is beyond the queue size %u", i, q->num);
            return -1;
        }
        if (c->n == q->num) { /* every descriptor used once already: the chain loops */
            snprintf(why, whylen, "descriptor chain from %u is longer than the queue size %u (a loop)", head, q->num);
            return -1;
        }
        struct vq_desc d;
        if (!dma->read(dma->opaque, q->desc + 16ull * i, &d, sizeof d)) {
            snprintf(why, whylen, "descriptor table at 0x%llx is unreachable", (unsigned long long)q->desc);
            return -1;
        }
        if (d.flags & DESC_F_INDIRECT) {
            snprintf(why, whylen, "descriptor %u is indirect (VIRTIO_F_INDIRECT_DESC was not offered)", i);
            return -1;
        }
        if (d.len > VQ_MAX_CHAIN_BYTES) {
            snprintf(why, whylen, "descriptor %u is %u bytes long (at most %u)", i, d.len, VQ_MAX_CHAIN_BYTES);
            return -1;
        }
        if (!in_ram(dma, d.addr, d.len)) {
            snprintf(why, whylen, "descriptor %u (0x%llx, %u bytes) is outside guest RAM", i,
                     (unsigned long long)d.addr, d.len);
            return -1;
        }
        bool write = d.flags & DESC_F_WRITE;
        if (!write && c->writable) {
            snprintf(why, whylen, "descriptor %u is device-readable after a device-writable one", i);
            return -1;
        }
        if (write) c->writable += d.len;
        else c->readable += d.len;
        if (c->readable + c->writable > VQ_MAX_CHAIN_BYTES) {
            snprintf(why, whylen, "descriptor chain from %u moves more than %u bytes", head, VQ_MAX_CHAIN_BYTES);
            return -1;
        }
        c->seg[c->n++] = (struct vq_seg){d.addr, d.len, write};
        if (!(d.flags & DESC_F_NEXT)) break;
        i = d.next;
    }
    q->last_avail++;
    return 1;
}

bool vq_push(struct virtq *q, const struct vq_dma *dma, uint16_t head, uint32_t written)
{
    uint32_t elem[2] = {head, written};
    if (!dma->write(dma->opaque, q->used + 4 + 8ull * (q->used_idx % q->num), elem, sizeof elem)) return false;
    q->used_idx++;
    /* the entry is written before the index that publishes it */
    return dma->write(dma->opaque, q->used + 2, &q->used_idx, 2);
}

/* Walks the segments of one kind, copying [offset, offset+len) of their stream. */
static long chain_copy(const struct vq_chain *c, const struct vq_dma *dma, bool writable, uint64_t offset, void *buf,
                       size_t len)
{
    size_t done = 0;
    for (unsigned k = 0; k < c->n && done < len; k++) {
        const struct vq_seg *s = &c->seg[k];
        if (s->write != writable) continue;
        if (offset >= s->len) {
            offset -= s->len;
            continue;
        }
        size_t n = s->len - offset;
        if (n > len - done) n = len - done;
        bool ok = writable ? dma->write(dma->opaque, s->addr + offset, (const uint8_t *)buf + done, n)
                           : dma->read(dma->opaque, s->addr + offset, (uint8_t *)buf + done, n);
        if (!ok) return -1;
        done += n;
        offset = 0;
    }
    return (long)done;
}

long vq_chain_read(const struct vq_chain *c, const struct vq_dma *dma, uint64_t offset, void *dst, size_t len)
{
    return chain_copy(c, dma, false, offset, dst, len);
}

long vq_chain_write(const struct vq_chain *c, const struct vq_dma *dma, uint64_t offset, const void *src, size_t len)
{
    return chain_copy(c, dma, true, offset, (void *)src, len);
}

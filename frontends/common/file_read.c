/*
 * frontends/common/file_read.c — reading a whole input file, bounded (see file_read.h).
 */
#include "frontends/common/file_read.h"

#include "mmu/mmu.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_open_regular(const char *path, uint64_t max_size, uint64_t *size, int *errno_out, char *err, size_t errlen)
{
    if (errno_out) *errno_out = 0;
    /* O_NONBLOCK: opening a FIFO with no writer must not wait for one (it is refused below) */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno_out) *errno_out = errno;
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "is a directory");
    } else if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "not a regular file");
    } else if ((uint64_t)st.st_size > max_size) {
        snprintf(err, errlen, "too large (%llu bytes; at most %llu)", (unsigned long long)st.st_size,
                 (unsigned long long)max_size);
    } else {
        *size = (uint64_t)st.st_size;
        return fd;
    }
    close(fd);
    return -1;
}

size_t file_read_at(int fd, uint64_t offset, void *buf, size_t len, char *err, size_t errlen)
{
    size_t n = 0;
    while (n < len) {
        ssize_t r = pread(fd, (uint8_t *)buf + n, len - n, (off_t)(offset + n));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            snprintf(err, errlen, "read error: %s", strerror(errno));
            break;
        }
        if (r == 0) break; /* shrank meanwhile: what is there */
        n += (size_t)r;
    }
    return n;
}

uint8_t *file_read_whole(const char *path, uint64_t max_size, size_t *size, int *errno_out, char *err, size_t errlen)
{
    uint64_t want;
    int fd = file_open_regular(path, max_size, &want, errno_out, err, errlen);
    if (fd < 0) return NULL;
    uint8_t *buf = malloc((size_t)want + 1);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
    } else {
        prefault_for_writing(buf, (size_t)want); /* (read writes all of it) */
        /* Read what fstat promised, no more: a file that grows meanwhile is cut there. */
        err[0] = 0;
        *size = file_read_at(fd, 0, buf, (size_t)want, err, errlen);
        if (err[0]) {
            free(buf);
            buf = NULL;
        }
    }
    close(fd);
    return buf;
}

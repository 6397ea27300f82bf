/*
 * frontends/common/file_read.c — reading a whole input file, bounded (see file_read.h).
 */
#include "frontends/common/file_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint8_t *file_read_whole(const char *path, uint64_t max_size, size_t *size, int *errno_out, char *err, size_t errlen)
{
    if (errno_out) *errno_out = 0;
    /* O_NONBLOCK: opening a FIFO with no writer must not wait for one (it is refused below) */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno_out) *errno_out = errno;
        snprintf(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    uint8_t *buf = NULL;
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "is a directory");
    } else if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "not a regular file");
    } else if ((uint64_t)st.st_size > max_size) {
        snprintf(err, errlen, "too large (%llu bytes; at most %llu)", (unsigned long long)st.st_size,
                 (unsigned long long)max_size);
    } else if (!(buf = malloc((size_t)st.st_size + 1))) {
        snprintf(err, errlen, "out of memory");
    } else {
        /* Read what fstat promised, no more: a file that grows meanwhile is cut there. */
        size_t want = (size_t)st.st_size, n = 0;
        while (n < want) {
            ssize_t r = read(fd, buf + n, want - n);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) {
                snprintf(err, errlen, "read error: %s", strerror(errno));
                free(buf);
                buf = NULL;
                break;
            }
            if (r == 0) break; /* shrank meanwhile: what is there */
            n += (size_t)r;
        }
        *size = n;
    }
    close(fd);
    return buf;
}

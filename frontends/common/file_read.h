/*
 * frontends/common/file_read.h — reading a whole input file (a program, firmware,
 * kernel or initrd) into memory, bounded.
 *
 * Only regular files are read: /dev/zero or a FIFO would never end (and a
 * FIFO with no writer would block the open itself), so they are refused
 * before any byte is read.  The file's size is known from fstat, so a file
 * larger than the caller's limit (the guest RAM, or the most the ELF loader
 * accepts) is refused before reading too.
 */
#ifndef RVDBT_FRONTENDS_FILE_READ_H
#define RVDBT_FRONTENDS_FILE_READ_H

#include <stddef.h>
#include <stdint.h>

/* Reads `path` whole into a malloc'd buffer (*size bytes; at least one
 * byte is allocated, so an empty file is a valid, non-NULL buffer).  On
 * failure returns NULL with a short reason in err ("is a directory", "not a
 * regular file", "too large (N bytes; at most M)", or strerror of the open
 * or read) and, if errno_out is not NULL, the errno of a failed open (0 for
 * the other failures). */
uint8_t *file_read_whole(const char *path, uint64_t max_size, size_t *size, int *errno_out, char *err, size_t errlen);

/* The same checks, without reading: the open descriptor (*size: the file's
 * size by fstat), or -1 with the same reasons as file_read_whole. */
int file_open_regular(const char *path, uint64_t max_size, uint64_t *size, int *errno_out, char *err, size_t errlen);

/* Reads up to len bytes at offset (pread, retried): how many it got; fewer
 * when the file is shorter now, and on a read error (then err says so). */
size_t file_read_at(int fd, uint64_t offset, void *buf, size_t len, char *err, size_t errlen);

#endif

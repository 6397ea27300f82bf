/*
 * frontends/common/host_fds.c — which host file descriptors are rvdbt's own (see host_fds.h).
 *
 * A small list, not a bitmap: rvdbt holds a handful of descriptors at most.
 */
#include "frontends/common/host_fds.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>

#define MAX_TRACKED 4096 /* inherited descriptors above this are not tracked (and so stay the guest's) */
#define MAX_OWN 32

static unsigned char inherited[MAX_TRACKED / 8];
static bool noted;
static int own[MAX_OWN];
static int own_count;

/* Calls fn for every descriptor open in this process. */
static void for_each_open_fd(void (*fn)(int fd))
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return;
    int self = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        int fd = atoi(e->d_name);
        if (fd != self) fn(fd);
    }
    closedir(d);
}

static void note(int fd)
{
    if (fd < MAX_TRACKED) inherited[fd / 8] |= (unsigned char)(1u << (fd % 8));
}

void host_fds_note_inherited(void)
{
    for_each_open_fd(note);
    noted = true;
}

static bool was_inherited(int fd)
{
    return fd >= MAX_TRACKED || (inherited[fd / 8] >> (fd % 8)) & 1;
}

void host_fds_claim(int fd)
{
    if (fd < 0 || host_fd_is_rvdbt(fd)) return;
    if (own_count == MAX_OWN) abort(); /* rvdbt never holds this many */
    own[own_count++] = fd;
    fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

static void claim_if_not_inherited(int fd)
{
    if (!was_inherited(fd)) host_fds_claim(fd);
}

void host_fds_claim_opened(void)
{
    if (noted) for_each_open_fd(claim_if_not_inherited);
}

void host_fds_release(int fd)
{
    for (int i = 0; i < own_count; i++)
        if (own[i] == fd) own[i] = own[--own_count];
}

bool host_fd_is_rvdbt(int fd)
{
    for (int i = 0; i < own_count; i++)
        if (own[i] == fd) return true;
    return false;
}

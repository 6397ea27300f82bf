/*
 * frontends/common/host_fds.h — which host file descriptors are rvdbt's own.
 *
 * In user mode a guest descriptor is the host descriptor of the same number
 * (read(3) is the host's read(3)).  rvdbt also holds descriptors of its own
 * while the guest runs: the --perf-map and --trace files, the GDB stub's
 * sockets.  The guest must not read, write, mmap, dup over or close those,
 * so every system-call argument that is a descriptor is checked here, and one
 * of rvdbt's answers EBADF, as a descriptor the process never opened does.
 *
 * Which ones are rvdbt's: main() notes the descriptors the process inherited
 * (those are the guest's: a program gets its parent's open files); when the
 * guest is about to start, every other open descriptor is rvdbt's.  A
 * descriptor rvdbt opens or closes later says so (host_fds_claim/release).
 */
#ifndef RVDBT_FRONTENDS_HOST_FDS_H
#define RVDBT_FRONTENDS_HOST_FDS_H

#include <stdbool.h>

/* At the start of main(): remember the inherited descriptors. */
void host_fds_note_inherited(void);
/* Before the guest runs: every open descriptor not inherited is rvdbt's
 * (and is made close-on-exec, so a guest execve does not hand it on). */
void host_fds_claim_opened(void);
void host_fds_claim(int fd);
void host_fds_release(int fd);
bool host_fd_is_rvdbt(int fd);

#endif

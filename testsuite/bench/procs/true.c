/* testsuite/bench/procs/true.c — the program the fork+exec and shell rows start:
 * does nothing and exits 0 (a static /bin/true: the cost measured is the
 * emulator's start, not a loader's or libc's). */
int main(void) { return 0; }

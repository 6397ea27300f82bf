"""testsuite/system/serial_console.py — a guest's serial console driven through
pipes, as a user at a terminal would: start the emulator, wait for a text,
type a line, power off.  Used by linux-session.py (the busybox initramfs) and
debian-session.py (Debian's login prompt), for groups 85-87 and make
bench-linux.

Why pipes and not a pty: rvdbt and QEMU both put the UART on stdio, and a
pipe makes every byte the guest prints visible to select() in order, so a
step's answer is found after its own echoed command line and not in what an
earlier command printed.
"""
import os
import select
import subprocess
import time


def read_steps(path):
    """One step a line: the command, a tab, a text its answer must contain
    (a text the command line itself does not contain)."""
    with open(path) as f:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in f if "\t" in line]


class SerialConsole:
    def __init__(self, argv, timeout, log_path=None):
        self.start = time.time()
        self.deadline = self.start + timeout
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.seen = b""
        self.log = open(log_path, "wb") if log_path else None

    def elapsed(self):
        return time.time() - self.start

    def cpu_seconds(self):
        """User + system CPU seconds the emulator has used so far, all its
        threads (from /proc/PID/stat, so it can be read while it runs: the
        steadier number on a shared machine, where wall time is mostly
        waiting for a core).  None once it has exited."""
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        # fields[0] is the state (field 3); utime and stime are fields 14, 15
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def print_boot(self):
        """The "boot:" line (wall seconds since the start) and, where known,
        "boot cpu:" (the emulator's CPU seconds so far)."""
        print("boot: %.1f s" % self.elapsed())
        cpu = self.cpu_seconds()
        if cpu is not None:
            print("boot cpu: %.2f s" % cpu)

    def wait_for(self, text):
        """Read until TEXT appears; keep only what follows it, so the next
        wait needs new output.  False at the deadline or end of output."""
        want = text.encode()
        while want not in self.seen:
            left = self.deadline - time.time()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.proc.stdout], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    return False
                self.seen += chunk
                if self.log:
                    self.log.write(chunk)
                    self.log.flush()
        self.seen = self.seen[self.seen.index(want) + len(want):]
        return True

    def send(self, line):
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def tail(self, n=300):
        return repr(self.seen[-n:])

    def run_steps(self, steps, prompt):
        """Type each (command, answer) step; the answer must come after the
        echoed command line, then PROMPT.  Prints ok/FAIL per step; stops at
        the first failure."""
        for cmd, want in steps:
            self.seen = b""
            self.send(cmd)
            if self.wait_for(cmd) and self.wait_for(want) and self.wait_for(prompt):
                print("ok " + cmd)
            else:
                print("FAIL %s: %s" % (cmd, self.tail()))
                return False
        return True

    def kill(self):
        self.proc.kill()
        self.proc.wait()

    def power_off(self, ok, command):
        """If OK, type COMMAND; wait for the emulator to exit (until the
        deadline) and require status 0.  Prints the poweroff and total
        lines; returns whether everything passed."""
        if ok:
            self.send(command)
        try:
            rest, _ = self.proc.communicate(
                timeout=max(1.0, self.deadline - time.time()) if ok else 1.0)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rest, _ = self.proc.communicate()
            print("FAIL poweroff: the emulator did not exit; last output %r" % rest[-300:])
            ok = False
        if self.log:
            self.log.write(rest)
        if ok and self.proc.returncode != 0:
            print("FAIL poweroff: exit status %d: %r" % (self.proc.returncode, rest[-300:]))
            ok = False
        if ok:
            print("ok %s (status 0)" % command)
        print("total: %.1f s" % self.elapsed())
        return ok

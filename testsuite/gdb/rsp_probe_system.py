#!/usr/bin/env python3
"""testsuite/gdb/rsp_probe_system.py — a raw GDB remote-protocol client for the
system-mode stub (`rvdbt system -g PORT -S`); 85-gdb-system.sh runs it on a
bare-metal program that powers off by itself.

Usage: rsp_probe_system.py PORT

Checks what GDB itself would not show plainly: the machine is stopped at the
reset vector 0x1000 in M mode; misa reads as RV64 IMAFDCSU (the value follows
from the ISA letters, bit n = letter 'A' + n); an invalid privilege cannot be
written; device MMIO is refused for reads and writes (a write to the UART's
data register must print nothing); holes and non-canonical or overflowing
addresses give errors; a breakpoint can go into the boot ROM; a step moves
the pc 4 bytes; and after all that, `c` runs the machine to its power-off
("W" reply).  Prints one line per failed check; exit status 1 if any failed.
"""
import socket
import sys
import time

port = int(sys.argv[1])
failures = []
for attempt in range(100):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=20)
        break
    except OSError:
        time.sleep(0.1)
else:
    print("cannot connect")
    sys.exit(1)

buf = b""


def recv_byte():
    global buf
    while not buf:
        data = s.recv(65536)
        if not data:
            raise EOFError("connection closed")
        buf += data
    c, buf = buf[:1], buf[1:]
    return c


def ask(payload):
    s.sendall(b"$" + payload + b"#" + b"%02x" % (sum(payload) % 256))
    while recv_byte() != b"$":
        pass
    data = b""
    while True:
        c = recv_byte()
        if c == b"#":
            break
        data += c
    recv_byte(), recv_byte()
    s.sendall(b"+")
    return data


def check(name, got, want):
    ok = want(got) if callable(want) else got == want
    if not ok:
        failures.append("%s: got %r" % (name, got if isinstance(got, int) else got[:80]))


def reg(n):
    r = ask(b"p%x" % n)
    return int.from_bytes(bytes.fromhex(r.decode()), "little") if not r.startswith(b"E") else None


is_error = lambda r: r.startswith(b"E")
PRIV, MISA, MHARTID, PC = 4161, 65 + 0x301, 65 + 0xF14, 32
# the default cpu (max) has Zba, Zbb and Zbs, which misa reports as B (spec: misa.B)
misa_letters = sum(1 << (ord(c) - ord("A")) for c in "IMAFDCSUB")

check("target.xml has the CSRs", ask(b"qXfer:features:read:target.xml:0,3fff"),
      lambda r: b"org.gnu.gdb.riscv.csr" in r and b"org.gnu.gdb.riscv.virtual" in r)
check("pc at the reset vector", reg(PC), 0x1000)
check("priv is M", reg(PRIV), 3)
check("misa = RV64 IMAFDCSUB", reg(MISA), (2 << 62) | misa_letters)
check("mhartid", reg(MHARTID), 0)
check("P priv 2 (reserved)", ask(b"P%x=0200000000000000" % PRIV), is_error)
check("p CSR that does not exist", ask(b"p%x" % (65 + 0x7FF)), is_error)
check("m boot ROM", ask(b"m1000,8"), lambda r: len(r) == 16)
check("m UART (MMIO, refused)", ask(b"m10000000,1"), is_error)
check("M UART (MMIO, refused)", ask(b"M10000000,1:41"), is_error)
check("m CLINT mtime (MMIO, refused)", ask(b"m200bff8,8"), is_error)
check("m hole", ask(b"m0,4"), is_error)
check("m top of memory", ask(b"mffffffffffffff00,100"), is_error)
check("m address overflow", ask(b"m1ffffffffffffffff0,10"), is_error)
check("m RAM", ask(b"m80000000,4"), lambda r: len(r) == 8)
rom = ask(b"m1000,8")
check("Z0 in the boot ROM", ask(b"Z0,1000,4"), b"OK")
check("m ROM under a breakpoint shows the original", ask(b"m1000,8"), rom)
check("z0", ask(b"z0,1000,4"), b"OK")
check("m ROM after z0 is the original", ask(b"m1000,8"), rom)
check("s", ask(b"s")[:3], b"T05")
check("pc after s", reg(PC), 0x1004)
check("continue to power-off", ask(b"c"), lambda r: r.startswith(b"W"))

for f in failures:
    print("FAILED " + f)
print("%d checks failed" % len(failures))
sys.exit(1 if failures else 0)

#!/usr/bin/env python3
"""testsuite/gdb/rsp_probe.py — a raw GDB remote-protocol client that sends
the stub hostile and malformed packets (85-gdb-trace.sh runs it).

Usage: rsp_probe.py PORT ELF_ENTRY SQUARE_ADDR   (tracee.elf's entry and `square`)
       rsp_probe.py PORT ELF_ENTRY odd-pc        only: P of an odd pc, then c

odd-pc: on hardware the pc a debugger writes reaches the hart through
sepc/dpc, whose bit 0 is always zero, so `P pc=ENTRY+1` must read back as
ENTRY and `c` must run the program to its normal exit (it once hung).

Every packet below is answered as the protocol manual says it must be: an
error reply ("E..") for malformed input or inaccessible memory, "-" for a
bad checksum, the empty reply for unknown packets.  After the abuse, the
stub must still work: registers read back, memory reads at the entry
point, and `c` runs the guest to its exit ("W" reply).  Prints one line per
failed check and exits 1 if any failed.
"""
import socket
import sys
import time

port, entry = int(sys.argv[1]), int(sys.argv[2], 16)
odd_pc = sys.argv[3] == "odd-pc"
square = 0 if odd_pc else int(sys.argv[3], 16)
failures = []

for attempt in range(100):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
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


def frame(payload):
    return b"$" + payload + b"#" + b"%02x" % (sum(payload) % 256)


def read_reply():
    """Skips acks, returns the payload of the next packet."""
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


def ask(payload):
    s.sendall(frame(payload))
    return read_reply()


def check(name, got, want):
    ok = want(got) if callable(want) else got == want
    if not ok:
        failures.append("%s: got %r" % (name, got[:80]))


is_error = lambda r: r.startswith(b"E")

if odd_pc:
    s.settimeout(20)
    check("P pc odd", ask(b"P20=" + (entry + 1).to_bytes(8, "little").hex().encode()), b"OK")
    check("p pc reads back even", ask(b"p20"), (entry).to_bytes(8, "little").hex().encode())
    check("continue to exit", ask(b"c"), b"W00")
    for f in failures:
        print("FAILED " + f)
    sys.exit(1 if failures else 0)

# a bad checksum must be refused with '-', not executed
s.sendall(b"$g#00")
c = recv_byte()
check("bad checksum", c, b"-")

check("qSupported", ask(b"qSupported:multiprocess+"), lambda r: b"PacketSize=" in r and b"qXfer:features:read+" in r)
check("unknown packet", ask(b"qFrobnicate"), b"")
check("m huge length", ask(b"m10000,ffffffffffffffff"), lambda r: not is_error(r) and 0 < len(r) <= 16384)
check("m unmapped", ask(b"mffffffffffffff00,100"), is_error)
check("m outside the guest", ask(b"m7fffffffffff0000,10"), is_error)
check("m address overflow", ask(b"m1ffffffffffffffff0,10"), is_error)
check("m no length", ask(b"m1000"), is_error)
check("m garbage", ask(b"mxyz,10"), is_error)
check("M length mismatch", ask(b"M%x,4:0011" % entry), is_error)
check("M bad hex", ask(b"M%x,2:zz11" % entry), is_error)
check("M huge length", ask(b"M%x,ffffffffffff:00" % entry), is_error)
check("M unmapped", ask(b"Mffffffffff00,1:00"), is_error)
check("X lone escape", ask(b"X%x,1:}" % entry), is_error)
check("X count mismatch", ask(b"X%x,5:ab" % entry), is_error)
check("X probe", ask(b"X%x,0:" % entry), b"OK")
check("p unknown register", ask(b"pffffffff"), is_error)
check("p huge register", ask(b"p1ffffffffffffffffff"), is_error)
check("P bad value", ask(b"P1=12"), is_error)
check("G too short", ask(b"G0011"), is_error)
check("Z0 unmapped", ask(b"Z0,ffffffffff00,4"), is_error)
check("Z0 odd address", ask(b"Z0,%x,4" % (entry + 1)), is_error)
check("Z2 zero length", ask(b"Z2,%x,0" % entry), is_error)
check("Z9 unknown type", ask(b"Z9,%x,4" % entry), b"")
check("qXfer unknown annex", ask(b"qXfer:features:read:other.xml:0,100"), is_error)
check("qXfer past the end", ask(b"qXfer:features:read:target.xml:ffffff,100"), b"l")
check("vCont garbage", ask(b"vCont;q"), is_error)
# malformed thread ids and actions are refused (vCont;c:zz used to resume the guest)
for bad in (b"vCont;c:zz", b"vCont;s:", b"vCont;c:p1.zz", b"vCont;c:pzz", b"vCont;cx", b"vCont;C1",
            b"vCont;S0g", b"vCont;s:1;c:zz", b"vCont;c;", b"vCont;c:1x"):
    check(bad.decode(), ask(bad), is_error)
# a packet longer than the stub's buffer is refused, not overflowed
s.sendall(frame(b"m" + b"0" * 40000 + b",1"))
check("overlong packet", recv_byte(), b"-")
s.sendall(b"\x03\x03garbage between packets")

# still alive and correct after all that
regs = ask(b"g")
check("g length", regs, lambda r: len(r) == 33 * 16)
pc = int.from_bytes(bytes.fromhex(regs[32 * 16:33 * 16].decode()), "little")
check("pc at the entry point", pc, entry)
check("m entry", ask(b"m%x,4" % entry), lambda r: len(r) == 8)
check("Z0/z0 at entry", ask(b"Z0,%x,4" % entry) + ask(b"z0,%x,4" % entry), b"OKOK")
check("target.xml", ask(b"qXfer:features:read:target.xml:0,fff"), lambda r: b"org.gnu.gdb.riscv.cpu" in r)
# Stepping, which GDB itself does with breakpoints on RISC-V, but other clients
# use: tracee.S starts with auipc, ld (the `la`), li, li, mv, call square, all
# 4 bytes long (.option norvc).
def pc_now():
    r = ask(b"g")
    return int.from_bytes(bytes.fromhex(r[32 * 16:33 * 16].decode()), "little")


check("s", ask(b"s")[:3], b"T05")
check("pc after s", pc_now(), entry + 4)
# (user mode: thread ids are the guest's tids; qC names the one that stopped)
tid = ask(b"qC")[2:]
check("vCont;s of no such thread", ask(b"vCont;s:%s" % (tid + b"0")), is_error)
check("vCont;s", ask(b"vCont;s:%s" % tid)[:3], b"T05")
check("pc after vCont;s", pc_now(), entry + 8)
check("vCont? has range stepping", ask(b"vCont?"), lambda r: r.split(b";")[-1] == b"r")
check("vCont;r", ask(b"vCont;r%x,%x" % (entry + 8, entry + 0x14))[:3], b"T05")
check("pc after stepping the range", pc_now(), entry + 0x14)
check("vCont;r over a call", ask(b"vCont;r%x,%x:%s" % (entry + 0x14, entry + 0x18, tid))[:3], b"T05")
check("pc in the called function", pc_now(), square)
check("vCont;r bad range", ask(b"vCont;rzz"), is_error)

auxv = ask(b"qXfer:auxv:read::0,1000")
check("auxv reply", auxv[:1], b"l")
pairs = [(int.from_bytes(auxv[1 + i:9 + i], "little"), int.from_bytes(auxv[9 + i:17 + i], "little"))
         for i in range(0, len(auxv) - 1, 16)]
check("auxv ends with AT_NULL", pairs[-1:], [(0, 0)])
check("auxv AT_ENTRY (9) is the ELF entry", dict(pairs).get(9), entry)
check("continue to exit", ask(b"c"), lambda r: r.startswith(b"W"))

for f in failures:
    print("FAILED " + f)
print("%d checks failed" % len(failures))
sys.exit(1 if failures else 0)

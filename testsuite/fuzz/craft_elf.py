#!/usr/bin/env python3
"""testsuite/fuzz/craft_elf.py — writes hostile (but well-formed) RISC-V ELF files.

Usage: craft_elf.py KIND [--hex] > FILE

The loader tests (40-bad-input.sh) run them, and the .hex forms are in the
fuzz corpus (testsuite/fuzz/elf-corpus).  Every file is a static ET_EXEC whose
code is `li a0, 42; li a7, 93; ecall` (exit status 42), placed right after
the program headers; the entry point is that code.

  overlapN     N PT_LOAD segments of 28 GiB each, starting one page apart, so
               each overlaps all the others (alternately R+X and R+W; the file is
               a few KB): the loader once spent seconds to minutes on them
  phnum-N      a loadable program with N program headers (PT_NULL after the
               first): Linux refuses more than 4096 bytes of them (73)
  odd-entry    e_entry one byte past the code (Linux runs it from the even address)
  copy-bomb    73 segments, each loading the whole 16 MiB file at a different
               address: 1.1 GiB of copying from a 16 MiB file
  interp-forge a PT_INTERP path holding a newline, a forged "rvdbt:" line and a
               terminal escape sequence (rvdbt must not echo them raw)
"""
import struct
import sys

CODE = struct.pack("<3I", 0x02A00513, 0x05D00893, 0x00000073)  # li a0,42; li a7,93; ecall
BASE = 0x10000
PT_NULL, PT_LOAD, PT_INTERP = 0, 1, 3
PF_X, PF_W, PF_R = 1, 2, 4


def elf(phdrs, entry_delta=0, pad_to=0, tail=b""):
    """phdrs: list of (type, flags, offset, vaddr, filesz, memsz); filesz None = the whole file.
    `tail` follows the code, at tail_offset(len(phdrs))."""
    phoff = 64
    code_off = phoff + 56 * len(phdrs)
    size = max(code_off + len(CODE) + len(tail), pad_to)
    ehdr = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    ehdr += struct.pack("<HHIQQQIHHHHHH", 2, 243, 1, BASE + code_off + entry_delta, phoff, 0, 0x5, 64, 56,
                        len(phdrs), 64, 0, 0)
    out = bytearray(ehdr)
    for (typ, flags, off, vaddr, filesz, memsz) in phdrs:
        fs = size if filesz is None else filesz
        out += struct.pack("<IIQQQQQQ", typ, flags, off, vaddr, vaddr, fs, max(memsz, fs), 0x1000)
    out += CODE + tail
    out += bytes(size - len(out))
    return bytes(out)


def main():
    kind = sys.argv[1]
    whole = (PT_LOAD, PF_R | PF_X, 0, BASE, None, 0)
    if kind.startswith("overlap"):
        n = int(kind[7:])
        data = elf([(PT_LOAD, PF_R | (PF_X if i % 2 == 0 else PF_W), 0, BASE + i * 0x1000, None, 28 << 30)
                    for i in range(n)])
    elif kind.startswith("phnum-"):
        n = int(kind[6:])
        data = elf([whole] + [(PT_NULL, 0, 0, 0, 0, 0)] * (n - 1))
    elif kind == "odd-entry":
        data = elf([whole], entry_delta=1)
    elif kind == "interp-forge":
        path = b"/lib/x\nrvdbt: forged line\x1b[2J\x9b0m\x00"
        data = elf([(PT_INTERP, PF_R, 64 + 56 * 2 + len(CODE), 0, len(path), len(path)), whole], tail=path)
    elif kind == "copy-bomb":
        data = elf([(PT_LOAD, PF_R | PF_X, 0, BASE + i * (32 << 20), None, 0) for i in range(73)],
                   pad_to=16 << 20)
    else:
        sys.exit("craft_elf.py: unknown kind " + kind)
    if "--hex" in sys.argv:
        text = data.hex()
        sys.stdout.write("\n".join(text[i:i + 64] for i in range(0, len(text), 64)) + "\n")
    else:
        sys.stdout.buffer.write(data)


main()

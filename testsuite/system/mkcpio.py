#!/usr/bin/env python3
"""testsuite/system/mkcpio.py — writes a directory tree as a newc cpio archive,
the format Linux unpacks as an initramfs (Documentation/driver-api/early-userspace/
buffer-format.rst).

Usage: mkcpio.py ROOT OUT [--console] [--first-inode N]

Why not `cpio -o -H newc`: the archives must hold entries the building user
cannot create on the host (/dev/console, a character device, needs mknod as
root) and be owned by root whoever builds them; writing the 110-byte ASCII
headers ourselves is shorter than arranging both.  Every entry is owned by
uid/gid 0 with one link, files are 0755 when executable on the host and 0644
otherwise, directories 0755; entries come in sorted order so the archive is
the same on every machine.  --console adds dev/console (char 5:1), which the
kernel opens as the first process's stdin/stdout/stderr.  --first-inode
keeps the inode numbers of a second archive, appended to a first, apart from
the first's (the kernel links entries with equal inodes and nlink > 1 only,
but distinct numbers keep that question from arising).
"""
import argparse
import os

HEADER_FIELDS = ("ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
                 "devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check")


def pad4(n):
    return b"\0" * ((4 - n % 4) % 4)


class CpioWriter:
    def __init__(self, out, first_inode):
        self.out = out
        self.inode = first_inode

    def entry(self, name, mode, data=b"", rdev=(0, 0)):
        values = dict.fromkeys(HEADER_FIELDS, 0)
        values.update(ino=self.inode, mode=mode, nlink=1, filesize=len(data),
                      rdevmajor=rdev[0], rdevminor=rdev[1], namesize=len(name) + 1)
        self.inode += 1
        header = b"070701" + "".join("%08x" % values[f] for f in HEADER_FIELDS).encode()
        self.out.write(header + name.encode() + b"\0" + pad4(len(header) + len(name) + 1))
        self.out.write(data + pad4(len(data)))


def main():
    ap = argparse.ArgumentParser(description="write ROOT as a newc cpio archive")
    ap.add_argument("root")
    ap.add_argument("out")
    ap.add_argument("--console", action="store_true", help="add dev/console (char 5:1)")
    ap.add_argument("--first-inode", type=int, default=1)
    args = ap.parse_args()
    with open(args.out, "wb") as f:
        w = CpioWriter(f, args.first_inode)
        for d, dirs, files in os.walk(args.root):
            dirs.sort()
            rel = os.path.relpath(d, args.root)
            if rel != ".":
                w.entry(rel, 0o40755)
            for n in sorted(files):
                path = os.path.join(d, n)
                with open(path, "rb") as src:
                    data = src.read()
                mode = 0o100755 if os.access(path, os.X_OK) else 0o100644
                w.entry(os.path.normpath(os.path.join(rel, n)), mode, data)
        if args.console:
            w.entry("dev/console", 0o20600, rdev=(5, 1))
        w.entry("TRAILER!!!", 0)


if __name__ == "__main__":
    main()

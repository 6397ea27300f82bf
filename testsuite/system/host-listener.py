#!/usr/bin/env python3
"""testsuite/system/host-listener.py — the host's end of the guest-network tests
(groups 86 and 87): listen on a free TCP port of 127.0.0.1, print the port
number, accept one connection, greet it with "hello-from-the-host", and write
everything the guest sent to OUT when it closes (or goes quiet for 10 s).

Usage: host-listener.py SECONDS OUT      (gives up after SECONDS without a connection)

The guest reaches it as 10.0.2.2:PORT: libslirp maps its gateway address to the
host's loopback, as QEMU's user networking does.
"""
import socket
import sys

timeout, out = float(sys.argv[1]), sys.argv[2]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
print(server.getsockname()[1], flush=True)
server.settimeout(timeout)
conn, _ = server.accept()
conn.sendall(b"hello-from-the-host\n")
conn.settimeout(10)
got = b""
try:
    while True:
        data = conn.recv(4096)
        if not data:
            break
        got += data
except socket.timeout:
    pass
with open(out, "wb") as f:
    f.write(got)

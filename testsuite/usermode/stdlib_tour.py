# testsuite/usermode/stdlib_tour.py — a Python script for the user-mode tests: it imports
# from the standard library (hashing, JSON, regular expressions, random with a fixed seed,
# struct, math, files).  Its output is the same under any CPython 3, so the test compares
# rvdbt running Debian's riscv64 python3.13 with the host's own python3 and with qemu.
# Usage: stdlib_tour.py WRITABLE_DIR   (exit status 5)
import collections, functools, hashlib, json, math, os, random, re, struct, sys
print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.md5(b"rvdbt").hexdigest())
d = json.loads('{"a": [1, 2, {"b": null}], "c": 3.5}')
print(json.dumps(d, sort_keys=True))
random.seed(42); print([random.randint(1, 100) for _ in range(5)])
print(struct.pack("<Iq", 0xdeadbeef, -2).hex())
print(math.factorial(30), math.isqrt(10**20 + 12345), f"{math.sqrt(2):.12f}")
t = sys.argv[1]
if True:
    p = os.path.join(t, "x.txt")
    with open(p, "w") as f: f.write("hello\n" * 3)
    print(os.path.getsize(p), sorted(os.listdir(t)))
words = re.findall(r"\w+", open(sys.argv[0]).read())
os.unlink(p)
print(len(words) > 50, collections.Counter(w[0] for w in words).most_common(1)[0][1] > 5)
sys.exit(5)

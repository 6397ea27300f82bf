# threads_py.py — Python's threading on rvdbt (python3.13-minimal has no queue or
# concurrent.futures: the same patterns are built from threading's own pieces).
import threading
total = 0
lock = threading.Lock()
def work(n):
    global total
    s = sum(i * i for i in range(n))
    with lock:
        total += s
    return s
ts = [threading.Thread(target=work, args=(20000 + i,)) for i in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print("threads total", total)
# a bounded producer/consumer queue on a Condition
items, cond, done = [], threading.Condition(), []
def producer():
    for i in range(2000):
        with cond:
            while len(items) >= 16: cond.wait()
            items.append(i); cond.notify_all()
    with cond:
        done.append(True); cond.notify_all()
got = []
def consumer():
    while True:
        with cond:
            while not items and not done: cond.wait()
            if not items: return
            got.append(items.pop(0)); cond.notify_all()
a = threading.Thread(target=producer); b = threading.Thread(target=consumer)
a.start(); b.start(); a.join(); b.join()
print("queue", len(got), sum(got), got == sorted(got))
sem = threading.Semaphore(2); active = [0]; peak = [0]; alock = threading.Lock()
def limited():
    with sem:
        with alock:
            active[0] += 1; peak[0] = max(peak[0], active[0])
        work(3000)
        with alock: active[0] -= 1
ws = [threading.Thread(target=limited) for _ in range(8)]
for w in ws: w.start()
for w in ws: w.join()
print("semaphore peak <= 2:", peak[0] <= 2)
ev = threading.Event()
threading.Timer(0.05, ev.set).start()
print("event", ev.wait(10))
bar = threading.Barrier(4); order = []
def at_barrier(i):
    bar.wait(); 
    with alock: order.append(i)
bs = [threading.Thread(target=at_barrier, args=(i,)) for i in range(4)]
for t in bs: t.start()
for t in bs: t.join()
print("barrier", sorted(order), threading.active_count())
local = threading.local(); local.x = "main"
def setlocal():
    local.x = "worker"
t = threading.Thread(target=setlocal); t.start(); t.join()
print("local", local.x)

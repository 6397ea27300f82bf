// testsuite/usermode/go/goroutines.go — a Go program for linux/riscv64 that exercises
// what Go's runtime asks of a Linux user-mode emulator: threads (clone with
// CLONE_THREAD, one per busy P), futexes (idle Ms sleep on them), rt_sigaction for every
// signal and sigaltstack per thread, preemption signals (SIGURG sent with tgkill),
// the netpoller's epoll and its wake-up pipe/eventfd (time.Sleep and timers), madvise
// and mmap hints from the garbage collector, and a signal the program sends itself
// (os/signal with SIGUSR1). Its output is deterministic, so it can be compared with
// qemu-riscv64's.
//
// Built by the Makefile with Debian's golang-go: GOOS=linux GOARCH=riscv64 CGO_ENABLED=0.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// a pipeline of goroutines connected by channels: numbers, their squares, a sum
func pipeline(n int) int {
	src := make(chan int)
	sq := make(chan int, 4)
	go func() {
		for i := 1; i <= n; i++ {
			src <- i
		}
		close(src)
	}()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range src {
				sq <- v * v
			}
		}()
	}
	go func() { wg.Wait(); close(sq) }()
	sum := 0
	for v := range sq {
		sum += v
	}
	return sum
}

// work spread over many goroutines that must really run in parallel threads:
// a mutex-protected map and an atomic counter
func parallel(workers, each int) (int, int64) {
	var mu sync.Mutex
	seen := map[int]int{}
	var count int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				atomic.AddInt64(&count, 1)
				if i%100 == 0 {
					mu.Lock()
					seen[w]++
					mu.Unlock()
					runtime.Gosched()
				}
			}
		}(w)
	}
	wg.Wait()
	total := 0
	for _, v := range seen {
		total += v
	}
	return total, count
}

// garbage: many short-lived allocations and a few that survive, so the collector runs
// several cycles (its workers run on other threads) while the live data must survive
type node struct {
	next *node
	val  [16]int
}

func garbage(rounds int) int {
	var keep []*node
	for r := 0; r < rounds; r++ {
		var list *node
		for i := 0; i < 2000; i++ {
			list = &node{next: list}
			list.val[0] = i
		}
		if r%50 == 0 {
			keep = append(keep, list)
		}
		_ = make([]byte, 64<<10)
	}
	sum := 0
	for _, l := range keep {
		for n := l; n != nil; n = n.next {
			sum += n.val[0]
		}
	}
	return sum
}

// a goroutine that never yields: Go 1.14+ preempts it asynchronously with SIGURG
// (tgkill to its thread) so that the others, and the GC, still make progress
func preemption() bool {
	runtime.GOMAXPROCS(2)
	var stop int32
	done := make(chan bool)
	go func() {
		x := 0
		for atomic.LoadInt32(&stop) == 0 {
			x++
		}
		done <- x > 0
	}()
	time.Sleep(20 * time.Millisecond)
	runtime.GC() // needs the spinning goroutine to stop at a safe point
	atomic.StoreInt32(&stop, 1)
	return <-done
}

// sleeps and timers, run by the netpoller (epoll_pwait with a timeout)
func sleeps() []string {
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	start := time.Now()
	for _, d := range []int{30, 10, 20} {
		wg.Add(1)
		go func(d int) {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			mu.Lock()
			order = append(order, fmt.Sprintf("%dms", d))
			mu.Unlock()
		}(d)
	}
	t := time.NewTimer(5 * time.Millisecond)
	<-t.C
	wg.Wait()
	if time.Since(start) < 30*time.Millisecond {
		order = append(order, "too-early")
	}
	return order
}

// a signal the process sends itself, received on a channel (os/signal)
func selfSignal() string {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	defer signal.Stop(c)
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		return "kill: " + err.Error()
	}
	select {
	case s := <-c:
		return "got " + s.String()
	case <-time.After(5 * time.Second):
		return "no signal"
	}
}

// a panic in a goroutine recovered there: the runtime's unwinder, not a fault
func recovered() (msg string) {
	ch := make(chan string)
	go func() {
		defer func() { ch <- fmt.Sprint(recover()) }()
		var m map[string]int
		m["x"] = 1 // assignment to entry in nil map
	}()
	return <-ch
}

// a nil dereference: a real SIGSEGV the runtime turns into a panic (sigaction with
// SA_SIGINFO|SA_ONSTACK, the fault address from siginfo, the pc from ucontext)
func nilFault() (msg string) {
	defer func() { msg = fmt.Sprint(recover()) }()
	var p *node
	return fmt.Sprint(p.val[3])
}

func main() {
	fmt.Println("pipeline:", pipeline(1000))
	n, c := parallel(8, 5000)
	fmt.Println("parallel:", n, c)
	fmt.Println("garbage:", garbage(150))
	fmt.Println("preempted:", preemption())
	s := sleeps()
	sort.Strings(s)
	fmt.Println("sleeps:", s)
	fmt.Println("signal:", selfSignal())
	fmt.Println("recovered:", recovered())
	fmt.Println("nil fault:", nilFault())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("gc ran:", ms.NumGC > 0)
	if len(os.Args) > 1 && os.Args[1] == "exit3" {
		os.Exit(3)
	}
}

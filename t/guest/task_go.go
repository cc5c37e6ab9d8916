// Go runtime (gccgo): many goroutines, unbuffered and buffered channels, a pipeline of
// stages, sync.WaitGroup/Mutex, sync/atomic, select with a timeout and a default case,
// a closed channel in range, and runtime.Gosched. Only aggregated results are printed.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

func square(in <-chan int, out chan<- int) {
	for v := range in {
		out <- v * v
	}
	close(out)
}

func main() {
	// Watchdog: a hang becomes a failure. The Go runtime ignores SIGALRM, so restore its
	// default action (kill) with a raw rt_sigaction, then arm a 20 s ITIMER_REAL.
	var act [3]uint64 // riscv64 kernel sigaction: handler (SIG_DFL), flags, mask
	if _, _, e := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(syscall.SIGALRM),
		uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0); e != 0 {
		fmt.Println("rt_sigaction:", e)
		os.Exit(2)
	}
	it := [4]int64{0, 0, 20, 0} // interval {0,0}, value {20 s, 0}
	if _, _, e := syscall.RawSyscall(syscall.SYS_SETITIMER, 0, uintptr(unsafe.Pointer(&it)), 0); e != 0 {
		fmt.Println("setitimer:", e)
		os.Exit(2)
	}

	// 1000 goroutines each sending one result on a shared channel
	const G = 1000
	results := make(chan int)
	for i := 0; i < G; i++ {
		go func(i int) {
			runtime.Gosched()
			results <- i * 2
		}(i)
	}
	sum := 0
	for i := 0; i < G; i++ {
		sum += <-results
	}
	fmt.Println("goroutines:", G, "sum:", sum)

	// WaitGroup + Mutex + atomic
	var wg sync.WaitGroup
	var mu sync.Mutex
	var counter int
	var acounter int64
	seen := map[int]bool{}
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 500; j++ {
				mu.Lock()
				counter++
				mu.Unlock()
				atomic.AddInt64(&acounter, 2)
			}
			mu.Lock()
			seen[i%16] = true
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("mutex counter:", counter, "atomic counter:", atomic.LoadInt64(&acounter), "keys:", len(seen))

	// pipeline: generator -> square -> square -> collector
	src := make(chan int, 8)
	mid := make(chan int, 8)
	dst := make(chan int)
	go square(src, mid)
	go square(mid, dst)
	go func() {
		for i := 1; i <= 10; i++ {
			src <- i
		}
		close(src)
	}()
	var fourth []int
	for v := range dst {
		fourth = append(fourth, v)
	}
	fmt.Println("pipeline:", fourth)

	// fan-in of workers, results sorted
	jobs := make(chan int, 100)
	out := make(chan string, 100)
	var wg2 sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for j := range jobs {
				out <- fmt.Sprintf("job%02d", j)
			}
		}()
	}
	for j := 0; j < 20; j++ {
		jobs <- j
	}
	close(jobs)
	wg2.Wait()
	close(out)
	var names []string
	for s := range out {
		names = append(names, s)
	}
	sort.Strings(names)
	fmt.Println("fan-in:", len(names), names[0], names[len(names)-1])

	// select with timeout: nothing ever arrives on never
	never := make(chan int)
	start := time.Now()
	select {
	case v := <-never:
		fmt.Println("unexpected value", v)
	case <-time.After(50 * time.Millisecond):
		fmt.Println("select: timeout after >=50ms:", time.Since(start) >= 50*time.Millisecond)
	}
	// select where the value wins over a long timeout
	ready := make(chan string, 1)
	go func() { ready <- "value" }()
	select {
	case v := <-ready:
		fmt.Println("select: got", v)
	case <-time.After(10 * time.Second):
		fmt.Println("select: unexpected timeout")
	}
	// select with default on an empty channel
	select {
	case v := <-never:
		fmt.Println("unexpected", v)
	default:
		fmt.Println("select: default taken")
	}
	// ticker
	tk := time.NewTicker(5 * time.Millisecond)
	ticks := 0
	for range tk.C {
		ticks++
		if ticks == 3 {
			break
		}
	}
	tk.Stop()
	fmt.Println("ticker: ticks", ticks)
}

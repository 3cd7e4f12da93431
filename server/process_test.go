package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Tests that need the program as the operator runs it — signals, peak memory of a separate
// process — build bin/bando once per test run into a temporary folder.
var bandoBin struct {
	once sync.Once
	path string
	err  error
}

func bandoBinary(t testing.TB) string {
	t.Helper()
	bandoBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "bando-bin-")
		if err != nil {
			bandoBin.err = err
			return
		}
		bandoBin.path = filepath.Join(dir, "bando")
		out, err := exec.Command("go", "build", "-o", bandoBin.path, ".").CombinedOutput()
		if err != nil {
			bandoBin.err = err
			t.Logf("%s", out)
		}
	})
	if bandoBin.err != nil {
		t.Fatalf("building bando: %v", bandoBin.err)
	}
	return bandoBin.path
}

// child is one run of the built program.
type child struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
	done           chan struct{}
	waitErr        error
	elapsed        time.Duration
}

func startBando(t testing.TB, args ...string) *child {
	t.Helper()
	return startChild(t, exec.Command(bandoBinary(t), args...))
}

// startMeasured starts the built program through a small helper process (this test binary
// again, see init below) that reports the program's own peak resident memory. Linux counts in
// a child's ru_maxrss the memory of the process it was forked from while the two share it (Go
// starts programs with vfork), so a large test process would be counted instead of the program.
func startMeasured(t testing.TB, args ...string) (*child, func() float64) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "peak-rss")
	prog := os.Getenv("BANDO_BIN") // another build to compare with, e.g. an older one
	if prog == "" {
		prog = bandoBinary(t)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BANDO_MEASURE_PROGRAM="+prog, "BANDO_MEASURE_REPORT="+report,
		"BANDO_MEASURE_ARGS="+string(must(json.Marshal(args))))
	c := startChild(t, cmd)
	return c, func() float64 {
		data, err := os.ReadFile(report)
		if err != nil {
			t.Fatalf("no peak memory reported: %v", err)
		}
		kb, _ := strconv.ParseFloat(strings.TrimSpace(string(data)), 64)
		return kb / 1024
	}
}

// init is the measuring helper of startMeasured: run the program, write its peak resident
// memory in KB, exit with its exit code.
func init() {
	prog := os.Getenv("BANDO_MEASURE_PROGRAM")
	if prog == "" {
		return
	}
	var args []string
	_ = json.Unmarshal([]byte(os.Getenv("BANDO_MEASURE_ARGS")), &args)
	cmd := exec.Command(prog, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Signals sent to the helper are for the program.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(125)
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(125)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		_ = os.WriteFile(os.Getenv("BANDO_MEASURE_REPORT"), []byte(strconv.FormatInt(ru.Maxrss, 10)), 0o644)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func startChild(t testing.TB, cmd *exec.Cmd) *child {
	t.Helper()
	c := &child{cmd: cmd, done: make(chan struct{})}
	c.cmd.Stdout, c.cmd.Stderr = &c.stdout, &c.stderr
	// stdin: a pipe that stays open and is never written, as a terminal nobody types in.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c.cmd.Stdin = r
	t.Cleanup(func() { r.Close(); w.Close() })
	start := time.Now()
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		c.elapsed = time.Since(start)
		close(c.done)
	}()
	t.Cleanup(func() {
		select {
		case <-c.done:
		default:
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

// wait waits at most limit for the process to end and returns its exit code; -1 when it had
// to be killed.
func (c *child) wait(t testing.TB, limit time.Duration) int {
	t.Helper()
	select {
	case <-c.done:
	case <-time.After(limit):
		_ = c.cmd.Process.Kill()
		<-c.done
		t.Errorf("%v still running after %v: killed\nstderr: %s", c.cmd.Args[1:], limit, c.stderr.String())
		return -1
	}
	return c.cmd.ProcessState.ExitCode()
}

// syncBuffer is a bytes.Buffer the child's output copier and the test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

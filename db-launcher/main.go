// Command db-launcher runs FerretDB 1.24 (SQLite backend) embedded, as the
// job tracker's MongoDB-wire-compatible development and test database.
//
// It prints exactly one line on stdout, the MongoDB URI, once the listener
// accepts connections, so a parent process can wait for that line. Logs go
// to stderr. SIGTERM or SIGINT stops it cleanly (exit 0).
//
// Besides FerretDB's own indexes, it keeps an index on the expression
// FerretDB's SQLite backend looks `_id` up by on every collection (see
// idindex.go).
//
// Exit codes, so that a parent can tell failures apart without reading
// messages (src/db/embedded.ts maps them to error codes):
//
//	0  stopped by SIGTERM, SIGINT or the end of stdin
//	1  any other failure
//	2  bad command line (the flag package's code)
//	3  the data directory is in use by another server (its lock is held)
//	4  cannot listen on the address (the port is taken, ...)
//	5  the data directory cannot be created or written
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (port 0 picks a free port)")
	dataDir := flag.String("data", ".data", "directory for the SQLite database files")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	watchStdin := flag.Bool("exit-on-stdin-eof", false, "stop when stdin closes (the parent process died)")
	flag.Parse()

	if err := run(*listen, *dataDir, *logLevel, *watchStdin); err != nil {
		fmt.Fprintln(os.Stderr, "db-launcher:", err)
		code := exitOther
		var coded *exitError
		if errors.As(err, &coded) {
			code = coded.code
		}
		os.Exit(code)
	}
}

// Exit codes (see the package comment).
const (
	exitOther              = 1
	exitDataDirInUse       = 3
	exitCannotListen       = 4
	exitDataDirNotWritable = 5
)

// exitError is a failure with its own exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func run(listen, dataDir, logLevel string, watchStdin bool) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return &exitError{exitDataDirNotWritable, fmt.Errorf("cannot create data directory: %w", err)}
	}

	// Two servers on one data directory would each cache their own view of its SQLite files: refuse the second.
	// The lock is released by the kernel when this process ends, however it ends.
	lock, err := os.OpenFile(filepath.Join(abs, "launcher.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return &exitError{exitDataDirNotWritable, fmt.Errorf("cannot write in the data directory: %w", err)}
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return &exitError{exitDataDirInUse, fmt.Errorf("data directory %s is in use by another database server", abs)}
	}

	// Fail fast with a readable message when the port is taken; FerretDB's
	// listener would otherwise only log the error.
	probe, err := net.Listen("tcp", listen)
	if err != nil {
		return &exitError{exitCannotListen, fmt.Errorf("cannot listen on %s: %w", listen, err)}
	}
	if _, port, _ := net.SplitHostPort(listen); port == "0" {
		listen = probe.Addr().String()
	}
	probe.Close()

	// The first pass runs before FerretDB opens the files: collections stored by an earlier run are indexed
	// before the first query.
	indexer := newIDIndexer(abs, logger)
	indexer.pass(context.Background())

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if watchStdin {
		// A parent that is SIGKILLed cannot stop us; its end of our stdin closing is the one signal that always
		// arrives, so no orphan server outlives the service.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	var indexing sync.WaitGroup
	indexing.Add(1)
	go func() {
		defer indexing.Done()
		indexer.watch(ctx, indexInterval)
	}()
	// Whatever ends the server, the indexer's connection is closed before the process exits.
	defer func() {
		stop()
		indexing.Wait()
	}()

	uri := f.MongoDBURI()
	if err := waitAccepting(ctx, listen, 10*time.Second); err != nil {
		return err
	}
	fmt.Println(uri)

	return <-done
}

func waitAccepting(ctx context.Context, addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			return c.Close()
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("listener on %s did not accept connections: %w", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Command db-launcher runs FerretDB 1.24 (SQLite backend) embedded, as the
// job tracker's MongoDB-wire-compatible development and test database.
//
// It prints exactly one line on stdout, the MongoDB URI, once the listener
// accepts connections, so a parent process can wait for that line. Logs go
// to stderr. SIGTERM or SIGINT stops it cleanly (exit 0).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
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
		os.Exit(1)
	}
}

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
		return fmt.Errorf("cannot create data directory: %w", err)
	}

	// Two servers on one data directory would each cache their own view of its SQLite files: refuse the second.
	// The lock is released by the kernel when this process ends, however it ends.
	lock, err := os.OpenFile(filepath.Join(abs, "launcher.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("cannot open lock file: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return fmt.Errorf("data directory %s is in use by another database server", abs)
	}

	// Fail fast with a readable message when the port is taken; FerretDB's
	// listener would otherwise only log the error.
	probe, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", listen, err)
	}
	if _, port, _ := net.SplitHostPort(listen); port == "0" {
		listen = probe.Addr().String()
	}
	probe.Close()

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

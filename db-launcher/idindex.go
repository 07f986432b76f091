package main

// FerretDB 1.24's SQLite backend indexes `_id` on the expression _ferretdb_sjson->"_id" but looks `_id` up with
// _ferretdb_sjson->'$._id' (metadata.IDColumn in internal/backends/sqlite). SQLite uses an expression index only
// for a query expression of the same text, so every `_id` equality (find, update and delete by `_id`) scans its
// whole table. The indexer gives every collection table an index on the exact expression the backend queries by:
// at start, and while the server runs for collections created, dropped and created again.
//
// FerretDB never sees these indexes (it lists and drops indexes from its own metadata), and SQLite drops one with
// its table, so they need no bookkeeping. They are not unique: FerretDB's own unique index keeps enforcing `_id`.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses, already linked in
)

const (
	// idExpr must stay byte for byte FerretDB's metadata.IDColumn: SQLite matches index expressions by text.
	idExpr = `_ferretdb_sjson->'$._id'`
	// idIndexPrefix starts our index names; FerretDB names its own "<table>_<index name>", so they never clash.
	idIndexPrefix = "_jobtracker_id_"
	// collectionsTable is FerretDB's list of the collections in a database file (name -> table_name).
	collectionsTable = "_ferretdb_collections"
	// indexInterval is how often database files are looked at; an unchanged file costs two stat calls.
	indexInterval = 250 * time.Millisecond
)

// idIndexer keeps the `_id` lookup index on every collection of the database files (one per database, *.sqlite)
// in one directory. Not safe for concurrent use: one goroutine runs it.
type idIndexer struct {
	dir    string
	logger *slog.Logger
	// done remembers, per file, how it looked when it was last found fully indexed: a collection can only have
	// been created since if the file (or its write-ahead log) changed.
	done map[string]fileVersion
	// failing holds files whose last check failed, so a lasting failure is logged once, not every interval.
	failing map[string]bool
}

type fileVersion struct {
	ino, size, walSize int64
	mod, walMod        time.Time
}

func newIDIndexer(dir string, logger *slog.Logger) *idIndexer {
	return &idIndexer{dir: dir, logger: logger, done: map[string]fileVersion{}, failing: map[string]bool{}}
}

// watch checks the directory every interval until ctx ends.
func (x *idIndexer) watch(ctx context.Context, interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			x.pass(ctx)
		}
	}
}

// pass indexes every collection that lacks the index in the files that changed since they were last checked.
func (x *idIndexer) pass(ctx context.Context) {
	files, _ := filepath.Glob(filepath.Join(x.dir, "*.sqlite"))
	present := map[string]bool{}
	for _, file := range files {
		present[file] = true
		version, ok := versionOf(file)
		if !ok || x.done[file] == version {
			continue
		}
		created, err := ensureIDIndexes(ctx, file)
		for _, table := range created {
			x.logger.Info("created the _id lookup index", slog.String("file", file), slog.String("table", table))
		}
		if err != nil {
			// Retried next interval: the database may be mid-creation, a table mid-drop, or the file busy.
			level := slog.LevelDebug
			if !x.failing[file] {
				level = slog.LevelWarn
			}
			x.failing[file] = true
			x.logger.Log(ctx, level, "cannot index _id yet", slog.String("file", file), slog.String("error", err.Error()))
			continue
		}
		delete(x.failing, file)
		// The version read before the check: a collection created during it changes the file again.
		x.done[file] = version
	}
	for file := range x.done {
		if !present[file] {
			delete(x.done, file)
		}
	}
	for file := range x.failing {
		if !present[file] {
			delete(x.failing, file)
		}
	}
}

func versionOf(file string) (fileVersion, bool) {
	db, err := os.Stat(file)
	if err != nil {
		return fileVersion{}, false
	}
	v := fileVersion{size: db.Size(), mod: db.ModTime()}
	if st, ok := db.Sys().(*syscall.Stat_t); ok {
		v.ino = int64(st.Ino) // a database dropped and created again is a new file
	}
	if wal, err := os.Stat(file + "-wal"); err == nil {
		v.walSize, v.walMod = wal.Size(), wal.ModTime()
	}
	return v, true
}

// ensureIDIndexes creates the `_id` lookup index on every collection table of one database file that lacks it.
//
// It opens its own short-lived connection beside FerretDB's (SQLite in WAL mode allows that) and closes it at once:
// FerretDB deletes a database's file on dropDatabase, which should find no connection of ours open.
func ensureIDIndexes(ctx context.Context, file string) (created []string, err error) {
	// mode=rw: never re-create a file FerretDB has just deleted. busy_timeout: wait for FerretDB's writes to end.
	dsn := (&url.URL{Scheme: "file", Path: file, RawQuery: "mode=rw&_pragma=busy_timeout(5000)"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	rows, err := db.QueryContext(ctx,
		`SELECT table_name FROM `+collectionsTable+` c WHERE NOT EXISTS (
			SELECT 1 FROM sqlite_schema s WHERE s.type = 'index' AND s.name = ? || c.table_name)`,
		idIndexPrefix)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, table)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	for _, table := range tables {
		q := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s)", quoteIdent(idIndexPrefix+table), quoteIdent(table), idExpr)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return created, fmt.Errorf("table %s: %w", table, err)
		}
		created = append(created, table)
	}
	return created, nil
}

// quoteIdent quotes an SQLite identifier (collection names may hold any character).
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

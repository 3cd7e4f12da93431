package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/andybalholm/brotli"
)

// runCompress writes FILE.br (brotli quality 11, window 2^24, the largest a browser decodes)
// and FILE.gz (gzip 9) beside each FILE, for the server and for static hosting. The default
// 4 MB window misses repeats further apart than that in a wasm of 10-20 MB (≈20 KB more on
// the wire for app.wasm). Writes go through a temporary file and a rename, so a server
// running meanwhile never serves half a file.
func runCompress(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compress", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() == 0 {
		return usageErr("uso: bando compress FILE...")
	}
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			return unreadable(err)
		}
		var br, gz bytes.Buffer
		bw := brotli.NewWriterOptions(&br, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
		gw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		for _, w := range []io.WriteCloser{bw, gw} {
			if _, err := w.Write(data); err != nil {
				return err
			}
			if err := w.Close(); err != nil {
				return err
			}
		}
		for ext, b := range map[string][]byte{".br": br.Bytes(), ".gz": gz.Bytes()} {
			if err := writeAtomic(name+ext, b); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "%s: %d byte, brotli %d, gzip %d\n", name, len(data), br.Len(), gz.Len())
	}
	return nil
}

func writeAtomic(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

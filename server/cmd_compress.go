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
		raw, br, gz, err := compressFile(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d byte, brotli %d, gzip %d\n", name, raw, br, gz)
	}
	return nil
}

// compressFile writes name.br and name.gz and returns the three sizes.
func compressFile(name string) (raw, br, gz int, err error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, 0, 0, unreadable(err)
	}
	b, g := compressBytes("br", data, brotli.BestCompression, 24), compressBytes("gzip", data, 0, 0)
	for ext, c := range map[string][]byte{".br": b, ".gz": g} {
		if err := writeAtomic(name+ext, c); err != nil {
			return 0, 0, 0, err
		}
	}
	return len(data), len(b), len(g), nil
}

// compressBytes is data in brotli at the given quality and window (0: brotli's default, 2^22)
// or in gzip at its best.
func compressBytes(enc string, data []byte, brQuality, brWindow int) []byte {
	var buf bytes.Buffer
	var w io.WriteCloser
	if enc == "br" {
		w = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brQuality, LGWin: brWindow})
	} else {
		w, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
	}
	// Writing to a bytes.Buffer cannot fail.
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

func writeAtomic(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

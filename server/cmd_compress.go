package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"io"
	"os"

	"github.com/andybalholm/brotli"
)

// runCompress writes FILE.br (brotli quality 11, window 2^24, the largest a browser decodes)
// and FILE.gz (gzip 9) beside each FILE, for the server and for static hosting. The default
// 4 MB window misses repeats further apart than that in a wasm of 10-20 MB (≈20 KB more on
// the wire for app.wasm). Writes go through a temporary file and a rename, so a server
// running meanwhile never serves half a file.
func runCompress(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compress", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() == 0 {
		return usageErr("uso: bando compress FILE...")
	}
	for _, name := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, br, gz, err := compressFile(ctx, name)
		if err != nil {
			return err
		}
		tprintf(stdout, "%s: %d byte, brotli %d, gzip %d\n", name, raw, br, gz)
	}
	return nil
}

// compressFile writes name.br and name.gz and returns the three sizes. Brotli 11 takes tens of
// seconds on a wasm: an interruption (ctx) stops it and writes nothing.
func compressFile(ctx context.Context, name string) (raw, br, gz int, err error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, 0, 0, unreadable(err)
	}
	b, err := compressBytesCtx(ctx, "br", data, brotli.BestCompression, 24)
	if err != nil {
		return 0, 0, 0, err
	}
	g, err := compressBytesCtx(ctx, "gzip", data, 0, 0)
	if err != nil {
		return 0, 0, 0, err
	}
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
	out, _ := compressBytesCtx(context.Background(), enc, data, brQuality, brWindow) // never fails without a context to end
	return out
}

// compressChunk: compressBytesCtx hands data to the compressor in pieces of this size and
// checks the context between them.
const compressChunk = 256 << 10

// compressBytesCtx is compressBytes that stops, with ctx's error, when ctx is done.
func compressBytesCtx(ctx context.Context, enc string, data []byte, brQuality, brWindow int) ([]byte, error) {
	var buf bytes.Buffer
	var w io.WriteCloser
	if enc == "br" {
		w = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brQuality, LGWin: brWindow})
	} else {
		w, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
	}
	// Writing to a bytes.Buffer cannot fail.
	for len(data) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := min(len(data), compressChunk)
		_, _ = w.Write(data[:n])
		data = data[n:]
	}
	_ = w.Close()
	return buf.Bytes(), ctx.Err()
}

func writeAtomic(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

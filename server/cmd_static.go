package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"bando/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// runStatic writes the whole app as static files (go-app's GenerateStaticWebsite) for any web
// host or CDN: the pages of every route, the service worker, the manifest, and web/ with the
// wasm and its .br/.gz copies (serve them with Content-Encoding where the host can).
func runStatic(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("static", flag.ContinueOnError)
	fset.SetOutput(stderr)
	out := fset.String("out", "dist", "folder to write the site to")
	var site siteFlags
	site.register(fset)
	if err := fset.Parse(args); err != nil {
		return usageErr("%v", err)
	}
	// Every call is linted before a file is written: a refused one leaves no half site.
	cat, l, err := site.open(ctx, stderr)
	if err != nil {
		return err
	}
	h := newHandler(version, site.web, site.domain)
	cat.configure(h)
	if err := app.GenerateStaticWebsite(*out, h, ui.Pages()...); err != nil {
		return fmt.Errorf("sito statico: %w", err)
	}
	if err := cat.write(*out); err != nil {
		return err
	}
	if err := writeBuilderFiles(*out); err != nil {
		return fmt.Errorf("sito statico: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	n, skipped, err := copyTreeSkipped(ctx, site.web, filepath.Join(*out, "web"))
	if err != nil {
		return err
	}
	for _, s := range skipped {
		tprintf(stderr, "%s/%s: non copiato (file nascosto o collegamento fuori da %s) / not copied (hidden, or a link out of %s)\n", site.web, s, site.web, site.web)
	}
	z, err := compressTextFiles(ctx, *out)
	if err != nil {
		return err
	}
	cat.report(stdout, l)
	tprintf(stdout, "sito statico in %s (%d file in web/, %d file di testo con la copia .br e .gz)\n", *out, n, z)
	return nil
}

// staticText are the extensions of the text files a static host should send compressed.
var staticText = map[string]bool{".html": true, ".js": true, ".css": true, ".json": true, ".webmanifest": true, ".svg": true}

// compressTextFiles writes a .br and a .gz beside every text file of the site of at least
// compressMin bytes, for hosts that serve precompressed files (nginx's gzip_static and
// brotli_static, most CDNs); the wasm programs have theirs already.
func compressTextFiles(ctx context.Context, dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !staticText[filepath.Ext(p)] {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if fi, err := d.Info(); err != nil || fi.Size() < compressMin {
			return err
		}
		if _, _, _, err := compressFile(ctx, p); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}

// copyTree copies the files of src into dst, keeping their times, as serve would serve them:
// hidden files and folders (.git, .env) and anything a symbolic link leads to outside src are
// left out, each named in the returned list of skipped paths.
func copyTree(ctx context.Context, src, dst string) (int, error) {
	n, _, err := copyTreeSkipped(ctx, src, dst)
	return n, err
}

func copyTreeSkipped(ctx context.Context, src, dst string) (int, []string, error) {
	n := 0
	var skipped []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		slash := filepath.ToSlash(rel)
		if rel != "." && hiddenPath(slash) {
			skipped = append(skipped, slash)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		f, err := openWebFile(src, slash)
		if err != nil { // a link out of src, to a folder, or to nothing
			skipped = append(skipped, slash)
			return nil
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return err
		}
		out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, f); err != nil {
			out.Close()
			return err
		}
		if err := out.Close(); err != nil {
			return err
		}
		n++
		// Keep the times: they tell a stale app.wasm.br from a fresh one (see precompressed).
		return os.Chtimes(target, info.ModTime(), info.ModTime())
	})
	return n, skipped, err
}

package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/bits"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressText compresses every text response of next — the pages, go-app's app.js,
// wasm_exec.js, app.css and manifest, Bootstrap Italia's stylesheet (600 KB raw, 60 KB in
// brotli) — with the best encoding the browser accepts. Without it they went out raw, and the
// stylesheet alone was a quarter of a first visit's bytes besides the wasm. The wasm programs
// are not its business: precompressed serves them, compressed at build time.
//
// Memory is what bounds a server under a crowd of first visits (issue 12: 500 at once took
// ~770 MB when every response was held whole while the first compression ran), so no request
// holds a whole body unless it is small:
//   - what is not compressed (errors, fonts, images, small bodies whose length is known) is
//     streamed to the client as next writes it;
//   - a body that headers identify (its length, and its Last-Modified or, but for pages, its
//     ETag: every file and every resource go-app serves) is compressed once, at a high level,
//     and kept: the first request streams it into the compressor, the ones that arrive
//     meanwhile discard what next writes and wait for the result, later ones get it at once;
//   - a page (under compressKeepMin) is gathered and compressed quickly each time: go-app
//     renders pages per request with attributes in map order, so no two are surely alike;
//   - anything else is compressed as it streams.
type compressText struct {
	next http.Handler

	mu    sync.Mutex
	cache map[compressKey]*compressedBody
	// filling holds a token while a kept body is being compressed (see keep).
	filling chan struct{}
}

// compressedBody is one body compressed once. done is closed when out is ready (ok) or when
// its compression was abandoned (a panic in next): waiters then serve the request again.
type compressedBody struct {
	done chan struct{}
	buf  bytes.Buffer
	out  []byte
	ok   bool
}

// compressKey identifies a body by what its headers say: a new deployment (another ETag) or
// an edited file (another time or length) is never answered with an old copy.
type compressKey struct {
	path, enc, etag, modified string
	size                      int64
}

// compressible are the content types worth compressing; fonts (woff2), images and the wasm
// are compressed already or elsewhere.
var compressible = []string{"text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml"}

// compressMin: below this size the headers cost more than compression saves.
const compressMin = 1024

// compressKeepMin: bodies at least this large are compressed once and kept; smaller ones are
// the most a request gathers before compressing.
const compressKeepMin = 16 << 10

// compressCacheMax bounds the cache: more distinct bodies than an app has means something
// varies per request, and those are compressed as they stream instead.
const compressCacheMax = 256

// Brotli qualities: keptQuality for bodies compressed once (11 takes seconds on the 600 KB
// stylesheet, 9 tens of milliseconds for 2% more bytes), quickQuality for the per-request ones.
const (
	keptQuality  = 9
	quickQuality = 5
)

func compressed(next http.Handler) *compressText {
	return &compressText{next: next, cache: map[compressKey]*compressedBody{}, filling: make(chan struct{}, 1)}
}

func (c *compressText) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	accept := r.Header.Get("Accept-Encoding")
	enc := ""
	switch {
	case acceptsEncoding(accept, "br"):
		enc = "br"
	case acceptsEncoding(accept, "gzip"):
		enc = "gzip"
	}
	// Range requests and HEAD are left as they are: a compressed body has other byte offsets.
	if enc == "" || r.Header.Get("Range") != "" || r.Method == http.MethodHead {
		c.next.ServeHTTP(w, r)
		return
	}
	// The browser revalidates with the ETag it got, the one marked with the encoding below.
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		r = r.Clone(r.Context())
		r.Header.Set("If-None-Match", strings.NewReplacer(`-br"`, `"`, `-gzip"`, `"`).Replace(inm))
	}
	cw := &compressWriter{c: c, w: w, enc: enc, path: r.URL.Path, status: http.StatusOK, size: -1}
	defer cw.abandon()
	c.next.ServeHTTP(cw, r)
	if cw.finish() {
		return
	}
	// The compression this request waited for was abandoned: serve it again, streaming.
	again := &compressWriter{c: c, w: w, enc: enc, path: r.URL.Path, status: http.StatusOK, size: -1, noCache: true}
	c.next.ServeHTTP(again, r)
	again.finish()
}

// How a compressWriter handles the body, decided at its first byte.
const (
	modeUndecided = iota
	modePass      // as it is, streamed
	modeSmall     // gathered (at most compressKeepMin), compressed quickly at the end
	modeStream    // compressed as it streams to the client
	modeFill      // the first request of a kept body: compressed into the cache
	modeWait      // a kept body being compressed by another request: discarded, then served from the cache
	modeServed    // a kept body served from the cache: what next writes is discarded
)

// compressWriter is the http.ResponseWriter next writes to.
type compressWriter struct {
	c       *compressText
	w       http.ResponseWriter
	enc     string
	path    string
	noCache bool

	mode   int
	status int
	size   int64 // from Content-Length; -1 unknown
	small  bytes.Buffer
	zw     io.WriteCloser // modeStream, modeFill
	entry  *compressedBody
	key    compressKey
	closed bool
}

func (cw *compressWriter) Header() http.Header { return cw.w.Header() }

func (cw *compressWriter) WriteHeader(status int) {
	if cw.mode != modeUndecided {
		return
	}
	cw.status = status
	if status != http.StatusOK { // errors, 304s: as they are
		cw.mode = modePass
		cw.w.WriteHeader(status)
	}
}

func (cw *compressWriter) Write(p []byte) (int, error) {
	if cw.mode == modeUndecided {
		cw.decide(p)
	}
	switch cw.mode {
	case modePass:
		return cw.w.Write(p)
	case modeSmall:
		if cw.small.Len()+len(p) <= compressKeepMin {
			return cw.small.Write(p)
		}
		// Longer than its headers said, or than a body of unknown length may be gathered.
		cw.startStream()
		if _, err := cw.zw.Write(cw.small.Bytes()); err != nil {
			return 0, err
		}
		cw.small = bytes.Buffer{}
		return cw.zw.Write(p)
	case modeStream, modeFill:
		return cw.zw.Write(p)
	}
	return len(p), nil // modeWait, modeServed: the body comes from the cache
}

// Flush sends what next wrote so far: a body being gathered starts streaming compressed.
func (cw *compressWriter) Flush() {
	switch cw.mode {
	case modeSmall:
		body := cw.small.Bytes()
		cw.startStream()
		_, _ = cw.zw.Write(body)
		cw.small = bytes.Buffer{}
		fallthrough
	case modeStream:
		if f, ok := cw.zw.(interface{ Flush() error }); ok {
			_ = f.Flush()
		}
		fallthrough
	case modePass:
		if f, ok := cw.w.(http.Flusher); ok {
			f.Flush()
		}
	}
}

// decide picks the mode from the headers next has set and the first bytes of the body.
func (cw *compressWriter) decide(first []byte) {
	h := cw.w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", http.DetectContentType(first))
	}
	size := int64(-1)
	if n, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64); err == nil && n >= 0 {
		size = n
	}
	cw.size = size
	etag, modified := h.Get("ETag"), h.Get("Last-Modified")
	switch {
	case h.Get("Content-Encoding") != "" || !isCompressible(h.Get("Content-Type")) || size >= 0 && size < compressMin:
		cw.mode = modePass
		cw.w.WriteHeader(cw.status)
	case size >= 0 && identified(h) && !cw.noCache:
		cw.key = compressKey{path: cw.path, enc: cw.enc, etag: etag, modified: modified, size: size}
		cw.keep()
	case size >= compressKeepMin:
		cw.startStream()
	default: // small, or of unknown length: gathered up to compressKeepMin
		cw.mode = modeSmall
	}
}

// identified reports whether the headers of a response name its body: a file (its time) or
// a resource of a deployment (its ETag) that is not a page. go-app renders a page per request,
// and another page of the same route and length is not surely the same text.
func identified(h http.Header) bool {
	ct, _, _ := strings.Cut(h.Get("Content-Type"), ";")
	return h.Get("Last-Modified") != "" || h.Get("ETag") != "" && strings.TrimSpace(ct) != "text/html"
}

// keep finds or starts the kept copy of the body.
func (cw *compressWriter) keep() {
	cw.c.mu.Lock()
	e, found := cw.c.cache[cw.key]
	if !found && len(cw.c.cache) < compressCacheMax {
		e = &compressedBody{done: make(chan struct{})}
		cw.c.cache[cw.key] = e
	}
	cw.c.mu.Unlock()
	switch {
	case e == nil: // the cache is full
		cw.startStream()
	case !found:
		// One kept body is compressed at a time: at quality 9 the stylesheet's tables take
		// 40 MB, and several at once on a cold start were most of the server's memory.
		cw.c.filling <- struct{}{}
		cw.entry, cw.mode = e, modeFill
		cw.zw = newEncoder(cw.enc, keptQuality, cw.key.size, &e.buf)
	default:
		cw.entry, cw.mode = e, modeWait
		select {
		case <-e.done:
			if e.ok {
				cw.serveKept()
			}
		default:
		}
	}
}

// startStream sends the headers of a compressed response and compresses the rest as it comes.
func (cw *compressWriter) startStream() {
	cw.encodedHeaders()
	cw.w.Header().Del("Content-Length")
	cw.w.WriteHeader(cw.status)
	cw.mode = modeStream
	cw.zw = newEncoder(cw.enc, quickQuality, cw.size, cw.w)
}

// serveKept answers with the kept compressed body.
func (cw *compressWriter) serveKept() {
	cw.mode = modeServed
	cw.writeEncoded(cw.entry.out)
}

// finish ends the response; false means the kept body this request waited for was abandoned
// and the request must be served again.
func (cw *compressWriter) finish() bool {
	cw.closed = true
	switch cw.mode {
	case modeUndecided:
		if cw.status != http.StatusOK {
			cw.w.WriteHeader(cw.status)
		}
	case modeSmall:
		body := cw.small.Bytes()
		if len(body) < compressMin {
			cw.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			cw.w.WriteHeader(cw.status)
			_, _ = cw.w.Write(body)
			return true
		}
		var out bytes.Buffer
		zw := newEncoder(cw.enc, quickQuality, int64(len(body)), &out)
		_, _ = zw.Write(body) // to a bytes.Buffer: cannot fail
		_ = zw.Close()
		cw.writeEncoded(out.Bytes())
	case modeStream:
		_ = cw.zw.Close()
	case modeFill:
		_ = cw.zw.Close()
		<-cw.c.filling
		e := cw.entry
		e.out, e.ok = e.buf.Bytes(), true
		close(e.done)
		cw.writeEncoded(e.out)
	case modeWait:
		<-cw.entry.done
		if !cw.entry.ok {
			return false
		}
		cw.serveKept()
	}
	return true
}

// abandon runs when next returns or panics: a kept body left half compressed is dropped and
// its waiters are released, to serve their requests again.
func (cw *compressWriter) abandon() {
	if cw.closed || cw.mode != modeFill {
		return
	}
	<-cw.c.filling
	cw.c.mu.Lock()
	delete(cw.c.cache, cw.key)
	cw.c.mu.Unlock()
	close(cw.entry.done)
}

// encodedHeaders marks the response as compressed with cw.enc.
func (cw *compressWriter) encodedHeaders() {
	h := cw.w.Header()
	h.Set("Content-Encoding", cw.enc)
	h.Add("Vary", "Accept-Encoding")
	if etag := h.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		// The same validator for two different bodies would break caches between them.
		h.Set("ETag", strings.TrimSuffix(etag, `"`)+"-"+cw.enc+`"`)
	}
}

// writeEncoded answers with a whole compressed body.
func (cw *compressWriter) writeEncoded(out []byte) {
	cw.encodedHeaders()
	cw.w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	cw.w.WriteHeader(cw.status)
	_, _ = cw.w.Write(out)
}

// newEncoder returns a brotli (at quality) or gzip (at its best) writer to w, for a body of
// size bytes (-1: unknown). Brotli's window is cut to the body: its match tables are sized by
// the window, and at quality 9 a 4 MB window costs 33 MB of tables even for a 3 KB page,
// while a 64 KB one costs 1.4 MB for the same output.
func newEncoder(enc string, quality int, size int64, w io.Writer) io.WriteCloser {
	if enc == "br" {
		win := 22
		if size >= 0 {
			win = min(max(bits.Len64(uint64(size)), 16), 22)
		}
		return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: quality, LGWin: win})
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	return zw
}

func isCompressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	for _, p := range compressible {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	return false
}

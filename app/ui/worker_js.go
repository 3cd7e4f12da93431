//go:build js && wasm

package ui

import (
	"context"
	"encoding/json"
	"time"

	"bando/app/job"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page's end of the signing worker: a dedicated Web Worker running web/worker.js, which
// loads web/worker.wasm (wasm/worker: app/pdf and app/pec, kept out of this program). It is
// started when the applicant first reaches the review or the signing page (startWorker, from
// signEntry and signPage): by the time they ask for the PDF it has loaded, and an applicant
// who only fills in the form never pays for it. The service worker keeps worker.js with the
// app and worker.wasm once the form takes input (cacheWorkerWasm), so it starts offline too.
// One worker per tab; it is started again after a crash.

// workerURL is the worker's bootstrap script (also listed in the server's cacheable resources).
const workerURL = "/web/worker.js"

var signer struct {
	w       app.Value
	next    int
	pending map[int]*pendingJob
	funcs   []app.Func
	started float64 // when it was started, on the page's clock
}

type pendingJob struct {
	ctx      app.Context
	progress func(job.Progress)
	done     func(jobResult)
	start    float64
}

// startWorker starts the signing worker if it is not running. It returns at once: the worker
// loads on its own thread, and jobs sent meanwhile wait for it.
func startWorker() {
	if signer.w != nil {
		return
	}
	err := jsTry(func() {
		w := app.Window().Get("Worker").New(workerURL)
		onMessage := app.FuncOf(func(this app.Value, args []app.Value) any {
			defer sess.guard.background()
			if len(args) > 0 {
				workerMessage(args[0].Get("data"))
			}
			return nil
		})
		onError := app.FuncOf(func(this app.Value, args []app.Value) any {
			defer sess.guard.background()
			msg := ""
			if len(args) > 0 && args[0].Get("message").Type() == app.TypeString {
				msg = args[0].Get("message").String()
			}
			workerFailed(msg)
			return nil
		})
		w.Call("addEventListener", "message", onMessage)
		w.Call("addEventListener", "error", onError)
		signer.w, signer.funcs, signer.started = w, []app.Func{onMessage, onError}, now()
		if signer.pending == nil {
			signer.pending = map[int]*pendingJob{}
		}
	})
	if err != nil {
		workerFailed(err.Error())
	}
}

// runJob sends req to the worker with the files it refers to (Blob or File values, passed by
// reference). progress and done run on the UI goroutine of the component whose ctx it is.
func runJob(ctx app.Context, req job.Request, blobs []app.Value, progress func(job.Progress), done func(jobResult)) {
	startWorker()
	if req.Call == nil { // the worker has the shipped calls only
		req.Call = sess.callSource(sess.open.call)
	}
	body, err := json.Marshal(req)
	if err != nil {
		done(jobResult{Result: job.Result{Error: &job.Message{Key: "job.request", Text: textOf("worker.failed", err.Error())}}})
		return
	}
	if signer.w == nil {
		done(jobFailure(""))
		return
	}
	signer.next++
	id := signer.next
	list := make([]any, len(blobs))
	for i, b := range blobs {
		list[i] = b
	}
	signer.pending[id] = &pendingJob{ctx: ctx, progress: progress, done: done, start: now()}
	if err := jsTry(func() {
		signer.w.Call("postMessage", map[string]any{"id": id, "req": string(body), "blobs": list})
	}); err != nil {
		delete(signer.pending, id)
		done(jobFailure(err.Error()))
	}
}

// workerMessage handles a message of the worker, on a JavaScript callback.
func workerMessage(m app.Value) {
	kind := m.Get("kind").String()
	if kind == "fatal" || kind == "exit" {
		msg := ""
		if m.Get("message").Type() == app.TypeString {
			msg = m.Get("message").String()
		}
		workerFailed(msg)
		return
	}
	if kind == "ready" {
		// how long the worker took to load, for make bench and the tests
		_ = jsTry(func() { app.Window().Set("__bandoWorkerReady", now()-signer.started) })
		return
	}
	if m.Get("id").Type() != app.TypeNumber {
		return
	}
	id := m.Get("id").Int()
	p := signer.pending[id]
	if p == nil {
		return
	}
	switch kind {
	case "progress":
		pr := job.Progress{Done: m.Get("done").Int(), Total: m.Get("total").Int()}
		if p.progress != nil {
			p.ctx.Dispatch(func(app.Context) {
				defer sess.guard.recovered()
				p.progress(pr)
			})
		}
	case "result":
		delete(signer.pending, id)
		r := jobResult{Data: m.Get("data"), Ms: now() - p.start}
		if err := json.Unmarshal([]byte(m.Get("json").String()), &r.Result); err != nil {
			r = jobFailure(err.Error())
		}
		p.ctx.Dispatch(func(app.Context) {
			defer sess.guard.recovered()
			p.done(r)
		})
	}
}

// workerFailed ends every pending job with an error and forgets the worker: the next job
// starts a new one.
func workerFailed(detail string) {
	if signer.w != nil {
		_ = jsTry(func() { signer.w.Call("terminate") })
		for _, f := range signer.funcs {
			f.Release()
		}
	}
	signer.w, signer.funcs = nil, nil
	for id, p := range signer.pending {
		delete(signer.pending, id)
		r := jobFailure(detail)
		p.ctx.Dispatch(func(app.Context) {
			defer sess.guard.recovered()
			p.done(r)
		})
	}
}

// cacheWorkerWasm puts CachedLater (the signing worker's wasm, two font weights, the pages) in the service
// worker's cache of this version of the app, so that the PDF can be made offline, without
// making the first visit wait for them:
// it runs once the form takes input and the browser is idle, after go-app's service worker has
// cached the rest of the app. go-app names that cache "app-" + the version and serves every
// request from any cache; the cache is replaced whole when a new version installs, and the
// new version's page adds the worker again. Run it on a goroutine (ctx.Async); failures (no
// service worker, offline, storage refused) leave the worker to the network.
func cacheWorkerWasm(version string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	w := app.Window()
	for ready := false; !ready; {
		select {
		case <-ctx.Done():
			return
		case <-time.After(500 * time.Millisecond):
		}
		_ = jsTry(func() { ready = w.Get("document").Get("body").Get("dataset").Get("ready").String() == "1" })
	}
	idle := make(chan struct{}, 1)
	if err := jsTry(func() {
		fn := w.Get("requestIdleCallback")
		f := app.FuncOf(func(app.Value, []app.Value) any {
			defer sess.guard.background()
			idle <- struct{}{}
			return nil
		})
		if fn.Type() == app.TypeFunction {
			w.Call("requestIdleCallback", f, map[string]any{"timeout": 5000})
		} else {
			w.Call("setTimeout", f, 2000)
		}
	}); err != nil {
		return
	}
	<-idle
	var sw app.Value
	if jsTry(func() { sw = w.Get("navigator").Get("serviceWorker") }) != nil || !sw.Truthy() {
		return
	}
	await := func(f func() app.Value) (v app.Value, err error) {
		var p app.Value
		if err := jsTry(func() { p = f() }); err != nil {
			return nil, err
		}
		return awaitPromise(ctx, p)
	}
	if _, err := await(func() app.Value { return sw.Get("ready") }); err != nil {
		return
	}
	name := "app-" + version
	caches := w.Get("caches")
	if has, err := await(func() app.Value { return caches.Call("has", name) }); err != nil || !has.Bool() {
		return // not go-app's cache of this version (none yet, or another naming)
	}
	cache, err := await(func() app.Value { return caches.Call("open", name) })
	if err != nil {
		return
	}
	later := append(CachedLater(), sess.publishedURLs()...) // the server's call files (catalogue.go)
	if staffMakers != nil {                                 // the staff program: the editor first (builderhost.go)
		later = append(BuilderFiles(), later...)
	}
	for _, url := range later {
		if hit, err := await(func() app.Value { return cache.Call("match", url) }); err == nil && hit.Truthy() {
			continue
		}
		if _, err := await(func() app.Value { return cache.Call("add", url) }); err != nil {
			return // offline, or storage refused: the rest waits for the next visit too
		}
	}
}

package main

// How go-app's script (/app.js, and the staff program's ui.BuilderScript made from it) loads a
// wasm program, changed in one place (builderEdits).
//
// go-app hands WebAssembly.instantiateStreaming a Response it makes in JavaScript, to count
// the bytes for its progress label (fetchWithProgress): every chunk of the 11 MB passes
// through a JavaScript loop on the page's thread, reloads from the service worker's cache
// included, and the Response has no URL and no cache entry behind it, so V8 may never keep
// the compiled code. bandoFetchWasm hands it the response fetch() returns: V8 compiles as the
// bytes arrive, straight from the network or the cache, and may keep the code beside the
// cached response (Chromium does once enough of the program has been optimised; the short
// sessions of TestBrowserFigures showed no such hit: a new session still compiles). The
// progress of a first visit is counted on a clone of the body, against the size before
// compression (wasmLengthHeader: with brotli, Content-Length is the compressed size); from the
// service worker's cache every byte is already there, and the clone would only cost a copy.
//
// A host that serves the program with another type than application/wasm (a static host that
// does not know .wasm) makes instantiateStreaming refuse the response: bandoFetchWasm then
// gives the body again under the right type (go-app's copy kept the wrong one and failed).

// wasmLengthHeader carries the size of a wasm program before compression (precompressed), for
// the progress label.
const wasmLengthHeader = "X-Wasm-Length"

// wasmLoaderJS is the function the script loads the program with, written before go-app's
// fetchWithProgress.
const wasmLoaderJS = `// Bando: instantiateStreaming gets the response itself (server/wasmloader.go).
async function bandoFetchWasm(url, progress) {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    return response;
  }
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    // From the service worker's cache: every byte is here, and counting them on a copy
    // would cost a copy of 11 MB.
    progress(100);
  } else {
    const total = parseInt(response.headers.get("` + wasmLengthHeader + `") || response.headers.get("Content-Length"), 10);
    const reader = response.clone().body.getReader();
    (async () => {
      for (let loaded = 0; ;) {
        const { done, value } = await reader.read();
        if (done) {
          progress(100);
          return;
        }
        loaded += value.byteLength;
        if (total > 0) {
          progress(Math.min(99, Math.round((loaded * 100) / total)));
        }
      }
    })().catch(() => { });
  }
  if ((response.headers.get("Content-Type") || "").split(";")[0].trim() === "application/wasm") {
    return response;
  }
  return new Response(response.body, { status: response.status, headers: { "Content-Type": "application/wasm" } });
}

`

// swAfterReadyJS registers the service worker at once when one already controls the page
// (its update check costs little), and on a first visit only once the form takes input
// (window.__bandoReady, app/ui/browser.go) or, should it never, after swFallbackMs. Installing,
// the worker downloads and stores every file of the app, app.wasm again among them (11 MB to
// decompress and write): begun with the page, that work competed with the page's own download
// and compile of the program on a first visit, the one that decides whether an office with a
// slow machine waits.
const swAfterReadyJS = `// Bando: on a first visit, the service worker installs once the form takes input
// (server/wasmloader.go).
function bandoInitServiceWorker() {
  if (!("serviceWorker" in navigator) || navigator.serviceWorker.controller) {
    goappInitServiceWorker();
    return;
  }
  const start = performance.now();
  const wait = setInterval(() => {
    if (window.__bandoReady || performance.now() - start > ` + swFallbackMs + `) {
      clearInterval(wait);
      goappInitServiceWorker();
    }
  }, 50);
}
bandoInitServiceWorker();`

// swFallbackMs is how long a first visit waits for the form before installing the service
// worker anyway: a page that fails to start must still leave the app usable offline.
const swFallbackMs = "10000"

// wasmLoaderEdits make go-app's script load the program with bandoFetchWasm, install the service
// worker after the form on a first visit (swAfterReadyJS), and mark when the program is
// compiled and starts ("bando:go-run", for TestBrowserFigures).
var wasmLoaderEdits = []textEdit{
	{old: "\ngoappInitServiceWorker();\n", new: "\n" + swAfterReadyJS + "\n"},
	{old: `fetchWithProgress("`, new: `bandoFetchWasm("`},
	{old: `const go = new Go();`, new: `if (window.bandoEarly) await bandoEarly.firstFrame(); // web/early.js: its form on screen first
    const go = new Go();`},
	{old: `go.run(wasm.instance);`, new: `performance.mark("bando:go-run");
    if (window.bandoEarly) bandoEarly.beforeRun(); // web/early.js: the program draws beside the early form
    go.run(wasm.instance);`},
	{old: `    loaderIcon.className = "goapp-logo";`, new: `    if (window.bandoEarly) bandoEarly.fail(); // the loader and its message come back over the early form
    loaderIcon.className = "goapp-logo";`},
	{old: `async function fetchWithProgress(url, progess) {`, new: wasmLoaderJS + `async function fetchWithProgress(url, progess) {`},
}

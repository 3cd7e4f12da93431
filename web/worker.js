// Bando's signing worker: loads web/worker.wasm (wasm/worker: the proposal PDF, the
// signed-file check and the PEC package) in this dedicated Web Worker. A file, not an inline
// script, so that it runs under the app's Content-Security-Policy (worker-src 'self',
// script-src 'self' 'wasm-unsafe-eval'). Messages that arrive while the wasm loads are kept
// and handed over once it runs; the protocol is documented in app/job.
"use strict";

self.__bandoQueue = [];
self.onmessage = (e) => {
  if (self.__bandoJob) {
    self.__bandoJob(e.data);
  } else {
    self.__bandoQueue.push(e.data);
  }
};

importScripts("/wasm_exec.js");

(async () => {
  const go = new Go();
  try {
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(fetch("/web/worker.wasm"), go.importObject);
    } catch (streamingError) {
      // a host that serves .wasm with another Content-Type: compile from the bytes instead
      const res = await fetch("/web/worker.wasm");
      if (!res.ok) throw new Error("/web/worker.wasm: HTTP " + res.status);
      result = await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
    }
    await go.run(result.instance);
    // the Go program ended: only a fatal error does that
    self.postMessage({ kind: "exit" });
  } catch (err) {
    self.postMessage({ kind: "fatal", message: String((err && err.message) || err) });
  }
})();

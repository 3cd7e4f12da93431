//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"

	"bando/app/job"
)

// main takes the page's messages from web/worker.js, which queued those that came while this
// program was loading, and does them one at a time: the jobs share the proposal cache, and
// the worker is single-threaded anyway.
func main() {
	self := js.Global()
	queue := make(chan js.Value, 64)
	self.Set("__bandoJob", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 {
			msg := args[0]
			go func() { queue <- msg }()
		}
		return nil
	}))
	if q := self.Get("__bandoQueue"); q.Truthy() {
		for i := range q.Length() {
			msg := q.Index(i)
			go func() { queue <- msg }()
		}
		self.Set("__bandoQueue", js.Null())
	}
	self.Call("postMessage", map[string]any{"kind": "ready"})
	w := newWorker()
	select {
	case msg := <-queue:
		serve(w, msg)
	default:
		_ = warmUp() // a failure here shows again, with its message, in the first real job
	}
	for msg := range queue {
		serve(w, msg)
	}
}

// serve does the job of one message {id, req, blobs} and posts its progress and result.
func serve(w *worker, msg js.Value) {
	id := msg.Get("id").Int()
	var req job.Request
	res, data := job.Result{}, []byte(nil)
	if err := json.Unmarshal([]byte(msg.Get("req").String()), &req); err != nil {
		res.Error = message(errorf("job.request", "Richiesta illeggibile: %v", "Unreadable request: %v", err))
	} else {
		res, data = runSafely(w, req, blobReader(msg.Get("blobs")), func(done, total int) {
			post(map[string]any{"id": id, "kind": "progress", "done": done, "total": total}, js.Undefined())
		})
	}
	out, _ := json.Marshal(res)
	reply := map[string]any{"id": id, "kind": "result", "json": string(out)}
	if data == nil {
		post(reply, js.Undefined())
		return
	}
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	reply["data"] = arr.Get("buffer")
	post(reply, arr.Get("buffer")) // transferred, not copied
}

// runSafely turns a panic into an error for the page: one bad draft must not kill the worker.
func runSafely(w *worker, req job.Request, files blobs, progress func(done, total int)) (res job.Result, data []byte) {
	defer func() {
		if r := recover(); r != nil {
			res, data = job.Result{Error: message(errorf("job.panic", "Errore interno del generatore di documenti: %v", "Internal error of the document generator: %v", r))}, nil
		}
	}()
	return w.run(req, files, progress)
}

// blobReader reads the files of a message with FileReaderSync: a worker may block, and the
// page never holds their bytes.
func blobReader(list js.Value) blobs {
	return func(i int) (data []byte, err error) {
		if !list.Truthy() || i < 0 || i >= list.Length() {
			return nil, errorf("job.file", "File mancante nella richiesta.", "File missing from the request.")
		}
		defer func() {
			if r := recover(); r != nil {
				err = errorf("job.file_unreadable", "Il file non si può leggere (è stato spostato o modificato?): sceglilo di nuovo.", "The file cannot be read (was it moved or changed?): choose it again.")
			}
		}()
		buf := js.Global().Get("FileReaderSync").New().Call("readAsArrayBuffer", list.Index(i))
		arr := js.Global().Get("Uint8Array").New(buf)
		data = make([]byte, arr.Length())
		js.CopyBytesToGo(data, arr)
		return data, nil
	}
}

func post(msg map[string]any, transfer js.Value) {
	if transfer.IsUndefined() {
		js.Global().Call("postMessage", msg)
		return
	}
	js.Global().Call("postMessage", msg, []any{transfer})
}

package main

import (
	"testing"
	"time"
)

func TestSignDebugTmp(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.open(app.url + "/")
	r := eval[string](b, `new Promise((res) => {
		const w = new Worker("/web/worker.js");
		const out = [];
		w.onmessage = (e) => { out.push(JSON.stringify(e.data)); if (e.data.kind || e.data.dbg==="zzz") res(out.join("\n")); };
		w.onerror = (e) => res("error: " + e.message + " " + e.filename + ":" + e.lineno);
		setTimeout(() => res("timeout " + out.join("\n")), 30000);
	})`)
	t.Log(r)
	time.Sleep(time.Second)
	b.mu.Lock()
	t.Log(b.console)
	b.mu.Unlock()
}

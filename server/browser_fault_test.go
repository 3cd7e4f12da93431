package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
)

// TestBrowserStorageFull: IndexedDB refuses every write, as a full disk does
// (QuotaExceededError). The page keeps the answers, says so in a persistent alert with an
// export button that downloads them, and once storage takes writes again the next change is
// saved and the alert goes away.
func TestBrowserStorageFull(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.open(app.url + "/sezione/ats")
	name := "ats.membri[0].denominazione"
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(name))+`)`, 15*time.Second)
	eval[bool](b, `(() => {
		window.bandoRealPut = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function () {
			throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
		};
		return true })()`)

	b.typeIn(name, "Alfa APS")
	b.waitFor(`!!document.getElementById("save-failed")`, 10*time.Second)
	text := eval[string](b, `document.getElementById("save-failed").innerText`)
	if !strings.Contains(text, "Il browser non riesce più a salvare: esporta subito la bozza") {
		t.Fatalf("the alert says %q", text)
	}
	if role := eval[string](b, `document.getElementById("save-failed").getAttribute("role")`); role != "alert" {
		t.Errorf("the alert's role is %q", role)
	}
	if v := b.value(name); v != "Alfa APS" {
		t.Fatalf("the field holds %q after the failed save", v)
	}
	before := b.downloads()
	b.click("save-failed-export")
	if data := b.exported(before); !strings.Contains(string(data), "Alfa APS") {
		t.Fatalf("the export lacks the answer typed while storage was full:\n%s", data)
	}

	// Another change while still full: the alert stays.
	b.typeIn(name, " ETS")
	time.Sleep(800 * time.Millisecond)
	if !eval[bool](b, `!!document.getElementById("save-failed")`) {
		t.Fatal("the alert went away while storage still refuses writes")
	}

	// Space is freed: the next change is saved, the alert goes, the answer survives a reload.
	eval[bool](b, `(() => { IDBObjectStore.prototype.put = window.bandoRealPut; return true })()`)
	b.typeIn(name, " Onlus")
	b.waitFor(`!document.getElementById("save-failed")`, 10*time.Second)
	b.waitFor(`/salvata|saved/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)
	b.open(app.url + "/sezione/ats")
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(name))+`)`, 15*time.Second)
	if v := b.value(name); v != "Alfa APS ETS Onlus" {
		t.Fatalf("after the reload the field holds %q", v)
	}
}

// storedNames lists the value of the answer at path in every draft stored in IndexedDB.
func storedNames(b *tab, path string) []string {
	b.t.Helper()
	return eval[[]string](b, `new Promise((resolve, reject) => {
		const q = indexedDB.open("bando");
		q.onerror = () => reject(q.error);
		q.onsuccess = () => {
			const g = q.result.transaction("drafts").objectStore("drafts").getAll();
			g.onerror = () => reject(g.error);
			g.onsuccess = () => {
				const out = g.result.map(r => {
					let v = JSON.parse(r.data).answers;
					for (const k of `+strconv.Quote(path)+`.split(/[.\[\]]+/).filter(Boolean)) v = v == null ? v : v[/^\d+$/.test(k) ? +k : k];
					return String(v);
				});
				q.result.close();
				resolve(out.sort());
			};
		};
	})`)
}

// waitStored waits until the drafts stored hold exactly want at path (sorted).
func waitStored(b *tab, path string, want ...string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var got []string
	for time.Now().Before(deadline) {
		if got = storedNames(b, path); strings.Join(got, "\n") == strings.Join(want, "\n") {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("stored %q, want %q", got, want)
}

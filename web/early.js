// Bando: the form takes input before the Go program runs. How and why: docs/early-form.md.
(() => {
  "use strict";
  const SNAPSHOT = "bando.early";
  const EDITS = "bando.early.edits";
  const ADOPT_WAIT_MS = 15000;
  // A snapshot draws the step's first screens at once and the rest of a long group (40
  // members, 200 budget rows) right after the first frame, a few items per task: parsing and
  // styling 0.8 MB of HTML before that frame cost a reload ~0.1 s (docs/early-form.md).
  const LATER = ".group-item, .bando-row";
  const FILL_MS = 8;
  const WAIT = "bando-early-wait";
  const HELPDESK = "bando.helpdesk.bundle"; // app/ui KeyHelpdesk: a support bundle open in this tab
  let shown;
  const painted = new Promise((resolve) => (shown = resolve));
  const st = { started: false, snap: null, live: false, mode: "", root: null, edits: new Map(), adopted: false, later: [], kept: new Map() };

  const store = (area) => {
    try {
      return window[area];
    } catch {
      return null;
    }
  };

  function snapshot() {
    const ls = store("localStorage");
    if (!ls) return null;
    let snap;
    try {
      snap = JSON.parse(ls.getItem(SNAPSHOT) || "null");
    } catch {
      return null;
    }
    if (!snap || snap.v !== 2 || typeof snap.html !== "string" || !Array.isArray(snap.later)) return null;
    const lang = ls.getItem("bando.lang") || "it";
    if (snap.path !== location.pathname || snap.draft !== ls.getItem("bando.current") || snap.lang !== lang) {
      return null;
    }
    return snap;
  }

  function firstVisit() {
    const ls = store("localStorage");
    return !!ls && ls.getItem("bando.current") === null && (ls.getItem("bando.lang") || "it") === "it";
  }

  // A tab in helpdesk mode or on a partner's sheet shows another draft than the applicant's
  // (app/ui/helpdesk.go KeyHelpdesk, partnerpage.go keySheetOpen): no early form there.
  function scratchTab() {
    const ss = store("sessionStorage");
    try {
      return !!ss && (!!ss.getItem(HELPDESK) || !!ss.getItem("bando.sheet.open"));
    } catch {
      return true;
    }
  }

  // start decides, once, which early form the page shows: as soon as the page's root is parsed
  // (watchRoot) or, failing that, when the whole page is.
  function start() {
    if (st.started) return;
    st.started = true;
    try {
      begin();
    } finally {
      document.documentElement.classList.remove(WAIT);
    }
  }

  // watchRoot calls start when go-app's loader, which follows the page's root, is parsed, and
  // hides the page meanwhile: the browser may draw a page while it parses it, and a frame of
  // half the server's form (a first visit: ~0.15 s of layout) or of a form under way to be
  // replaced by a snapshot (a reload: ~30 ms) is work done twice.
  function watchRoot() {
    if (scratchTab()) return;
    st.snap = snapshot();
    document.documentElement.classList.add(WAIT);
    const watch = new MutationObserver(() => {
      if (st.started) return watch.disconnect();
      if (document.getElementById("app-wasm-loader")) {
        watch.disconnect();
        start();
      }
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
  }

  function begin() {
    performance.mark("bando:early-start");
    if (scratchTab()) return;
    const root = document.body && document.body.firstElementChild;
    if (!root || !root.classList.contains("bando-app") || !document.querySelector("#app-wasm-loader")) return;
    if (new URLSearchParams(location.search).get("wasm") === "false") return;
    if (root.querySelector('[data-early="fresh"]') && firstVisit()) {
      st.mode = "fresh";
    } else {
      const snap = st.snap || snapshot();
      if (!snap) return;
      root.innerHTML = snap.html;
      st.later = snap.later;
      for (const slot of root.querySelectorAll("[data-early-slot]")) {
        slot.style.height = (st.later[+slot.dataset.earlySlot] || {}).h + "px";
      }
      st.mode = "snapshot";
    }
    st.root = root;
    root.classList.add("bando-early-root");
    root.setAttribute("aria-busy", "true");
    document.documentElement.classList.add("bando-early");
    st.live = true;
    performance.mark("bando:early-shown");
    restoreEdits();
    document.addEventListener("input", record, true);
    document.addEventListener("change", record, true);
    document.addEventListener("click", hold, true);
    document.addEventListener("submit", hold, true);
    requestAnimationFrame(() => setTimeout(() => {
      if (st.live || st.adopted) window.__bandoTypable = performance.now();
      shown();
      fillLater();
    }, 0));
  }

  // fillLater puts the items the snapshot left for after the first frame in their slots, those
  // nearest the screen first, for FILL_MS per task, so that typing is never held for long.
  function fillLater() {
    if (!st.live) return;
    const slots = [...st.root.querySelectorAll("[data-early-slot]")];
    if (slots.length === 0) return;
    const mid = window.scrollY + window.innerHeight / 2;
    const near = (el) => Math.abs(el.getBoundingClientRect().top + window.scrollY - mid);
    const order = slots.map((el) => [near(el), el]).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
    const tpl = document.createElement("template");
    const step = () => {
      if (!st.live) return;
      const until = performance.now() + FILL_MS;
      while (order.length && performance.now() < until) {
        const slot = order.shift();
        const item = st.later[+slot.dataset.earlySlot];
        tpl.innerHTML = item && typeof item.html === "string" ? item.html : "";
        const el = tpl.content.firstElementChild;
        if (!el) continue;
        slot.replaceWith(el);
        putKept(el);
      }
      if (order.length) setTimeout(step, 0);
    };
    step();
  }

  function valueOf(el) {
    return el.type === "checkbox" || el.type === "radio" ? { checked: el.checked } : { value: el.value };
  }

  function record(e) {
    const el = e.target;
    if (!st.live || !el || !el.id || !st.root.contains(el) || !("value" in el)) return;
    st.edits.delete(el.id);
    st.edits.set(el.id, valueOf(el));
    st.kept.delete(el.id);
    if (el.type === "radio") {
      for (const other of st.root.querySelectorAll('input[type=radio][name="' + CSS.escape(el.name) + '"]')) {
        if (other !== el) st.edits.delete(other.id);
      }
    }
    persist();
  }

  function persist() {
    const ss = store("sessionStorage");
    try {
      if (ss) ss.setItem(EDITS, JSON.stringify({ path: location.pathname, edits: [...st.edits] }));
    } catch { }
  }

  function restoreEdits() {
    const ss = store("sessionStorage");
    let kept;
    try {
      kept = JSON.parse((ss && ss.getItem(EDITS)) || "null");
    } catch {
      return;
    }
    if (!kept || kept.path !== location.pathname || !Array.isArray(kept.edits)) return;
    for (const [id, v] of kept.edits) {
      if (typeof id !== "string" || !v || typeof v !== "object") continue;
      st.edits.set(id, v); // one in an item drawn later is put back when it is (putKept)
      st.kept.set(id, v);
    }
    putKept(st.root);
  }

  // putKept puts back, in the fields under el, what was typed before the tab reloaded.
  function putKept(el) {
    for (const [id, v] of st.kept) {
      const f = document.getElementById(id);
      if (f && el.contains(f)) {
        put(f, v);
        st.kept.delete(id);
      }
    }
  }

  function put(el, v) {
    if ("checked" in v) el.checked = !!v.checked;
    else el.value = String(v.value);
  }

  function hold(e) {
    if (!st.live) return;
    if (e.type === "submit") {
      e.preventDefault();
      return;
    }
    const t = e.target instanceof Element ? e.target.closest("button, a[href], [role=button]") : null;
    if (t && !(t.tagName === "A" && (t.getAttribute("href") || "").startsWith("#"))) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  function beforeRun() {
    if (!st.live) return;
    document.body.insertBefore(document.createElement("div"), st.root);
  }

  function adopt() {
    if (!st.live) return;
    const goRoot = document.body.firstElementChild;
    if (!goRoot || goRoot === st.root) return fail();
    const active = document.activeElement && st.root.contains(document.activeElement) ? document.activeElement : null;
    const wanted = [...st.edits.keys()];
    if (active && active.id) wanted.push(active.id);
    const missing = () => wanted.filter((id) => !goRoot.querySelector("#" + CSS.escape(id)));
    if (missing().length === 0) return handOver(goRoot);
    const since = performance.now();
    const watch = new MutationObserver(() => {
      if (!st.live) return watch.disconnect();
      if (missing().length === 0 || performance.now() - since > ADOPT_WAIT_MS) {
        watch.disconnect();
        handOver(goRoot);
      }
    });
    watch.observe(goRoot, { childList: true, subtree: true });
    setTimeout(() => {
      if (st.live) {
        watch.disconnect();
        handOver(goRoot);
      }
    }, ADOPT_WAIT_MS);
  }

  function handOver(goRoot) {
    const active = document.activeElement && st.root.contains(document.activeElement) ? document.activeElement : null;
    const focus = active && active.id ? { id: active.id, start: active.selectionStart, end: active.selectionEnd } : null;
    const scroll = window.scrollY;
    st.live = false;
    st.adopted = true;
    st.root.remove();
    document.documentElement.classList.remove("bando-early");
    window.scrollTo(0, scroll);
    const lost = [];
    for (const [id, v] of st.edits) {
      const el = goRoot.querySelector("#" + CSS.escape(id));
      if (!el) {
        lost.push([id, v]);
        continue;
      }
      put(el, v);
      if ("checked" in v || el.tagName === "SELECT") {
        el.dispatchEvent(new Event("change", { bubbles: true }));
      } else {
        el.dispatchEvent(new Event("input", { bubbles: true }));
        if (!focus || focus.id !== id) el.dispatchEvent(new FocusEvent("blur"));
      }
    }
    if (focus) {
      const el = goRoot.querySelector("#" + CSS.escape(focus.id));
      if (el) {
        el.focus({ preventScroll: true });
        try {
          if (focus.start !== null && focus.start !== undefined) el.setSelectionRange(focus.start, focus.end);
        } catch { }
      }
    }
    const ss = store("sessionStorage");
    try {
      if (ss) ss.removeItem(EDITS);
    } catch { }
    if (lost.length) showLost(lost);
  }

  function showLost(lost) {
    const en = document.documentElement.lang === "en";
    const box = document.createElement("div");
    box.className = "alert alert-warning early-lost";
    box.setAttribute("role", "alert");
    const p = document.createElement("p");
    p.textContent = en
      ? "What you typed while the page was starting could not be put back in these fields: copy it before leaving the page."
      : "Quanto scritto mentre la pagina si avviava non è stato rimesso in questi campi: copiatelo prima di lasciare la pagina.";
    box.append(p);
    const list = document.createElement("ul");
    for (const [id, v] of lost) {
      const li = document.createElement("li");
      li.textContent = id.replace(/^f-/, "") + ": " + ("checked" in v ? (v.checked ? "✓" : "✗") : v.value);
      list.append(li);
    }
    box.append(list);
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn btn-sm btn-outline-primary";
    close.textContent = "OK";
    close.addEventListener("click", () => box.remove());
    box.append(close);
    document.body.append(box);
    console.warn("bando: early edits not adopted", lost);
  }

  function fail() {
    st.live = false;
    document.documentElement.classList.remove("bando-early");
  }

  function save(draft, lang) {
    const ls = store("localStorage");
    if (!ls || st.live) return;
    const root = document.body.firstElementChild;
    try {
      if (!root || !root.classList.contains("bando-app")) throw new Error("no page");
      const copy = root.cloneNode(true);
      const from = root.querySelectorAll("input, textarea, select, option");
      const to = copy.querySelectorAll("input, textarea, select, option");
      for (let i = 0; i < from.length; i++) {
        const a = from[i], b = to[i];
        if (a.tagName === "OPTION") {
          if (a.selected) b.setAttribute("selected", "");
          else b.removeAttribute("selected");
        } else if (a.type === "checkbox" || a.type === "radio") {
          if (a.checked) b.setAttribute("checked", "");
          else b.removeAttribute("checked");
        } else if (a.tagName === "TEXTAREA") {
          b.textContent = a.value;
        } else if (a.type !== "file" && a.type !== "password") {
          b.setAttribute("value", a.value);
        }
      }
      copy.querySelectorAll("[autofocus]").forEach((el) => el.removeAttribute("autofocus"));
      const later = laterItems(root, copy);
      ls.setItem(SNAPSHOT, JSON.stringify({ v: 2, path: location.pathname, draft, lang, html: copy.innerHTML, later }));
    } catch {
      forget();
    }
  }

  // laterItems cuts out of copy the items of long groups that are off screen (more than a
  // screen away from the top of the page and from where it is scrolled): each leaves an empty
  // slot of its height, filled after the first frame (fillLater). A reload keeps the scroll.
  function laterItems(root, copy) {
    const from = root.querySelectorAll(LATER);
    const to = copy.querySelectorAll(LATER);
    const later = [];
    const vh = window.innerHeight, y = window.scrollY;
    for (let i = 0; i < from.length && i < to.length; i++) {
      if (!copy.contains(to[i])) continue; // inside an item already cut out
      const r = from[i].getBoundingClientRect();
      const top = r.top + y;
      if (top < 2 * vh || (top < y + 2 * vh && top + r.height > y - vh)) continue;
      const slot = document.createElement(to[i].tagName);
      slot.className = to[i].className;
      slot.setAttribute("data-early-slot", String(later.length));
      slot.setAttribute("aria-hidden", "true");
      later.push({ h: Math.round(r.height), html: to[i].outerHTML });
      to[i].replaceWith(slot);
    }
    return later;
  }

  function forget() {
    const ls = store("localStorage");
    try {
      if (ls) ls.removeItem(SNAPSHOT);
    } catch { }
  }

  // preloadProgram starts the download of the page's program (server/handler.go earlyHeaders)
  // on a first visit, while the head is read. With a service worker the bytes are in its
  // cache, and a preload of them would be taken in on this thread before the first frame.
  function preloadProgram() {
    const meta = document.querySelector('meta[name="bando-program"]');
    if (!meta || (navigator.serviceWorker && navigator.serviceWorker.controller)) return;
    const ss = store("sessionStorage");
    try {
      if (ss && ss.getItem(HELPDESK)) return; // /app.js loads the staff program there
    } catch { }
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.type = "application/wasm";
    link.crossOrigin = "anonymous"; // as app.js's fetch(): the preloaded response is the one used
    link.href = meta.content;
    document.head.append(link);
  }

  // the program's compile waits for the early form's first frame: on two cores it delayed it
  const firstFrame = () => (st.live ? painted : Promise.resolve());
  window.bandoEarly = { beforeRun, adopt, fail, save, forget, firstFrame, mode: () => st.mode };
  preloadProgram();
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function once() {
      document.removeEventListener("readystatechange", once);
      start();
    });
    try {
      watchRoot();
    } catch {
      document.documentElement.classList.remove(WAIT);
    }
  } else {
    start();
  }
})();

package ui

import (
	"encoding/json"
	"errors"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// "Apri un bando da file": an applicant sent a call file (.bando-call.json, by e-mail or on a
// stick) opens it on the start page. It is linted and compiled here as `bando lint` does, kept
// in this browser (localStorage) for offline use, and marked on its card and on every page of
// its drafts as not coming from the site that serves the app.

// keyCallFiles is the localStorage key of the calls opened from files: a JSON list of their
// texts.
const keyCallFiles = "bando.callfiles"

// maxCallProblems is how many problems of a refused file the start page lists.
const maxCallProblems = 20

// storedCallFiles returns the texts of the calls opened from files in this browser.
func storedCallFiles() [][]byte {
	raw := localGet(keyCallFiles)
	if raw == "" {
		return nil
	}
	var texts []string
	if json.Unmarshal([]byte(raw), &texts) != nil {
		return nil
	}
	out := make([][]byte, len(texts))
	for i, t := range texts {
		out[i] = []byte(t)
	}
	return out
}

// storeCallFiles writes the texts of the calls opened from files; it reports whether the
// browser took them (it refuses over its quota, about 5 MB).
func storeCallFiles(set callSet) bool {
	var texts []string
	for _, e := range set {
		if e.origin == originFile {
			texts = append(texts, string(e.src))
		}
	}
	data, err := json.Marshal(texts)
	if err != nil {
		return false
	}
	ok := false
	_ = jsTry(func() {
		app.Window().Get("localStorage").Call("setItem", keyCallFiles, string(data))
		ok = true
	})
	return ok
}

// callFileError is why a call file was not opened, with the problems lint found.
type callFileError struct {
	msg      string
	problems []string
}

func (e *callFileError) Error() string { return e.msg }

// openCallFile checks a call file and keeps it, or says why not. A call of the site (shipped
// or published) cannot be replaced by a file: the file's call could be an altered copy.
func (s *session) openCallFile(data []byte) (*schema.Call, error) {
	l := s.lang
	c, err := schema.Load(data)
	var le *schema.LoadError
	if errors.As(err, &le) {
		e := &callFileError{msg: tr(l, "callfile.invalid", len(le.Problems)+le.More)}
		for i, p := range le.Problems {
			if i == maxCallProblems {
				break
			}
			e.problems = append(e.problems, p.Format(l))
		}
		if n := len(le.Problems) + le.More - len(e.problems); n > 0 {
			e.problems = append(e.problems, tr(l, "callfile.more", n))
		}
		return nil, e
	}
	if err != nil {
		return nil, &callFileError{msg: err.Error()}
	}
	if prev, err := s.lookupCall(c.ID); err == nil {
		switch {
		case prev.Hash() == c.Hash():
			return nil, &callFileError{msg: tr(l, "callfile.same", prev.Title.In(l))}
		case s.origin(c.ID) != originFile:
			return nil, &callFileError{msg: tr(l, "callfile.site", c.ID)}
		case c.Version < prev.Version:
			return nil, &callFileError{msg: tr(l, "callfile.older", c.Version, prev.Version)}
		}
	}
	old := s.calls[c.ID]
	if s.calls == nil {
		s.calls = callSet{}
	}
	s.calls[c.ID] = &extraCall{call: c, src: data, origin: originFile}
	if !storeCallFiles(s.calls) {
		if old != nil {
			s.calls[c.ID] = old
		} else {
			delete(s.calls, c.ID)
		}
		return nil, &callFileError{msg: tr(l, "callfile.quota")}
	}
	return c, nil
}

// callFileBox is the start page's "open a call from a file" box. The problems of a refused
// file are one a line in its message (white-space: pre-line in bando.css): one element, not a
// list, keeps the page's code small.
func (h *homePage) callFileBox(l schema.Lang) app.UI {
	zone := fileZone{id: "call-file", class: "call-file-zone p-4 mt-4", titled: "call-file-title", dragging: &h.callDragging,
		input: "call-file-input", help: "call-file-help", choose: tr(l, "callfile.choose"), button: "btn btn-outline-primary",
		accept: ".json,application/json",
		take:   oneFile(l, func(msg string) { h.callMsg, h.callBad = msg, true }, h.openCall)}
	return zone.render([]app.UI{
		app.H2().Class("h3").ID("call-file-title").Text(tr(l, "callfile.title")),
		app.P().ID("call-file-help").Text(tr(l, "callfile.help")),
	}, app.If(h.callMsg != "", func() app.UI {
		class, role := "alert alert-success mt-3 call-file-message", "status"
		if h.callBad {
			class, role = "alert alert-danger mt-3 call-file-message", "alert"
		}
		return app.Div().ID("call-file-message").Class(class).Attr("role", role).Text(h.callMsg)
	}))
}

// openCall reads a call file picked or dropped, checks it and keeps it for offline use.
func (h *homePage) openCall(ctx app.Context, file app.Value) {
	l := h.Lang
	name := file.Get("name").String()
	if size := file.Get("size").Int(); size > schema.MaxCallSize {
		h.callMsg, h.callBad = tr(l, "callfile.large", name, schema.MaxCallSize>>20), true
		return
	}
	readPicked(ctx, l, file, func(msg string) { h.callMsg, h.callBad = msg, true }, func(ctx app.Context, data []byte) {
		call, err := sess.openCallFile(data)
		var ce *callFileError
		switch {
		case errors.As(err, &ce):
			h.callMsg, h.callBad = name+": "+strings.Join(append([]string{ce.msg}, ce.problems...), "\n"), true
		case err != nil:
			h.callMsg, h.callBad = name+": "+err.Error(), true
		default:
			h.callMsg, h.callBad = tr(l, "callfile.done", call.Title.In(l), schema.ShortHash(call.Hash())), false
		}
	})
}

// removeCall takes a call opened from a file out of this browser, once confirmed. Its drafts
// stay (the question says so): opening the file again gives them their call back.
func (h *homePage) removeCall(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	id := e.Get("currentTarget").Get("dataset").Get("call").String()
	c := sess.calls[id]
	if c == nil || c.origin != originFile {
		return
	}
	n := 0
	for _, r := range h.records {
		if r.Call == id {
			n++
		}
	}
	if !confirmed(tr(h.Lang, "callfile.remove.confirm", c.call.Title.In(h.Lang), n)) {
		return
	}
	delete(sess.calls, id)
	if !storeCallFiles(sess.calls) { // no storage at all: it stays, as the page shows
		sess.calls[id] = c
	}
}

package pec

import (
	"fmt"

	"bando/schema"
)

// Error is a problem with a signed file or a PEC package, with a stable key (for tests,
// support bundles and the UI) and a message in Italian and English. Open returns one for a
// file that cannot be read; Report.Problems lists the reasons a readable file is refused.
type Error struct {
	Key string
	Msg schema.Text
	Err error // the underlying error, if any
}

func (e *Error) Error() string { return e.Msg.IT }

// Message returns the message in lang.
func (e *Error) Message(lang schema.Lang) string { return e.Msg.In(lang) }

func (e *Error) Unwrap() error { return e.Err }

func errf(key string, cause error, it, en string, args ...any) *Error {
	return &Error{Key: key, Err: cause, Msg: schema.Text{IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)}}
}

package schema

import "fmt"

// Error is a failure told to a person: a stable key (for tests, support bundles and the UI)
// and a message in Italian and English. Packages draft, pdf and pec return it for a file or a
// proposal they cannot use (each names it draft.Error, pdf.Error, pec.Error), so the browser,
// the signing worker and the CLI show any of them in the applicant's language alike.
type Error struct {
	Key string
	Msg Text
	Err error // the underlying error, if any
}

// Error is the Italian message: Italian is the default language.
func (e *Error) Error() string { return e.Msg.IT }

// Message returns the message in lang.
func (e *Error) Message(lang Lang) string { return e.Msg.In(lang) }

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an Error; it and en are format strings, each given args.
func Errorf(key string, cause error, it, en string, args ...any) *Error {
	return &Error{Key: key, Err: cause, Msg: Text{IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)}}
}

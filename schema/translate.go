package schema

import (
	"strings"
	"sync"

	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/it"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	en_tr "github.com/go-playground/validator/v10/translations/en"
	it_tr "github.com/go-playground/validator/v10/translations/it"
)

// validator's own translations cover the tags our catalogue does not (a call may use any
// validator tag). They are registered on first need only.
var (
	transOnce sync.Once
	transIT   ut.Translator
	transEN   ut.Translator
)

func translators() (ut.Translator, ut.Translator) {
	transOnce.Do(func() {
		uni := ut.New(it.New(), it.New(), en.New())
		transIT, _ = uni.GetTranslator("it")
		transEN, _ = uni.GetTranslator("en")
		v := theValidator()
		// Errors here only mean a translation is missing: the caller falls back to the key.
		_ = it_tr.RegisterDefaultTranslations(v, transIT)
		_ = en_tr.RegisterDefaultTranslations(v, transEN)
	})
	return transIT, transEN
}

// translateFieldError renders fe with validator's translation, naming the field by its label:
// validator.Var errors have no field name, so its "{0}" placeholder comes out empty.
func translateFieldError(fe validator.FieldError, label string, lang Lang) string {
	tIT, tEN := translators()
	t := tIT
	if lang == EN {
		t = tEN
	}
	msg := fe.Translate(t)
	if msg == "" || msg == fe.Error() {
		return Message(lang, "rule", map[string]string{"param": fe.Tag()})
	}
	if strings.HasPrefix(msg, " ") {
		msg = label + msg
	}
	return msg
}

package schema

import (
	goast "go/ast"
	goparser "go/parser"
	gotoken "go/token"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/it"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	en_tr "github.com/go-playground/validator/v10/translations/en"
	it_tr "github.com/go-playground/validator/v10/translations/it"
)

// The generated table (validator_messages_gen.go) must render, for every tag, kind of value and
// parameter, exactly what translateFieldError rendered when it went through validator's own
// translators (the code below, as it was before the table). The translation packages are
// imported here only: tests do not go into the browser download.

// referenceMessage is translateFieldError as it was, with validator's translators.
func referenceMessage(fe validator.FieldError, label string, lang Lang, tIT, tEN ut.Translator) string {
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

func TestValidatorMessagesVersion(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/go-playground/validator/v10").Output()
	if err != nil {
		t.Skipf("go list -m: %v", err)
	}
	if v := strings.TrimSpace(string(out)); v != validatorMessagesVersion {
		t.Fatalf("go.mod has validator %s but validator_messages_gen.go comes from %s: run go generate ./schema", v, validatorMessagesVersion)
	}
}

func TestValidatorMessagesMatchTranslators(t *testing.T) {
	// The translators print a warning on stdout (and the log) when a parameter is not a number;
	// those warnings are expected here and would only bury the test output.
	if devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		stdout := os.Stdout
		os.Stdout = devnull
		defer func() { os.Stdout = stdout; devnull.Close() }()
	}
	log.SetOutput(io.Discard)
	defer log.SetOutput(os.Stderr)

	uni := ut.New(it.New(), it.New(), en.New())
	tIT, _ := uni.GetTranslator("it")
	tEN, _ := uni.GetTranslator("en")
	v := validator.New(validator.WithRequiredStructEnabled())
	if err := RegisterTags(v); err != nil {
		t.Fatal(err)
	}
	_ = it_tr.RegisterDefaultTranslations(v, tIT)
	_ = en_tr.RegisterDefaultTranslations(v, tEN)

	tags := map[string]bool{"iscolor": true, "cf": true, "iban": true, "no_such_tag_here": true}
	for tag := range validatorTexts {
		tags[tag] = true
	}
	for tag := range validatorSizeTexts {
		tags[tag] = true
	}
	if src, err := sourceTags(); err != nil {
		t.Logf("cannot read the translation packages' sources (%v): checking the table's own tags only", err)
	} else {
		for _, tag := range src {
			tags[tag] = true
		}
	}
	// Each tag is made to fail on any value, so that every kind reaches the translation. The
	// tags validator reserves (required, isdefault) and aliases (iscolor) fail for real below.
	for tag := range tags {
		func() {
			defer func() { _ = recover() }()
			_ = v.RegisterValidation(tag, func(validator.FieldLevel) bool { return false }, true)
		}()
	}

	var nilString *string
	values := []any{
		"testo", "", float64(2.5), float64(0), int64(3), int64(0), []string{"a", "b"}, []string{},
		true, false, time.Date(2024, 3, 4, 12, 0, 0, 0, time.UTC), nilString,
	}
	params := []string{
		"", "0", "1", "1.0", "2", "3", "12", "1000", "1234567.891", "-1", "-1234.5", "0.5", ".5",
		"1e3", "Inf", "NaN", "abc", "a b c", "x=y", "{0}", "{1}", "0x1F", "+5", "2006-01-02",
	}
	langs := []Lang{IT, EN, Lang("de")}
	labels := []string{"Denominazione", ""}

	sorted := make([]string, 0, len(tags))
	for tag := range tags {
		sorted = append(sorted, tag)
	}
	sort.Strings(sorted)
	checked, failures := 0, 0
	for _, tag := range sorted {
		seen := 0
		for _, val := range values {
			for _, p := range params {
				raw := tag
				if p != "" {
					raw += "=" + p
				}
				fe := firstFieldError(v, val, raw)
				if fe == nil || (fe.Tag() != tag && fe.ActualTag() != tag) {
					continue
				}
				seen++
				for _, lang := range langs {
					for _, label := range labels {
						want := referenceMessage(fe, label, lang, tIT, tEN)
						got := translateFieldError(fe, label, lang)
						checked++
						if got != want && failures < 30 {
							failures++
							t.Errorf("%s on %T %v, %s: got %q, validator's translator %q", raw, val, val, lang, got, want)
						}
					}
				}
			}
		}
		if seen == 0 && tag != "no_such_tag_here" {
			t.Logf("tag %s: no failing value reached its translation", tag)
		}
	}
	t.Logf("%d tags, %d messages compared", len(sorted), checked)
	if checked < 10000 {
		t.Fatalf("only %d messages compared", checked)
	}
}

// firstFieldError runs validator on val with a tag and returns the first field error, or nil
// (the value passed, or validator panicked on the tag).
func firstFieldError(v *validator.Validate, val any, raw string) (fe validator.FieldError) {
	defer func() {
		if recover() != nil {
			fe = nil
		}
	}()
	err := v.Var(val, raw)
	if errs, ok := err.(validator.ValidationErrors); ok && len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// sourceTags returns the tags named in the tables of translations/it and /en (as the generator
// reads them), so that a tag validator translates but the table lacks is noticed.
func sourceTags() ([]string, error) {
	var tags []string
	for _, pkg := range []string{"it", "en"} {
		out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/go-playground/validator/v10/translations/"+pkg).Output()
		if err != nil {
			return nil, err
		}
		files, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := goparser.ParseFile(gotoken.NewFileSet(), name, nil, 0)
			if err != nil {
				return nil, err
			}
			goast.Inspect(f, func(n goast.Node) bool {
				if kv, ok := n.(*goast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*goast.Ident); ok && id.Name == "tag" {
						if lit, ok := kv.Value.(*goast.BasicLit); ok && lit.Kind == gotoken.STRING {
							if s, err := strconv.Unquote(lit.Value); err == nil {
								tags = append(tags, s)
							}
						}
					}
				}
				return true
			})
		}
	}
	return tags, nil
}

package profile

import (
	"bytes"
	"encoding/json"
	"regexp"
	"time"
	"unicode/utf8"

	"bando/schema"
)

// The .bando-enti.json file, and the text the browser keeps in localStorage: the same bytes.
const (
	Format        = "bando-enti"
	FormatVersion = 1
	Extension     = ".bando-enti.json"
)

// Bounds of a profiles file: far above what an office keeps (a few dozen organisations of a
// dozen facts each), and low enough that a hostile file costs no more than a few milliseconds
// and a few megabytes (FuzzDecode, TestDecodeHostile).
const (
	MaxFileBytes  = 1 << 20
	MaxProfiles   = 200
	MaxValues     = 64
	MaxValueChars = 10000
)

type file struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"formatVersion"`
	Profiles      []Profile `json:"profiles"`
}

// Encode writes the profiles file.
func Encode(ps []Profile) []byte {
	if ps == nil {
		ps = []Profile{}
	}
	data, _ := json.MarshalIndent(file{Format: Format, FormatVersion: FormatVersion, Profiles: ps}, "", "  ")
	return append(data, '\n')
}

var (
	idShape  = regexp.MustCompile(`^p[0-9a-z]{1,32}$`)
	keyShape = regexp.MustCompile(`^[a-z]{1,10}\.[a-z_]{1,40}$`)
)

// Decode reads a profiles file, measured before it is decoded. Keys this version does not
// know (a newer app's) are kept, unused; values must be text within bounds.
func Decode(data []byte) ([]Profile, error) {
	if len(data) > MaxFileBytes {
		return nil, schema.Errorf("profile.size", nil, "Il file degli enti è troppo grande (%d KB, al massimo %d KB).", "The organisations file is too large (%d KB, at most %d KB).", len(data)/1024, MaxFileBytes/1024)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, schema.Errorf("profile.json", err, "Il file non è un elenco di enti di Bando (JSON non valido).", "The file is not a Bando list of organisations (invalid JSON).")
	}
	if f.Format != Format {
		return nil, schema.Errorf("profile.format", nil, "Il file non è un elenco di enti di Bando (%s): per le bozze usa «Importa una bozza».", "The file is not a Bando list of organisations (%s): for drafts use “Import a draft”.", Extension)
	}
	if f.FormatVersion < 1 || f.FormatVersion > FormatVersion {
		return nil, schema.Errorf("profile.version", nil, "Il file degli enti è stato scritto da una versione più recente di Bando (formato %d): aggiorna la pagina.", "The organisations file was written by a newer Bando (format %d): reload the page.", f.FormatVersion)
	}
	if len(f.Profiles) > MaxProfiles {
		return nil, schema.Errorf("profile.count", nil, "Il file contiene %d enti, al massimo %d.", "The file holds %d organisations, at most %d.", len(f.Profiles), MaxProfiles)
	}
	seen := map[string]bool{}
	for i, p := range f.Profiles {
		n := i + 1
		switch {
		case !idShape.MatchString(p.ID) || seen[p.ID]:
			return nil, schema.Errorf("profile.id", nil, "L'ente n. %d del file non ha un identificativo valido.", "Organisation no. %d of the file has no valid identifier.", n)
		case len(p.Values) > MaxValues:
			return nil, schema.Errorf("profile.values", nil, "L'ente n. %d del file ha troppe informazioni (%d, al massimo %d).", "Organisation no. %d of the file has too many facts (%d, at most %d).", n, len(p.Values), MaxValues)
		case utf8.RuneCountInString(p.Name) > 300:
			return nil, schema.Errorf("profile.value_size", nil, "Il nome dell'ente n. %d del file è troppo lungo.", "The name of organisation no. %d of the file is too long.", n)
		}
		seen[p.ID] = true
		for k, v := range p.Values {
			if !keyShape.MatchString(k) {
				return nil, schema.Errorf("profile.key", nil, "L'ente n. %d del file ha un'informazione dal nome non valido (%.40q).", "Organisation no. %d of the file has a fact with an invalid name (%.40q).", n, k)
			}
			if utf8.RuneCountInString(v) > MaxValueChars || !utf8.ValidString(v) {
				return nil, schema.Errorf("profile.value_size", nil, "L'ente n. %d del file ha un valore troppo lungo o non leggibile (%s).", "Organisation no. %d of the file has a value too long or unreadable (%s).", n, k)
			}
		}
		if f.Profiles[i].Values == nil {
			f.Profiles[i].Values = map[string]string{}
		}
	}
	return f.Profiles, nil
}

// Import adds the profiles of a file to ps: one with the same organisation (Key) updates it,
// the others are added. It returns the new list and how many were added and updated; a list
// that would pass MaxProfiles is refused whole, ps unchanged.
func Import(ps, incoming []Profile, now time.Time, newID func() string) (out []Profile, added, updated int, err error) {
	out = ps
	for _, p := range incoming {
		before := len(out)
		p.ID = ""
		out, _ = Save(out, p, now, newID)
		if len(out) > before {
			added++
		} else {
			updated++
		}
	}
	if len(out) > MaxProfiles {
		return ps, 0, 0, schema.Errorf("profile.count", nil, "Con questo file gli enti salvati sarebbero %d, al massimo %d: elimina prima quelli che non usi.", "With this file there would be %d saved organisations, at most %d: delete those you do not use first.", len(out), MaxProfiles)
	}
	return out, added, updated, nil
}

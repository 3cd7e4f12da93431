package pec

import (
	"bando/schema"
)

// CheckRendered checks s against the proposal as render makes it in each of langs in turn:
// the rendering the signed file contains is the one checked, the first language's when it
// contains none (the report then says it is another document). The proposal can be made in
// Italian or English, and the applicant may have signed either; the app and the CLI both ask
// this way. lang is the language of the proposal checked.
func (s *Signed) CheckRendered(render func(schema.Lang) ([]byte, error), langs []schema.Lang, required []schema.Signer, o Options) (r *Report, lang schema.Lang, err error) {
	var proposal []byte
	for _, l := range langs {
		p, err := render(l)
		if err != nil {
			return nil, "", err
		}
		found := s.Contains(p)
		if proposal == nil || found {
			proposal, lang = p, l
		}
		if found {
			break
		}
	}
	return s.CheckWith(proposal, required, o), lang, nil
}

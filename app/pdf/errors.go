package pdf

import "bando/schema"

// Error is a proposal that cannot be made into a PDF: schema.Error, with its key and its
// message in Italian and English.
type Error = schema.Error

var errf = schema.Errorf

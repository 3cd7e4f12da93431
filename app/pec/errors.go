package pec

import "bando/schema"

// Error is a problem with a signed file or a PEC package: schema.Error, with its key and its
// message in Italian and English. Open returns one for a file that cannot be read;
// Report.Problems lists the reasons a readable file is refused.
type Error = schema.Error

var errf = schema.Errorf

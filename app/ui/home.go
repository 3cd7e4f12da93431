package ui

import (
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Home is the start page: the call, its authority and deadline.
type Home struct {
	app.Compo
}

// Render shows the default call's title and authority.
func (h *Home) Render() app.UI {
	c, err := schema.Shipped(schema.DefaultCallID)
	if err != nil {
		return app.Main().Body(app.P().Text(err.Error()))
	}
	return app.Main().Body(
		app.H1().Text(c.Title.IT),
		app.P().Text(c.Authority.Name.IT),
		app.P().Text("Scadenza: "+c.Submission.Deadline),
	)
}

package draft

// Bounds on the shape of a draft. A file's size alone does not bound the work it causes: 3 MB
// of "[{},{},…]" in a group are a million items, each of which validation checks field by
// field, and a support bundle of that size once made `bando replay` grow past 7 GB. So before
// anything is decoded, one pass over the bytes (no allocation) counts what a draft holds and
// refuses more than any proposal the app can write. The same bounds hold for a draft opened by
// the app, by the CLI and inside a support bundle.
//
// The largest shipped proposal (40 members, 6 lines of action, 200 budget items) holds about
// 2,000 values, no list longer than 200 and a nesting depth of 5; the bounds leave room for
// far larger calls while keeping validation of the worst file under a second.

const (
	// MaxValues bounds the values (answers, list items, objects) of one draft file.
	MaxValues = 100_000
	// MaxItems bounds the items of one list: the members of a group or the choices of a
	// multichoice. Calls have groups of at most a few hundred items.
	MaxItems = 1_000
	// MaxDepth bounds the nesting of lists and objects in a draft file: a call nests at most
	// three groups (schema lint), which is nine levels with the envelope.
	MaxDepth = 32
)

// shape is what measureShape counts.
type shape struct {
	values, items, depth int
}

// measureShape walks JSON text and counts, without building anything: its values (every
// container and every element after the first of one: containers plus commas), its longest
// list and its deepest nesting. It stops as soon as one exceeds lim. Text that is not JSON is
// measured as well as it can be; the decoder refuses it afterwards.
func measureShape(data []byte, lim shape) shape {
	type frame struct {
		list  bool
		items int
	}
	var s shape
	var open []frame
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch c {
		case ' ', '\t', '\n', '\r', ':':
			continue
		case ',':
			s.values++
			if n := len(open); n > 0 && open[n-1].list {
				open[n-1].items++
				s.items = max(s.items, open[n-1].items)
			}
		case '}', ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		default: // a value starts: the first one of a list makes it hold one item
			if n := len(open); n > 0 && open[n-1].list && open[n-1].items == 0 {
				open[n-1].items = 1
				s.items = max(s.items, 1)
			}
			switch c {
			case '"':
				for i++; i < len(data) && data[i] != '"'; i++ {
					if data[i] == '\\' {
						i++
					}
				}
			case '{', '[':
				s.values++
				open = append(open, frame{list: c == '['})
				s.depth = max(s.depth, len(open))
			}
		}
		if s.values > lim.values || s.items > lim.items || s.depth > lim.depth {
			break
		}
	}
	return s
}

// draftLimits are the bounds of a draft file.
var draftLimits = shape{values: MaxValues, items: MaxItems, depth: MaxDepth}

// checkShape refuses a draft file beyond draftLimits, with a message that says which bound.
func checkShape(data []byte) error {
	s := measureShape(data, draftLimits)
	switch {
	case s.depth > MaxDepth:
		return errf("draft.too_deep", nil, "La bozza ha troppi livelli annidati (più di %d): non è stata scritta da Bando o è danneggiata.", "The draft is nested too deeply (more than %d levels): it was not written by Bando or is damaged.", MaxDepth)
	case s.items > MaxItems:
		return errf("draft.too_many_items", nil, "Un elenco della bozza ha troppi elementi (più di %d): nessun bando ne prevede tanti; il file non è stato scritto da Bando o è danneggiato.", "A list in the draft has too many items (more than %d): no call has so many; the file was not written by Bando or is damaged.", MaxItems)
	case s.values > MaxValues:
		return errf("draft.too_many_values", nil, "La bozza contiene troppi valori (più di %d): il file non è stato scritto da Bando o è danneggiato.", "The draft holds too many values (more than %d): the file was not written by Bando or is damaged.", MaxValues)
	}
	return nil
}

// Limits bound the shape of another JSON file the app opens (a partner sheet) as draftLimits
// bound a draft's.
type Limits struct{ Values, Items, Depth int }

// Exceeds names the bound of l that data exceeds ("values", "items" or "depth"), or "".
func (l Limits) Exceeds(data []byte) string {
	s := measureShape(data, shape{values: l.Values, items: l.Items, depth: l.Depth})
	switch {
	case s.depth > l.Depth:
		return "depth"
	case s.items > l.Items:
		return "items"
	case s.values > l.Values:
		return "values"
	}
	return ""
}

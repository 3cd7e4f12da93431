package schema

import "strconv"

// The cost budget. An expression's worst case is known at lint time: a list step multiplies
// by its group's repeat.max, a filter is evaluated once per item it looks at (so filters inside
// filters multiply), and a condition, check or computed value inside a group is evaluated once
// per item of every group around it. Lint refuses an expression whose worst case exceeds
// maxExprCost steps, so that no call can make validation slow, whatever the applicant enters.
// Conditions and computed values that paths reach are remembered per evaluation (evalCtx),
// so they count once, in their own expression.

// maxExprCost is the budget of one expression over one validation, in steps (a step is a
// node evaluated or a container visited: tens of nanoseconds). Two million steps stay well
// under the time a validation may take, and allow comparing each of 1,000 items with a few
// fields, or each item with every other item of a list of up to about 600.
const maxExprCost = 2_000_000

// defaultRepeatMax is the repeat.max assumed for a group that states none (lint requires one;
// this keeps the cost defined while other problems are reported).
const defaultRepeatMax = MaxRepeat

// groupMax is the most items group g may have.
func groupMax(g *Field) float64 {
	if g.Repeat != nil && g.Repeat.Max > 0 {
		return float64(g.Repeat.Max)
	}
	return defaultRepeatMax
}

// timesEvaluated is how many times an expression attached at scope sc is evaluated in one
// validation: once per item of every group around it.
func timesEvaluated(sc *scope) float64 {
	n := 1.0
	for s := sc; s != nil; s = s.parent {
		if s.group != nil {
			n *= groupMax(s.group)
		}
	}
	return n
}

// costText is the lint message of an expression over the budget.
func costText(cost float64) Text {
	return Text{
		IT: "nel caso peggiore questa espressione costa " + formatSteps(cost, IT) + " passi per validazione, oltre il limite di " + formatSteps(maxExprCost, IT) + " (i gruppi contano al loro repeat.max, " + itoa(defaultRepeatMax) + " se manca; i filtri annidati si moltiplicano): abbassa repeat.max dei gruppi, oppure usa unique o distinct invece di confrontare ogni voce con ogni altra",
		EN: "in the worst case this expression costs " + formatSteps(cost, EN) + " steps per validation, over the budget of " + formatSteps(maxExprCost, EN) + " (groups count at their repeat.max, " + itoa(defaultRepeatMax) + " when missing; nested filters multiply): lower the groups' repeat.max, or use unique or distinct instead of comparing every item with every other",
	}
}

// formatSteps writes a number of steps with grouped digits ("2.000.000" / "2,000,000").
func formatSteps(n float64, lang Lang) string {
	if n >= 1e18 {
		return "> " + GroupDigits(1e18, lang)
	}
	return GroupDigits(int64(n), lang)
}

func itoa(n int) string { return strconv.Itoa(n) }

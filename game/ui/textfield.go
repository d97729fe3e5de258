package ui

import "unicode/utf8"

// TextField is the text of a one-line input and its cursor (a rune index).
type TextField struct {
	Text   string
	Cursor int
	Max    int               // most runes accepted; 0 for no limit
	Accept func(r rune) bool // which runes may be typed; nil accepts printable ones
}

// Set replaces the text and puts the cursor at its end.
func (t *TextField) Set(s string) {
	t.Text = s
	t.Cursor = utf8.RuneCountInString(s)
}

// Insert types runes at the cursor, skipping those the field refuses.
func (t *TextField) Insert(rs []rune) {
	cur := []rune(t.Text)
	t.Cursor = min(max(t.Cursor, 0), len(cur))
	for _, r := range rs {
		if r < 0x20 || r == 0x7f || t.Accept != nil && !t.Accept(r) || t.Max > 0 && len(cur) >= t.Max {
			continue
		}
		cur = append(cur[:t.Cursor], append([]rune{r}, cur[t.Cursor:]...)...)
		t.Cursor++
	}
	t.Text = string(cur)
}

// Backspace deletes the rune before the cursor.
func (t *TextField) Backspace() {
	cur := []rune(t.Text)
	t.Cursor = min(max(t.Cursor, 0), len(cur))
	if t.Cursor == 0 {
		return
	}
	t.Text = string(append(cur[:t.Cursor-1], cur[t.Cursor:]...))
	t.Cursor--
}

// Delete deletes the rune after the cursor.
func (t *TextField) Delete() {
	cur := []rune(t.Text)
	t.Cursor = min(max(t.Cursor, 0), len(cur))
	if t.Cursor == len(cur) {
		return
	}
	t.Text = string(append(cur[:t.Cursor], cur[t.Cursor+1:]...))
}

// Move moves the cursor by d runes, within the text.
func (t *TextField) Move(d int) {
	t.Cursor = min(max(t.Cursor+d, 0), utf8.RuneCountInString(t.Text))
}

// Home and End move the cursor to the start or the end.
func (t *TextField) Home() { t.Cursor = 0 }

// End moves the cursor to the end of the text.
func (t *TextField) End() { t.Cursor = utf8.RuneCountInString(t.Text) }

// BeforeCursor returns the text left of the cursor (to place the caret).
func (t *TextField) BeforeCursor() string {
	cur := []rune(t.Text)
	return string(cur[:min(max(t.Cursor, 0), len(cur))])
}

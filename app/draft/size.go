package draft

// CheckSize reports whether a file of n bytes can be a draft, with Decode's message when it
// cannot. The browser asks before reading a dropped file, so a video dropped by mistake is
// refused at once instead of being loaded into memory.
func CheckSize(n int64) error {
	if n > MaxSize {
		return errf("draft.too_large", nil, "Il file è troppo grande per essere una bozza (%d MB).", "The file is too large to be a draft (%d MB).", n>>20)
	}
	return nil
}

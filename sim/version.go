package sim

import "fmt"

// VersionError is the error for a file recorded under another engine
// Version (a replay, a save, a batch file): this engine would not give the
// results it holds, so the file is refused rather than misread.
type VersionError struct {
	File     string // the file, or what it is ("the replay")
	Recorded string // the engine version that wrote it
	Written  string // how it was written: "recorded", "saved", "written"
	Advice   string // what to do instead, such as "replay it with that version"
}

// Error names the file, both versions and what to do, such as "r.replay was
// recorded by engine 1.0.0; this is engine 1.1.0: replay it with that version".
func (e *VersionError) Error() string {
	return fmt.Sprintf("%s was %s by engine %s; this is engine %s: %s", e.File, e.Written, e.Recorded, Version, e.Advice)
}

// CheckVersion returns a *VersionError (with the given words) unless
// recorded is this engine's Version. Versions must match exactly: every
// change of Version is a change of results.
func CheckVersion(file, recorded, written, advice string) error {
	if recorded == Version {
		return nil
	}
	return &VersionError{File: file, Recorded: recorded, Written: written, Advice: advice}
}

package sim

import (
	"errors"
	"regexp"
	"testing"
)

// TestVersionIsSemver: sim.Version is MAJOR.MINOR.PATCH, without leading
// zeros (semver.org 2.0.0, no pre-release or build part).
func TestVersionIsSemver(t *testing.T) {
	if !regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`).MatchString(Version) {
		t.Fatalf("sim.Version %q is not MAJOR.MINOR.PATCH", Version)
	}
}

func TestCheckVersion(t *testing.T) {
	if err := CheckVersion("r.replay", Version, "recorded", "replay it with that version"); err != nil {
		t.Fatalf("this version refused: %v", err)
	}
	err := CheckVersion("r.replay", "0.9.0", "recorded", "replay it with that version")
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Recorded != "0.9.0" {
		t.Fatalf("want a *VersionError for 0.9.0, got %v", err)
	}
	want := "r.replay was recorded by engine 0.9.0; this is engine " + Version + ": replay it with that version"
	if err.Error() != want {
		t.Fatalf("message:\n got %s\nwant %s", err, want)
	}
}

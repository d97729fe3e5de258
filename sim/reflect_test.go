package sim_test

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestStateHoldsOnlyFixedWidthValues walks the type of the hashed state:
// only fixed-width integers, booleans, arrays, slices and structs of them.
// No floats (fused multiply-add and libm differ across architectures), no
// int, uint or uintptr (32-bit on 386), no maps (random order), no pointers,
// interfaces or strings (identity and layout, not values).
func TestStateHoldsOnlyFixedWidthValues(t *testing.T) {
	var walk func(ty reflect.Type, path string)
	walk = func(ty reflect.Type, path string) {
		switch ty.Kind() {
		case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		case reflect.Array, reflect.Slice:
			walk(ty.Elem(), path+"[]")
		case reflect.Struct:
			for i := range ty.NumField() {
				f := ty.Field(i)
				walk(f.Type, path+"."+f.Name)
			}
		default:
			t.Errorf("%s is a %s (%s): the state may hold only fixed-width integers and booleans", path, ty.Kind(), ty)
		}
	}
	walk(reflect.TypeFor[sim.State](), "State")
}

// fill gives every leaf of v a distinct non-zero value and every slice two
// elements.
func fill(v reflect.Value, n *int64) {
	switch v.Kind() {
	case reflect.Bool:
		*n++
		v.SetBool(*n%2 == 0)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		*n++
		v.SetInt(*n%100 + 1)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		*n++
		v.SetUint(uint64(*n%100 + 1))
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fill(v.Index(i), n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	}
}

// leaf is one scalar of the state, with its path for messages.
type leaf struct {
	path string
	v    reflect.Value
}

func leaves(v reflect.Value, path string, out []leaf) []leaf {
	switch v.Kind() {
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			out = leaves(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			out = leaves(v.Field(i), path+"."+v.Type().Field(i).Name, out)
		}
	default:
		out = append(out, leaf{path, v})
	}
	return out
}

// TestVisitCoversEveryField: in a state with two elements in every slice and
// a distinct value in every field, changing any single field, or the length
// of any slice, changes the hash; and the digest sees the change too. A
// field State.Visit left out would be invisible to hashes, replays and diffs.
func TestVisitCoversEveryField(t *testing.T) {
	e := sim.New(simtest.Scenario(), 1)
	st := e.State()
	var n int64
	fill(reflect.ValueOf(st).Elem(), &n)
	base, baseDigest := e.Hash(), st.Digest(nil)
	all := leaves(reflect.ValueOf(st).Elem(), "State", nil)
	if len(all) < 100 {
		t.Fatalf("only %d leaves: the walk is broken", len(all))
	}
	for _, l := range all {
		changedDigest := false
		for _, delta := range []int64{1, 2, 77} {
			switch l.v.Kind() {
			case reflect.Bool:
				l.v.SetBool(!l.v.Bool())
			case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
				l.v.SetUint(l.v.Uint() + uint64(delta))
			default:
				l.v.SetInt(l.v.Int() + delta)
			}
			h := e.Hash()
			changedDigest = changedDigest || !bytes.Equal(st.Digest(nil), baseDigest)
			switch l.v.Kind() {
			case reflect.Bool:
				l.v.SetBool(!l.v.Bool())
			case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
				l.v.SetUint(l.v.Uint() - uint64(delta))
			default:
				l.v.SetInt(l.v.Int() - delta)
			}
			if h == base {
				t.Errorf("changing %s by %d does not change the hash", l.path, delta)
			}
		}
		if !changedDigest && !entityID(l.path) {
			t.Errorf("changing %s does not change the digest", l.path)
		}
		if e.Hash() != base {
			t.Fatalf("restoring %s did not restore the hash", l.path)
		}
	}
	// every slice's length counts too
	var slices func(v reflect.Value, path string)
	slices = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Slice:
			full := v.Slice(0, v.Len())
			v.Set(full.Slice(0, v.Len()-1))
			if e.Hash() == base {
				t.Errorf("dropping the last element of %s does not change the hash", path)
			}
			v.Set(full)
			for i := range v.Len() {
				slices(v.Index(i), path+"[]")
			}
		case reflect.Array:
			for i := range v.Len() {
				slices(v.Index(i), path+"[]")
			}
		case reflect.Struct:
			for i := range v.NumField() {
				slices(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	}
	slices(reflect.ValueOf(st).Elem(), "State")
	if e.Hash() != base {
		t.Fatal("the walk over slices did not restore the state")
	}
}

// entityID reports whether a leaf is the id of an entity, which Visit
// passes to Visitor.Entity rather than as a field.
func entityID(path string) bool {
	return strings.HasSuffix(path, "].ID") && strings.Count(path, ".") == 2
}

// TestDigestSeesEntityIDs: two states that differ only in an entity's id
// (a mission renumbered in a replay) have different hashes; the digest,
// which a replay uses to name the first difference, must see it too.
func TestDigestSeesEntityIDs(t *testing.T) {
	e := sim.New(simtest.Scenario(), 1)
	st := e.State()
	st.Halts = []sim.Halt{{ID: 5, Until: 3, Zone: -1}}
	digest := st.Digest(nil)
	st.Halts[0].ID = 6
	if bytes.Equal(digest, st.Digest(nil)) {
		t.Fatal("renumbering a halt leaves the digest as it was")
	}
}

// TestFieldAtNamesDigestPositions: FieldAt names the field of each digest
// byte, so a replay can say which entity and field first differ.
func TestFieldAtNamesDigestPositions(t *testing.T) {
	e := sim.New(simtest.Scenario(), 3)
	digest := e.State().Digest(nil)
	first, ok := e.State().FieldAt(0)
	if !ok || first.Entity != "world" || first.Field != "(id)" {
		t.Fatalf("byte 0 is %+v, want the world entity itself", first)
	}
	if second, _ := e.State().FieldAt(1); second.Entity != "world" || second.Field != "turn" {
		t.Fatalf("byte 1 is %+v, want the world's turn", second)
	}
	last, ok := e.State().FieldAt(len(digest) - 1)
	if !ok || last.Field == "" {
		t.Fatalf("last field %+v, ok %v", last, ok)
	}
	if _, ok := e.State().FieldAt(len(digest)); ok {
		t.Fatal("FieldAt found a field past the digest's end")
	}
	e.State().Trust++
	if ref, _ := e.State().FieldAt(firstDifference(digest, e.State().Digest(nil))); ref.Field != "trust" || ref.Value != e.State().Trust {
		t.Fatalf("a change of trust is located at %+v", ref)
	}
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

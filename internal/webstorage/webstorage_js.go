package webstorage

import (
	"errors"
	"fmt"
	"syscall/js"
)

// Local is the page's localStorage. Its methods fail when the browser
// offers none (storage turned off) or throws.
type Local struct{}

// Get returns the value under key; ok is false when there is none.
func (Local) Get(key string) (value string, ok bool, err error) {
	err = call(func(ls js.Value) {
		if v := ls.Call("getItem", key); !v.IsNull() {
			value, ok = v.String(), true
		}
	})
	return value, ok, err
}

// Set stores value under key, replacing what it held, or changes nothing.
func (Local) Set(key, value string) error {
	return call(func(ls js.Value) { ls.Call("setItem", key, value) })
}

// Remove deletes key (nothing happens when it is absent).
func (Local) Remove(key string) error {
	return call(func(ls js.Value) { ls.Call("removeItem", key) })
}

// Keys returns every key the storage holds, in the browser's order.
func (Local) Keys() (keys []string, err error) {
	err = call(func(ls js.Value) {
		n := ls.Get("length").Int()
		for i := range n {
			if k := ls.Call("key", i); !k.IsNull() {
				keys = append(keys, k.String())
			}
		}
	})
	return keys, err
}

// call runs f on localStorage and turns what the browser throws into an
// error, wrapping ErrFull for an exceeded quota.
func call(f func(ls js.Value)) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		je, ok := r.(js.Error)
		if !ok {
			panic(r)
		}
		switch je.Value.Get("name").String() {
		case "QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED": // the standard's name, older Firefox's
			err = fmt.Errorf("%w (%v)", ErrFull, je)
		default:
			err = fmt.Errorf("browser storage: %w", je)
		}
	}()
	ls := js.Global().Get("localStorage") // throws when the user turned storage off
	if !ls.Truthy() {
		return errors.New("the browser offers no local storage")
	}
	f(ls)
	return nil
}

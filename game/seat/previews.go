package seat

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/deconflict/deconflict/game/netclient"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/sim"
)

// The seat's preview requests are paced by a bucket of previewBurst
// requests refilled at previewRate a second: the choices of the cards on
// screen are asked for at once, and the requests stay well within the
// server's limit on messages (a burst of 40, then 20 a second), so that
// orders always get through.
const (
	previewBurst = 24
	previewRate  = 10
)

// previewWait bounds the wait for one preview.
const previewWait = 5 * time.Second

// previews asks the server for previews in the background, several at
// once, and keeps the answers while the seat's observation stays the same
// (reset).
type previews struct {
	c      *netclient.Client
	cancel context.CancelFunc
	done   chan struct{}
	wake   chan struct{}
	asking sync.WaitGroup // the requests on their way

	mu     sync.Mutex
	gen    int64 // bumped by reset: answers to older requests are dropped
	rev    int64 // bumped by every answer kept
	answer map[sim.Order]previewAnswer
	queue  []sim.Order        // the open decisions' choices first, then the orders of any time
	asked  map[sim.Order]bool // queued or on their way, in this generation
}

type previewAnswer struct {
	p   sim.Preview
	err error // the server's refusal of the order, or a failure to ask
}

func newPreviews(c *netclient.Client) *previews {
	ctx, cancel := context.WithCancel(context.Background())
	p := &previews{c: c, cancel: cancel, done: make(chan struct{}), wake: make(chan struct{}, 1),
		answer: map[sim.Order]previewAnswer{}, asked: map[sim.Order]bool{}}
	go p.run(ctx)
	return p
}

func (p *previews) close() {
	p.cancel()
	<-p.done
}

func (p *previews) revision() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.rev
}

// reset forgets every answer and request: the state they were for is gone.
func (p *previews) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gen++
	clear(p.answer)
	clear(p.asked)
	p.queue = p.queue[:0]
}

// get returns the server's preview of o, or session.ErrPreviewPending after asking
// for it.
func (p *previews) get(o sim.Order) (sim.Preview, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.answer[o]; ok {
		return a.p, a.err
	}
	p.ask(o)
	return sim.Preview{}, session.ErrPreviewPending
}

// refusal returns the server's refusal of o as its preview said, or nil
// (also while the preview is on its way, which it asks for).
func (p *previews) refusal(o sim.Order) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.answer[o]; ok {
		var refused *refusedError
		if errors.As(a.err, &refused) {
			return a.err
		}
		return nil
	}
	p.ask(o)
	return nil
}

// ask queues a request for o unless one is queued or on its way (under the
// lock). An answer to an open decision goes before every order of any time:
// the cards on screen are what the player reads first.
func (p *previews) ask(o sim.Order) {
	if p.asked[o] {
		return
	}
	p.asked[o] = true
	i := len(p.queue)
	if o.Decision != 0 {
		for i > 0 && p.queue[i-1].Decision == 0 {
			i--
		}
	}
	p.queue = append(p.queue, sim.Order{})
	copy(p.queue[i+1:], p.queue[i:])
	p.queue[i] = o
	p.nudge()
}

// nudge wakes the sender to look at the queue again, if it is not awake
// already.
func (p *previews) nudge() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// connected waits until the client is connected; false when closed.
func (p *previews) connected(ctx context.Context) bool {
	for {
		ch := p.c.Changed()
		if p.c.Status().Connected {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-ch:
		}
	}
}

// refusedError is the server's word that an order is not valid now.
type refusedError struct{ err error }

func (e *refusedError) Error() string { return e.err.Error() }

// run sends the queued requests as the bucket allows until closed; each
// waits for its answer on its own, so several are on their way at once. An
// order of any time is sent only while half the bucket stays for the
// decision cards that may come.
func (p *previews) run(ctx context.Context) {
	defer close(p.done)
	defer p.asking.Wait()
	tokens, last := float64(previewBurst), time.Now()
	for {
		p.mu.Lock()
		var o sim.Order
		n := len(p.queue)
		if n > 0 {
			o = p.queue[0]
		}
		gen := p.gen
		p.mu.Unlock()
		if n == 0 {
			select {
			case <-ctx.Done():
				return
			case <-p.wake:
				continue
			}
		}
		now := time.Now()
		tokens = min(previewBurst, tokens+now.Sub(last).Seconds()*previewRate)
		last = now
		need := 1.0
		if o.Decision == 0 {
			need += previewBurst / 2
		}
		if tokens < need {
			select {
			case <-ctx.Done():
				return
			case <-p.wake: // a decision's choice may have come first
			case <-time.After(time.Duration((need - tokens) / previewRate * float64(time.Second))):
			}
			continue
		}
		if !p.connected(ctx) {
			return
		}
		p.mu.Lock()
		taken := gen == p.gen && len(p.queue) > 0 && p.queue[0] == o
		if taken {
			p.queue = p.queue[1:]
		}
		p.mu.Unlock()
		if !taken { // the queue changed meanwhile: look again
			continue
		}
		tokens--
		p.asking.Add(1)
		go func() {
			defer p.asking.Done()
			p.request(ctx, o, gen)
		}()
	}
}

// request asks the server for one preview and keeps its answer if the
// observation it was asked for is still the seat's.
func (p *previews) request(ctx context.Context, o sim.Order, gen int64) {
	rctx, cancel := context.WithTimeout(ctx, previewWait)
	pr, err := p.c.Preview(rctx, o)
	cancel()
	if ctx.Err() != nil {
		return
	}
	var server *netclient.ServerError
	if errors.As(err, &server) {
		err = &refusedError{err}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen != p.gen { // the state it was for is gone
		return
	}
	switch {
	case errors.Is(err, netclient.ErrNotConnected):
		p.queue = append([]sim.Order{o}, p.queue...) // asked again once the server is back
		p.nudge()
	case errors.Is(err, context.DeadlineExceeded):
		delete(p.asked, o)
		p.rev++ // no answer: the screen asks again when it shows the order
	default:
		p.answer[o] = previewAnswer{p: pr, err: err}
		p.rev++
	}
}

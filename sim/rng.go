package sim

import "math/bits"

// PCG is a PCG-XSH-RR 64/32 generator: 64-bit state, 32-bit output. It is
// plain data, so it can live in the hashed state and be copied.
type PCG struct {
	State uint64
	Inc   uint64 // stream selector, always odd
}

const pcgMultiplier = 6364136223846793005

// NewPCG seeds a stream from a seed and a stream number, so every purpose
// (events, logistics, intelligence …) has its own independent sequence.
func NewPCG(seed, stream uint64) PCG {
	p := PCG{Inc: stream<<1 | 1}
	p.next()
	p.State += splitmix(seed)
	p.next()
	return p
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// DeriveSeed mixes a base seed and an index into a new seed: batch run i
// uses DeriveSeed(base, i), so a run's dice depend on (base, i) alone.
// The result stays below 2^53 so it prints exactly in JSON and R.
func DeriveSeed(base, index uint64) uint64 {
	return splitmix(base^splitmix(index+0x632be59bd9b4e019)) & (1<<53 - 1)
}

func (p *PCG) next() uint32 {
	old := p.State
	p.State = old*pcgMultiplier + p.Inc
	xorshifted := uint32((old>>18 ^ old) >> 27)
	rot := uint32(old >> 59)
	return bits.RotateLeft32(xorshifted, -int(rot))
}

// Uint32 returns the next 32 random bits.
func (p *PCG) Uint32() uint32 { return p.next() }

// Below returns a value in [0, n) (n > 0) by Lemire's multiply-shift.
func (p *PCG) Below(n uint32) uint32 { return uint32(uint64(p.next()) * uint64(n) >> 32) }

// Chance reports true with probability ppm / 1e6. It draws once whatever
// the odds, so the stream advances the same: Chance(ppm) is Roll() < ppm.
func (p *PCG) Chance(ppm int64) bool { return p.Roll() < ppm }

// rollIf is Roll when draw holds; otherwise it leaves the stream as it is
// and returns Micro, which no chance exceeds. It has no branch: loops that
// draw for some items and not others, in no pattern a branch predictor can
// follow, run at an even pace.
func (p *PCG) rollIf(draw bool) int64 {
	var roll int64
	p.State, roll = rollIfFrom(p.State, p.Inc, draw)
	return roll
}

// rollIfFrom is rollIf on a stream's state and increment held in
// variables: it returns the state after it and the roll. A loop that keeps
// them in variables of its own keeps them out of memory (a PCG whose
// methods are called lives there, and every draw waits on a store).
func rollIfFrom(state, inc uint64, draw bool) (uint64, int64) {
	next := state*pcgMultiplier + inc
	xorshifted := uint32((state>>18 ^ state) >> 27)
	rot := uint32(state >> 59)
	roll := int64(uint64(bits.RotateLeft32(xorshifted, -int(rot))) * Micro >> 32)
	if !draw { // conditional moves, not a branch: the next state waits on one multiply
		next, roll = state, Micro
	}
	return next, roll
}

// Roll draws a number in [0, 1e6). Chance(ppm) is Roll() < ppm, so a caller
// may roll first and work out a costly chance only when the roll falls
// under the most it can be.
func (p *PCG) Roll() int64 { return int64(p.Below(Micro)) }

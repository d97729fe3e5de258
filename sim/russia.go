package sim

// Russia on the hotline: Israel gives notice of each strike that passes
// near Russian forces, and Russia answers it. It may take note, protest
// (the Israel–Russia ladder rises) or ask Israel to wait a turn, which
// also buys the notice Russia needs to clear its own aircraft.

// answerNotice carries out Russia's answer to the notice of a mission.
func (e *Engine) answerNotice(m *Mission, k OrderKind) {
	st := &e.st
	switch k {
	case OrderProtest:
		e.addEscalation(IsraelRussia, e.param(ParamProtestEscalation), CauseProtest, -1, m.ID)
		e.note(LogNoticeAnswer, Russia, Israel, -1, m.ID, noticeProtest)
	case OrderAskDelay:
		m.FlyTurn = max(m.FlyTurn, st.Turn+1)
		m.Notice = max(m.Notice, NoticeStandard)
		e.note(LogNoticeAnswer, Russia, Israel, -1, m.ID, noticeDelay)
	default:
		e.note(LogNoticeAnswer, Russia, Israel, -1, m.ID, noticeNoted)
	}
}

// Russia's answers as the log records them (LogNoticeAnswer's Value).
const (
	noticeNoted   = 0
	noticeProtest = 1
	noticeDelay   = 2
)

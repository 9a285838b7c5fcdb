// A spreekuur's slots: from its start, one every slot_minutes, as many as fit in its time.
// Pure, so the page, the booking and the test agree on what a slot is.
export interface HourTimes {
  startsAt: Date
  minutes: number
  slotMinutes: number | null
}

export function slotsOf(h: HourTimes): Date[] {
  const step = h.slotMinutes
  if (!step) return []
  const n = Math.floor(h.minutes / step)
  return Array.from({ length: n }, (_, i) => new Date(h.startsAt.getTime() + i * step * 60_000))
}

export const isSlotOf = (h: HourTimes, at: Date): boolean =>
  slotsOf(h).some((s) => s.getTime() === at.getTime())

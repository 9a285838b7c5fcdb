// The one way to write iCalendar: events with a stable UID (so a change or a cancellation
// updates the same event in the person's calendar), times in UTC, CANCELLED when called off.
import { createEvents } from 'ics'

export interface CalendarEvent {
  /** Stable per event: the record's id (with a kind, when two kinds could share an id). */
  uid: string
  title: string
  place: string
  startsAt: Date
  endsAt: Date
  url: string
  cancelled: boolean
}

export function toCalendar(
  events: readonly CalendarEvent[],
  calName: string,
  baseUrl: string,
): string {
  const host = new URL(baseUrl).hostname
  const { error, value } = createEvents(
    events.map((e) => ({
      uid: `${e.uid}@${host}`,
      start: e.startsAt.getTime(),
      startInputType: 'utc' as const,
      startOutputType: 'utc' as const,
      end: e.endsAt.getTime(),
      endInputType: 'utc' as const,
      endOutputType: 'utc' as const,
      title: e.title,
      location: e.place,
      url: e.url,
      status: e.cancelled ? ('CANCELLED' as const) : ('CONFIRMED' as const),
    })),
    { productId: 'kringwerk', calName },
  )
  if (error || value === null) throw error ?? new Error('ics failed')
  return value
}

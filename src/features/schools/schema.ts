// The zod shapes of the schools feature's forms: the holiday region, and a day off the school
// adds (one day, or a period up to a year; dates as people type them, core/http/forms.ts).
import { z } from 'zod'
import { label, schoolDate } from '../../core/http/forms.ts'
import { addDays } from '../../core/time.ts'
import { HOLIDAY_REGIONS } from './holidays.ts'

export const RegionInput = z.object({ region: z.enum(HOLIDAY_REGIONS) })

/** An empty date field: a text box left blank, or day / month / year boxes all blank. */
const blank = (v: unknown) =>
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (typeof v === 'object' &&
    v !== null &&
    Object.values(v).every((x) => typeof x !== 'string' || x.trim() === ''))

export const DayOffInput = z
  .object({
    start: schoolDate(),
    /** Left empty: a single day. */
    end: z.preprocess((v) => (blank(v) ? undefined : v), schoolDate().optional()),
    label: label(80),
  })
  .transform((v) => ({ start: v.start, end: v.end ?? v.start, label: v.label }))
  .refine((v) => v.end >= v.start, { path: ['end'], message: 'schools.endBeforeStart' })
  .refine((v) => v.end <= addDays(v.start, 366), { path: ['end'], message: 'schools.tooLong' })
export type DayOffInput = z.output<typeof DayOffInput>

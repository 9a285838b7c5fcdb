// The browser tour (test/tour.ts), first part: a visitor without an account, the parent and
// the teacher. The tour is split over three files (by position in PERSONAS, so a new persona is
// toured too) that run side by side, each within the test timeout.
import { PERSONAS } from '../src/demo/personas.ts'
import { tour } from './tour.ts'

tour(['anonymous', ...PERSONAS.slice(0, 2)])

// The browser tour (test/tour.ts), last part: the facilitator, partner, municipality, admin
// and any persona added after them.
import { PERSONAS } from '../src/demo/personas.ts'
import { tour } from './tour.ts'

tour(PERSONAS.slice(5))

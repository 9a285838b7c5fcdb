// The browser tour (test/tour.ts), second part: the IB, the director and the brugfiguur.
import { PERSONAS } from '../src/demo/personas.ts'
import { tour } from './tour.ts'

tour(PERSONAS.slice(2, 5))

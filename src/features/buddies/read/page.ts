// Each buddy page's data in one load step: what the page shows to this viewer, by audience,
// with the school's themes loaded once for all its sections.
import type { Db } from '../../../core/db/index.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import type { T } from '../../../core/i18n/index.ts'
import { can } from '../../../policies.ts'
import { DEFAULT_QUEUE, type QueueFilter } from '../schema.ts'
import {
  type CoordinatorView,
  loadCoordinatorView,
  type RegistryRow,
  registry,
} from './coordinator.ts'
import { loadParentView, type ParentView } from './parent.ts'
import { loadSettingsView, type SettingsView } from './settings.ts'
import { loadTeacherView, type TeacherView } from './teacher.ts'
import { loadThemes, type Themes } from './themes.ts'

export interface BuddiesPage {
  themes: Themes
  coordinator: CoordinatorView | null
  teacher: TeacherView | null
  parent: ParentView | null
}

/** /buddies: the work list, the signals and the parent's own sections, as far as allowed. */
export async function loadBuddiesPage(
  db: Db,
  v: Viewer,
  t: T,
  search = '',
  queue: QueueFilter = DEFAULT_QUEUE,
): Promise<BuddiesPage> {
  const may = (a: 'buddies.coordinate' | 'buddies.signal' | 'buddies.offer') =>
    can(v.p, a, undefined, v.env)
  const themes = loadThemes(db, v.p.schoolId, t)
  const [coordinator, teacher, parent] = await Promise.all([
    may('buddies.coordinate')
      ? themes.then((th) => loadCoordinatorView(db, v, queue, th.codes))
      : null,
    may('buddies.signal') ? loadTeacherView(db, v, search) : null,
    may('buddies.offer') ? loadParentView(db, v) : null,
  ])
  return { themes: await themes, coordinator, teacher, parent }
}

export interface SettingsPage extends SettingsView {
  themes: Themes
  /** Whether the viewer names theme coordinators (the director). */
  mayName: boolean
  /** Whether the viewer switches the offer to new families on or off (the director). */
  maySwitch: boolean
}

/** /buddies/settings: the school's arrangements, programmes and referrals. */
export async function loadSettingsPage(
  db: Db,
  v: Viewer,
  t: T,
  search = '',
): Promise<SettingsPage> {
  const [themes, view] = await Promise.all([
    loadThemes(db, v.p.schoolId, t),
    loadSettingsView(db, v, search),
  ])
  return {
    ...view,
    themes,
    mayName: can(v.p, 'buddies.coordinators', undefined, v.env),
    maySwitch: can(v.p, 'buddies.settings', undefined, v.env),
  }
}

export interface RegistryPage {
  themes: Themes
  rows: RegistryRow[]
}

/** /buddies/registry: the coordinators' overview of buddies (every view audit-logged). */
export async function loadRegistryPage(db: Db, v: Viewer, t: T): Promise<RegistryPage> {
  const [themes, rows] = await Promise.all([loadThemes(db, v.p.schoolId, t), registry(db, v)])
  return { themes, rows }
}

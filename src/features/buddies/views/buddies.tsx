/** @jsxImportSource hono/jsx */
// /buddies as one page: the sections this viewer's roles give them, from the page's one load.
import type { Ctx } from '../../../core/http/context.ts'
import type { FieldErrors } from '../../../core/http/render.tsx'
import type { BuddiesPage } from '../read/page.ts'
import { CoordinatorSection } from './coordinator.tsx'
import { ParentSections } from './parent.tsx'
import { SignalSection } from './teacher.tsx'

export function BuddiesBody({
  c,
  v,
  offerErrors,
}: {
  c: Ctx
  v: BuddiesPage
  offerErrors?: FieldErrors
}) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('nav.buddies')}</h1>
      <p>{t('buddies.intro')}</p>
      {v.coordinator ? <CoordinatorSection c={c} v={v.coordinator} themes={v.themes} /> : null}
      {v.teacher ? <SignalSection c={c} v={v.teacher} themes={v.themes} /> : null}
      {v.parent ? (
        <ParentSections c={c} v={v.parent} themes={v.themes} offerErrors={offerErrors} />
      ) : null}
    </>
  )
}

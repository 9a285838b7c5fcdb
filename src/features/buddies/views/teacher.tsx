/** @jsxImportSource hono/jsx */
// A teacher's (or coordinator's) section of /buddies: signal a parent who could use a buddy,
// invite one who could be a buddy, and see that their signals arrived (nothing more).
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty, Select } from '../../../core/http/render.tsx'
import type { TeacherView } from '../read/teacher.ts'
import type { Themes } from '../read/themes.ts'
import { ParentFinder, ParentSelect } from './parents.tsx'

export function SignalSection({ c, v, themes }: { c: Ctx; v: TeacherView; themes: Themes }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="h-signal">
      <h2 id="h-signal">{t('buddies.signal')}</h2>
      <p>{t('buddies.signalIntro')}</p>
      {v.searches ? (
        <ParentFinder
          c={c}
          path="/buddies/find-parent"
          anchor="h-signal"
          name={v.search}
          found={v.parents.length}
        />
      ) : null}
      {v.parents.length ? (
        <form method="post" action="/buddies/signal" class="inline">
          <CsrfField c={c} />
          <ParentSelect c={c} name="parentId" parents={v.parents} />
          <Select c={c} name="theme" label="buddies.theme" options={themes.options} />
          <button type="submit">{t('buddies.signalSubmit')}</button>
        </form>
      ) : v.searches ? null : (
        <Empty>{t('buddies.noParents')}</Empty>
      )}
      <h3>{t('buddies.recruit')}</h3>
      <p>{t('buddies.recruitIntro')}</p>
      {v.parents.length ? (
        <form method="post" action="/buddies/recruit" class="inline">
          <CsrfField c={c} />
          <ParentSelect c={c} name="candidateId" parents={v.parents} />
          <button type="submit">{t('buddies.recruitSubmit')}</button>
        </form>
      ) : null}
      {v.signals.length ? (
        <ul class="rows">
          {v.signals.map((sg) => (
            <li>
              {themes.name(sg.theme)} · {t('buddies.signalReceived')}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

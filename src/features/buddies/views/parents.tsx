/** @jsxImportSource hono/jsx */
// Finding and choosing a parent (to signal, invite or refer): a coordinator searches by name,
// a teacher chooses from the parents of their own classes.
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty, Select } from '../../../core/http/render.tsx'
import type { ReachableParent } from '../read/teacher.ts'
import { PARENT_MATCHES } from '../schema.ts'

/**
 * A coordinator finds a parent by name: a form that shows the same page with the matches, at
 * the same section. Says so plainly when nobody matched.
 */
export function ParentFinder(props: {
  c: Ctx
  path: string
  anchor: string
  name: string
  found: number
}) {
  const t = props.c.get('t')
  const id = `find-${props.anchor}`
  return (
    <>
      <search>
        <form method="post" action={`${props.path}#${props.anchor}`} class="inline">
          <CsrfField c={props.c} />
          <label for={id}>{t('buddies.findParent')}</label>
          <input
            id={id}
            type="search"
            name="parent"
            value={props.name}
            minlength={2}
            maxlength={100}
            aria-describedby={`${id}-hint`}
          />
          <button type="submit" class="secondary">
            {t('buddies.findSubmit')}
          </button>
          <p class="hint" id={`${id}-hint`}>
            {t('buddies.findParentHint', { max: PARENT_MATCHES })}
          </p>
        </form>
      </search>
      {props.name.length >= 2 && props.found === 0 ? (
        <Empty>{t('buddies.noParentFound', { name: props.name })}</Empty>
      ) : null}
    </>
  )
}

/** The parents found or listed, as a choice in a form. */
export const ParentSelect = (props: {
  c: Ctx
  name: string
  parents: readonly ReachableParent[]
}) => (
  <Select
    c={props.c}
    name={props.name}
    label="role.parent"
    options={props.parents.map((x) => ({ value: x.id, label: x.name }))}
  />
)

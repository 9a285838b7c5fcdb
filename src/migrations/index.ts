// The ordered list of migrations. Append only: a released migration never changes.
import type { Migration } from 'kysely'
import * as m0001 from './0001_foundation.ts'
import * as m0002 from './0002_buddies.ts'
import * as m0003 from './0003_session_principal.ts'
import * as m0004 from './0004_buddy_checkins.ts'
import * as m0005 from './0005_circles.ts'
import * as m0006 from './0006_buddy_coordinators.ts'
import * as m0007 from './0007_buddy_school_themes.ts'
import * as m0008 from './0008_buddy_new_families.ts'
import * as m0009 from './0009_buddy_programmes.ts'
import * as m0010 from './0010_mail_queue.ts'
import * as m0011 from './0011_mail_valid_until.ts'
import * as m0012 from './0012_calendar_feed.ts'
import * as m0013 from './0013_consent_recorded_by.ts'
import * as m0014 from './0014_circle_consents.ts'
import * as m0015 from './0015_school_calendar.ts'
import * as m0016 from './0016_circle_audiences.ts'
import * as m0017 from './0017_mail_parts.ts'
import * as m0018 from './0018_messages.ts'
import * as m0019 from './0019_surveys.ts'
import * as m0020 from './0020_partners.ts'
import * as m0021 from './0021_partner_requests.ts'
import * as m0022 from './0022_sociale_kaart.ts'

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_buddies': m0002,
  '0003_session_principal': m0003,
  '0004_buddy_checkins': m0004,
  '0005_circles': m0005,
  '0006_buddy_coordinators': m0006,
  '0007_buddy_school_themes': m0007,
  '0008_buddy_new_families': m0008,
  '0009_buddy_programmes': m0009,
  '0010_mail_queue': m0010,
  '0011_mail_valid_until': m0011,
  '0012_calendar_feed': m0012,
  '0013_consent_recorded_by': m0013,
  '0014_circle_consents': m0014,
  '0015_school_calendar': m0015,
  '0016_circle_audiences': m0016,
  '0017_mail_parts': m0017,
  '0018_messages': m0018,
  '0019_surveys': m0019,
  '0020_partners': m0020,
  '0021_partner_requests': m0021,
  '0022_sociale_kaart': m0022,
}

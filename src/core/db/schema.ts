// The database's tables as Kysely sees them. Migrations in src/migrations are the truth;
// this file follows them. Features add their tables here next to their migration.
import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, never, never>

export const ROLES = [
  'parent',
  'teacher',
  'ib',
  'director',
  'brugfiguur',
  'facilitator',
  'partner',
  'municipal',
  'admin',
] as const
export type Role = (typeof ROLES)[number]

export const LANGUAGES = ['nl', 'en', 'fr', 'ar', 'tr', 'pl', 'uk'] as const
export type Language = (typeof LANGUAGES)[number]

export const CONTACT_CHANNELS = ['email', 'phone', 'school'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]

export interface MunicipalitiesTable {
  id: Generated<string>
  name: string
  created_at: CreatedAt
}

export interface SchoolsTable {
  id: Generated<string>
  municipality_id: string | null
  name: string
  city: string | null
  created_at: CreatedAt
  /** Whose official holidays the school keeps (migration 0015); null: not chosen yet. */
  holiday_region: ColumnType<
    HolidayRegion | null,
    HolidayRegion | null | undefined,
    HolidayRegion | null
  >
}

export type HolidayRegion = 'noord' | 'midden' | 'zuid' | 'vlaanderen'

/** A day off the school adds to its calendar: one day or a period (migration 0015). */
export interface SchoolDaysOffTable {
  id: Generated<string>
  school_id: string
  starts_on: ColumnType<Date, string, string>
  ends_on: ColumnType<Date, string, string>
  label: string
  created_by: string | null
  created_at: CreatedAt
}

export interface PeopleTable {
  id: Generated<string>
  email: string
  name: string
  first_name: string
  language: ColumnType<Language, Language | undefined, Language>
  contact_channel: ColumnType<ContactChannel, ContactChannel | undefined, ContactChannel>
  phone: string | null
  /** Languages this person speaks, reads or writes (ISO 639-1), e.g. ['nl','tr']. */
  home_languages: ColumnType<string[], string[] | undefined, string[]>
  created_at: CreatedAt
  last_signin_at: Timestamp | null
  /** Raised to replace the person's calendar feed link (features/circles/ics.ts). */
  calendar_feed: ColumnType<number, number | undefined, number>
  /** Messages from school in one mail a day instead of one mail each (features/messages). */
  message_digest: ColumnType<boolean, boolean | undefined, boolean>
}

export interface MembershipsTable {
  id: Generated<string>
  school_id: string
  person_id: string
  role: Role
  invited_by: string | null
  created_at: CreatedAt
}

/** A class in a school: `groep 1/2a`, `groep 5`. */
export interface GroupsTable {
  id: Generated<string>
  school_id: string
  name: string
  /** Lowest grade (1..8) of the class; a combined 1/2 class has grade 1. */
  grade: number
}

export interface GroupTeachersTable {
  group_id: string
  person_id: string
  school_id: string
}

/** Children never have accounts; they exist so parents and groups can be linked. */
export interface ChildrenTable {
  id: Generated<string>
  school_id: string
  group_id: string
  first_name: string
  created_at: CreatedAt
}

export interface GuardianshipsTable {
  child_id: string
  person_id: string
  school_id: string
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen table does not yield sessions. */
  id: string
  person_id: string
  school_id: string | null
  created_at: CreatedAt
  expires_at: Timestamp
  /** Snapshot of the principal; null when it must be rebuilt (triggers clear it). */
  principal: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
  principal_version: Generated<number>
}

export interface SigninTokensTable {
  id: Generated<string>
  person_id: string
  link_hash: string
  code_hash: string
  attempts: Generated<number>
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: CreatedAt
}

export interface RateEventsTable {
  bucket: string
  at: Generated<Date>
}

export interface OutboxTable {
  id: Generated<string>
  person_id: string | null
  to_address: string
  subject: string
  body_text: string
  /** Mail that tells who takes part in something (circles): hidden from an admin's view. */
  confidential: ColumnType<boolean, boolean | undefined, boolean>
  created_at: CreatedAt
  /** The parts of one mail share its id, in the order of `part` (migration 0017). */
  mail_id: ColumnType<string, string | undefined, string>
  part: ColumnType<number, number | undefined, number>
}

/** Mail on its way over SMTP (migration 0010): deleted once delivered. */
export interface MailQueueTable {
  id: Generated<string>
  person_id: string | null
  to_address: string
  subject: string
  body_text: string
  confidential: ColumnType<boolean, boolean | undefined, boolean>
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  last_error: string | null
  failed_at: Date | null
  valid_until: Date | null
  created_at: CreatedAt
  /** The parts of one mail share its id, in the order of `part` (migration 0017). */
  mail_id: ColumnType<string, string | undefined, string>
  part: ColumnType<number, number | undefined, number>
}

export interface AuditLogTable {
  id: Generated<string>
  school_id: string | null
  actor_id: string | null
  action: string
  subject_id: string | null
  /** Ids and codes only: never names, addresses or free text. */
  detail: ColumnType<Record<string, unknown>, string, string>
  at: CreatedAt
}

export interface AppSecretsTable {
  name: string
  value: string
}

/** A consent with its scope and time; withdrawal keeps the row and sets withdrawn_at. */
export interface ConsentsTable {
  id: Generated<string>
  school_id: string
  person_id: string
  scope: string
  granted_at: Generated<Date>
  /** Who recorded the yes: the person, or a coordinator the person told. Null: not known. */
  granted_by: string | null
  withdrawn_at: Timestamp | null
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>
}

export type OfferStatus = 'active' | 'paused' | 'withdrawn'

/** A parent's offer to share experience as an ouderbuddy. */
export interface BuddyOffersTable {
  id: Generated<string>
  school_id: string
  person_id: string
  themes: string[]
  languages: ColumnType<string[], string[] | undefined, string[]>
  show_name: ColumnType<boolean, boolean | undefined, boolean>
  contact_channel: ColumnType<ContactChannel, ContactChannel | undefined, ContactChannel>
  capacity: ColumnType<number, number | undefined, number>
  until: ColumnType<Date | null, string | null | undefined, string | null>
  status: ColumnType<OfferStatus, OfferStatus | undefined, OfferStatus>
  created_at: CreatedAt
  updated_at: Timestamp
}

export type RequestStatus = 'open' | 'proposed' | 'linked' | 'closed'

/**
 * A parent's wish for a buddy, asked by the parent, signalled by a teacher, or opened by the
 * school for a new groep-1 family ('auto', when the school offers every new family a buddy).
 */
export interface BuddyRequestsTable {
  id: Generated<string>
  school_id: string
  person_id: string
  theme: string
  source: 'parent' | 'signal' | 'auto'
  signalled_by: string | null
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>
  created_at: CreatedAt
}

/** A proposed or active link: names are shown only when both consent times are set. */
export interface BuddyLinksTable {
  id: Generated<string>
  school_id: string
  request_id: string
  offer_id: string
  proposed_by: string | null
  parent_consent_at: Timestamp | null
  buddy_consent_at: Timestamp | null
  declined_by: 'parent' | 'buddy' | null
  closed_at: Timestamp | null
  created_at: CreatedAt
}

/** "Helpt het?" after 2 and 6 weeks of a link: an answer code, nothing else. */
export interface BuddyCheckinsTable {
  link_id: string
  school_id: string
  week: 2 | 6
  answer: 'yes' | 'somewhat' | 'no'
  at: Generated<Date>
}

/** Who coordinates a theme when it is not the IB (only 'nieuw' and 'taal'). */
export interface BuddyThemeCoordinatorsTable {
  school_id: string
  theme: string
  person_id: string
  named_by: string | null
  named_at: Generated<Date>
}

/** A school's own buddy theme: a label as the school typed it. Code: 's:<id>'. */
export interface BuddySchoolThemesTable {
  id: Generated<string>
  school_id: string
  label: string
  created_by: string | null
  created_at: CreatedAt
}

/** A school's buddy settings; no row means every setting is off. */
export interface BuddySettingsTable {
  school_id: string
  /** "Elke nieuwe groep-1-familie krijgt een buddy aangeboden." */
  offer_new_families: boolean
  updated_by: string | null
  updated_at: Generated<Date>
}

/** An outside programme a school refers parents to (Home-Start, a municipal scheme). */
export interface BuddyProgrammesTable {
  id: Generated<string>
  school_id: string
  name: string
  description: ColumnType<string, string | undefined, string>
  /** An e-mail address (referrals are mailed there) or a website. */
  contact: string
  created_by: string | null
  created_at: CreatedAt
}

/** A parent referred to a programme, with the parent's consent on record (consents). */
export interface BuddyReferralsTable {
  id: Generated<string>
  school_id: string
  programme_id: string
  person_id: string
  referred_by: string | null
  referred_at: Generated<Date>
  mailed_at: Timestamp | null
}

/** The host's register of trained kringbegeleiders. */
export interface FacilitatorsTable {
  id: Generated<string>
  school_id: string | null
  municipality_id: string | null
  person_id: string
  training: string
  trained_on: ColumnType<Date, string, string>
  created_at: CreatedAt
}

export const CIRCLE_KINDS = [
  'kinder',
  'puber',
  'jongeren',
  'ouder',
  'leerkracht',
  'mantelzorg',
  'eigen',
] as const
export type CircleKind = (typeof CIRCLE_KINDS)[number]
export type CircleAudience = 'child' | 'adult'

/** A kring, hosted by one school or, bovenschools, by the municipality. */
export interface CirclesTable {
  id: Generated<string>
  school_id: string | null
  municipality_id: string | null
  kind: CircleKind
  kind_label: string | null
  audience: CircleAudience
  name: string
  place: string
  capacity: number
  languages: ColumnType<string[], string[] | undefined, string[]>
  /** Codes of the circle's agreements; the confidentiality rule is always shown first. */
  agreements: ColumnType<string[], string[] | undefined, string[]>
  autonomous: ColumnType<boolean, boolean | undefined, boolean>
  convener_id: string | null
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>
  created_by: string | null
  created_at: CreatedAt
  /** The grades (groep 1..8) a children's circle is for; null: every group (migration 0016). */
  grades: ColumnType<number[] | null, number[] | null | undefined, number[] | null>
}

/** A sign-up by mail waiting for its link: circle and person bound here, the link hashed. */
export interface CircleJoinLinksTable {
  id: Generated<string>
  circle_id: string
  person_id: string
  link_hash: string
  expires_at: Timestamp
  created_at: CreatedAt
}

export interface CircleSchoolsTable {
  circle_id: string
  school_id: string
}

export interface CircleFacilitatorsTable {
  circle_id: string
  person_id: string
}

export type MemberStatus = 'asked' | 'waitlist' | 'confirmed' | 'declined' | 'left'

/**
 * A place in a circle: no reason, referral or problem field exists, by design. A child's place
 * rests on the parent's consent in the ledger (consents, scope 'circle.child:<id>').
 */
export interface CircleMembersTable {
  id: Generated<string>
  circle_id: string
  person_id: string
  child_id: string | null
  status: ColumnType<MemberStatus, MemberStatus | undefined, MemberStatus>
  created_at: CreatedAt
  decided_at: Timestamp | null
}

export type MeetingStatus = 'planned' | 'open' | 'closed' | 'cancelled'

/** Times and a status code: nothing said in the meeting has a column here. */
export interface CircleMeetingsTable {
  id: Generated<string>
  circle_id: string
  starts_at: Timestamp
  ends_at: Timestamp
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>
  reminder_sent_at: Timestamp | null
  opened_at: Timestamp | null
  closed_at: Timestamp | null
}

export interface CircleAttendanceTable {
  meeting_id: string
  member_id: string
  present: boolean
}

/** A topic proposed before a meeting; deleted when the meeting closes. */
export interface CircleTopicsTable {
  id: Generated<string>
  meeting_id: string
  member_id: string | null
  topic: string
}

/** Running sums per pillar: one person's answers are never stored. */
export interface CircleEvaluationsTable {
  id: Generated<string>
  circle_id: string
  opened_at: Generated<Date>
  closed_at: Timestamp | null
  answers: Generated<number>
  sums: Generated<number[]>
}

/** Who may answer an evaluation (fixed when it opens) and whether they did; never what. */
export interface CircleEvaluationVotersTable {
  evaluation_id: string
  person_id: string
  answered: ColumnType<boolean, boolean | undefined, boolean>
}

// ---- messages from school (migration 0018) ----

export const MESSAGE_AUDIENCES = ['school', 'groups', 'families'] as const
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number]
export type MailOutcome = 'sent' | 'stored' | 'queued' | 'failed'

export interface MessagesTable {
  id: Generated<string>
  school_id: string
  author_id: string | null
  audience: MessageAudience
  /** A template of features/messages/templates.ts; null for free text. */
  template_key: string | null
  /** Dutch: the template's Dutch text, or what the writer wrote. */
  subject: string
  body: string
  /** A template's parameters (date as YYYY-MM-DD, time, place, bring …). */
  params: ColumnType<Record<string, string>, string | undefined, string>
  urgent: ColumnType<boolean, boolean | undefined, boolean>
  recipients: ColumnType<number, number | undefined, number>
  created_at: CreatedAt
}

export interface MessageGroupsTable {
  message_id: string
  group_id: string
}

export interface MessageChildrenTable {
  message_id: string
  child_id: string
}

export interface MessageRecipientsTable {
  message_id: string
  person_id: string
  school_id: string
  language: Language
  /** When its mail may go: after quiet hours, or at the digest's time. */
  due_at: ColumnType<Date, Date | string, Date | string>
  mailed_at: Timestamp | null
  outcome: MailOutcome | null
  opened_at: Timestamp | null
}

export interface MessageTranslationsTable {
  message_id: string
  language: Language
  subject: string
  body: string
  translated_by: string | null
  reviewed_by: string | null
  created_at: CreatedAt
}

export interface MessageAudioTable {
  message_id: string
  language: Language
  /** What made the audio (voice and text): a changed text or voice makes it again. */
  version: string
  audio: Buffer
  created_at: CreatedAt
}

// ---- bevragingen (migration 0019) ----

export const SURVEY_KINDS = ['newParents', 'afterActivity'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]
/** Who asks the parents: the class teacher, or someone nearer neutral (seed 003, L977–1011). */
export const SURVEY_ASKERS = ['teacher', 'brugfiguur', 'ib', 'partner'] as const
export type SurveyAsker = (typeof SURVEY_ASKERS)[number]
export type SurveySide = 'parents' | 'team'

export interface SurveysTable {
  id: Generated<string>
  school_id: string
  owner_id: string | null
  title: string
  kind: SurveyKind
  asker: SurveyAsker
  /** What the school will do with the answers, told before anyone answers (seed 003, L799). */
  purpose: string
  audience: 'school' | 'groups'
  ask_team: ColumnType<boolean, boolean | undefined, boolean>
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>
  created_at: CreatedAt
  closed_at: Timestamp | null
  /** "Jullie zeiden, wij doen": what the school will do, and what not and why. */
  feedback_do: string | null
  feedback_not: string | null
  feedback_at: Timestamp | null
}

export interface SurveyGroupsTable {
  survey_id: string
  group_id: string
}

/** Who was asked and whether they answered; never what. */
export interface SurveyInviteesTable {
  survey_id: string
  person_id: string
  school_id: string
  side: SurveySide
  answered: ColumnType<boolean, boolean | undefined, boolean>
}

/** What was answered; never by whom, never when. */
export interface SurveyAnswersTable {
  survey_id: string
  side: SurveySide
  question: string
  scale: number | null
  answer: string | null
}

// ---- partners at school (migration 0020) ----

export const PARTNER_KINDS = [
  'cjg',
  'jgz',
  'smw',
  'wijkteam',
  'okc',
  'huisVanHetKind',
  'kindEnGezin',
  'homeStart',
  'ocmw',
] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]
/** A spreekuur has bookable slots; an inloop is a walk-in morning for a group. */
export const HOUR_KINDS = ['spreekuur', 'inloop'] as const
export type HourKind = (typeof HOUR_KINDS)[number]

export interface PartnerOrganisationsTable {
  id: Generated<string>
  municipality_id: string | null
  kind: PartnerKind
  name: string
  phone: string | null
  created_at: CreatedAt
}

export interface PartnerSchoolsTable {
  organisation_id: string
  school_id: string
}

export interface PartnerPeopleTable {
  person_id: string
  organisation_id: string
  job: string
  phone: string | null
  about: string | null
}

export interface PartnerHoursTable {
  id: Generated<string>
  school_id: string
  partner_id: string
  kind: HourKind
  starts_at: Timestamp
  minutes: number
  slot_minutes: number | null
  place: string
  created_at: CreatedAt
}

export interface PartnerBookingsTable {
  id: Generated<string>
  hour_id: string
  school_id: string
  starts_at: Timestamp
  person_id: string
  topic: string | null
  with_teacher: ColumnType<boolean, boolean | undefined, boolean>
  created_at: CreatedAt
  cancelled_at: Timestamp | null
}

export const TALK_CHANNELS = ['phone', 'email', 'school'] as const
export type TalkChannel = (typeof TALK_CHANNELS)[number]

/** A parent's wish to be contacted by a partner (migration 0021); never why. */
export interface PartnerRequestsTable {
  id: Generated<string>
  school_id: string
  person_id: string
  partner_id: string | null
  channel: TalkChannel
  phone: string | null
  note: string | null
  created_at: CreatedAt
  contacted_at: Timestamp | null
  contacted_by: string | null
  withdrawn_at: Timestamp | null
}

// ---- sociale kaart (migration 0022), in HSDS 3's shape ----

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]

export interface MapOrganizationsTable {
  id: Generated<string>
  municipality_id: string
  name: string
  description: string
  website: string | null
  email: string | null
}

export interface MapServicesTable {
  id: Generated<string>
  organization_id: string
  name: string
  description: string
  status: ColumnType<ServiceStatus, ServiceStatus | undefined, ServiceStatus>
  url: string | null
  email: string | null
  interpretation_services: string | null
  fees_description: string | null
  eligibility_description: string | null
  minimum_age: number | null
  maximum_age: number | null
  last_modified: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface MapLocationsTable {
  id: Generated<string>
  organization_id: string
  name: string | null
  address_1: string
  postal_code: string
  city: string
  latitude: number | null
  longitude: number | null
}

export interface MapServiceLocationsTable {
  id: Generated<string>
  service_id: string
  location_id: string
}

export interface MapPhonesTable {
  id: Generated<string>
  service_id: string
  number: string
}

export interface MapLanguagesTable {
  id: Generated<string>
  service_id: string
  code: string
}

export interface MapSchedulesTable {
  id: Generated<string>
  service_id: string
  description: string
}

export interface MapServiceTranslationsTable {
  service_id: string
  language: string
  name: string
  description: string
}

export interface Database {
  municipalities: MunicipalitiesTable
  schools: SchoolsTable
  school_days_off: SchoolDaysOffTable
  people: PeopleTable
  memberships: MembershipsTable
  groups: GroupsTable
  group_teachers: GroupTeachersTable
  children: ChildrenTable
  guardianships: GuardianshipsTable
  sessions: SessionsTable
  signin_tokens: SigninTokensTable
  rate_events: RateEventsTable
  outbox: OutboxTable
  mail_queue: MailQueueTable
  audit_log: AuditLogTable
  app_secrets: AppSecretsTable
  consents: ConsentsTable
  buddy_offers: BuddyOffersTable
  buddy_requests: BuddyRequestsTable
  buddy_links: BuddyLinksTable
  buddy_checkins: BuddyCheckinsTable
  buddy_theme_coordinators: BuddyThemeCoordinatorsTable
  buddy_school_themes: BuddySchoolThemesTable
  buddy_settings: BuddySettingsTable
  buddy_programmes: BuddyProgrammesTable
  buddy_referrals: BuddyReferralsTable
  facilitators: FacilitatorsTable
  circles: CirclesTable
  circle_schools: CircleSchoolsTable
  circle_join_links: CircleJoinLinksTable
  circle_facilitators: CircleFacilitatorsTable
  circle_members: CircleMembersTable
  circle_meetings: CircleMeetingsTable
  circle_attendance: CircleAttendanceTable
  circle_topics: CircleTopicsTable
  circle_evaluations: CircleEvaluationsTable
  circle_evaluation_voters: CircleEvaluationVotersTable
  messages: MessagesTable
  message_groups: MessageGroupsTable
  message_children: MessageChildrenTable
  message_recipients: MessageRecipientsTable
  message_translations: MessageTranslationsTable
  message_audio: MessageAudioTable
  surveys: SurveysTable
  survey_groups: SurveyGroupsTable
  survey_invitees: SurveyInviteesTable
  survey_answers: SurveyAnswersTable
  partner_organisations: PartnerOrganisationsTable
  partner_schools: PartnerSchoolsTable
  partner_people: PartnerPeopleTable
  partner_hours: PartnerHoursTable
  partner_bookings: PartnerBookingsTable
  partner_requests: PartnerRequestsTable
  map_organizations: MapOrganizationsTable
  map_services: MapServicesTable
  map_locations: MapLocationsTable
  map_service_locations: MapServiceLocationsTable
  map_phones: MapPhonesTable
  map_languages: MapLanguagesTable
  map_schedules: MapSchedulesTable
  map_service_translations: MapServiceTranslationsTable
}

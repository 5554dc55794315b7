import type { BioFields, Channel, StatedHours } from '../model/index.js';
import type { BioVersion, OrgBio } from '../storage/report-queries.js';
import { statedHoursText } from './fmt.js';

/**
 * An account's latest bio with the field names the JSON and CSV outputs publish (snake_case).
 * `bios`, `export --what bios` and the digest all derive their rows from this one mapping.
 */
export interface BioJson {
  org: string;
  platform: string;
  handle: string;
  fetched_at: string;
  text: string;
  previous_text: string | null;
  deflects: boolean;
  channels: Channel[];
  not_monitored: boolean;
  invites_questions: boolean;
  hours: StatedHours[];
  promise_hours: number | null;
}

/** Returns the published form of an account's latest bio. */
export function bioJson(b: OrgBio): BioJson {
  return {
    org: b.orgId,
    platform: b.platform,
    handle: b.handle,
    fetched_at: b.fetchedAt,
    text: b.text,
    previous_text: b.previousText,
    deflects: b.fields.deflects,
    channels: b.fields.channels,
    not_monitored: b.fields.notMonitored,
    invites_questions: b.fields.invitesQuestions,
    hours: b.fields.hours,
    promise_hours: b.fields.promise,
  };
}

/** Copies the given fields in the given order (the order is the published field order). */
function pick<T, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}

const IDENTITY_KEYS = ['org', 'platform', 'handle', 'fetched_at', 'text', 'previous_text'] as const;
const DIGEST_BIO_KEYS = [...IDENTITY_KEYS, 'deflects', 'channels', 'not_monitored'] as const;

/** A bio in the digest JSON (bios.changed, bios.deflecting, bios.not_monitored). */
export type DigestBioJson = Pick<BioJson, (typeof DIGEST_BIO_KEYS)[number]>;

/** Returns a bio as the digest JSON lists it. */
export function digestBioJson(b: OrgBio): DigestBioJson {
  return pick(bioJson(b), DIGEST_BIO_KEYS);
}

/** A bio in `webcare bios --format json`: who and what, then every parsed field as the parser names it. */
export type BioListJson = Pick<BioJson, (typeof IDENTITY_KEYS)[number]> & BioFields;

/** Returns a bio as `webcare bios --format json` prints it. */
export function bioListJson(b: OrgBio): BioListJson {
  // The stored fields are spread as stored, so fields of other parser versions still show.
  return { ...pick(bioJson(b), IDENTITY_KEYS), ...b.fields };
}

/** A bio in `webcare export --what bios`: flat values, so CSV and JSON lines carry the same record. */
export interface BioExportRow {
  org: string;
  platform: string;
  handle: string;
  fetched_at: string;
  deflects: boolean;
  /** Space-separated channels. */
  channels: string;
  not_monitored: boolean;
  invites_questions: boolean;
  /** The stated hours as JSON text. */
  hours: string;
  promise_hours: number | null;
  text: string;
}

/** The columns of the bios export, in order. */
export const BIO_EXPORT_COLUMNS = [
  'org',
  'platform',
  'handle',
  'fetched_at',
  'deflects',
  'channels',
  'not_monitored',
  'invites_questions',
  'hours',
  'promise_hours',
  'text',
] as const satisfies readonly (keyof BioExportRow)[];

/** Returns a bio as one open-data record. */
export function bioExportRow(b: OrgBio): BioExportRow {
  const j = bioJson(b);
  return {
    org: j.org,
    platform: j.platform,
    handle: j.handle,
    fetched_at: j.fetched_at,
    deflects: j.deflects,
    channels: j.channels.join(' '),
    not_monitored: j.not_monitored,
    invites_questions: j.invites_questions,
    hours: JSON.stringify(j.hours),
    promise_hours: j.promise_hours,
    text: j.text,
  };
}

/** A bio as a line of the `webcare bios` table or CSV: flags as "yes" or empty, hours as short text. */
export interface BioTableRow {
  org: string;
  platform: string;
  handle: string;
  deflects: string;
  channels: string;
  not_monitored: string;
  hours: string;
  text: string;
}

/** The columns of the `webcare bios` table, in order. */
export const BIO_TABLE_COLUMNS = [
  'org',
  'platform',
  'handle',
  'deflects',
  'channels',
  'not_monitored',
  'hours',
  'text',
] as const satisfies readonly (keyof BioTableRow)[];

/** Returns a bio as a table line; `maxText` cuts the text (the table stays readable, CSV keeps it whole). */
export function bioTableRow(b: OrgBio, maxText?: number): BioTableRow {
  const j = bioJson(b);
  return {
    org: j.org,
    platform: j.platform,
    handle: j.handle,
    deflects: j.deflects ? 'yes' : '',
    channels: j.channels.join(','),
    not_monitored: j.not_monitored ? 'yes' : '',
    hours: statedHoursText(j.hours),
    text: maxText === undefined ? j.text : j.text.slice(0, maxText),
  };
}

/** One stored version of a bio in `webcare bios --history`: where, when, the text, then the parsed fields. */
export type BioVersionJson = { platform: string; handle: string; fetched_at: string; text: string } & BioFields;

/** The columns of the `webcare bios --history` table, in order. */
export const BIO_HISTORY_COLUMNS = [
  'platform',
  'handle',
  'fetched_at',
  'deflects',
  'notMonitored',
  'text',
] as const satisfies readonly (keyof BioVersionJson)[];

/** Returns a stored bio version as `webcare bios --history` prints it. */
export function bioVersionJson(v: BioVersion): BioVersionJson {
  return { platform: v.platform, handle: v.handle, fetched_at: v.fetchedAt, text: v.text, ...v.fields };
}

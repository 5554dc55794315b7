import type { Generated } from 'kysely';

/** bios: each changed version of an account's profile text, with the parsed fields (METHOD.md 5). */
export interface BiosTable {
  id: Generated<number>;
  account_id: number;
  fetched_at: string;
  text: string;
  parsed: string; // JSON BioFields
  parser_version: number;
}

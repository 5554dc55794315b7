/** Channels a bio can point to (METHOD.md section 5), in sort order. */
export const CHANNELS = ['account', 'app', 'counter', 'dm', 'email', 'phone', 'web', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Stated hours: ISO weekdays ([] when the bio names none), times "HH:MM" or null when only days are given. */
export interface StatedHours {
  days: number[];
  from: string | null;
  to: string | null;
}

export interface BioFields {
  deflects: boolean;
  channels: Channel[];
  notMonitored: boolean;
  invitesQuestions: boolean;
  hours: StatedHours[];
  promise: number | null; // hours
}

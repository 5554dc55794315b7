/** Classes of METHOD.md section 2. */
export type RequestKind = 'question' | 'report' | 'other';
/** Outcomes of METHOD.md section 3. */
export const OUTCOMES = ['answered', 'redirected', 'acknowledged', 'unanswered', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** What a response does, by its own phrases. */
export type ResponseKind = 'answer' | 'redirect' | 'acknowledge';

export interface Classification {
  kind: RequestKind;
  score: number; // 0..1, confidence in `kind`
  lang: string; // 'nl' | 'en' | 'und'
  reasons: string[];
}

/** The method version the figures follow (docs/method.md). */
export const METHOD_VERSION = 2;
/**
 * The version of the response reader and request classifier rules (docs/method.md "Reading a
 * response"): 1 = any content sentence answers; 2 = reading by what each clause does, complaints
 * are reports. Stored readings made by an older reader are brought up to date by `webcare reclassify`.
 */
export const READER_VERSION = 2;

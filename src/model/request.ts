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

import type { ResponseKind } from '../model/index.js';
import type { PhraseBook } from './phrases.js';
import { readResponse } from './response/read-response.js';

/**
 * Reads an organisation's response: `answer` when a clause gives substance, `redirect` when it only
 * sends the person elsewhere (mail, phone, website or form, an app, DM, the counter, another
 * organisation), `acknowledge` when it only acknowledges, promises or thanks. `request` is the
 * citizen post it answers, when known. The reasons are in readResponse().
 */
export function responseKind(text: string, book: PhraseBook, request?: string): ResponseKind {
  return readResponse(text, book, { request }).kind;
}

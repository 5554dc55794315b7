import { describe, expect, it } from 'vitest';
import { analyseThread, type ThreadContext } from '../../../src/analysis/threads.js';
import { classify } from '../../../src/analysis/classify.js';
import { responseKind } from '../../../src/analysis/response-kind.js';
import { loadPhraseBook } from '../../../src/config/phrases.js';
import type { Platform, Post } from '../../../src/model/index.js';

const book = loadPhraseBook();
const ORG = 'org-1';

// Hand-built threads for the response rules of METHOD.md section 3 (method 2), one named case each.
function thread(platform: Platform = 'x') {
  let seq = 1;
  const at = (min: number) => new Date(Date.parse('2026-11-02T09:00:00Z') + min * 60_000).toISOString();
  const citizen = (min: number, text: string, over: Partial<Post> = {}): Post => ({
    platform,
    id: String(seq++),
    authorId: 'anna',
    kind: 'reply',
    mentions: ['gemeenteutrecht'],
    text: `@gemeenteutrecht ${text}`,
    createdAt: at(min),
    threadRootId: '0',
    ...over,
  });
  const org = (min: number, text: string, replyTo: Post): Post => ({
    platform,
    id: String(seq++),
    authorId: ORG,
    kind: 'reply',
    mentions: [],
    text,
    createdAt: at(min),
    replyToId: replyTo.id,
    replyToUserId: replyTo.authorId,
    threadRootId: '0',
  });
  return { citizen, org };
}

const ctx: ThreadContext = {
  isOrg: (p) => p.authorId === ORG,
  isOtherOrg: (p) => p.authorId === 'org-2',
  orgHandles: new Set(['gemeenteutrecht']),
  classify: (p) => classify(p.text, book),
  responseKind: (p, req) => responseKind(p.text, book, req.text),
  now: new Date('2026-12-30T00:00:00Z'),
  windowDays: 30,
};

describe('responses that really reply (METHOD.md 3, method 2)', () => {
  it('compliment then question: thanks for the compliment is not a response to the question', () => {
    const t = thread();
    const compliment = t.citizen(0, 'Wat een mooi nieuw park!');
    const question = t.citizen(2, 'Wanneer gaat de speeltuin daar open?');
    const thanks = t.org(30, 'Dank je wel! 😊', compliment);
    const [r, ...rest] = analyseThread([compliment, question, thanks], ctx);
    expect(rest).toHaveLength(0);
    expect(r).toMatchObject({ post: { id: question.id }, outcome: 'unanswered' });
    expect(r!.response).toBeUndefined();
  });

  it('the same on Facebook: the flat-thread rule counts a later reply to the requester', () => {
    const t = thread('facebook');
    const question = t.citizen(0, 'Wanneer gaat de speeltuin open?');
    const answer = { ...t.org(60, 'Volgende week vrijdag gaat hij open!', question), replyToId: '0' };
    expect(analyseThread([question, answer], ctx)[0]).toMatchObject({ outcome: 'answered' });
  });

  it('on X a reply to the thread root that is not the request is no response', () => {
    const t = thread('x');
    const question = t.citizen(0, 'Wanneer gaat de speeltuin open?');
    const other = { ...t.org(60, 'Volgende week vrijdag gaat hij open!', question), replyToId: '0' };
    expect(analyseThread([question, other], ctx)[0]).toMatchObject({ outcome: 'unanswered' });
  });

  it("an answer under the organisation's own acknowledgement counts, and both times are kept", () => {
    const t = thread();
    const question = t.citizen(0, 'Wanneer wordt de kapotte lantaarnpaal bij nr 12 gemaakt?');
    const ack = t.org(20, 'We zoeken het voor je uit!', question);
    const answer = t.org(600, 'De lamp is vandaag vervangen.', ack);
    expect(analyseThread([question, ack, answer], ctx)[0]).toMatchObject({
      outcome: 'answered',
      response: { post: { id: ack.id }, kind: 'acknowledge' },
      laterAnswer: { id: answer.id },
    });
  });

  it('a redirect first and an answer later is answered', () => {
    const t = thread();
    const question = t.citizen(0, 'Mag ik een schutting van twee meter plaatsen?');
    const redirect = t.org(20, 'Mail je vraag even naar info@utrecht.nl', question);
    const answer = t.org(300, 'Aan de achterkant mag dat zonder vergunning.', question);
    expect(analyseThread([question, redirect, answer], ctx)[0]).toMatchObject({ outcome: 'answered' });
  });

  it('a chaser after an acknowledgement belongs to the first request', () => {
    const t = thread();
    const question = t.citizen(0, 'Wanneer wordt het grofvuil opgehaald?');
    const ack = t.org(20, 'We zoeken het uit!', question);
    const chaser = t.citizen(2000, 'Is er al nieuws over mijn vraag?');
    const results = analyseThread([question, ack, chaser], ctx);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ followUpIds: [chaser.id], outcome: 'acknowledged' });
  });

  it('a new question after an answer is a new request', () => {
    const t = thread();
    const question = t.citizen(0, 'Wanneer wordt het grofvuil opgehaald?');
    const answer = t.org(20, 'Op dinsdag vanaf 7.30 uur.', question);
    const next = t.citizen(60, 'En wanneer komt het oud papier?');
    expect(analyseThread([question, answer, next], ctx).map((r) => r.post.id)).toEqual([question.id, next.id]);
  });

  it.each([
    ['3 minutes before the request: counts (clock skew)', -3, 'answered'],
    ['10 minutes before the request: an anomaly, ignored', -10, 'unanswered'],
  ])('a reply stamped %s', (_name, minutes, outcome) => {
    const t = thread();
    const question = t.citizen(0, 'Wanneer wordt het grofvuil opgehaald?');
    const answer = t.org(minutes, 'Op dinsdag vanaf 7.30 uur.', question);
    expect(analyseThread([question, answer], ctx)[0]!.outcome).toBe(outcome);
  });
});

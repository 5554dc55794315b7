import { describe, expect, it } from 'vitest';
import { analyseThread, type ThreadContext } from '../../../src/analysis/threads.js';
import { classify } from '../../../src/analysis/classify.js';
import { responseKind } from '../../../src/analysis/response-kind.js';
import { loadPhraseBook } from '../../../src/config/phrases.js';
import type { Post } from '../../../src/model/index.js';

const book = loadPhraseBook();
const ORG = 'org-1';
const OTHER_ORG = 'org-2';

let seq = 100;
function post(over: Partial<Post> & { text: string; createdAt: string }): Post {
  return { platform: 'x', id: String(seq++), authorId: 'citizen', kind: 'post', mentions: [], ...over };
}

function ctx(now = '2026-11-10T12:00:00Z'): ThreadContext {
  return {
    isOrg: (p) => p.authorId === ORG,
    isOtherOrg: (p) => p.authorId === OTHER_ORG,
    orgHandles: new Set(['gemeenteutrecht']),
    classify: (p) => classify(p.text, book, { repost: p.kind === 'repost' }),
    responseKind: (p) => responseKind(p.text, book),
    now: new Date(now),
    windowDays: 30,
  };
}

describe('threads: requests, responses and outcomes', () => {
  it('a question answered 3 hours later is answered', () => {
    const q = post({
      id: '1',
      text: '@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    const a = post({
      id: '2',
      authorId: ORG,
      text: '@piet Op dinsdag, vanaf 7.30 uur.',
      replyToId: '1',
      replyToUserId: 'citizen',
      createdAt: '2026-11-02T12:00:00Z',
    });
    const [r] = analyseThread([a, q], ctx());
    expect(r).toMatchObject({
      outcome: 'answered',
      post: { id: '1' },
      response: { kind: 'answer', post: { id: '2' } },
    });
  });

  it('a reply that only sends the person to e-mail is redirected', () => {
    const q = post({
      id: '1',
      text: '@gemeenteutrecht kan ik mijn oude koelkast ergens kwijt',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    const a = post({
      id: '2',
      authorId: ORG,
      text: 'Mail ons op info@utrecht.nl',
      replyToId: '1',
      createdAt: '2026-11-02T11:00:00Z',
    });
    expect(analyseThread([q, a], ctx())[0]!.outcome).toBe('redirected');
  });

  it('an acknowledgement followed by an answer is answered; without one it is acknowledged', () => {
    const q = post({
      id: '1',
      text: '@gemeenteutrecht Lantaarnpaal bij nr 230 is al twee weken kapot',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    const ack = post({
      id: '2',
      authorId: ORG,
      text: 'Dank voor je melding, we zoeken het uit.',
      replyToId: '1',
      createdAt: '2026-11-02T10:00:00Z',
    });
    const ans = post({
      id: '3',
      authorId: ORG,
      text: 'De lamp is vandaag vervangen.',
      replyToId: '1',
      createdAt: '2026-11-04T10:00:00Z',
    });
    const both = analyseThread([q, ack, ans], ctx());
    expect(both[0]).toMatchObject({
      outcome: 'answered',
      response: { post: { id: '2' }, kind: 'acknowledge' },
      laterAnswer: { id: '3' },
    });
    expect(analyseThread([q, ack], ctx())[0]!.outcome).toBe('acknowledged');
  });

  it('follow-ups by the same author before a response are one request; the clock starts at the first post', () => {
    const q = post({
      id: '1',
      text: '@gemeenteutrecht Is het stadskantoor morgen open',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    const f = post({
      id: '2',
      text: '@gemeenteutrecht hallo?? nog iemand daar?',
      mentions: ['gemeenteutrecht'],
      replyToId: '1',
      createdAt: '2026-11-02T15:00:00Z',
    });
    const a = post({
      id: '3',
      authorId: ORG,
      text: 'Ja, van 9 tot 17 uur.',
      replyToId: '2',
      createdAt: '2026-11-02T16:00:00Z',
    });
    const res = analyseThread([q, f, a], ctx());
    expect(res).toHaveLength(1);
    expect(res[0]).toMatchObject({
      post: { id: '1' },
      followUpIds: ['2'],
      outcome: 'answered',
      response: { post: { id: '3' } },
    });
  });

  it('a thread whose parent was deleted still yields its requests', () => {
    const orphan = post({
      id: '5',
      text: 'Wanneer gaat de brug weer open voor fietsers?',
      replyToId: 'deleted-1',
      threadRootId: 'deleted-1',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    const a = post({
      id: '6',
      authorId: ORG,
      text: 'Vrijdag is hij weer open.',
      replyToId: '5',
      createdAt: '2026-11-02T10:00:00Z',
    });
    expect(analyseThread([orphan, a], ctx())).toMatchObject([{ post: { id: '5' }, outcome: 'answered' }]);
  });

  it('a pending request becomes unanswered after 30 days without a response', () => {
    const q = post({
      id: '1',
      text: '@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    expect(analyseThread([q], ctx('2026-11-20T09:00:00Z'))[0]!.outcome).toBe('pending');
    expect(analyseThread([q], ctx('2026-12-02T09:00:01Z'))[0]!.outcome).toBe('unanswered');
  });

  it('a response after the window is too late: unanswered', () => {
    const q = post({
      id: '1',
      text: '@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-10-01T09:00:00Z',
    });
    const a = post({ id: '2', authorId: ORG, text: 'Op dinsdag.', replyToId: '1', createdAt: '2026-11-05T09:00:00Z' });
    expect(analyseThread([q, a], ctx())[0]!.outcome).toBe('unanswered');
  });

  it('records a community answer before the organisation, without closing the request', () => {
    const q = post({
      id: '1',
      text: '@gemeenteutrecht Wanneer wordt het grofvuil opgehaald?',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    const c = post({
      id: '2',
      authorId: 'neighbour',
      text: 'Dinsdag volgens mij',
      replyToId: '1',
      createdAt: '2026-11-02T09:30:00Z',
    });
    const res = analyseThread([q, c], ctx('2026-11-03T09:00:00Z'));
    expect(res[0]).toMatchObject({ outcome: 'pending', community: { id: '2' } });
  });

  it('replies in a thread the organisation started are requests; thanks and other gemeenten are not', () => {
    const root = post({
      id: '1',
      authorId: ORG,
      text: 'Maandag begint de aanleg van het fietspad.',
      createdAt: '2026-11-02T08:00:00Z',
    });
    const q = post({ id: '2', text: 'Hoe lang gaat dat duren', replyToId: '1', createdAt: '2026-11-02T09:00:00Z' });
    const thanks = post({
      id: '3',
      authorId: 'other-citizen',
      text: 'Top, bedankt!',
      replyToId: '1',
      createdAt: '2026-11-02T09:10:00Z',
    });
    const peer = post({
      id: '4',
      authorId: OTHER_ORG,
      text: 'Wanneer zijn jullie klaar?',
      replyToId: '1',
      createdAt: '2026-11-02T09:20:00Z',
    });
    const res = analyseThread([root, q, thanks, peer], ctx());
    expect(res.map((r) => r.post.id)).toEqual(['2']);
  });

  it('a question not directed at the organisation is not its request', () => {
    const q = post({
      id: '1',
      text: '@buurman Wanneer wordt het grofvuil opgehaald?',
      mentions: ['buurman'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    expect(analyseThread([q], ctx())).toEqual([]);
  });

  it('reposts are never requests', () => {
    const rt = post({
      id: '1',
      kind: 'repost',
      text: 'RT @gemeenteutrecht: Wanneer is het?',
      mentions: ['gemeenteutrecht'],
      createdAt: '2026-11-02T09:00:00Z',
    });
    expect(analyseThread([rt], ctx())).toEqual([]);
  });
});

/** Writes a twarc2-style JSONL file of `n` posts: citizen questions to @GemTest and its replies to some. */
export function twarcLines(n: number, pageSize = 100): string[] {
  const org = { id: '4242', username: 'GemTest', name: 'Gemeente Test' };
  const lines: string[] = [];
  let page: unknown[] = [];
  const users = new Map<string, unknown>([[org.id, org]]);
  const base = Date.parse('2026-10-01T08:00:00Z');
  const flush = () => {
    lines.push(
      JSON.stringify({
        data: page,
        includes: { users: [...users.values()] },
        meta: { result_count: page.length },
        __twarc: {
          url: 'https://api.x.com/2/tweets/search/recent',
          version: '2.1.0',
          retrieved_at: '2026-11-01T00:00:00+00:00',
        },
      }),
    );
    page = [];
  };
  for (let i = 0; i < n; i++) {
    const qid = String(1_850_000_000_000_000_000n + BigInt(i * 2));
    const citizen = { id: String(5_000_000 + (i % 700)), username: `burger${i % 700}` };
    users.set(citizen.id, citizen);
    if (i % 3 === 2) {
      const prev = String(1_850_000_000_000_000_000n + BigInt((i - 1) * 2));
      page.push({
        id: qid,
        text: `@burger${(i - 1) % 700} Dat kan op zaterdag bij de milieustraat.`,
        author_id: org.id,
        conversation_id: prev,
        in_reply_to_user_id: String(5_000_000 + ((i - 1) % 700)),
        referenced_tweets: [{ type: 'replied_to', id: prev }],
        created_at: new Date(base + i * 60_000 + 3_600_000).toISOString(),
        entities: { mentions: [{ username: `burger${(i - 1) % 700}` }] },
      });
    } else {
      page.push({
        id: qid,
        text: `@GemTest vraag ${i}: wanneer kan ik mijn grofvuil kwijt?`,
        author_id: citizen.id,
        conversation_id: qid,
        created_at: new Date(base + i * 60_000).toISOString(),
        entities: { mentions: [{ username: 'GemTest' }] },
      });
    }
    if (page.length === pageSize) flush();
  }
  if (page.length) flush();
  return lines;
}

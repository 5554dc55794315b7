import { z } from 'zod';

// The shape of the fields the product reads from an X API v2 tweet (docs/x.md); everything else
// passes through untouched. Checked at the edge so that one malformed tweet is rejected with its
// path instead of aborting an import or a poll ("m.username.toLowerCase is not a function").
const id = z.string().min(1).max(64);

export const tweetSchema = z.looseObject({
  id,
  text: z.string(),
  author_id: id.optional(),
  conversation_id: id.optional(),
  created_at: z.string(),
  in_reply_to_user_id: id.optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id })).optional(),
  entities: z
    .looseObject({
      mentions: z.array(z.looseObject({ username: z.string().min(1) })).optional(),
    })
    .optional(),
  lang: z.string().optional(),
});

export const userSchema = z.looseObject({ id, username: z.string().min(1) });

/** The first problem of a value against a schema as "path: message", or undefined when it fits. */
export function problemOf(schema: z.ZodType, value: unknown, at: string): string | undefined {
  const r = schema.safeParse(value);
  if (r.success) return undefined;
  const issue = r.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${at}${path}: ${issue.message}`;
}

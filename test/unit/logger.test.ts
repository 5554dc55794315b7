import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, subsystem } from '../../src/logger.js';

describe('logger', () => {
  it('redacts secrets by key name and tags the subsystem', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const log = subsystem(createLogger({ level: 'info', destination }), 'x');
    log.info(
      { platforms: { x: { bearer_token: 's3cr3t' } }, headers: { authorization: 'Bearer s3cr3t' }, token: 's3cr3t' },
      'poll',
    );
    log.debug('below the level');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('s3cr3t');
    expect(JSON.parse(lines[0]!)).toMatchObject({ subsystem: 'x', msg: 'poll', token: '<redacted>' });
  });

  it('logs an error with its type, message and stack under err', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const log = createLogger({ level: 'info', destination });
    log.error({ job: 'poll', err: new TypeError('boom') }, 'job failed');
    const entry = JSON.parse(lines[0]!) as { err: { type: string; message: string; stack: string } };
    expect(entry.err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(entry.err.stack).toContain('logger.test.ts');
  });
});

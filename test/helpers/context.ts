import { createContext, type Context } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { tempDir } from './cli.js';

/**
 * A real context on a temp config and database (a SQLite file, or `database`: a URL from
 * test/helpers/dialects.ts), with a clock the test moves.
 */
export function testContext(yaml: string, start: string, env: NodeJS.ProcessEnv = {}, database?: string) {
  const tmp = tempDir();
  const config = tmp.file('webcare.yaml', yaml);
  const clock = {
    t: new Date(start),
    now() {
      return this.t;
    },
    advance(ms: number) {
      this.t = new Date(this.t.getTime() + ms);
    },
  };
  const ctx: Context = createContext({
    configPath: config,
    dbPath: database ?? `${tmp.dir}/w.db`,
    clock,
    env: { WEBCARE_HASH_KEY: 'test-key', ...env },
    logger: createLogger({ level: 'silent' }),
  });
  return {
    ctx,
    clock,
    tmp,
    async close() {
      await ctx.destroy();
      tmp.cleanup();
    },
  };
}

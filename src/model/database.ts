/**
 * The database setting (`--db`, WEBCARE_DB, `database:`): a SQLite file path, the default, or a
 * postgres:// URL (#17).
 */

/** True for a database setting that names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (database: string): boolean => /^postgres(ql)?:\/\//i.test(database);

/** The setting as messages and logs may show it: a URL without its password. */
export function shownDatabase(database: string): string {
  if (!isPostgresUrl(database)) return database;
  try {
    const u = new URL(database);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return database.replace(/\/\/[^@/]*@/, '//***@');
  }
}

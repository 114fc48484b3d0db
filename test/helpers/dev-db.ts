import path from 'node:path';
import Database from 'better-sqlite3';

/** A migration file's checkout path. */
export const mig = (module: string, file: string): string => `modules/${module}/migrations/${file}`;

/** The dev database `mwb migrate` uses by default in a checkout. */
export const devDb = (dir: string): string => path.join(dir, '.workbench', 'dev.sqlite');

/** Rows of a read-only query on a SQLite file. */
export function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

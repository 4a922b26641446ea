/**
 * How many runs (OIC executions and DIS task runs) the database has created
 * so far: the highest row numbers, which only grow while runs are inserted,
 * read from the primary-key indexes in O(log n). A clock move compares the
 * figure before and after to report the runs its replay started.
 */
import type { Db } from './db';

export function runCounter(db: Db): () => number {
  const q = db.prepare('SELECT (SELECT COALESCE(MAX(seq), 0) FROM oic_executions) + (SELECT COALESCE(MAX(rowid), 0) FROM dis_task_runs) AS n');
  return () => (q.get() as { n: number }).n;
}

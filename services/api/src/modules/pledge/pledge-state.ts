import type { schema } from '@concord/db';
import { conflict, type DomainError } from '../../errors.ts';

/**
 * What a pledge is now, in words, for the CONFLICT of a request that expected something else: a reviewer whose
 * decision raced a withdrawal reads "it has been withdrawn", not the state the request hoped to find.
 */
export function pledgeStateNow(row: schema.Pledge, open: schema.PledgeVersion | null): string {
  switch (row.status) {
    case 'withdrawn':
      return 'it has been withdrawn';
    case 'lapsed':
      return 'it lapsed when its organisation withdrew its signature';
    case 'rejected':
      return 'it was rejected';
  }
  if (open?.status === 'submitted') return `version ${open.version} waits for review`;
  if (open?.status === 'changes_requested') return `changes were requested to version ${open.version}`;
  if (open?.status === 'draft') return `version ${open.version} is being drafted`;
  if (row.status === 'accepted') return `version ${row.currentVersion} is in force`;
  return `it is ${row.status.replace('_', ' ')}`;
}

/** CONFLICT: `what` cannot be done, and why, from the pledge as it is now. */
export function pledgeConflict(what: string, row: schema.Pledge, open: schema.PledgeVersion | null): DomainError {
  const now = pledgeStateNow(row, open);
  return conflict(`${what}: ${now}.`);
}

import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';

/** A status as a sentence says it: `pending_review` → "pending review". */
export const statusInWords = (status: schema.Signature['status']): string => status.replaceAll('_', ' ');

/**
 * The signature's status as committed now. A conditional update that matched nothing lost a race (or was
 * asked for with a stale view): its CONFLICT must describe what the signature is now, which is what this
 * reads, inside the same transaction (a new statement sees what the winner committed).
 */
export async function signatureStatusNow(tx: Database, signatureId: string): Promise<string> {
  const [row] = await tx
    .select({ status: schema.signature.status })
    .from(schema.signature)
    .where(eq(schema.signature.id, signatureId));
  return row ? statusInWords(row.status) : 'gone';
}

import { type Database, schema } from '@concord/db';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { hashToken } from '../../lib/tokens.ts';

/**
 * Spends a one-time e-mail token: the conditional update is the lock, so a token works once even when two
 * clicks race. Returns the token's row, or null when it is unknown, used, expired or for another purpose
 * (one of several: a log-in link or an invitation, which signs in too).
 */
export async function spendEmailToken(
  tx: Database,
  {
    token,
    purpose,
    now,
  }: { token: string; purpose: schema.EmailTokenPurpose | readonly schema.EmailTokenPurpose[]; now: Date },
): Promise<schema.EmailToken | null> {
  const { emailToken } = schema;
  const [spent] = await tx
    .update(emailToken)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailToken.tokenHash, hashToken(token)),
        typeof purpose === 'string' ? eq(emailToken.purpose, purpose) : inArray(emailToken.purpose, [...purpose]),
        isNull(emailToken.usedAt),
        gt(emailToken.expiresAt, now),
      ),
    )
    .returning();
  return spent ?? null;
}

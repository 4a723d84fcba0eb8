import { type Database, schema } from '@concord/db';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { hashToken } from '../../lib/tokens.ts';

/**
 * Spends a one-time e-mail token: the conditional update is the lock, so a token works once even when two
 * clicks race. Returns the token's row, or null when it is unknown, used, expired or for another purpose.
 */
export async function spendEmailToken(
  tx: Database,
  { token, purpose, now }: { token: string; purpose: schema.EmailTokenPurpose; now: Date },
): Promise<schema.EmailToken | null> {
  const { emailToken } = schema;
  const [spent] = await tx
    .update(emailToken)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailToken.tokenHash, hashToken(token)),
        eq(emailToken.purpose, purpose),
        isNull(emailToken.usedAt),
        gt(emailToken.expiresAt, now),
      ),
    )
    .returning();
  return spent ?? null;
}

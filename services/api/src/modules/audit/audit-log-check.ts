import {
  AUDIT_LOG_GENESIS_HASH,
  type AuditLogBreak,
  type AuditLogPoint,
  type Database,
  findAuditLogBreak,
  readAuditEventHash,
  readAuditLogHead,
} from '@concord/db';

/** Why a published head is not in the log (schema/src/audit.graphql, AuditLogProblem). */
export const auditLogProblems = ['not_in_log', 'different_hash', 'broken_chain'] as const;
export type AuditLogProblem = (typeof auditLogProblems)[number];

export interface AuditLogHeadCheck {
  /** True when the log, recomputed from its first event, reaches this head. */
  isContained: boolean;
  problem: AuditLogProblem | null;
  /** The event the problem is at: the head's own number, or the first broken event before it. */
  problemSeq: number | null;
}

/**
 * How long a recomputed stretch of the log is trusted before it is recomputed from the first event again. The
 * check is public and a full recomputation reads every event, so answers within this time reuse it and only
 * recompute the events added since; a published head is compared with the stored hash at every check, so a
 * rewritten or shortened log shows at once, and an event edited in place shows within this time.
 */
export const RECOMPUTED_STRETCH_MAX_AGE_MS = 60_000;

interface RecomputedStretch {
  /** Every event up to this point hashes to it. */
  through: AuditLogPoint;
  /** The first event found wrong after `through`, if any: nothing after it can be vouched for. */
  broken: AuditLogBreak | null;
  since: number;
}

/**
 * Answers whether the log still contains a head published earlier (docs/adr/0013): one per database, and one
 * recomputation at a time however many ask at once.
 */
export class AuditLogChecker {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #maxAgeMs: number;
  #stretch: RecomputedStretch | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Database, { now = Date.now, maxAgeMs = RECOMPUTED_STRETCH_MAX_AGE_MS } = {}) {
    this.#db = db;
    this.#now = now;
    this.#maxAgeMs = maxAgeMs;
  }

  async check(head: AuditLogPoint): Promise<AuditLogHeadCheck> {
    const stretch = await this.#recomputeThrough(head.seq);
    if (stretch.broken && stretch.broken.seq <= head.seq) {
      return { isContained: false, problem: 'broken_chain', problemSeq: stretch.broken.seq };
    }
    const stored = await readAuditEventHash(this.#db, head.seq);
    if (stored === null) return { isContained: false, problem: 'not_in_log', problemSeq: head.seq };
    if (stored !== head.hash) return { isContained: false, problem: 'different_hash', problemSeq: head.seq };
    return { isContained: true, problem: null, problemSeq: null };
  }

  /** Extends the recomputed stretch to the log's head when `seq` lies beyond it; one caller at a time. */
  #recomputeThrough(seq: number): Promise<RecomputedStretch> {
    const run = this.#queue.then(async () => {
      const now = this.#now();
      if (!this.#stretch || now - this.#stretch.since > this.#maxAgeMs) {
        this.#stretch = { through: { seq: 0, hash: AUDIT_LOG_GENESIS_HASH }, broken: null, since: now };
      }
      const stretch = this.#stretch;
      if (stretch.broken || stretch.through.seq >= seq) return stretch;
      const head = await readAuditLogHead(this.#db);
      if (head.seq <= stretch.through.seq) return stretch;
      const broken = await findAuditLogBreak(this.#db, { after: stretch.through, through: head.seq });
      this.#stretch = broken ? { ...stretch, broken } : { ...stretch, through: { seq: head.seq, hash: head.hash } };
      return this.#stretch;
    });
    // A failed read (the database away) must not stop the next caller.
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

const checkers = new WeakMap<Database, AuditLogChecker>();

/** The checker of this database (the service's one handle), made on first use. */
export function auditLogChecker(db: Database): AuditLogChecker {
  let checker = checkers.get(db);
  if (!checker) {
    checker = new AuditLogChecker(db);
    checkers.set(db, checker);
  }
  return checker;
}

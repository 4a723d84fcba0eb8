import { schema } from '@concord/db';
import { asc, eq } from 'drizzle-orm';
import type { GraphQLContext } from '../../graphql/context.ts';
import type { CommitmentInput as CommitmentInputArgs, Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { getWorkingGroupBySlug } from '../working-group/working-group.service.ts';
import { commitmentCursor, getCommitment, listCommitments, listCommitmentsOfPerson } from './commitment.reads.ts';
import type { CommitmentInput } from './commitment-input.ts';
import { createCommitment } from './use-cases/create-commitment.ts';
import { reportCommitmentProgress } from './use-cases/report-commitment-progress.ts';
import { updateCommitment } from './use-cases/update-commitment.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

const toInput = (input: CommitmentInputArgs): CommitmentInput => ({
  title: input.title,
  description: input.description ?? null,
  taskholderOrganisationId: input.taskholderOrganisationId,
  taskholderPersonId: input.taskholderPersonId ?? null,
  deadline: input.deadline,
});

/** Commitments: the alliance's list and one by id, the person's own, and the three changes people make. */
export const commitmentResolvers: Resolvers = {
  Mutation: {
    createCommitment: async (_root, { allianceSlug, workingGroupSlug, input, note, decisionId }, context) =>
      createCommitment({
        ...(await deps(context)),
        allianceSlug,
        workingGroupSlug,
        input: toInput(input),
        note,
        decisionId: decisionId ?? null,
      }),
    updateCommitment: async (_root, { id, input, note }, context) =>
      updateCommitment({ ...(await deps(context)), commitmentId: id, input: toInput(input), note }),
    reportCommitmentProgress: async (_root, { id, status, note }, context) =>
      reportCommitmentProgress({ ...(await deps(context)), commitmentId: id, status, note }),
  },
  Alliance: {
    commitments: async (alliance, { filter, first, after }, { db }) => {
      const checked = checkFirst(first, 50);
      const group = filter?.workingGroupSlug
        ? await getWorkingGroupBySlug(db, alliance.id, filter.workingGroupSlug)
        : null;
      const page = await listCommitments(
        db,
        alliance.id,
        {
          workingGroupId: group?.id,
          allianceOwn: filter?.allianceOwn ?? false,
          statuses: filter?.statuses ?? undefined,
        },
        { first: checked, after },
      );
      return toConnection(page, commitmentCursor, Boolean(after));
    },
    commitment: (alliance, { id }, { db }) => getCommitment(db, alliance.id, id),
  },
  Me: {
    commitments: ({ person }, _args, { db }) => listCommitmentsOfPerson(db, person.id),
  },
  Commitment: {
    decision: async (row, _args, { db }) => {
      if (!row.decisionId) return null;
      const [decision] = await db
        .select()
        .from(schema.meetingDecision)
        .where(eq(schema.meetingDecision.id, row.decisionId));
      return decision ?? null;
    },
    createdAt: (row) => row.createdAt,
    updatedAt: (row) => row.updatedAt,
  },
  MeetingDecision: {
    commitments: (decision, _args, { db }) =>
      db
        .select()
        .from(schema.commitment)
        .where(eq(schema.commitment.decisionId, decision.id))
        .orderBy(asc(schema.commitment.createdAt), asc(schema.commitment.id)),
  },
  CommitmentUpdate: {
    at: (row) => row.occurredAt,
  },
};

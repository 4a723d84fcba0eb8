import { Kind, parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import * as operations from '../graphql/operations.generated';
import { deadlineFor, isMutation, READ_DEADLINE_MS, WRITE_DEADLINE_MS } from './api-deadline';

describe('how long the portal waits for the API', () => {
  test('a change waits longer than a read, so a slow save is not reported as failed', () => {
    expect(WRITE_DEADLINE_MS).toBeGreaterThan(READ_DEADLINE_MS);
    expect(deadlineFor('mutation SubmitProgressReport($input: ProgressReportInput!) { x }')).toBe(WRITE_DEADLINE_MS);
    expect(deadlineFor('# the report form\n  mutation { x }')).toBe(WRITE_DEADLINE_MS);
    expect(deadlineFor('query Alliance { mutation: alliance { id } }')).toBe(READ_DEADLINE_MS);
    expect(deadlineFor('{ alliance { id } }')).toBe(READ_DEADLINE_MS);
  });

  test("every operation the portal sends is read as what GraphQL's own parser says it is", () => {
    const documents = Object.entries(operations).filter(
      ([name, value]) => name.endsWith('Document') && value instanceof operations.TypedDocumentString,
    );
    expect(documents.length).toBeGreaterThan(50);
    const mutations = documents.filter(([, document]) => {
      const operation = parse(String(document)).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      return operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'mutation';
    });
    expect(mutations.length).toBeGreaterThan(10);
    for (const [name, document] of documents) {
      expect(isMutation(String(document)), name).toBe(mutations.some(([other]) => other === name));
    }
  });
});

import { type DocumentNode, Kind, type OperationDefinitionNode, type OperationTypeNode } from 'graphql';
import { portalOperationNames } from './operation-names.generated.ts';

/** What the metrics call a GraphQL operation: a name from a bounded set, and its type. */
export interface OperationLabel {
  /** The portal's operation names as they are; `other` for any other name; `anonymous` without a name. */
  operation: string;
  type: `${OperationTypeNode}` | 'unknown';
}

const known = new Set(portalOperationNames);

/**
 * Labels the operation a request runs. Names come from clients, so only the portal's own (listed at codegen from
 * its documents) become labels: anyone could otherwise make a new time series per request with a new name.
 */
export function operationLabel(document: DocumentNode, operationName: unknown): OperationLabel {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    typeof operationName === 'string' && operationName !== ''
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  if (!operation) return { operation: 'anonymous', type: 'unknown' };
  const name = operation.name?.value;
  return {
    operation: name === undefined ? 'anonymous' : known.has(name) ? name : 'other',
    type: operation.operation,
  };
}

import { BREAK, type DocumentNode, Kind, Lexer, Source, TokenKind, visit } from 'graphql';
import { badInput } from '../errors.ts';

/**
 * What one GraphQL document may cost before graphql-js parses and validates it. Parsing is linear, but a
 * long document is still parsed in one go, and some validation rules are quadratic in repeated fields and
 * fragments (OverlappingFieldsCanBeMerged compares every pair of same-named fields): 20,000 directives on one
 * field held the process for 8–30 s. The portal's largest operation has 170 tokens, no directive, 2 fragments
 * and no response name more than 8 times; these limits leave it a wide margin and keep the worst document
 * under them to a few milliseconds of CPU (tests/bench/query-budget.ts measures it).
 */
export const QUERY_BUDGET = {
  /** Characters of the query text (long text belongs in variables). */
  maxLength: 65_536,
  /** Lexical tokens: names, punctuation, values. graphql-js stops parsing past this too. */
  maxTokens: 1_000,
  /** Directives (`@include`, `@skip`) in the whole document. */
  maxDirectives: 20,
  /** Fragment definitions. */
  maxFragments: 20,
  /** Times one response name (a field or its alias) may appear in the document. */
  maxSameResponseName: 50,
} as const;

const refuse = (message: string) => badInput('query', message);

/**
 * Refuses a query text over the budget, reading it once with graphql-js's lexer (no tree is built) and
 * stopping at the first limit it passes. Meant for Mercurius's preParsing hook, which runs before the parse
 * and before the parsed-query cache.
 */
export function checkQueryText(source: string): void {
  const { maxLength, maxTokens, maxDirectives } = QUERY_BUDGET;
  if (source.length > maxLength) {
    throw refuse(
      `The query is ${source.length} characters long; at most ${maxLength} are accepted (send long text in variables).`,
    );
  }
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let directives = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > maxTokens) {
        throw refuse(`The query has more than ${maxTokens} tokens; write a smaller query or split it in several.`);
      }
      if (token.kind === TokenKind.AT && ++directives > maxDirectives) {
        throw refuse(`The query has more than ${maxDirectives} directives; a query needs only a few.`);
      }
    }
  } catch (err) {
    // A syntax error is the parser's to report, with its position.
    if (err instanceof Error && err.name === 'GraphQLError') return;
    throw err;
  }
}

/**
 * Refuses a parsed document whose fragments or repeated response names would make validation quadratic.
 * One walk over the tree, in Mercurius's preValidation hook. The tree may come from Mercurius's copy of
 * graphql-js (request-guard.ts says why there are two): the walk only reads its plain fields.
 */
export function checkDocumentShape(document: DocumentNode): void {
  const { maxFragments, maxSameResponseName } = QUERY_BUDGET;
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length;
  if (fragments > maxFragments) {
    throw refuse(`The query defines ${fragments} fragments; at most ${maxFragments} are accepted.`);
  }
  const seen = new Map<string, number>();
  let repeated: string | undefined;
  visit(document, {
    Field(node) {
      const name = node.alias?.value ?? node.name.value;
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      if (count > maxSameResponseName) {
        repeated = name;
        return BREAK;
      }
      return undefined;
    },
  });
  if (repeated) {
    throw refuse(
      `The query asks for "${repeated}" more than ${maxSameResponseName} times; ask for each field once per object.`,
    );
  }
}

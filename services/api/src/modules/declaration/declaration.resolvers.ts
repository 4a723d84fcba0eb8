import type { GraphQLContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { discardDeclarationDraft } from './use-cases/discard-declaration-draft.ts';
import { publishDeclarationVersion } from './use-cases/publish-declaration-version.ts';
import { removeDeclarationTranslation } from './use-cases/remove-declaration-translation.ts';
import { saveDeclarationDraft } from './use-cases/save-declaration-draft.ts';
import { saveDeclarationTranslation } from './use-cases/save-declaration-translation.ts';

async function deps(context: GraphQLContext) {
  return { db: context.db, actor: await context.actor() };
}

export const declarationResolvers: Resolvers = {
  Mutation: {
    saveDeclarationDraft: async (_root, { slug, input }, context) =>
      saveDeclarationDraft({ ...(await deps(context)), slug, input }),
    publishDeclarationVersion: async (_root, { slug, version, textSha256 }, context) =>
      publishDeclarationVersion({
        ...(await deps(context)),
        jobs: context.jobs,
        config: context.config,
        slug,
        version,
        textSha256,
      }),
    discardDeclarationDraft: async (_root, { slug }, context) =>
      discardDeclarationDraft({ ...(await deps(context)), slug }),
    saveDeclarationTranslation: async (_root, { slug, version, input }, context) =>
      saveDeclarationTranslation({ ...(await deps(context)), slug, version, input }),
    removeDeclarationTranslation: async (_root, { slug, version, language }, context) =>
      removeDeclarationTranslation({ ...(await deps(context)), slug, version, language }),
  },
  DeclarationTranslation: {
    savedAt: (translation) => translation.updatedAt,
    isOfCurrentText: (translation) => translation.sourceSha256 === translation.versionTextSha256,
  },
};

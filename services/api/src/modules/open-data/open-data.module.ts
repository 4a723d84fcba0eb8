import type { ConcordModule } from '../module.ts';
import { openDataRoutes } from './open-data.routes.ts';

/** Open-data files (signatories, progress, pledges) and the progress report PDF. */
export const openDataModule: ConcordModule = {
  name: 'open-data',
  routes: openDataRoutes,
};

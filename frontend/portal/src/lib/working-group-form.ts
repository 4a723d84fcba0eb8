/** The working-group form (new and edit pages): its fields and values, for the pages and their server code. */

/** The working-group form's fields, in page order: the API's `input.<field>` goes beside `<field>`. */
export const workingGroupFields = ['name', 'slug', 'kind', 'mandate', 'relevantStages', 'status'] as const;

export interface WorkingGroupValues {
  name: string;
  slug: string;
  kind: string;
  mandate: string;
  relevantStages: string[];
  status: string;
}

export const emptyWorkingGroup: WorkingGroupValues = {
  name: '',
  slug: '',
  kind: '',
  mandate: '',
  relevantStages: [],
  status: 'ACTIVE',
};

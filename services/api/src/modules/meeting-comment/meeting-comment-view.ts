import type { schema } from '@concord/db';

/** A comment as the API reads it: its row, its decision's place and text, and the moderating chair's organisation. */
export interface CommentView extends schema.MeetingComment {
  decisionPosition: number | null;
  decisionText: string | null;
  moderatedByOrganisationName: string | null;
}

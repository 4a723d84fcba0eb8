import type { CommitmentAuthorRole, CommitmentStatus } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';

/** The statuses a person reports; LATE is the schedule's, OPEN where a commitment starts. */
export const reportableStatuses = ['IN_PROGRESS', 'DONE', 'DROPPED'] as const;
export type ReportableStatus = (typeof reportableStatuses)[number];

export const isReportableStatus = (value: string): value is ReportableStatus =>
  (reportableStatuses as readonly string[]).includes(value);

/** In the request's language, or in `options.locale` (a feed written in the language it was asked in). */
export function commitmentStatusLabel(status: CommitmentStatus, options: { locale?: Locale } = {}): string {
  switch (status) {
    case 'OPEN':
      return m.commitment_status_open({}, options);
    case 'IN_PROGRESS':
      return m.commitment_status_in_progress({}, options);
    case 'DONE':
      return m.commitment_status_done({}, options);
    case 'LATE':
      return m.commitment_status_late({}, options);
    case 'DROPPED':
      return m.commitment_status_dropped({}, options);
  }
}

export function commitmentRoleLabel(role: CommitmentAuthorRole, organisation: string | null): string {
  switch (role) {
    case 'TASKHOLDER':
      return m.commitment_by_taskholder({ organisation: organisation ?? '' });
    case 'CHAIR':
      return m.commitment_by_chair({ organisation: organisation ?? '' });
    case 'SECRETARIAT':
      return m.commitment_by_secretariat();
    case 'SCHEDULE':
      return m.commitment_by_schedule();
  }
}

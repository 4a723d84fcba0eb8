/**
 * The changes of a campaign's dates, as the audit log names them (`reporting_campaign.<action>`) and
 * `ReportingCampaign.dateChanges` answers them. Apart from campaign-date-change.ts, which the history's reads must
 * not import (it imports them, through the e-mails to the organisations).
 */
export type CampaignDateAction = 'opened' | 'extended' | 'closed' | 'reopened' | 'rescheduled';
export const CAMPAIGN_DATE_ACTIONS: readonly CampaignDateAction[] = [
  'opened',
  'extended',
  'closed',
  'reopened',
  'rescheduled',
];
export const auditActionOf = (action: CampaignDateAction) => `reporting_campaign.${action}`;

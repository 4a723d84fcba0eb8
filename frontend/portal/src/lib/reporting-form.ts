/**
 * The reporting forms' pure parts: what the secretariat is offered when opening a campaign, reading reminder
 * days as typed, and which campaign a representative reports for.
 */

/** A calendar date as ISO 8601 (YYYY-MM-DD), and a real one: no 31 April. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The ISO date `days` after `iso` (UTC, as every date of the API). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Reminder days as people type them: "30, 7, 1", "30 7 1" or "30;7;1". Empty means the API's default.
 * Answers null when something is not a whole number of days from 1 to 365.
 */
export function parseReminderDays(text: string): number[] | undefined | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  if (!parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const days = parts.map(Number);
  if (!days.every((day) => day >= 1 && day <= 365)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

export interface CampaignSuggestion {
  year: number;
  opensOn: string;
  deadline: string;
  reminderDays: string;
}

/** Eight weeks to report: enough for an audit certificate to arrive, short enough to keep figures fresh. */
export const SUGGESTED_WEEKS = 8;

/**
 * What the form offers: the year after the latest campaign (or last year, for a first campaign), opening
 * today, with the deadline eight weeks on and the API's default reminders.
 */
export function suggestCampaign(campaigns: readonly { year: number }[], today: string): CampaignSuggestion {
  const latest = Math.max(...campaigns.map((c) => c.year), Number.NEGATIVE_INFINITY);
  const year = Number.isFinite(latest) ? latest + 1 : Number(today.slice(0, 4)) - 1;
  return { year, opensOn: today, deadline: addDays(today, SUGGESTED_WEEKS * 7), reminderDays: '30, 7, 1' };
}

/**
 * The campaign a representative reports for: the open one (the latest, if several are), otherwise the
 * latest, whose reports can still come in late. Null before the first campaign.
 */
export function currentCampaign<C extends { year: number; isOpen: boolean }>(campaigns: readonly C[]): C | null {
  const latestOf = (list: readonly C[]) =>
    list.reduce<C | null>((latest, c) => (latest === null || c.year > latest.year ? c : latest), null);
  return latestOf(campaigns.filter((c) => c.isOpen)) ?? latestOf(campaigns);
}

/** The secretariat's share of organisations that reported, for a bar: 0 to 100. */
export function reportedPercent(reported: number, expected: number): number {
  if (expected <= 0) return 100;
  return Math.min(100, Math.max(0, (reported / expected) * 100));
}

import type { AgendaItemInput, MeetingInput } from '$lib/graphql/operations.generated';
import { isMeetingAudience, isMeetingMethod } from '$lib/meeting-labels';
import { m } from '$lib/paraglide/messages.js';
import { formText } from './forms';

/**
 * The meeting's and the script's forms, posted plainly: what was typed comes back with the refusals beside their
 * fields. The portal checks only what it must to build the request (a field left empty, a number that is not one);
 * every rule (lengths, the zone, times the clocks skip, the capacity) is the API's, whose message goes beside the field.
 */

export const MEETING_FIELDS = [
  'title',
  'purpose',
  'start',
  'end',
  'timeZone',
  'place',
  'onlineUrl',
  'capacity',
  'audience',
] as const;
export type MeetingValues = Record<(typeof MEETING_FIELDS)[number], string>;

export const AGENDA_FIELDS = [
  'title',
  'durationMinutes',
  'method',
  'hosts',
  'question',
  'materials',
  'reviewsOpenCommitments',
] as const;
export type AgendaValues = Record<(typeof AGENDA_FIELDS)[number], string>;

const WHOLE = /^\d{1,7}$/;

export function readMeetingForm(data: FormData): {
  values: MeetingValues;
  input: MeetingInput | null;
  fieldErrors: Record<string, string>;
} {
  const values = Object.fromEntries(MEETING_FIELDS.map((name) => [name, formText(data, name)])) as MeetingValues;
  const fieldErrors: Record<string, string> = {};
  for (const name of ['title', 'purpose', 'start', 'end', 'timeZone'] as const) {
    if (!values[name]) fieldErrors[name] = m.meeting_form_required();
  }
  if (!WHOLE.test(values.capacity)) fieldErrors.capacity = m.meeting_form_capacity_number();
  const audience = isMeetingAudience(values.audience) ? values.audience : 'GROUP_MEMBERS';
  if (Object.keys(fieldErrors).length > 0) return { values, input: null, fieldErrors };
  return {
    values,
    fieldErrors,
    input: {
      title: values.title,
      purpose: values.purpose,
      start: values.start,
      end: values.end,
      timeZone: values.timeZone,
      place: values.place || null,
      onlineUrl: values.onlineUrl || null,
      capacity: Number(values.capacity),
      audience,
    },
  };
}

export function readAgendaForm(data: FormData): {
  values: AgendaValues;
  input: AgendaItemInput | null;
  fieldErrors: Record<string, string>;
} {
  const values = Object.fromEntries(AGENDA_FIELDS.map((name) => [name, formText(data, name)])) as AgendaValues;
  const fieldErrors: Record<string, string> = {};
  if (!values.title) fieldErrors.title = m.meeting_form_required();
  if (!WHOLE.test(values.durationMinutes)) fieldErrors.durationMinutes = m.meeting_item_duration_number();
  if (!isMeetingMethod(values.method)) fieldErrors.method = m.meeting_item_method_required();
  if (Object.keys(fieldErrors).length > 0 || !isMeetingMethod(values.method)) {
    return { values, input: null, fieldErrors };
  }
  return {
    values,
    fieldErrors,
    input: {
      title: values.title,
      durationMinutes: Number(values.durationMinutes),
      method: values.method,
      hosts: values.hosts || null,
      question: values.question || null,
      materials: values.materials || null,
      // A box left unticked is not posted.
      reviewsOpenCommitments: values.reviewsOpenCommitments === 'on',
    },
  };
}

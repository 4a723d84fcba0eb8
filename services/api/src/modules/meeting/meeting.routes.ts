import { schema } from '@concord/db';
import { renderRunSheet } from '@concord/documents';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError, HTTP_STATUS } from '../../errors.ts';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { meetingCalendar } from './meeting-calendar.ts';
import { findMeeting } from './meeting-changes.ts';
import { calendarEventOf, namesOf, uidHostOf } from './meeting-invitations.ts';
import { runSheetOf } from './meeting-run-sheet.ts';

const { alliance, meeting, person, workingGroup } = schema;

/** At most this many meetings in a feed: the latest ones, which is what a calendar shows. */
const FEED_MAX = 500;

function sendCalendar(reply: FastifyReply, filename: string, body: string, isPrivate: boolean) {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', isPrivate ? 'private, no-store' : 'public, max-age=300')
    .send(body);
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Calendars as plain files under /exports (the address space the proxies already send to the API): one meeting's
 * (`/exports/meetings/<id>.ics`, in the reader's time zone when signed in, with the online link), and a feed to
 * subscribe to (`/exports/meetings.ics?alliance=<slug>&workingGroup=<slug>`: a group's meetings, or without
 * `workingGroup` the alliance's plenaries), public, without online links. And the run sheet its hosts print
 * (`/exports/meetings/<id>/run-sheet.pdf?lang=fr`), for them alone.
 */
export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get<{ Params: { id: string } }>('/exports/meetings/:id.ics', async (request, reply) => {
    const row = await findMeeting(db, request.params.id);
    if (!row) return reply.code(404).send({ error: 'No such meeting.' });
    const actor = await request.actor();
    let timeZone = row.timeZone;
    if (actor) {
      const [reader] = await db.select({ timeZone: person.timeZone }).from(person).where(eq(person.id, actor.personId));
      timeZone = reader?.timeZone ?? row.timeZone;
    }
    const names = await namesOf(db, row);
    const body = meetingCalendar({
      method: 'PUBLISH',
      timeZone,
      events: [calendarEventOf(app.config, row, names, actor !== null)],
      uidHost: uidHostOf(app.config),
    });
    return sendCalendar(reply, `meeting-${row.id}.ics`, body, actor !== null);
  });

  app.get<{ Params: { id: string }; Querystring: { lang?: unknown } }>(
    '/exports/meetings/:id/run-sheet.pdf',
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      let sheet: Awaited<ReturnType<typeof runSheetOf>>;
      try {
        sheet = await runSheetOf({
          db,
          actor: await request.actor(),
          meetingId: request.params.id,
          lang: request.query.lang,
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return reply.code(HTTP_STATUS[error.code]).send({ error: error.message, code: error.code });
      }
      const pdf = await renderRunSheet(sheet.data);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('inline', sheet.filename))
        .header('content-language', sheet.data.language)
        .header('x-content-type-options', 'nosniff')
        .send(pdf);
    },
  );

  app.get<{ Querystring: { alliance?: unknown; workingGroup?: unknown } }>(
    '/exports/meetings.ics',
    async (request, reply) => {
      const { alliance: allianceSlug, workingGroup: groupSlug } = request.query;
      if (typeof allianceSlug !== 'string' || !SLUG.test(allianceSlug) || allianceSlug.length > 100) {
        return reply
          .code(400)
          .send({ error: 'Name the alliance by its slug: ?alliance=circular-plastics', field: 'alliance' });
      }
      if (
        groupSlug !== undefined &&
        (typeof groupSlug !== 'string' || !SLUG.test(groupSlug) || groupSlug.length > 100)
      ) {
        return reply.code(400).send({ error: 'Name the working group by its slug.', field: 'workingGroup' });
      }
      const [owner] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug));
      if (!owner) return reply.code(404).send({ error: `No alliance has the slug "${allianceSlug}".` });
      let group: schema.WorkingGroup | undefined;
      if (groupSlug !== undefined) {
        [group] = await db
          .select()
          .from(workingGroup)
          .where(and(eq(workingGroup.allianceId, owner.id), eq(workingGroup.slug, groupSlug)));
        if (!group) return reply.code(404).send({ error: `${owner.name} has no working group "${groupSlug}".` });
      }
      const rows = await db
        .select()
        .from(meeting)
        .where(
          and(
            eq(meeting.allianceId, owner.id),
            group ? eq(meeting.workingGroupId, group.id) : isNull(meeting.workingGroupId),
          ),
        )
        .orderBy(desc(meeting.startsAt))
        .limit(FEED_MAX);
      const prefix = group?.name ?? owner.name;
      const body = meetingCalendar({
        method: 'PUBLISH',
        timeZone: owner.timeZone,
        name: `${prefix}: meetings`,
        events: rows.map((row) =>
          calendarEventOf(app.config, row, { allianceSlug: owner.slug, summary: `${prefix}: ${row.title}` }, false),
        ),
        uidHost: uidHostOf(app.config),
      });
      return sendCalendar(reply, `meetings-${group?.slug ?? owner.slug}.ics`, body, false);
    },
  );
}

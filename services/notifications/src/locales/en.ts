import { digestLinks } from '../digest-content.ts';
import { action, type EmailCatalogue, link, markdown, paragraph, quote } from '../email-content.ts';
import type { PledgeSummary } from '../email-template.ts';
import { names } from './format.ts';

const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);
const hours = (n: number) => (n === 1 ? '1 hour' : `${n} hours`);

/** `12500.500` → `12,500.5 t`: exact, from the decimal text (never through a float). */
function tonnes(decimal: string): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const kept = fraction.replace(/0+$/, '');
  return `${grouped}${kept ? `.${kept}` : ''} t`;
}

const polymerName = (polymer: string) => (polymer === 'OTHER' ? 'other plastics' : polymer);
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** `2025-03-31` → `31 March 2025`. */
function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** The pledges still missing a report, one line each; a long list ends with how many more. */
function missingList(pledges: readonly PledgeSummary[]) {
  const shown = pledges.slice(0, 10).map((p) => paragraph(`- the pledge ${commitment(p)}`));
  const more = pledges.length - shown.length;
  return more > 0 ? [...shown, paragraph(`- and ${more} more`)] : shown;
}

const theseMissing = (pledges: readonly PledgeSummary[]) =>
  pledges.length === 1 ? 'this pledge' : `these ${pledges.length} pledges`;

/** "to supply 12,500 t of recycled PET a year by 2025" */
function commitment(pledge: PledgeSummary): string {
  const verb = pledge.kind === 'supply' ? 'to supply' : 'to use';
  return `${verb} ${tonnes(pledge.tonnesPerYear)} of recycled ${polymerName(pledge.polymer)} a year by ${pledge.targetYear}`;
}

export const en: EmailCatalogue = {
  locale: 'en',
  actionFallback: 'If the button does not work, copy this address into your browser:',
  templates: {
    'login-link': ({ url, expiresInMinutes }) => ({
      subject: 'Your sign-in link',
      body: [
        paragraph('Use the link below to sign in.'),
        action('Sign in', url),
        paragraph(`The link works once and expires in ${minutes(expiresInMinutes)}.`),
        paragraph('If you did not ask for it, ignore this e-mail: nobody can sign in without the link.'),
      ],
      footer: [paragraph('You receive this e-mail because this address was entered on the sign-in page.')],
    }),

    'representative-invitation': ({ organisationName, inviterName, url, expiresInDays }) => ({
      subject: `${inviterName || 'A colleague'} invites you to represent ${organisationName}`,
      body: [
        paragraph(
          `${inviterName || 'A colleague'} invites you to represent ${organisationName} with them in Concord: ` +
            'to sign declarations, make pledges and report progress on its behalf.',
        ),
        action('Accept the invitation', url),
        paragraph(`The link signs you in, works once and expires in ${days(expiresInDays)}.`),
        paragraph('If you do not know this organisation, ignore this e-mail: nothing happens without the link.'),
      ],
      footer: [
        paragraph(`You receive this e-mail because a representative of ${organisationName} entered this address.`),
      ],
    }),

    'secretariat-appointed': ({ allianceName, allianceUrl }) => ({
      subject: `You are now in the secretariat of the ${allianceName}`,
      body: [
        paragraph(
          `You have been appointed to the secretariat of the ${allianceName} in Concord: you review signatures and ` +
            'pledges, run reporting campaigns, and change the alliance’s settings and declaration.',
        ),
        action('Open the alliance', allianceUrl),
        paragraph('Sign in with this e-mail address when asked: Concord sends you a one-time link.'),
      ],
      footer: [
        paragraph(
          `You receive this e-mail because a member of the ${allianceName} secretariat or a platform administrator appointed you.`,
        ),
      ],
    }),

    'chair-appointed': ({ allianceName, workingGroupName, organisationName, role, workingGroupUrl }) => ({
      subject: `You are now ${role === 'chair' ? 'chair' : 'a co-chair'} of the ${workingGroupName} working group`,
      body: [
        paragraph(
          `The secretariat of the ${allianceName} has named you ${role === 'chair' ? 'chair' : 'co-chair'} of the ` +
            `${workingGroupName} working group for ${organisationName}. You run its meetings, moderate the comments on ` +
            'its minutes, review its pledges and follow its commitments; your name is shown on the group’s page.',
        ),
        action('Open the working group', workingGroupUrl),
      ],
      footer: [paragraph(`You receive this e-mail because the secretariat of the ${allianceName} appointed you.`)],
    }),

    'steering-committee-appointed': ({ allianceName, organisationName, role, committeeUrl }) => ({
      subject: `You are now ${role === 'chair' ? 'chair' : 'a member'} of the ${allianceName} steering committee`,
      body: [
        paragraph(
          `The secretariat of the ${allianceName} has appointed you ${role === 'chair' ? 'chair' : 'a member'} of its ` +
            `steering committee, representing ${organisationName}. Your name and organisation are listed on the ` +
            'committee’s public page.',
        ),
        action('See the steering committee', committeeUrl),
      ],
      footer: [paragraph(`You receive this e-mail because the secretariat of the ${allianceName} appointed you.`)],
    }),

    'register-invitation': ({ allianceName, organisationNames, allianceUrl, signInUrl }) => ({
      subject: `The ${allianceName} now keeps its register in Concord`,
      body: [
        paragraph(
          `The secretariat of the ${allianceName} has moved its register of signatories, pledges and progress reports ` +
            `to Concord. You are in it as a representative of ${names('en', organisationNames)}.`,
        ),
        paragraph(
          'Sign in with this e-mail address to see what the register holds about your organisation, correct it, and ' +
            'report progress from now on. Concord sends you a one-time link: there is no password.',
        ),
        action('Sign in to Concord', signInUrl),
        link('The alliance in Concord', allianceUrl),
      ],
      footer: [
        paragraph(
          `You receive this e-mail once, because the secretariat of the ${allianceName} brought its register into Concord with this address.`,
        ),
      ],
    }),

    'resign-invitation': ({ allianceName, version, title, organisationNames, resignUrl, declarationUrl }) => ({
      subject: `Version ${version} of the ${allianceName} declaration: sign it again`,
      body: [
        paragraph(
          `The secretariat of the ${allianceName} has published version ${version} of its declaration, “${title}”. ` +
            `${names('en', organisationNames)} signed an earlier version, which stays on record.`,
        ),
        paragraph(
          'To stay a signatory of the declaration in force, read the new text and sign it: one form on your account ' +
            'page, with no further review. A new certificate follows.',
        ),
        action(`Sign version ${version}`, resignUrl),
        link(`Read version ${version}`, declarationUrl),
      ],
      footer: [
        paragraph(
          `You receive this e-mail once per version, as a representative of an organisation that signed the ${allianceName} declaration.`,
        ),
      ],
    }),

    'signature-confirmation': ({ organisationName, allianceName, confirmUrl, expiresInHours }) => ({
      subject: `Confirm the signature of ${organisationName} for the ${allianceName}`,
      body: [
        paragraph(
          `You signed the ${allianceName} declaration on behalf of ${organisationName}. ` +
            'Please confirm your e-mail address, so that the secretariat can review the signature.',
        ),
        action('Confirm the signature', confirmUrl),
        paragraph(`The link expires in ${hours(expiresInHours)}.`),
        paragraph('If you did not sign, ignore this e-mail: the signature will not go ahead without confirmation.'),
      ],
      footer: [
        paragraph(
          'You receive this e-mail because this address was given for the representative of an organisation ' +
            'signing a declaration.',
        ),
      ],
    }),

    'signature-approved': ({ organisationName, allianceName, certificateUrl, verificationUrl, renewedVersion }) => ({
      subject: renewedVersion
        ? `${organisationName} signed version ${renewedVersion} of the ${allianceName} declaration`
        : `${organisationName} is now a signatory of the ${allianceName}`,
      body: [
        paragraph(
          renewedVersion
            ? `${organisationName} signed version ${renewedVersion} of the declaration. The public register of the ` +
                `${allianceName} now lists it with that version.`
            : `The secretariat has verified the signature of ${organisationName}. ` +
                `It is now listed publicly among the signatories of the ${allianceName}.`,
        ),
        action('Download the signature certificate', certificateUrl),
        paragraph('Anyone can check a copy of the certificate against the public register:'),
        link('Verify the certificate', verificationUrl),
      ],
      footer: [paragraph(`You receive this e-mail as the representative of ${organisationName}.`)],
    }),

    'signature-rejected': ({ organisationName, allianceName, reason }) => ({
      subject: `The signature of ${organisationName} for the ${allianceName} was not accepted`,
      body: [
        paragraph(
          `The secretariat of the ${allianceName} has reviewed the signature of ${organisationName} ` +
            'and could not accept it, for this reason:',
        ),
        quote(reason),
        paragraph(
          'If you think this is a mistake, contact the secretariat. You can sign again once the reason no longer applies.',
        ),
      ],
      footer: [paragraph(`You receive this e-mail as the representative of ${organisationName}.`)],
    }),

    'signature-withdrawn': ({ organisationName, allianceName, reason }) => ({
      subject: `The signature of ${organisationName} for the ${allianceName} has been withdrawn`,
      body: [
        paragraph(
          `The signature of ${organisationName} for the ${allianceName} declaration has been withdrawn. ` +
            'The organisation no longer appears among the active signatories; the history of its signature stays public.',
        ),
        ...(reason === null ? [] : [paragraph('The reason given:'), quote(reason)]),
        paragraph('If this is not what you expected, contact the secretariat.'),
      ],
      footer: [paragraph(`You receive this e-mail as the representative of ${organisationName}.`)],
    }),

    'signature-to-review': ({ organisationName, allianceName, reviewUrl, unsubscribeUrl }) => ({
      subject: `Signature to review: ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          `${organisationName} has signed the ${allianceName} declaration and confirmed its e-mail address. ` +
            'The signature waits for your review.',
        ),
        action('Review the signature', reviewUrl),
      ],
      footer: [
        paragraph(`You receive this e-mail because you review signatures for the secretariat of the ${allianceName}.`),
        link('Stop these e-mails', unsubscribeUrl),
      ],
    }),

    'pledge-submitted': ({
      organisationName,
      allianceName,
      workingGroupName,
      pledge,
      isAmendment,
      reviewUrl,
      unsubscribeUrl,
    }) => ({
      subject: `${isAmendment ? 'Pledge amendment' : 'Pledge'} to review: ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          isAmendment
            ? `${organisationName} asks to amend its pledge: version ${pledge.version} would commit it ${commitment(pledge)}. ` +
                'Until you accept it, the pledge stays in force as accepted before.'
            : `${organisationName} has submitted a pledge ${commitment(pledge)}.`,
        ),
        paragraph(
          workingGroupName === null
            ? 'The pledge names no working group, so the secretariat reviews it.'
            : `It belongs to the ${workingGroupName} working group, whose chairs review it.`,
        ),
        action('Review the pledge', reviewUrl),
      ],
      footer: [
        paragraph(
          workingGroupName === null
            ? `You receive this e-mail because you review pledges for the secretariat of the ${allianceName}.`
            : `You receive this e-mail because your organisation chairs the ${workingGroupName} working group.`,
        ),
        link('Stop these e-mails', unsubscribeUrl),
      ],
    }),

    'pledge-decided': ({ organisationName, allianceName, decision, comment, pledge, isAmendment, pledgeUrl }) => {
      const what = isAmendment
        ? `The amendment of the pledge of ${organisationName} (version ${pledge.version})`
        : `The pledge of ${organisationName}`;
      const subject = {
        accepted: `${isAmendment ? 'Pledge amendment' : 'Pledge'} accepted: ${organisationName} (${allianceName})`,
        changes_requested: `Changes requested to the pledge of ${organisationName} (${allianceName})`,
        rejected: `${isAmendment ? 'Pledge amendment' : 'Pledge'} not accepted: ${organisationName} (${allianceName})`,
      }[decision];
      const outcome = {
        accepted: isAmendment
          ? 'was accepted. Its figures are now in force and count in the public register and the totals.'
          : 'was accepted. It now appears in the public register and counts in the totals.',
        changes_requested: isAmendment
          ? 'needs changes before it can be accepted; meanwhile the pledge stays in force as accepted before. ' +
            'Change the amendment and submit it again.'
          : 'needs changes before it can be accepted. Change it and submit it again.',
        rejected: isAmendment ? 'was not accepted. The pledge stays in force as accepted before.' : 'was not accepted.',
      }[decision];
      return {
        subject,
        body: [
          paragraph(`${what}, ${commitment(pledge)}, ${outcome}`),
          ...(comment === null ? [] : [paragraph("The reviewer's comment:"), quote(comment)]),
          action('Open the pledge', pledgeUrl),
        ],
        footer: [paragraph(`You receive this e-mail as a representative of ${organisationName}.`)],
      };
    },

    'pledge-withdrawn': ({ organisationName, allianceName, pledge, reason, pledgeUrl }) => ({
      subject: `The pledge of ${organisationName} for the ${allianceName} has been withdrawn`,
      body: [
        paragraph(
          `The pledge of ${organisationName} ${commitment(pledge)} has been withdrawn. ` +
            'It no longer counts in any total; its history stays public.',
        ),
        paragraph('The reason given:'),
        quote(reason),
        action('Open the pledge', pledgeUrl),
        paragraph('If this is not what you expected, contact the secretariat.'),
      ],
      footer: [paragraph(`You receive this e-mail as a representative of ${organisationName}.`)],
    }),

    'progress-report-reminder': ({
      organisationName,
      allianceName,
      year,
      deadline,
      daysLeft,
      missingPledges,
      reportUrl,
    }) => ({
      subject: `Progress report for ${year} due on ${longDate(deadline)}: ${organisationName}`,
      body: [
        paragraph(
          `The ${allianceName} collects what every pledge achieved in ${year}. ` +
            `${organisationName} has not yet reported on ${theseMissing(missingPledges)}:`,
        ),
        ...missingList(missingPledges),
        paragraph(`The deadline is ${longDate(deadline)}, in ${days(daysLeft)}.`),
        action('Report progress', reportUrl),
        paragraph(
          'Report what was achieved, even if it is zero: an organisation that misses the deadline is shown ' +
            'publicly as not reporting.',
        ),
      ],
      footer: [
        paragraph(
          `You receive this e-mail as a representative of ${organisationName}, which has pledges in the ${allianceName}.`,
        ),
      ],
    }),

    'progress-report-overdue': ({ organisationName, allianceName, year, deadline, missingPledges, reportUrl }) => ({
      subject: `Progress report for ${year} overdue: ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          `The deadline for reporting progress for ${year} was ${longDate(deadline)}. ` +
            `${organisationName} has still not reported on ${theseMissing(missingPledges)}:`,
        ),
        ...missingList(missingPledges),
        paragraph(
          'Until it reports, the organisation is shown publicly as not reporting, and as inactive after a ' +
            'second missed deadline. A late report still counts: report now and the status recovers.',
        ),
        action('Report progress', reportUrl),
      ],
      footer: [
        paragraph(
          `You receive this e-mail as a representative of ${organisationName}, which has pledges in the ${allianceName}.`,
        ),
      ],
    }),

    'reporting-campaign-changed': ({
      allianceName,
      organisationNames,
      year,
      change,
      previousDeadline,
      date,
      reportUrl,
    }) => ({
      subject:
        change === 'closed'
          ? `Progress reports for ${year} closed: ${allianceName}`
          : change === 'reopened'
            ? `Progress reports for ${year} open again until ${longDate(date)}: ${allianceName}`
            : `Progress reports for ${year}: new deadline ${longDate(date)} (${allianceName})`,
      body: [
        paragraph(
          change === 'closed'
            ? `The secretariat of the ${allianceName} has closed the reporting for ${year}: since ${longDate(date)} it takes no more reports, late ones included.`
            : change === 'reopened'
              ? `The secretariat of the ${allianceName} has reopened the reporting for ${year}: it takes reports again until ${longDate(date)}.`
              : `The secretariat of the ${allianceName} has moved the deadline for reporting progress for ${year} from ${longDate(previousDeadline)} to ${longDate(date)}.`,
        ),
        paragraph(
          change === 'closed'
            ? `${names('en', organisationNames)} had not reported on every pledge for ${year}: the figures of that year are final without them, and the organisation is shown publicly as not reporting.`
            : `${names('en', organisationNames)} has not yet reported on every pledge for ${year}. Report what was achieved, even if it is zero.`,
        ),
        ...(change === 'closed' ? [link('Your reports', reportUrl)] : [action('Report progress', reportUrl)]),
      ],
      footer: [
        paragraph(
          `You receive this e-mail once per change of the campaign's dates, as a representative of an organisation with pledges in the ${allianceName}.`,
        ),
      ],
    }),

    'progress-report-queried': ({ organisationName, allianceName, year, pledge, question, isReopened, reportUrl }) => ({
      subject: isReopened
        ? `Progress report reopened: ${organisationName}, ${year} (${allianceName})`
        : `Question about the progress report of ${organisationName} for ${year} (${allianceName})`,
      body: [
        paragraph(
          isReopened
            ? `The secretariat of the ${allianceName} has reopened the validated progress report of ${organisationName} ` +
                `for ${year}, on the pledge ${commitment(pledge)}. Until it is validated again, it does not count ` +
                'in the achieved figures. The reason:'
            : `The secretariat of the ${allianceName} has a question about the progress report of ${organisationName} ` +
                `for ${year}, on the pledge ${commitment(pledge)}:`,
        ),
        quote(question),
        paragraph('Answer it, and correct the figure if needed; the report then waits for validation again.'),
        action('Answer the question', reportUrl),
      ],
      footer: [paragraph(`You receive this e-mail as a representative of ${organisationName}.`)],
    }),

    'progress-report-answered': ({
      organisationName,
      allianceName,
      year,
      pledge,
      answer,
      tonnesAchieved,
      isRevised,
      reviewUrl,
    }) => ({
      subject: `Answer to review: ${organisationName}, progress report for ${year} (${allianceName})`,
      body: [
        paragraph(
          `${organisationName} has answered the question about its progress report for ${year}, ` +
            `on the pledge ${commitment(pledge)}:`,
        ),
        quote(answer),
        paragraph(
          isRevised
            ? `It corrected the figure: ${tonnes(tonnesAchieved)} achieved. The earlier figure is kept in the report's revisions.`
            : `The figure is unchanged: ${tonnes(tonnesAchieved)} achieved.`,
        ),
        paragraph('The report waits for validation again.'),
        action('Review the report', reviewUrl),
      ],
      footer: [
        paragraph(
          `You receive this e-mail because you validate progress reports for the secretariat of the ${allianceName}.`,
        ),
      ],
    }),
    'meeting-invitation': ({
      allianceName,
      workingGroupName,
      title,
      purpose,
      when,
      timeZone,
      place,
      onlineUrl,
      meetingUrl,
      change,
      cancellationReason,
    }) => {
      const host = workingGroupName ? `the ${workingGroupName} working group` : `the ${allianceName}`;
      const where = [
        ...(place ? [paragraph(`Where: ${place}`)] : []),
        ...(onlineUrl ? [link('Join online', onlineUrl)] : []),
      ];
      const lead = {
        new: `You are invited to a meeting of ${host}.`,
        changed: `A meeting of ${host} has changed; the calendar entry attached replaces the earlier one.`,
        cancelled: `A meeting of ${host} has been cancelled.`,
      }[change];
      return {
        subject: `${change === 'cancelled' ? 'Cancelled' : change === 'changed' ? 'Changed' : 'Invitation'}: ${title}`,
        body: [
          paragraph(lead),
          paragraph(`${title}: ${when} (${timeZone}).`),
          ...(change === 'cancelled' && cancellationReason
            ? [paragraph('The reason given:'), quote(cancellationReason)]
            : []),
          ...(change === 'cancelled' ? [] : [paragraph(`The question: ${purpose}`), ...where]),
          action('Open the meeting', meetingUrl),
        ],
        footer: [paragraph(`You receive this e-mail as a representative of a member of ${host}.`)],
      };
    },

    'commitment-reminder': ({
      organisationName,
      allianceName,
      workingGroupName,
      title,
      deadline,
      daysLeft,
      commitmentUrl,
    }) => ({
      subject: `Commitment due on ${longDate(deadline)}: ${title}`,
      body: [
        paragraph(
          `${organisationName} took on this commitment in ${workingGroupName ? `the ${workingGroupName} working group of ` : ''}the ${allianceName}:`,
        ),
        quote(title),
        paragraph(`The deadline is ${longDate(deadline)}, in ${days(daysLeft)}.`),
        action('Report progress', commitmentUrl),
        paragraph('A short note is enough: what is done, what is left. Everyone following the group reads it.'),
      ],
      footer: [
        paragraph(
          `You receive this e-mail as a representative of ${organisationName}, the taskholder of this commitment.`,
        ),
      ],
    }),

    'commitment-late': ({ organisationName, allianceName, workingGroupName, title, deadline, commitmentUrl }) => ({
      subject: `Commitment late: ${title}`,
      body: [
        paragraph(
          `The deadline of this commitment of ${organisationName} in ${workingGroupName ? `the ${workingGroupName} working group of ` : ''}the ${allianceName} was ${longDate(deadline)}:`,
        ),
        quote(title),
        paragraph(
          'It is now shown publicly as late. Report it done if it is, or dropped with the reason; the chair can move the deadline.',
        ),
        action('Report progress', commitmentUrl),
      ],
      footer: [
        paragraph(
          `You receive this e-mail as a representative of ${organisationName}, the taskholder of this commitment.`,
        ),
      ],
    }),
    'meeting-comment-received': ({
      allianceName,
      workingGroupName,
      meetingTitle,
      decisionText,
      text,
      moderationUrl,
    }) => ({
      subject: `Comment to moderate: ${meetingTitle}`,
      body: [
        paragraph(
          decisionText
            ? `Someone commented on this decision of the meeting “${meetingTitle}”:`
            : `Someone commented on the minutes of the meeting “${meetingTitle}”.`,
        ),
        ...(decisionText ? [quote(decisionText)] : []),
        paragraph('The comment:'),
        quote(text),
        paragraph('Nobody else sees it until you publish it, answer it in the open, or hide it with a reason.'),
        action('Moderate the comments', moderationUrl),
      ],
      footer: [
        paragraph(
          workingGroupName
            ? `You receive this e-mail as a chair of the ${workingGroupName} working group of the ${allianceName}.`
            : `You receive this e-mail as a member of the secretariat of the ${allianceName}.`,
        ),
      ],
    }),

    'meeting-comment-answered': ({ allianceName, meetingTitle, decisionText, text, answer, commentUrl }) => ({
      subject: `Your comment was answered: ${meetingTitle}`,
      body: [
        paragraph(
          decisionText
            ? `You commented on a decision of the meeting “${meetingTitle}” of the ${allianceName}:`
            : `You commented on the minutes of the meeting “${meetingTitle}” of the ${allianceName}:`,
        ),
        quote(text),
        paragraph('The chair answered, publicly:'),
        quote(answer),
        action('Read it on the meeting’s page', commentUrl),
      ],
      footer: [paragraph('You receive this e-mail because you wrote this comment.')],
    }),
    announcement: ({ allianceName, title, body, announcementUrl, unsubscribeUrl }) => ({
      subject: `Announcement: ${title}`,
      body: [
        paragraph(`The secretariat of the ${allianceName} writes:`),
        paragraph(title),
        markdown(body),
        link('Read it on the alliance’s page', announcementUrl),
      ],
      footer: [
        paragraph(`You receive this e-mail because you represent a signatory of the ${allianceName}.`),
        link('Stop the announcements', unsubscribeUrl),
      ],
    }),

    digest: ({ frequency, periodStart, entries, unsubscribeUrl }) => ({
      subject: `${frequency === 'daily' ? 'Your daily digest' : 'Your weekly digest'}: ${entries.length === 1 ? '1 item' : `${entries.length} items`}`,
      body: [
        paragraph(
          frequency === 'daily'
            ? `What came for you on ${longDate(periodStart)} (and anything a digest had not listed yet):`
            : `What came for you in the week from ${longDate(periodStart)} (and anything a digest had not listed yet):`,
        ),
        ...digestLinks(en, entries),
      ],
      footer: [
        paragraph('You receive this digest because you chose it on your account page instead of one e-mail each.'),
        link('Stop these digests', unsubscribeUrl),
      ],
    }),
  },
};

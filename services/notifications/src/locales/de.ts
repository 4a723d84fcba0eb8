import { digestLinks } from '../digest-content.ts';
import { action, type EmailCatalogue, link, markdown, paragraph, quote } from '../email-content.ts';
import type { PledgeSummary } from '../email-template.ts';
import { longDateIn, names, plural, tonnesIn } from './format.ts';

const minutes = (n: number) => plural('de', n, { one: 'Minute', other: 'Minuten' });
const hours = (n: number) => plural('de', n, { one: 'Stunde', other: 'Stunden' });
/** Dative, as after „in“: „in 1 Tag“, „in 7 Tagen“. */
const days = (n: number) => plural('de', n, { one: 'Tag', other: 'Tagen' });
const tonnes = (decimal: string) => tonnesIn('de', decimal);
const longDate = (date: string) => longDateIn('de', date);

/** „PET-Rezyklat“, „Rezyklat aus sonstigen Kunststoffen“ */
const material = (polymer: string) =>
  polymer === 'OTHER' ? 'Rezyklat aus sonstigen Kunststoffen' : `${polymer}-Rezyklat`;

/** „12.500,5 t PET-Rezyklat pro Jahr bis 2025 bereitzustellen“ */
function commitment(pledge: PledgeSummary): string {
  const verb = pledge.kind === 'supply' ? 'bereitzustellen' : 'einzusetzen';
  return `${tonnes(pledge.tonnesPerYear)} ${material(pledge.polymer)} pro Jahr bis ${pledge.targetYear} ${verb}`;
}

function missingList(pledges: readonly PledgeSummary[]) {
  const shown = pledges.slice(0, 10).map((p) => paragraph(`- die Zusage, ${commitment(p)}`));
  const more = pledges.length - shown.length;
  return more > 0 ? [...shown, paragraph(`- und ${more} weitere`)] : shown;
}

const theseMissing = (pledges: readonly PledgeSummary[]) =>
  pledges.length === 1 ? 'diese Zusage' : `diese ${pledges.length} Zusagen`;

const asRepresentative = (organisationName: string) =>
  paragraph(`Sie erhalten diese E-Mail als Vertreterin oder Vertreter von ${organisationName}.`);

export const de: EmailCatalogue = {
  locale: 'de',
  actionFallback: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:',
  templates: {
    'login-link': ({ url, expiresInMinutes }) => ({
      subject: 'Ihr Anmeldelink',
      body: [
        paragraph('Melden Sie sich über den folgenden Link an.'),
        action('Anmelden', url),
        paragraph(`Der Link funktioniert einmal und läuft in ${minutes(expiresInMinutes)} ab.`),
        paragraph(
          'Falls Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail: Ohne den Link kann sich niemand anmelden.',
        ),
      ],
      footer: [paragraph('Sie erhalten diese E-Mail, weil diese Adresse auf der Anmeldeseite eingegeben wurde.')],
    }),

    'representative-invitation': ({ organisationName, inviterName, url, expiresInDays }) => ({
      subject: `${inviterName || 'Eine Kollegin oder ein Kollege'} lädt Sie ein, ${organisationName} zu vertreten`,
      body: [
        paragraph(
          `${inviterName || 'Eine Kollegin oder ein Kollege'} lädt Sie ein, ${organisationName} gemeinsam in Concord zu vertreten: ` +
            'Erklärungen zu unterzeichnen, Zusagen zu machen und über Fortschritte zu berichten.',
        ),
        action('Einladung annehmen', url),
        paragraph(`Der Link meldet Sie an, funktioniert einmal und läuft in ${days(expiresInDays)} ab.`),
        paragraph(
          'Falls Sie diese Organisation nicht kennen, ignorieren Sie diese E-Mail: Ohne den Link geschieht nichts.',
        ),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail, weil eine Vertretung von ${organisationName} diese Adresse eingegeben hat.`,
        ),
      ],
    }),

    'secretariat-appointed': ({ allianceName, allianceUrl }) => ({
      subject: `Sie gehören nun zum Sekretariat der ${allianceName}`,
      body: [
        paragraph(
          `Sie wurden in Concord in das Sekretariat der ${allianceName} berufen: Sie prüfen Unterzeichnungen und ` +
            'Zusagen, führen Berichtskampagnen durch und ändern die Einstellungen und die Erklärung der Allianz.',
        ),
        action('Allianz öffnen', allianceUrl),
        paragraph(
          'Melden Sie sich mit dieser E-Mail-Adresse an, wenn Sie danach gefragt werden: Concord sendet Ihnen einen Einmal-Link.',
        ),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail, weil ein Mitglied des Sekretariats der ${allianceName} oder eine Plattformadministration Sie berufen hat.`,
        ),
      ],
    }),

    'chair-appointed': ({ allianceName, workingGroupName, organisationName, role, workingGroupUrl }) => ({
      subject: `Sie haben nun den ${role === 'chair' ? 'Vorsitz' : 'Ko-Vorsitz'} der Arbeitsgruppe ${workingGroupName}`,
      body: [
        paragraph(
          `Das Sekretariat der ${allianceName} hat Sie für ${organisationName} zum ` +
            `${role === 'chair' ? 'Vorsitz' : 'Ko-Vorsitz'} der Arbeitsgruppe ${workingGroupName} ernannt. Sie leiten ` +
            'ihre Sitzungen, moderieren die Kommentare zu ihren Protokollen, prüfen ihre Zusagen und verfolgen ihre ' +
            'Vereinbarungen; Ihr Name steht auf der Seite der Gruppe.',
        ),
        action('Arbeitsgruppe öffnen', workingGroupUrl),
      ],
      footer: [paragraph(`Sie erhalten diese E-Mail, weil das Sekretariat der ${allianceName} Sie ernannt hat.`)],
    }),

    'steering-committee-appointed': ({ allianceName, organisationName, role, committeeUrl }) => ({
      subject: `Sie sind nun ${role === 'chair' ? 'Vorsitz' : 'Mitglied'} des Lenkungsausschusses der ${allianceName}`,
      body: [
        paragraph(
          `Das Sekretariat der ${allianceName} hat Sie für ${organisationName} ` +
            `${role === 'chair' ? 'zum Vorsitz' : 'zum Mitglied'} seines Lenkungsausschusses ernannt. Ihr Name und ` +
            'Ihre Organisation stehen auf der öffentlichen Seite des Ausschusses.',
        ),
        action('Lenkungsausschuss ansehen', committeeUrl),
      ],
      footer: [paragraph(`Sie erhalten diese E-Mail, weil das Sekretariat der ${allianceName} Sie ernannt hat.`)],
    }),

    'register-invitation': ({ allianceName, organisationNames, allianceUrl, signInUrl }) => ({
      subject: `Die ${allianceName} führt ihr Register jetzt in Concord`,
      body: [
        paragraph(
          `Das Sekretariat der ${allianceName} hat sein Register der Unterzeichner, Zusagen und Fortschrittsberichte ` +
            `nach Concord übernommen. Sie sind darin als Vertretung von ${names('de', organisationNames)} eingetragen.`,
        ),
        paragraph(
          'Melden Sie sich mit dieser E-Mail-Adresse an, um zu sehen, was das Register über Ihre Organisation enthält, ' +
            'es zu berichtigen und künftig Fortschritte zu melden. Concord sendet Ihnen einen Einmal-Link: Es gibt kein Passwort.',
        ),
        action('Bei Concord anmelden', signInUrl),
        link('Die Allianz in Concord', allianceUrl),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail einmalig, weil das Sekretariat der ${allianceName} sein Register mit dieser Adresse nach Concord übernommen hat.`,
        ),
      ],
    }),

    'resign-invitation': ({ allianceName, version, title, organisationNames, resignUrl, declarationUrl }) => ({
      subject: `Fassung ${version} der Erklärung der ${allianceName}: erneut unterzeichnen`,
      body: [
        paragraph(
          `Das Sekretariat der ${allianceName} hat Fassung ${version} seiner Erklärung veröffentlicht, „${title}“. ` +
            `${names('de', organisationNames)} ${organisationNames.length > 1 ? 'haben' : 'hat'} eine frühere Fassung unterzeichnet, die erhalten bleibt.`,
        ),
        paragraph(
          'Um Unterzeichner der geltenden Erklärung zu bleiben, lesen Sie den neuen Text und unterzeichnen Sie ihn: ein ' +
            'Formular auf Ihrer Kontoseite, ohne erneute Prüfung. Ein neues Zertifikat folgt.',
        ),
        action(`Fassung ${version} unterzeichnen`, resignUrl),
        link(`Fassung ${version} lesen`, declarationUrl),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail einmal je Fassung, als Vertretung einer Organisation, die die Erklärung der ${allianceName} unterzeichnet hat.`,
        ),
      ],
    }),

    'signature-confirmation': ({ organisationName, allianceName, confirmUrl, expiresInHours }) => ({
      subject: `Bestätigen Sie die Unterzeichnung durch ${organisationName} für ${allianceName}`,
      body: [
        paragraph(
          `Sie haben die Erklärung von ${allianceName} im Namen von ${organisationName} unterzeichnet. ` +
            'Bitte bestätigen Sie Ihre E-Mail-Adresse, damit das Sekretariat die Unterzeichnung prüfen kann.',
        ),
        action('Unterzeichnung bestätigen', confirmUrl),
        paragraph(`Der Link läuft in ${hours(expiresInHours)} ab.`),
        paragraph(
          'Falls Sie nicht unterzeichnet haben, ignorieren Sie diese E-Mail: Ohne Bestätigung wird die ' +
            'Unterzeichnung nicht weiterbearbeitet.',
        ),
      ],
      footer: [
        paragraph(
          'Sie erhalten diese E-Mail, weil diese Adresse für die Vertretung einer Organisation angegeben wurde, ' +
            'die eine Erklärung unterzeichnet.',
        ),
      ],
    }),

    'signature-approved': ({ organisationName, allianceName, certificateUrl, verificationUrl, renewedVersion }) => ({
      subject: renewedVersion
        ? `${organisationName} hat Fassung ${renewedVersion} der Erklärung der ${allianceName} unterzeichnet`
        : `${organisationName} ist jetzt Unterzeichner von ${allianceName}`,
      body: [
        paragraph(
          renewedVersion
            ? `${organisationName} hat Fassung ${renewedVersion} der Erklärung unterzeichnet. Das öffentliche Register ` +
                `der ${allianceName} führt die Organisation jetzt mit dieser Fassung.`
            : `Das Sekretariat hat die Unterzeichnung durch ${organisationName} geprüft. ` +
                `Die Organisation wird jetzt öffentlich unter den Unterzeichnern von ${allianceName} geführt.`,
        ),
        action('Unterzeichnungszertifikat herunterladen', certificateUrl),
        paragraph('Jede und jeder kann eine Kopie des Zertifikats mit dem öffentlichen Register abgleichen:'),
        link('Zertifikat prüfen', verificationUrl),
      ],
      footer: [asRepresentative(organisationName)],
    }),

    'signature-rejected': ({ organisationName, allianceName, reason }) => ({
      subject: `Die Unterzeichnung durch ${organisationName} für ${allianceName} wurde nicht angenommen`,
      body: [
        paragraph(
          `Das Sekretariat von ${allianceName} hat die Unterzeichnung durch ${organisationName} geprüft ` +
            'und konnte sie aus folgendem Grund nicht annehmen:',
        ),
        quote(reason),
        paragraph(
          'Wenn Sie dies für einen Irrtum halten, wenden Sie sich an das Sekretariat. Sie können erneut ' +
            'unterzeichnen, sobald der Grund nicht mehr zutrifft.',
        ),
      ],
      footer: [asRepresentative(organisationName)],
    }),

    'signature-withdrawn': ({ organisationName, allianceName, reason }) => ({
      subject: `Die Unterzeichnung durch ${organisationName} für ${allianceName} wurde zurückgezogen`,
      body: [
        paragraph(
          `Die Unterzeichnung der Erklärung von ${allianceName} durch ${organisationName} wurde zurückgezogen. ` +
            'Die Organisation erscheint nicht mehr unter den aktiven Unterzeichnern; der Verlauf ihrer ' +
            'Unterzeichnung bleibt öffentlich.',
        ),
        ...(reason === null ? [] : [paragraph('Der angegebene Grund:'), quote(reason)]),
        paragraph('Wenn Sie das nicht erwartet haben, wenden Sie sich an das Sekretariat.'),
      ],
      footer: [asRepresentative(organisationName)],
    }),

    'signature-to-review': ({ organisationName, allianceName, reviewUrl, unsubscribeUrl }) => ({
      subject: `Unterzeichnung zu prüfen: ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          `${organisationName} hat die Erklärung von ${allianceName} unterzeichnet und die E-Mail-Adresse bestätigt. ` +
            'Die Unterzeichnung wartet auf Ihre Prüfung.',
        ),
        action('Unterzeichnung prüfen', reviewUrl),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail, weil Sie für das Sekretariat von ${allianceName} Unterzeichnungen prüfen.`,
        ),
        link('Diese E-Mails abbestellen', unsubscribeUrl),
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
      subject: `${isAmendment ? 'Änderung einer Zusage' : 'Zusage'} zu prüfen: ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          isAmendment
            ? `${organisationName} beantragt eine Änderung der Zusage: Mit Version ${pledge.version} würde sich die Organisation verpflichten, ${commitment(pledge)}. ` +
                'Bis Sie die Änderung annehmen, bleibt die Zusage in der zuvor angenommenen Fassung in Kraft.'
            : `${organisationName} hat die Zusage eingereicht, ${commitment(pledge)}.`,
        ),
        paragraph(
          workingGroupName === null
            ? 'Die Zusage ist keiner Arbeitsgruppe zugeordnet; deshalb prüft sie das Sekretariat.'
            : `Sie gehört zur Arbeitsgruppe ${workingGroupName}, deren Vorsitz sie prüft.`,
        ),
        action('Zusage prüfen', reviewUrl),
      ],
      footer: [
        paragraph(
          workingGroupName === null
            ? `Sie erhalten diese E-Mail, weil Sie für das Sekretariat von ${allianceName} Zusagen prüfen.`
            : `Sie erhalten diese E-Mail, weil Ihre Organisation den Vorsitz der Arbeitsgruppe ${workingGroupName} führt.`,
        ),
        link('Diese E-Mails abbestellen', unsubscribeUrl),
      ],
    }),

    'pledge-decided': ({ organisationName, allianceName, decision, comment, pledge, isAmendment, pledgeUrl }) => {
      const what = isAmendment
        ? `Die Änderung der Zusage von ${organisationName} (Version ${pledge.version})`
        : `Die Zusage von ${organisationName}`;
      const subject = {
        accepted: `${isAmendment ? 'Änderung der Zusage' : 'Zusage'} angenommen: ${organisationName} (${allianceName})`,
        changes_requested: `Änderungen an der Zusage von ${organisationName} erbeten (${allianceName})`,
        rejected: `${isAmendment ? 'Änderung der Zusage' : 'Zusage'} nicht angenommen: ${organisationName} (${allianceName})`,
      }[decision];
      const outcome = {
        accepted: isAmendment
          ? 'wurde angenommen. Ihre Zahlen gelten jetzt und zählen im öffentlichen Register und in den Summen.'
          : 'wurde angenommen. Sie erscheint jetzt im öffentlichen Register und zählt in den Summen.',
        changes_requested: isAmendment
          ? 'muss geändert werden, bevor sie angenommen werden kann; bis dahin bleibt die Zusage in der zuvor ' +
            'angenommenen Fassung in Kraft. Ändern Sie den Antrag und reichen Sie ihn erneut ein.'
          : 'muss geändert werden, bevor sie angenommen werden kann. Ändern Sie sie und reichen Sie sie erneut ein.',
        rejected: isAmendment
          ? 'wurde nicht angenommen. Die Zusage bleibt in der zuvor angenommenen Fassung in Kraft.'
          : 'wurde nicht angenommen.',
      }[decision];
      return {
        subject,
        body: [
          paragraph(`${what}, ${commitment(pledge)}, ${outcome}`),
          ...(comment === null ? [] : [paragraph('Der Kommentar der prüfenden Stelle:'), quote(comment)]),
          action('Zusage öffnen', pledgeUrl),
        ],
        footer: [asRepresentative(organisationName)],
      };
    },

    'pledge-withdrawn': ({ organisationName, allianceName, pledge, reason, pledgeUrl }) => ({
      subject: `Die Zusage von ${organisationName} für ${allianceName} wurde zurückgezogen`,
      body: [
        paragraph(
          `Die Zusage von ${organisationName}, ${commitment(pledge)}, wurde zurückgezogen. ` +
            'Sie zählt in keiner Summe mehr; ihr Verlauf bleibt öffentlich.',
        ),
        paragraph('Der angegebene Grund:'),
        quote(reason),
        action('Zusage öffnen', pledgeUrl),
        paragraph('Wenn Sie das nicht erwartet haben, wenden Sie sich an das Sekretariat.'),
      ],
      footer: [asRepresentative(organisationName)],
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
      subject: `Fortschrittsbericht ${year} fällig am ${longDate(deadline)}: ${organisationName}`,
      body: [
        paragraph(
          `${allianceName} erfasst, was jede Zusage im Jahr ${year} erreicht hat. ` +
            `${organisationName} hat über ${theseMissing(missingPledges)} noch nicht berichtet:`,
        ),
        ...missingList(missingPledges),
        paragraph(`Die Frist endet am ${longDate(deadline)}, in ${days(daysLeft)}.`),
        action('Fortschritt berichten', reportUrl),
        paragraph(
          'Berichten Sie das Erreichte, auch wenn es null ist: Eine Organisation, die die Frist versäumt, wird ' +
            'öffentlich als nicht berichtend geführt.',
        ),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail als Vertreterin oder Vertreter von ${organisationName}, ` +
            `einer Organisation mit Zusagen bei ${allianceName}.`,
        ),
      ],
    }),

    'progress-report-overdue': ({ organisationName, allianceName, year, deadline, missingPledges, reportUrl }) => ({
      subject: `Fortschrittsbericht ${year} überfällig: ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          `Die Frist für den Fortschrittsbericht ${year} endete am ${longDate(deadline)}. ` +
            `${organisationName} hat über ${theseMissing(missingPledges)} noch immer nicht berichtet:`,
        ),
        ...missingList(missingPledges),
        paragraph(
          'Bis zum Bericht wird die Organisation öffentlich als nicht berichtend geführt, nach einer zweiten ' +
            'versäumten Frist als inaktiv. Ein verspäteter Bericht zählt trotzdem: Berichten Sie jetzt, und der ' +
            'Status wird wiederhergestellt.',
        ),
        action('Fortschritt berichten', reportUrl),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail als Vertreterin oder Vertreter von ${organisationName}, ` +
            `einer Organisation mit Zusagen bei ${allianceName}.`,
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
          ? `Fortschrittsberichte ${year} geschlossen: ${allianceName}`
          : change === 'reopened'
            ? `Fortschrittsberichte ${year} wieder offen bis ${longDate(date)}: ${allianceName}`
            : `Fortschrittsberichte ${year}: neue Frist ${longDate(date)} (${allianceName})`,
      body: [
        paragraph(
          change === 'closed'
            ? `Das Sekretariat von ${allianceName} hat die Berichterstattung für ${year} geschlossen: Seit dem ${longDate(date)} nimmt sie keine Berichte mehr an, auch keine verspäteten.`
            : change === 'reopened'
              ? `Das Sekretariat von ${allianceName} hat die Berichterstattung für ${year} wieder geöffnet: Sie nimmt Berichte bis zum ${longDate(date)} an.`
              : `Das Sekretariat von ${allianceName} hat die Frist für die Fortschrittsberichte ${year} vom ${longDate(previousDeadline)} auf den ${longDate(date)} verschoben.`,
        ),
        paragraph(
          change === 'closed'
            ? `${names('de', organisationNames)} hatte nicht über jede Zusage für ${year} berichtet: Die Zahlen dieses Jahres gelten ohne diese Berichte, und die Organisation wird öffentlich als nicht berichtend geführt.`
            : `${names('de', organisationNames)} hat noch nicht über jede Zusage für ${year} berichtet. Berichten Sie das Erreichte, auch wenn es null ist.`,
        ),
        ...(change === 'closed' ? [link('Ihre Berichte', reportUrl)] : [action('Fortschritt berichten', reportUrl)]),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail einmal je Änderung der Fristen, als Vertreterin oder Vertreter einer Organisation mit Zusagen bei ${allianceName}.`,
        ),
      ],
    }),

    'progress-report-queried': ({ organisationName, allianceName, year, pledge, question, isReopened, reportUrl }) => ({
      subject: isReopened
        ? `Fortschrittsbericht wieder geöffnet: ${organisationName}, ${year} (${allianceName})`
        : `Frage zum Fortschrittsbericht ${year} von ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          isReopened
            ? `Das Sekretariat von ${allianceName} hat den validierten Fortschrittsbericht ${year} von ${organisationName} ` +
                `zur Zusage, ${commitment(pledge)}, wieder geöffnet. Bis er erneut validiert ist, zählt er nicht zu ` +
                'den erreichten Zahlen. Der Grund:'
            : `Das Sekretariat von ${allianceName} hat eine Frage zum Fortschrittsbericht ${year} von ${organisationName} ` +
                `zur Zusage, ${commitment(pledge)}:`,
        ),
        quote(question),
        paragraph(
          'Beantworten Sie sie und korrigieren Sie die Zahl, falls nötig; danach wartet der Bericht erneut auf Validierung.',
        ),
        action('Frage beantworten', reportUrl),
      ],
      footer: [asRepresentative(organisationName)],
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
      subject: `Antwort zu prüfen: ${organisationName}, Fortschrittsbericht ${year} (${allianceName})`,
      body: [
        paragraph(
          `${organisationName} hat die Frage zum Fortschrittsbericht ${year} beantwortet, ` +
            `zur Zusage, ${commitment(pledge)}:`,
        ),
        quote(answer),
        paragraph(
          isRevised
            ? `Die Zahl wurde korrigiert: ${tonnes(tonnesAchieved)} erreicht. Die frühere Zahl bleibt in den Revisionen des Berichts erhalten.`
            : `Die Zahl ist unverändert: ${tonnes(tonnesAchieved)} erreicht.`,
        ),
        paragraph('Der Bericht wartet erneut auf Validierung.'),
        action('Bericht prüfen', reviewUrl),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail, weil Sie für das Sekretariat von ${allianceName} Fortschrittsberichte validieren.`,
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
      const host = workingGroupName ? `der Arbeitsgruppe ${workingGroupName}` : `von ${allianceName}`;
      const where = [
        ...(place ? [paragraph(`Ort: ${place}`)] : []),
        ...(onlineUrl ? [link('Online teilnehmen', onlineUrl)] : []),
      ];
      const lead = {
        new: `Sie sind zu einer Sitzung ${host} eingeladen.`,
        changed: `Eine Sitzung ${host} wurde geändert; der beigefügte Kalendereintrag ersetzt den früheren.`,
        cancelled: `Eine Sitzung ${host} wurde abgesagt.`,
      }[change];
      return {
        subject: `${change === 'cancelled' ? 'Abgesagt' : change === 'changed' ? 'Geändert' : 'Einladung'}: ${title}`,
        body: [
          paragraph(lead),
          paragraph(`${title}: ${when} (${timeZone}).`),
          ...(change === 'cancelled' && cancellationReason
            ? [paragraph('Angegebener Grund:'), quote(cancellationReason)]
            : []),
          ...(change === 'cancelled' ? [] : [paragraph(`Die Frage: ${purpose}`), ...where]),
          action('Sitzung öffnen', meetingUrl),
        ],
        footer: [paragraph(`Sie erhalten diese E-Mail als Vertreter eines Mitglieds ${host}.`)],
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
      subject: `Aufgabe fällig am ${longDate(deadline)}: ${title}`,
      body: [
        paragraph(
          `${organisationName} hat diese Aufgabe ${workingGroupName ? `in der Arbeitsgruppe ${workingGroupName} der ` : 'für die '}${allianceName} übernommen:`,
        ),
        quote(title),
        paragraph(`Die Frist endet am ${longDate(deadline)}, in ${days(daysLeft)}.`),
        action('Fortschritt melden', commitmentUrl),
        paragraph('Eine kurze Notiz genügt: was erledigt ist, was bleibt. Alle, die der Gruppe folgen, lesen sie.'),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail als Vertreterin oder Vertreter von ${organisationName}, die diese Aufgabe übernommen hat.`,
        ),
      ],
    }),

    'commitment-late': ({ organisationName, allianceName, workingGroupName, title, deadline, commitmentUrl }) => ({
      subject: `Aufgabe überfällig: ${title}`,
      body: [
        paragraph(
          `Die Frist dieser Aufgabe von ${organisationName} ${workingGroupName ? `in der Arbeitsgruppe ${workingGroupName} der ` : 'für die '}${allianceName} endete am ${longDate(deadline)}:`,
        ),
        quote(title),
        paragraph(
          'Sie wird jetzt öffentlich als überfällig gezeigt. Melden Sie sie als erledigt, falls sie es ist, oder als aufgegeben mit dem Grund; der Vorsitz kann die Frist verschieben.',
        ),
        action('Fortschritt melden', commitmentUrl),
      ],
      footer: [
        paragraph(
          `Sie erhalten diese E-Mail als Vertreterin oder Vertreter von ${organisationName}, die diese Aufgabe übernommen hat.`,
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
      subject: `Kommentar zu moderieren: ${meetingTitle}`,
      body: [
        paragraph(
          decisionText
            ? `Jemand hat diesen Beschluss der Sitzung „${meetingTitle}“ kommentiert:`
            : `Jemand hat das Protokoll der Sitzung „${meetingTitle}“ kommentiert.`,
        ),
        ...(decisionText ? [quote(decisionText)] : []),
        paragraph('Der Kommentar:'),
        quote(text),
        paragraph(
          'Niemand sonst sieht ihn, bis Sie ihn veröffentlichen, öffentlich beantworten oder mit Begründung ausblenden.',
        ),
        action('Kommentare moderieren', moderationUrl),
      ],
      footer: [
        paragraph(
          workingGroupName
            ? `Sie erhalten diese E-Mail als Vorsitz der Arbeitsgruppe ${workingGroupName} der ${allianceName}.`
            : `Sie erhalten diese E-Mail als Mitglied des Sekretariats der ${allianceName}.`,
        ),
      ],
    }),

    'meeting-comment-answered': ({ allianceName, meetingTitle, decisionText, text, answer, commentUrl }) => ({
      subject: `Antwort auf Ihren Kommentar: ${meetingTitle}`,
      body: [
        paragraph(
          decisionText
            ? `Sie haben einen Beschluss der Sitzung „${meetingTitle}“ der ${allianceName} kommentiert:`
            : `Sie haben das Protokoll der Sitzung „${meetingTitle}“ der ${allianceName} kommentiert:`,
        ),
        quote(text),
        paragraph('Der Vorsitz hat öffentlich geantwortet:'),
        quote(answer),
        action('Auf der Seite der Sitzung lesen', commentUrl),
      ],
      footer: [paragraph('Sie erhalten diese E-Mail, weil Sie diesen Kommentar geschrieben haben.')],
    }),
    announcement: ({ allianceName, title, body, announcementUrl, unsubscribeUrl }) => ({
      subject: `Mitteilung: ${title}`,
      body: [
        paragraph(`Das Sekretariat der ${allianceName} schreibt:`),
        paragraph(title),
        markdown(body),
        link('Auf der Seite der Allianz lesen', announcementUrl),
      ],
      footer: [
        paragraph(`Sie erhalten diese E-Mail, weil Sie einen Unterzeichner der ${allianceName} vertreten.`),
        link('Keine Mitteilungen mehr erhalten', unsubscribeUrl),
      ],
    }),

    digest: ({ frequency, periodStart, entries, unsubscribeUrl }) => ({
      subject: `${frequency === 'daily' ? 'Ihre tägliche Zusammenfassung' : 'Ihre wöchentliche Zusammenfassung'}: ${entries.length === 1 ? '1 Eintrag' : `${entries.length} Einträge`}`,
      body: [
        paragraph(
          frequency === 'daily'
            ? `Was am ${longDate(periodStart)} für Sie eingegangen ist (und was noch keine Zusammenfassung genannt hat):`
            : `Was in der Woche ab dem ${longDate(periodStart)} für Sie eingegangen ist (und was noch keine Zusammenfassung genannt hat):`,
        ),
        ...digestLinks(de, entries),
      ],
      footer: [
        paragraph(
          'Sie erhalten diese Zusammenfassung, weil Sie sie auf Ihrer Kontoseite statt einzelner E-Mails gewählt haben.',
        ),
        link('Diese Zusammenfassungen abbestellen', unsubscribeUrl),
      ],
    }),
  },
};

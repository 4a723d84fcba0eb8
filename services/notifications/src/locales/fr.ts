import { digestLinks } from '../digest-content.ts';
import { action, type EmailCatalogue, link, markdown, paragraph, quote } from '../email-content.ts';
import type { PledgeSummary } from '../email-template.ts';
import { longDateIn, names, plural, tonnesIn } from './format.ts';

const minutes = (n: number) => plural('fr', n, { one: 'minute', other: 'minutes' });
const hours = (n: number) => plural('fr', n, { one: 'heure', other: 'heures' });
const days = (n: number) => plural('fr', n, { one: 'jour', other: 'jours' });
const tonnes = (decimal: string) => tonnesIn('fr', decimal);
const longDate = (date: string) => longDateIn('fr', date);

/** « de PET recyclé », « d'autres plastiques recyclés » */
const material = (polymer: string) => (polymer === 'OTHER' ? 'd’autres plastiques recyclés' : `de ${polymer} recyclé`);

/** « de fournir 12 500,5 t de PET recyclé par an d'ici 2025 » */
function commitment(pledge: PledgeSummary): string {
  const verb = pledge.kind === 'supply' ? 'de fournir' : 'd’utiliser';
  return `${verb} ${tonnes(pledge.tonnesPerYear)} ${material(pledge.polymer)} par an d’ici ${pledge.targetYear}`;
}

function missingList(pledges: readonly PledgeSummary[]) {
  const shown = pledges.slice(0, 10).map((p) => paragraph(`- l’engagement ${commitment(p)}`));
  const more = pledges.length - shown.length;
  return more > 0 ? [...shown, paragraph(`- et ${more} autre${more > 1 ? 's' : ''}`)] : shown;
}

/** « de l'engagement suivant », « des 3 engagements suivants » */
const ofTheseMissing = (pledges: readonly PledgeSummary[]) =>
  pledges.length === 1 ? 'de l’engagement suivant' : `des ${pledges.length} engagements suivants`;

const asRepresentative = (organisationName: string) =>
  paragraph(`Vous recevez cet e-mail en tant que représentant ou représentante de ${organisationName}.`);

export const fr: EmailCatalogue = {
  locale: 'fr',
  actionFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  templates: {
    'login-link': ({ url, expiresInMinutes }) => ({
      subject: 'Votre lien de connexion',
      body: [
        paragraph('Utilisez le lien ci-dessous pour vous connecter.'),
        action('Se connecter', url),
        paragraph(`Le lien ne sert qu’une fois et expire dans ${minutes(expiresInMinutes)}.`),
        paragraph('Si vous ne l’avez pas demandé, ignorez cet e-mail : personne ne peut se connecter sans ce lien.'),
      ],
      footer: [paragraph('Vous recevez cet e-mail parce que cette adresse a été saisie sur la page de connexion.')],
    }),

    'representative-invitation': ({ organisationName, inviterName, url, expiresInDays }) => ({
      subject: `${inviterName || 'Un collègue'} vous invite à représenter ${organisationName}`,
      body: [
        paragraph(
          `${inviterName || 'Un collègue'} vous invite à représenter ${organisationName} à ses côtés dans Concord : ` +
            'signer des déclarations, prendre des engagements et rendre compte des progrès en son nom.',
        ),
        action('Accepter l’invitation', url),
        paragraph(`Le lien vous connecte, ne sert qu’une fois et expire dans ${days(expiresInDays)}.`),
        paragraph('Si vous ne connaissez pas cette organisation, ignorez cet e-mail : rien ne se passe sans le lien.'),
      ],
      footer: [
        paragraph(`Vous recevez cet e-mail parce qu’un représentant de ${organisationName} a saisi cette adresse.`),
      ],
    }),

    'secretariat-appointed': ({ allianceName, allianceUrl }) => ({
      subject: `Vous faites désormais partie du secrétariat de ${allianceName}`,
      body: [
        paragraph(
          `Vous avez été nommé au secrétariat de ${allianceName} dans Concord : vous examinez les signatures et les ` +
            'engagements, menez les campagnes de rapport et modifiez les paramètres et la déclaration de l’alliance.',
        ),
        action('Ouvrir l’alliance', allianceUrl),
        paragraph(
          'Connectez-vous avec cette adresse e-mail lorsque cela vous est demandé : Concord vous envoie un lien à usage unique.',
        ),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail parce qu’un membre du secrétariat de ${allianceName} ou un administrateur de la plateforme vous a nommé.`,
        ),
      ],
    }),

    'chair-appointed': ({ allianceName, workingGroupName, organisationName, role, workingGroupUrl }) => ({
      subject: `Vous êtes désormais ${role === 'chair' ? 'président' : 'coprésident'} du groupe de travail ${workingGroupName}`,
      body: [
        paragraph(
          `Le secrétariat de ${allianceName} vous a nommé ${role === 'chair' ? 'président' : 'coprésident'} du ` +
            `groupe de travail ${workingGroupName} pour ${organisationName}. Vous animez ses réunions, modérez les ` +
            'commentaires sur ses procès-verbaux, examinez ses engagements chiffrés et suivez ses actions ; votre nom ' +
            'figure sur la page du groupe.',
        ),
        action('Ouvrir le groupe de travail', workingGroupUrl),
      ],
      footer: [paragraph(`Vous recevez cet e-mail parce que le secrétariat de ${allianceName} vous a nommé.`)],
    }),

    'steering-committee-appointed': ({ allianceName, organisationName, role, committeeUrl }) => ({
      subject: `Vous êtes désormais ${role === 'chair' ? 'président' : 'membre'} du comité de pilotage de ${allianceName}`,
      body: [
        paragraph(
          `Le secrétariat de ${allianceName} vous a nommé ${role === 'chair' ? 'président' : 'membre'} de son comité ` +
            `de pilotage, au titre de ${organisationName}. Votre nom et votre organisation figurent sur la page ` +
            'publique du comité.',
        ),
        action('Voir le comité de pilotage', committeeUrl),
      ],
      footer: [paragraph(`Vous recevez cet e-mail parce que le secrétariat de ${allianceName} vous a nommé.`)],
    }),

    'register-invitation': ({ allianceName, organisationNames, allianceUrl, signInUrl }) => ({
      subject: `${allianceName} tient désormais son registre dans Concord`,
      body: [
        paragraph(
          `Le secrétariat de ${allianceName} a transféré dans Concord son registre des signataires, des engagements et ` +
            `des rapports d’avancement. Vous y figurez comme représentant de ${names('fr', organisationNames)}.`,
        ),
        paragraph(
          'Connectez-vous avec cette adresse e-mail pour voir ce que le registre indique sur votre organisation, le ' +
            'corriger et rendre compte de vos avancées à l’avenir. Concord vous envoie un lien à usage unique : il n’y a pas de mot de passe.',
        ),
        action('Se connecter à Concord', signInUrl),
        link('L’alliance dans Concord', allianceUrl),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail une seule fois, parce que le secrétariat de ${allianceName} a repris son registre dans Concord avec cette adresse.`,
        ),
      ],
    }),

    'resign-invitation': ({ allianceName, version, title, organisationNames, resignUrl, declarationUrl }) => ({
      subject: `Version ${version} de la déclaration de ${allianceName} : signez-la à nouveau`,
      body: [
        paragraph(
          `Le secrétariat de ${allianceName} a publié la version ${version} de sa déclaration, « ${title} ». ` +
            `${names('fr', organisationNames)} ${organisationNames.length > 1 ? 'ont' : 'a'} signé une version antérieure, qui reste enregistrée.`,
        ),
        paragraph(
          'Pour rester signataire de la déclaration en vigueur, lisez le nouveau texte et signez-le : un seul formulaire ' +
            'sur la page de votre compte, sans nouvel examen. Un nouveau certificat suit.',
        ),
        action(`Signer la version ${version}`, resignUrl),
        link(`Lire la version ${version}`, declarationUrl),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail une fois par version, comme représentant d’une organisation signataire de la déclaration de ${allianceName}.`,
        ),
      ],
    }),

    'signature-confirmation': ({ organisationName, allianceName, confirmUrl, expiresInHours }) => ({
      subject: `Confirmez la signature de ${organisationName} pour ${allianceName}`,
      body: [
        paragraph(
          `Vous avez signé la déclaration de ${allianceName} au nom de ${organisationName}. ` +
            'Veuillez confirmer votre adresse e-mail afin que le secrétariat puisse examiner la signature.',
        ),
        action('Confirmer la signature', confirmUrl),
        paragraph(`Le lien expire dans ${hours(expiresInHours)}.`),
        paragraph(
          'Si vous n’avez pas signé, ignorez cet e-mail : sans confirmation, la signature n’ira pas plus loin.',
        ),
      ],
      footer: [
        paragraph(
          'Vous recevez cet e-mail parce que cette adresse a été indiquée pour le représentant d’une organisation ' +
            'qui signe une déclaration.',
        ),
      ],
    }),

    'signature-approved': ({ organisationName, allianceName, certificateUrl, verificationUrl, renewedVersion }) => ({
      subject: renewedVersion
        ? `${organisationName} a signé la version ${renewedVersion} de la déclaration de ${allianceName}`
        : `${organisationName} est désormais signataire de ${allianceName}`,
      body: [
        paragraph(
          renewedVersion
            ? `${organisationName} a signé la version ${renewedVersion} de la déclaration. Le registre public de ` +
                `${allianceName} l’indique désormais avec cette version.`
            : `Le secrétariat a vérifié la signature de ${organisationName}. ` +
                `L’organisation figure désormais publiquement parmi les signataires de ${allianceName}.`,
        ),
        action('Télécharger le certificat de signature', certificateUrl),
        paragraph('Chacun peut vérifier une copie du certificat dans le registre public :'),
        link('Vérifier le certificat', verificationUrl),
      ],
      footer: [asRepresentative(organisationName)],
    }),

    'signature-rejected': ({ organisationName, allianceName, reason }) => ({
      subject: `La signature de ${organisationName} pour ${allianceName} n’a pas été acceptée`,
      body: [
        paragraph(
          `Le secrétariat de ${allianceName} a examiné la signature de ${organisationName} ` +
            'et n’a pas pu l’accepter, pour la raison suivante :',
        ),
        quote(reason),
        paragraph(
          'Si vous pensez qu’il s’agit d’une erreur, contactez le secrétariat. Vous pourrez signer à nouveau dès que ' +
            'cette raison ne s’appliquera plus.',
        ),
      ],
      footer: [asRepresentative(organisationName)],
    }),

    'signature-withdrawn': ({ organisationName, allianceName, reason }) => ({
      subject: `La signature de ${organisationName} pour ${allianceName} a été retirée`,
      body: [
        paragraph(
          `La signature de la déclaration de ${allianceName} par ${organisationName} a été retirée. ` +
            'L’organisation ne figure plus parmi les signataires actifs ; l’historique de sa signature reste public.',
        ),
        ...(reason === null ? [] : [paragraph('La raison indiquée :'), quote(reason)]),
        paragraph('Si ce n’est pas ce que vous attendiez, contactez le secrétariat.'),
      ],
      footer: [asRepresentative(organisationName)],
    }),

    'signature-to-review': ({ organisationName, allianceName, reviewUrl, unsubscribeUrl }) => ({
      subject: `Signature à examiner : ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          `${organisationName} a signé la déclaration de ${allianceName} et confirmé son adresse e-mail. ` +
            'La signature attend votre examen.',
        ),
        action('Examiner la signature', reviewUrl),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail parce que vous examinez les signatures pour le secrétariat de ${allianceName}.`,
        ),
        link('Ne plus recevoir ces e-mails', unsubscribeUrl),
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
      subject: `${isAmendment ? 'Modification d’engagement' : 'Engagement'} à examiner : ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          isAmendment
            ? `${organisationName} demande à modifier son engagement : la version ${pledge.version} l’engagerait ${commitment(pledge)}. ` +
                'Tant que vous ne l’acceptez pas, l’engagement reste en vigueur tel qu’il avait été accepté.'
            : `${organisationName} a soumis un engagement ${commitment(pledge)}.`,
        ),
        paragraph(
          workingGroupName === null
            ? 'L’engagement ne relève d’aucun groupe de travail : c’est donc le secrétariat qui l’examine.'
            : `Il relève du groupe de travail ${workingGroupName}, dont la présidence l’examine.`,
        ),
        action('Examiner l’engagement', reviewUrl),
      ],
      footer: [
        paragraph(
          workingGroupName === null
            ? `Vous recevez cet e-mail parce que vous examinez les engagements pour le secrétariat de ${allianceName}.`
            : `Vous recevez cet e-mail parce que votre organisation préside le groupe de travail ${workingGroupName}.`,
        ),
        link('Ne plus recevoir ces e-mails', unsubscribeUrl),
      ],
    }),

    'pledge-decided': ({ organisationName, allianceName, decision, comment, pledge, isAmendment, pledgeUrl }) => {
      const what = isAmendment
        ? `La modification de l’engagement de ${organisationName} (version ${pledge.version})`
        : `L’engagement de ${organisationName}`;
      const subject = {
        accepted: `${isAmendment ? 'Modification d’engagement acceptée' : 'Engagement accepté'} : ${organisationName} (${allianceName})`,
        changes_requested: `Modifications demandées à l’engagement de ${organisationName} (${allianceName})`,
        rejected: `${isAmendment ? 'Modification d’engagement refusée' : 'Engagement refusé'} : ${organisationName} (${allianceName})`,
      }[decision];
      const outcome = {
        accepted: isAmendment
          ? 'a été acceptée. Ses chiffres sont désormais en vigueur et comptent dans le registre public et dans les totaux.'
          : 'a été accepté. Il figure désormais dans le registre public et compte dans les totaux.',
        changes_requested: isAmendment
          ? 'doit être modifiée avant de pouvoir être acceptée ; entre-temps, l’engagement reste en vigueur tel qu’il ' +
            'avait été accepté. Modifiez la demande et soumettez-la à nouveau.'
          : 'doit être modifié avant de pouvoir être accepté. Modifiez-le et soumettez-le à nouveau.',
        rejected: isAmendment
          ? 'n’a pas été acceptée. L’engagement reste en vigueur tel qu’il avait été accepté.'
          : 'n’a pas été accepté.',
      }[decision];
      return {
        subject,
        body: [
          paragraph(`${what}, ${commitment(pledge)}, ${outcome}`),
          ...(comment === null ? [] : [paragraph('Le commentaire de l’examinateur :'), quote(comment)]),
          action('Ouvrir l’engagement', pledgeUrl),
        ],
        footer: [asRepresentative(organisationName)],
      };
    },

    'pledge-withdrawn': ({ organisationName, allianceName, pledge, reason, pledgeUrl }) => ({
      subject: `L’engagement de ${organisationName} pour ${allianceName} a été retiré`,
      body: [
        paragraph(
          `L’engagement de ${organisationName} ${commitment(pledge)} a été retiré. ` +
            'Il ne compte plus dans aucun total ; son historique reste public.',
        ),
        paragraph('La raison indiquée :'),
        quote(reason),
        action('Ouvrir l’engagement', pledgeUrl),
        paragraph('Si ce n’est pas ce que vous attendiez, contactez le secrétariat.'),
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
      subject: `Rapport d’avancement ${year} attendu le ${longDate(deadline)} : ${organisationName}`,
      body: [
        paragraph(
          `${allianceName} recueille ce que chaque engagement a permis de réaliser en ${year}. ` +
            `${organisationName} n’a pas encore rendu compte ${ofTheseMissing(missingPledges)} :`,
        ),
        ...missingList(missingPledges),
        paragraph(`La date limite est le ${longDate(deadline)}, dans ${days(daysLeft)}.`),
        action('Rendre compte de l’avancement', reportUrl),
        paragraph(
          'Indiquez ce qui a été réalisé, même si c’est zéro : une organisation qui manque la date limite apparaît ' +
            'publiquement comme ne rendant pas compte.',
        ),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail en tant que représentant ou représentante de ${organisationName}, ` +
            `qui a pris des engagements dans ${allianceName}.`,
        ),
      ],
    }),

    'progress-report-overdue': ({ organisationName, allianceName, year, deadline, missingPledges, reportUrl }) => ({
      subject: `Rapport d’avancement ${year} en retard : ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          `La date limite pour rendre compte de l’avancement ${year} était le ${longDate(deadline)}. ` +
            `${organisationName} n’a toujours pas rendu compte ${ofTheseMissing(missingPledges)} :`,
        ),
        ...missingList(missingPledges),
        paragraph(
          'Tant qu’elle ne l’a pas fait, l’organisation apparaît publiquement comme ne rendant pas compte, puis comme ' +
            'inactive après une deuxième date limite manquée. Un rapport tardif compte encore : rendez compte ' +
            'maintenant et le statut se rétablit.',
        ),
        action('Rendre compte de l’avancement', reportUrl),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail en tant que représentant ou représentante de ${organisationName}, ` +
            `qui a pris des engagements dans ${allianceName}.`,
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
          ? `Rapports d’avancement ${year} clos : ${allianceName}`
          : change === 'reopened'
            ? `Rapports d’avancement ${year} rouverts jusqu’au ${longDate(date)} : ${allianceName}`
            : `Rapports d’avancement ${year} : nouvelle date limite le ${longDate(date)} (${allianceName})`,
      body: [
        paragraph(
          change === 'closed'
            ? `Le secrétariat de ${allianceName} a clos la campagne de rapports pour ${year} : depuis le ${longDate(date)}, elle n’accepte plus de rapports, même en retard.`
            : change === 'reopened'
              ? `Le secrétariat de ${allianceName} a rouvert la campagne de rapports pour ${year} : elle accepte à nouveau des rapports jusqu’au ${longDate(date)}.`
              : `Le secrétariat de ${allianceName} a reporté la date limite des rapports d’avancement pour ${year} du ${longDate(previousDeadline)} au ${longDate(date)}.`,
        ),
        paragraph(
          change === 'closed'
            ? `${names('fr', organisationNames)} n’avait pas rendu compte de chaque engagement pour ${year} : les chiffres de cette année sont définitifs sans ces rapports, et l’organisation apparaît publiquement comme ne rendant pas compte.`
            : `${names('fr', organisationNames)} n’a pas encore rendu compte de chaque engagement pour ${year}. Indiquez ce qui a été réalisé, même si c’est zéro.`,
        ),
        ...(change === 'closed'
          ? [link('Vos rapports', reportUrl)]
          : [action('Rendre compte de l’avancement', reportUrl)]),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail une fois par changement des dates de la campagne, comme représentant d’une organisation ayant des engagements auprès de ${allianceName}.`,
        ),
      ],
    }),

    'progress-report-queried': ({ organisationName, allianceName, year, pledge, question, isReopened, reportUrl }) => ({
      subject: isReopened
        ? `Rapport d’avancement rouvert : ${organisationName}, ${year} (${allianceName})`
        : `Question sur le rapport d’avancement ${year} de ${organisationName} (${allianceName})`,
      body: [
        paragraph(
          isReopened
            ? `Le secrétariat de ${allianceName} a rouvert le rapport d’avancement validé de ${organisationName} ` +
                `pour ${year}, sur l’engagement ${commitment(pledge)}. Tant qu’il n’est pas de nouveau validé, il ne ` +
                'compte pas dans les chiffres réalisés. La raison :'
            : `Le secrétariat de ${allianceName} a une question sur le rapport d’avancement de ${organisationName} ` +
                `pour ${year}, sur l’engagement ${commitment(pledge)} :`,
        ),
        quote(question),
        paragraph(
          'Répondez-y et corrigez le chiffre si nécessaire ; le rapport attend ensuite une nouvelle validation.',
        ),
        action('Répondre à la question', reportUrl),
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
      subject: `Réponse à examiner : ${organisationName}, rapport d’avancement ${year} (${allianceName})`,
      body: [
        paragraph(
          `${organisationName} a répondu à la question sur son rapport d’avancement ${year}, ` +
            `sur l’engagement ${commitment(pledge)} :`,
        ),
        quote(answer),
        paragraph(
          isRevised
            ? `Elle a corrigé le chiffre : ${tonnes(tonnesAchieved)} réalisées. Le chiffre précédent est conservé dans les révisions du rapport.`
            : `Le chiffre est inchangé : ${tonnes(tonnesAchieved)} réalisées.`,
        ),
        paragraph('Le rapport attend une nouvelle validation.'),
        action('Examiner le rapport', reviewUrl),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail parce que vous validez les rapports d’avancement pour le secrétariat de ${allianceName}.`,
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
      const host = workingGroupName ? `du groupe de travail ${workingGroupName}` : `de ${allianceName}`;
      const where = [
        ...(place ? [paragraph(`Lieu : ${place}`)] : []),
        ...(onlineUrl ? [link('Participer en ligne', onlineUrl)] : []),
      ];
      const lead = {
        new: `Vous êtes invité à une réunion ${host}.`,
        changed: `Une réunion ${host} a changé ; l’entrée d’agenda jointe remplace la précédente.`,
        cancelled: `Une réunion ${host} a été annulée.`,
      }[change];
      return {
        subject: `${change === 'cancelled' ? 'Annulée' : change === 'changed' ? 'Modifiée' : 'Invitation'} : ${title}`,
        body: [
          paragraph(lead),
          paragraph(`${title} : ${when} (${timeZone}).`),
          ...(change === 'cancelled' && cancellationReason
            ? [paragraph('Motif indiqué :'), quote(cancellationReason)]
            : []),
          ...(change === 'cancelled' ? [] : [paragraph(`La question : ${purpose}`), ...where]),
          action('Ouvrir la réunion', meetingUrl),
        ],
        footer: [paragraph(`Vous recevez cet e-mail en tant que représentant d’un membre ${host}.`)],
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
      subject: `Tâche à rendre le ${longDate(deadline)} : ${title}`,
      body: [
        paragraph(
          `${organisationName} s’est chargée de cette tâche ${workingGroupName ? `au sein du groupe de travail ${workingGroupName} de ` : 'pour '}${allianceName} :`,
        ),
        quote(title),
        paragraph(`La date limite est le ${longDate(deadline)}, dans ${days(daysLeft)}.`),
        action('Rendre compte de l’avancement', commitmentUrl),
        paragraph('Une courte note suffit : ce qui est fait, ce qui reste. Tous ceux qui suivent le groupe la lisent.'),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail en tant que représentant ou représentante de ${organisationName}, chargée de cette tâche.`,
        ),
      ],
    }),

    'commitment-late': ({ organisationName, allianceName, workingGroupName, title, deadline, commitmentUrl }) => ({
      subject: `Tâche en retard : ${title}`,
      body: [
        paragraph(
          `La date limite de cette tâche de ${organisationName} ${workingGroupName ? `au sein du groupe de travail ${workingGroupName} de ` : 'pour '}${allianceName} était le ${longDate(deadline)} :`,
        ),
        quote(title),
        paragraph(
          'Elle apparaît désormais publiquement comme en retard. Indiquez qu’elle est faite si c’est le cas, ou abandonnée avec la raison ; la présidence peut déplacer la date limite.',
        ),
        action('Rendre compte de l’avancement', commitmentUrl),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail en tant que représentant ou représentante de ${organisationName}, chargée de cette tâche.`,
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
      subject: `Commentaire à modérer : ${meetingTitle}`,
      body: [
        paragraph(
          decisionText
            ? `Quelqu’un a commenté cette décision de la réunion « ${meetingTitle} » :`
            : `Quelqu’un a commenté le compte rendu de la réunion « ${meetingTitle} ».`,
        ),
        ...(decisionText ? [quote(decisionText)] : []),
        paragraph('Le commentaire :'),
        quote(text),
        paragraph(
          'Personne d’autre ne le voit tant que vous ne l’avez pas publié, que vous n’y avez pas répondu publiquement ou que vous ne l’avez pas masqué en donnant la raison.',
        ),
        action('Modérer les commentaires', moderationUrl),
      ],
      footer: [
        paragraph(
          workingGroupName
            ? `Vous recevez cet e-mail en tant que membre de la présidence du groupe de travail ${workingGroupName} de ${allianceName}.`
            : `Vous recevez cet e-mail en tant que membre du secrétariat de ${allianceName}.`,
        ),
      ],
    }),

    'meeting-comment-answered': ({ allianceName, meetingTitle, decisionText, text, answer, commentUrl }) => ({
      subject: `Réponse à votre commentaire : ${meetingTitle}`,
      body: [
        paragraph(
          decisionText
            ? `Vous avez commenté une décision de la réunion « ${meetingTitle} » de ${allianceName} :`
            : `Vous avez commenté le compte rendu de la réunion « ${meetingTitle} » de ${allianceName} :`,
        ),
        quote(text),
        paragraph('La présidence vous a répondu publiquement :'),
        quote(answer),
        action('Lire la réponse sur la page de la réunion', commentUrl),
      ],
      footer: [paragraph('Vous recevez cet e-mail parce que vous avez écrit ce commentaire.')],
    }),
    announcement: ({ allianceName, title, body, announcementUrl, unsubscribeUrl }) => ({
      subject: `Annonce : ${title}`,
      body: [
        paragraph(`Le secrétariat de ${allianceName} vous écrit :`),
        paragraph(title),
        markdown(body),
        link('La lire sur la page de l’alliance', announcementUrl),
      ],
      footer: [
        paragraph(
          `Vous recevez cet e-mail en tant que représentant ou représentante d’un signataire de ${allianceName}.`,
        ),
        link('Ne plus recevoir les annonces', unsubscribeUrl),
      ],
    }),

    digest: ({ frequency, periodStart, entries, unsubscribeUrl }) => ({
      subject: `${frequency === 'daily' ? 'Votre résumé du jour' : 'Votre résumé de la semaine'} : ${entries.length === 1 ? '1 élément' : `${entries.length} éléments`}`,
      body: [
        paragraph(
          frequency === 'daily'
            ? `Ce qui vous est parvenu le ${longDate(periodStart)} (et ce qu’aucun résumé n’avait encore cité) :`
            : `Ce qui vous est parvenu dans la semaine du ${longDate(periodStart)} (et ce qu’aucun résumé n’avait encore cité) :`,
        ),
        ...digestLinks(fr, entries),
      ],
      footer: [
        paragraph(
          'Vous recevez ce résumé parce que vous l’avez choisi sur la page de votre compte, au lieu d’un e-mail par élément.',
        ),
        link('Ne plus recevoir ces résumés', unsubscribeUrl),
      ],
    }),
  },
};

import { action, type EmailCatalogue, link, paragraph, quote } from '../email-content.ts';

const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);
const hours = (n: number) => (n === 1 ? '1 hour' : `${n} hours`);

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

    'signature-approved': ({ organisationName, allianceName, certificateUrl, verificationUrl }) => ({
      subject: `${organisationName} is now a signatory of the ${allianceName}`,
      body: [
        paragraph(
          `The secretariat has verified the signature of ${organisationName}. ` +
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
  },
};

import type { Language } from './countries.ts';
import { LEGAL_FORMS } from './countries.ts';
import type { Random } from './random.ts';

/**
 * Invented names only. Organisation names are an invented stem ("Quenvarix") with a word of the trade in the
 * local language and a legal form; people get common first names with invented surnames. No real company,
 * association or person is meant.
 */

interface LanguageWords {
  /** Words of the trade that go with a company name: "Kunststoffe", "Plásticos", "Recykling". */
  trade: readonly string[];
  /** Whether the trade word comes first ("Plásticos Quenvarix") or last ("Quenvarix Kunststoffe"). */
  tradeFirst: boolean;
  male: readonly string[];
  female: readonly string[];
  /** Surname endings; a [male, female] pair where the language inflects surnames by gender. */
  surnameEndings: readonly (string | readonly [string, string])[];
}

const LANGUAGES: Readonly<Record<Language, LanguageWords>> = {
  de: {
    trade: ['Kunststoffe', 'Recycling', 'Verpackungen', 'Folienwerk', 'Kunststofftechnik', 'Wertstoffe', 'Compounds'],
    tradeFirst: false,
    male: ['Jonas', 'Matthias', 'Stefan', 'Lukas', 'Andreas', 'Jürgen'],
    female: ['Anna', 'Katrin', 'Julia', 'Sabine', 'Lena', 'Birgit'],
    surnameEndings: ['mann', 'berger', 'hoff', 'ler', 'feld', 'bäumer'],
  },
  nl: {
    trade: ['Kunststoffen', 'Recycling', 'Verpakkingen', 'Polymeren'],
    tradeFirst: false,
    male: ['Daan', 'Pieter', 'Joost', 'Bram', 'Willem'],
    female: ['Sanne', 'Eva', 'Marieke', 'Lotte', 'Femke'],
    surnameEndings: ['ink', 'sma', 'huis', 'hof', 'kamp'],
  },
  fr: {
    trade: ['Plasturgie', 'Emballages', 'Recyclage', 'Polymères', 'Matières Plastiques'],
    tradeFirst: true,
    male: ['Julien', 'Mathieu', 'François', 'Antoine', 'Olivier'],
    female: ['Camille', 'Hélène', 'Claire', 'Sophie', 'Élodie'],
    surnameEndings: ['ier', 'eau', 'ard', 'elle', 'ain'],
  },
  it: {
    trade: ['Plastica', 'Imballaggi', 'Riciclo', 'Polimeri', 'Materie Plastiche'],
    tradeFirst: true,
    male: ['Marco', 'Luca', 'Giovanni', 'Andrea', 'Paolo'],
    female: ['Giulia', 'Chiara', 'Francesca', 'Elena', 'Sara'],
    surnameEndings: ['ini', 'etti', 'oni', 'ardi', 'elli'],
  },
  es: {
    trade: ['Plásticos', 'Envases', 'Reciclaje', 'Polímeros'],
    tradeFirst: true,
    male: ['Javier', 'Carlos', 'Álvaro', 'Pablo', 'Miguel'],
    female: ['Lucía', 'María', 'Carmen', 'Laura', 'Marta'],
    surnameEndings: ['ez', 'ado', 'era', 'ón', 'ero'],
  },
  pt: {
    trade: ['Plásticos', 'Embalagens', 'Reciclagem', 'Polímeros'],
    tradeFirst: true,
    male: ['João', 'Tiago', 'Rui', 'Miguel'],
    female: ['Inês', 'Ana', 'Beatriz', 'Joana'],
    surnameEndings: ['eira', 'oso', 'ães', 'ado'],
  },
  pl: {
    trade: ['Recykling', 'Tworzywa', 'Opakowania', 'Przetwórstwo Tworzyw'],
    tradeFirst: false,
    male: ['Piotr', 'Tomasz', 'Paweł', 'Michał', 'Łukasz'],
    female: ['Katarzyna', 'Agnieszka', 'Magdalena', 'Joanna', 'Małgorzata'],
    surnameEndings: [
      ['ski', 'ska'],
      ['wicz', 'wicz'],
      ['czyk', 'czyk'],
      ['owski', 'owska'],
    ],
  },
  cs: {
    trade: ['Plasty', 'Recyklace', 'Obaly'],
    tradeFirst: false,
    male: ['Jan', 'Petr', 'Tomáš', 'Martin'],
    female: ['Jana', 'Lucie', 'Petra', 'Tereza'],
    surnameEndings: [
      ['ek', 'ková'],
      ['ák', 'áková'],
      ['ec', 'cová'],
    ],
  },
  sv: {
    trade: ['Plaståtervinning', 'Förpackningar', 'Polymer'],
    tradeFirst: false,
    male: ['Erik', 'Johan', 'Anders', 'Björn'],
    female: ['Karin', 'Sofia', 'Ingrid', 'Maja'],
    surnameEndings: ['sson', 'ström', 'lund', 'qvist'],
  },
  da: {
    trade: ['Genbrug', 'Emballage', 'Plast'],
    tradeFirst: false,
    male: ['Mads', 'Søren', 'Rasmus', 'Frederik'],
    female: ['Mette', 'Signe', 'Ida', 'Camilla'],
    surnameEndings: ['sen', 'gaard', 'holm', 'strup'],
  },
  fi: {
    trade: ['Muovi', 'Kierrätys', 'Pakkaus'],
    tradeFirst: false,
    male: ['Mikko', 'Antti', 'Juha', 'Ville'],
    female: ['Aino', 'Johanna', 'Sanna', 'Päivi'],
    surnameEndings: ['nen', 'la', 'inen', 'mäki'],
  },
  en: {
    trade: ['Polymers', 'Recycling', 'Packaging', 'Plastics'],
    tradeFirst: false,
    male: ['Conor', 'James', 'Daniel', 'Mark'],
    female: ['Aoife', 'Sarah', 'Rachel', 'Emma'],
    surnameEndings: ['ton', 'well', 'ford', 'by'],
  },
  el: {
    trade: ['Plastics', 'Recycling', 'Packaging'],
    tradeFirst: false,
    male: ['Giorgos', 'Nikos', 'Dimitris', 'Kostas'],
    female: ['Eleni', 'Maria', 'Katerina', 'Sofia'],
    surnameEndings: [
      ['idis', 'idou'],
      ['opoulos', 'opoulou'],
      ['akis', 'aki'],
    ],
  },
  bg: {
    trade: ['Plast', 'Recycling', 'Packaging'],
    tradeFirst: false,
    male: ['Georgi', 'Ivan', 'Dimitar', 'Nikolay'],
    female: ['Maria', 'Elena', 'Desislava', 'Ivana'],
    surnameEndings: [
      ['ov', 'ova'],
      ['ev', 'eva'],
    ],
  },
  ro: {
    trade: ['Reciclare', 'Ambalaje', 'Mase Plastice'],
    tradeFirst: true,
    male: ['Andrei', 'Mihai', 'Ștefan', 'Radu'],
    female: ['Ioana', 'Elena', 'Ana', 'Cristina'],
    surnameEndings: ['escu', 'eanu', 'ache'],
  },
  hu: {
    trade: ['Műanyag', 'Újrahasznosító', 'Csomagolás'],
    tradeFirst: false,
    male: ['Gábor', 'Zoltán', 'László', 'Péter'],
    female: ['Eszter', 'Zsófia', 'Katalin', 'Anna'],
    surnameEndings: ['i', 'ős', 'ás', 'ényi'],
  },
  sl: {
    trade: ['Reciklaža', 'Embalaža', 'Plastika'],
    tradeFirst: false,
    male: ['Luka', 'Matej', 'Jure', 'Rok'],
    female: ['Nina', 'Maja', 'Špela', 'Eva'],
    surnameEndings: ['ič', 'nik', 'ec'],
  },
  hr: {
    trade: ['Plastika', 'Reciklaža', 'Ambalaža'],
    tradeFirst: false,
    male: ['Ivan', 'Marko', 'Tomislav', 'Josip'],
    female: ['Ana', 'Petra', 'Ivana', 'Marija'],
    surnameEndings: ['ić', 'ović', 'ec'],
  },
  lt: {
    trade: ['Plastikų perdirbimas', 'Pakuotės'],
    tradeFirst: false,
    male: ['Tomas', 'Mantas', 'Darius'],
    female: ['Rūta', 'Eglė', 'Ieva'],
    surnameEndings: [
      ['as', 'aitė'],
      ['ys', 'ytė'],
      ['ius', 'iūtė'],
    ],
  },
  lv: {
    trade: ['Plastmasas', 'Pārstrāde', 'Iepakojums'],
    tradeFirst: false,
    male: ['Jānis', 'Mārtiņš', 'Edgars'],
    female: ['Līga', 'Ilze', 'Kristīne'],
    surnameEndings: [
      ['s', 'a'],
      ['iņš', 'iņa'],
    ],
  },
  et: {
    trade: ['Plastitööstus', 'Taaskasutus', 'Pakendid'],
    tradeFirst: false,
    male: ['Martin', 'Rasmus', 'Kristjan'],
    female: ['Kadri', 'Liis', 'Triin'],
    surnameEndings: ['mägi', 'saar', 'berg', 'pere'],
  },
};

// Syllables for invented stems: onsets, cores and endings that rarely make a real word together.
const ONSETS = ['Quen', 'Vor', 'Bral', 'Dren', 'Kest', 'Tal', 'Orv', 'Sel', 'Mir', 'Zan', 'Hel', 'Fren', 'Ulv', 'Cav'];
// Cores end in a consonant and endings start with a vowel, so no vowel pile-ups ("Kestoek").
const CORES = ['ar', 'el', 'ov', 'im', 'ur', 'an', 'et', 'il', 'or'];
const ENDINGS = ['ix', 'ora', 'eno', 'ith', 'ane', 'ulo', 'ex', 'ira', 'amo', 'ent', 'ova', 'ys', 'ek', 'alt'];

/** Greek- and Cyrillic-script stems with the Latin spelling used for the web domain. */
export const NATIVE_STEMS: Readonly<Record<string, readonly { native: string; latin: string }[]>> = {
  GR: [
    { native: 'Αλκυρίνη Πλαστικά', latin: 'Alkyrini' },
    { native: 'Βελμαρίδης Ανακύκλωση', latin: 'Velmaridis' },
  ],
  BG: [
    { native: 'Тракилон Пластмаси', latin: 'Trakilon' },
    { native: 'Балвиро Рециклиране', latin: 'Balviro' },
  ],
};

/** A new invented stem, different from every stem in `used`. */
export function inventStem(random: Random, used: Set<string>): string {
  for (;;) {
    const parts = [random.pick(ONSETS), random.chance(0.55) ? random.pick(CORES) : '', random.pick(ENDINGS)];
    const stem = parts.join('').replace(/(.)\1\1/g, '$1$1');
    const key = asciiSlug(stem);
    if (!used.has(key)) {
      used.add(key);
      return stem;
    }
  }
}

export function tradeWord(random: Random, language: Language): { word: string; first: boolean } {
  const words = LANGUAGES[language];
  return { word: random.pick(words.trade), first: words.tradeFirst };
}

export interface PersonName {
  first: string;
  last: string;
}

export function personName(random: Random, language: Language): PersonName {
  const words = LANGUAGES[language];
  const female = random.chance(0.5);
  const first = random.pick(female ? words.female : words.male);
  const ending = random.pick(words.surnameEndings);
  const suffix = typeof ending === 'string' ? ending : ending[female ? 1 : 0];
  const root = random.pick(SURNAME_ROOTS);
  return { first, last: `${root}${suffix}` };
}

const SURNAME_ROOTS = ['Brel', 'Dov', 'Karm', 'Lest', 'Mirn', 'Vold', 'Tresk', 'Holb', 'Pav', 'Sten', 'Rud', 'Gorm'];

/** Folds a name to plain ASCII letters: "Łódź Müller" → "Lodz Muller". */
export function foldAscii(value: string): string {
  return stripAccents(value)
    .replace(/[^A-Za-z0-9 -]/g, '')
    .trim();
}

/** "Quenvarix Kunststoffe" → "quenvarix-kunststoffe". */
export function asciiSlug(value: string): string {
  return foldAscii(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// Letters that are not a base letter plus a combining mark, so NFD alone leaves them in place.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

function stripAccents(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁøØæÆœŒßđĐðþı]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** Lower-case, accents stripped, punctuation removed; the words of a name as a list. */
function words(value: string): string[] {
  return stripAccents(value)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

// Legal forms as word sequences, longest first, so "gmbh co kg" goes before "gmbh" and "s a r l" before "s a".
const LEGAL_FORM_WORDS: readonly string[][] = LEGAL_FORMS.map(words).sort((a, b) => b.length - a.length);

/**
 * What duplicate detection compares: lower-case, accents stripped, punctuation and legal-form words removed.
 * "Plásticos Quenvarix S.L." → "plasticos quenvarix"; "UAB Quenvarix" → "quenvarix". Legal forms are only
 * dropped at either end of the name, where they stand, so a word like "AS" inside a name survives.
 */
export function normaliseName(legalName: string): string {
  let tokens = words(legalName);
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of LEGAL_FORM_WORDS) {
      if (form.length >= tokens.length) continue;
      if (form.every((w, k) => tokens[tokens.length - form.length + k] === w)) {
        tokens = tokens.slice(0, tokens.length - form.length);
        changed = true;
      } else if (form.every((w, k) => tokens[k] === w)) {
        tokens = tokens.slice(form.length);
        changed = true;
      }
    }
  }
  return tokens.join(' ');
}

/**
 * The rules every translated catalogue is held to against English: the same keys, and in each message the same
 * placeholders, inputs and selectors; a plural selector covers every plural category of its language (a French
 * count of a million is `many`, which English has not, and a message with no branch for it shows its key).
 * Pure functions over parsed catalogues, so that the test beside this file can feed them broken ones.
 */

/** A message of the inlang message format: text with `{name}` placeholders, or one variant message. */
export type Message = string | VariantMessage[];
export interface VariantMessage {
  declarations?: string[];
  selectors?: string[];
  match: Record<string, string>;
}
export type MessageCatalogue = Record<string, Message | unknown>;

const placeholderPattern = /\{\s*([A-Za-z_][\w]*)\s*\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1] as string))].sort();
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const show = (values: readonly string[]) => (values.length === 0 ? 'none' : values.map((v) => `{${v}}`).join(', '));

/** Problems of one locale's message catalogue against English, one sentence each; none when it conforms. */
export function compareMessageCatalogue(
  name: string,
  locale: string,
  english: MessageCatalogue,
  other: MessageCatalogue,
): string[] {
  const problems: string[] = [];
  const keys = (catalogue: MessageCatalogue) => Object.keys(catalogue).filter((key) => key !== '$schema');
  const otherKeys = new Set(keys(other));
  const englishKeys = new Set(keys(english));
  for (const key of englishKeys) if (!otherKeys.has(key)) problems.push(`${name} ${locale}: missing key ${key}`);
  for (const key of otherKeys) if (!englishKeys.has(key)) problems.push(`${name} ${locale}: unknown key ${key}`);
  for (const key of englishKeys) {
    if (!otherKeys.has(key)) continue;
    for (const problem of compareMessage(locale, english[key], other[key]))
      problems.push(`${name} ${locale}: ${key}: ${problem}`);
  }
  return problems;
}

function compareMessage(locale: string, english: unknown, other: unknown): string[] {
  if (typeof english === 'string') {
    if (typeof other !== 'string') return ['is a variant message where English is plain text'];
    if (other.trim() === '' && english.trim() !== '') return ['is empty'];
    const [a, b] = [placeholdersOf(english), placeholdersOf(other)];
    return same(a, b) ? [] : [`placeholders ${show(b)} differ from English ${show(a)}`];
  }
  const [en, ot] = [variantOf(english), variantOf(other)];
  if (en === null) return ['English message has an unknown shape'];
  if (ot === null) return ['is not a message (text, or one variant message) like English'];
  const problems: string[] = [];
  const [enDeclarations, otDeclarations] = [normalised(en.declarations), normalised(ot.declarations)];
  if (!same(enDeclarations, otDeclarations))
    problems.push(`declarations [${otDeclarations.join('; ')}] differ from English [${enDeclarations.join('; ')}]`);
  if (!same(en.selectors ?? [], ot.selectors ?? []))
    problems.push(
      `selectors [${(ot.selectors ?? []).join(', ')}] differ from English [${(en.selectors ?? []).join(', ')}]`,
    );
  const enPlaceholders = placeholdersOf(Object.values(en.match).join(' '));
  for (const [branch, text] of Object.entries(ot.match)) {
    if (text.trim() === '') problems.push(`branch ${branch} is empty`);
    const found = placeholdersOf(text).filter((p) => !enPlaceholders.includes(p));
    if (found.length > 0) problems.push(`branch ${branch} uses ${show(found)}, which English never does`);
  }
  const otPlaceholders = placeholdersOf(Object.values(ot.match).join(' '));
  const lost = enPlaceholders.filter((p) => !otPlaceholders.includes(p));
  if (lost.length > 0) problems.push(`no branch shows ${show(lost)}, which English shows`);
  problems.push(...pluralCoverage(locale, ot));
  return problems;
}

function variantOf(message: unknown): VariantMessage | null {
  if (!Array.isArray(message) || message.length !== 1) return null;
  const [variant] = message as unknown[];
  if (typeof variant !== 'object' || variant === null || !('match' in variant)) return null;
  const match = (variant as { match: unknown }).match;
  if (typeof match !== 'object' || match === null) return null;
  if (!Object.values(match).every((text) => typeof text === 'string')) return null;
  return variant as VariantMessage;
}

const normalised = (declarations: readonly string[] | undefined) =>
  (declarations ?? []).map((d) => d.replace(/\s+/g, ' ').trim()).sort();

/**
 * Every selector declared as `local x = y: plural` must have a branch for each plural category of the locale
 * (or a catch-all `*`), and no branch for a category the locale does not have.
 */
function pluralCoverage(locale: string, variant: VariantMessage): string[] {
  const problems: string[] = [];
  const pluralSelectors = (variant.declarations ?? [])
    .map((d) => /^local\s+(\w+)\s*=\s*\w+\s*:\s*plural\b/.exec(d.trim())?.[1])
    .filter((name): name is string => name !== undefined);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  const branches = Object.keys(variant.match).map(
    (branch) =>
      new Map(
        branch.split(/\s*,\s*/).map((part) => {
          const [selector = '', value = ''] = part.split('=');
          return [selector.trim(), value.trim()] as const;
        }),
      ),
  );
  for (const selector of pluralSelectors) {
    const values = new Set(branches.map((b) => b.get(selector) ?? '*'));
    if (values.has('*')) continue;
    for (const category of categories)
      if (!values.has(category))
        problems.push(`no branch for the plural category ${selector}=${category} of ${locale}`);
    for (const value of values)
      if (!categories.includes(value))
        problems.push(`branch ${selector}=${value} is not a plural category of ${locale}`);
  }
  return problems;
}

/** Two renderings of the same e-mail or document: the values English shows must all show, and no others. */
export function compareShownValues(where: string, values: readonly string[], english: string, other: string): string[] {
  const problems: string[] = [];
  // Plain text wraps lines (a name may break across two); digits are grouped by each language's rules.
  const digits = (text: string) => text.replace(/\s+/g, ' ').replace(/(\d)[\s\u00a0\u202f.,'’](?=\d)/g, '$1');
  const [en, ot] = [digits(english), digits(other)];
  for (const value of values) {
    const v = digits(value);
    if (en.includes(v) && !ot.includes(v)) problems.push(`${where}: does not show ${value}, which English shows`);
    if (!en.includes(v) && ot.includes(v)) problems.push(`${where}: shows ${value}, which English does not`);
  }
  if (other.trim() === '') problems.push(`${where}: is empty`);
  return problems;
}

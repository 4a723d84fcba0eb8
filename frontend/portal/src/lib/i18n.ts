import * as format from '$lib/format';
import type {
  DocumentKind,
  OrganisationKind,
  OrganisationSize,
  SignatureStatus,
  ValueChainStage,
  WorkingGroupKind,
  WorkingGroupRole,
  WorkingGroupStatus,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/**
 * What the reader sees, in their language: the formatters of format.ts bound to the request's locale,
 * and a message for every enum value the API sends. The Records make a new enum value a type error here.
 */

const tonnesPatterns: format.TonnesPatterns = {
  t: (value) => m.tonnes_t({ value }),
  kt: (value) => m.tonnes_kt({ value }),
  Mt: (value) => m.tonnes_mt({ value }),
};

export const tonnes = (value: string) => format.formatTonnes(value, getLocale(), tonnesPatterns);
export const tonnesExact = (value: string) => format.formatTonnesExact(value, getLocale(), tonnesPatterns);
export const share = (value: string) => format.formatShare(value, getLocale());
export const count = (value: number) => format.formatCount(value, getLocale());
export const date = (iso: string) => format.formatDate(iso, getLocale());
export const country = (code: string) => format.countryName(code, getLocale());
/** A language (BCP 47) named in the reader's language: 'fr' is "French" to an English reader. */
export const language = (tag: string) => {
  try {
    return new Intl.DisplayNames([getLocale()], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
};
/** A moment as date and time of day in UTC, as the API records it (e-mails, reviews). */
export const dateTime = (iso: string) =>
  m.date_time({ date: format.formatDate(iso, getLocale(), 'medium'), time: format.formatTime(iso, getLocale()) });

const organisationKindLabels: Record<OrganisationKind, () => string> = {
  COMPANY: m.kind_company,
  ASSOCIATION: m.kind_association,
  PUBLIC_AUTHORITY: m.kind_public_authority,
  NGO: m.kind_ngo,
  RESEARCH_BODY: m.kind_research_body,
  STANDARDISATION_BODY: m.kind_standardisation_body,
  TRADE_UNION: m.kind_trade_union,
};

const organisationSizeLabels: Record<OrganisationSize, () => string> = {
  SME: m.size_sme,
  LARGE: m.size_large,
};

const stageLabels: Record<ValueChainStage, () => string> = {
  POLYMER_PRODUCER: m.stage_polymer_producer,
  CONVERTER: m.stage_converter,
  BRAND_OWNER: m.stage_brand_owner,
  RETAILER: m.stage_retailer,
  CONSUMER_ORGANISATION: m.stage_consumer_organisation,
  COLLECTOR_SORTER: m.stage_collector_sorter,
  RECYCLER: m.stage_recycler,
  REUSER: m.stage_reuser,
  PUBLIC_AUTHORITY: m.stage_public_authority,
  TRADE_UNION: m.stage_trade_union,
  STANDARDISATION_BODY: m.stage_standardisation_body,
  RESEARCH: m.stage_research,
};

const workingGroupKindLabels: Record<WorkingGroupKind, () => string> = {
  SECTOR: m.wg_kind_sector,
  HORIZONTAL: m.wg_kind_horizontal,
};

const workingGroupStatusLabels: Record<WorkingGroupStatus, () => string> = {
  ACTIVE: m.wg_status_active,
  CLOSED: m.wg_status_closed,
};

const roleLabels: Record<WorkingGroupRole, () => string> = {
  CHAIR: m.role_chair,
  CO_CHAIR: m.role_co_chair,
  MEMBER: m.role_member,
  OBSERVER: m.role_observer,
};

const signatureStatusLabels: Record<SignatureStatus, () => string> = {
  PENDING_CONFIRMATION: m.status_pending_confirmation,
  PENDING_REVIEW: m.status_pending_review,
  ACTIVE: m.status_active,
  REJECTED: m.status_rejected,
  WITHDRAWN: m.status_withdrawn,
  SUPERSEDED: m.status_superseded,
};

const documentKindLabels: Record<DocumentKind, () => string> = {
  DECLARATION: m.document_kind_declaration,
  SIGNATURE_CERTIFICATE: m.document_kind_signature_certificate,
  PROGRESS_REPORT: m.document_kind_progress_report,
  PLEDGE_STATEMENT: m.document_kind_pledge_statement,
  REPORT_EVIDENCE: m.document_kind_report_evidence,
};

export const organisationKind = (kind: OrganisationKind) => organisationKindLabels[kind]();
export const organisationSize = (size: OrganisationSize) => organisationSizeLabels[size]();
export const stage = (value: ValueChainStage) => stageLabels[value]();
export const workingGroupKind = (kind: WorkingGroupKind) => workingGroupKindLabels[kind]();
export const workingGroupStatus = (status: WorkingGroupStatus) => workingGroupStatusLabels[status]();
export const role = (value: WorkingGroupRole) => roleLabels[value]();
export const signatureStatus = (status: SignatureStatus) => signatureStatusLabels[status]();
export const documentKind = (kind: DocumentKind) => documentKindLabels[kind]();

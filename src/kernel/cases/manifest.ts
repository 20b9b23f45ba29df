import type { z } from 'zod';
import type { PeriodUnit } from '../calendar/types.js';
import type { Orm } from '../db/client.js';

/** zh-CN first, en-US beside it. */
export interface Label {
  zh: string;
  en: string;
}

export type StateCategory = 'open' | 'paused' | 'closed';

export interface StateDef {
  label: Label;
  category: StateCategory;
}

/** A statute citation: which law, which article. Shown next to every clock and indicator. */
export interface LegalBasis {
  law: string;
  article: string;
  /** Optional quotation or paraphrase of the rule. */
  note?: string;
}

/** A simple declarative test on the case's data (and the action input while the action runs). */
export interface Condition {
  field: string;
  equals?: unknown;
  in?: unknown[];
}

/**
 * A statutory clock: `{amount, unit, trigger, pauses, extension, legal basis}`. Evaluated on the
 * official calendar from the case's events; nothing about it is hard-coded in a handler.
 */
export interface ClockRule {
  key: string;
  label: Label;
  amount: number;
  unit: PeriodUnit;
  /** Settings key that overrides `amount` (values marked UNCONFIRMED in the domain notes). */
  amountSetting?: string;
  /** Actions that start (or restart) the clock; counting begins the day after the action's effective date. */
  startOn: string[];
  /** Actions that stop the clock (met when on or before the due date, missed after). */
  stopOn: string[];
  /** Actions that pause it; the days until a resume action are not counted. */
  pauseOn?: string[];
  resumeOn?: string[];
  /** Only when the case (data) matches, e.g. procedure = simple. */
  when?: Condition;
  extension?: {
    /** The action that grants it (with approval recorded in its input). */
    action: string;
    /** Input field holding the number of units granted. */
    amountField: string;
    max: number;
    unit: PeriodUnit;
    basis: LegalBasis;
  };
  /** When the clock runs out with no stop, the system performs this action (e.g. 视为受理). */
  onExpiry?: string;
  /** Indicator fact written when the clock stops: true if met, false if missed (e.g. decided_on_time). */
  metAttr?: string;
  basis: LegalBasis;
}

export interface ActionDef<S extends z.ZodType = z.ZodType> {
  label: Label;
  from: string[];
  /**
   * The state after the action; a function may pick it from the input, the facts or the current state
   * (an action that records a fact and stays where it is returns `state`).
   */
  to: string | ((input: z.output<S>, data: Record<string, unknown>, state: string) => string);
  /** Permission key checked on the server; by convention `<caseType>.<action>`. */
  permission: string;
  input: S;
  /** Outcome code set on the case (closed states usually). */
  outcome?: string | ((input: z.output<S>) => string | undefined);
  /** Merge into case.data / case.attrs from the input (declared, so indicators know their facts). */
  data?: (input: z.output<S>, data: Record<string, unknown>) => Record<string, unknown>;
  attrs?: (input: z.output<S>, data: Record<string, unknown>) => Record<string, unknown>;
  /** Field of the input holding the civil date the act took effect (defaults to today). */
  effectiveDateField?: string;
  /** Assign the case number when this action runs (e.g. 受理 gives the 案号). */
  assignsNumber?: boolean;
  /** Documents this action generates (keys of `documents`). */
  documents?: string[];
  /** Hidden from people: only the system runs it (deemed acceptance on expiry). */
  systemOnly?: boolean;
  /** UI hint: a dangerous or closing action asks for confirmation. */
  confirm?: boolean;
  /**
   * Decisions the input alone cannot make (routing to a committee, choosing a mediator by workload):
   * runs inside the action's transaction, before the write; what it returns is written with the action.
   */
  resolve?: (ctx: ResolveContext) => Promise<Resolution>;
  /**
   * A hand-off into another mechanism (诉访分离): when this returns a target, the kernel creates the
   * target case from the target manifest's `create.fromHandoff`, in the same transaction, and links
   * the two. Modules never import each other; the neutral `HandoffPayload` is the whole contract.
   */
  handoff?: (input: z.output<S>, data: Record<string, unknown>) => { type: string; relation: string } | null;
  /** A party may perform it on the portal with the 查询码 and their contact (satisfaction, signing). */
  public?: boolean;
  /**
   * A condition on the case's facts beyond its state (a party rates once): when false the action is
   * not offered, and trying it answers 409 with `message`.
   */
  guard?: { test: (data: Record<string, unknown>, attrs: Record<string, unknown>) => boolean; code: string; message: Label };
}

/** What a resolver may read: the case as it stands (at create: as mapped from the form) and the input. */
export interface ResolveContext {
  tx: Orm;
  today: string;
  /** A setting's value (UNCONFIRMED statutory values, per-county thresholds), from the settings cache. */
  setting: (key: string) => Promise<unknown>;
  /** The keyed hash personal data is looked up by (party.phone_hash, party.id_number_hash). */
  lookupHash: (value: string) => string;
  case: {
    id: string | null;
    type: string;
    state: string;
    regionCode: string;
    regionPath: string;
    agencyId: string | null;
    assigneeId: string | null;
    data: Record<string, unknown>;
    attrs: Record<string, unknown>;
    /** Role and name of every party (no personal data), as recorded or as being created. */
    parties: { role: string; name: string }[];
  };
  input: Record<string, unknown>;
}

/** What a resolver decides; `note` goes into the event so the timeline can say why. */
export interface Resolution {
  agencyId?: string;
  /** The lead handler (a mediator); null clears it. */
  assigneeId?: string | null;
  /** Everyone assigned besides the lead (co-mediators, seconded judges); they see the case too. */
  assignees?: string[];
  data?: Record<string, unknown>;
  attrs?: Record<string, unknown>;
  note?: Record<string, unknown>;
}

/** A case handed from one mechanism to another, in terms every module understands. */
export interface HandoffPayload {
  sourceType: string;
  sourceCaseId: string;
  sourceNumber: string | null;
  title: string;
  /** The hand-off's own input (reason, target organ…) and the source case's facts. */
  input: Record<string, unknown>;
  facts: Record<string, unknown>;
  receivedOn: string;
  regionCode: string;
  /** Parties as recorded on the source case, personal data decrypted for re-encryption in the target. */
  parties: NewParty[];
}

export interface OutcomeDef {
  label: Label;
  /** Groups an indicator can count: e.g. 'corrected', 'merits', 'lost'. */
  groups: string[];
  basis?: LegalBasis;
}

export interface NumberingRule {
  /** e.g. '{abbr}复〔{year}〕{seq}号'. {abbr} comes from the handling agency, {year} from the action date. */
  pattern: string;
  /** Sequence is gap-free per this key and year. */
  scope: 'agency' | 'type';
}

export interface DocumentDef {
  key: string;
  label: Label;
  /** Builds the document's paragraphs from the case; rendered to DOCX by the kernel. */
  build: (ctx: DocumentContext) => DocumentContent;
}

export interface DocumentContext {
  caseNumber: string | null;
  title: string;
  data: Record<string, unknown>;
  agencyName: string;
  subjectAgencyName: string | null;
  parties: { role: string; name: string }[];
  events: { action: string; effectiveOn: string; payload: Record<string, unknown> }[];
  today: string;
  formatDate: (d: string) => string;
}

export interface DocumentContent {
  title: string;
  /** Heading lines under the title, e.g. the document number. */
  subtitle?: string;
  paragraphs: string[];
  signature: { organ: string; date: string };
}

export type IndicatorFilter =
  | { kind: 'outcome_in'; groups: string[] }
  | { kind: 'attr_equals'; attr: string; value: string | boolean | number }
  | { kind: 'closed' }
  | { kind: 'received' };

/** An indicator: a count, or a ratio of two counts, over cases of one type in a period. */
export interface IndicatorDef {
  key: string;
  label: Label;
  unit: 'count' | 'percent' | 'yuan';
  /**
   * Add up a recorded fact over the numerator's cases instead of counting them (挽回经济损失 in yuan).
   * Only for indicators without a denominator; the drill-down lists the cases whose amounts are added.
   */
  sum?: { attr: string };
  version: string;
  /** Which date places a case in a period. */
  dateField: 'received_on' | 'closed_on';
  numerator: IndicatorFilter[];
  denominator?: IndicatorFilter[];
  definition: Label;
  source: string;
  /**
   * A recorded fact the figure may also be broken down by (`groupBy=dimension`), e.g. the dispute
   * category; labels come from the module's own lookup table (names validated at start-up).
   */
  dimension?: { attr: string; label: Label; labels?: { table: string; key: string; label: string } };
  /** A setting that switches between documented variants (口径), e.g. whether 确认无效 counts. */
  variantSetting?: { key: string; options: Record<string, { label: Label; numerator?: IndicatorFilter[]; denominator?: IndicatorFilter[] }>; default: string };
}

export interface PartyRoleDef {
  role: string;
  label: Label;
}

export interface CaseTypeManifest {
  type: string;
  label: Label;
  /** One line for the module list and docs. */
  description: Label;
  states: Record<string, StateDef>;
  initialState: string;
  /** Creating a case (staff registration, portal application, import): its own input schema. */
  create: {
    input: z.ZodType;
    permission: string;
    /** Public portal may create this type without an account (gets a 查询码). */
    publicIntake?: boolean;
    effectiveDateField: string;
    /**
     * Fields the server fills for a portal submission (date received, channel…): they are removed
     * from the public form and set from today's date, never trusted from the citizen.
     */
    portalFill?: (today: string) => Record<string, unknown>;
    /**
     * Create fields that name another case: the engine links that case to the new one with the
     * relation (e.g. reconsiderationCaseId → 'followed_by_suit', the earlier case as source).
     */
    linkFields?: { field: string; relation: string }[];
    /** Accepts a hand-off from another mechanism: maps the neutral payload to this type's create input. */
    fromHandoff?: (p: HandoffPayload) => Record<string, unknown>;
    /** Routing, a means test: decisions at intake that need the database (see ActionDef.resolve). */
    resolve?: (ctx: ResolveContext) => Promise<Resolution>;
    /** Guidance shown on the public form (e.g. 复议前置 hints), with their legal basis. */
    hints?: { key: string; label: Label; text: Label; basis?: LegalBasis }[];
    /** Maps the create input to the case's columns. */
    toCase: (input: any) => {
      title: string;
      /** A number given by another body (a court's case number); otherwise `numbering` assigns one. */
      externalNumber?: string;
      regionCode?: string;
      agencyId?: string;
      subjectAgencyId?: string;
      data: Record<string, unknown>;
      attrs?: Record<string, unknown>;
      parties: NewParty[];
    };
  };
  actions: Record<string, ActionDef<any>>;
  clocks: ClockRule[];
  outcomes: Record<string, OutcomeDef>;
  numbering?: NumberingRule;
  documents?: DocumentDef[];
  indicators?: IndicatorDef[];
  partyRoles: PartyRoleDef[];
  /** An online room where staff and parties exchange messages and files (online mediation). */
  messages?: boolean;
  /** The facts a party tracking the case may see besides its state (e.g. why it was routed where it was). */
  portalFacts?: (data: Record<string, unknown>) => Record<string, unknown>;
  /** Relations this type may have to others, e.g. reconsideration → litigation 'followed_by_suit'. */
  links?: { relation: string; label: Label; inverseLabel: Label }[];
}

export interface NewParty {
  role: string;
  kind: 'person' | 'org' | 'agency';
  name: string;
  agencyId?: string;
  creditCode?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

export function defineCaseType<M extends CaseTypeManifest>(m: M): M {
  return m;
}

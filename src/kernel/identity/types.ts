/** The authenticated user behind a request, with everything policy checks need. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** Expanded permission keys, e.g. 'case.read', 'reconsideration.accept', 'admin.users'. */
  permissions: string[];
  /** Root of the data scope (a region code) and its path '/330000/330400/…/'. */
  regionCode: string;
  regionPath: string;
  agencyId: string | null;
  /** 法制员: sees only cases of their own agency (as handler or as the agency whose act is at issue). */
  agencyOnly: boolean;
  /** A generated or reset password: until it is changed, only the password routes answer. */
  mustChangePassword?: boolean;
}

/** What a scope check needs to know about a record. */
export interface ScopedRecord {
  regionPath: string;
  agencyId?: string | null;
  subjectAgencyId?: string | null;
  /** Users assigned to the case (a mediator, a seconded judge): they see it whatever their scope. */
  assignees?: string[];
}

/** The system itself (demo generator, jobs, imports run from the CLI). */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  roles: ['system'],
  permissions: ['*'],
  regionCode: '',
  regionPath: '/',
  agencyId: null,
  agencyOnly: false,
};

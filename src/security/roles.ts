/**
 * Roles and what each may do. Deny by default: a permission not listed for a role is refused, and an
 * unknown role has none. Reading a protected source's identity needs `source-handler` and a second factor.
 * @module
 */

export const ROLES = ["admin", "analyst", "viewer", "source-handler"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "records:read",
  "records:write",
  "sources:protected:read",
  "sources:protected:approve",
  "sources:protected:write",
  "log:read",
  "users:manage",
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  // Admins manage accounts and read the audit trail; they do not see protected identities.
  admin: ["records:read", "records:write", "log:read", "users:manage", "audit:read"],
  analyst: ["records:read", "records:write", "log:read"],
  // Viewers read the redacted record.
  viewer: ["records:read"],
  "source-handler": [
    "records:read",
    "records:write",
    "log:read",
    "sources:protected:read",
    "sources:protected:approve",
    // Creating, changing or deleting a confidential source (its identity encrypted at rest).
    "sources:protected:write",
  ],
};

/** Roles that must pass a TOTP second factor at login. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["admin", "source-handler"];

/** Narrow a stored string to a role (undefined for anything else, which then grants nothing). */
export function parseRole(value: string): Role | undefined {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined;
}

/**
 * May `role` do `permission`?
 * @example can("viewer", "records:write") // false
 */
export function can(role: string | undefined, permission: Permission): boolean {
  const r = role === undefined ? undefined : parseRole(role);
  return r !== undefined && GRANTS[r].includes(permission);
}

/** Does this role need a TOTP second factor? */
export function needsSecondFactor(role: string): boolean {
  const r = parseRole(role);
  return r === undefined || SECOND_FACTOR_ROLES.includes(r);
}

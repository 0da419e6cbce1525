// Enumerations shared by the hall configuration and the datasets that come
// from the central platform. Kept apart from schema.ts so both can import them
// without an import cycle.
export const counterKinds = ['general', 'domain', 'bundled', 'enquiry', 'cross_region', 'unresolved', 'help_agency'] as const;
export const staffRoles = ['counter', 'guide', 'manager', 'admin'] as const;

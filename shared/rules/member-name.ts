/**
 * The form a member's name is matched in (staff search by exact name, rule 1.13): Unicode compatibility folding
 * (full-width letters and digits become half-width), trimmed, inner runs of spaces collapsed to one, lower case.
 * The blind index is taken of this form, so two spellings that fold alike find each other and nothing else does.
 */
export const normaliseName = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export const AREAS: string[];
export function findLiterals(source: string, fileName?: string): { line: number; text: string }[];
export const PENDING: string[];

export function evaluateBios(..._a: unknown[]): string { return 'bios: (not yet)'; }

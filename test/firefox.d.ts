export function firefoxPath(): string;
export const firefoxPrefs: Record<string, string | number | boolean>;

/**
 * The error summary of the admin forms ("Check the 2 fields marked below."): it must tell the truth
 * after every change, not only after the Save that wrote it. Once a field is fixed, the sign-in type is
 * switched (hiding fields), or a valid icon is chosen, the count goes down, and at zero the summary goes.
 * @module
 */

/** What a form needs for its summary: its per-field messages, its alert, and whether that alert is the summary. */
export interface Summarised<F extends string> {
  errors: Partial<Record<F, string | undefined>>;
  alert: string;
  /** True while `alert` is the summary, not why a save failed (that one stays until the next save). */
  summary?: boolean | undefined;
}

/** The fields with a message that the form shows (`shown` leaves out the fields of the other sign-in type). */
export function invalidFields<F extends string>(errors: Partial<Record<F, string | undefined>>, shown: (field: F) => boolean = () => true): F[] {
  return (Object.keys(errors) as F[]).filter((field) => errors[field] && shown(field));
}

/**
 * The form with its summary recounted: the same form when its alert is not a summary; otherwise the
 * summary for the fields still marked, or no alert at all when none is.
 */
export function recountSummary<F extends string, T extends Summarised<F>>(form: T, fixErrors: (n: number) => string, shown?: (field: F) => boolean): T {
  if (!form.summary) return form;
  const n = invalidFields(form.errors, shown).length;
  return { ...form, alert: n ? fixErrors(n) : '', summary: n > 0 };
}

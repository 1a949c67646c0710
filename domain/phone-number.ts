// Chinese telephone number formats, as customers request them at order entry.

/** Mobile (GSM) numbers: 11 digits starting with 1 (13x, 15x, 18x ...). */
const MOBILE = /^1[3-9]\d{9}$/;
/** A local fixed-line / PHS number, dialled without the area code: 7 or 8 digits, never starting with 0 or 1 (trunk and special-service prefixes). */
const FIXED_LOCAL = /^[2-8]\d{6,7}$/;
/** A fixed-line number with its area code, e.g. 024-23456789 or 041182345678. */
const FIXED_WITH_AREA_CODE = /^0\d{2,3}-?[2-8]\d{6,7}$/;

export type NumberFormat = 'mobile_number' | 'fixed_number' | 'phone_number';

export function isMobileNumber(s: string): boolean {
  return MOBILE.test(s);
}

/** `digits` narrows to one local network's plan (Shenyang and Dalian use 8 digits, smaller cities 7). */
export function isFixedLocalNumber(s: string, digits?: number): boolean {
  return FIXED_LOCAL.test(s) && (digits === undefined || s.length === digits);
}

/** Why `value` is not a number of `format`, or undefined when it is. */
export function numberFormatProblem(format: NumberFormat, value: string, fixedDigits?: number): string | undefined {
  switch (format) {
    case 'mobile_number':
      return isMobileNumber(value) ? undefined : `"${value}" is not a mobile number (11 digits starting with 1)`;
    case 'fixed_number':
      if (!FIXED_LOCAL.test(value)) return `"${value}" is not a local fixed-line number (7 or 8 digits, not starting with 0 or 1)`;
      if (!isFixedLocalNumber(value, fixedDigits)) return `"${value}" has ${value.length} digits; local numbers here have ${fixedDigits}`;
      return undefined;
    case 'phone_number':
      return isMobileNumber(value) || FIXED_LOCAL.test(value) || FIXED_WITH_AREA_CODE.test(value)
        ? undefined
        : `"${value}" is not a phone number (mobile, local or with area code)`;
  }
}

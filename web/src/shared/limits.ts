// Bounds the API applies, for the forms to apply first. No imports: the Node tests read it too.

/** The longest text an event takes (the work order's MAX_TEXT; test/unit/web-catalogue.test.ts keeps them equal). */
export const MAX_TEXT = 2000;

/** The page sizes a list offers. */
export const PAGE_SIZES = [10, 20, 50];

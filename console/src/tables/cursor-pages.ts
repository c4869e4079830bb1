/**
 * The API pages lists by an opaque cursor; the console's tables page by number. This remembers the cursor that
 * opens each page number seen so far, so "next", "back" and a jump to any page already visited all work; a jump
 * past the last page visited goes to the next one only (a cursor cannot skip ahead). Changing the filters starts over.
 */
export class CursorPages {
  private cursors: Array<string | null> = [null];
  private filterKey = '';

  /** The cursor for page `n` (1-based) under these filters, and the page actually served. */
  cursorFor(page: number, filters: unknown): { cursor: string | undefined; page: number } {
    const key = JSON.stringify(filters ?? null);
    if (key !== this.filterKey) {
      this.filterKey = key;
      this.cursors = [null];
    }
    const served = Math.max(1, Math.min(page, this.cursors.length));
    return { cursor: this.cursors[served - 1] ?? undefined, page: served };
  }

  /** After page `n` was read: the cursor that opens page n + 1 (null when it was the last). */
  record(page: number, next: string | null): void {
    this.cursors.length = page;
    if (next) this.cursors.push(next);
  }

  /** What a numbered table should believe the total is: every row so far, plus one more page while there is one. */
  total(page: number, pageSize: number, rowsOnPage: number): number {
    const more = this.cursors.length > page;
    return (page - 1) * pageSize + rowsOnPage + (more ? pageSize : 0);
  }
}

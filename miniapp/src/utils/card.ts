/** The member card's badge and tiles: pure, so they are tested here and the card stays thin. */

/** The unread-messages badge: nothing at 0, the count up to 99, then "99+" (a badge must stay small). */
export function unreadBadge(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return '';
  return unread > 99 ? '99+' : String(Math.trunc(unread));
}

/**
 * Balances the card shows that have no page of their own yet. Stored value and coupons are promised on the card
 * (DOMAIN: later features), so their tiles say "coming soon" when tapped instead of looking tappable and doing
 * nothing; when a feature ships, its entry here goes and its tile links to its page.
 */
export const comingSoon = { storedValue: true } as const;

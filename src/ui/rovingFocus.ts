// Keyboard movement through a wrapping grid of items with one tab stop (roving tabindex):
// arrows move by one item or one row, Home/End jump to the ends.

/** Items per row, read from the rendered layout (rows share an offsetTop). */
function columns(items: HTMLElement[]): number {
  if (items.length === 0) return 1;
  const top = items[0].offsetTop;
  const n = items.findIndex((el) => el.offsetTop !== top);
  return n === -1 ? items.length : n;
}

/** The index the key moves to, or null when the key is not a movement key. */
export function nextIndex(key: string, current: number, items: HTMLElement[]): number | null {
  const last = items.length - 1;
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (key) {
    case 'ArrowRight':
      return clamp(current + 1);
    case 'ArrowLeft':
      return clamp(current - 1);
    case 'ArrowDown':
      return clamp(current + columns(items));
    case 'ArrowUp':
      return clamp(current - columns(items));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

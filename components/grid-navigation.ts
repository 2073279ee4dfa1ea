/**
 * The grid's arrow keys, Home and End, on the DOM: which list, cell and item has focus, the lists'
 * shape as laid out, and where focus goes (the arithmetic is in grid-keys.ts). Not in the script tag's
 * first module: nobody presses an arrow key before the grid is on screen, and tile-grid.ts requests
 * this chunk while the page loads (issue 15).
 * @module
 */
import { moveInGrid, type GridPosition, type GridShape } from './grid-keys.ts';

/** What the keys need from the grid (tile-grid.ts). */
export interface NavigableGrid {
  root: HTMLElement | DocumentFragment;
  /** The lists of tiles, in order (not the skeleton's). */
  lists: string;
  /** What the keys move between in a cell: the tile, then a chatbot's section links. */
  items: string;
  /** Whether apps are left unrendered below the last tile. */
  partial(): boolean;
  /** Renders every app, and resolves once they are in the DOM. */
  renderAll(): Promise<unknown>;
}

/** Moves focus for an arrow key, Home or End on a grid item; false (nothing done) for any other key. */
export function navigate(event: KeyboardEvent, grid: NavigableGrid): boolean {
  const item = event.target as HTMLElement;
  const cellItems = (cell: Element | undefined): HTMLElement[] => (cell ? [...cell.querySelectorAll<HTMLElement>(grid.items)] : []);
  const lists = (): HTMLElement[] => [...grid.root.querySelectorAll<HTMLElement>(grid.lists)];
  /** Where an item is: its list, its cell, its place in the cell. */
  const position = (lists: HTMLElement[]): GridPosition | undefined => {
    const cell = item.closest('li');
    const list = cell ? lists.indexOf(cell.parentElement!) : -1;
    if (!cell || list < 0) return undefined;
    return { list, cell: Array.prototype.indexOf.call(lists[list]!.children, cell), item: cellItems(cell).indexOf(item) };
  };
  /** The lists' shape, read from the DOM only where a key needs it. */
  const shape = (lists: HTMLElement[]): GridShape => ({
    lists: lists.length,
    cells: (list) => lists[list]!.children.length,
    // The columns the browser actually laid out: the computed template lists one track per column.
    columns: (list) => Math.max(1, getComputedStyle(lists[list]!).gridTemplateColumns.split(' ').length),
    items: (list, cell) => cellItems(lists[list]!.children[cell]).length,
  });
  const move = (lists: HTMLElement[], at: GridPosition): void => {
    const target = moveInGrid(event.key, at, shape(lists));
    if (target === 'search') grid.root.querySelector<HTMLElement>('input[name="search"]')?.focus();
    else if (target) cellItems(lists[target.list]?.children[target.cell])[target.item]?.focus();
  };

  const now = lists();
  const at = position(now);
  if (!at || moveInGrid(event.key, at, shape(now)) === undefined) return false;
  event.preventDefault();
  const last = at.list === now.length - 1 && at.cell === now[at.list]!.children.length - 1;
  if ((event.key === 'End' || last) && grid.partial()) {
    // Moving past the last rendered tile renders the rest first, so the keyboard reaches every app.
    void grid.renderAll().then(() => {
      const after = lists();
      const from = position(after);
      if (from) move(after, from);
    });
  } else {
    move(now, at);
  }
  return true;
}

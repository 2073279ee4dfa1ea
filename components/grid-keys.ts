/**
 * The arithmetic of the grid's arrow keys, apart from the DOM so it can be tested on its own. The grid
 * is one Tab stop (a roving tabindex, in tile-grid.ts) over up to three lists (Pinned, Recently used,
 * All apps), each laid out in rows of `columns` cells. A cell is a tile, followed by its section links
 * when it is a chatbot.
 *
 * - Left and Right go through every item in reading order, section links included, across lists.
 * - Up and Down go to the cell above or below, by the columns actually laid out, into the next or
 *   previous list at the same column; Up from the first row is the search box.
 * - Home and End go to the first and the last tile.
 * @module
 */

/** Where the focus is: a list, a cell in it, an item in the cell (0: the tile itself). */
export interface GridPosition {
  list: number;
  cell: number;
  item: number;
}

/** What the keys need to know of the lists: read lazily, since a long list's layout is only read when needed. */
export interface GridShape {
  /** How many lists are rendered (empty ones count, and are skipped). */
  readonly lists: number;
  cells(list: number): number;
  /** The columns a list is laid out in (at least 1). */
  columns(list: number): number;
  /** The items of a cell: 1 for a tile, more for a chatbot with section links. */
  items(list: number, cell: number): number;
}

/** The next non-empty list from `list` in `step` direction, or undefined. */
function nextList(shape: GridShape, list: number, step: 1 | -1): number | undefined {
  for (let l = list + step; l >= 0 && l < shape.lists; l += step) if (shape.cells(l) > 0) return l;
  return undefined;
}

function right(shape: GridShape, at: GridPosition): GridPosition {
  if (at.item + 1 < shape.items(at.list, at.cell)) return { ...at, item: at.item + 1 };
  if (at.cell + 1 < shape.cells(at.list)) return { list: at.list, cell: at.cell + 1, item: 0 };
  const list = nextList(shape, at.list, 1);
  return list === undefined ? at : { list, cell: 0, item: 0 };
}

function left(shape: GridShape, at: GridPosition): GridPosition {
  if (at.item > 0) return { ...at, item: at.item - 1 };
  const last = (list: number, cell: number) => ({ list, cell, item: shape.items(list, cell) - 1 });
  if (at.cell > 0) return last(at.list, at.cell - 1);
  const list = nextList(shape, at.list, -1);
  return list === undefined ? at : last(list, shape.cells(list) - 1);
}

function down(shape: GridShape, at: GridPosition): GridPosition {
  const columns = shape.columns(at.list);
  const count = shape.cells(at.list);
  if (at.cell + columns < count) return { list: at.list, cell: at.cell + columns, item: 0 };
  // A shorter last row below: its last cell.
  if (Math.floor(at.cell / columns) < Math.floor((count - 1) / columns)) return { list: at.list, cell: count - 1, item: 0 };
  const list = nextList(shape, at.list, 1);
  if (list === undefined) return at;
  return { list, cell: Math.min(at.cell % columns, shape.cells(list) - 1), item: 0 };
}

function up(shape: GridShape, at: GridPosition): GridPosition | 'search' {
  const columns = shape.columns(at.list);
  if (at.cell - columns >= 0) return { list: at.list, cell: at.cell - columns, item: 0 };
  const list = nextList(shape, at.list, -1);
  if (list === undefined) return 'search';
  const count = shape.cells(list);
  const lastRow = Math.floor((count - 1) / shape.columns(list)) * shape.columns(list);
  return { list, cell: Math.min(lastRow + (at.cell % columns), count - 1), item: 0 };
}

/**
 * Where a key moves the focus from `at`: a position (the same one at an edge), `'search'` for the search
 * box, or undefined for a key the grid does not handle.
 */
export function moveInGrid(key: string, at: GridPosition, shape: GridShape): GridPosition | 'search' | undefined {
  switch (key) {
    case 'ArrowRight':
      return right(shape, at);
    case 'ArrowLeft':
      return left(shape, at);
    case 'ArrowDown':
      return down(shape, at);
    case 'ArrowUp':
      return up(shape, at);
    case 'Home': {
      const list = nextList(shape, -1, 1);
      return list === undefined ? at : { list, cell: 0, item: 0 };
    }
    case 'End': {
      const list = nextList(shape, shape.lists, -1);
      return list === undefined ? at : { list, cell: shape.cells(list) - 1, item: 0 };
    }
    default:
      return undefined;
  }
}

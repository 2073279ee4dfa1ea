import { expect } from '@open-wc/testing';
import { moveInGrid, type GridPosition, type GridShape } from './grid-keys.ts';

/** Lists given as their cells' item counts, all laid out in `columns` columns. */
function shape(columns: number, ...lists: number[][]): GridShape {
  return { lists: lists.length, cells: (l) => lists[l]!.length, columns: () => columns, items: (l, c) => lists[l]![c]! };
}
const at = (list: number, cell: number, item = 0): GridPosition => ({ list, cell, item });

describe('moveInGrid', () => {
  // Pinned: 2 tiles; All: 7 cells in rows of 3, the fifth a chatbot with two section links.
  const grid = shape(3, [1, 1], [1, 1, 1, 1, 3, 1, 1]);

  it('Left and Right go through every item in reading order, section links included, across lists', () => {
    expect(moveInGrid('ArrowRight', at(0, 1), grid)).to.deep.equal(at(1, 0));
    expect(moveInGrid('ArrowRight', at(1, 4), grid)).to.deep.equal(at(1, 4, 1));
    expect(moveInGrid('ArrowRight', at(1, 4, 2), grid)).to.deep.equal(at(1, 5));
    expect(moveInGrid('ArrowLeft', at(1, 5), grid)).to.deep.equal(at(1, 4, 2));
    expect(moveInGrid('ArrowLeft', at(1, 0), grid)).to.deep.equal(at(0, 1));
    // At either end, focus stays.
    expect(moveInGrid('ArrowLeft', at(0, 0), grid)).to.deep.equal(at(0, 0));
    expect(moveInGrid('ArrowRight', at(1, 6), grid)).to.deep.equal(at(1, 6));
  });

  it('Up and Down move by the columns laid out, into the next list at the same column, and Up from the top is the search box', () => {
    expect(moveInGrid('ArrowDown', at(1, 1), grid)).to.deep.equal(at(1, 4));
    expect(moveInGrid('ArrowDown', at(1, 4, 2), grid)).to.deep.equal(at(1, 6)); // from a section link: the tile below
    expect(moveInGrid('ArrowDown', at(1, 5), grid)).to.deep.equal(at(1, 6)); // a shorter last row: its last cell
    expect(moveInGrid('ArrowDown', at(1, 6), grid)).to.deep.equal(at(1, 6));
    expect(moveInGrid('ArrowDown', at(0, 1), grid)).to.deep.equal(at(1, 1));
    expect(moveInGrid('ArrowUp', at(1, 4), grid)).to.deep.equal(at(1, 1));
    expect(moveInGrid('ArrowUp', at(1, 2), grid)).to.deep.equal(at(0, 1)); // column 2 of a 2-tile row: its last
    expect(moveInGrid('ArrowUp', at(0, 1), grid)).to.equal('search');
    expect(moveInGrid('ArrowDown', at(0, 0), shape(5, [1], [], [1, 1]))).to.deep.equal(at(2, 0)); // an empty list is skipped
    expect(moveInGrid('ArrowDown', at(0, 0), shape(1, [1, 1]))).to.deep.equal(at(0, 1)); // one column: the next tile
  });

  it('Home and End go to the first and last tile; other keys are not the grid’s', () => {
    expect(moveInGrid('Home', at(1, 5), grid)).to.deep.equal(at(0, 0));
    expect(moveInGrid('End', at(0, 0), grid)).to.deep.equal(at(1, 6));
    expect(moveInGrid('Enter', at(0, 0), grid)).to.equal(undefined);
    expect(moveInGrid('a', at(0, 0), grid)).to.equal(undefined);
  });
});

import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { shallowEqual } from '../../renderer/src/hooks/use-shallow';

// The window's useShallow compares selector results without allocating; for what its selectors return (plain
// objects of store values, arrays) it must answer exactly as zustand's shallow does.
describe('shallowEqual', () => {
  const f = () => {};
  const items = [1, 2];
  const cases: [unknown, unknown][] = [
    [
      { a: 1, f },
      { a: 1, f },
    ],
    [
      { a: 1, f },
      { a: 1, f: () => {} },
    ],
    [{ a: 1 }, { a: 1, b: undefined }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
    ],
    [{ items }, { items }],
    [{ items }, { items: [1, 2] }],
    [{ n: NaN }, { n: NaN }],
    [{ z: 0 }, { z: -0 }],
    [{}, {}],
    [
      [1, 2],
      [1, 2],
    ],
    [
      [1, 2],
      [1, 2, 3],
    ],
    [
      [1, { x: 1 }],
      [1, { x: 1 }],
    ],
    [1, 1],
    [null, null],
    [null, {}],
    ['a', 'a'],
    [{ a: 1 }, [1]],
  ];
  it.each(cases)('%j vs %j answers as zustand does', (a, b) => {
    expect(shallowEqual(a, b)).toBe(shallow(a, b));
    expect(shallowEqual(b, a)).toBe(shallow(b, a));
  });

  it('a missing key is not an undefined one', () => {
    expect(shallowEqual({ a: undefined }, { b: undefined })).toBe(false);
  });
});

// Expected values are taken from go-cty's stdlib tests (number_test.go, collection_test.go, sequence_test.go,
// set_test.go), go-cty-funcs' collection tests, Packer's hcl2template/function tests and Packer's function docs.
import { describe, expect, it } from 'vitest';
import { evalError, evalPlain } from './hcl-functions-helper.js';

describe('numeric functions', () => {
  it.each([
    ['abs(-12.4)', 12.4],
    ['ceil(5.1)', 6],
    ['floor(-5.1)', -6],
    ['log(16, 2)', 4],
    ['max(12, 54, 3)', 54],
    ['max([12, 54, 3]...)', 54],
    ['min("12", 3)', 3],
    ['parseint("100", 10)', 100],
    ['parseint("FF", 16)', 255],
    ['parseint("-10", 16)', -16],
    ['parseint("1011111011101111", 2)', 48879],
    ['parseint("aA", 62)', 10 * 62 + 36],
    ['parseint("zz", 36)', 1295],
    ['pow(3, 2)', 9],
    ['signum(-13)', -1],
    ['signum(0)', 0],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it.each([
    ['max()', 'Call to function "max" failed: must pass at least one number.'],
    ['parseint("12", 1)', '"base" parameter: base must be a whole number between 2 and 62 inclusive.'],
    ['parseint("FF", 10)', '"number" parameter: cannot parse "FF" as a base 10 integer.'],
    ['parseint(12, 10)', '"number" parameter: first argument must be a string, not number.'],
    ['abs("x")', '"num" parameter: a number is required.'],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });
});

describe('list functions', () => {
  it.each([
    ['chunklist(["a", "b", "c", "d", "e"], 2)', [['a', 'b'], ['c', 'd'], ['e']]],
    ['chunklist(["a", "b"], 0)', [['a', 'b']]],
    ['coalescelist(["a", "b"], ["c", "d"])', ['a', 'b']],
    ['coalescelist([], ["c", "d"])', ['c', 'd']],
    ['compact(["a", "", "b", null, "c"])', ['a', 'b', 'c']],
    ['concat(["a", ""], ["b", "c"])', ['a', '', 'b', 'c']],
    ['contains(["a", "b", "c"], "a")', true],
    ['contains(["a", "b", "c"], "d")', false],
    ['contains([1, 2], "1")', false],
    ['distinct(["a", "b", "a", "c", "d", "b"])', ['a', 'b', 'c', 'd']],
    ['element(["a", "b", "c"], 1)', 'b'],
    ['element(["a", "b", "c"], 3)', 'a'],
    ['element(["a", "b", "c"], -1)', 'c'],
    ['flatten([["a", "b"], [], ["c"]])', ['a', 'b', 'c']],
    ['flatten([[["a", "b"], []], ["c"]])', ['a', 'b', 'c']],
    ['index(["a", "b", "c"], "b")', 1],
    ['length([])', 0],
    ['length(["a", "b"])', 2],
    ['length({"a" = "b"})', 1],
    ['length("hello")', 5],
    ['length("💃🏿")', 1],
    ['range(3)', [0, 1, 2]],
    ['range(1, 4)', [1, 2, 3]],
    ['range(0, 1, 0.25)', [0, 0.25, 0.5, 0.75]],
    ['range(4, 1)', [4, 3, 2]],
    ['range(10, 5, -2)', [10, 8, 6]],
    ['reverse([1, 2, 3])', [3, 2, 1]],
    ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
    ['sort(["e", "d", "a", "x"])', ['a', 'd', 'e', 'x']],
    ['sort([3, 10, 1])', ['1', '10', '3']],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it.each([
    ['chunklist(["a"], -1)', '"size" parameter: the size argument must be positive.'],
    ['coalescelist()', 'at least one argument is required'],
    ['coalescelist([], [])', 'no non-null arguments'],
    ['concat(["a"], "b")', '"seqs" parameter: all arguments must be lists or tuples; got string.'],
    ['element([], 0)', 'cannot use element function with an empty list'],
    ['element("x", 0)', 'cannot read elements from string'],
    ['index([], "a")', 'cannot search an empty list'],
    ['index(["a"], "b")', 'item not found'],
    ['length(1)', 'argument must be a string, a collection type, or a structural type'],
    ['range(1, 4, -1)', 'end must be less than start when step is negative'],
    ['range(1, 4, 0)', 'step must not be zero'],
    ['range(2000)', 'more than 1024 values were generated'],
    [
      'slice(["a"], 0, 2)',
      '"end_index" parameter: end index must not be greater than the length of the list.',
    ],
    ['slice(["a", "b"], 2, 1)', 'start index must not be greater than end index'],
    ['sort(["a", null])', 'given list element 1 is null; a null string cannot be sorted'],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });
});

describe('map and set functions', () => {
  it.each([
    ['coalesce("", "b")', 'b'],
    ['coalesce(null, 1, 2)', 1],
    ['keys({a = 1, c = 2, d = 3})', ['a', 'c', 'd']],
    ['lookup({a = "ay", b = "bee"}, "a", "what?")', 'ay'],
    ['lookup({a = "ay", b = "bee"}, "c", "what?")', 'what?'],
    ['merge({a = "b", c = "d"}, {e = "f", c = "z"})', { a: 'b', c: 'z', e: 'f' }],
    ['merge({a = "b"}, null)', { a: 'b' }],
    ['values({a = 3, c = 2, d = 1})', [3, 2, 1]],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ['setintersection(["a", "b"], ["b", "c"], ["b", "d"])', ['b']],
    ['setunion(["a", "b"], ["b", "c"], ["d"])', ['a', 'b', 'c', 'd']],
    ['setunion([3, 1], [2, 1])', [1, 2, 3]],
    [
      'setproduct(["development", "staging"], ["app1", "app2"])',
      [
        ['development', 'app1'],
        ['development', 'app2'],
        ['staging', 'app1'],
        ['staging', 'app2'],
      ],
    ],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it.each([
    ['coalesce(null, "")', 'no non-null, non-empty-string arguments'],
    ['keys("x")', '"inputMap" parameter: must have map or object type.'],
    ['lookup("x", "a", 1)', 'lookup() requires a map as the first argument'],
    ['zipmap(["a"], [1, 2])', 'number of keys (1) does not match number of values (2)'],
    ['setproduct(["a"])', 'at least two arguments are required'],
    ['merge({a = 1}, "x")', 'arguments must be maps or objects, got "string"'],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });
});

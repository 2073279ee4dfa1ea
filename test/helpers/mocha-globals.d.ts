/**
 * The mocha globals that web-test-runner's mocha sets, typed just enough for our tests.
 * `@types/mocha` is not a dependency (tsconfig has `"types": []`), so this small declaration stands in.
 */
interface MochaContextLike {
  timeout(ms: number): void;
  skip(): never;
}
type MochaDone = (error?: unknown) => void;
type MochaTestFn = (this: MochaContextLike, done: MochaDone) => void | Promise<unknown>;
type MochaSuiteFn = (this: MochaContextLike) => void;

interface MochaItLike {
  (title: string, fn?: MochaTestFn): void;
  only(title: string, fn?: MochaTestFn): void;
  skip(title: string, fn?: MochaTestFn): void;
}
interface MochaDescribeLike {
  (title: string, fn: MochaSuiteFn): void;
  only(title: string, fn: MochaSuiteFn): void;
  skip(title: string, fn: MochaSuiteFn): void;
}

declare const describe: MochaDescribeLike;
declare const it: MochaItLike;
declare function before(fn: MochaTestFn): void;
declare function after(fn: MochaTestFn): void;
declare function beforeEach(fn: MochaTestFn): void;
declare function afterEach(fn: MochaTestFn): void;

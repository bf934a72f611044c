import { assignOwn, getOwn, hasOwn, isDict, PyDict, PyValue, setOwn } from './ttp-python.values';

/** A results path item with its trailing asterisks kept apart (`["ports", "*"]`). */
export interface PathItem {
  readonly name: string;
  readonly stars: string;
}

type Container = PyDict | PyValue[];

/** `[a, b*, c]` → `{a: {b: [{c: {}}]}}`: the branch a new path adds. */
export function listToDictFwd(keys: readonly PathItem[]): PyDict {
  if (keys.length === 0) return {};
  const { name, stars } = keys[0];
  const out: PyDict = {};
  setOwn(out, name, stars === '*' ? (keys.length === 1 ? [] : [listToDictFwd(keys.slice(1))]) : listToDictFwd(keys.slice(1)));
  return out;
}

/**
 * The element at `path` inside `element`, creating the branch when missing; a list on the way
 * means its last item. A leading `_` (null path) item is removed from `path` itself.
 */
export function dictByPath(path: PathItem[], element: PyValue): PyValue {
  if (path.length === 0) return element;
  if (isDict(element)) {
    let name = path[0].name;
    if (name === '_') {
      if (path.length === 1) return element;
      path.shift();
      name = path[0].name;
    }
    if (!hasOwn(element, name)) assignOwn(element, listToDictFwd(path));
    return dictByPath(path.slice(1), getOwn(element, name) ?? null);
  }
  if (Array.isArray(element)) {
    if (element.length === 0) element.push(listToDictFwd(path));
    return dictByPath(path, element[element.length - 1]);
  }
  return element;
}

/** Turns the value at `path` into a list `[old, result]` (or appends when already one). */
export function valueToList(data: PyValue, path: PathItem[], result: PyValue): PyValue | undefined {
  if (path.length === 0) return [data, result];
  let rest = path;
  let name = rest[0].name;
  if (name === '_') {
    if (rest.length === 1) {
      if (isDict(data) && isDict(result)) assignOwn(data, result);
      else if (Array.isArray(data) && isDict(data[data.length - 1]) && isDict(result)) assignOwn(data[data.length - 1] as PyDict, result);
      return data;
    }
    rest = rest.slice(1);
    name = rest[0].name;
  }
  if (isDict(data)) {
    if (hasOwn(data, name)) {
      setOwn(data, name, valueToList(data[name], rest.slice(1), result) ?? null);
      return data;
    }
  } else if (Array.isArray(data)) {
    const last = data[data.length - 1];
    if (isDict(last) && hasOwn(last, name)) {
      setOwn(last, name, valueToList(last[name], rest.slice(1), result) ?? null);
      return data;
    }
  }
  return undefined;
}

/** Merges `src` into `dst`, dicts recursively. */
export function mergeRecursively(dst: PyDict, src: PyDict): void {
  for (const [key, value] of Object.entries(src)) {
    const old = getOwn(dst, key);
    if (isDict(old) && isDict(value)) mergeRecursively(old, value);
    else setOwn(dst, key, value);
  }
}

export function isContainer(value: PyValue): value is Container {
  return Array.isArray(value) || isDict(value);
}

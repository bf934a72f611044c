import { ValidationOptions, registerDecorator } from 'class-validator';
import { isPlainObject } from './dto.validator';

/** `command` / `config`: a string, a list of strings, or an object (a template context). */
export function IsPayload(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPayload',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'Input should be a valid string, a list of strings or a dictionary', ...options },
      validator: {
        validate: (v: unknown) =>
          v === null || v === undefined || typeof v === 'string' || isPlainObject(v) || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
      },
    });
}

/** A JSON object (dictionary) whatever its keys. */
export function IsDict(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isObject',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'Input should be a valid dictionary', ...options },
      validator: { validate: (v: unknown) => isPlainObject(v) },
    });
}

/** An object whose values are all strings (headers, cookies). */
export function IsStringMap(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isObject',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'Input should be a valid dictionary of strings', ...options },
      validator: { validate: (v: unknown) => isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string') },
    });
}

import 'reflect-metadata';
import { pydanticText, validateDto } from './dto.validator';
import { ExecutionRequestDto } from './execution-request.dto';
import { crossFieldErrors } from './execution-request.rules';

const base = { driver: 'paramiko', connection_args: { host: '127.0.0.1', username: 'u', password: 'hunter2-secret' } };

describe('ExecutionRequestDto', () => {
  it('accepts a minimal request and fills the defaults', () => {
    const r = validateDto(ExecutionRequestDto, { ...base, command: 'uname -a', site: 'lab' });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ ttl: 300, audit_mode: 'full', detach: false, site: 'lab', command: 'uname -a' });
  });

  it('accepts numeric strings for integers (pydantic lax mode)', () => {
    expect(validateDto(ExecutionRequestDto, { ...base, command: 'x', ttl: '60' }).value?.ttl).toBe(60);
  });

  it.each([
    ['ttl', 0, 'greater_than_equal'],
    ['ttl', 86401, 'less_than_equal'],
    ['ttl', 'abc', 'int_type'],
    ['result_ttl', 59, 'greater_than_equal'],
    ['execution_timeout', 1.5, 'int_type'],
    ['queue_strategy', 'lifo', 'literal_error'],
    ['push_interval', 4000, 'less_than_equal'],
    ['connection_args', 'host', 'dict_type'],
    ['command', [1, 2], 'isPayload'],
  ])('rejects %s=%p naming the field', (field, value, type) => {
    const r = validateDto(ExecutionRequestDto, { ...base, command: 'x', [field]: value });
    expect(r.errors).toEqual([expect.objectContaining({ loc: ['body', field], type })]);
  });

  it('names missing required fields', () => {
    const r = validateDto(ExecutionRequestDto, { command: 'x' });
    expect(r.errors.map((e) => [e.loc.join('.'), e.type])).toEqual([
      ['body.driver', 'missing'],
      ['body.connection_args', 'missing'],
    ]);
  });

  it('validates nested webhook fields', () => {
    const r = validateDto(ExecutionRequestDto, { ...base, command: 'x', webhook: { url: 'ftp://x', timeout: 500 } });
    expect(r.errors.map((e) => e.loc.join('.'))).toEqual(['body.webhook.url', 'body.webhook.timeout']);
  });

  it('never echoes a secret in the error input', () => {
    const r = validateDto(ExecutionRequestDto, { ...base, ttl: 0, command: 'x' });
    const crossed = crossFieldErrors({ ...(validateDto(ExecutionRequestDto, { ...base, command: 'x', config: 'y' }).value as ExecutionRequestDto) });
    const text = JSON.stringify([r.errors, crossed]) + pydanticText('ExecutionRequest', r.errors);
    expect(text).not.toContain('hunter2-secret');
  });

  it.each([
    [{ push_interval: 5 }, '`push_interval` requires `detach=True`'],
    [{ driver: 'netmiko', detach: true }, '`detach` is only supported by the paramiko driver'],
    [{ driver: 'pyeapi', file_transfer: { operation: 'upload', remote_path: '/tmp/' } }, '`file_transfer` is not supported by the pyeapi driver'],
    [{ config: 'hostname x' }, 'Only one of `config` or `command` can be set'],
    [{ command: null }, 'One of `config`, `command`'],
    [{ command: { a: 1 } }, '`rendering` is required'],
  ])('cross-field rule %p', (extra, message) => {
    const r = validateDto(ExecutionRequestDto, { ...base, command: 'x', ...extra });
    expect(r.errors).toEqual([]);
    const errors = crossFieldErrors(r.value as ExecutionRequestDto);
    expect(errors).toHaveLength(1);
    expect(errors[0].msg).toContain(message);
    expect(errors[0].msg.startsWith('Value error, ')).toBe(true);
  });

  it('renders the pydantic text used by /device/exec', () => {
    const r = validateDto(ExecutionRequestDto, { ...base, command: 'x', ttl: 0 });
    expect(pydanticText('ExecutionRequest', r.errors)).toBe(
      '1 validation error for ExecutionRequest\nttl\n  Input should be greater than or equal to 1 [type=greater_than_equal, input_value=0, input_type=int]',
    );
  });
});

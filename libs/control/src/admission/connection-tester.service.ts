import { Injectable } from '@nestjs/common';
import { ApiError, CONTRACT_DRIVERS, ConnectionTestDto, ConnectionTestResponse, formatDatetime, maskFieldInput, unknownDriverError, validateDto } from '@netpulse/contracts';
import { AppConfig } from '@netpulse/config';
import { CredentialResolver, resolvedSecretValues, withCredentialPlaceholders } from '@netpulse/credentials';
import { DriverRegistry, DriverValidationError, keyFileRefusals } from '@netpulse/drivers';
import { forgetSecretValue, redactText, registerSecretValue } from '@netpulse/observability';
import { RedisHostKeyStore } from '@netpulse/state';
import { checkCredential, resolveCredential } from './credential.request';
import { OutboundTargetsCheck } from './outbound-targets.check';
import { withNapalmHostAlias } from './napalm-hostname.alias';

/** `POST /device/test`: synchronous, in the controller, a real connection. */
@Injectable()
export class ConnectionTester {
  constructor(
    private readonly config: AppConfig,
    private readonly credentials: CredentialResolver,
    private readonly drivers: DriverRegistry,
    private readonly hostKeys: RedisHostKeyStore,
    private readonly targets: OutboundTargetsCheck,
  ) {}

  async test(body: unknown, jsonError: string | undefined): Promise<ConnectionTestResponse> {
    if (jsonError !== undefined) throw ApiError.unprocessable([{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {}, ctx: { error: jsonError } }]);
    const checked = validateDto(ConnectionTestDto, body);
    if (checked.value === null) throw ApiError.unprocessable(checked.errors);
    const dto = checked.value;
    dto.connection_args = withNapalmHostAlias(dto.driver, dto.connection_args);
    const driver = this.drivers.get(dto.driver);
    if (!driver) {
      if (CONTRACT_DRIVERS.includes(dto.driver)) throw ApiError.badRequest(`Driver ${dto.driver} is not supported by this server yet`);
      throw ApiError.unprocessable([unknownDriverError(dto.driver, [...new Set([...this.drivers.names(), ...CONTRACT_DRIVERS])])]);
    }
    const credential = dto.credential ? checkCredential(this.credentials, dto.credential) : null;
    try {
      driver.validate({ connection_args: credential ? withCredentialPlaceholders(dto.connection_args, credential) : dto.connection_args, driver_args: null, extras: {} });
    } catch (err) {
      if (err instanceof DriverValidationError) throw new ApiError(400, { detail: 'Validation Error', errors: err.errors.map((e) => ({ ...e, input: maskFieldInput(e.loc, e.input) })) });
      throw err;
    }
    const keyFile = keyFileRefusals(this.config.value.security.key_root, dto.connection_args)[0];
    if (keyFile) throw ApiError.badRequest(keyFile);
    await this.targets.assertAllowed({ connection_args: dto.connection_args });
    // The test runs here, now: the reference is resolved in the controller (and its secrets masked in any error).
    const args = credential ? await resolveCredential(this.credentials, credential, dto.connection_args) : dto.connection_args;
    const secrets = resolvedSecretValues(dto.connection_args, args);
    secrets.forEach(registerSecretValue);
    const started = Date.now();
    try {
      const result = await driver.test(args, { hostKeys: this.hostKeys, keyRoot: this.config.value.security.key_root });
      return { success: true, latency: (Date.now() - started) / 1000, error: null, result, timestamp: formatDatetime(Date.now() * 1000) };
    } catch (err) {
      const message = redactText(err instanceof Error ? err.message : String(err));
      return { success: false, latency: (Date.now() - started) / 1000, error: message, result: null, timestamp: formatDatetime(Date.now() * 1000) };
    } finally {
      secrets.forEach(forgetSecretValue);
    }
  }
}

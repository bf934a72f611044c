import { ConnectionTestDto } from '../requests/connection-test.dto';
import { CredentialRefDto } from '../requests/credential-ref.dto';
import { ExecutionRequestDto } from '../requests/execution-request.dto';
import { CONTRACT_DRIVERS } from '../requests/execution-request.rules';
import { FileTransferDto } from '../requests/file-transfer.dto';
import { TemplateParseDto, TemplateRenderDto } from '../requests/template.dto';
import { WebhookDto } from '../requests/webhook.dto';
import type { DtoSchemaEntry } from './dto-schema.builder';

const drivers = `One of the drivers this server registered (the contract's: ${CONTRACT_DRIVERS.join(', ')}); another name → 422 listing the known ones.`;

/** The request DTOs the API validates with, under the original's model names. */
export const REQUEST_DTO_ENTRIES: readonly DtoSchemaEntry[] = [
  {
    cls: ExecutionRequestDto,
    name: 'ExecutionRequest',
    extraAllowed: true,
    description:
      'Body of `POST /device/exec`. Exactly one of `command`/`config` (or `file_transfer`, `driver_args`, `staged_file_id`); unknown top-level keys are kept for the driver (`save`, `enable_mode`, ...).',
    fields: {
      driver: drivers,
      connection_args: '`host` is required by the route; `device_type`, `username`, `password`, `port`, `keepalive`, ... are checked by the driver.',
      command: 'Query operation (driver `send`).',
      config: 'Configuration operation (driver `config`).',
      driver_args:
        'Arguments of the driver operation, checked by the driver. napalm: `replace` (true: load_replace_candidate, the lines are the whole configuration), `message` (commit comment; junos), `revert_in` (seconds until the device rolls the commit back unless `confirm_commit`), `retrieve` / `sanitized` (get_config).',
      queue_strategy: 'Inferred when absent: `detach` or netmiko → pinned, else fifo.',
      ttl: 'Seconds the job may wait in its queue; null → `job.ttl`.',
      execution_timeout: 'Hard execution limit, seconds; null → 3600 with `file_transfer`, else `job.timeout`.',
      result_ttl: 'Seconds the ended job and its result stay readable; null → `job.result_ttl`.',
      detach: 'paramiko only: launch a background task.',
      push_interval: 'Seconds between log pushes of a detached task to its webhook; requires `detach`.',
      staged_file_id: 'Internal: set by the multipart upload.',
    },
  },
  {
    cls: ConnectionTestDto,
    name: 'ConnectionTestRequest',
    extraAllowed: true,
    description: 'Body of `POST /device/test` and `POST /detached-tasks/discover`.',
    fields: { driver: drivers },
  },
  { cls: CredentialRefDto, name: 'CredentialRef', extraAllowed: false, description: 'A reference to a secret held by the configured credential provider (`vault`: HashiCorp Vault KV v2; `file`: a directory of secret files). The worker fetches it just before it connects; resolved secrets are never stored.' },
  {
    cls: FileTransferDto,
    name: 'FileTransferModel',
    extraAllowed: false,
    description: 'A file transfer (paramiko and netmiko).',
    fields: { remote_path: 'A trailing `/` on upload appends the local file name.', chunk_size: 'Bytes.' },
  },
  {
    cls: TemplateRenderDto,
    name: 'TemplateRenderRequest',
    extraAllowed: true,
    description: '`rendering` of a request and body of `/template/render`.',
    fields: { template: 'Inline text, or an `http(s)://`, `ftp://` or `file://` source.' },
  },
  {
    cls: TemplateParseDto,
    name: 'TemplateParseRequest',
    extraAllowed: true,
    description: '`parsing` of a request and body of `/template/parse` (`template` may be omitted when `use_ntc_template` asks for an index lookup).',
    fields: {
      context: 'The text to parse (for `/template/parse`).',
      name: 'Parser: `textfsm` (TextFSM template, or the ntc-templates index) or `ttp` (TTP template).',
      use_ttp_template: 'Not supported until a ttp-templates collection is bundled (answers 400): pass the TTP template in `template`.',
      ntc_template_args:
        '`{platform, command}` for the ntc-templates index. On a job either may be left out: the platform then comes from `connection_args.device_type` and the command from each result (abbreviations such as `sh ip int br` match as the index matches them); a result whose command has no template gets `parsed: null` and `metadata.parsing_note`.',
    },
  },
  {
    cls: WebhookDto,
    name: 'WebHook',
    extraAllowed: false,
    description: 'Where to report the job outcome.',
    fields: { timeout: 'Seconds.', retry_intervals: 'Seconds before retry n (the last value is reused).', auth: 'HTTP Basic `[user, password]`.' },
  },
];

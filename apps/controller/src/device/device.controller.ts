import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { ConnectionTestResponse, JobInResponse } from '@netpulse/contracts';
import type { ParsedBodyRequest } from '../http/json-body.middleware';
import { ConnectionTester } from './connection-tester.service';
import { ExecRequestParser } from './exec-request.parser';
import { JobDispatcher } from './job-dispatcher.service';

@Controller('device')
export class DeviceController {
  constructor(
    private readonly dispatcher: JobDispatcher,
    private readonly parser: ExecRequestParser,
    private readonly tester: ConnectionTester,
  ) {}

  @Post('exec')
  @HttpCode(201)
  exec(@Req() req: ParsedBodyRequest): Promise<JobInResponse> {
    return this.dispatcher.dispatch(this.parser.parse(req.body, req.jsonError));
  }

  @Post('test')
  @HttpCode(200)
  test(@Req() req: ParsedBodyRequest, @Body() body: unknown): Promise<ConnectionTestResponse> {
    return this.tester.test(body, req.jsonError);
  }
}

import { TextFsm } from '../textfsm/text-fsm';
import { NtcCliTable } from './ntc-cli-table';

// Expected tables are textfsm clitable.CliTable.ParseCmd's for the same templates and text.
const templateStub = {
  keyedSpeed: 'Value Key PORT (\\S+)\nValue SPEED (\\S+)\n\nStart\n  ^speed ${PORT} ${SPEED} -> Record\n',
  keyedStatus: 'Value Key PORT (\\S+)\nValue STATUS (\\S+)\n\nStart\n  ^status ${PORT} ${STATUS} -> Record\n',
  lists: 'Value PORT (\\S+)\nValue List VLANS (\\d+)\nValue List USERS ((?P<name>\\w+)=(?P<role>\\w+)?)\n\nStart\n  ^port ${PORT}(\\s+${VLANS})?\\s+${USERS} -> Record\n',
  plainSpeed: 'Value SPEED (\\S+)\n\nStart\n  ^speed \\S+ ${SPEED} -> Record\n',
  plainStatus: 'Value PORT (\\S+)\nValue STATUS (\\S+)\n\nStart\n  ^status ${PORT} ${STATUS} -> Record\n',
};
const portText = 'status p1 up\nstatus p2 down\nspeed p2 10G\nspeed p1 1G\nspeed p3 40G\n';

describe('NtcCliTable', () => {
  it('adds the columns of further templates to the rows with the same Key values', () => {
    const sut = NtcCliTable.parse([TextFsm.parse(templateStub.keyedStatus), TextFsm.parse(templateStub.keyedSpeed)], portText);

    expect(sut).toEqual({
      header: ['PORT', 'STATUS', 'SPEED'],
      rows: [
        ['p1', 'up', '1G'],
        ['p2', 'down', '10G'],
      ],
    });
  });

  it('joins by row position when no template has keys', () => {
    const sut = NtcCliTable.parse([TextFsm.parse(templateStub.plainStatus), TextFsm.parse(templateStub.plainSpeed)], portText);

    expect(sut.rows).toEqual([
      ['p1', 'up', '10G'],
      ['p2', 'down', '1G'],
    ]);
  });

  it("stores List items as strings: None for an unmatched group, Python's repr for a dict", () => {
    const sut = NtcCliTable.parse([TextFsm.parse(templateStub.lists)], 'port e1 10 bob=admin\nport e2 amy=\n');

    expect(sut.rows).toEqual([
      ['e1', ['10'], ["{'name': 'bob', 'role': 'admin'}"]],
      ['e2', ['None'], ["{'name': 'amy', 'role': None}"]],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { auditTable } from './audit';

describe('auditTable', () => {
  it('shows when, which token, what, on what, and the details as key=value', () => {
    const text = auditTable([
      { id: 'e2', createdAt: '2026-11-28T15:00:01.123Z', tokenId: 't1', tokenName: 'ci', action: 'run.cancelled', targetType: 'Run', targetId: 'r1', details: { from: 'RUNNING', studyId: 's1' } },
      { id: 'e1', createdAt: '2026-11-28T14:00:00.000Z', tokenId: null, tokenName: 'first start', action: 'team.created', targetType: 'Team', targetId: null, details: null },
    ]);
    expect(text.split('\n')).toEqual([
      'time                 token        action         target  details',
      '2026-11-28 15:00:01  ci           run.cancelled  Run r1  from=RUNNING studyId=s1',
      '2026-11-28 14:00:00  first start  team.created   Team',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { decide, roleOf } from '../../../src/domain/permissions.js';

const open = { admins: ['UADMIN'], members: null };
const closed = { admins: ['UADMIN'], members: ['UALICE', 'UBOB'] };

describe('roleOf', () => {
  it('makes admins from POD_ADMINS and everyone a member when POD_MEMBERS is unset', () => {
    expect(roleOf('UADMIN', open)).toBe('admin');
    expect(roleOf('USTRANGER', open)).toBe('member');
  });

  it('makes users outside POD_MEMBERS read-only when it is set', () => {
    expect(roleOf('UALICE', closed)).toBe('member');
    expect(roleOf('USTRANGER', closed)).toBe('reader');
    expect(roleOf('UADMIN', closed)).toBe('admin');
  });
});

describe('decide', () => {
  it('lets members act on their own pods only', () => {
    expect(decide('stop', 'UALICE', 'UALICE', closed)).toEqual({ allowed: true, role: 'member' });
    expect(decide('stop', 'UALICE', 'UBOB', closed)).toEqual({
      allowed: false,
      role: 'member',
      refusal: 'not_owner',
    });
    for (const action of ['resume', 'terminate', 'keep'] as const) {
      expect(decide(action, 'UALICE', 'UBOB', closed).allowed).toBe(false);
      expect(decide(action, 'UALICE', 'UALICE', closed).allowed).toBe(true);
    }
  });

  it('asks members to claim an unowned pod before stopping it', () => {
    expect(decide('stop', 'UALICE', null, closed)).toEqual({
      allowed: false,
      role: 'member',
      refusal: 'unowned',
    });
  });

  it('lets members answer idle prompts of their own and of unowned pods', () => {
    expect(decide('idle_answer', 'UALICE', null, closed).allowed).toBe(true);
    expect(decide('idle_answer', 'UALICE', 'UALICE', closed).allowed).toBe(true);
    expect(decide('idle_answer', 'UALICE', 'UBOB', closed).allowed).toBe(false);
  });

  it('lets admins do everything on every pod', () => {
    for (const action of [
      'stop',
      'terminate',
      'assign',
      'exempt',
      'keep_long',
      'deploy_over_limit',
    ] as const) {
      expect(decide(action, 'UADMIN', 'UBOB', closed)).toEqual({ allowed: true, role: 'admin' });
    }
  });

  it('keeps assign, exempt and long keeps for admins', () => {
    for (const action of ['assign', 'exempt', 'unexempt', 'keep_long', 'deploy_over_limit'] as const) {
      expect(decide(action, 'UALICE', 'UALICE', closed)).toEqual({
        allowed: false,
        role: 'member',
        refusal: 'admin_only',
      });
    }
  });

  it('lets any member claim, deploy and manage digests', () => {
    for (const action of ['claim', 'deploy', 'digest'] as const) {
      expect(decide(action, 'UBOB', null, closed).allowed).toBe(true);
    }
  });

  it('refuses every mutation to read-only users, their own pods included', () => {
    for (const action of ['stop', 'claim', 'deploy', 'digest', 'idle_answer'] as const) {
      expect(decide(action, 'USTRANGER', 'USTRANGER', closed)).toEqual({
        allowed: false,
        role: 'reader',
        refusal: 'read_only',
      });
    }
  });
});
